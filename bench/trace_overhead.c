// SPDX-License-Identifier: GPL-2.0
/*
 * `faultstorm trace-overhead`: what the kernel evidence (per-thread counters,
 * mmap_lock tracepoints, context-switch records, the ring reader thread)
 * costs the fault-anon victim.  Rounds of the harness's fault-anon run with
 * tracing on and with --no-trace alternate in one process, the order flipping
 * every round (on-off, off-on, ...) so drift on a shared machine favours
 * neither side; it prints both rates per round and the median of the paired
 * ratios.  Goal: tracing costs at most 3% (ratio >= 0.97).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "commands.h"
#include "error.h"
#include "evidence.h"
#include "parse.h"
#include "runner.h"

#define MAX_ROUNDS 100

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* One harness run; its fault-anon rate, and whether tracing really ran. */
static double one_run(bool trace, uint64_t duration, uint64_t warmup, char *status, size_t len)
{
	char *argv_on[] = { "run", "--aggressor", "none", "--victims", "fault-anon:1", "--quiet", NULL };
	char *argv_off[] = { "run", "--aggressor", "none", "--victims", "fault-anon:1", "--quiet",
			     "--no-trace", NULL };
	char **av = trace ? argv_on : argv_off;
	int ac = trace ? 6 : 7;
	char err[256];
	struct options o;
	struct run run;
	double rate;
	int rc;

	cli_defaults(&o);
	if (cli_parse_run(ac, av, &o, err, sizeof(err)) != CLI_OK)
		fs_die(FS_EXIT_FAIL, "internal: %s", err);
	o.duration_ns = duration;
	o.warmup_ns = warmup;
	rc = run_prepare(&run, &o, ac, av);
	if (rc || (rc = run_execute(&run)))
		fs_die(rc, "harness round failed: %s", run.error);
	rate = (double)run.threads[0].hist[0]->total / ((double)run.measured_ns[0] / 1e9);
	snprintf(status, len, "%s", evidence_tracing(&run));
	run_destroy(&run);
	return rate;
}

int cmd_trace_overhead(int argc, char **argv)
{
	uint64_t duration = 1000000000ull, warmup = 200000000ull;
	double on[MAX_ROUNDS], off[MAX_ROUNDS], ratio[MAX_ROUNDS], mr;
	char err[256], status[512];
	long rounds = 5;

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--rounds") && i + 1 < argc) {
			if (parse_long(argv[++i], 1, MAX_ROUNDS, &rounds, err, sizeof(err)))
				fs_die(FS_EXIT_USAGE, "--rounds: %s", err);
		} else if (!strcmp(argv[i], "--duration") && i + 1 < argc) {
			if (parse_duration(argv[++i], &duration, err, sizeof(err)) || duration < 10000000)
				fs_die(FS_EXIT_USAGE, "--duration: %s", err[0] ? err : "at least 10ms");
		} else {
			printf("usage: faultstorm trace-overhead [--rounds N (1..%d, default 5)] "
			       "[--duration TIME (default 1s)]\n", MAX_ROUNDS);
			return strcmp(argv[i], "--help") ? FS_EXIT_USAGE : FS_EXIT_OK;
		}
	}
	fs_quiet = 1;
	clock_init(false);
	run_block_signals();
	printf("# fault-anon first-touch rate with kernel tracing on and off (--no-trace), "
	       "alternating, same CPU\n");
	printf("# round\ttraced_faults_per_s\tuntraced_faults_per_s\tratio\n");
	for (long r = 0; r < rounds; r++) {
		bool on_first = !(r & 1);

		if (on_first) {
			on[r] = one_run(true, duration, warmup, status, sizeof(status));
			off[r] = one_run(false, duration, warmup, err, sizeof(err));
		} else {
			off[r] = one_run(false, duration, warmup, err, sizeof(err));
			on[r] = one_run(true, duration, warmup, status, sizeof(status));
		}
		if (strcmp(status, "ok")) {
			/* a ratio of two untraced runs would claim a cost of 0 */
			fprintf(stderr, "faultstorm: tracing is unavailable, nothing to measure: %s\n",
				status);
			return FS_EXIT_NO_RESOURCE;
		}
		ratio[r] = on[r] / off[r];
		printf("%ld\t%.0f\t%.0f\t%.4f\n", r, on[r], off[r], ratio[r]);
		fflush(stdout);
	}
	qsort(on, (size_t)rounds, sizeof(double), cmp_double);
	qsort(off, (size_t)rounds, sizeof(double), cmp_double);
	qsort(ratio, (size_t)rounds, sizeof(double), cmp_double);
	mr = ratio[rounds / 2];
	printf("median traced %.0f faults/s, untraced %.0f faults/s; median of paired ratios %.4f "
	       "= tracing costs %.1f%% (goal <= 3%%): %s\n", on[rounds / 2], off[rounds / 2], mr,
	       100.0 * (1.0 - mr), mr >= 0.97 ? "OK" : "ABOVE GOAL");
	return FS_EXIT_OK;
}
