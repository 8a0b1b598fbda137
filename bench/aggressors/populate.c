// SPDX-License-Identifier: GPL-2.0
/* populate: anonymous mmap(MAP_POPULATE) of --size, then munmap; the case of
 * Lutomirski's report.  Since 3.9 the population runs under the read lock. */
#include <sys/mman.h>

#include "scenario.h"

static int populate_op(struct scenario_ctx *ctx)
{
	return scenario_map(ctx, MAP_POPULATE, "mmap(MAP_POPULATE)");
}

const struct aggressor aggressor_populate = {
	.name = "populate",
	.description = "anonymous mmap(MAP_POPULATE) of --size, then munmap",
	.op_name = "mmap-populate",
	.reset_name = "munmap",
	.flags = SCN_USES_MEMORY,
	.op = populate_op,
	.reset = scenario_unmap,
	.teardown = scenario_unmap_teardown,
};
