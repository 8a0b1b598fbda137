# SPDX-License-Identifier: GPL-2.0
# Comparison overlay: the percentile distribution of one role's op (merged
# over its threads) from each run, one colour per kernel, the baseline black.
load ARG1
load plotdir.'/common.gp'

set logscale xy
set xlabel "percentile (log scale of 1/(1-p); the last point of each line is its maximum)"
set ylabel "latency per operation"
set xtics ("0%%" 1, "50%%" 2, "90%%" 10, "99%%" 100, "99.9%%" 1000, "99.99%%" 1e4, "99.999%%" 1e5, "99.9999%%" 1e6, "99.99999%%" 1e7)
set xtics rotate by -30
eval('set ytics '.lat_tics)
set mytics 10
set xrange [1:pct_xmax]
set yrange [*:pct_ymax]
# a percentile curve only rises, so the top left is always free
set key inside left top vertical Left reverse box lc rgb "#aaaaaa" opaque
set title title_main."\n".title_sub

do for [fmt in "png svg"] {
	eval(fmt eq "png" ? term_png(1100, 680) : term_svg(1100, 680))
	set output outbase.'.'.fmt
	plot for [i=1:nruns] datadir.'/'.word(files, i) using 3:1 with lines lw 2.2 \
		lc rgb word(colors, i) title titles[i]
	unset output
}
