// SPDX-License-Identifier: GPL-2.0
/* mmap_lock wait/hold pairing per thread (lockpair.h). */
#include "lockpair.h"

#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

const char *const lk_kind_name[LK_KINDS] = { "wait", "hold", "blocked" };
const char *const lk_mode_name[2] = { "read", "write" };

/*
 * Each interval store is reserved at its full size up front, as address space
 * only.  Growing it with realloc while the run lasts would mmap or mremap:
 * mmap_lock taken for write by the reader thread, a writer the scenario never
 * had, which on kernels without per-VMA locks stalls every faulter behind it.
 * Filling reserved pages only faults, and a fault takes mmap_lock for read.
 */
static int vec_reserve(struct span_vec *vec, size_t cap)
{
	void *v = mmap(NULL, (cap ? cap : 1) * sizeof(*vec->v), PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);

	if (v == MAP_FAILED)
		return -1;
	vec->v = v;
	vec->cap = cap ? cap : 1;
	return 0;
}

static void vec_release(struct span_vec *vec)
{
	if (vec->v)
		munmap(vec->v, vec->cap * sizeof(*vec->v));
}

int lockpair_init(struct lockpair *p, unsigned nthreads, uint64_t keep_min_ns, size_t keep_max)
{
	memset(p, 0, sizeof(*p));
	p->nthreads = nthreads;
	p->keep_min_ns = keep_min_ns;
	p->keep_max = keep_max;
	if (!(p->t = calloc(nthreads ? nthreads : 1, sizeof(*p->t))) ||
	    vec_reserve(&p->waits, keep_max) || vec_reserve(&p->holds, keep_max) ||
	    vec_reserve(&p->offcpu, keep_max)) {
		lockpair_free(p);
		return -1;
	}
	for (unsigned i = 0; i < nthreads; i++) {
		for (int k = 0; k < LK_KINDS; k++)
			for (int m = 0; m < 2; m++)
				hist_init(&p->t[i].hist[k][m]);
		hist_init(&p->t[i].other_blocked);
	}
	return 0;
}

void lockpair_free(struct lockpair *p)
{
	free(p->t);
	vec_release(&p->waits);
	vec_release(&p->holds);
	vec_release(&p->offcpu);
	memset(p, 0, sizeof(*p));
}

static int cmp_start(const void *a, const void *b)
{
	const struct at_span *x = a, *y = b;

	return x->start < y->start ? -1 : x->start > y->start;
}

/* A hold matters to attribution only if another thread waited during it.
 * When the store is full, let go of the holds that are old enough that no
 * such wait can still arrive (a second behind the newest event, and before
 * any wait still open) and that overlap no kept wait: a long run of a
 * churning victim then keeps what explains stalls instead of stopping. */
static void prune(struct lockpair *p)
{
	uint64_t horizon = p->latest > 1000000000ull ? p->latest - 1000000000ull : 0, maxw = 0;
	size_t out = 0;

	for (unsigned i = 0; i < p->nthreads; i++)
		if (p->t[i].waiting && p->t[i].wait_start < horizon)
			horizon = p->t[i].wait_start;
	if (p->waits.len)	/* qsort(NULL, 0, ...) is undefined (UBSan) */
		qsort(p->waits.v, p->waits.len, sizeof(*p->waits.v), cmp_start);
	for (size_t i = 0; i < p->waits.len; i++)
		if (p->waits.v[i].end - p->waits.v[i].start > maxw)
			maxw = p->waits.v[i].end - p->waits.v[i].start;
	for (size_t k = 0; k < p->holds.len; k++) {
		const struct at_span *h = &p->holds.v[k];
		bool used = h->end >= horizon;
		size_t lo = 0, hi = p->waits.len;

		/* waits starting before the hold ends, back to the longest's reach */
		while (!used && lo < hi) {
			size_t mid = lo + (hi - lo) / 2;

			if (p->waits.v[mid].start < h->end)
				lo = mid + 1;
			else
				hi = mid;
		}
		for (size_t i = lo; !used && i-- > 0;) {
			const struct at_span *w = &p->waits.v[i];

			if (w->start + maxw <= h->start)
				break;
			used = w->thread != h->thread && w->end > h->start;
		}
		if (used)
			p->holds.v[out++] = *h;
		else
			p->pruned++;
	}
	p->holds.len = out;
}

static void keep(struct lockpair *p, struct span_vec *vec, unsigned thread, int mode,
		 uint64_t start, uint64_t end)
{
	if (end - start < p->keep_min_ns)
		return;
	if (p->waits.len + p->holds.len + p->offcpu.len >= p->keep_max)
		prune(p);
	if (p->waits.len + p->holds.len + p->offcpu.len >= p->keep_max) {
		p->dropped++;
		return;
	}
	if (vec->len == vec->cap) {	/* reserved at keep_max: cannot happen */
		p->dropped++;
		return;
	}
	vec->v[vec->len++] = (struct at_span){ start, end, thread, (int8_t)mode };
}

