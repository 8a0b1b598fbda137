// SPDX-License-Identifier: GPL-2.0
/* Stall attribution: charge victim stall time to mmap_lock holders (attrib.h). */
#include "attrib.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

static int cmp_thread_start(const void *a, const void *b)
{
	const struct at_span *x = a, *y = b;

	if (x->thread != y->thread)
		return x->thread < y->thread ? -1 : 1;
	return x->start < y->start ? -1 : x->start > y->start;
}

static int cmp_start(const void *a, const void *b)
{
	const struct at_span *x = a, *y = b;

	return x->start < y->start ? -1 : x->start > y->start;
}

static int cmp_op(const void *a, const void *b)
{
	const struct at_op *x = a, *y = b;

	if (x->thread != y->thread)
		return x->thread < y->thread ? -1 : 1;
	return x->start < y->start ? -1 : x->start > y->start;
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

/* qsort() and memcpy() with a NULL base are undefined even for 0 elements,
 * and empty inputs here are NULL */
static void sort(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *))
{
	if (n)
		qsort(base, n, size, cmp);
}

static int cmp_row(const void *a, const void *b)
{
	const struct at_row *x = a, *y = b;

	if (x->stall_ns != y->stall_ns)
		return x->stall_ns > y->stall_ns ? -1 : 1;
	return x->thread - y->thread;
}

/* First span of `thread` whose start is >= t, in spans sorted by (thread, start). */
static size_t lower_thread(const struct at_span *s, size_t n, uint32_t thread, uint64_t t)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (s[mid].thread < thread || (s[mid].thread == thread && s[mid].start < t))
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* What the holder was doing at time t. */
static const char *op_at(const struct at_input *in, uint32_t thread, uint64_t t)
{
	size_t lo = 0, hi = in->nops;

	/* last op of `thread` starting at or before t */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (in->ops[mid].thread < thread ||
		    (in->ops[mid].thread == thread && in->ops[mid].start <= t))
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo > 0 && in->ops[lo - 1].thread == thread && in->ops[lo - 1].end > t)
		return in->ops[lo - 1].op;
	if (thread < in->nthreads && in->thread_op && in->thread_op[thread])
		return in->thread_op[thread];
	return AT_BETWEEN_OPS;
}

/* Op start/end points of `thread` strictly inside (a, b), stored to out
 * when it is not NULL; returns how many ops reach into the range. */
static size_t ops_within(const struct at_input *in, uint32_t thread, uint64_t a, uint64_t b,
			 uint64_t *out)
{
	size_t lo = 0, hi = in->nops, n = 0, k = 0;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (in->ops[mid].thread < thread ||
		    (in->ops[mid].thread == thread && in->ops[mid].start < a))
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo > 0 && in->ops[lo - 1].thread == thread)
		lo--;
	for (; lo < in->nops && in->ops[lo].thread == thread && in->ops[lo].start < b; lo++) {
		const struct at_op *op = &in->ops[lo];

		if (op->end <= a)
			continue;
		n++;
		if (out && op->start > a)
			out[k++] = op->start;
		if (out && op->end < b)
			out[k++] = op->end;
	}
	return out ? k : n;
}

struct acc {
	struct at_row *rows;
	size_t n, cap;
};

static struct at_row *acc_get(struct acc *a, int thread, const char *op, int mode)
{
	for (size_t i = 0; i < a->n; i++)
		if (a->rows[i].thread == thread && a->rows[i].mode == mode &&
		    (a->rows[i].op == op || !strcmp(a->rows[i].op, op)))
			return &a->rows[i];
	if (a->n == a->cap) {
		size_t cap = a->cap ? a->cap * 2 : 16;
		struct at_row *r = realloc(a->rows, cap * sizeof(*r));

		if (!r)
			return NULL;
		a->rows = r;
		a->cap = cap;
	}
	a->rows[a->n] = (struct at_row){ .thread = thread, .op = op, .mode = mode };
	return &a->rows[a->n++];
}

static int acc_add(struct acc *a, int thread, const char *op, int mode, uint64_t ns)
{
	struct at_row *r;

	if (!ns)
		return 0;
	if (!(r = acc_get(a, thread, op, mode)))
		return -1;
	r->stall_ns += ns;
	return 0;
}

