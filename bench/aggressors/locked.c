// SPDX-License-Identifier: GPL-2.0
/* locked: mmap(MAP_LOCKED) of --size, then munmap; populated and mlocked by
 * the kernel before mmap returns. */
#include <sys/mman.h>

#include "scenario.h"

static int locked_op(struct scenario_ctx *ctx)
{
	return scenario_map(ctx, MAP_LOCKED, "mmap(MAP_LOCKED)");
}

const struct aggressor aggressor_locked = {
	.name = "locked",
	.description = "mmap(MAP_LOCKED) of --size, then munmap",
	.op_name = "mmap-locked",
	.reset_name = "munmap",
	.flags = SCN_USES_MEMORY | SCN_LOCKS_MEMORY,
	.op = locked_op,
	.reset = scenario_unmap,
	.teardown = scenario_unmap_teardown,
};
