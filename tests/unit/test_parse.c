// SPDX-License-Identifier: GPL-2.0
/* Sizes, durations, CPU lists and victim mixes: good values and every kind
 * of bad one, each with its message. */
#include <criterion/criterion.h>
#include <string.h>

#include "parse.h"

Test(parse_size, suffixes_are_powers_of_1024)
{
	static const struct { const char *in; uint64_t want; } ok[] = {
		{ "4096", 4096 }, { "64K", 64ull << 10 }, { "256M", 256ull << 20 },
		{ "1G", 1ull << 30 }, { "2T", 2ull << 40 }, { "1GiB", 1ull << 30 },
		{ "8k", 8192 }, { "3MB", 3ull << 20 }, { "0", 0 },
	};
	char err[128];

	for (size_t i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		uint64_t v = 1;

		cr_expect_eq(parse_size(ok[i].in, &v, err, sizeof(err)), 0, "%s: %s", ok[i].in, err);
		cr_expect_eq(v, ok[i].want, "%s", ok[i].in);
	}
}

Test(parse_size, rejects_bad_input_with_a_reason)
{
	static const struct { const char *in, *why; } bad[] = {
		{ "", "empty" }, { "-1G", "digit" }, { "G", "digit" }, { "12X", "unknown suffix" },
		{ "1GG", "trailing" }, { "99999999999999999999", "too large" },
		{ "17179869184T", "too large" }, { " 5M", "digit" }, { "5 M", "unknown suffix" },
		{ "1.5G", "unknown suffix" },
	};
	char err[128];

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		uint64_t v;

		err[0] = 0;
		cr_expect_eq(parse_size(bad[i].in, &v, err, sizeof(err)), -1, "'%s' accepted", bad[i].in);
		cr_expect(strstr(err, bad[i].why), "'%s': message '%s' lacks '%s'", bad[i].in, err,
			  bad[i].why);
	}
}

Test(parse_duration, units)
{
	static const struct { const char *in; uint64_t want; } ok[] = {
		{ "2", 2000000000ull }, { "2s", 2000000000ull }, { "500ms", 500000000ull },
		{ "100us", 100000ull }, { "1.5", 1500000000ull }, { "3m", 180000000000ull },
		{ "1h", 3600000000000ull }, { "250ns", 250 }, { ".5s", 500000000ull },
	};
	char err[128];

	for (size_t i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		uint64_t v = 0;

		cr_expect_eq(parse_duration(ok[i].in, &v, err, sizeof(err)), 0, "%s: %s", ok[i].in, err);
		cr_expect_eq(v, ok[i].want, "%s -> %llu", ok[i].in, (unsigned long long)v);
	}
}

Test(parse_duration, rejects_bad_input)
{
	static const char *bad[] = { "", "-1", "1d", "abc", "1e400", "nan", "inf", "5 s",
				     "1e12h", "2ss" };
	char err[128];

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		uint64_t v;

		err[0] = 0;
		cr_expect_eq(parse_duration(bad[i], &v, err, sizeof(err)), -1, "'%s' accepted", bad[i]);
		cr_expect(err[0], "'%s' rejected without a message", bad[i]);
	}
}

Test(parse_cpulist, ranges_sorted)
{
	int cpus[16], n = 0;
	char err[128];

	cr_assert_eq(parse_cpulist("8,0-2,5", cpus, 16, &n, err, sizeof(err)), 0, "%s", err);
	cr_assert_eq(n, 5);
	cr_expect_arr_eq(cpus, ((int[]){ 0, 1, 2, 5, 8 }), 5 * sizeof(int));
}

Test(parse_cpulist, rejects_bad_lists)
{
	static const struct { const char *in, *why; } bad[] = {
		{ "", "empty" }, { "a", "expected a number" }, { "3-1", "backwards" },
		{ "1,1", "twice" }, { "0-", "without an end" }, { "1,,2", "expected a number" },
		{ "1;2", "unexpected" }, { "70000", "beyond" }, { "0-20", "more than 16" },
		{ "-1", "expected a number" },
	};
	int cpus[16], n;
	char err[128];

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		err[0] = 0;
		cr_expect_eq(parse_cpulist(bad[i].in, cpus, 16, &n, err, sizeof(err)), -1, "'%s'",
			     bad[i].in);
		cr_expect(strstr(err, bad[i].why), "'%s': '%s' lacks '%s'", bad[i].in, err, bad[i].why);
	}
}

Test(parse_victims, mixes_and_defaults)
{
	struct victim_mix m;
	char err[128];

	cr_assert_eq(parse_victims("fault-anon:3,mmap-churn", 64, &m, err, sizeof(err)), 0, "%s", err);
	cr_assert_eq(m.nkinds, 2);
	cr_expect_str_eq(m.name[0], "fault-anon");
	cr_expect_eq(m.count[0], 3);
	cr_expect_str_eq(m.name[1], "mmap-churn");
	cr_expect_eq(m.count[1], 1);
}

Test(parse_victims, rejects_bad_mixes)
{
	static const struct { const char *in, *why; } bad[] = {
		{ "", "empty" }, { "a:0", "must be 1..64" }, { "a:65", "must be 1..64" },
		{ "a:x", "must be 1..64" }, { "a,", "trailing comma" }, { "a,a", "twice" },
		{ ":3", "empty kind" }, { "a:", "bad count" },
		{ "a,b,c,d,e,f,g,h,i", "more than 8" },
	};
	struct victim_mix m;
	char err[128];

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		err[0] = 0;
		cr_expect_eq(parse_victims(bad[i].in, 64, &m, err, sizeof(err)), -1, "'%s'", bad[i].in);
		cr_expect(strstr(err, bad[i].why), "'%s': '%s' lacks '%s'", bad[i].in, err, bad[i].why);
	}
}

Test(format_size, shortest_exact_suffix)
{
	char b[32];

	format_size(256ull << 20, b, sizeof(b));
	cr_expect_str_eq(b, "256M");
	format_size(1536ull << 10, b, sizeof(b));
	cr_expect_str_eq(b, "1536K");
	format_size(4097, b, sizeof(b));
	cr_expect_str_eq(b, "4097");
	format_size(1ull << 40, b, sizeof(b));
	cr_expect_str_eq(b, "1T");
}
