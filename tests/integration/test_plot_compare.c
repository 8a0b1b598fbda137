// SPDX-License-Identifier: GPL-2.0
/* faultstorm compare on real runs: the writer-queued stall shows as a
 * significant difference; garbage and mismatched input is refused with the
 * file and field named, and random corruption never crashes it. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fs_run.h"
#include "plot_check.h"

/* cp -r run into a fresh directory; returns the copy's path in dst */
static void copy_run(const char *run, char *dst, size_t len)
{
	char tmp[PATH_MAX - 16], cmd[3 * PATH_MAX];

	fs_tmpdir(tmp, sizeof(tmp));
	snprintf(dst, len, "%s/run", tmp);
	snprintf(cmd, sizeof(cmd), "cp -r %s %s", run, dst);
	cr_assert_eq(system(cmd), 0);
}

/* the compare.tsv row of (op, stat) for run index 1 */
static bool tsv_row(const char *out, const char *op, const char *stat, char *row, size_t len)
{
	char p[PATH_MAX + 32], line[4096], want[128];
	FILE *f;
	bool found = false;

	snprintf(p, sizeof(p), "%s/compare.tsv", out);
	snprintf(want, sizeof(want), "\t%s\t1\t", op);
	f = fopen(p, "r");
	if (!f)
		return false;
	while (!found && fgets(line, sizeof(line), f)) {
		char *s = strstr(line, want), st[64];

		snprintf(st, sizeof(st), "\t%s\t", stat);
		if (s && strstr(line, "\tvictim\t") && strstr(line, st)) {
			snprintf(row, len, "%s", line);
			found = true;
		}
	}
	fclose(f);
	return found;
}

/* column n (0-based) of a TSV line */
static void col(const char *line, int n, char *buf, size_t len)
{
	const char *p = line;

	for (int i = 0; i < n && p; i++)
		if ((p = strchr(p, '\t')))
			p++;
	snprintf(buf, len, "%.*s", p ? (int)strcspn(p, "\t\n") : 0, p ? p : "");
}

Test(compare, writer_queued_stall_is_significant, .timeout = 300)
{
	char base[PATH_MAX], pop[PATH_MAX], out[PATH_MAX], args[4 * PATH_MAX], row[4096], v[64];
	char *o, *e;
	int images = 0;

	/* mmap-churn is a writer: with populate running it queues behind each
	 * populate's hold (256M: long against this machine's noise); with no
	 * aggressor it never does */
	plot_fixture_run(base, sizeof(base), "none", "fault-anon:1,mmap-churn:1", 6);
	plot_fixture_run_size(pop, sizeof(pop), "populate", "256M", "fault-anon:1,mmap-churn:1", 6);
	fs_tmpdir(out, sizeof(out));
	snprintf(args, sizeof(args), "--any-scenario --out %s %s %s", out, base, pop);
	cr_assert_eq(plot_compare(args, &o, &e), 0, "compare failed:\n%s", e);
	cr_expect(strstr(o, "victim mmap-churn"), "no mmap-churn table:\n%s", o);
	cr_expect(!strstr(o, "no difference can reach"), "6 vs 6 called underpowered:\n%s", o);

	/* p99.9 of the writer: a populate's length instead of microseconds */
	cr_assert(tsv_row(out, "mmap-churn", "p99.9", row, sizeof(row)), "no p99.9 row");
	col(row, 8, v, sizeof(v));
	cr_expect(atof(v) > 5, "writer p99.9 only x%s with populate:\n%s", v, row);
	col(row, 9, v, sizeof(v));
	cr_expect_eq(atoi(v), 6, "baseline repeats %s", v);
	col(row, 13, v, sizeof(v));
	cr_expect_str_eq(v, "exact", "6 vs 6 repeats should use the exact test");
	/* all six repeats apart give exact p = 2/924; a noisy machine may swap
	 * a pair or two (p = 4/924, 8/924...): still marked */
	col(row, 14, v, sizeof(v));
	cr_expect(!strcmp(v, "**") || !strcmp(v, "*"), "no significance mark on the stall:\n%s\n%s",
		  row, o);
	/* and its rate: blocked for whole populates, it gets much less done */
	cr_assert(tsv_row(out, "mmap-churn", "rate", row, sizeof(row)), "no rate row");
	col(row, 8, v, sizeof(v));
	cr_expect(atof(v) < 0.5, "writer rate x%s with populate:\n%s", v, row);
	col(row, 14, v, sizeof(v));
	cr_expect(!strcmp(v, "**") || !strcmp(v, "*"), "no significance mark on the rate:\n%s", row);
	cr_expect(strstr(o, " **"), "the printed table shows no mark:\n%s", o);

	/* the comparison's report and overlay plots render */
	snprintf(args, sizeof(args), "%s/report.html", out);
	cr_expect_eq(chromium_broken_images(args, &images), 0, "broken images in %s", args);
	cr_expect(images >= 2, "compare report has %d plots", images);
	free(o);
	free(e);
}

