// SPDX-License-Identifier: GPL-2.0
/* Helpers for integration tests: run the binary, load its results. */
#include <criterion/criterion.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fs_run.h"

char *fs_slurp(const char *path)
{
	FILE *f = fopen(path, "r");
	char *buf;
	long n;

	if (!f)
		return strdup("");
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = calloc(1, (size_t)n + 1);
	if (fread(buf, 1, (size_t)n, f) != (size_t)n)
		buf[0] = 0;
	fclose(f);
	return buf;
}

void fs_tmpdir(char *buf, size_t len)
{
	snprintf(buf, len, "/tmp/faultstorm-test-XXXXXX");
	cr_assert(mkdtemp(buf), "mkdtemp");
	chmod(buf, 0777);
}

void fs_run(struct fs_result *r, const char *prefix, const char *fmt, ...)
{
	const char *bin = getenv("FAULTSTORM");
	char args[4096], cmd[8192], outp[PATH_MAX], errp[PATH_MAX], pre[1024] = "", *line;
	va_list ap;
	int st;

	cr_assert(bin && *bin, "FAULTSTORM is not set (run through make test)");
	memset(r, 0, sizeof(*r));
	va_start(ap, fmt);
	vsnprintf(args, sizeof(args), fmt, ap);
	va_end(ap);
	if (prefix)
		snprintf(pre, sizeof(pre), prefix, bin);
	snprintf(outp, sizeof(outp), "/tmp/fs-test-out.%d", (int)getpid());
	snprintf(errp, sizeof(errp), "/tmp/fs-test-err.%d", (int)getpid());
	snprintf(cmd, sizeof(cmd), "%s %s %s >%s 2>%s </dev/null", prefix ? pre : "", prefix ? "" : bin,
		 args, outp, errp);
	st = system(cmd);
	r->status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
	r->out = fs_slurp(outp);
	r->err = fs_slurp(errp);
	unlink(outp);
	unlink(errp);
	line = strstr(r->out, "results: ");
	if (line) {
		snprintf(r->dir, sizeof(r->dir), "%s", line + 9);
		r->dir[strcspn(r->dir, "\n")] = 0;
	}
	if (r->dir[0]) {
		char p[PATH_MAX + 32];
		json_error_t je;

		snprintf(p, sizeof(p), "%s/meta.json", r->dir);
		r->meta = json_load_file(p, 0, &je);
		snprintf(p, sizeof(p), "%s/summary.json", r->dir);
		r->summary = json_load_file(p, 0, &je);
	}
}

void fs_result_free(struct fs_result *r)
{
	free(r->out);
	free(r->err);
	json_decref(r->meta);
	json_decref(r->summary);
}

json_t *fs_merged(json_t *summary, const char *role, const char *op)
{
	size_t i;
	json_t *row;

	json_array_foreach(json_object_get(summary, "merged"), i, row)
		if (!strcmp(json_string_value(json_object_get(row, "role")), role) &&
		    !strcmp(json_string_value(json_object_get(row, "op")), op))
			return row;
	return NULL;
}

double fs_num(json_t *row, const char *key)
{
	return json_number_value(json_object_get(row, key));
}

int fs_count_lines(const char *path, const char *needle)
{
	FILE *f = fopen(path, "r");
	char line[4096];
	int n = 0;

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		n += strstr(line, needle) != NULL;
	fclose(f);
	return n;
}
