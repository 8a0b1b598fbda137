// SPDX-License-Identifier: GPL-2.0
/* madv-populate: madvise(MADV_POPULATE_WRITE) of an existing --size range
 * (Linux 5.14+), then MADV_DONTNEED so the next one populates again. */
#include <errno.h>
#include <stdio.h>
#include <sys/mman.h>
#include <unistd.h>

#include "scenario.h"

#ifndef MADV_POPULATE_WRITE
#define MADV_POPULATE_WRITE 23	/* uapi value; older libc headers lack it */
#endif

static const char *madv_populate_unsupported(void)
{
	static char why[128];
	long page = sysconf(_SC_PAGESIZE);
	void *p = mmap(NULL, (size_t)page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
		       -1, 0);
	int err = 0;

	if (p == MAP_FAILED)
		return "cannot map a page to probe MADV_POPULATE_WRITE";
	if (madvise(p, (size_t)page, MADV_POPULATE_WRITE))
		err = errno;
	munmap(p, (size_t)page);
	if (err == EINVAL) {
		snprintf(why, sizeof(why), "MADV_POPULATE_WRITE needs Linux 5.14 or later");
		return why;
	}
	return NULL;
}

static int madv_populate_setup(struct scenario_ctx *ctx)
{
	return scenario_map(ctx, 0, "mmap");
}

static int madv_populate_op(struct scenario_ctx *ctx)
{
	if (madvise(ctx->priv, ctx->size, MADV_POPULATE_WRITE))
		return scenario_fail(ctx, errno, "madvise(MADV_POPULATE_WRITE, %zu bytes)",
				     ctx->size);
	return 0;
}

static int madv_populate_reset(struct scenario_ctx *ctx)
{
	if (madvise(ctx->priv, ctx->size, MADV_DONTNEED))
		return scenario_fail(ctx, errno, "madvise(MADV_DONTNEED)");
	return 0;
}

const struct aggressor aggressor_madv_populate = {
	.name = "madv-populate",
	.description = "madvise(MADV_POPULATE_WRITE) of a --size range (5.14+), then MADV_DONTNEED",
	.op_name = "madv-populate-write",
	.reset_name = "madv-dontneed",
	.flags = SCN_USES_MEMORY,
	.unsupported = madv_populate_unsupported,
	.setup = madv_populate_setup,
	.op = madv_populate_op,
	.reset = madv_populate_reset,
	.teardown = scenario_unmap_teardown,
};
