// SPDX-License-Identifier: GPL-2.0
/*
 * shmat-locked: attach a SysV segment of --size under MCL_FUTURE (populated
 * and locked by the kernel), then detach.  The segment is marked for removal
 * right after creation, so it vanishes with the last detach even if we are
 * killed: no leaked segments in ipcs.  One idle attachment keeps it alive
 * between ops.
 */
#include <errno.h>
#include <stdlib.h>
#include <sys/ipc.h>
#include <sys/mman.h>
#include <sys/shm.h>

#include "scenario.h"

struct shmat_locked {
	int id;
	void *keep;
	void *map;
};

static int shmat_locked_setup(struct scenario_ctx *ctx)
{
	struct shmat_locked *s = calloc(1, sizeof(*s));

	if (!s)
		return scenario_fail(ctx, ENOMEM, "shmat-locked state");
	ctx->priv = s;
	s->id = shmget(IPC_PRIVATE, ctx->size, IPC_CREAT | 0600);
	if (s->id < 0)
		return scenario_fail(ctx, errno,
				     "shmget(%zu bytes) (check kernel.shmmax and kernel.shmall)",
				     ctx->size);
	s->keep = shmat(s->id, NULL, SHM_RDONLY);
	shmctl(s->id, IPC_RMID, NULL);
	if (s->keep == (void *)-1) {
		s->keep = NULL;
		return scenario_fail(ctx, errno, "shmat");
	}
	if (mlockall(MCL_FUTURE))
		return scenario_fail(ctx, errno, "mlockall(MCL_FUTURE)");
	return 0;
}

static int shmat_locked_op(struct scenario_ctx *ctx)
{
	struct shmat_locked *s = ctx->priv;

	s->map = shmat(s->id, NULL, 0);
	if (s->map == (void *)-1) {
		s->map = NULL;
		return scenario_fail(ctx, errno, "shmat(%zu bytes) under MCL_FUTURE", ctx->size);
	}
	return 0;
}

static int shmat_locked_reset(struct scenario_ctx *ctx)
{
	struct shmat_locked *s = ctx->priv;

	if (s->map && shmdt(s->map))
		return scenario_fail(ctx, errno, "shmdt");
	s->map = NULL;
	return 0;
}

static void shmat_locked_teardown(struct scenario_ctx *ctx)
{
	struct shmat_locked *s = ctx->priv;

	munlockall();
	if (!s)
		return;
	shmat_locked_reset(ctx);
	if (s->keep)
		shmdt(s->keep);
	free(s);
	ctx->priv = NULL;
}

const struct aggressor aggressor_shmat_locked = {
	.name = "shmat-locked",
	.description = "SysV shmat() of a --size segment under MCL_FUTURE, then shmdt",
	.op_name = "shmat",
	.reset_name = "shmdt",
	.flags = SCN_USES_MEMORY | SCN_LOCKS_MEMORY | SCN_PROCESS_WIDE,
	.setup = shmat_locked_setup,
	.op = shmat_locked_op,
	.reset = shmat_locked_reset,
	.teardown = shmat_locked_teardown,
};