/* Charge the wait segment [a, b) of victim thread v to the holders. */
static int charge_segment(const struct at_input *in, uint64_t maxhold, uint32_t v,
			  uint64_t a, uint64_t b, struct acc *out)
{
	size_t lo = 0, hi = in->nholds, nover = 0, cap = 16, nb = 0;
	const struct at_span **over = malloc(cap * sizeof(*over));
	uint64_t *bounds;
	int ret = -1;

	if (!over)
		return -1;
	/* holds are sorted by start: those starting before b, back to the
	 * longest hold's reach before a, are the only candidates */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (in->holds[mid].start < b)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (size_t i = lo; i-- > 0;) {
		const struct at_span *h = &in->holds[i];

		if (h->start + maxhold < a)
			break;
		if (h->thread == v || h->end <= a)
			continue;
		if (nover == cap) {
			const struct at_span **n = realloc(over, (cap *= 2) * sizeof(*over));

			if (!n)
				goto out;
			over = n;
		}
		over[nover++] = h;
	}
	/* pieces end where a hold or a holder's op begins or ends, so each
	 * piece has one set of holders each running one op */
	for (size_t i = 0; i < nover; i++)
		nb += 2 + 2 * ops_within(in, over[i]->thread, a, b, NULL);
	if (!(bounds = malloc((nb + 2) * sizeof(*bounds))))
		goto out;
	nb = 0;
	bounds[nb++] = a;
	bounds[nb++] = b;
	for (size_t i = 0; i < nover; i++) {
		if (over[i]->start > a)
			bounds[nb++] = over[i]->start;
		if (over[i]->end < b)
			bounds[nb++] = over[i]->end;
		nb += ops_within(in, over[i]->thread, a, b, bounds + nb);
	}
	sort(bounds, nb, sizeof(*bounds), cmp_u64);
	ret = 0;
	for (size_t k = 0; k + 1 < nb && !ret; k++) {
		uint64_t p = bounds[k], q = bounds[k + 1], len = q - p, share, rest;
		unsigned active = 0;

		if (!len)
			continue;
		for (size_t i = 0; i < nover; i++)
			active += over[i]->start <= p && over[i]->end >= q;
		if (!active) {
			ret = acc_add(out, -1, AT_UNTRACED, AT_NONE, len);
			continue;
		}
		/* readers holding together share the piece; the remainder of
		 * the integer division goes to the first, so nothing is lost */
		share = len / active;
		rest = len - share * active;
		for (size_t i = 0; i < nover && !ret; i++) {
			const struct at_span *h = over[i];

			if (h->start <= p && h->end >= q) {
				ret = acc_add(out, (int)h->thread, op_at(in, h->thread, p + len / 2),
					      h->mode, share + rest);
				rest = 0;
			}
		}
	}
	free(bounds);
out:
	free(over);
	return ret;
}

void attrib_results_free(struct at_result *res, size_t n)
{
	for (size_t i = 0; res && i < n; i++) {
		free(res[i].rows);
		res[i].rows = NULL;
	}
}

/* Time of [a, b) not covered by the spans w[0..n) (disjoint, sorted). */
static uint64_t outside(uint64_t a, uint64_t b, const struct at_span *w, size_t n)
{
	uint64_t len = b - a;

	for (size_t i = 0; i < n; i++) {
		uint64_t x = w[i].start > a ? w[i].start : a;
		uint64_t y = w[i].end < b ? w[i].end : b;

		if (y > x)
			len -= y - x;
	}
	return len;
}

/* Off-CPU time of thread v inside [a, b) but outside its waits w[0..nw),
 * by mode. */
static void offcpu_outside(const struct at_input *in, uint32_t v, uint64_t a, uint64_t b,
			   const struct at_span *w, size_t nw, uint64_t out[2])
{
	size_t i = lower_thread(in->offcpu, in->noffcpu, v, a);

	out[0] = out[1] = 0;
	if (i > 0 && in->offcpu[i - 1].thread == v)
		i--;
	for (; i < in->noffcpu && in->offcpu[i].thread == v && in->offcpu[i].start < b; i++) {
		uint64_t x = in->offcpu[i].start > a ? in->offcpu[i].start : a;
		uint64_t y = in->offcpu[i].end < b ? in->offcpu[i].end : b;

		if (y > x)
			out[in->offcpu[i].mode == AT_SLEEP] += outside(x, y, w, nw);
	}
}