static bool measured(const struct lockpair *p, uint64_t end)
{
	return end >= __atomic_load_n(&p->hist_from, __ATOMIC_RELAXED);
}

static void close_hold(struct lockpair *p, unsigned thread, uint64_t t)
{
	struct lk_thread *th = &p->t[thread];

	if (measured(p, t))
		hist_record(&th->hist[LK_HOLD][th->hold_mode], t - th->hold_start);
	keep(p, &p->holds, thread, th->hold_mode, th->hold_start, t);
	th->holding = false;
}

void lockpair_event(struct lockpair *p, unsigned thread, uint64_t t, const struct lock_rec *r)
{
	struct lk_thread *th;
	int mode = r->write ? AT_WRITE : AT_READ;

	if (thread >= p->nthreads)
		return;
	th = &p->t[thread];
	p->events++;
	if (t > p->latest)
		p->latest = t;
	switch (r->ev) {
	case LEV_START_LOCKING:
		if (th->waiting)
			th->unpaired++;
		th->waiting = true;
		th->wait_mode = (int8_t)mode;
		th->wait_start = t;
		break;
	case LEV_ACQUIRE_RETURNED:
		if (th->waiting && th->wait_mode == mode && t >= th->wait_start) {
			if (measured(p, t))
				hist_record(&th->hist[LK_WAIT][mode], t - th->wait_start);
			keep(p, &p->waits, thread, mode, th->wait_start, t);
			th->waiting = false;
		} else if (!(th->holding && th->hold_mode == AT_WRITE && mode == AT_READ)) {
			th->unpaired++;
		}
		if (!r->success) {
			th->failed++;
			break;
		}
		if (th->holding) {
			/* downgrade: the write hold ends, a read hold begins */
			if (th->hold_mode == AT_WRITE && mode == AT_READ)
				th->downgrades++;
			else
				th->unpaired++;
			close_hold(p, thread, t);
		}
		th->holding = true;
		th->hold_mode = (int8_t)mode;
		th->hold_start = t;
		break;
	case LEV_RELEASED:
		if (th->holding && th->hold_mode == mode && t >= th->hold_start)
			close_hold(p, thread, t);
		else
			th->unpaired++;
		break;
	case LEV_CONTENTION_BEGIN:
		/* rwsem slow paths say READ or WRITE; learn mmap_lock's address
		 * from the first one inside an mmap_lock wait */
		if (!p->mmap_lock_addr && th->waiting && (r->flags & (LCB_F_READ | LCB_F_WRITE)) &&
		    !(r->flags & LCB_F_SPIN))
			p->mmap_lock_addr = r->lock_addr;
		th->contended = true;
		th->cont_start = t;
		th->cont_addr = r->lock_addr;
		th->cont_flags = r->flags;
		break;
	case LEV_CONTENTION_END:
		if (!th->contended || th->cont_addr != r->lock_addr || t < th->cont_start)
			break;
		th->contended = false;
		if (!measured(p, t))
			break;
		if (p->mmap_lock_addr && r->lock_addr == p->mmap_lock_addr)
			hist_record(&th->hist[LK_BLOCKED][(th->cont_flags & LCB_F_WRITE) ? AT_WRITE : AT_READ],
				    t - th->cont_start);
		else
			hist_record(&th->other_blocked, t - th->cont_start);
		break;
	default:
		break;
	}
}

void lockpair_switch(struct lockpair *p, unsigned thread, uint64_t t, bool out, bool preempt)
{
	struct lk_thread *th;

	if (thread >= p->nthreads)
		return;
	th = &p->t[thread];
	if (out) {
		th->off_cpu = true;
		th->off_mode = preempt ? AT_PREEMPT : AT_SLEEP;
		th->off_start = t;
	} else if (th->off_cpu && t >= th->off_start) {
		keep(p, &p->offcpu, thread, th->off_mode, th->off_start, t);
		th->off_cpu = false;
	}
}

void lockpair_finish(struct lockpair *p, uint64_t t)
{
	/* only the kept intervals: a truncated interval would bias the
	 * histograms low, but attribution needs the wait that is still going */
	for (unsigned i = 0; i < p->nthreads; i++) {
		struct lk_thread *th = &p->t[i];

		if (th->waiting && t > th->wait_start)
			keep(p, &p->waits, i, th->wait_mode, th->wait_start, t);
		if (th->holding && t > th->hold_start)
			keep(p, &p->holds, i, th->hold_mode, th->hold_start, t);
		/* a thread asleep at the end has exited: nothing to keep */
		th->waiting = th->holding = th->off_cpu = false;
	}
}
