/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Pair each thread's mmap_lock tracepoints into intervals:
 *   wait = start_locking -> acquire_returned,  hold = acquire_returned -> released,
 * split by lock mode, into per-thread log-linear histograms (histogram.h), and
 * keep the intervals long enough to matter for stall attribution (attrib.h).
 *
 * One thread's events arrive in its own order (one ring buffer per thread),
 * so pairing needs only per-thread state.  Kernel paths that do not follow
 * start/acquire/release are handled explicitly: mmap_write_downgrade() emits
 * acquire_returned(read) while the write lock is held and no release, and a
 * failed trylock or killable lock emits acquire_returned(success=false).
 *
 * lock:contention_begin/end show when a wait actually blocked in the rwsem
 * slow path; the mmap_lock's rwsem address is learned from a contention_begin
 * seen inside an mmap_lock wait, since mm_struct's layout is not ours to know.
 */
#ifndef FS_LOCKPAIR_H
#define FS_LOCKPAIR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "attrib.h"
#include "histogram.h"
#include "lockfmt.h"

enum { LK_WAIT, LK_HOLD, LK_BLOCKED, LK_KINDS };	/* histogram kinds */
extern const char *const lk_kind_name[LK_KINDS];
extern const char *const lk_mode_name[2];

struct lk_thread {
	/* pairing state */
	bool waiting, holding, contended, off_cpu;
	int8_t off_mode;		/* AT_PREEMPT or AT_SLEEP */
	uint64_t off_start;
	int8_t wait_mode, hold_mode;
	uint64_t wait_start, hold_start, cont_start, cont_addr;
	unsigned cont_flags;

	/* results: [kind][mode]; LK_BLOCKED is rwsem contention on mmap_lock */
	struct histogram hist[LK_KINDS][2];
	struct histogram other_blocked;	/* contention on any other lock */
	uint64_t failed;		/* acquire_returned(success=false) */
	uint64_t downgrades;
	uint64_t unpaired;		/* events that fit no state (run edges) */
};

struct span_vec {
	struct at_span *v;
	size_t len, cap;
};

struct lockpair {
	unsigned nthreads;
	struct lk_thread *t;
	uint64_t keep_min_ns;		/* intervals shorter than this are not kept */
	size_t keep_max;		/* bound on kept intervals, waits + holds */
	struct span_vec waits, holds;
	struct span_vec offcpu;		/* the threads' off-CPU spans (attrib.h) */
	uint64_t dropped;		/* intervals not kept: keep_max reached */
	uint64_t pruned;		/* holds let go: they overlapped no wait */
	uint64_t latest;		/* latest event time seen */
	uint64_t mmap_lock_addr;	/* learned; 0 until seen */
	/* intervals ending before this (the warm-up) are paired and kept
	 * for attribution but stay out of the histograms; set it with
	 * __atomic_store_n, the reader thread reads it */
	uint64_t hist_from;
	uint64_t events;
};

/* 0, or -1 when out of memory. */
int lockpair_init(struct lockpair *p, unsigned nthreads, uint64_t keep_min_ns, size_t keep_max);
void lockpair_free(struct lockpair *p);
/* One decoded event of thread `thread` at time t (ns, monotonic). */
void lockpair_event(struct lockpair *p, unsigned thread, uint64_t t, const struct lock_rec *r);
/* A context switch of thread `thread`: out (preempt: it was still runnable)
 * or back in.  Off-CPU spans are kept under the same bounds as intervals. */
void lockpair_switch(struct lockpair *p, unsigned thread, uint64_t t, bool out, bool preempt);
/* Close what is still open at the end of tracing: holds and waits in
 * progress count up to t, so a stall that outlasts the run still shows. */
void lockpair_finish(struct lockpair *p, uint64_t t);

#endif