int attrib_compute(const struct at_input *in, struct at_result *res, struct at_table *table)
{
	struct acc total = {0}, one = {0};
	uint64_t maxhold = 0;

	memset(table, 0, sizeof(*table));
	if (res)
		memset(res, 0, in->noutliers * sizeof(*res));
	sort(in->waits, in->nwaits, sizeof(*in->waits), cmp_thread_start);
	sort(in->holds, in->nholds, sizeof(*in->holds), cmp_start);
	sort(in->ops, in->nops, sizeof(*in->ops), cmp_op);
	sort(in->offcpu, in->noffcpu, sizeof(*in->offcpu), cmp_thread_start);
	for (size_t i = 0; i < in->nholds; i++)
		if (in->holds[i].end - in->holds[i].start > maxhold)
			maxhold = in->holds[i].end - in->holds[i].start;

	for (size_t o = 0; o < in->noutliers; o++) {
		const struct at_outlier *ol = &in->outliers[o];
		uint64_t waited = 0, longest = 0, off[2] = { 0, 0 };
		int wait_mode = AT_NONE;
		struct at_row *best = NULL;
		size_t i, w0;

		one.n = 0;
		/* the victim's waits are disjoint and sorted: step back one
		 * to catch a wait that began before the outlier did */
		i = lower_thread(in->waits, in->nwaits, ol->thread, ol->start);
		if (i > 0 && in->waits[i - 1].thread == ol->thread)
			i--;
		for (w0 = i; i < in->nwaits && in->waits[i].thread == ol->thread &&
		       in->waits[i].start < ol->end; i++) {
			uint64_t a = in->waits[i].start > ol->start ? in->waits[i].start : ol->start;
			uint64_t b = in->waits[i].end < ol->end ? in->waits[i].end : ol->end;

			if (b <= a)
				continue;
			waited += b - a;
			if (b - a > longest) {
				longest = b - a;
				wait_mode = in->waits[i].mode;
			}
			if (charge_segment(in, maxhold, ol->thread, a, b, &one))
				goto oom;
		}
		if (in->noffcpu)
			offcpu_outside(in, ol->thread, ol->start, ol->end, in->waits + w0, i - w0, off);
		if (acc_add(&one, -1, AT_PREEMPTED, AT_NONE, off[AT_PREEMPT]) ||
		    acc_add(&one, -1, AT_OFFCPU, AT_NONE, off[AT_SLEEP]) ||
		    acc_add(&one, -1, AT_NO_WAIT, AT_NONE,
			    (ol->end - ol->start) - waited - off[AT_PREEMPT] - off[AT_SLEEP]))
			goto oom;
		for (size_t r = 0; r < one.n; r++) {
			struct at_row *t = acc_get(&total, one.rows[r].thread, one.rows[r].op,
						   one.rows[r].mode);

			if (!t)
				goto oom;
			t->stall_ns += one.rows[r].stall_ns;
			if (!best || one.rows[r].stall_ns > best->stall_ns)
				best = &one.rows[r];
		}
		table->total_ns += ol->end - ol->start;
		if (best) {
			acc_get(&total, best->thread, best->op, best->mode)->outliers++;
		}
		if (res) {
			struct at_row *copy = malloc((one.n ? one.n : 1) * sizeof(*copy));

			if (!copy)
				goto oom;
			if (one.n)
				memcpy(copy, one.rows, one.n * sizeof(*copy));
			sort(copy, one.n, sizeof(*copy), cmp_row);
			res[o] = (struct at_result){
				.rows = copy, .nrows = one.n,
				.preempted_ns = off[AT_PREEMPT], .offcpu_ns = off[AT_SLEEP],
				.wait_ns = waited, .wait_mode = wait_mode,
				.holder = best ? best->thread : -1,
				.holder_op = best ? best->op : AT_NO_WAIT,
				.holder_mode = best ? best->mode : AT_NONE,
				.holder_ns = best ? best->stall_ns : 0,
			};
		}
	}
	free(one.rows);
	sort(total.rows, total.n, sizeof(*total.rows), cmp_row);
	table->rows = total.rows;
	table->nrows = total.n;
	return 0;
oom:
	attrib_results_free(res, in->noutliers);
	free(one.rows);
	free(total.rows);
	return -1;
}
