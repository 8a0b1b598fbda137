// SPDX-License-Identifier: GPL-2.0
/* compare's statistics against values worked out by hand (see each comment). */
#include <math.h>

#include <criterion/criterion.h>

#include "stats.h"

#define N(x) (sizeof(x) / sizeof((x)[0]))

Test(stats, mwu_exact_separated_3v3)
{
	/* All of a below all of b: U_a = 0.  Of the C(6,3) = 20 equally likely
	 * splits, exactly two (U = 0 and U = 9) are this extreme: p = 2/20. */
	double a[] = { 1, 2, 3 }, b[] = { 4, 5, 6 };
	struct mwu_result r;

	cr_assert_eq(stats_mwu(a, N(a), b, N(b), &r), 0);
	cr_expect(r.exact);
	cr_expect(!r.ties);
	cr_expect_float_eq(r.u, 0.0, 1e-12);
	cr_expect_float_eq(r.p, 0.1, 1e-12);
	cr_expect_float_eq(r.p_min, 0.1, 1e-12);
	/* and the other way round: U_b = 9, same p */
	cr_assert_eq(stats_mwu(b, N(b), a, N(a), &r), 0);
	cr_expect_float_eq(r.u, 9.0, 1e-12);
	cr_expect_float_eq(r.p, 0.1, 1e-12);
}

Test(stats, mwu_exact_interleaved_3v3)
{
	/* a = 1,3,5 vs b = 2,4,6: pairs with a > b are (3,2), (5,2), (5,4): U = 3.
	 * The null distribution of U for 3 vs 3 has counts 1,1,2,3,3,3,3,2,1,1 for
	 * U = 0..9; |U - 4.5| >= 1.5 holds for U <= 3 or U >= 6: 7 + 7 = 14 of 20. */
	double a[] = { 1, 3, 5 }, b[] = { 2, 4, 6 };
	struct mwu_result r;

	cr_assert_eq(stats_mwu(a, N(a), b, N(b), &r), 0);
	cr_expect_float_eq(r.u, 3.0, 1e-12);
	cr_expect_float_eq(r.p, 0.7, 1e-12);
}

Test(stats, mwu_exact_separated_5v5_and_unequal)
{
	/* 5 vs 5 fully separated: 2 / C(10,5) = 2/252 */
	double a[] = { 10, 11, 12, 13, 14 }, b[] = { 20, 21, 22, 23, 24 };
	/* 2 vs 4, separated: 2 / C(6,2) = 2/15 */
	double c[] = { 1, 2 }, d[] = { 3, 4, 5, 6 };
	struct mwu_result r;

	cr_assert_eq(stats_mwu(a, N(a), b, N(b), &r), 0);
	cr_expect_float_eq(r.p, 2.0 / 252.0, 1e-12);
	cr_expect(r.p < 0.01);
	cr_expect_str_eq(stats_mark(r.p), "**");
	cr_assert_eq(stats_mwu(d, N(d), c, N(c), &r), 0);
	cr_expect_float_eq(r.u, 8.0, 1e-12);
	cr_expect_float_eq(r.p, 2.0 / 15.0, 1e-12);
}

Test(stats, mwu_exact_with_ties)
{
	/* a = 1,2,2 vs b = 2,3,4.  Pooled midranks: 1 -> 1; the three 2s -> 3;
	 * 3 -> 5; 4 -> 6.  R_a = 1+3+3 = 7, U_a = 7 - 6 = 1 (the two a=2 vs b=2
	 * ties count 1/2 each).  Rank multiset {1,3,3,3,5,6}, mean sum 10.5,
	 * observed distance 3.5: subsets summing <= 7 are {1,3,3} x3, >= 14 are
	 * {3,5,6} x3: 6 of 20, p = 0.3. */
	double a[] = { 1, 2, 2 }, b[] = { 2, 3, 4 };
	struct mwu_result r;

	cr_assert_eq(stats_mwu(a, N(a), b, N(b), &r), 0);
	cr_expect(r.exact);
	cr_expect(r.ties);
	cr_expect_float_eq(r.u, 1.0, 1e-12);
	cr_expect_float_eq(r.p, 0.3, 1e-12);
	cr_expect_float_eq(r.p_min, 0.3, 1e-12);
}

Test(stats, mwu_exact_13v13)
{
	/* 26 values: still exact.  Fully separated: 2 / C(26,13) = 2/10400600 */
	double a[13], b[13];
	struct mwu_result r;

	for (int i = 0; i < 13; i++) {
		a[i] = i + 1;
		b[i] = i + 14;
	}
	cr_assert_eq(stats_mwu(a, 13, b, 13, &r), 0);
	cr_expect(r.exact);
	cr_expect_float_eq(r.p, 2.0 / 10400600.0, 1e-15);
	cr_expect_float_eq(r.p_min, 2.0 / 10400600.0, 1e-15);
}

