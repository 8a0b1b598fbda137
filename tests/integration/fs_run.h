/* SPDX-License-Identifier: GPL-2.0 */
/* Running the real faultstorm binary from integration tests and reading what
 * it wrote.  FAULTSTORM holds its absolute path (set by make). */
#ifndef FS_TEST_RUN_H
#define FS_TEST_RUN_H

#include <jansson.h>
#include <limits.h>

struct fs_result {
	int status;		/* exit code, or 128+signal */
	char *out, *err;	/* what it printed */
	char dir[PATH_MAX];	/* the "results: DIR" it named, or "" */
	json_t *meta, *summary;	/* loaded from dir when present */
};

/* Run `$FAULTSTORM <args>` through sh (args may hold redirections or a
 * prefix such as `setpriv ... `: use %s for the binary's path in prefix). */
void fs_run(struct fs_result *r, const char *prefix, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void fs_result_free(struct fs_result *r);

/* A whole file, NUL-terminated, malloc'd; "" if unreadable. */
char *fs_slurp(const char *path);
/* A fresh, empty, world-writable directory under /tmp for --out. */
void fs_tmpdir(char *buf, size_t len);
/* The merged summary row of role/op, or NULL. */
json_t *fs_merged(json_t *summary, const char *role, const char *op);
double fs_num(json_t *row, const char *key);
/* Lines of a file that start with prefix (all lines when prefix is ""). */
int fs_count_lines(const char *path, const char *needle);

#endif
