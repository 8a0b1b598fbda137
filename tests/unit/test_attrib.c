// SPDX-License-Identifier: GPL-2.0
/* Stall attribution on hand-built intervals (times in ns, made up but shaped
 * like a populate aggressor against an mmap-churn writer). */
#include <criterion/criterion.h>
#include <string.h>

#include "attrib.h"

/* threads: 0 populate.0 (aggressor), 1 mmap-churn.0, 2 fault-anon.0, 3 maps-read.0 */
static const char *const thread_op[] = { NULL, "mmap-churn", "fault-anon", "maps-read" };

static const struct at_row *row(const struct at_table *t, int thread, const char *op, int mode)
{
	for (size_t i = 0; i < t->nrows; i++)
		if (t->rows[i].thread == thread && t->rows[i].mode == mode && !strcmp(t->rows[i].op, op))
			return &t->rows[i];
	return NULL;
}

static uint64_t row_ns(const struct at_table *t, int thread, const char *op, int mode)
{
	const struct at_row *r = row(t, thread, op, mode);

	return r ? r->stall_ns : 0;
}

/* The writer-queued case: mmap-churn's write lock waits behind populate's
 * read hold; the whole wait is charged to populate's op, read mode. */
Test(attrib, writer_waits_behind_populate)
{
	struct at_span waits[] = { { 1500, 101000, 1, AT_WRITE } };
	struct at_span holds[] = {
		{ 1000, 1200, 0, AT_WRITE },	/* mmap's own write hold */
		{ 1200, 101000, 0, AT_READ },	/* populate under the read lock */
		{ 101000, 101300, 1, AT_WRITE },	/* the victim's own hold: never a holder */
	};
	struct at_op ops[] = { { 900, 101100, 0, "mmap-populate" } };
	struct at_outlier out[] = { { 1400, 101400, 1 } };
	struct at_input in = { waits, 1, holds, 3, ops, 1, out, 1, thread_op, 4, NULL, 0 };
	struct at_result res[1];
	struct at_table t;

	cr_assert_eq(attrib_compute(&in, res, &t), 0);
	cr_expect_eq(t.total_ns, 100000);
	cr_expect_eq(row_ns(&t, 0, "mmap-populate", AT_READ), 99500);
	cr_expect_eq(row_ns(&t, -1, AT_NO_WAIT, AT_NONE), 500);
	cr_expect_eq(row_ns(&t, 1, "mmap-churn", AT_WRITE), 0, "own hold charged");
	cr_expect_eq(t.rows[0].thread, 0, "largest row first");
	cr_expect_eq(res[0].wait_ns, 99500);
	cr_expect_eq(res[0].wait_mode, AT_WRITE);
	cr_expect_eq(res[0].holder, 0);
	cr_expect_str_eq(res[0].holder_op, "mmap-populate");
	cr_expect_eq(res[0].holder_mode, AT_READ);
	cr_expect_eq(row(&t, 0, "mmap-populate", AT_READ)->outliers, 1);
	cr_assert_eq(res[0].nrows, 2, "populate's share and the time before the wait");
	cr_expect_eq(res[0].rows[0].stall_ns, 99500);
	cr_expect_str_eq(res[0].rows[1].op, AT_NO_WAIT);
	attrib_results_free(res, 1);
	free(t.rows);
}

/* Negative control: a hold that ended before the wait began, and one by a
 * thread that started after it ended, must not be named; the time is then
 * "holder not traced", and an outlier with no wait is "no mmap_lock wait". */
Test(attrib, no_overlap_no_blame)
{
	struct at_span waits[] = { { 5000, 6000, 1, AT_WRITE } };
	struct at_span holds[] = {
		{ 1000, 4999, 0, AT_READ },
		{ 6000, 9000, 3, AT_READ },
	};
	struct at_op ops[] = { { 900, 5100, 0, "mmap-populate" } };
	struct at_outlier out[] = { { 5000, 6000, 1 }, { 7000, 8000, 2 } };
	struct at_input in = { waits, 1, holds, 2, ops, 1, out, 2, thread_op, 4, NULL, 0 };
	struct at_result res[2];
	struct at_table t;

	cr_assert_eq(attrib_compute(&in, res, &t), 0);
	cr_expect_eq(row_ns(&t, 0, "mmap-populate", AT_READ), 0);
	cr_expect_eq(row_ns(&t, 3, "maps-read", AT_READ), 0);
	cr_expect_eq(row_ns(&t, -1, AT_UNTRACED, AT_NONE), 1000);
	cr_expect_eq(row_ns(&t, -1, AT_NO_WAIT, AT_NONE), 1000);
	cr_expect_eq(res[0].holder, -1);
	cr_expect_str_eq(res[0].holder_op, AT_UNTRACED);
	cr_expect_eq(res[1].wait_ns, 0);
	cr_expect_str_eq(res[1].holder_op, AT_NO_WAIT);
	cr_expect_eq(res[1].wait_mode, AT_NONE);
	attrib_results_free(res, 2);
	free(t.rows);
}

