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
	return scenario_map(ctx, 0, "mmap under MCL_FUTURE");
}

static void mlockall_teardown(struct scenario_ctx *ctx)
{
	scenario_unmap(ctx);
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
	.reset = scenario_unmap,
	.teardown = mlockall_teardown,
};
