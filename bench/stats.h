/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Statistics for `faultstorm compare`: is a difference between two runs'
 * per-repeat values (p99 of repeat 0, 1, 2, ... of run A vs run B) more than
 * repeat-to-repeat noise?  Per-repeat values, not raw samples, because samples
 * inside one repeat are not independent (one stall delays many faults).
 */
#ifndef FS_STATS_H
#define FS_STATS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct mwu_result {
	double u;		/* U of sample a: pairs (a_i, b_j) with a_i > b_j, ties 1/2 */
	double p;		/* two-sided p-value */
	bool exact;		/* p from the full permutation distribution, else normal approx. */
	bool ties;		/* some values were tied (midranks used) */
	double p_min;		/* smallest p these sample sizes can reach (exact case) */
};

/*
 * Mann-Whitney U, two-sided.  Exact when na + nb <= MWU_EXACT_N: the
 * permutation distribution of the pooled midranks is counted in full, so ties
 * are handled exactly and p = P(|U - na*nb/2| >= |u - na*nb/2|).  Otherwise
 * the normal approximation with tie-corrected variance and a 0.5 continuity
 * correction.  Returns -1 if either sample is empty or holds a NaN.
 */
#define MWU_EXACT_N 64
int stats_mwu(const double *a, size_t na, const double *b, size_t nb, struct mwu_result *r);

/* Median of n values (mean of the middle two when n is even); NaN when n == 0. */
double stats_median(const double *v, size_t n);

/*
 * Percentile bootstrap CI of median(b)/median(a): `iters` resamples of each
 * sample with replacement, from a fixed-seed xorshift64* so a report is
 * reproducible.  level e.g. 0.95.  Returns -1 on empty input or a zero median.
 */
int stats_bootstrap_ratio(const double *a, size_t na, const double *b, size_t nb,
			  unsigned iters, uint64_t seed, double level, double *lo, double *hi);

/* The significance mark printed next to a ratio: "**" p < 0.01, "*" p < 0.05,
 * "ns" otherwise. */
const char *stats_mark(double p);

#endif
