/* SPDX-License-Identifier: GPL-2.0 */
/*
 * One-page HTML reports: report.html of a run (or of a suite, a section per
 * run) and the pieces compare uses for its own.  Self-contained: plots are
 * embedded as data: URIs, with the SVG next to it linked.  An inline script
 * marks images that failed to load (body data-broken-images), so a headless
 * browser can check a report, and a reader sees a warning.
 */
#ifndef FS_REPORT_H
#define FS_REPORT_H

#include <stdbool.h>
#include <stdio.h>

#include "run_read.h"

/* "1.23 µs": latency in ns, for tables */
void fmt_latency(char *buf, size_t len, double ns);

void html_begin(FILE *f, const char *title);
void html_end(FILE *f);
void html_esc(FILE *f, const char *s);
/* Embed png (a path) as a data: URI, linking svg_href if not NULL.  A
 * missing file becomes a visible note, not a broken image. */
void html_plot(FILE *f, const char *png, const char *svg_href, const char *alt);
/* The metadata a reader needs to trust a number, as a two-column table. */
void html_run_meta(FILE *f, const struct run_record *r);
/* summary rows of a run: threads, then merged per role and op */
void html_run_summary(FILE *f, const struct run_record *r);
/* A '#'-headed TSV (lock.tsv, perf.tsv, attribution) as a table; false if absent. */
bool html_tsv(FILE *f, const char *path, const char *caption, size_t max_rows);

/* summary.json's stall attribution (perf issue) as a table, or a note why
 * there is none. */
void html_attribution(FILE *f, const struct run_record *r);
/* The section of one run: tables, plots, metadata.  embed: plots as data:
 * URIs (a run's own page); else <img> links relative to the page, under
 * rel_dir (a suite's page: 30 runs embedded would be a 10 MB file). */
void html_run_section(FILE *f, const struct run_record *r, const char *rel_dir, bool embed);
/* A plot linked, not embedded: src and href relative to the page. */
void html_plot_link(FILE *f, const char *png_path, const char *src, const char *svg_href,
		    const char *alt);

/* Write <run>/report.html; 0 or -1 with err. */
int report_run(const struct run_record *r, char *err, size_t len);
/* Write <dir>/report.html with a section per run of the group. */
int report_group(const struct run_group *g, const char *dir, char *err, size_t len);

#endif
