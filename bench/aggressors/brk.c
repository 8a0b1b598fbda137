// SPDX-License-Identifier: GPL-2.0
/*
 * brk: grow the heap by --size under MCL_FUTURE, then shrink it back.
 *
 * We call the brk syscall directly rather than sbrk(): glibc caches the break
 * in __curbrk, and we always return to the break we found, so its view stays
 * right.  Other threads allocate from their own mmap'd malloc arenas; the main
 * thread only waits while the run lasts.
 */
#include <errno.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "scenario.h"

static uintptr_t sys_brk(uintptr_t addr)
{
	return (uintptr_t)syscall(SYS_brk, addr);
}

static int brk_setup(struct scenario_ctx *ctx)
{
	ctx->priv = (void *)sys_brk(0);
	if (mlockall(MCL_FUTURE))
		return scenario_fail(ctx, errno, "mlockall(MCL_FUTURE)");
	return 0;
}

static int brk_op(struct scenario_ctx *ctx)
{
	uintptr_t base = (uintptr_t)ctx->priv;

	if (sys_brk(base + ctx->size) != base + ctx->size)
		return scenario_fail(ctx, ENOMEM, "brk(+%zu bytes)", ctx->size);
	return 0;
}

static int brk_reset(struct scenario_ctx *ctx)
{
	uintptr_t base = (uintptr_t)ctx->priv;

	if (sys_brk(base) != base)
		return scenario_fail(ctx, ENOMEM, "brk back to the start");
	return 0;
}

static void brk_teardown(struct scenario_ctx *ctx)
{
	if (ctx->priv)
		brk_reset(ctx);
	munlockall();
}

const struct aggressor aggressor_brk = {
	.name = "brk",
	.description = "grow the heap by --size with brk() under MCL_FUTURE, then shrink it",
	.op_name = "brk-grow",
	.reset_name = "brk-shrink",
	.flags = SCN_USES_MEMORY | SCN_LOCKS_MEMORY | SCN_PROCESS_WIDE,
	.setup = brk_setup,
	.op = brk_op,
	.reset = brk_reset,
	.teardown = brk_teardown,
};
