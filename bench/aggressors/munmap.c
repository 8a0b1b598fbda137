// SPDX-License-Identifier: GPL-2.0
/* munmap: munmap() of a populated --size range (a long write hold while the
 * page tables are torn down); the reset maps and populates it again. */
#include <sys/mman.h>

#include "scenario.h"

static int munmap_populate(struct scenario_ctx *ctx)
{
	return scenario_map(ctx, MAP_POPULATE, "mmap(MAP_POPULATE)");
}

const struct aggressor aggressor_munmap = {
	.name = "munmap",
	.description = "munmap() of a populated --size range, then map and populate it again",
	.op_name = "munmap",
	.reset_name = "mmap-populate",
	.flags = SCN_USES_MEMORY,
	.setup = munmap_populate,
	.op = scenario_unmap,
	.reset = munmap_populate,
	.teardown = scenario_unmap_teardown,
};
