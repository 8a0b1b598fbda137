/* SPDX-License-Identifier: GPL-2.0 */
/*
 * An aggressor or a victim is one descriptor in one file, registered by one
 * line in registry.c.  The runner owns threads, pinning, the start gate,
 * warm-up, timing and stop; a scenario only does its operation.  A NULL hook
 * means "nothing to do".
 */
#ifndef FS_SCENARIO_H
#define FS_SCENARIO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

/* Hooks return 0, or a negative errno with ctx->why set when it helps. */
#define FS_OP_RECYCLE 1	/* victim op: call ->recycle (untimed) before the next op */

enum thp_policy { THP_NEVER, THP_ALWAYS, THP_INHERIT };

struct scenario_ctx {
	size_t size;			/* --size: the aggressor's mapping size */
	unsigned index;			/* this thread's number within its kind */
	enum thp_policy thp;		/* the victims' THP policy */
	const char *file_dir;		/* --file-dir: where file-backed scenarios put files */
	size_t page_size;
	void *priv;			/* the scenario's own state */
	char why[256];			/* reason for a failure or skip */
	json_t *report;			/* object for extra summary fields (probes) */
};

enum scenario_flags {
	SCN_LOCKS_MEMORY = 1 << 0,	/* needs CAP_IPC_LOCK or RLIMIT_MEMLOCK >= size */
	SCN_USES_MEMORY = 1 << 1,	/* populates about --size bytes: memory guard applies */
	SCN_PROCESS_WIDE = 1 << 2,	/* changes process state (mlockall): affects victims */
};

struct aggressor {
	const char *name;
	const char *description;
	const char *op_name;		/* the timed operation, e.g. "mmap-populate" */
	const char *reset_name;		/* the timed undo step, e.g. "munmap"; NULL: none */
	unsigned flags;
	/* NULL if this kernel supports it, else why not; called before a run */
	const char *(*unsupported)(void);
	int (*setup)(struct scenario_ctx *ctx);
	int (*op)(struct scenario_ctx *ctx);
	int (*reset)(struct scenario_ctx *ctx);
	void (*teardown)(struct scenario_ctx *ctx);
	/* add result fields (a probe's findings) to ctx->report after the run */
	void (*report)(struct scenario_ctx *ctx);
};

struct victim {
	const char *name;
	const char *description;
	const char *lock_mode;		/* how it takes mmap_lock: "read", "write", "per-vma" */
	const char *(*unsupported)(void);
	int (*setup)(struct scenario_ctx *ctx);
	int (*op)(struct scenario_ctx *ctx);	/* timed; may return FS_OP_RECYCLE */
	int (*recycle)(struct scenario_ctx *ctx);	/* untimed */
	void (*teardown)(struct scenario_ctx *ctx);
};

extern const struct aggressor *const aggressors[];
extern const struct victim *const victims[];

const struct aggressor *aggressor_find(const char *name);
const struct victim *victim_find(const char *name);

/* Shared by scenarios: fill ctx->why and return -err. */
int scenario_fail(struct scenario_ctx *ctx, int err, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* A file of `size` bytes under dir, unlinked at once so nothing is left behind
 * even on a crash, its pages written so they sit in the page cache.  Returns
 * the fd or a negative errno with ctx->why set. */
int scenario_tmpfile(struct scenario_ctx *ctx, const char *dir, size_t size);
/* Map ctx->size bytes of private anonymous memory with extra mmap flags
 * (MAP_POPULATE, MAP_LOCKED...) into ctx->priv; what names it in errors. */
int scenario_map(struct scenario_ctx *ctx, int flags, const char *what);
/* Unmap ctx->priv (ctx->size bytes) if mapped: a reset step. */
int scenario_unmap(struct scenario_ctx *ctx);
/* The same as a teardown hook. */
void scenario_unmap_teardown(struct scenario_ctx *ctx);
/* Apply the victims' THP policy to [addr, addr+len). */
int scenario_thp(struct scenario_ctx *ctx, void *addr, size_t len);

#endif
