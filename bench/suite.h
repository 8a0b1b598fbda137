/* SPDX-License-Identifier: GPL-2.0 */
/* Suites as data: one scenario per line, as `run` arguments; `#` comments. */
#ifndef FS_SUITE_H
#define FS_SUITE_H

#include <stddef.h>

#include "cli.h"

#define SUITE_MAX_LINES 256
#define SUITE_MAX_ARGS 64

struct suite_line {
	int lineno;
	int argc;		/* argv[0] is "run" */
	char *argv[SUITE_MAX_ARGS + 1];
	char *text;		/* the line as written, for suite.json */
	struct options opt;
};

struct suite {
	char name[128];
	int nlines;
	struct suite_line *lines;
	char *buf;		/* every token lives here */
};

/*
 * Parse suite text (the file's contents; path only names it in errors),
 * appending extra (nextra strings) to every line, and validate every line
 * with the `run` parser.  0, or -1 with err naming the file and line.
 */
int suite_parse(const char *path, const char *text, char **extra, int nextra, struct suite *s,
		char *err, size_t errlen);
void suite_free(struct suite *s);

#endif
