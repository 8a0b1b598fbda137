// SPDX-License-Identifier: GPL-2.0
/* Every aggressor and every victim, really run for about a second on small
 * sizes; the results' schema and invariants checked. */
#include <criterion/criterion.h>
#include <criterion/parameterized.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "fs_run.h"

static const char *const pct[] = { "min", "p50", "p90", "p99", "p99.9", "p99.99", "max" };

/* Round trip: the .hgrm footer says the same count and max as summary.json. */
static void check_hgrm_footer(const char *path, json_t *row)
{
	FILE *f = fopen(path, "r");
	char line[256];
	double max = -1, total = -1;

	cr_assert(f, "%s", path);
	while (fgets(line, sizeof(line), f))
		if (!strncmp(line, "#[Max", 5))
			sscanf(line, "#[Max = %lf, Total count = %lf]", &max, &total);
	fclose(f);
	cr_expect_eq(total, fs_num(row, "count"), "%s: total %.0f vs count %.0f", path, total,
		     fs_num(row, "count"));
	cr_expect(max * 1000 >= fs_num(row, "max") - 1 && max * 1000 <= fs_num(row, "max") + 1,
		  "%s: max %.3f us vs %.0f ns", path, max, fs_num(row, "max"));
}

/* Round trip: summary.tsv's row for this thread and op equals summary.json's. */
static void check_tsv_row(const char *dir, json_t *row)
{
	char path[PATH_MAX + 16], line[1024], thread[64], role[32], op[64];
	double v[12];
	int found = 0;
	FILE *f;

	snprintf(path, sizeof(path), "%s/summary.tsv", dir);
	f = fopen(path, "r");
	cr_assert(f);
	while (fgets(line, sizeof(line), f)) {
		if (line[0] == '#' ||
		    sscanf(line, "%63s %31s %63s %lf %lf %lf %lf %lf %lf %lf %lf %lf %lf %lf %lf", thread,
			   role, op, &v[0], &v[1], &v[2], &v[3], &v[4], &v[5], &v[6], &v[7], &v[8],
			   &v[9], &v[10], &v[11]) != 15)
			continue;
		if (strcmp(thread, json_string_value(json_object_get(row, "thread"))) ||
		    strcmp(op, json_string_value(json_object_get(row, "op"))))
			continue;
		found = 1;
		cr_expect_eq(v[2], fs_num(row, "count"));
		cr_expect_eq(v[5], fs_num(row, "p50"));
		cr_expect_eq(v[8], fs_num(row, "p99.9"));
		cr_expect_eq(v[10], fs_num(row, "max"));
	}
	fclose(f);
	cr_expect(found, "summary.tsv has no row for %s", json_string_value(json_object_get(row, "thread")));
}

/* What every complete run directory must satisfy. */
static void check_run_dir(struct fs_result *r)
{
	json_t *threads, *row, *tmeta;
	char path[PATH_MAX + 64];
	struct stat st;
	size_t i;

	cr_assert(r->dir[0], "no results path printed: %s / %s", r->out, r->err);
	cr_assert(r->meta && r->summary, "meta.json or summary.json missing/invalid in %s", r->dir);
	cr_expect(json_is_true(json_object_get(r->meta, "complete")));
	cr_expect(json_is_true(json_object_get(r->summary, "complete")));
	for (const char *k = "kernel\0machine\0thp\0clocksource\0clock\0git_revision\0argv\0"
			     "start_utc\0end_utc\0virtualized\0threads\0options\0perf_event_paranoid\0";
	     *k; k += strlen(k) + 1)
		cr_expect(json_object_get(r->meta, k), "meta.json lacks %s", k);
	cr_expect(json_is_string(json_object_get(json_object_get(r->meta, "clock"), "source")));
	cr_expect_gt(fs_num(json_object_get(r->meta, "clock"), "cost_ns"), 0);
	tmeta = json_object_get(r->meta, "threads");
	threads = json_object_get(r->summary, "threads");
	cr_assert(json_array_size(threads) >= json_array_size(tmeta));
	json_array_foreach(threads, i, row) {
		const char *hgrm = json_string_value(json_object_get(row, "hgrm"));

		/* percentiles never decrease */
		for (int k = 1; k < 7; k++)
			cr_expect(fs_num(row, pct[k - 1]) <= fs_num(row, pct[k]), "%s: %s > %s",
				  json_string_value(json_object_get(row, "thread")), pct[k - 1], pct[k]);
		cr_expect(fs_num(row, "count") > 0, "%s did nothing",
			  json_string_value(json_object_get(row, "thread")));
		cr_assert(hgrm);
		snprintf(path, sizeof(path), "%s/%s", r->dir, hgrm);
		cr_expect(!stat(path, &st) && st.st_size > 0, "%s missing", path);
		check_hgrm_footer(path, row);
		check_tsv_row(r->dir, row);
	}
	snprintf(path, sizeof(path), "%s/summary.tsv", r->dir);
	cr_expect_eq(fs_count_lines(path, "\t"), (int)json_array_size(threads) + 1);
	snprintf(path, sizeof(path), "%s/timeline.tsv", r->dir);
	cr_expect_eq(fs_count_lines(path, "# t_ns"), 1, "timeline.tsv header");
	/* every aggressor op is on the timeline */
	json_array_foreach(json_object_get(r->summary, "merged"), i, row) {
		char needle[128];

		if (strcmp(json_string_value(json_object_get(row, "role")), "aggressor"))
			continue;
		snprintf(needle, sizeof(needle), "\taggressor\t%s\t",
			 json_string_value(json_object_get(row, "op")));
		/* unless the timeline was full (meta.json counts what it dropped):
		 * under ASan/TSan mlock() is a no-op, so locking ops run far faster */
		cr_expect(fs_count_lines(path, needle) == (int)fs_num(row, "count") ||
			  fs_count_lines(path, needle) + fs_num(r->meta, "timeline_dropped") >=
				  fs_num(row, "count"),
			  "timeline has not every %s op", json_string_value(json_object_get(row, "op")));
	}
}

