// SPDX-License-Identifier: GPL-2.0
/* mlock: mlock() of an existing, unpopulated --size range; the reset munlocks
 * and drops the pages so every mlock populates afresh. */
#include <errno.h>
#include <sys/mman.h>

#include "scenario.h"

static int mlock_setup(struct scenario_ctx *ctx)
{
	return scenario_map(ctx, 0, "mmap");
}

static int mlock_op(struct scenario_ctx *ctx)
{
	if (mlock(ctx->priv, ctx->size))
		return scenario_fail(ctx, errno, "mlock(%zu bytes)", ctx->size);
	return 0;
}

static int mlock_reset(struct scenario_ctx *ctx)
{
	if (munlock(ctx->priv, ctx->size))
		return scenario_fail(ctx, errno, "munlock");
	if (madvise(ctx->priv, ctx->size, MADV_DONTNEED))
		return scenario_fail(ctx, errno, "madvise(MADV_DONTNEED)");
	return 0;
}

const struct aggressor aggressor_mlock = {
	.name = "mlock",
	.description = "mlock() of an existing --size range, then munlock and drop it",
	.op_name = "mlock",
	.reset_name = "munlock",
	.flags = SCN_USES_MEMORY | SCN_LOCKS_MEMORY,
	.setup = mlock_setup,
	.op = mlock_op,
	.reset = mlock_reset,
	.teardown = scenario_unmap_teardown,
};
