// SPDX-License-Identifier: GPL-2.0
/* `faultstorm suite FILE`: parse every line first, then run them in order
 * into one suite directory. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "clock.h"
#include "commands.h"
#include "error.h"
#include "results.h"
#include "runner.h"
#include "suite.h"

#define ERR(...) (snprintf(err, errlen, __VA_ARGS__), suite_free(s), -1)

static void suite_name(const char *path, char *buf, size_t len)
{
	const char *base = strrchr(path, '/');
	size_t n;

	snprintf(buf, len, "%s", base ? base + 1 : path);
	for (n = 0; buf[n]; n++)
		if (!(buf[n] == '-' || buf[n] == '_' || (buf[n] >= '0' && buf[n] <= '9') ||
		      (buf[n] >= 'a' && buf[n] <= 'z') || (buf[n] >= 'A' && buf[n] <= 'Z')))
			buf[n] = '_';
}

int suite_parse(const char *path, const char *text, char **extra, int nextra, struct suite *s,
		char *err, size_t errlen)
{
	size_t len = strlen(text);
	char *p, *line, *save = NULL;
	int lineno = 1;
	size_t counted = 0;

	memset(s, 0, sizeof(*s));
	suite_name(path, s->name, sizeof(s->name));
	/* tokens point into buf, and each line's copy follows it */
	s->buf = malloc(2 * len + 2);
	s->lines = calloc(SUITE_MAX_LINES, sizeof(*s->lines));
	if (!s->buf || !s->lines)
		return ERR("%s: out of memory", path);
	memcpy(s->buf, text, len + 1);
	p = s->buf + len + 1;
	memcpy(p, text, len + 1);
	for (line = strtok_r(s->buf, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		struct suite_line *l;
		char *tok, *tsave = NULL, why[512];
		size_t off = (size_t)(line - s->buf);

		/* count the newlines strtok skipped over, empty lines included */
		for (; counted < off; counted++)
			lineno += text[counted] == '\n';
		line[strcspn(line, "#")] = 0;
		if (!line[strspn(line, " \t\r")])
			continue;
		if (strpbrk(line, "\"'\\"))
			return ERR("%s:%d: quotes and backslashes are not supported in suite lines",
				   path, lineno);
		if (s->nlines == SUITE_MAX_LINES)
			return ERR("%s:%d: more than %d scenarios", path, lineno, SUITE_MAX_LINES);
		l = &s->lines[s->nlines];
		l->lineno = lineno;
		l->text = p + off;
		l->text[strcspn(l->text, "\n")] = 0;
		l->argv[l->argc++] = "run";
		for (tok = strtok_r(line, " \t\r", &tsave); tok; tok = strtok_r(NULL, " \t\r", &tsave)) {
			if (l->argc == SUITE_MAX_ARGS - nextra)
				return ERR("%s:%d: too many arguments", path, lineno);
			l->argv[l->argc++] = tok;
		}
		for (int i = 0; i < nextra; i++)
			l->argv[l->argc++] = extra[i];
		l->argv[l->argc] = NULL;
		cli_defaults(&l->opt);
		switch (cli_parse_run(l->argc, l->argv, &l->opt, why, sizeof(why))) {
		case CLI_OK:
			break;
		case CLI_HELP:
			return ERR("%s:%d: --help is not a scenario", path, lineno);
		case CLI_ERROR:
			return ERR("%s:%d: %s", path, lineno, why);
		}
		s->nlines++;
	}
	if (!s->nlines)
		return ERR("%s: no scenarios (one `run` argument line per scenario)", path);
	return 0;
}

void suite_free(struct suite *s)
{
	free(s->buf);
	free(s->lines);
	s->buf = NULL;
	s->lines = NULL;
}

static char *read_file(const char *path, char *err, size_t errlen)
{
	FILE *f = fopen(path, "r");
	char *buf;
	long n;

	if (!f) {
		snprintf(err, errlen, "cannot open suite %s: %s (suites live in bench/suites/)", path,
			 strerror(errno));
		return NULL;
	}
	if (fseek(f, 0, SEEK_END) || (n = ftell(f)) < 0 || n > (1 << 20) || fseek(f, 0, SEEK_SET)) {
		snprintf(err, errlen, "suite %s is not a readable text file under 1 MiB", path);
		fclose(f);
		return NULL;
	}
	buf = malloc((size_t)n + 1);
	if (!buf || fread(buf, 1, (size_t)n, f) != (size_t)n) {
		snprintf(err, errlen, "cannot read suite %s", path);
		free(buf);
		fclose(f);
		return NULL;
	}
	buf[n] = 0;
	fclose(f);
	if (memchr(buf, 0, (size_t)n)) {
		snprintf(err, errlen, "suite %s is not a text file", path);
		free(buf);
		return NULL;
	}
	return buf;
}

