#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Boot a kernel variant in QEMU, run one faultstorm command inside, and
# bring its results back into the host's results/ tree.
#
# usage: kernel/vm-run.sh VARIANT FAULTSTORM-ARGS...
#   e.g. kernel/vm-run.sh debian-6.1 suite bench/suites/default
#   The guest runs bench/faultstorm FAULTSTORM-ARGS --out /results with
#   FAULTSTORM_VARIANT=VARIANT and FAULTSTORM_VIRT=kvm|tcg set.
#   Prints each run or suite directory it brought back, one per line.
# env:
#   VM_CPUS (4)  VM_MEM (8G)  VM_TIMEOUT seconds for the whole VM (1800)
#   VM_NODES (1): split CPUs and memory evenly into this many NUMA nodes
#   ACCEL auto|kvm|tcg (auto: KVM if a 10 s probe boot succeeds, else TCG)
#   RESULTS (results)  VM_APPEND extra kernel parameters
#   KERNEL_IMAGE boot this image instead of building/fetching the variant's
# Exit status: faultstorm's inside the guest, or 1 if the VM failed.
set -eu
. "$(dirname "$0")/lib.sh"

[ $# -ge 2 ] || { echo "usage: $0 VARIANT FAULTSTORM-ARGS..." >&2; exit 2; }
load_variant "$1"
shift
VM_CPUS=${VM_CPUS:-4}
VM_MEM=${VM_MEM:-8G}
VM_TIMEOUT=${VM_TIMEOUT:-1800}
VM_NODES=${VM_NODES:-1}
ACCEL=${ACCEL:-auto}
RESULTS=${RESULTS:-$TOP/results}
QEMU=${QEMU:-qemu-system-x86_64}
command -v "$QEMU" >/dev/null || die "$QEMU not found; apt-get install qemu-system-x86"
command -v timeout >/dev/null || die "timeout (coreutils) not found"

[ "$KIND" != host ] || die "variant $VARIANT is the running kernel; it runs without a VM (make vm-bench handles that)"
kimage=${KERNEL_IMAGE:-$("$KDIR/image.sh" "$VARIANT")}
[ -f "$kimage" ] || die "kernel image '$kimage' missing"

stamp=$(date -u +%Y%m%dT%H%M%SZ)
work=$KBUILD_DIR/vm/$VARIANT-$stamp-$$
mkdir -p "$work/job"
# FAULTSTORM_VIRT comes from fsvirt= on the command line, once known.
echo "FAULTSTORM_VARIANT=$VARIANT" >"$work/job/env"
printf '%s\n' bench/faultstorm "$@" --out /results >"$work/job/args"
"$KDIR/mkinitramfs.sh" "$work/initramfs.cpio.gz" "$work/job"

# qemu_boot LIMIT LOG APPEND ACCEL-ARGS...: one boot bounded by LIMIT
# seconds; the console goes to LOG (the guest's own progress lines also to
# stderr), QEMU's errors to LOG.err, the second serial port to $work/ttyS1.
qemu_boot() {
	local limit=$1 log=$2 append=$3
	shift 3
	# shellcheck disable=SC2086
	timeout -k 5 "$limit" "$QEMU" "$@" -nodefaults -no-reboot \
		-display none -monitor none -m "$VM_MEM" -smp "$VM_CPUS" $numa_args \
		-kernel "$kimage" -initrd "$work/initramfs.cpio.gz" \
		-append "console=ttyS0 panic=-1 softlockup_panic=1 $append" \
		-chardev "stdio,id=con,signal=off,logfile=$log" -serial chardev:con \
		-serial "file:$work/ttyS1" </dev/null 2>"$log.err" |
		grep --line-buffered '^faultstorm-guest:' >&2
	return "${PIPESTATUS[0]}"
}

# NUMA topology: VM_NODES nodes, each with an equal share of CPUs and RAM.
numa_args=
if [ "$VM_NODES" -gt 1 ] 2>/dev/null; then
	mem_mb=$(numfmt --from=iec "${VM_MEM}" 2>/dev/null) || die "VM_MEM=$VM_MEM is not a size like 8G"
	mem_mb=$((mem_mb / 1048576))
	[ $((VM_CPUS % VM_NODES)) -eq 0 ] || die "VM_CPUS=$VM_CPUS does not split evenly into VM_NODES=$VM_NODES nodes"
	per_cpu=$((VM_CPUS / VM_NODES)) per_mem=$((mem_mb / VM_NODES))
	for n in $(seq 0 $((VM_NODES - 1))); do
		numa_args="$numa_args -object memory-backend-ram,id=m$n,size=${per_mem}M"
		numa_args="$numa_args -numa node,nodeid=$n,memdev=m$n,cpus=$((n * per_cpu))-$((n * per_cpu + per_cpu - 1))"
	done
	VM_MEM=$((per_mem * VM_NODES))M
elif [ "$VM_NODES" != 1 ]; then
	die "VM_NODES must be a positive number, not '$VM_NODES'"
fi

accel_args() {
	case $1 in
	kvm) echo "-accel kvm -cpu host";;
	tcg) echo "-accel tcg,thread=multi -cpu max";;
	esac
}

