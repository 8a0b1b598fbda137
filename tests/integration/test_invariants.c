// SPDX-License-Identifier: GPL-2.0
/*
 * Invariants that hold on every kernel since 3.9, and agreement with an
 * independent clock.
 *
 * The writer-queued invariant: while populate holds mmap_lock for read, an
 * mmap writer waits for all of it, so the mmap-churn victim's worst op is at
 * least half of the aggressor's median populate.  The negative control shows
 * the same check fails when nothing populates.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fs_run.h"

static bool writer_waited_behind_populate(double churn_max_ns, double populate_p50_ns)
{
	return populate_p50_ns > 0 && churn_max_ns >= 0.5 * populate_p50_ns;
}

static double merged(struct fs_result *r, const char *role, const char *op, const char *key)
{
	json_t *row = fs_merged(r->summary, role, op);

	cr_assert(row, "no %s %s row in %s", role, op, r->dir);
	return fs_num(row, key);
}

Test(invariants, writer_queues_behind_populate, .timeout = 120)
{
	struct fs_result r;
	char out[PATH_MAX];
	double churn_max, pop_p50;

	fs_tmpdir(out, sizeof(out));
	/* 4 s: a 1 GiB populate takes over a second on a busy 2-core machine */
	fs_run(&r, NULL, "run --aggressor populate --victims fault-anon:1,mmap-churn:1 --size 1G "
			 "--duration 4 --warmup 0 --out %s", out);
	cr_assert_eq(r.status, 0, "%s", r.err);
	cr_assert_gt(merged(&r, "aggressor", "mmap-populate", "count"), 0, "no populate finished");
	churn_max = merged(&r, "victim", "mmap-churn", "max");
	pop_p50 = merged(&r, "aggressor", "mmap-populate", "p50");
	cr_expect(writer_waited_behind_populate(churn_max, pop_p50),
		  "mmap-churn max %.1f ms < half of populate p50 %.1f ms", churn_max / 1e6, pop_p50 / 1e6);
	fs_result_free(&r);
}

Test(invariants, negative_control_no_aggressor_fails_the_check, .timeout = 120)
{
	struct fs_result pop, none;
	char out[PATH_MAX];
	double pop_p50, churn_max;

	fs_tmpdir(out, sizeof(out));
	/* the populate time to compare against, from a real populate */
	fs_run(&pop, NULL, "run --aggressor populate --victims fault-anon:1 --size 1G "
			   "--duration 3 --warmup 0 --out %s", out);
	cr_assert_eq(pop.status, 0, "%s", pop.err);
	cr_assert_gt(merged(&pop, "aggressor", "mmap-populate", "count"), 0, "no populate finished");
	pop_p50 = merged(&pop, "aggressor", "mmap-populate", "p50");
	fs_run(&none, NULL, "run --aggressor none --victims fault-anon:1,mmap-churn:1 "
			    "--duration 4 --warmup 0 --out %s", out);
	cr_assert_eq(none.status, 0, "%s", none.err);
	churn_max = merged(&none, "victim", "mmap-churn", "max");
	cr_expect(!writer_waited_behind_populate(churn_max, pop_p50),
		  "with no aggressor the check still passed: mmap-churn max %.1f ms vs populate "
		  "p50 %.1f ms; it cannot tell a stall from noise", churn_max / 1e6, pop_p50 / 1e6);
	fs_result_free(&pop);
	fs_result_free(&none);
}

/*
 * The histograms (TSC clock) against the main thread's CLOCK_MONOTONIC
 * measured time: the aggressor loops without pause, so the sum of its op and
 * reset latencies (count x mean) must fill the measured time, give or take
 * one op (and its reset) at each end.
 */
Test(invariants, histogram_time_matches_wall_clock, .timeout = 60)
{
	struct fs_result r;
	char out[PATH_MAX];
	double busy, measured, op_max;

	fs_tmpdir(out, sizeof(out));
	fs_run(&r, NULL, "run --aggressor populate --victims mmap-churn:1 --size 64M --duration 2 "
			 "--warmup 0.2 --out %s", out);
	cr_assert_eq(r.status, 0, "%s", r.err);
	busy = merged(&r, "aggressor", "mmap-populate", "count") *
		       merged(&r, "aggressor", "mmap-populate", "mean") +
	       merged(&r, "aggressor", "munmap", "count") * merged(&r, "aggressor", "munmap", "mean");
	op_max = merged(&r, "aggressor", "mmap-populate", "max") +
		 merged(&r, "aggressor", "munmap", "max");
	measured = json_number_value(json_array_get(json_object_get(r.meta, "measured_s"), 0)) * 1e9;
	/* every op overlapping the measured phase counts: one at each end may
	 * stick out of it */
	cr_expect(busy <= measured + 2 * op_max, "ops add up to %.3f s in %.3f s measured",
		  busy / 1e9, measured / 1e9);
	cr_expect(busy >= 0.9 * (measured - 2 * op_max), "ops add up to only %.3f s of %.3f s",
		  busy / 1e9, measured / 1e9);
	fs_result_free(&r);
}

/* The worst writer stall on the timeline overlaps an aggressor op. */
Test(invariants, worst_stall_lines_up_with_an_aggressor_op, .timeout = 60)
{
	struct fs_result r;
	char out[PATH_MAX], path[PATH_MAX + 32], line[512];
	unsigned long long t, lat, wt = 0, wl = 0;
	char thread[64], role[32], op[64];
	int overlaps = 0;
	FILE *f;

	fs_tmpdir(out, sizeof(out));
	fs_run(&r, NULL, "run --aggressor populate --victims mmap-churn:1 --size 128M --duration 1.5 "
			 "--warmup 0.2 --out %s", out);
	cr_assert_eq(r.status, 0, "%s", r.err);
	snprintf(path, sizeof(path), "%s/timeline.tsv", r.dir);
	f = fopen(path, "r");
	cr_assert(f);
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "%llu %63s %31s %63s %llu", &t, thread, role, op, &lat) == 5 &&
		    !strcmp(role, "victim") && lat > wl) {
			wl = lat;
			wt = t;
		}
	cr_assert_gt(wl, 0, "no victim outlier at all");
	rewind(f);
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "%llu %63s %31s %63s %llu", &t, thread, role, op, &lat) == 5 &&
		    !strcmp(role, "aggressor") && t < wt + wl && wt < t + lat)
			overlaps++;
	fclose(f);
	cr_expect_gt(overlaps, 0, "the worst stall (%.1f ms at %.3f s) overlaps no aggressor op",
		     wl / 1e6, wt / 1e9);
	fs_result_free(&r);
}