int cmd_suite(int argc, char **argv)
{
	char err[1024], parent[PATH_MAX], tmp[PATH_MAX], stamp[32], name[256], final[PATH_MAX];
	char why[1024], path[PATH_MAX], *text;
	struct options common;
	struct suite s;
	json_t *lines, *doc;
	int rc = FS_EXIT_OK, failed = 0, skipped = 0;

	if (argc < 2 || !strcmp(argv[1], "--help")) {
		printf("usage: faultstorm suite FILE [RUN OPTION]...\n\n"
		       "Run every scenario line of FILE (`run` options, `#` comments) into one\n"
		       "directory <out>/<kernel-release>/<UTC>-suite-<name>/.  Options after FILE\n"
		       "are added to every line (e.g. --duration 1 --out DIR).\n");
		return argc < 2 ? FS_EXIT_USAGE : FS_EXIT_OK;
	}
	/* the options common to every line, for --out and --quiet */
	cli_defaults(&common);
	{
		char *cargv[SUITE_MAX_ARGS + 1] = { "suite" };

		if (argc - 2 > SUITE_MAX_ARGS - 8)
			fs_die(FS_EXIT_USAGE, "too many options after the suite file");
		for (int i = 2; i < argc; i++)
			cargv[i - 1] = argv[i];
		if (cli_parse_run(argc - 1, cargv, &common, err, sizeof(err)) != CLI_OK)
			fs_die(FS_EXIT_USAGE, "%s", err[0] ? err : "--help is not a suite option");
	}
	text = read_file(argv[1], err, sizeof(err));
	if (!text)
		fs_die(FS_EXIT_USAGE, "%s", err);
	if (suite_parse(argv[1], text, argv + 2, argc - 2, &s, err, sizeof(err)))
		fs_die(FS_EXIT_USAGE, "%s", err);
	free(text);
	fs_quiet = common.quiet;
	clock_init(common.gettime);
	run_block_signals();
	if (results_parent(common.out, parent, sizeof(parent), err, sizeof(err)))
		fs_die(FS_EXIT_FAIL, "%s", err);
	results_stamp(stamp, sizeof(stamp));
	snprintf(name, sizeof(name), "%s-suite-%s", stamp, s.name);
	snprintf(tmp, sizeof(tmp), "%s/.%s.tmp-%d", parent, name, (int)getpid());
	if (mkdir_p(tmp))
		fs_die(FS_EXIT_FAIL, "cannot create %s: %s", tmp, strerror(errno));
	lines = json_array();
	fs_info("faultstorm: suite %s, %d scenarios", s.name, s.nlines);
	for (int i = 0; i < s.nlines; i++) {
		struct suite_line *l = &s.lines[i];
		char id[256], scen[320];
		int r;

		scenario_names(&l->opt, id, sizeof(id), scen, sizeof(scen));
		fs_info("\n[%d/%d] %s", i + 1, s.nlines, l->text);
		why[0] = 0;
		r = run_and_write(&l->opt, l->argc, l->argv, tmp, id, final, sizeof(final), why,
				  sizeof(why));
		if (r == FS_EXIT_NO_RESOURCE) {
			skipped++;
			fs_warn("skipped: %s", why);
		} else if (r == FS_EXIT_INTERRUPTED) {
			fs_warn("%s", why);
		} else if (r) {
			fs_error("%s", why);
		}
		json_array_append_new(lines, json_pack("{s:i, s:s, s:s, s:s, s:s, s:s}",
			"line", l->lineno, "args", l->text, "scenario_id", id,
			"status", r == FS_EXIT_OK ? "complete" : r == FS_EXIT_NO_RESOURCE ? "skipped" :
				  r == FS_EXIT_INTERRUPTED ? "interrupted" : "failed",
			"reason", why, "dir", final[0] ? strrchr(final, '/') + 1 : ""));
		if (r == FS_EXIT_INTERRUPTED) {
			rc = r;
			break;
		}
		if (runner_stuck) {
			/* a thread that never stopped may hold mmap_lock: nothing
			 * measured after it in this process could be trusted */
			fs_warn("stopping the suite: %s", why);
			failed++;
			rc = FS_EXIT_FAIL;
			break;
		}
		if (r != FS_EXIT_OK && r != FS_EXIT_NO_RESOURCE) {
			failed++;
			rc = FS_EXIT_FAIL;
		}
	}
	doc = json_pack("{s:s, s:s, s:s, s:b, s:i, s:i, s:o}", "schema", "faultstorm-suite/1",
			"suite", s.name, "file", argv[1], "complete", rc == FS_EXIT_OK,
			"failed", failed, "skipped", skipped, "runs", lines);
	snprintf(path, sizeof(path), "%s/suite.json", tmp);
	if (write_json(path, doc) || rename_noreplace(tmp, parent, name, final, sizeof(final))) {
		int e = errno;

		json_decref(doc);
		rm_rf(tmp);
		suite_free(&s);
		fs_die(FS_EXIT_FAIL, "cannot write the suite's results in %s: %s; nothing was kept",
		       parent, strerror(e));
	}
	json_decref(doc);
	suite_free(&s);
	if (rc != FS_EXIT_INTERRUPTED &&
	    results_update_latest(common.out, final + strlen(common.out) + 1))
		fs_warn("cannot update %s/latest: %s", common.out, strerror(errno));
	printf("\nsuite %s: %s, %d skipped, %d failed\nresults: %s\n", s.name,
	       rc == FS_EXIT_OK ? "complete" : rc == FS_EXIT_INTERRUPTED ? "interrupted" : "failed",
	       skipped, failed, final);
	return rc;
}
