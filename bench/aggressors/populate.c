// SPDX-License-Identifier: GPL-2.0
/* populate: anonymous mmap(MAP_POPULATE) of --size, then munmap; the case of
 * Lutomirski's report.  Since 3.9 the population runs under the read lock. */
#include <errno.h>
#include <sys/mman.h>

#include "scenario.h"

static int populate_op(struct scenario_ctx *ctx)
{
	void *p = mmap(NULL, ctx->size, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);

	if (p == MAP_FAILED)
		return scenario_fail(ctx, errno, "mmap(MAP_POPULATE, %zu bytes)", ctx->size);
	ctx->priv = p;
	return 0;
}

static int populate_reset(struct scenario_ctx *ctx)
{
	if (ctx->priv && munmap(ctx->priv, ctx->size))
		return scenario_fail(ctx, errno, "munmap");
	ctx->priv = NULL;
	return 0;
}

static void populate_teardown(struct scenario_ctx *ctx)
{
	populate_reset(ctx);
}

const struct aggressor aggressor_populate = {
	.name = "populate",
	.description = "anonymous mmap(MAP_POPULATE) of --size, then munmap",
	.op_name = "mmap-populate",
	.reset_name = "munmap",
	.flags = SCN_USES_MEMORY,
	.op = populate_op,
	.reset = populate_reset,
	.teardown = populate_teardown,
};
