// SPDX-License-Identifier: GPL-2.0
/* munmap: munmap() of a populated --size range (a long write hold while the
 * page tables are torn down); the reset maps and populates it again. */
#include <errno.h>
#include <sys/mman.h>

#include "scenario.h"

static int munmap_reset(struct scenario_ctx *ctx)
{
	void *p = mmap(NULL, ctx->size, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);

	if (p == MAP_FAILED)
		return scenario_fail(ctx, errno, "mmap(MAP_POPULATE, %zu bytes)", ctx->size);
	ctx->priv = p;
	return 0;
}

static int munmap_op(struct scenario_ctx *ctx)
{
	if (munmap(ctx->priv, ctx->size))
		return scenario_fail(ctx, errno, "munmap(%zu bytes)", ctx->size);
	ctx->priv = NULL;
	return 0;
}

static void munmap_teardown(struct scenario_ctx *ctx)
{
	if (ctx->priv)
		munmap(ctx->priv, ctx->size);
	ctx->priv = NULL;
}

const struct aggressor aggressor_munmap = {
	.name = "munmap",
	.description = "munmap() of a populated --size range, then map and populate it again",
	.op_name = "munmap",
	.reset_name = "mmap-populate",
	.flags = SCN_USES_MEMORY,
	.setup = munmap_reset,
	.op = munmap_op,
	.reset = munmap_reset,
	.teardown = munmap_teardown,
};
