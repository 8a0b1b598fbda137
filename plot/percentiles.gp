# SPDX-License-Identifier: GPL-2.0
# Percentile distribution of every thread (thin) and of each role's op merged
# over its threads (thick, dashed), HdrHistogram style: x is 1/(1-p) on a log
# axis so 99.99% gets as much room as 50%.  Colour says the role: blues and
# greens are victims, reds the aggressor.
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
# the bottom right is where no line goes: fast operations stay low on the
# left, tails rise on the right
set key inside right bottom vertical Left reverse title "thread (role)" box lc rgb "#aaaaaa" opaque
set title title_main."\n".title_sub

# gnuplot 5.4 runs a plot-for body once even over an empty range, so
# the merged lines are added only when there are some; the macro is set
# outside the loop because macros expand when the whole loop is read
merged_cmd = words(merged) == 0 ? '' : ", for [j=1:words(merged)] datadir.'/pct-merged-'.word(merged, j).'.tsv' using 3:1 with lines lw 3.5 dt 2 lc rgb word(merged_colors, j) title 'merged '.word(merged, j).' ('.word(merged_n, j).' threads)'"
do for [fmt in "png svg"] {
	eval(fmt eq "png" ? term_png(1200, 700) : term_svg(1200, 700))
	set output outdir.'/percentiles.'.fmt
	plot for [i=1:words(threads)] datadir.'/pct-'.word(threads, i).'.tsv' \
		using 3:1 with lines lw 1.6 lc rgb word(colors, i) \
		title word(labels, i).' ('.word(roles, i).')' @merged_cmd
	unset output
}
