// SPDX-License-Identifier: GPL-2.0
/* Suite files: comments, blank lines, extra options, and errors by line. */
#include <criterion/criterion.h>
#include <string.h>

#include "suite.h"

Test(suite, lines_comments_and_extra_options)
{
	const char *text = "# a suite\n\n--aggressor populate --victims fault-anon:1  # trailing\n"
			   "   \n--aggressor none --victims mmap-churn:1\n";
	char *extra[] = { "--duration", "1" };
	struct suite s;
	char err[512];

	cr_assert_eq(suite_parse("bench/suites/demo", text, extra, 2, &s, err, sizeof(err)), 0, "%s", err);
	cr_assert_eq(s.nlines, 2);
	cr_expect_str_eq(s.name, "demo");
	cr_expect_eq(s.lines[0].lineno, 3);
	cr_expect_eq(s.lines[1].lineno, 5);
	cr_expect_str_eq(s.lines[0].opt.aggressor, "populate");
	cr_expect_eq(s.lines[0].opt.duration_ns, 1000000000ull, "extra options not appended");
	cr_expect_str_eq(s.lines[1].opt.victims_spec, "mmap-churn:1");
	cr_expect(strstr(s.lines[0].text, "--aggressor populate"));
	suite_free(&s);
}

Test(suite, bad_lines_are_named_by_file_and_line)
{
	static const struct { const char *text, *why; } bad[] = {
		{ "--aggressor none\n\n--aggressor nope\n", "s:3: unknown aggressor 'nope'" },
		{ "# only comments\n\n", "s: no scenarios" },
		{ "--victims 'fault-anon:1'\n", "s:1: quotes" },
		{ "--help\n", "s:1: --help is not a scenario" },
		{ "--size 1Q\n", "s:1: --size" },
	};
	struct suite s;
	char err[512];

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		err[0] = 0;
		cr_expect_eq(suite_parse("s", bad[i].text, NULL, 0, &s, err, sizeof(err)), -1,
			     "accepted: %s", bad[i].text);
		cr_expect(strstr(err, bad[i].why), "'%s' lacks '%s'", err, bad[i].why);
	}
}

Test(suite, shipped_suites_parse)
{
	static const char *const files[] = { "bench/suites/default", "bench/suites/full" };

	for (size_t i = 0; i < 2; i++) {
		FILE *f = fopen(files[i], "r");
		char text[65536], err[512];
		struct suite s;
		size_t n;

		cr_assert(f, "%s missing (tests run from the repository root)", files[i]);
		n = fread(text, 1, sizeof(text) - 1, f);
		text[n] = 0;
		fclose(f);
		cr_expect_eq(suite_parse(files[i], text, NULL, 0, &s, err, sizeof(err)), 0, "%s", err);
		suite_free(&s);
	}
}
