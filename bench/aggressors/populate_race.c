// SPDX-License-Identifier: GPL-2.0
/*
 * populate-race (a probe): while this thread populates a --size mapping with
 * mmap(MAP_POPULATE), a helper thread replaces that range with a fresh
 * MAP_FIXED mapping nobody asked to populate.  Any page of the replacement
 * found resident (mincore) was populated by the kernel on our behalf: the race
 * Lespinasse's VM_POPULATE patch (3.9, 9/9) closed.  The report counts trials,
 * how many replacements landed before populate returned, and wrong pages.
 */
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "clock.h"
#include "scenario.h"

struct populate_race {
	pthread_t helper;
	size_t size, page;
	unsigned char *vec;
	/* one trial: the populater publishes addr and bumps go; the helper
	 * replaces the range and bumps done */
	void *addr;
	unsigned go, done, quit;
	uint64_t replaced_at, populated_at;
	int helper_err;
	/* findings */
	uint64_t trials, replaced_first, wrong_pages, trials_with_wrong;
};

static void *race_helper(void *arg)
{
	struct populate_race *s = arg;
	unsigned seen = 0;
	cpu_set_t all;

	/* the helper must not queue behind the pinned populater's CPU */
	CPU_ZERO(&all);
	for (int c = 0; c < CPU_SETSIZE; c++)
		CPU_SET(c, &all);
	sched_setaffinity(0, sizeof(all), &all);
	for (;;) {
		unsigned go;

		while ((go = __atomic_load_n(&s->go, __ATOMIC_ACQUIRE)) == seen)
			if (__atomic_load_n(&s->quit, __ATOMIC_ACQUIRE))
				return NULL;
			else
				sched_yield();
		seen = go;
		/* a write lock request: it lands when populate lets go of mmap_lock */
		if (mmap(s->addr, s->size, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) == MAP_FAILED)
			s->helper_err = errno;
		s->replaced_at = mono_ns();
		__atomic_store_n(&s->done, seen, __ATOMIC_RELEASE);
	}
}

static int race_setup(struct scenario_ctx *ctx)
{
	struct populate_race *s = calloc(1, sizeof(*s));

	if (!s)
		return scenario_fail(ctx, ENOMEM, "populate-race state");
	ctx->priv = s;
	s->size = ctx->size;
	s->page = ctx->page_size;
	s->vec = malloc(s->size / s->page);
	if (!s->vec)
		return scenario_fail(ctx, ENOMEM, "mincore vector");
	errno = pthread_create(&s->helper, NULL, race_helper, s);
	if (errno)
		return scenario_fail(ctx, errno, "populate-race helper thread");
	return 0;
}

static int race_op(struct scenario_ctx *ctx)
{
	struct populate_race *s = ctx->priv;
	uint64_t resident = 0;
	void *hint, *p;

	/* find a free range, then populate exactly there */
	hint = mmap(NULL, s->size, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (hint == MAP_FAILED)
		return scenario_fail(ctx, errno, "mmap(PROT_NONE, %zu bytes)", s->size);
	munmap(hint, s->size);
	s->addr = hint;
	__atomic_add_fetch(&s->go, 1, __ATOMIC_RELEASE);
	p = mmap(hint, s->size, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE | MAP_FIXED_NOREPLACE, -1, 0);
	s->populated_at = mono_ns();
	while (__atomic_load_n(&s->done, __ATOMIC_ACQUIRE) != s->go)
		sched_yield();
	if (s->helper_err)
		return scenario_fail(ctx, s->helper_err, "helper's MAP_FIXED replacement");
	if (p == MAP_FAILED) {
		/* the helper won the race for the empty range: nothing to check */
		munmap(hint, s->size);
		s->trials++;
		return 0;
	}
	/* The helper's replacement is in place now and nobody touched it: any
	 * resident page in the range was populated into it by the kernel. */
	if (mincore(hint, s->size, s->vec))
		return scenario_fail(ctx, errno, "mincore");
	for (size_t i = 0; i < s->size / s->page; i++)
		resident += s->vec[i] & 1;
	s->trials++;
	s->replaced_first += s->replaced_at < s->populated_at;
	s->wrong_pages += resident;
	s->trials_with_wrong += resident != 0;
	return 0;
}

static int race_reset(struct scenario_ctx *ctx)
{
	struct populate_race *s = ctx->priv;

	if (s->addr && munmap(s->addr, s->size))
		return scenario_fail(ctx, errno, "munmap");
	s->addr = NULL;
	return 0;
}

static void race_report(struct scenario_ctx *ctx)
{
	struct populate_race *s = ctx->priv;

	json_object_set_new(ctx->report, "trials", json_integer((json_int_t)s->trials));
	json_object_set_new(ctx->report, "replaced_during_populate",
			    json_integer((json_int_t)s->replaced_first));
	json_object_set_new(ctx->report, "replacement_pages_populated",
			    json_integer((json_int_t)s->wrong_pages));
	json_object_set_new(ctx->report, "trials_with_replacement_populated",
			    json_integer((json_int_t)s->trials_with_wrong));
}

static void race_teardown(struct scenario_ctx *ctx)
{
	struct populate_race *s = ctx->priv;

	if (!s)
		return;
	if (s->helper) {
		__atomic_store_n(&s->quit, 1, __ATOMIC_RELEASE);
		pthread_join(s->helper, NULL);
	}
	race_reset(ctx);
	free(s->vec);
	free(s);
	ctx->priv = NULL;
}

const struct aggressor aggressor_populate_race = {
	.name = "populate-race",
	.description = "probe: replace a mapping while it is populated; count replacement pages populated",
	.op_name = "populate-race-trial",
	.reset_name = "munmap",
	.flags = SCN_USES_MEMORY,
	.setup = race_setup,
	.op = race_op,
	.reset = race_reset,
	.teardown = race_teardown,
	.report = race_report,
};
