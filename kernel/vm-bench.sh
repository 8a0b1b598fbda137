#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Run a suite on one kernel variant: in QEMU for a built or Debian kernel,
# directly for KIND=host.  Results land in results/ like any other run,
# with "variant" (and "virtualized" in a VM) in meta.json.  Prints the
# suite directory it produced.
#
# usage: kernel/vm-bench.sh VARIANT SUITE [EXTRA-FAULTSTORM-OPTIONS...]
#   SUITE is a name in bench/suites/ or a suite file under the source tree
#   (e.g. kernel/suites/compare).
set -eu
. "$(dirname "$0")/lib.sh"

[ $# -ge 2 ] || { echo "usage: $0 VARIANT SUITE [OPTIONS...]" >&2; exit 2; }
load_variant "$1"
suite=$2
shift 2
case $suite in
*/*) suitefile=${suite#"$TOP"/};;
*) suitefile=bench/suites/$suite;;
esac
[ -f "$TOP/$suitefile" ] || die "no suite $suitefile (bench/suites has: $(ls "$TOP/bench/suites" 2>/dev/null | tr '\n' ' '))"
[ -x "$TOP/bench/faultstorm" ] || die "bench/faultstorm is not built; run make first"

if [ "$KIND" = host ]; then
	RESULTS=${RESULTS:-$TOP/results}
	note "$VARIANT: running suite $suitefile on the running kernel $(uname -r)"
	cd "$TOP"
	before=$(readlink "$RESULTS/latest" 2>/dev/null || true)
	rc=0
	FAULTSTORM_VARIANT=$VARIANT bench/faultstorm suite "$suitefile" --out "$RESULTS" "$@" >&2 || rc=$?
	after=$(readlink "$RESULTS/latest" 2>/dev/null || true)
	[ -n "$after" ] && [ "$after" != "$before" ] || die "faultstorm (exit status $rc) left no new suite in $RESULTS"
	case $after in /*) echo "$after";; *) echo "$RESULTS/$after";; esac
	exit $rc
fi
exec "$KDIR/vm-run.sh" "$VARIANT" suite "$suitefile" "$@"
