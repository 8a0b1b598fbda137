# SPDX-License-Identifier: GPL-2.0
# mmap_lock wait and hold time histograms per thread, from the tracepoints
# (hist/<thread>.lock-<wait|hold>-<read|write>.hgrm): one panel for waits,
# one for holds; colour says the thread (as in the other plots), a solid line
# a read acquisition, a dashed line a write.
load ARG1
load plotdir.'/common.gp'

set logscale xy
set xlabel "time per mmap_lock acquisition" noenhanced
set ylabel "acquisitions per bucket"
eval('set xtics '.lat_tics)
set mxtics 10
set yrange [0.5:*]
set format y "10^{%L}"
set key outside right top vertical Left reverse box lc rgb "#aaaaaa"
set lmargin at screen 0.08
set rmargin at screen 0.78
set xrange [lock_xmin:lock_xmax]

do for [fmt in "png svg"] {
	eval(fmt eq "png" ? term_png(1200, 800) : term_svg(1200, 800))
	set output outdir.'/lock.'.fmt
	set multiplot layout 2, 1 title title_main."\n".title_sub
	do for [kind in "wait hold"] {
		set title 'mmap_lock '.kind.' times ('.sprintf('%d', bucket_per_octave).' buckets per octave, counts derived from the .hgrm rows)'
		# read and write as two clauses: dash type cannot be an expression
		plot for [i=1:words(lock_files)] (word(lock_kinds, i) eq kind && word(lock_modes, i) eq 'read' ? datadir.'/lock-'.word(lock_files, i).'.tsv' : '/dev/null') \
			using (sqrt($1 * $2)):($3 > 0 ? $3 : 0.1) with histeps lw 1.6 dt 1 lc rgb word(lock_colors, i) \
			title (word(lock_kinds, i) eq kind && word(lock_modes, i) eq 'read' ? word(lock_labels, i) : ''), \
		     for [i=1:words(lock_files)] (word(lock_kinds, i) eq kind && word(lock_modes, i) eq 'write' ? datadir.'/lock-'.word(lock_files, i).'.tsv' : '/dev/null') \
			using (sqrt($1 * $2)):($3 > 0 ? $3 : 0.1) with histeps lw 1.6 dt 2 lc rgb word(lock_colors, i) \
			title (word(lock_kinds, i) eq kind && word(lock_modes, i) eq 'write' ? word(lock_labels, i) : '')
	}
	unset multiplot
	unset output
}
