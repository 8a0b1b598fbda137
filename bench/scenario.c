// SPDX-License-Identifier: GPL-2.0
/* What several scenarios share: failure text, scratch files, THP policy. */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "scenario.h"

int scenario_fail(struct scenario_ctx *ctx, int err, const char *fmt, ...)
{
	va_list ap;
	size_t n;

	va_start(ap, fmt);
	vsnprintf(ctx->why, sizeof(ctx->why), fmt, ap);
	va_end(ap);
	n = strlen(ctx->why);
	if (err && n < sizeof(ctx->why) - 4)
		snprintf(ctx->why + n, sizeof(ctx->why) - n, ": %s", strerror(err));
	return -err;
}

int scenario_tmpfile(struct scenario_ctx *ctx, const char *dir, size_t size)
{
	char buf[65536];
	size_t done = 0;
	int fd;

	fd = open(dir, O_TMPFILE | O_RDWR | O_EXCL, 0600);
	if (fd < 0)
		return scenario_fail(ctx, errno, "cannot create a file in %s (--file-dir)", dir);
	memset(buf, 0x5a, sizeof(buf));
	while (done < size) {
		size_t n = size - done < sizeof(buf) ? size - done : sizeof(buf);
		ssize_t w = write(fd, buf, n);

		if (w < 0) {
			int err = errno;

			close(fd);
			return scenario_fail(ctx, err, "cannot write %zu bytes to a file in %s",
					     size, dir);
		}
		done += (size_t)w;
	}
	return fd;
}

int scenario_thp(struct scenario_ctx *ctx, void *addr, size_t len)
{
	int advice;

	switch (ctx->thp) {
	case THP_NEVER:
		advice = MADV_NOHUGEPAGE;
		break;
	case THP_ALWAYS:
		advice = MADV_HUGEPAGE;
		break;
	default:
		return 0;
	}
	if (madvise(addr, len, advice))
		return scenario_fail(ctx, errno, "madvise(%s) for --thp %s",
				     advice == MADV_HUGEPAGE ? "MADV_HUGEPAGE" : "MADV_NOHUGEPAGE",
				     ctx->thp == THP_ALWAYS ? "always" : "never");
	return 0;
}

int scenario_map(struct scenario_ctx *ctx, int flags, const char *what)
{
	void *p = mmap(NULL, ctx->size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | flags,
		       -1, 0);

	if (p == MAP_FAILED)
		return scenario_fail(ctx, errno, "%s of %zu bytes", what, ctx->size);
	ctx->priv = p;
	return 0;
}

int scenario_unmap(struct scenario_ctx *ctx)
{
	if (ctx->priv && munmap(ctx->priv, ctx->size))
		return scenario_fail(ctx, errno, "munmap of %zu bytes", ctx->size);
	ctx->priv = NULL;
	return 0;
}

void scenario_unmap_teardown(struct scenario_ctx *ctx)
{
	scenario_unmap(ctx);
}
