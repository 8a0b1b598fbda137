// SPDX-License-Identifier: GPL-2.0
/* mmap_lock event pairing, on event sequences the kernel really emits. */
#include <criterion/criterion.h>

#include "lockpair.h"

static struct lockpair p;

static void ev(unsigned thread, uint64_t t, enum lock_ev e, bool write, bool success)
{
	struct lock_rec r = { .ev = e, .write = write, .success = success };

	lockpair_event(&p, thread, t, &r);
}

static void cont(unsigned thread, uint64_t t, enum lock_ev e, uint64_t addr, unsigned flags)
{
	struct lock_rec r = { .ev = e, .lock_addr = addr, .flags = flags, .success = true };

	lockpair_event(&p, thread, t, &r);
}

Test(lockpair, wait_and_hold)
{
	cr_assert_eq(lockpair_init(&p, 2, 0, 100), 0);
	ev(1, 100, LEV_START_LOCKING, true, true);
	ev(1, 400, LEV_ACQUIRE_RETURNED, true, true);
	ev(1, 500, LEV_RELEASED, true, true);
	ev(0, 10, LEV_START_LOCKING, false, true);
	ev(0, 20, LEV_ACQUIRE_RETURNED, false, true);
	ev(0, 1020, LEV_RELEASED, false, true);

	cr_expect_eq(p.t[1].hist[LK_WAIT][AT_WRITE].total, 1);
	cr_expect_eq(p.t[1].hist[LK_WAIT][AT_WRITE].max, 300);
	cr_expect_eq(p.t[1].hist[LK_HOLD][AT_WRITE].max, 100);
	cr_expect_eq(p.t[1].hist[LK_HOLD][AT_READ].total, 0);
	cr_expect_eq(p.t[0].hist[LK_HOLD][AT_READ].max, 1000);
	cr_expect_eq(p.t[0].hist[LK_WAIT][AT_READ].max, 10);
	cr_assert_eq(p.holds.len, 2);
	cr_expect_eq(p.holds.v[1].thread, 0);
	cr_expect_eq(p.holds.v[1].start, 20);
	cr_expect_eq(p.holds.v[1].end, 1020);
	cr_expect_eq(p.holds.v[1].mode, AT_READ);
	cr_expect_eq(p.waits.len, 2);
	cr_expect_eq(p.t[0].unpaired + p.t[1].unpaired, 0);
	lockpair_free(&p);
}

/* mmap_write_downgrade(): acquire_returned(read) with no start and no release */
Test(lockpair, downgrade)
{
	cr_assert_eq(lockpair_init(&p, 1, 0, 100), 0);
	ev(0, 0, LEV_START_LOCKING, true, true);
	ev(0, 10, LEV_ACQUIRE_RETURNED, true, true);
	ev(0, 50, LEV_ACQUIRE_RETURNED, false, true);
	ev(0, 90, LEV_RELEASED, false, true);
	cr_expect_eq(p.t[0].hist[LK_HOLD][AT_WRITE].max, 40);
	cr_expect_eq(p.t[0].hist[LK_HOLD][AT_READ].max, 40);
	cr_expect_eq(p.t[0].downgrades, 1);
	cr_expect_eq(p.t[0].unpaired, 0);
	lockpair_free(&p);
}

/* A failed trylock waited but holds nothing; a release with no acquire (the
 * lock was taken before tracing began) is counted, not paired. */
Test(lockpair, failed_and_unpaired)
{
	cr_assert_eq(lockpair_init(&p, 1, 0, 100), 0);
	ev(0, 0, LEV_RELEASED, false, true);
	ev(0, 100, LEV_START_LOCKING, false, true);
	ev(0, 105, LEV_ACQUIRE_RETURNED, false, false);
	ev(0, 200, LEV_RELEASED, false, true);
	cr_expect_eq(p.t[0].unpaired, 2);
	cr_expect_eq(p.t[0].failed, 1);
	cr_expect_eq(p.t[0].hist[LK_WAIT][AT_READ].total, 1);
	cr_expect_eq(p.t[0].hist[LK_HOLD][AT_READ].total, 0);
	lockpair_free(&p);
}

/* Only intervals of at least keep_min_ns are kept, at most keep_max; the
 * histograms still count every one. */
Test(lockpair, keep_bounds)
{
	/* one thread: its holds can block nobody, yet the newest second's
	 * are never let go */
	cr_assert_eq(lockpair_init(&p, 1, 50, 2), 0);
	for (uint64_t t = 0; t < 10000; t += 1000) {
		ev(0, t, LEV_START_LOCKING, true, true);
		ev(0, t + 10, LEV_ACQUIRE_RETURNED, true, true);
		ev(0, t + 110, LEV_RELEASED, true, true);
	}
	cr_expect_eq(p.waits.len, 0, "10 ns waits are below keep_min");
	cr_expect_eq(p.holds.len, 2);
	cr_expect_eq(p.dropped, 8);
	cr_expect_eq(p.t[0].hist[LK_HOLD][AT_WRITE].total, 10);
	lockpair_free(&p);
}

/* The rwsem address is learned only from contention inside an mmap_lock
 * wait; contention elsewhere (negative control) neither teaches it nor
 * counts as mmap_lock blocking. */
