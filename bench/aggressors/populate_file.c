// SPDX-License-Identifier: GPL-2.0
/* populate-file: shared mmap(MAP_POPULATE) of a page-cached file of --size in
 * --file-dir (tmpfs by default, a disk directory to take the file path). */
#include <errno.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#include "scenario.h"

struct populate_file {
	int fd;
	void *map;
};

static int populate_file_setup(struct scenario_ctx *ctx)
{
	struct populate_file *s = calloc(1, sizeof(*s));

	if (!s)
		return scenario_fail(ctx, ENOMEM, "populate-file state");
	ctx->priv = s;
	s->fd = scenario_tmpfile(ctx, ctx->file_dir, ctx->size);
	return s->fd < 0 ? s->fd : 0;
}

static int populate_file_op(struct scenario_ctx *ctx)
{
	struct populate_file *s = ctx->priv;

	s->map = mmap(NULL, ctx->size, PROT_READ, MAP_SHARED | MAP_POPULATE, s->fd, 0);
	if (s->map == MAP_FAILED) {
		s->map = NULL;
		return scenario_fail(ctx, errno, "mmap(file, MAP_POPULATE, %zu bytes)", ctx->size);
	}
	return 0;
}

static int populate_file_reset(struct scenario_ctx *ctx)
{
	struct populate_file *s = ctx->priv;

	if (s->map && munmap(s->map, ctx->size))
		return scenario_fail(ctx, errno, "munmap");
	s->map = NULL;
	return 0;
}

static void populate_file_teardown(struct scenario_ctx *ctx)
{
	struct populate_file *s = ctx->priv;

	if (!s)
		return;
	populate_file_reset(ctx);
	if (s->fd >= 0)
		close(s->fd);
	free(s);
	ctx->priv = NULL;
}

const struct aggressor aggressor_populate_file = {
	.name = "populate-file",
	.description = "shared mmap(MAP_POPULATE) of a page-cached file (--file-dir), then munmap",
	.op_name = "mmap-populate-file",
	.reset_name = "munmap",
	.flags = SCN_USES_MEMORY,
	.setup = populate_file_setup,
	.op = populate_file_op,
	.reset = populate_file_reset,
	.teardown = populate_file_teardown,
};