/* Criterion runs each parameter in a fresh process of a PIE binary, so
 * parameters must be values, not pointers into our data. */
struct name {
	char s[32];
};

static struct name aggressor_names[] = {
	{ "none" }, { "populate" }, { "populate-file" }, { "locked" }, { "mlockall" }, { "brk" },
	{ "mlock" }, { "mremap-locked" }, { "remap-file-pages" }, { "shmat-locked" },
	{ "aio-ring" }, { "madv-populate" }, { "munmap" }, { "populate-race" },
};

ParameterizedTestParameters(scenarios, each_aggressor)
{
	return cr_make_param_array(struct name, aggressor_names,
				   sizeof(aggressor_names) / sizeof(aggressor_names[0]));
}

ParameterizedTest(struct name *param, scenarios, each_aggressor, .timeout = 60)
{
	const char *const *name = (const char *const[]){ param->s };
	struct fs_result r;
	char out[PATH_MAX];

	fs_tmpdir(out, sizeof(out));
	fs_run(&r, NULL, "run --aggressor %s --victims fault-anon:1 --size 32M --duration 1 "
			 "--warmup 0.1 --out %s", *name, out);
	if (r.status == 3) {
		/* a kernel lacking it must say so, never crash */
		cr_expect(strstr(r.err, "skipped:"), "exit 3 without a reason: %s", r.err);
		cr_skip_test("%s: %s", *name, r.err);
	}
	cr_assert_eq(r.status, 0, "%s: exit %d\n%s\n%s", *name, r.status, r.out, r.err);
	check_run_dir(&r);
	if (strcmp(*name, "none"))
		cr_expect(json_object_get(r.meta, "aggressor"));
	if (!strcmp(*name, "populate-race")) {
		json_t *rep = json_object_get(r.meta, "aggressor_report");

		cr_assert(rep, "populate-race wrote no report");
		cr_expect_gt(fs_num(rep, "trials"), 0);
		cr_expect(json_is_integer(json_object_get(rep, "replacement_pages_populated")));
	}
	fs_result_free(&r);
}

static struct name victim_names[] = {
	{ "fault-anon" }, { "fault-file" }, { "mmap-churn" }, { "maps-read" },
};

ParameterizedTestParameters(scenarios, each_victim)
{
	return cr_make_param_array(struct name, victim_names,
				   sizeof(victim_names) / sizeof(victim_names[0]));
}

ParameterizedTest(struct name *param, scenarios, each_victim, .timeout = 60)
{
	const char *const *name = (const char *const[]){ param->s };
	struct fs_result r;
	char out[PATH_MAX];
	json_t *row;

	fs_tmpdir(out, sizeof(out));
	fs_run(&r, NULL, "run --aggressor populate --victims %s:1 --size 32M --duration 1 "
			 "--warmup 0.1 --out %s", *name, out);
	cr_assert_eq(r.status, 0, "%s: exit %d\n%s\n%s", *name, r.status, r.out, r.err);
	check_run_dir(&r);
	row = fs_merged(r.summary, "victim", *name);
	cr_assert(row, "no merged row for %s", *name);
	cr_expect_gt(fs_num(row, "rate"), 10, "%s managed under 10 ops/s", *name);
	fs_result_free(&r);
}

Test(scenarios, mix_names_threads_and_places_each, .timeout = 60)
{
	struct fs_result r;
	char out[PATH_MAX];
	json_t *t;
	size_t i;
	int cpus = 0;

	fs_tmpdir(out, sizeof(out));
	fs_run(&r, NULL, "run --aggressor populate --victims fault-anon:2,mmap-churn:1 --size 32M "
			 "--duration 0.5 --warmup 0 --repeat 2 --out %s", out);
	cr_assert_eq(r.status, 0, "%s", r.err);
	check_run_dir(&r);
	cr_assert_eq(json_array_size(json_object_get(r.meta, "threads")), 4);
	json_array_foreach(json_object_get(r.meta, "threads"), i, t) {
		cr_expect(json_is_integer(json_object_get(t, "cpu")));
		cr_expect(json_is_string(json_object_get(t, "memory")));
		cpus |= 1 << json_integer_value(json_object_get(t, "cpu"));
	}
	cr_expect_str_eq(json_string_value(json_object_get(json_array_get(
				 json_object_get(r.meta, "threads"), 1), "thread")), "fault-anon.0");
	cr_expect_eq(json_array_size(json_object_get(r.summary, "repeats")), 2);
	cr_expect_eq(fs_num(fs_merged(r.summary, "victim", "fault-anon"), "threads"), 2);
	fs_result_free(&r);
}

Test(scenarios, thp_policy_is_recorded, .timeout = 30)
{
	struct fs_result r;
	char out[PATH_MAX];

	fs_tmpdir(out, sizeof(out));
	fs_run(&r, NULL, "run --victims fault-anon:1 --thp always --duration 0.3 --warmup 0 --out %s",
	       out);
	cr_assert_eq(r.status, 0, "%s", r.err);
	cr_expect_str_eq(json_string_value(json_object_get(r.meta, "victim_thp_policy")), "always");
	cr_expect(json_object_get(json_object_get(r.meta, "thp"), "enabled"));
	fs_result_free(&r);
}
