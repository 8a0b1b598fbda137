// SPDX-License-Identifier: GPL-2.0
/*
 * fault-anon: one first-touch write fault on private anonymous memory per op.
 * A 64 MiB region is touched a page at a time, then recycled with
 * MADV_DONTNEED (untimed).  Under mlockall the region is VM_LOCKED and
 * MADV_DONTNEED refuses it, so we unmap and map it again instead.
 */
#include <errno.h>
#include <sys/mman.h>

#include "scenario.h"
#include "fault_anon.h"

int fault_region_map(struct scenario_ctx *ctx, struct fault_region *r)
{
	r->base = mmap(NULL, FAULT_REGION_BYTES, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (r->base == MAP_FAILED) {
		r->base = NULL;
		return scenario_fail(ctx, errno, "mmap(%d MiB)", FAULT_REGION_BYTES >> 20);
	}
	r->off = 0;
	return scenario_thp(ctx, r->base, FAULT_REGION_BYTES);
}

static int fault_anon_setup(struct scenario_ctx *ctx)
{
	static __thread struct fault_region region;

	ctx->priv = &region;
	return fault_region_map(ctx, &region);
}

static int fault_anon_op(struct scenario_ctx *ctx)
{
	struct fault_region *r = ctx->priv;

	/* volatile: the store is the fault, the compiler must not drop it */
	*(volatile char *)(r->base + r->off) = 1;
	r->off += ctx->page_size;
	return r->off >= FAULT_REGION_BYTES ? FS_OP_RECYCLE : 0;
}

int fault_region_recycle(struct scenario_ctx *ctx, struct fault_region *r)
{
	r->off = 0;
	if (!madvise(r->base, FAULT_REGION_BYTES, MADV_DONTNEED))
		return 0;
	if (errno != EINVAL)
		return scenario_fail(ctx, errno, "madvise(MADV_DONTNEED)");
	munmap(r->base, FAULT_REGION_BYTES);
	return fault_region_map(ctx, r);
}

static int fault_anon_recycle(struct scenario_ctx *ctx)
{
	return fault_region_recycle(ctx, ctx->priv);
}

static void fault_anon_teardown(struct scenario_ctx *ctx)
{
	struct fault_region *r = ctx->priv;

	if (r && r->base)
		munmap(r->base, FAULT_REGION_BYTES);
	if (r)
		r->base = NULL;
}

const struct victim victim_fault_anon = {
	.name = "fault-anon",
	.description = "first-touch write fault on private anonymous memory (MADV_DONTNEED recycle)",
	.lock_mode = "read (per-VMA lock on 6.4+)",
	.setup = fault_anon_setup,
	.op = fault_anon_op,
	.recycle = fault_anon_recycle,
	.teardown = fault_anon_teardown,
};
