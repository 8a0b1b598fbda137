# SPDX-License-Identifier: GPL-2.0
# The picture that shows stalls lining up with the aggressor: every aggressor
# operation is a shaded band from its start to its end, drawn first so it sits
# behind; every victim operation slower than the outlier threshold is a point
# at (when it started, how long it took).  Two outputs: the whole run and a
# zoom on the worst victim stall.
load ARG1
load plotdir.'/common.gp'

set logscale y
set xlabel "time since the threads were released (s)"
set ylabel "victim operation latency"
eval('set ytics '.lat_tics)
set mytics 10
set yrange [tl_ymin:tl_ymax]
set key outside bottom center horizontal Left reverse box lc rgb "#aaaaaa"
set bmargin 5.5
# a border in the band's own colour keeps back-to-back operations apart
set style fill transparent solid 0.35 border
set title title_main."\n".title_sub."\nshaded: aggressor operations (start to end); points and lines: victim operations slower than ".outlier_label." (start to end)"

# an op of the given role and name, else NaN so gnuplot skips the row
is(role, op) = (strcol(3) eq role && strcol(4) eq op)
set arrow 1 from graph 0, first outlier_us to graph 1, first outlier_us nohead dt 3 lc rgb "#777777" back
set label 1 "outlier threshold ".outlier_label at graph 0.005, first outlier_us * 1.15 left font ",9" tc rgb "#555555" front

if (tl_nvictim == 0) {
	set label 2 "no victim operation was slower than ".outlier_label at graph 0.5, graph 0.6 center font ",14" front
}
# gnuplot 5.4 runs a plot-for body once even over an empty range:
# build the command from the parts that exist (outside the loop: macros
# expand when the whole loop is read)
bands = "for [k=1:words(aops)] timeline using (is('aggressor', word(aops, k)) ? ($1 + $5 / 2) / 1e9 : NaN):(tl_ymin):($1 / 1e9):(($1 + $5) / 1e9):(tl_ymin):(tl_ymax) with boxxyerror lc rgb word(acolors, k) title 'aggressor '.word(aops, k)"
# a victim outlier: a point where it started and a line on to where it ended,
# so a stall that spans an aggressor operation visibly lies across its band
points = "for [k=1:words(vops)] timeline using (is('victim', word(vops, k)) ? $1 / 1e9 : NaN):($5 / 1e3):($5 / 1e9):(0) with vectors nohead lw 1.2 lc rgb word(vcolors, k) notitle, for [k=1:words(vops)] timeline using (is('victim', word(vops, k)) ? $1 / 1e9 : NaN):($5 / 1e3) with points pt 7 ps 0.6 lc rgb word(vcolors, k) title 'victim '.word(vops, k)"
cmd = words(aops) == 0 ? points : (words(vops) == 0 ? bands : bands.", ".points)
do for [view in "full zoom"] {
	if (view eq "zoom") {
		set xrange [zoom_t0:zoom_t1]
		set title title_main."\n".title_sub."\nzoom on the worst victim stall: shaded aggressor operations; points and lines victim operations slower than ".outlier_label." (start to end)"
		out = '/timeline-zoom.'
	} else {
		set xrange [tl_t0:tl_t1]
		out = '/timeline.'
	}
	do for [fmt in "png svg"] {
		eval(fmt eq "png" ? term_png(1400, 650) : term_svg(1400, 650))
		set output outdir.out.fmt
		plot @cmd
		unset output
	}
}
