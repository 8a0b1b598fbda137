// SPDX-License-Identifier: GPL-2.0
/*
 * remap-file-pages: remap_file_pages() over a shared file mapping of --size.
 * Deprecated since 3.16 and emulated since 4.0 by an mmap(MAP_FIXED |
 * MAP_POPULATE) of the same file, but still a syscall programs call; each call
 * replaces the mapping and populates it again.
 */
#include <errno.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#include "scenario.h"

struct remap_file_pages {
	int fd;
	void *map;
	unsigned long flip;	/* alternate the page order so each call changes the mapping */
};

static int rfp_setup(struct scenario_ctx *ctx)
{
	struct remap_file_pages *s = calloc(1, sizeof(*s));

	if (!s)
		return scenario_fail(ctx, ENOMEM, "remap-file-pages state");
	ctx->priv = s;
	s->fd = scenario_tmpfile(ctx, ctx->file_dir, ctx->size);
	if (s->fd < 0)
		return s->fd;
	s->map = mmap(NULL, ctx->size, PROT_READ | PROT_WRITE, MAP_SHARED, s->fd, 0);
	if (s->map == MAP_FAILED) {
		s->map = NULL;
		return scenario_fail(ctx, errno, "mmap(file, MAP_SHARED, %zu bytes)", ctx->size);
	}
	return 0;
}

static int rfp_op(struct scenario_ctx *ctx)
{
	struct remap_file_pages *s = ctx->priv;
	size_t half = ctx->size / 2 / ctx->page_size * ctx->page_size;

	/* Map the whole range linearly, but alternately start it at file
	 * offset 0 or at the file's second half; either way it is populated. */
	if (remap_file_pages(s->map, ctx->size - (s->flip & 1 ? half : 0), 0,
			     s->flip & 1 ? half / ctx->page_size : 0, 0))
		return scenario_fail(ctx, errno, "remap_file_pages(%zu bytes)", ctx->size);
	s->flip++;
	return 0;
}

static void rfp_teardown(struct scenario_ctx *ctx)
{
	struct remap_file_pages *s = ctx->priv;

	if (!s)
		return;
	if (s->map)
		munmap(s->map, ctx->size);
	if (s->fd >= 0)
		close(s->fd);
	free(s);
	ctx->priv = NULL;
}

const struct aggressor aggressor_remap_file_pages = {
	.name = "remap-file-pages",
	.description = "remap_file_pages() over a shared file mapping of --size (deprecated syscall)",
	.op_name = "remap-file-pages",
	.flags = SCN_USES_MEMORY,
	.setup = rfp_setup,
	.op = rfp_op,
	.teardown = rfp_teardown,
};
