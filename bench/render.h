/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Turning results into pictures: plot data files derived from a run's .hgrm
 * and timeline files, a vars file for the gnuplot scripts in plot/, and the
 * gnuplot invocations themselves.
 */
#ifndef FS_RENDER_H
#define FS_RENDER_H

#include <stddef.h>
#include <stdio.h>

#include "hgrm_read.h"
#include "run_read.h"

/* Where the plot/ scripts live: $FAULTSTORM_PLOT_DIR, else ../plot next to the
 * binary, else ./plot.  NULL if none holds common.gp. */
const char *render_plot_dir(void);

/* Render <run>/plots/: percentiles, histogram, timeline (+ zoom), and the
 * lock plots when lock histograms exist.  0; -1 with err set on a failure
 * (writing, gnuplot); -2 when an input file is malformed. */
int render_run(const struct run_record *r, const char *plot_dir, char *err, size_t len);

/* Run `gnuplot -c <plot_dir>/<script> <vars>`, its output into log.  0 or -1. */
int render_gnuplot(const char *plot_dir, const char *script, const char *vars, const char *log,
		   char *err, size_t len);

/* A percentile curve merged over several threads' histograms, as
 * "value_us pct x" lines (x = 1/(1-pct), the last row at x = total). */
int render_merged_curve(const struct hgrm *hs, size_t n, FILE *f);
/* One thread's curve in the same format. */
void render_thread_curve(const struct hgrm *h, FILE *f);

/* Load hist/<thread>.hgrm of every thread of (role, op) in a run; returns how
 * many were loaded into *out (caller frees each and the array), -1 on error. */
int render_load_role(const struct run_record *r, const char *role, const char *op, struct hgrm **out,
		     char *err, size_t len);

/* Write s as a gnuplot single-quoted string ('' doubles a quote). */
void gp_str(FILE *f, const char *s);

/* Colours: role palettes shared by every plot and the report. */
const char *render_color(const char *role, unsigned nth);
/* The distinct run colours of a comparison overlay. */
const char *render_run_color(unsigned i);

#endif