static void expect_refused(const char *base, const char *bad, const char *file,
			   const char *field)
{
	char out[PATH_MAX], args[4 * PATH_MAX], *o, *e;
	int st;

	fs_tmpdir(out, sizeof(out));
	snprintf(args, sizeof(args), "--no-plots --out %s %s %s", out, base, bad);
	st = plot_compare(args, &o, &e);
	cr_expect_eq(st, 2, "%s/%s: exit %d, want 2:\n%s", file, field, st, e);
	cr_expect(strstr(e, file), "error does not name %s:\n%s", file, e);
	cr_expect(strstr(e, field), "error does not name the field %s:\n%s", field, e);
	free(o);
	free(e);
}

/* edit one member of a JSON file of a copy of run; returns the copy */
typedef void (*json_edit)(json_t *root);

static void mutate(const char *run, const char *file, json_edit fn, char *dst, size_t len)
{
	char p[PATH_MAX + 32];
	json_t *j;

	copy_run(run, dst, len);
	snprintf(p, sizeof(p), "%s/%s", dst, file);
	j = json_load_file(p, 0, NULL);
	cr_assert(j, "%s does not parse", p);
	fn(j);
	cr_assert_eq(json_dump_file(j, p, JSON_INDENT(1)), 0);
	json_decref(j);
}

static json_t *thread0(json_t *s)
{
	return json_array_get(json_object_get(s, "threads"), 0);
}

static void bad_schema(json_t *s) { json_object_set_new(s, "schema", json_string("other/1")); }
static void no_p99(json_t *s) { json_object_del(thread0(s), "p99"); }
static void str_p99(json_t *s) { json_object_set_new(thread0(s), "p99", json_string("fast")); }
static void neg_max(json_t *s) { json_object_set_new(thread0(s), "max", json_integer(-5)); }
static void merged_obj(json_t *s) { json_object_set_new(s, "merged", json_object()); }
static void count_off(json_t *s)
{
	json_t *t = thread0(s);

	json_object_set_new(t, "count",
			    json_integer(json_integer_value(json_object_get(t, "count")) + 1));
}
static void evil_thread(json_t *s)
{
	json_object_set_new(thread0(s), "hgrm", json_string("hist/../../etc/passwd.hgrm"));
}
static void no_kernel(json_t *m) { json_object_del(m, "kernel"); }
static void other_id(json_t *s) { json_object_set_new(s, "scenario_id", json_string("x-1M.y1")); }

