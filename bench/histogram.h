/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Per-thread log-linear latency histogram, in nanoseconds.
 *
 * Values below 2^HIST_SUB_BITS are counted exactly; above, every power of two
 * is split into 2^(HIST_SUB_BITS-1) linear sub-buckets, so a bucket is at most
 * 1/128 of its value wide: reported values (the bucket's midpoint) are within
 * 0.4% of the truth.  The top bucket covers 2^38 ns (275 s); larger values are
 * clamped into it but max stays exact.  4096 counters = 32 KiB per histogram.
 *
 * One thread writes, any thread may read: hist_record() does relaxed atomic
 * stores, no read-modify-write, no lock.  This is HdrHistogram's bucket layout;
 * we do not link libhdr_histogram because Debian does not package it and its
 * recorder uses atomic increments we do not need for a single writer.
 */
#ifndef FS_HISTOGRAM_H
#define FS_HISTOGRAM_H

#include <stdint.h>
#include <stdio.h>

#define HIST_SUB_BITS 8
#define HIST_SUB_COUNT (1u << HIST_SUB_BITS)     /* 256 exact values */
#define HIST_HALF (HIST_SUB_COUNT / 2)            /* 128 sub-buckets per octave */
#define HIST_MAX_EXP 37                           /* top octave: [2^37, 2^38) */
#define HIST_BUCKETS (HIST_SUB_COUNT + (HIST_MAX_EXP - HIST_SUB_BITS + 1) * HIST_HALF)

struct histogram {
	uint64_t counts[HIST_BUCKETS];
	uint64_t total;
	uint64_t min;
	uint64_t max;
	uint64_t sum;		/* ns; overflows after 584 years of latency */
};

void hist_init(struct histogram *h);

static inline unsigned hist_index(uint64_t v)
{
	unsigned e;

	if (v < HIST_SUB_COUNT)
		return (unsigned)v;
	e = 63u - (unsigned)__builtin_clzll(v);
	if (e > HIST_MAX_EXP)
		return HIST_BUCKETS - 1;
	return HIST_SUB_COUNT + (e - HIST_SUB_BITS) * HIST_HALF +
	       (unsigned)((v >> (e - HIST_SUB_BITS + 1)) & (HIST_HALF - 1));
}

/* Single writer: plain loads, relaxed atomic stores so readers never tear. */
static inline void hist_record(struct histogram *h, uint64_t v)
{
	unsigned i = hist_index(v);

	__atomic_store_n(&h->counts[i], h->counts[i] + 1, __ATOMIC_RELAXED);
	__atomic_store_n(&h->total, h->total + 1, __ATOMIC_RELAXED);
	__atomic_store_n(&h->sum, h->sum + v, __ATOMIC_RELAXED);
	if (v < h->min)
		__atomic_store_n(&h->min, v, __ATOMIC_RELAXED);
	if (v > h->max)
		__atomic_store_n(&h->max, v, __ATOMIC_RELAXED);
}

/* Lowest and highest value that land in bucket i. */
uint64_t hist_bucket_low(unsigned i);
uint64_t hist_bucket_high(unsigned i);

void hist_merge(struct histogram *dst, const struct histogram *src);
/* p in [0, 100]; the value at or below which p percent of samples lie, as
 * the midpoint of its bucket, clamped to [min, max].  0 when empty. */
uint64_t hist_percentile(const struct histogram *h, double p);
double hist_mean(const struct histogram *h);
double hist_stddev(const struct histogram *h);

/* HdrHistogram "percentile distribution" text (as HistogramLogProcessor and
 * hdr_percentiles_print write it), values in microseconds. */
int hist_write_hgrm(const struct histogram *h, FILE *f);

#endif