/* Two readers hold together: they share the overlap equally; pieces are
 * charged to the op the holder ran at that time, and a victim holder to its
 * own op; an aggressor hold outside any op is "between ops". */
Test(attrib, shared_readers_and_ops)
{
	struct at_span waits[] = { { 0, 1000, 1, AT_WRITE } };
	struct at_span holds[] = {
		{ 0, 600, 0, AT_READ },		/* ops: 0-300 populate, 300-500 munmap, 500- none */
		{ 200, 800, 3, AT_READ },	/* maps-read victim */
	};
	struct at_op ops[] = {
		{ 300, 500, 0, "munmap" },	/* unsorted on purpose */
		{ 0, 300, 0, "mmap-populate" },
	};
	struct at_outlier out[] = { { 0, 1000, 1 } };
	struct at_input in = { waits, 1, holds, 2, ops, 2, out, 1, thread_op, 4, NULL, 0 };
	struct at_table t;

	cr_assert_eq(attrib_compute(&in, NULL, &t), 0);
	/* 0-200 populate alone (200), 200-300 shared (50), 300-500 munmap
	 * shared (100), 500-600 between ops shared (50), 600-800 maps-read
	 * alone (200) + its shares (50+100+50), 800-1000 nobody (200) */
	cr_expect_eq(row_ns(&t, 0, "mmap-populate", AT_READ), 250);
	cr_expect_eq(row_ns(&t, 0, "munmap", AT_READ), 100);
	cr_expect_eq(row_ns(&t, 0, AT_BETWEEN_OPS, AT_READ), 50);
	cr_expect_eq(row_ns(&t, 3, "maps-read", AT_READ), 400);
	cr_expect_eq(row_ns(&t, -1, AT_UNTRACED, AT_NONE), 200);
	cr_expect_eq(t.total_ns, 1000);
	free(t.rows);
}

/* Waits that straddle the outlier's edges count only inside it; a wait of
 * another thread is not this outlier's. */
Test(attrib, clipping_and_threads)
{
	struct at_span waits[] = {
		{ 100, 400, 2, AT_READ },
		{ 500, 2000, 2, AT_READ },
		{ 0, 3000, 1, AT_WRITE },
	};
	struct at_span holds[] = { { 0, 5000, 0, AT_WRITE } };
	struct at_op ops[] = { { 0, 5000, 0, "munmap" } };
	struct at_outlier out[] = { { 300, 1000, 2 } };
	struct at_input in = { waits, 3, holds, 1, ops, 1, out, 1, thread_op, 4, NULL, 0 };
	struct at_result res[1];
	struct at_table t;

	cr_assert_eq(attrib_compute(&in, res, &t), 0);
	cr_expect_eq(res[0].wait_ns, 100 + 500);
	cr_expect_eq(row_ns(&t, 0, "munmap", AT_WRITE), 600);
	cr_expect_eq(row_ns(&t, -1, AT_NO_WAIT, AT_NONE), 100);
	cr_expect_eq(res[0].wait_mode, AT_READ);
	attrib_results_free(res, 1);
	free(t.rows);
}

/* Outside its own waits, a victim's time off CPU is "preempted" when it was
 * runnable and "off-CPU, not mmap_lock" when it slept; preemption inside a
 * wait stays the holder's (the wait is why it was not running). */
Test(attrib, offcpu_outside_waits)
{
	struct at_span waits[] = { { 1000, 5000, 1, AT_WRITE } };
	struct at_span holds[] = { { 0, 5000, 0, AT_READ } };
	struct at_op ops[] = { { 0, 5000, 0, "mmap-populate" } };
	struct at_span off[] = {
		{ 200, 700, 1, AT_PREEMPT },	/* before the wait: the CPU was busy */
		{ 4000, 5500, 1, AT_PREEMPT },	/* straddles the wait's end */
		{ 6000, 6300, 1, AT_SLEEP },
		{ 100, 9000, 2, AT_SLEEP },	/* another thread's: not this outlier's */
	};
	struct at_outlier out[] = { { 0, 7000, 1 } };
	struct at_input in = { waits, 1, holds, 1, ops, 1, out, 1, thread_op, 4, off, 4 };
	struct at_result res[1];
	struct at_table t;

	cr_assert_eq(attrib_compute(&in, res, &t), 0);
	cr_expect_eq(row_ns(&t, 0, "mmap-populate", AT_READ), 4000);
	cr_expect_eq(row_ns(&t, -1, AT_PREEMPTED, AT_NONE), 500 + 500);
	cr_expect_eq(row_ns(&t, -1, AT_OFFCPU, AT_NONE), 300);
	cr_expect_eq(row_ns(&t, -1, AT_NO_WAIT, AT_NONE), 7000 - 4000 - 1000 - 300);
	cr_expect_eq(res[0].preempted_ns, 1000);
	cr_expect_eq(res[0].offcpu_ns, 300);
	cr_expect_eq(t.total_ns, 7000);
	attrib_results_free(res, 1);
	free(t.rows);
}
