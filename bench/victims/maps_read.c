// SPDX-License-Identifier: GPL-2.0
/* maps-read: read all of /proc/self/maps per op, as ps, top and profilers
 * do; a reader of mmap_lock (lockless per-VMA reads on the newest kernels). */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

#include "scenario.h"

struct maps_read {
	int fd;
	char buf[65536];
};

static int maps_read_setup(struct scenario_ctx *ctx)
{
	struct maps_read *s = malloc(sizeof(*s));

	if (!s)
		return scenario_fail(ctx, ENOMEM, "maps-read buffer");
	ctx->priv = s;
	s->fd = open("/proc/self/maps", O_RDONLY);
	if (s->fd < 0)
		return scenario_fail(ctx, errno, "open /proc/self/maps (is /proc mounted?)");
	return 0;
}

static int maps_read_op(struct scenario_ctx *ctx)
{
	struct maps_read *s = ctx->priv;
	off_t off = 0;
	ssize_t n;

	while ((n = pread(s->fd, s->buf, sizeof(s->buf), off)) > 0)
		off += n;
	if (n < 0)
		return scenario_fail(ctx, errno, "read /proc/self/maps");
	return 0;
}

static void maps_read_teardown(struct scenario_ctx *ctx)
{
	struct maps_read *s = ctx->priv;

	if (!s)
		return;
	if (s->fd >= 0)
		close(s->fd);
	free(s);
	ctx->priv = NULL;
}

const struct victim victim_maps_read = {
	.name = "maps-read",
	.description = "read /proc/self/maps: a reader of mmap_lock",
	.lock_mode = "read",
	.setup = maps_read_setup,
	.op = maps_read_op,
	.teardown = maps_read_teardown,
};
