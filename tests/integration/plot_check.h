/* SPDX-License-Identifier: GPL-2.0 */
/* Shared by the plot, report and compare integration tests: a fixture run
 * made by the real binary, and checks that what was drawn is a real image. */
#ifndef FS_TEST_PLOT_CHECK_H
#define FS_TEST_PLOT_CHECK_H

#include <stdbool.h>
#include <stddef.h>

/* A real short run (the aggressor over 64M against the given victims) into a
 * fresh directory; dir receives the run directory.  Asserts it completed. */
void plot_fixture_run(char *dir, size_t len, const char *aggressor, const char *victims,
		      int repeat);
/* The same with the aggressor's --size given. */
void plot_fixture_run_size(char *dir, size_t len, const char *aggressor, const char *size,
			   const char *victims, int repeat);
/* `$FAULTSTORM compare --plot-dir $PWD/plot <args>`; returns the exit code,
 * stdout/stderr into out/err (caller frees). */
int plot_compare(const char *args, char **out, char **err);

/* Walks every PNG chunk from the signature to IEND; width/height from IHDR.
 * false (with why) for a missing, short or corrupt file. */
bool png_valid(const char *path, unsigned *w, unsigned *h, char *why, size_t len);
/* An SVG that gnuplot finished: the root element, drawing, </svg>. */
bool svg_valid(const char *path, char *why, size_t len);
/* The file's text contains needle. */
bool file_has(const char *path, const char *needle);

/* Open file:// path in headless Chromium, let the page's script run and
 * read back <body data-images data-broken-images>.  -1 if it did not load. */
int chromium_broken_images(const char *html, int *images);

#endif