Test(lockpair, contention)
{
	cr_assert_eq(lockpair_init(&p, 1, 0, 100), 0);
	cont(0, 0, LEV_CONTENTION_BEGIN, 0xaaa0, LCB_F_WRITE);	/* outside a wait: some other rwsem */
	cont(0, 30, LEV_CONTENTION_END, 0xaaa0, 0);
	cr_expect_eq(p.mmap_lock_addr, 0);
	ev(0, 100, LEV_START_LOCKING, true, true);
	cont(0, 110, LEV_CONTENTION_BEGIN, 0xbbb0, LCB_F_SPIN);	/* wait_lock spin */
	cont(0, 115, LEV_CONTENTION_END, 0xbbb0, 0);
	cont(0, 120, LEV_CONTENTION_BEGIN, 0xccc0, LCB_F_WRITE);
	cont(0, 900, LEV_CONTENTION_END, 0xccc0, 0);
	ev(0, 905, LEV_ACQUIRE_RETURNED, true, true);
	cr_expect_eq(p.mmap_lock_addr, 0xccc0);
	cr_expect_eq(p.t[0].hist[LK_BLOCKED][AT_WRITE].max, 780);
	cr_expect_eq(p.t[0].other_blocked.total, 2);
	lockpair_free(&p);
}

Test(lockpair, finish_keeps_open_intervals)
{
	cr_assert_eq(lockpair_init(&p, 2, 0, 100), 0);
	ev(0, 0, LEV_START_LOCKING, false, true);
	ev(0, 10, LEV_ACQUIRE_RETURNED, false, true);
	ev(1, 20, LEV_START_LOCKING, true, true);
	lockpair_finish(&p, 500);
	cr_expect_eq(p.holds.len, 1);
	cr_expect_eq(p.holds.v[0].end, 500);
	cr_expect_eq(p.waits.len, 2);
	cr_expect_eq(p.t[0].hist[LK_HOLD][AT_READ].total, 0, "truncated holds stay out of histograms");
	lockpair_free(&p);
}

/* Warm-up intervals are paired and kept but not counted; one that ends
 * after the measured phase began is counted. */
Test(lockpair, warmup_out_of_histograms)
{
	cr_assert_eq(lockpair_init(&p, 1, 0, 100), 0);
	p.hist_from = 1000;
	ev(0, 0, LEV_START_LOCKING, false, true);
	ev(0, 10, LEV_ACQUIRE_RETURNED, false, true);
	ev(0, 500, LEV_RELEASED, false, true);
	ev(0, 600, LEV_START_LOCKING, true, true);
	ev(0, 700, LEV_ACQUIRE_RETURNED, true, true);
	ev(0, 1200, LEV_RELEASED, true, true);
	cr_expect_eq(p.t[0].hist[LK_HOLD][AT_READ].total, 0);
	cr_expect_eq(p.t[0].hist[LK_WAIT][AT_READ].total, 0);
	cr_expect_eq(p.t[0].hist[LK_HOLD][AT_WRITE].total, 1);
	cr_expect_eq(p.holds.len, 2);
	lockpair_free(&p);
}

Test(lockpair, context_switches)
{
	cr_assert_eq(lockpair_init(&p, 1, 100, 100), 0);
	lockpair_switch(&p, 0, 1000, false, false);	/* in, never out: nothing */
	lockpair_switch(&p, 0, 2000, true, true);
	lockpair_switch(&p, 0, 6000, false, false);
	lockpair_switch(&p, 0, 7000, true, false);
	lockpair_switch(&p, 0, 7050, false, false);	/* below keep_min */
	lockpair_switch(&p, 0, 8000, true, false);
	lockpair_switch(&p, 0, 9000, false, false);
	cr_assert_eq(p.offcpu.len, 2);
	cr_expect_eq(p.offcpu.v[0].start, 2000);
	cr_expect_eq(p.offcpu.v[0].end, 6000);
	cr_expect_eq(p.offcpu.v[0].mode, AT_PREEMPT);
	cr_expect_eq(p.offcpu.v[1].mode, AT_SLEEP);
	lockpair_free(&p);
}

/* When full, holds that overlapped another thread's wait stay; the others,
 * older than a second, go; newer ones stay whatever they overlapped. */
Test(lockpair, prune_keeps_what_explains_waits)
{
	const uint64_t s = 1000000000ull;

	cr_assert_eq(lockpair_init(&p, 2, 0, 6), 0);
	/* thread 0 holds 0..100 (thread 1 waits 50..100 behind it) and 200..300 */
	ev(0, 0, LEV_START_LOCKING, false, true);
	ev(0, 0, LEV_ACQUIRE_RETURNED, false, true);
	ev(1, 50, LEV_START_LOCKING, true, true);
	ev(0, 100, LEV_RELEASED, false, true);
	ev(1, 100, LEV_ACQUIRE_RETURNED, true, true);
	ev(1, 110, LEV_RELEASED, true, true);
	ev(0, 200, LEV_START_LOCKING, false, true);
	ev(0, 200, LEV_ACQUIRE_RETURNED, false, true);
	ev(0, 300, LEV_RELEASED, false, true);
	/* kept: 2 zero-length waits of thread 0 (keep_min 0), 1 of thread 1, 3 holds */
	cr_assert_eq(p.holds.len + p.waits.len, 6);
	/* 2 s later, one more hold: the store is full, so prune */
	ev(0, 2 * s, LEV_START_LOCKING, false, true);
	ev(0, 2 * s + 5, LEV_ACQUIRE_RETURNED, false, true);
	ev(0, 2 * s + 10, LEV_RELEASED, false, true);
	cr_expect_eq(p.pruned, 2, "the 200..300 hold and thread 1's own 100..110 hold");
	cr_expect_eq(p.holds.v[0].start, 0, "the hold thread 1 waited behind stays");
	cr_expect_eq(p.holds.v[p.holds.len - 1].start, 2 * s + 5);
	lockpair_free(&p);
}
