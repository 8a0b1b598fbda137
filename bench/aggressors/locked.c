// SPDX-License-Identifier: GPL-2.0
/* locked: mmap(MAP_LOCKED) of --size, then munmap; populated and mlocked by
 * the kernel before mmap returns. */
#include <errno.h>
#include <sys/mman.h>

#include "scenario.h"

static int locked_op(struct scenario_ctx *ctx)
{
	void *p = mmap(NULL, ctx->size, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_LOCKED, -1, 0);

	if (p == MAP_FAILED)
		return scenario_fail(ctx, errno, "mmap(MAP_LOCKED, %zu bytes)", ctx->size);
	ctx->priv = p;
	return 0;
}

static int locked_reset(struct scenario_ctx *ctx)
{
	if (ctx->priv && munmap(ctx->priv, ctx->size))
		return scenario_fail(ctx, errno, "munmap");
	ctx->priv = NULL;
	return 0;
}

static void locked_teardown(struct scenario_ctx *ctx)
{
	locked_reset(ctx);
}

const struct aggressor aggressor_locked = {
	.name = "locked",
	.description = "mmap(MAP_LOCKED) of --size, then munmap",
	.op_name = "mmap-locked",
	.reset_name = "munmap",
	.flags = SCN_USES_MEMORY | SCN_LOCKS_MEMORY,
	.op = locked_op,
	.reset = locked_reset,
	.teardown = locked_teardown,
};