Test(stats, mwu_normal_approximation)
{
	/* 66 values > MWU_EXACT_N, so normal approximation.
	 * a = 1..33, b = 34..66: U = 0, mean 544.5, var = 33*33/12 * 67 =
	 * 6080.25, sd 77.976, z = (544.5 - 0.5)/77.976 = 6.97651,
	 * p = erfc(z/sqrt 2) = 3.02604e-12 */
	double a[33], b[33];
	struct mwu_result r;

	for (int i = 0; i < 33; i++) {
		a[i] = i + 1;
		b[i] = i + 34;
	}
	cr_assert_eq(stats_mwu(a, 33, b, 33, &r), 0);
	cr_expect(!r.exact);
	cr_expect_float_eq(r.u, 0.0, 1e-12);
	cr_expect_float_eq(r.p, 3.0260418e-12, 1e-18);

	/* Two tie groups of 33: tie term 2*(33^3 - 33) = 71808, var = 1089/12 *
	 * (67 - 71808/4290) = 4561.23, sd 67.537, z = 544/67.537 = 8.05485,
	 * p = 7.957348e-16 */
	for (int i = 0; i < 33; i++) {
		a[i] = 1;
		b[i] = 2;
	}
	cr_assert_eq(stats_mwu(a, 33, b, 33, &r), 0);
	cr_expect(r.ties);
	cr_expect(!r.exact);
	cr_expect_float_eq(r.p, 7.957348e-16, 1e-21);

	/* everything tied: variance 0, no evidence, p = 1 */
	for (int i = 0; i < 33; i++)
		b[i] = 1;
	cr_assert_eq(stats_mwu(a, 33, b, 33, &r), 0);
	cr_expect_float_eq(r.p, 1.0, 1e-12);
}

Test(stats, mwu_rejects_empty_and_nan)
{
	double a[] = { 1, 2 }, b[] = { NAN, 3 };
	struct mwu_result r;

	cr_expect_eq(stats_mwu(a, 2, b, 0, &r), -1);
	cr_expect_eq(stats_mwu(a, 2, b, 2, &r), -1);
}

Test(stats, median)
{
	double odd[] = { 3, 1, 2 }, even[] = { 4, 1, 3, 2 };

	cr_expect_float_eq(stats_median(odd, 3), 2.0, 1e-12);
	cr_expect_float_eq(stats_median(even, 4), 2.5, 1e-12);
	cr_expect(isnan(stats_median(odd, 0)));
	/* the input is left alone */
	cr_expect_float_eq(odd[0], 3.0, 0);
}

Test(stats, bootstrap_ratio)
{
	/* constant samples: every resample's ratio is 2/1 */
	double a[] = { 1, 1, 1 }, b[] = { 2, 2, 2 };
	/* 1,2,3 vs 10,20,30: a resample median lies in [1,3] and [10,30], so
	 * every ratio lies in [10/3, 30]; the CI excludes 1. */
	double c[] = { 1, 2, 3 }, d[] = { 10, 20, 30 };
	double lo, hi, lo2, hi2;

	cr_assert_eq(stats_bootstrap_ratio(a, 3, b, 3, 1000, 42, 0.95, &lo, &hi), 0);
	cr_expect_float_eq(lo, 2.0, 1e-12);
	cr_expect_float_eq(hi, 2.0, 1e-12);
	cr_assert_eq(stats_bootstrap_ratio(c, 3, d, 3, 2000, 42, 0.95, &lo, &hi), 0);
	cr_expect(lo >= 10.0 / 3.0 - 1e-12 && hi <= 30.0 + 1e-12 && lo <= hi);
	cr_expect(lo > 1.0);
	/* fixed seed: the same interval every time */
	cr_assert_eq(stats_bootstrap_ratio(c, 3, d, 3, 2000, 42, 0.95, &lo2, &hi2), 0);
	cr_expect_float_eq(lo, lo2, 0);
	cr_expect_float_eq(hi, hi2, 0);
	/* a zero baseline has no ratio */
	double z[] = { 0, 0 };
	cr_expect_eq(stats_bootstrap_ratio(z, 2, d, 3, 100, 1, 0.95, &lo, &hi), -1);
}

Test(stats, marks)
{
	cr_expect_str_eq(stats_mark(0.009), "**");
	cr_expect_str_eq(stats_mark(0.04), "*");
	cr_expect_str_eq(stats_mark(0.05), "ns");
	cr_expect_str_eq(stats_mark(0.1), "ns");
}
