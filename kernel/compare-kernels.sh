#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Run one suite on several kernel variants and compare them.  Each variant
# runs through kernel/vm-bench.sh (QEMU, or directly for host); then
# `faultstorm compare` renders the comparison if this faultstorm has it,
# and kernel/table.sh prints a plain table in any case.  Everything goes
# to results/compare/<UTC>/: variants.tsv (variant -> suite directory),
# table.txt, and compare.txt plus compare/ (report.html, plots) from
# faultstorm compare, whose baseline is the first variant.
#
# usage: kernel/compare-kernels.sh VARIANT... [-- FAULTSTORM-OPTIONS...]
# env: SUITE (a bench/suites name or a file path; default kernel/suites/compare)
set -eu
. "$(dirname "$0")/lib.sh"

variants=
while [ $# -gt 0 ] && [ "$1" != -- ]; do
	load_variant "$1" # fail early on a typo, before hours of runs
	variants="$variants $1"
	shift
done
[ $# -gt 0 ] && shift
[ -n "$variants" ] || { echo "usage: $0 VARIANT... [-- OPTIONS...]" >&2; exit 2; }
SUITE=${SUITE:-kernel/suites/compare}
RESULTS=${RESULTS:-$TOP/results}
export RESULTS

out=$RESULTS/compare/$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$out"
printf '# variant\tsuite_dir\tstatus\tseconds\n' >"$out/variants.tsv"
failed= labels=
for v in $variants; do
	note "=== $v: suite $SUITE"
	t0=$(date +%s)
	rc=0
	"$KDIR/vm-bench.sh" "$v" "$SUITE" "$@" >"$out/.$v.paths" || rc=$?
	dir=$(tail -n 1 "$out/.$v.paths")
	rm -f "$out/.$v.paths"
	t1=$(date +%s)
	# Exit status 3 is a skipped scenario: the others still count.
	if [ -n "$dir" ] && [ -d "$dir" ] && { [ $rc -eq 0 ] || [ $rc -eq 3 ]; }; then
		printf '%s\t%s\t%s\t%s\n' "$v" "${dir#"$RESULTS"/}" "$rc" "$((t1 - t0))" >>"$out/variants.tsv"
		ln -sfn "$dir" "$out/$v"
		labels="$labels $v=$dir"
	else
		printf '%s\t-\t%s\t%s\n' "$v" "$rc" "$((t1 - t0))" >>"$out/variants.tsv"
		note "=== $v FAILED (exit status $rc); going on with the others"
		failed="$failed $v"
	fi
done
[ -n "$labels" ] || die "no variant produced results"

if (cd "$TOP" && bench/faultstorm compare --help >/dev/null 2>&1); then
	# shellcheck disable=SC2046
	(cd "$TOP" && bench/faultstorm compare --out "$out/compare" $(for l in $labels; do echo "${l#*=}"; done)) \
		>"$out/compare.txt" 2>&1 && cat "$out/compare.txt" ||
		note "faultstorm compare failed; see $out/compare.txt"
fi
# shellcheck disable=SC2086
"$KDIR/table.sh" $labels | tee "$out/table.txt"
echo "comparison: $out"
[ -z "$failed" ] || die "variants that failed:$failed"
