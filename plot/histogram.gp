# SPDX-License-Identifier: GPL-2.0
# Latency histogram per thread, one panel per role: log-linear buckets
# (bucket_per_octave linear steps per power of two) on a log latency axis, log
# counts.  Counts come from the .hgrm rows (TotalCount differences), spread
# over the buckets each row interval covers.
load ARG1
load plotdir.'/common.gp'

set logscale xy
set xlabel "latency per operation"
set ylabel "operations per bucket"
eval('set xtics '.lat_tics)
set mxtics 10
set yrange [0.5:*]
set format y "10^{%L}"
set key outside right top vertical Left reverse box lc rgb "#aaaaaa"
# fixed margins so the panels' latency axes line up whatever the key width
set lmargin at screen 0.08
set rmargin at screen 0.80
set xrange [hist_xmin:hist_xmax]

# one panel per role; an empty bucket is drawn on the floor (0.1 < 0.5)
# rather than left out, so histeps does not bridge gaps
nroles = words(role_list)
do for [fmt in "png svg"] {
	eval(fmt eq "png" ? term_png(1200, 360 * nroles + 80) : term_svg(1200, 360 * nroles + 80))
	set output outdir.'/histogram.'.fmt
	set multiplot layout nroles, 1 title title_main."\n".title_sub
	do for [r=1:nroles] {
		role = word(role_list, r)
		set title role.'s: '.sprintf('%d', bucket_per_octave).' buckets per octave (counts derived from the .hgrm rows)' noenhanced
		plot for [i=1:words(threads)] (word(roles, i) eq role ? datadir.'/hist-'.word(threads, i).'.tsv' : '/dev/null') \
			using (sqrt($1 * $2)):($3 > 0 ? $3 : 0.1) with histeps lw 1.6 lc rgb word(colors, i) \
			title (word(roles, i) eq role ? word(labels, i) : '')
	}
	unset multiplot
	unset output
}
