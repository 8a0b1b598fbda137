/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The runner owns what scenarios share: threads, pinning, the start gate,
 * warm-up, the measured phase, stop on time or signal, and per-thread result
 * slots (each on its own cache lines).  One struct run is one invocation of
 * `faultstorm run`, all its repeats.
 */
#ifndef FS_RUNNER_H
#define FS_RUNNER_H

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "cli.h"
#include "histogram.h"
#include "scenario.h"
#include "topology.h"

/* timeline.tsv row: one aggressor step, or one slow victim op */
struct tl_entry {
	uint64_t start;		/* clock ticks (clock.h) */
	uint64_t lat_ns;
	uint16_t thread;	/* index in run->threads */
	uint8_t step;		/* 0: the op, 1: the aggressor's reset step */
};

struct evidence;

struct fs_thread {
	/* identity and placement, fixed for the whole run */
	char name[48];			/* "<op>.<n>", e.g. "fault-anon.0" */
	const char *role;		/* "aggressor" or "victim" */
	const char *kind;		/* aggressor or victim name */
	const char *op;			/* the timed op's name */
	const char *reset_op;		/* the aggressor's reset step name, or NULL */
	const struct aggressor *agg;
	const struct victim *vic;
	struct place place;
	unsigned kind_index;

	/* per repeat */
	pthread_t pthread;
	pid_t tid;
	struct scenario_ctx ctx;
	int status;			/* 0, or negative errno of a failed hook */
	bool setup_failed;
	uint64_t op_started;		/* tick the current op began, 0 when between ops */

	/* results, kept across repeats */
	struct histogram **hist;	/* [repeat]: the op */
	struct histogram **reset_hist;	/* [repeat]: the reset step (aggressor) */
	struct tl_entry *tl;
	size_t tl_len, tl_cap;
	uint64_t tl_dropped;		/* outliers not kept: out of memory */
} __attribute__((aligned(64)));

enum run_phase { PHASE_SETUP, PHASE_WARMUP, PHASE_MEASURE, PHASE_STOP };

struct run {
	const struct options *opt;
	int argc;
	char **argv;
	const struct aggressor *agg;
	struct topo *topo;
	int nthreads;
	struct fs_thread *threads;
	char scenario[320];		/* "populate+fault-anon:1,mmap-churn:1 size=256M" */
	char id[256];			/* "populate-256M.fault-anon1.mmap-churn1" */
	char thp_system[32];		/* THP "enabled" mode of the system */

	pthread_barrier_t ready, go;
	pthread_barrier_t stopped;	/* every thread out of its loop, before teardown */
	int phase;			/* enum run_phase, read by every thread */

	/* timing */
	uint64_t t0_mono;		/* first repeat's gate, CLOCK_MONOTONIC ns */
	uint64_t *measured_ns;		/* [repeat] */
	char start_utc[32], end_utc[32];
	int repeats_done;

	/* outcome */
	bool interrupted;
	int signal;
	bool failed;
	char error[512];		/* why it failed or was skipped */
	json_t *report;			/* the aggressor's extra fields, or NULL */
	struct evidence *ev;		/* kernel-side evidence (evidence.h), or NULL */
};

/* Checks that need no threads: scenario support, memory guard, privileges,
 * NUMA node, file dir.  Returns FS_EXIT_OK or an exit code with run->error
 * set (usage problems and missing resources). */
int run_prepare(struct run *run, const struct options *opt, int argc, char **argv);
/* All repeats.  Returns FS_EXIT_OK, FS_EXIT_INTERRUPTED, FS_EXIT_NO_RESOURCE
 * (a setup hook failed: skipped) or FS_EXIT_FAIL (an op failed). */
int run_execute(struct run *run);
void run_destroy(struct run *run);

/* Set when a thread did not stop after the watchdog's margin: it may still
 * touch its run's memory, so nothing of that run is freed, and no further
 * run should start in this process. */
extern bool runner_stuck;

/* Signals the runner waits for; blocked in every thread. */
void run_block_signals(void);

/* The id and human name of a scenario from its options. */
void scenario_names(const struct options *opt, char *id, size_t idlen, char *name, size_t namelen);

#endif
