/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Stall attribution: for each slow victim operation, what it waited behind.
 *
 * Inputs are plain intervals in one time base (CLOCK_MONOTONIC ns): the
 * victim outliers from the timeline, the aggressor's operations from the
 * timeline, the mmap_lock wait and hold intervals paired from the
 * tracepoints, and the victims' off-CPU intervals from context-switch
 * records.  An outlier's time splits into the part spent in its own mmap_lock
 * waits; outside them, time preempted while runnable ("preempted": the CPU
 * was busy, e.g. shared with the aggressor), time asleep for anything else
 * ("off-CPU, not mmap_lock": another lock, I/O, reclaim); and the rest,
 * on CPU ("no mmap_lock wait": per-VMA lock path, page allocation, zeroing).
 * Each instant of a wait is charged to the
 * other threads holding mmap_lock at that instant, shared equally when
 * several readers hold it together, under the operation the holder was
 * running then; an instant nobody is seen holding it is "holder not traced":
 * a hold shorter than the kept minimum, a hand-off gap, or a task outside
 * the run touching our mm (another process reading /proc/<pid>/cmdline or
 * maps, a kernel thread), whose events the per-thread sampling never sees.  No I/O, no
 * globals: a pure function, unit-tested on hand-built intervals.
 */
#ifndef FS_ATTRIB_H
#define FS_ATTRIB_H

#include <stddef.h>
#include <stdint.h>

enum { AT_READ = 0, AT_WRITE = 1, AT_NONE = -1 };
enum { AT_PREEMPT = 0, AT_SLEEP = 1 };	/* the mode of an off-CPU span */

struct at_span {		/* an mmap_lock wait or hold, or an off-CPU span */
	uint64_t start, end;
	uint32_t thread;
	int8_t mode;		/* AT_READ or AT_WRITE; AT_PREEMPT or AT_SLEEP */
};

struct at_op {			/* one aggressor operation */
	uint64_t start, end;
	uint32_t thread;
	const char *op;
};

struct at_outlier {		/* one slow victim operation */
	uint64_t start, end;
	uint32_t thread;
};

/* The special holders */
#define AT_NO_WAIT "no mmap_lock wait"
#define AT_UNTRACED "holder not traced"
#define AT_PREEMPTED "preempted"
#define AT_OFFCPU "off-CPU, not mmap_lock"
#define AT_BETWEEN_OPS "between ops"

struct at_row {
	int thread;		/* holder thread, -1 for the special rows */
	const char *op;		/* holder's operation, or AT_NO_WAIT / AT_UNTRACED */
	int mode;		/* lock mode the holder held, AT_NONE for special rows */
	uint64_t stall_ns;	/* victim stall time charged to this row */
	uint64_t outliers;	/* outliers whose largest share is this row */
};

struct at_result {		/* per outlier */
	uint64_t wait_ns;	/* in its own mmap_lock waits */
	int wait_mode;		/* mode of its longest wait, AT_NONE if none */
	int holder;		/* thread with the largest share, -1 if none */
	const char *holder_op;	/* that share's op, or AT_NO_WAIT / AT_UNTRACED */
	int holder_mode;
	uint64_t holder_ns;	/* that share's size */
	uint64_t preempted_ns;	/* outside its waits: runnable, not running */
	uint64_t offcpu_ns;	/* outside its waits: asleep */
	struct at_row *rows;	/* every share of this outlier, largest first */
	size_t nrows;
};

struct at_input {
	struct at_span *waits;		/* sorted in place by (thread, start) */
	size_t nwaits;
	struct at_span *holds;		/* sorted in place by start */
	size_t nholds;
	struct at_op *ops;		/* sorted in place by (thread, start) */
	size_t nops;
	const struct at_outlier *outliers;
	size_t noutliers;
	/* For a holder with no op interval (a victim: its ops are not all in
	 * the timeline), the op it always runs; NULL entries (the aggressor)
	 * fall back to AT_BETWEEN_OPS.  Indexed by thread, nthreads long. */
	const char *const *thread_op;
	unsigned nthreads;
	struct at_span *offcpu;		/* sorted in place by (thread, start); may be empty */
	size_t noffcpu;
};

struct at_table {
	struct at_row *rows;	/* largest stall first */
	size_t nrows;
	uint64_t total_ns;	/* all outliers' latency */
};

/* Fills res[noutliers] (may be NULL; free with attrib_results_free) and
 * table (caller frees table->rows).  Returns 0, or -1 when out of memory. */
int attrib_compute(const struct at_input *in, struct at_result *res, struct at_table *table);
void attrib_results_free(struct at_result *res, size_t n);

#endif
