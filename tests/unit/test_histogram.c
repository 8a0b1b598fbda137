// SPDX-License-Identifier: GPL-2.0
/* The histogram against exact percentiles of sorted samples. */
#include <criterion/criterion.h>
#include <math.h>
#include <stdlib.h>

#include "histogram.h"

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

/* nearest-rank percentile of sorted values, the definition hist_percentile uses */
static uint64_t exact(const uint64_t *v, size_t n, double p)
{
	size_t rank = (size_t)ceil(p / 100.0 * (double)n);

	return v[rank ? rank - 1 : 0];
}

static double rel_err(uint64_t got, uint64_t want)
{
	return want ? fabs((double)got - (double)want) / (double)want : (double)got;
}

/* xorshift: reproducible, and no libc rand() state shared between tests */
static uint64_t rng(uint64_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

static void check_against_exact(uint64_t *v, size_t n, double tolerance)
{
	static const double ps[] = { 0.1, 1, 10, 25, 50, 75, 90, 99, 99.9, 99.99, 99.999 };
	struct histogram *h = malloc(sizeof(*h));

	hist_init(h);
	for (size_t i = 0; i < n; i++)
		hist_record(h, v[i]);
	qsort(v, n, sizeof(*v), cmp_u64);
	cr_assert_eq(h->total, n);
	cr_assert_eq(h->min, v[0]);
	cr_assert_eq(h->max, v[n - 1]);
	cr_expect_eq(hist_percentile(h, 0), v[0]);
	cr_expect_eq(hist_percentile(h, 100), v[n - 1]);
	for (size_t i = 0; i < sizeof(ps) / sizeof(ps[0]); i++) {
		uint64_t got = hist_percentile(h, ps[i]), want = exact(v, n, ps[i]);

		cr_expect(rel_err(got, want) <= tolerance,
			  "p%g: histogram says %llu, exact %llu (error %.4f%%)", ps[i],
			  (unsigned long long)got, (unsigned long long)want, 100 * rel_err(got, want));
	}
	free(h);
}

Test(histogram, log_uniform_1ns_to_100s_within_1pct)
{
	size_t n = 200000;
	uint64_t *v = malloc(n * sizeof(*v)), s = 88172645463325252ull;

	for (size_t i = 0; i < n; i++) {
		/* log-uniform over 1 ns .. 100 s */
		double e = (double)(rng(&s) % 1000000) / 1000000.0 * log(1e11);

		v[i] = (uint64_t)exp(e);
		if (!v[i])
			v[i] = 1;
	}
	check_against_exact(v, n, 0.01);
	free(v);
}

Test(histogram, bimodal_fault_like_with_rare_stalls)
{
	size_t n = 100000;
	uint64_t *v = malloc(n * sizeof(*v)), s = 12345;

	for (size_t i = 0; i < n; i++)
		v[i] = i % 1000 == 0 ? 100000000 + rng(&s) % 900000000 : 1500 + rng(&s) % 3000;
	check_against_exact(v, n, 0.01);
	free(v);
}

Test(histogram, extremes_exact_below_256_and_clamped_top)
{
	struct histogram *h = malloc(sizeof(*h));

	hist_init(h);
	hist_record(h, 0);
	hist_record(h, 1);
	hist_record(h, 255);
	hist_record(h, 500ull * 1000000000ull);	/* 500 s: beyond the top octave */
	cr_assert_eq(h->min, 0);
	cr_assert_eq(h->max, 500ull * 1000000000ull);
	cr_expect_eq(hist_percentile(h, 25), 0);
	cr_expect_eq(hist_percentile(h, 50), 1);
	cr_expect_eq(hist_percentile(h, 75), 255);
	/* the open top bucket reports max, never an invented midpoint */
	cr_expect_eq(hist_percentile(h, 99), 500ull * 1000000000ull);
	free(h);
}

Test(histogram, single_sample_and_empty)
{
	struct histogram *h = malloc(sizeof(*h));

	hist_init(h);
	cr_expect_eq(hist_percentile(h, 50), 0);
	cr_expect_eq(hist_mean(h), 0.0);
	hist_record(h, 123456789);
	for (double p = 0; p <= 100; p += 12.5)
		cr_expect_eq(hist_percentile(h, p), 123456789, "p%g", p);
	free(h);
}

Test(histogram, buckets_tile_the_range_without_gaps)
{
	for (unsigned i = 0; i + 1 < HIST_BUCKETS; i++) {
		cr_assert_eq(hist_bucket_high(i) + 1, hist_bucket_low(i + 1), "gap after bucket %u", i);
		cr_assert_eq(hist_index(hist_bucket_low(i)), i);
		cr_assert_eq(hist_index(hist_bucket_high(i)), i);
		/* width at most 1/128 of the bucket's low edge: <= 0.4% error at the midpoint */
		cr_assert(hist_bucket_low(i) < 256 ||
			  (double)(hist_bucket_high(i) - hist_bucket_low(i) + 1) /
				  (double)hist_bucket_low(i) <= 1.0 / 128 + 1e-12, "bucket %u", i);
	}
	cr_assert(hist_bucket_low(HIST_BUCKETS - 1) >= 100ull * 1000000000ull, "top below 100 s");
	cr_assert(sizeof(struct histogram) <= 64 * 1024);
}

Test(histogram, merge_equals_recording_everything_in_one)
{
	struct histogram *a = malloc(sizeof(*a)), *b = malloc(sizeof(*b)), *all = malloc(sizeof(*all));
	uint64_t s = 99;

	hist_init(a);
	hist_init(b);
	hist_init(all);
	for (int i = 0; i < 50000; i++) {
		uint64_t v = rng(&s) % 10000000;

		hist_record(i % 3 ? a : b, v);
		hist_record(all, v);
	}
	hist_merge(a, b);
	cr_assert_eq(memcmp(a->counts, all->counts, sizeof(a->counts)), 0);
	cr_assert_eq(a->total, all->total);
	cr_assert_eq(a->min, all->min);
	cr_assert_eq(a->max, all->max);
	cr_assert_eq(a->sum, all->sum);
	free(a);
	free(b);
	free(all);
}

/* Negative control: the exactness check above must fire on a histogram that
 * is off by more than 1% -- here, one whose samples were all scaled by 1.03. */
Test(histogram, negative_control_detects_a_3pct_bias)
{
	struct histogram *h = malloc(sizeof(*h));
	uint64_t v[1000], s = 7;
	int off = 0;

	hist_init(h);
	for (int i = 0; i < 1000; i++) {
		v[i] = 10000 + rng(&s) % 1000000;
		hist_record(h, (uint64_t)((double)v[i] * 1.03));
	}
	qsort(v, 1000, sizeof(v[0]), cmp_u64);
	for (double p = 10; p < 100; p += 10)
		off += rel_err(hist_percentile(h, p), exact(v, 1000, p)) > 0.01;
	cr_assert_gt(off, 5, "a 3%% bias went unnoticed at %d of 9 percentiles", 9 - off);
	free(h);
}

Test(histogram, hgrm_has_hdrhistogram_layout)
{
	struct histogram *h = malloc(sizeof(*h));
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	hist_init(h);
	for (int i = 1; i <= 1000; i++)
		hist_record(h, (uint64_t)i * 1000);
	cr_assert_eq(hist_write_hgrm(h, f), 0);
	fclose(f);
	cr_expect(strstr(buf, "Value") && strstr(buf, "Percentile") && strstr(buf, "TotalCount"));
	cr_expect(strstr(buf, "#[Max     =     1000.000, Total count    =         1000]"), "%s", buf);
	cr_expect(strstr(buf, "1.000000000000       1000            inf"), "%s", buf);
	free(buf);
	free(h);
}
