// SPDX-License-Identifier: GPL-2.0
/*
 * `faultstorm overhead`: what timing every op costs.  Alternates rounds of the
 * fault-anon victim run by the harness (--aggressor none --victims
 * fault-anon:1) with rounds of a bare first-touch loop on the same CPU, the
 * same region and the same recycling, and prints both fault rates and the
 * median of the paired ratios.  The harness runs with --no-trace and
 * --no-counters: this is the cost of timing and recording every op (`make
 * trace-overhead` measures what kernel evidence adds on top).  Alternating rounds in one process keeps a noisy,
 * shared machine from favouring either side.
 */
#include <errno.h>
#include <pthread.h>
#include <sys/mman.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "clock.h"
#include "commands.h"
#include "error.h"
#include "parse.h"
#include "runner.h"
#include "victims/fault_anon.h"

struct bare {
	struct run *run;	/* for the topology and the CPU the victim had */
	struct place place;
	uint64_t warmup_ns, duration_ns;
	uint64_t faults;
	double secs;
	int err;
};

static int stop_flag;

/* The loop a user would write: touch, advance, recycle; no clock. */
static void *bare_loop(void *arg)
{
	struct bare *b = arg;
	struct scenario_ctx ctx = { .thp = THP_NEVER, .page_size = (size_t)sysconf(_SC_PAGESIZE) };
	struct fault_region r = { 0 };
	uint64_t n = 0, t0 = 0;
	int measuring = 0;

	b->err = topo_bind_self(b->run->topo, &b->place, -1);
	if (b->err || (b->err = fault_region_map(&ctx, &r)))
		return NULL;
	for (;;) {
		int s = __atomic_load_n(&stop_flag, __ATOMIC_RELAXED);

		if (s == 2)
			break;
		if (s == 1 && !measuring) {
			measuring = 1;
			n = 0;
			t0 = mono_ns();
		}
		*(volatile char *)(r.base + r.off) = 1;
		n++;
		r.off += ctx.page_size;
		if (r.off >= FAULT_REGION_BYTES && fault_region_recycle(&ctx, &r)) {
			b->err = -EIO;
			break;
		}
	}
	b->secs = (double)(mono_ns() - t0) / 1e9;
	b->faults = n;
	munmap((void *)r.base, FAULT_REGION_BYTES);
	return NULL;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

int cmd_overhead(int argc, char **argv)
{
	char *run_argv[] = { "run", "--aggressor", "none", "--victims", "fault-anon:1", "--quiet",
			     "--no-trace", "--no-counters", NULL };
	uint64_t duration = 1000000000ull, warmup = 200000000ull;
	long rounds = 5;
	double harness[100], bare_rate[100], ratio[100], mh, mb, mr;
	char err[256];
	struct options o;

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--rounds") && i + 1 < argc) {
			if (parse_long(argv[++i], 1, 100, &rounds, err, sizeof(err)))
				fs_die(FS_EXIT_USAGE, "--rounds: %s", err);
		} else if (!strcmp(argv[i], "--duration") && i + 1 < argc) {
			if (parse_duration(argv[++i], &duration, err, sizeof(err)) || duration < 10000000)
				fs_die(FS_EXIT_USAGE, "--duration: %s", err[0] ? err : "at least 10ms");
		} else {
			printf("usage: faultstorm overhead [--rounds N (1..100, default 5)] "
			       "[--duration TIME (default 1s)]\n");
			return strcmp(argv[i], "--help") ? FS_EXIT_USAGE : FS_EXIT_OK;
		}
	}
	cli_defaults(&o);
	if (cli_parse_run(8, run_argv, &o, err, sizeof(err)) != CLI_OK)
		fs_die(FS_EXIT_FAIL, "internal: %s", err);
	o.duration_ns = duration;
	o.warmup_ns = warmup;
	fs_quiet = 1;
	clock_init(false);
	run_block_signals();
	printf("# fault-anon first-touch rate, harness (timed, histogram) vs bare loop, same CPU\n");
	printf("# round\tharness_faults_per_s\tbare_faults_per_s\tratio\n");
	for (long r = 0; r < rounds; r++) {
		struct run run;
		struct bare b = { .warmup_ns = warmup, .duration_ns = duration };
		struct timespec w = { (time_t)(warmup / 1000000000ull), (long)(warmup % 1000000000ull) };
		struct timespec d = { (time_t)(duration / 1000000000ull), (long)(duration % 1000000000ull) };
		pthread_t th;
		int rc = run_prepare(&run, &o, 8, run_argv);

		if (rc || (rc = run_execute(&run)))
			fs_die(rc, "harness round failed: %s", run.error);
		harness[r] = (double)run.threads[0].hist[0]->total / ((double)run.measured_ns[0] / 1e9);
		b.run = &run;
		b.place = run.threads[0].place;
		__atomic_store_n(&stop_flag, 0, __ATOMIC_RELAXED);
		errno = pthread_create(&th, NULL, bare_loop, &b);
		if (errno)
			fs_die(FS_EXIT_FAIL, "cannot create the bare-loop thread: %s", strerror(errno));
		nanosleep(&w, NULL);
		__atomic_store_n(&stop_flag, 1, __ATOMIC_RELAXED);
		nanosleep(&d, NULL);
		__atomic_store_n(&stop_flag, 2, __ATOMIC_RELAXED);
		pthread_join(th, NULL);
		if (b.err)
			fs_die(FS_EXIT_FAIL, "bare loop failed: %s", strerror(-b.err));
		bare_rate[r] = (double)b.faults / b.secs;
		ratio[r] = harness[r] / bare_rate[r];
		printf("%ld\t%.0f\t%.0f\t%.4f\n", r, harness[r], bare_rate[r], ratio[r]);
		fflush(stdout);
		run_destroy(&run);
	}
	qsort(harness, (size_t)rounds, sizeof(double), cmp_double);
	qsort(bare_rate, (size_t)rounds, sizeof(double), cmp_double);
	qsort(ratio, (size_t)rounds, sizeof(double), cmp_double);
	mh = harness[rounds / 2];
	mb = bare_rate[rounds / 2];
	mr = ratio[rounds / 2];
	/* the verdict uses the paired ratio: each round's two halves ran back to
	 * back, so load that drifts over the whole benchmark cancels out */
	printf("median harness %.0f faults/s, bare %.0f faults/s; median of paired ratios %.4f "
	       "(target >= 0.98): %s\n", mh, mb, mr, mr >= 0.98 ? "OK" : "BELOW TARGET");
	return FS_EXIT_OK;
}
