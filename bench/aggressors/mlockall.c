// SPDX-License-Identifier: GPL-2.0
/* mlockall: mlockall(MCL_CURRENT|MCL_FUTURE), then plain mmap/munmap of
 * --size.  Process-wide, as in the original report: the victims' own new
 * mappings get populated and locked too. */
#include <errno.h>
#include <sys/mman.h>

#include "scenario.h"

static int mlockall_setup(struct scenario_ctx *ctx)
{
	if (mlockall(MCL_CURRENT | MCL_FUTURE))
		return scenario_fail(ctx, errno, "mlockall(MCL_CURRENT|MCL_FUTURE)");
	return 0;
}

static int mlockall_op(struct scenario_ctx *ctx)
{
	void *p = mmap(NULL, ctx->size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
		       -1, 0);

	if (p == MAP_FAILED)
		return scenario_fail(ctx, errno, "mmap(%zu bytes) under MCL_FUTURE", ctx->size);
	ctx->priv = p;
	return 0;
}

static int mlockall_reset(struct scenario_ctx *ctx)
{
	if (ctx->priv && munmap(ctx->priv, ctx->size))
		return scenario_fail(ctx, errno, "munmap");
	ctx->priv = NULL;
	return 0;
}

static void mlockall_teardown(struct scenario_ctx *ctx)
{
	mlockall_reset(ctx);
	munlockall();
}

const struct aggressor aggressor_mlockall = {
	.name = "mlockall",
	.description = "mlockall(MCL_CURRENT|MCL_FUTURE), then plain mmap/munmap of --size",
	.op_name = "mmap-mcl-future",
	.reset_name = "munmap",
	.flags = SCN_USES_MEMORY | SCN_LOCKS_MEMORY | SCN_PROCESS_WIDE,
	.setup = mlockall_setup,
	.op = mlockall_op,
	.reset = mlockall_reset,
	.teardown = mlockall_teardown,
};
