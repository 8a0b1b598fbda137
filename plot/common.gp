# SPDX-License-Identifier: GPL-2.0
# Shared by every faultstorm plot: terminals, the latency axis in readable
# units, and the title.  The driver (faultstorm compare) writes a vars file
# defining datadir, outdir, plotdir, title_main, title_sub and the per-plot
# lists; each script loads it (ARG1), then this file.

# Latencies are in microseconds (the .hgrm unit); label the ticks in the unit
# a person would say, because "1e+04" on a log axis reads as nothing.
lat_tics = '("1 ns" 0.001, "10 ns" 0.01, "100 ns" 0.1, "1 µs" 1, "10 µs" 10, "100 µs" 100, "1 ms" 1000, "10 ms" 1e4, "100 ms" 1e5, "1 s" 1e6, "10 s" 1e7, "100 s" 1e8)'

# term(fmt, w, h): pngcairo or svg at the same size; svg with a white
# background so it reads the same on a dark page.
term_png(w, h) = sprintf('set terminal pngcairo size %d,%d enhanced font "DejaVu Sans,11" linewidth 1.2', w, h)
term_svg(w, h) = sprintf('set terminal svg size %d,%d dynamic enhanced font "DejaVu Sans,11" background "white" linewidth 1.2', w, h)

# Titles are data (scenario ids, host names may hold _ and ^): never enhanced.
set title noenhanced
set key noenhanced
set encoding utf8
set grid xtics ytics mytics lc rgb "#dddddd" lw 1, lc rgb "#f0f0f0" lw 0.5
set border 3 lc rgb "#444444"
set tics nomirror
