// SPDX-License-Identifier: GPL-2.0
/* Log-linear histogram: bucket arithmetic, percentiles, merge and .hgrm output. */
#include <math.h>
#include <string.h>

#include "histogram.h"

void hist_init(struct histogram *h)
{
	memset(h, 0, sizeof(*h));
	h->min = UINT64_MAX;
}

uint64_t hist_bucket_low(unsigned i)
{
	unsigned e;

	if (i < HIST_SUB_COUNT)
		return i;
	e = (i - HIST_SUB_COUNT) / HIST_HALF + HIST_SUB_BITS;
	return ((uint64_t)(HIST_HALF + (i - HIST_SUB_COUNT) % HIST_HALF)) << (e - HIST_SUB_BITS + 1);
}

uint64_t hist_bucket_high(unsigned i)
{
	if (i < HIST_SUB_COUNT)
		return i;
	if (i == HIST_BUCKETS - 1)
		return UINT64_MAX;
	return hist_bucket_low(i + 1) - 1;
}

void hist_merge(struct histogram *dst, const struct histogram *src)
{
	for (unsigned i = 0; i < HIST_BUCKETS; i++)
		dst->counts[i] += __atomic_load_n(&src->counts[i], __ATOMIC_RELAXED);
	dst->total += src->total;
	dst->sum += src->sum;
	if (src->total && src->min < dst->min)
		dst->min = src->min;
	if (src->total && src->max > dst->max)
		dst->max = src->max;
}

static uint64_t bucket_value(const struct histogram *h, unsigned i)
{
	uint64_t lo = hist_bucket_low(i), hi = hist_bucket_high(i), v;

	/* the top bucket is open-ended: its only honest value is max */
	v = i == HIST_BUCKETS - 1 ? h->max : lo + (hi - lo) / 2;
	if (v < h->min)
		v = h->min;
	if (v > h->max)
		v = h->max;
	return v;
}

uint64_t hist_percentile(const struct histogram *h, double p)
{
	uint64_t want, seen = 0;

	if (!h->total)
		return 0;
	if (p <= 0)
		return h->min;
	if (p >= 100)
		return h->max;
	/* the rank of the sample at or below which p percent lie (nearest rank) */
	want = (uint64_t)ceil(p / 100.0 * (double)h->total);
	if (want < 1)
		want = 1;
	for (unsigned i = 0; i < HIST_BUCKETS; i++) {
		seen += h->counts[i];
		if (seen >= want)
			return bucket_value(h, i);
	}
	return h->max;
}

double hist_mean(const struct histogram *h)
{
	return h->total ? (double)h->sum / (double)h->total : 0.0;
}

double hist_stddev(const struct histogram *h)
{
	double mean = hist_mean(h), acc = 0;

	if (h->total < 2)
		return 0.0;
	for (unsigned i = 0; i < HIST_BUCKETS; i++) {
		double d;

		if (!h->counts[i])
			continue;
		d = (double)bucket_value(h, i) - mean;
		acc += d * d * (double)h->counts[i];
	}
	return sqrt(acc / (double)h->total);
}

/*
 * HdrHistogram's percentile-distribution text: rows at percentiles that
 * halve the remaining distance to 100% (5 ticks per half), then the 100% row,
 * then the footer.  Values in microseconds.
 */
int hist_write_hgrm(const struct histogram *h, FILE *f)
{
	const double unit = 1000.0;
	const int ticks_per_half = 5;
	uint64_t last_count = UINT64_MAX;

	fprintf(f, "%12s %14s %10s %14s\n\n", "Value", "Percentile", "TotalCount",
		"1/(1-Percentile)");
	if (h->total) {
		double p = 0.0, step = 100.0 / (2.0 * ticks_per_half);
		int in_half = 0;

		for (;;) {
			uint64_t v = hist_percentile(h, p), count = 0;

			for (unsigned i = 0; i < HIST_BUCKETS && hist_bucket_low(i) <= v; i++)
				count += h->counts[i];
			if (count > h->total)
				count = h->total;
			if (p >= 100.0 - 1e-9 || count >= h->total)
				break;
			if (count != last_count || p == 0.0)
				fprintf(f, "%12.3f %2.12f %10llu %14.2f\n", (double)v / unit,
					p / 100.0, (unsigned long long)count,
					1.0 / (1.0 - p / 100.0));
			last_count = count;
			p += step;
			if (++in_half == ticks_per_half) {
				in_half = 0;
				step /= 2.0;
			}
			if (step < 1e-10)
				break;
		}
		fprintf(f, "%12.3f %2.12f %10llu %14s\n", (double)h->max / unit, 1.0,
			(unsigned long long)h->total, "inf");
	}
	fprintf(f, "#[Mean    = %12.3f, StdDeviation   = %12.3f]\n",
		hist_mean(h) / unit, hist_stddev(h) / unit);
	fprintf(f, "#[Max     = %12.3f, Total count    = %12llu]\n",
		(double)(h->total ? h->max : 0) / unit, (unsigned long long)h->total);
	fprintf(f, "#[Buckets = %12u, SubBuckets     = %12u]\n",
		HIST_MAX_EXP - HIST_SUB_BITS + 2, HIST_SUB_COUNT);
	return ferror(f) ? -1 : 0;
}
