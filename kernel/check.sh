#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# make kernel-check, for CI: (1) kernel/patches/6.1 applies to Debian's
# linux-source-6.1, and a damaged patch is refused; (2) the debian-6.1
# variant boots under TCG and runs one short faultstorm scenario whose
# results come back complete and labelled (variant, virtualized tcg).
# The checker of (2) is first shown a bad meta.json: it must refuse it.
set -eu
. "$(dirname "$0")/lib.sh"

t0=$(date +%s)
fails=0
ok() { echo "ok - $*"; }
notok() { echo "not ok - $*"; fails=$((fails + 1)); }

# 1. The patch series applies; a corrupted copy does not.
if out=$("$KDIR/check-patches.sh" 6.1 2>&1); then ok "$out"; else notok "patches do not apply: $out"; fi
bad=$(mktemp -d)
trap 'rm -rf "$bad"' EXIT
cp "$KDIR"/patches/6.1/*.patch "$bad/"
first=$(ls "$bad"/*.patch | head -1)
# Change a context line of the first hunk, as a stale patch would have.
awk 'hunk && /^ ./ && !done { $0 = " X" substr($0, 2); done = 1 } /^@@/ { hunk = 1 } { print }' \
	"$first" >"$bad/damaged" && mv "$bad/damaged" "$first"
if PATCHDIR=$bad "$KDIR/check-patches.sh" 6.1 >/dev/null 2>&1; then
	notok "negative control: a damaged patch was accepted"
else
	ok "negative control: a damaged patch is refused"
fi

# check_meta FILE VARIANT VIRT: the run is complete and labelled.
check_meta() {
	python3 - "$@" <<'PY'
import json, sys
path, variant, virt = sys.argv[1:4]
m = json.load(open(path))
errs = []
if m.get("complete") is not True:
    errs.append("complete is %r, not true" % m.get("complete"))
if m.get("variant") != variant:
    errs.append("variant is %r, not %r" % (m.get("variant"), variant))
v = m.get("virtualized")
mode = v.get("mode") if isinstance(v, dict) else v
if mode != virt:
    errs.append("virtualized is %r, not %r" % (v, virt))
if errs:
    sys.exit(path + ": " + "; ".join(errs))
PY
}
printf '{"complete": false, "variant": "debian-6.1", "virtualized": {"mode": "kvm"}}\n' >"$bad/meta.json"
if check_meta "$bad/meta.json" debian-6.1 tcg 2>/dev/null; then
	notok "negative control: check_meta accepted an incomplete kvm run"
else
	ok "negative control: check_meta refuses an incomplete kvm run"
fi

# 2. debian-6.1 under TCG, one short scenario, results back in a scratch tree.
res=$KBUILD_DIR/check-results
rm -rf "$res"
b0=$(date +%s)
if dir=$(RESULTS=$res ACCEL=tcg VM_CPUS=2 VM_MEM=2G VM_TIMEOUT=${VM_TIMEOUT:-240} \
	"$KDIR/vm-run.sh" debian-6.1 run --aggressor populate --victims fault-anon:1 \
	--size 64M --duration 1 --warmup 0.2 --quiet | tail -n 1); then
	b1=$(date +%s)
	ok "debian-6.1 booted under TCG and ran populate-64M.fault-anon1 ($((b1 - b0)) s)"
	if [ -f "$dir/meta.json" ] && check_meta "$dir/meta.json" debian-6.1 tcg; then
		ok "meta.json: complete, variant debian-6.1, virtualized tcg"
	else
		notok "meta.json missing or wrong in '$dir'"
	fi
	case $(awk -F'\t' '$2 == "victim" && $6 > 0 { n++ } END { print n + 0 }' "$dir/summary.tsv" 2>/dev/null) in
	0|"") notok "summary.tsv has no victim row with operations";;
	*) ok "summary.tsv has victim rows with operations";;
	esac
	case $(sed -n 's/.*"release": *"\([^"]*\)".*/\1/p' "$dir/meta.json" | head -1) in
	6.1.*-cloud-amd64) ok "the run was on Debian's 6.1 cloud kernel";;
	*) notok "meta.json kernel release is not a 6.1 cloud kernel";;
	esac
else
	notok "debian-6.1 VM run failed"
fi

# 3. Optional (KERNEL_CHECK_BUILD=1, ~5 min cold on 2 cores, ~2 min with a
# warm ccache): build the patched 6.1 and check that populate_locked does
# what it says.  Both runs populate 128M against two faulters; with
# populate_locked=1 a faulter must wait for most of a populate, with 0 it
# must not: each is the other's negative control.
# stall_ratio DIR: the slowest victim op over the mean populate.
stall_ratio() {
	awk -F'\t' '$2 == "aggressor" && $3 == "mmap-populate" { pop = $15 }
		$2 == "victim" && $14 > max { max = $14 }
		END { if (pop > 0) printf "%.2f\n", max / pop; else print "none" }' "$1/summary.tsv"
}
if [ "${KERNEL_CHECK_BUILD:-0}" = 1 ]; then
	for v in 6.1 6.1-legacy; do
		if dir=$(RESULTS=$res ACCEL=tcg VM_TIMEOUT=${VM_TIMEOUT:-900} "$KDIR/vm-run.sh" "$v" \
			run --aggressor populate --victims fault-anon:2 --size 128M --duration 3 \
			--warmup 0.5 --no-trace --quiet | tail -n 1); then
			r=$(stall_ratio "$dir")
			case $v in
			6.1-legacy) want=">= 0.5"; good=$(echo "$r >= 0.5" | bc 2>/dev/null || echo 0);;
			*) want="< 0.3"; good=$(echo "$r < 0.3" | bc 2>/dev/null || echo 0);;
			esac
			if [ "$good" = 1 ]; then
				ok "$v: slowest fault / mean populate = $r ($want)"
			else
				notok "$v: slowest fault / mean populate = $r, expected $want ($dir)"
			fi
		else
			notok "$v: build or VM run failed"
		fi
	done
fi

echo "kernel-check: $fails failure(s) in $(($(date +%s) - t0)) s"
[ $fails -eq 0 ]
