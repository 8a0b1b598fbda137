// SPDX-License-Identifier: GPL-2.0
/* mmap-churn: one small anonymous mmap + munmap per op: two write
 * acquisitions of mmap_lock, the writer that queues behind populate. */
#include <errno.h>
#include <sys/mman.h>

#include "scenario.h"

static int mmap_churn_op(struct scenario_ctx *ctx)
{
	void *p = mmap(NULL, ctx->page_size, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED)
		return scenario_fail(ctx, errno, "mmap(one page)");
	if (munmap(p, ctx->page_size))
		return scenario_fail(ctx, errno, "munmap(one page)");
	return 0;
}

const struct victim victim_mmap_churn = {
	.name = "mmap-churn",
	.description = "small mmap + munmap: a writer of mmap_lock",
	.lock_mode = "write",
	.op = mmap_churn_op,
};
