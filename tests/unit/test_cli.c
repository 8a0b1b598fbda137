// SPDX-License-Identifier: GPL-2.0
/* The `run` option table: defaults, every option, and every bad value. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"

static enum cli_result parse(struct options *o, char *err, const char *args)
{
	static char buf[1024];
	char *argv[64] = { "run" };
	int argc = 1;

	snprintf(buf, sizeof(buf), "%s", args);
	for (char *t = strtok(buf, " "); t; t = strtok(NULL, " "))
		argv[argc++] = t;
	cli_defaults(o);
	err[0] = 0;
	return cli_parse_run(argc, argv, o, err, 512);
}

Test(cli, defaults)
{
	struct options o;
	char err[512];

	cr_assert_eq(parse(&o, err, ""), CLI_OK, "%s", err);
	cr_expect_str_eq(o.aggressor, "none");
	cr_expect_str_eq(o.victims_spec, "fault-anon:1");
	cr_expect_eq(o.size, 256ull << 20);
	cr_expect_eq(o.duration_ns, 3000000000ull);
	cr_expect_eq(o.repeat, 1);
	cr_expect_eq(o.placement, PLACE_COMPACT);
	cr_expect_eq(o.thp, THP_NEVER);
	cr_expect_eq(o.outlier_ns, 100000ull);
	cr_expect_eq(o.membind, -1);
}

Test(cli, every_option)
{
	struct options o;
	char err[512];

	cr_assert_eq(parse(&o, err, "--aggressor populate --victims fault-anon:3,mmap-churn:1 "
				    "--size 1G --duration 500ms --warmup 0 --repeat 5 --cpus 0-1 "
				    "--placement spread --smt --membind 0 --thp always --outlier 1ms "
				    "--out /tmp/x --file-dir /tmp --mem-share 80 --quiet --no-trace --no-counters "
				    "--clock gettime"),
		     CLI_OK, "%s", err);
	cr_expect_str_eq(o.aggressor, "populate");
	cr_expect_eq(o.victims.nkinds, 2);
	cr_expect_eq(o.size, 1ull << 30);
	cr_expect_eq(o.duration_ns, 500000000ull);
	cr_expect_eq(o.warmup_ns, 0);
	cr_expect_eq(o.repeat, 5);
	cr_expect_eq(o.ncpus, 2);
	cr_expect_eq(o.placement, PLACE_SPREAD);
	cr_expect(o.smt && o.quiet && o.no_trace && o.no_counters && o.gettime);
	cr_expect_eq(o.membind, 0);
	cr_expect_eq(o.thp, THP_ALWAYS);
	cr_expect_eq(o.outlier_ns, 1000000ull);
	cr_expect_str_eq(o.out, "/tmp/x");
	cr_expect_eq(o.mem_share, 80.0);
}

Test(cli, help)
{
	struct options o;
	char err[512];

	cr_expect_eq(parse(&o, err, "--help"), CLI_HELP);
}

Test(cli, help_text_documents_every_default_and_range)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	cli_help_run(f);
	fclose(f);
	for (const char *opt = "--aggressor\0--victims\0--size\0--duration\0--warmup\0--repeat\0"
			       "--cpus\0--placement\0--membind\0--thp\0--outlier\0--out\0--quiet\0";
	     *opt; opt += strlen(opt) + 1)
		cr_expect(strstr(buf, opt), "help lacks %s", opt);
	cr_expect(strstr(buf, "[default: 256M] (4K..1T"), "size default/range missing");
	cr_expect(strstr(buf, "compact|spread|numa"));
	cr_expect(strstr(buf, "Exit codes"));
	free(buf);
}

Test(cli, rejects_bad_values_naming_the_option)
{
	static const struct { const char *args, *why; } bad[] = {
		{ "--aggressor nope", "unknown aggressor 'nope'; valid: none, populate" },
		{ "--victims fault-anon:2,bogus:1", "unknown victim 'bogus'; valid: fault-anon" },
		{ "--victims fault-anon:0", "must be 1..64" },
		{ "--size 12Q", "--size: size '12Q' has an unknown suffix" },
		{ "--size 1K", "out of range 4K..1T" },
		{ "--size 2T", "out of range 4K..1T" },
		{ "--size 5000", "not a multiple of the 4K page" },
		{ "--size -5M", "must start with a digit" },
		{ "--duration 0", "--duration 0 is out of range" },
		{ "--duration 5ms", "out of range" },
		{ "--duration 25h", "out of range" },
		{ "--warmup -1", "--warmup" },
		{ "--repeat 0", "--repeat: 0 is out of range [1, 1000]" },
		{ "--repeat 1001", "out of range" },
		{ "--repeat 2x", "not a whole number" },
		{ "--cpus 3-1", "--cpus: CPU list '3-1': range 3-1 runs backwards" },
		{ "--placement diagonal", "--placement: unknown 'diagonal'; valid: compact, spread, numa" },
		{ "--membind -1", "--membind" },
		{ "--thp sometimes", "valid: never, always, inherit" },
		{ "--outlier 0", "--outlier 0 is out of range" },
		{ "--mem-share 99", "--mem-share: 99 is out of range" },
		{ "--clock hpet", "valid: tsc, gettime" },
		{ "--bogus", "unknown option '--bogus'" },
		{ "--size", "needs a value" },
		{ "stray", "unexpected argument 'stray'" },
		{ "--out ", "needs a value" },
	};
	struct options o;
	char err[512];

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		cr_expect_eq(parse(&o, err, bad[i].args), CLI_ERROR, "'%s' accepted", bad[i].args);
		cr_expect(strstr(err, bad[i].why), "'%s': message '%s' lacks '%s'", bad[i].args, err,
			  bad[i].why);
	}
}

Test(cli, parsing_twice_starts_afresh)
{
	struct options o;
	char err[512];

	cr_assert_eq(parse(&o, err, "--size 1G"), CLI_OK);
	cr_assert_eq(parse(&o, err, "--repeat 2"), CLI_OK, "%s", err);
	cr_expect_eq(o.size, 256ull << 20, "defaults not restored");
	cr_expect_eq(o.repeat, 2);
}
