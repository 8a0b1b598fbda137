// SPDX-License-Identifier: GPL-2.0
/* mremap-locked: grow a VM_LOCKED mapping from one page to --size with
 * mremap(); the kernel populates the new part, then we shrink it back. */
#include <errno.h>
#include <sys/mman.h>

#include "scenario.h"

static int mremap_locked_setup(struct scenario_ctx *ctx)
{
	void *p = mmap(NULL, ctx->page_size, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_LOCKED, -1, 0);

	if (p == MAP_FAILED)
		return scenario_fail(ctx, errno, "mmap(MAP_LOCKED, one page)");
	ctx->priv = p;
	return 0;
}

static int mremap_locked_op(struct scenario_ctx *ctx)
{
	void *p = mremap(ctx->priv, ctx->page_size, ctx->size, MREMAP_MAYMOVE);

	if (p == MAP_FAILED)
		return scenario_fail(ctx, errno, "mremap(locked, to %zu bytes)", ctx->size);
	ctx->priv = p;
	return 0;
}

static int mremap_locked_reset(struct scenario_ctx *ctx)
{
	void *p = mremap(ctx->priv, ctx->size, ctx->page_size, 0);

	if (p == MAP_FAILED)
		return scenario_fail(ctx, errno, "mremap(shrink to one page)");
	ctx->priv = p;
	return 0;
}

static void mremap_locked_teardown(struct scenario_ctx *ctx)
{
	if (ctx->priv)
		munmap(ctx->priv, ctx->page_size);
	ctx->priv = NULL;
}

const struct aggressor aggressor_mremap_locked = {
	.name = "mremap-locked",
	.description = "grow a VM_LOCKED mapping from one page to --size with mremap, then shrink",
	.op_name = "mremap-grow",
	.reset_name = "mremap-shrink",
	.flags = SCN_USES_MEMORY | SCN_LOCKS_MEMORY,
	.setup = mremap_locked_setup,
	.op = mremap_locked_op,
	.reset = mremap_locked_reset,
	.teardown = mremap_locked_teardown,
};
