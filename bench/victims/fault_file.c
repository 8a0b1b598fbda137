// SPDX-License-Identifier: GPL-2.0
/* fault-file: one read fault per op on a shared mapping of a page-cached
 * 64 MiB file in --file-dir; recycled with MADV_DONTNEED, which drops the
 * page table entries but keeps the pages cached. */
#include <errno.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#include "scenario.h"

#define FILE_REGION_BYTES (64 << 20)

struct fault_file {
	int fd;
	volatile const char *base;
	size_t off;
	char sink;
};

static int fault_file_setup(struct scenario_ctx *ctx)
{
	struct fault_file *s = calloc(1, sizeof(*s));
	void *p;

	if (!s)
		return scenario_fail(ctx, ENOMEM, "fault-file state");
	ctx->priv = s;
	s->fd = scenario_tmpfile(ctx, ctx->file_dir, FILE_REGION_BYTES);
	if (s->fd < 0)
		return s->fd;
	p = mmap(NULL, FILE_REGION_BYTES, PROT_READ, MAP_SHARED, s->fd, 0);
	if (p == MAP_FAILED)
		return scenario_fail(ctx, errno, "mmap(file, %d MiB)", FILE_REGION_BYTES >> 20);
	s->base = p;
	return scenario_thp(ctx, p, FILE_REGION_BYTES);
}

static int fault_file_op(struct scenario_ctx *ctx)
{
	struct fault_file *s = ctx->priv;

	s->sink += s->base[s->off];
	s->off += ctx->page_size;
	return s->off >= FILE_REGION_BYTES ? FS_OP_RECYCLE : 0;
}

static int fault_file_recycle(struct scenario_ctx *ctx)
{
	struct fault_file *s = ctx->priv;

	s->off = 0;
	if (madvise((void *)s->base, FILE_REGION_BYTES, MADV_DONTNEED))
		return scenario_fail(ctx, errno, "madvise(MADV_DONTNEED)");
	return 0;
}

static void fault_file_teardown(struct scenario_ctx *ctx)
{
	struct fault_file *s = ctx->priv;

	if (!s)
		return;
	if (s->base)
		munmap((void *)s->base, FILE_REGION_BYTES);
	if (s->fd >= 0)
		close(s->fd);
	free(s);
	ctx->priv = NULL;
}

const struct victim victim_fault_file = {
	.name = "fault-file",
	.description = "read fault on a shared mapping of a page-cached file (--file-dir)",
	.lock_mode = "read (per-VMA lock on 6.x)",
	.setup = fault_file_setup,
	.op = fault_file_op,
	.recycle = fault_file_recycle,
	.teardown = fault_file_teardown,
};
