// SPDX-License-Identifier: GPL-2.0
/* Mann-Whitney U (exact permutation or normal approximation) and a bootstrap CI. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "stats.h"

struct ranked {
	double v;
	int from_a;
};

static int cmp_ranked(const void *x, const void *y)
{
	double a = ((const struct ranked *)x)->v, b = ((const struct ranked *)y)->v;

	return (a > b) - (a < b);
}

static int cmp_double(const void *x, const void *y)
{
	double a = *(const double *)x, b = *(const double *)y;

	return (a > b) - (a < b);
}

/*
 * The exact null distribution of the smaller sample's rank sum: how many of
 * the C(n, k) equally likely ways to pick k of the n pooled (doubled, so
 * integer) midranks give each sum.  A subset-sum count, O(n * k * sum), so
 * exact is cheap for every n up to MWU_EXACT_N, ties included.  Counts are
 * doubles: C(64, 32) ~ 1.8e18 is beyond 2^53 but p-values need no more than
 * double precision.  Returns the table [sum] (caller frees) and its length.
 */
static double *ranksum_counts(const long *r2, unsigned n, unsigned k, size_t *len)
{
	size_t smax = (size_t)n * (n + 1) + 1;	/* doubled ranks sum to n(n+1) */
	double *cnt = calloc((size_t)(k + 1) * smax, sizeof(double)), *out;

	if (!cnt)
		return NULL;
	cnt[0] = 1;	/* cnt[j * smax + s]: j items chosen, doubled sum s */
	for (unsigned i = 0; i < n; i++) {
		unsigned jtop = i + 1 < k ? i + 1 : k;

		for (unsigned j = jtop; j >= 1; j--)
			for (size_t s = smax - 1; s >= (size_t)r2[i]; s--)
				cnt[j * smax + s] += cnt[(j - 1) * smax + s - (size_t)r2[i]];
	}
	out = malloc(smax * sizeof(double));
	if (out)
		memcpy(out, cnt + (size_t)k * smax, smax * sizeof(double));
	free(cnt);
	*len = smax;
	return out;
}

/* P(|S - mean| >= d) under the table; the tolerance only absorbs the
 * representation of the mean, the sums themselves are integers */
static double tail_p(const double *cnt, size_t len, double mean2, double d2)
{
	double hits = 0, all = 0;

	for (size_t s = 0; s < len; s++) {
		if (!cnt[s])
			continue;
		all += cnt[s];
		if (fabs((double)s - mean2) >= d2 - 1e-9)
			hits += cnt[s];
	}
	return all > 0 ? hits / all : 1.0;
}

int stats_mwu(const double *a, size_t na, const double *b, size_t nb, struct mwu_result *r)
{
	size_t n = na + nb;
	struct ranked *x;
	long *r2;
	double ra2 = 0, tie_term = 0;

	memset(r, 0, sizeof(*r));
	if (!na || !nb)
		return -1;
	for (size_t i = 0; i < na; i++)
		if (isnan(a[i]))
			return -1;
	for (size_t i = 0; i < nb; i++)
		if (isnan(b[i]))
			return -1;
	x = calloc(n, sizeof(*x));
	r2 = calloc(n, sizeof(*r2));
	if (!x || !r2) {
		free(x);
		free(r2);
		return -1;
	}
	for (size_t i = 0; i < na; i++)
		x[i] = (struct ranked){ a[i], 1 };
	for (size_t i = 0; i < nb; i++)
		x[na + i] = (struct ranked){ b[i], 0 };
	qsort(x, n, sizeof(*x), cmp_ranked);

	/* midranks, doubled: a tie group at positions i..j-1 (1-based i+1..j)
	 * gets rank (i+1+j)/2, doubled i+1+j */
	for (size_t i = 0; i < n;) {
		size_t j = i + 1;

		while (j < n && x[j].v == x[i].v)
			j++;
		for (size_t k = i; k < j; k++) {
			r2[k] = (long)(i + 1 + j);
			if (x[k].from_a)
				ra2 += (double)r2[k];
		}
		if (j - i > 1) {
			double t = (double)(j - i);

			r->ties = true;
			tie_term += t * t * t - t;
		}
		i = j;
	}
	/* U_a = R_a - na(na+1)/2 */
	r->u = ra2 / 2.0 - (double)na * (double)(na + 1) / 2.0;

	double mean_u = (double)na * (double)nb / 2.0;
	unsigned k = (unsigned)(na < nb ? na : nb);

	if (n <= MWU_EXACT_N) {
		/* U and the smaller sample's rank sum differ by a constant, so
		 * |U - mean| and |sum - mean| order the splits the same way */
		double obs_sum2 = na <= nb ? ra2 : (double)(n * (n + 1)) - ra2;
		double mean2 = (double)k * (double)(n + 1);
		double lo2 = 0, hi2 = 0;
		size_t len;
		double *cnt = ranksum_counts(r2, (unsigned)n, k, &len);

		if (!cnt) {
			free(x);
			free(r2);
			return -1;
		}
		r->p = tail_p(cnt, len, mean2, fabs(obs_sum2 - mean2));
		r->exact = true;
		/* the most extreme split: the k smallest or the k largest ranks,
		 * whichever lies farther from the mean once ties are midranked */
		for (unsigned i = 0; i < k; i++) {
			lo2 += (double)r2[i];
			hi2 += (double)r2[n - 1 - i];
		}
		r->p_min = tail_p(cnt, len, mean2, fmax(fabs(lo2 - mean2), fabs(hi2 - mean2)));
		free(cnt);
	} else {
		double nn = (double)n;
		double var = (double)na * (double)nb / 12.0 *
			     ((nn + 1.0) - tie_term / (nn * (nn - 1.0)));
		double z;

		if (var <= 0) {
			/* every value tied: no evidence of any difference */
			r->p = 1.0;
		} else {
			z = (fabs(r->u - mean_u) - 0.5) / sqrt(var);
			if (z < 0)
				z = 0;
			r->p = erfc(z / sqrt(2.0));
		}
		r->p_min = 0;
	}
	if (r->p > 1.0)
		r->p = 1.0;
	free(x);
	free(r2);
	return 0;
}