if [ "$ACCEL" = auto ]; then
	ACCEL=tcg
	if [ -r /dev/kvm ] && [ -w /dev/kvm ]; then
		# KVM can hang outright on nested setups, so only a boot that
		# reaches userspace within the limit counts.
		# shellcheck disable=SC2046
		if qemu_boot 10 "$work/kvm-probe.log" "quiet fsjob=probe" $(accel_args kvm) 2>/dev/null &&
			grep -q "faultstorm-guest: probe-ok" "$work/kvm-probe.log"; then
			ACCEL=kvm
		else
			note "KVM probe boot failed or hung (10 s limit); using TCG ($(grep -v warning "$work/kvm-probe.log.err" | head -1 | cut -c1-120))"
		fi
	fi
fi
case $ACCEL in
kvm|tcg) ;;
*) die "ACCEL must be auto, kvm or tcg, not '$ACCEL'";;
esac

note "$VARIANT: booting $(basename "$kimage") under $ACCEL, $VM_CPUS CPUs, $VM_MEM, $VM_NODES node(s), boot: ${BOOT:-none}, limit ${VM_TIMEOUT}s"
: >"$work/ttyS1"
t0=$(date +%s.%N)
set +e
# shellcheck disable=SC2046
qemu_boot "$VM_TIMEOUT" "$work/console.log" "quiet ${BOOT:-} ${VM_APPEND:-} fsjob=run fsvirt=$ACCEL" $(accel_args "$ACCEL")
qrc=$?
set -e
t1=$(date +%s.%N)

fail() {
	echo "---- last lines of $work/console.log ----" >&2
	tail -n 25 "$work/console.log" >&2 || true
	echo "----" >&2
	[ -s "$work/console.log.err" ] && { echo "QEMU stderr:" >&2; cat "$work/console.log.err" >&2; }
	die "$VARIANT: $*"
}
if [ $qrc -eq 124 ] || [ $qrc -eq 137 ]; then
	fail "VM did not finish within VM_TIMEOUT=${VM_TIMEOUT}s and was killed (raise VM_TIMEOUT for long suites; under TCG everything is ~10x slower)"
fi
# softlockup_panic=1 and panic=-1 end a wedged guest at once instead of
# at VM_TIMEOUT.
if grep -q "Kernel panic" "$work/console.log"; then
	fail "the guest kernel panicked: $(grep -m1 -E 'soft lockup|Kernel panic' "$work/console.log" | cut -c1-160)"
fi
grep -q "faultstorm-guest: up" "$work/console.log" ||
	fail "the kernel never reached the guest's /init (QEMU exit status $qrc): boot failure"
grep -q "FAULTSTORM-RESULTS-END" "$work/ttyS1" ||
	fail "the guest did not send its results back (QEMU exit status $qrc)"

grc=$(sed -n 's/.*FAULTSTORM-RESULTS-END rc=\([0-9]*\).*/\1/p' "$work/ttyS1" | tr -d '\r')
sum=$(sed -n 's/.*FAULTSTORM-RESULTS-BEGIN \([0-9a-f]*\).*/\1/p' "$work/ttyS1" | tr -d '\r')
sed -n '/FAULTSTORM-RESULTS-BEGIN/,/FAULTSTORM-RESULTS-END/p' "$work/ttyS1" | sed '1d;$d' |
	tr -d '\r' | base64 -d >"$work/results.tgz" || fail "results transfer is not valid base64"
[ "$(sha256sum <"$work/results.tgz" | cut -d' ' -f1)" = "$sum" ] ||
	fail "results transfer corrupted (sha256 mismatch)"
mkdir -p "$work/results"
tar -C "$work/results" -xzf "$work/results.tgz"
note "$VARIANT: VM ran $(echo "$t1 - $t0" | bc | cut -c1-6) s under $ACCEL, faultstorm exit status $grc"

# Move each run or suite directory into place; never overwrite.
mkdir -p "$RESULTS"
newest=
for d in "$work"/results/*/*/; do
	[ -d "$d" ] || continue
	d=${d%/}
	rel=$(basename "$(dirname "$d")")
	name=$(basename "$d")
	case $name in .*) continue;; esac
	mkdir -p "$RESULTS/$rel"
	[ -e "$RESULTS/$rel/$name" ] && die "$RESULTS/$rel/$name already exists; not overwriting"
	mv "$d" "$RESULTS/$rel/$name"
	echo "$RESULTS/$rel/$name"
	newest=$rel/$name
done
if [ -n "$newest" ]; then
	ln -sfn "$newest" "$RESULTS/latest.tmp" && mv -T "$RESULTS/latest.tmp" "$RESULTS/latest"
fi
echo "$ACCEL" >"$work/accel"
# Keep the logs of every VM run, not its bulk: the initramfs and the
# transfer are rebuilt or moved into results/.
rm -rf "$work/initramfs.cpio.gz" "$work/results.tgz" "$work/ttyS1" "$work/results"
echo "$t1 - $t0" | bc >"$work/vm-seconds"
exit "${grc:-1}"