Test(compare, refuses_garbage_naming_file_and_field, .timeout = 300)
{
	char run[PATH_MAX], bad[PATH_MAX], p[PATH_MAX + 32], cmd[3 * PATH_MAX];
	char out[PATH_MAX], args[4 * PATH_MAX], *o, *e;

	plot_fixture_run(run, sizeof(run), "populate", "fault-anon:1", 2);

	mutate(run, "summary.json", bad_schema, bad, sizeof(bad));
	expect_refused(run, bad, "summary.json", "schema");
	mutate(run, "summary.json", no_p99, bad, sizeof(bad));
	expect_refused(run, bad, "summary.json", "threads[0].p99");
	mutate(run, "summary.json", str_p99, bad, sizeof(bad));
	expect_refused(run, bad, "summary.json", "expected a number");
	mutate(run, "summary.json", neg_max, bad, sizeof(bad));
	expect_refused(run, bad, "summary.json", "threads[0].max");
	mutate(run, "summary.json", merged_obj, bad, sizeof(bad));
	expect_refused(run, bad, "summary.json", "merged");
	mutate(run, "summary.json", count_off, bad, sizeof(bad));
	expect_refused(run, bad, ".hgrm", "Total count");
	mutate(run, "summary.json", evil_thread, bad, sizeof(bad));
	expect_refused(run, bad, "summary.json", "hgrm");
	mutate(run, "meta.json", no_kernel, bad, sizeof(bad));
	expect_refused(run, bad, "meta.json", "kernel");

	/* a truncated file: JSON error with the file and line */
	copy_run(run, bad, sizeof(bad));
	snprintf(p, sizeof(p), "%s/summary.json", bad);
	snprintf(cmd, sizeof(cmd), "truncate -s 300 %s", p);
	cr_assert_eq(system(cmd), 0);
	expect_refused(run, bad, "summary.json", "line");

	/* mismatched scenarios are refused unless asked for */
	mutate(run, "summary.json", other_id, bad, sizeof(bad));
	snprintf(p, sizeof(p), "%s/meta.json", bad);
	snprintf(cmd, sizeof(cmd), "sed -i 's/\"scenario_id\": \"[^\"]*\"/\"scenario_id\": \"x-1M.y1\"/' %s", p);
	cr_assert_eq(system(cmd), 0);
	fs_tmpdir(out, sizeof(out));
	snprintf(args, sizeof(args), "--no-plots --out %s %s %s", out, run, bad);
	cr_expect_eq(plot_compare(args, &o, &e), 2, "mismatched scenarios compared:\n%s", o);
	cr_expect(strstr(e, "no scenario in common"), "unclear mismatch error:\n%s", e);
	free(o);
	free(e);

	/* not a run at all */
	snprintf(args, sizeof(args), "--no-plots --out %s %s /nonexistent/dir", out, run);
	cr_expect_eq(plot_compare(args, &o, &e), 2);
	cr_expect(strstr(e, "/nonexistent/dir"), "%s", e);
	free(o);
	free(e);
}

/* a little fuzzing: random byte damage to the files compare and the plots
 * read is refused (2) or harmless (0), never a crash, in both modes */
Test(compare, random_corruption_never_crashes, .timeout = 600)
{
	char run[PATH_MAX], bad[PATH_MAX], p[PATH_MAX + 64], out[PATH_MAX], args[4 * PATH_MAX];
	const char *files[] = { "summary.json", "hist/fault-anon.0.hgrm", "meta.json",
				"timeline.tsv" };
	unsigned seed = 12345;
	int refused = 0;

	plot_fixture_run(run, sizeof(run), "populate", "fault-anon:1", 2);
	fs_tmpdir(out, sizeof(out));
	for (int iter = 0; iter < 24; iter++) {
		const char *file = files[iter % 4];
		FILE *f;
		long n;
		char *o, *e;
		int st;

		copy_run(run, bad, sizeof(bad));
		snprintf(p, sizeof(p), "%s/%s", bad, file);
		f = fopen(p, "r+");
		cr_assert(f, "%s", p);
		fseek(f, 0, SEEK_END);
		n = ftell(f);
		cr_assert(n > 0, "%s is empty", p);
		for (int k = 0; k < 1 + iter % 3; k++) {
			static const char junk[] = "\"{}[],:-0123456789e.x\n\t\\'\xff";

			fseek(f, (long)(rand_r(&seed) % (unsigned)n), SEEK_SET);
			fputc(junk[rand_r(&seed) % (sizeof(junk) - 1)], f);
		}
		fclose(f);
		/* compare mode, then render mode (plots and report) */
		snprintf(args, sizeof(args), "--out %s %s %s", out, run, bad);
		st = plot_compare(args, &o, &e);
		cr_expect(st == 0 || st == 2, "iteration %d (%s): compare exit %d\n%s", iter, file,
			  st, e);
		refused += st == 2;
		if (st == 2)
			cr_expect(strstr(e, "error:"), "refusal without a message: %s", e);
		free(o);
		free(e);
		st = plot_compare(bad, &o, &e);
		cr_expect(st == 0 || st == 2, "iteration %d (%s): render exit %d\n%s", iter, file,
			  st, e);
		refused += st == 2;
		free(o);
		free(e);
	}
	cr_log_info("%d of 48 corrupted inputs refused", refused);
	/* most damage must be noticed (a flipped digit inside a value may not be) */
	cr_expect(refused >= 16, "only %d of 48 corrupted inputs refused", refused);
}