double stats_median(const double *v, size_t n)
{
	double *s, m;

	if (!n)
		return NAN;
	s = malloc(n * sizeof(*s));
	if (!s)
		return NAN;
	memcpy(s, v, n * sizeof(*s));
	qsort(s, n, sizeof(*s), cmp_double);
	m = n % 2 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2.0;
	free(s);
	return m;
}

/* xorshift64*: tiny, seedable, and the same on every machine */
static uint64_t xs_next(uint64_t *s)
{
	*s ^= *s >> 12;
	*s ^= *s << 25;
	*s ^= *s >> 27;
	return *s * 0x2545F4914F6CDD1Dull;
}

static double resample_median(const double *v, size_t n, double *buf, uint64_t *seed)
{
	for (size_t i = 0; i < n; i++)
		buf[i] = v[xs_next(seed) % n];
	qsort(buf, n, sizeof(*buf), cmp_double);
	return n % 2 ? buf[n / 2] : (buf[n / 2 - 1] + buf[n / 2]) / 2.0;
}

int stats_bootstrap_ratio(const double *a, size_t na, const double *b, size_t nb,
			  unsigned iters, uint64_t seed, double level, double *lo, double *hi)
{
	double *ratios, *buf;
	size_t nbuf = na > nb ? na : nb, nr = 0;
	uint64_t s = seed ? seed : 1;	/* xorshift must not start at 0 */

	if (!na || !nb || !iters || level <= 0 || level >= 1)
		return -1;
	ratios = malloc(iters * sizeof(*ratios));
	buf = malloc(nbuf * sizeof(*buf));
	if (!ratios || !buf) {
		free(ratios);
		free(buf);
		return -1;
	}
	for (unsigned i = 0; i < iters; i++) {
		double ma = resample_median(a, na, buf, &s);
		double mb = resample_median(b, nb, buf, &s);

		/* a resample with a zero baseline median has no ratio: skip it */
		if (ma != 0)
			ratios[nr++] = mb / ma;
	}
	if (nr == 0) {
		free(ratios);
		free(buf);
		return -1;
	}
	qsort(ratios, nr, sizeof(*ratios), cmp_double);
	/* percentile method, nearest rank on each tail */
	double tail = (1.0 - level) / 2.0;
	size_t il = (size_t)floor(tail * (double)nr);
	size_t ih = (size_t)ceil((1.0 - tail) * (double)nr) - 1;

	if (ih >= nr)
		ih = nr - 1;
	*lo = ratios[il];
	*hi = ratios[ih];
	free(ratios);
	free(buf);
	return 0;
}

const char *stats_mark(double p)
{
	if (p < 0.01)
		return "**";
	if (p < 0.05)
		return "*";
	return "ns";
}
