// SPDX-License-Identifier: GPL-2.0
/*
 * aio-ring: io_setup() with as many events as --size allows (the kernel maps
 * and populates the completion ring with mmap_lock held), then io_destroy().
 * The ring is bounded by fs.aio-max-nr, so --size is capped there; the events
 * used are in the report.  Raw syscalls: libaio is not needed for two calls.
 */
#include <errno.h>
#include <linux/aio_abi.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "scenario.h"

struct aio_ring_state {
	aio_context_t ctx;
	unsigned nr_events;
};

static struct aio_ring_state ring;

static long read_aio_max(void)
{
	long v = 65536;
	FILE *f = fopen("/proc/sys/fs/aio-max-nr", "r");

	if (f) {
		if (fscanf(f, "%ld", &v) != 1)
			v = 65536;
		fclose(f);
	}
	return v;
}

static int aio_ring_setup(struct scenario_ctx *ctx)
{
	/* each io_event is 32 bytes; leave room for other users of aio */
	unsigned long want = ctx->size / sizeof(struct io_event);
	unsigned long cap = (unsigned long)read_aio_max() / 2;

	ring.nr_events = (unsigned)(want < cap ? want : cap);
	if (!ring.nr_events)
		ring.nr_events = 1;
	ctx->priv = &ring;
	return 0;
}

static int aio_ring_op(struct scenario_ctx *ctx)
{
	struct aio_ring_state *s = ctx->priv;

	s->ctx = 0;
	if (syscall(SYS_io_setup, s->nr_events, &s->ctx))
		return scenario_fail(ctx, errno, "io_setup(%u events) (see fs.aio-max-nr)",
				     s->nr_events);
	return 0;
}

static int aio_ring_reset(struct scenario_ctx *ctx)
{
	struct aio_ring_state *s = ctx->priv;

	if (s->ctx && syscall(SYS_io_destroy, s->ctx))
		return scenario_fail(ctx, errno, "io_destroy");
	s->ctx = 0;
	return 0;
}

static void aio_ring_report(struct scenario_ctx *ctx)
{
	struct aio_ring_state *s = ctx->priv;

	json_object_set_new(ctx->report, "aio_nr_events", json_integer(s->nr_events));
	json_object_set_new(ctx->report, "aio_ring_bytes",
			    json_integer((json_int_t)s->nr_events * (json_int_t)sizeof(struct io_event)));
}

static void aio_ring_teardown(struct scenario_ctx *ctx)
{
	if (ctx->priv)
		aio_ring_reset(ctx);
}

const struct aggressor aggressor_aio_ring = {
	.name = "aio-ring",
	.description = "io_setup() with a ring of up to --size (capped by fs.aio-max-nr), then io_destroy",
	.op_name = "io-setup",
	.reset_name = "io-destroy",
	.setup = aio_ring_setup,
	.op = aio_ring_op,
	.reset = aio_ring_reset,
	.teardown = aio_ring_teardown,
	.report = aio_ring_report,
};
