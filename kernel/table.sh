#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Plain comparison table of suites or runs, one block per scenario and a
# row per variant: the aggressor's populate time and the victims' latency.
# Used when `faultstorm compare` is not available.
#
# usage: kernel/table.sh LABEL=DIR...   (DIR: a suite or a run directory)
set -eu
. "$(dirname "$0")/lib.sh"

[ $# -ge 1 ] || { echo "usage: $0 LABEL=DIR..." >&2; exit 2; }

# One line per (scenario, label, row of summary.tsv).
rows=$(for arg in "$@"; do
	label=${arg%%=*} dir=${arg#*=}
	[ -d "$dir" ] || die "$dir: no such directory"
	dir=$(readlink -f "$dir")
	if [ -f "$dir/summary.tsv" ]; then runs=$dir; else runs=$(ls -d "$dir"/*/ 2>/dev/null | sed 's|/$||' | sort); fi
	for run in $runs; do
		run=$(readlink -f "$run")
		[ -f "$run/summary.tsv" ] || { note "$run: no summary.tsv (run skipped or failed)"; continue; }
		id=$(basename "$run")
		# A run directory is <UTC>-<scenario-id>; a suite's are bare ids.
		case $id in [0-9]*T[0-9]*Z-*) id=${id#*Z-};; esac
		awk -v id="$id" -v label="$label" 'BEGIN { FS = "\t"; OFS = "\t" }
			/^#/ { next }
			{ print id, label, $1, $2, $3, $6, $9, $11, $12, $14, $15 }' "$run/summary.tsv"
	done
done)
[ -n "$rows" ] || die "no summary.tsv in any of: $*"

# Aggregate per scenario and label: the aggressor's mean op (its first op,
# the populate), and per victim op kind the worst p50/p99/p99.9/max.
printf '%s\n' "$rows" | awk 'BEGIN { FS = "\t" }
function us(ns) { return sprintf("%.1f", ns / 1000) }
function ms(ns) { return sprintf("%.1f", ns / 1e6) }
{
	key = $1 SUBSEP $2
	if (!($1 in sseen)) { sseen[$1] = 1; scen[++ns] = $1 }
	if (!($2 in lseen)) { lseen[$2] = 1; lab[++nl] = $2 }
	seen[key] = 1
	if ($4 == "aggressor") {
		if (!(key in agg)) { agg[key] = $5; aggmean[key] = $11; aggn[key] = $6 }
		next
	}
	k = key SUBSEP $5
	if (!(k in vn)) { vops[key] = vops[key] " " $5 }
	vn[k] += $6
	if ($7 > p50[k]) p50[k] = $7
	if ($8 > p99[k]) p99[k] = $8
	if ($9 > p999[k]) p999[k] = $9
	if ($10 > mx[k]) mx[k] = $10
}
END {
	# max/agg and p999/agg: the slowest and the 99.9th-percentile victim op
	# over the mean aggressor op; about 1 means victims waited for whole
	# populates.  max catches a stall however rare, and one descheduling
	# too; p99.9 ignores both unless stalls are 0.1% of the ops.
	fmt = "%-38s %-11s %-14s %8s %-11s %9s %8s %10s %10s %8s %7s %8s\n"
	printf fmt, "scenario", "variant", "aggressor op", "mean ms", "victim op", "ops", "p50 us", "p99 us", "p99.9 us", "max ms", "max/agg", "p999/agg"
	for (s = 1; s <= ns; s++) {
		if (s > 1) printf "\n"
		first = 1
		for (l = 1; l <= nl; l++) {
			key = scen[s] SUBSEP lab[l]
			if (!(key in seen)) continue
			a = (key in agg) ? agg[key] : "-"
			am = (key in agg) ? ms(aggmean[key]) : "-"
			m = split(substr(vops[key], 2), ops, " ")
			for (j = 1; j <= m; j++) {
				k = key SUBSEP ops[j]
				st = st9 = "-"
				if (key in agg && aggmean[key] > 0) {
					st = sprintf("%.2f", mx[k] / aggmean[key])
					st9 = sprintf("%.3f", p999[k] / aggmean[key])
				}
				printf fmt, (first ? scen[s] : ""), (j == 1 ? lab[l] : ""), (j == 1 ? a : ""), (j == 1 ? am : ""), ops[j], vn[k], us(p50[k]), us(p99[k]), us(p999[k]), ms(mx[k]), st, st9
				first = 0
			}
		}
	}
}'
