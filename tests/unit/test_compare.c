// SPDX-License-Identifier: GPL-2.0
/* The readers under compare and the plots: .hgrm parsing and its refusals,
 * bucket counts and merged percentile curves against hand-worked values,
 * run loading and discovery. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <criterion/criterion.h>

#include "hgrm_read.h"
#include "render.h"
#include "run_read.h"

/* 10 samples: 2 at 1 µs, 3 more up to 2 µs, 4 more up to 4 µs, 1 at 10 µs */
static const char hgrm_a[] =
	"       Value     Percentile TotalCount 1/(1-Percentile)\n\n"
	"       1.000 0.000000000000          2           1.00\n"
	"       2.000 0.500000000000          5           2.00\n"
	"       4.000 0.900000000000          9          10.00\n"
	"      10.000 1.000000000000         10            inf\n"
	"#[Mean    =        3.000, StdDeviation   =        2.000]\n"
	"#[Max     =       10.000, Total count    =           10]\n"
	"#[Buckets =           31, SubBuckets     =          256]\n";
/* 5 samples: 4 at 3 µs, 1 at 5 µs */
static const char hgrm_b[] =
	"       Value     Percentile TotalCount 1/(1-Percentile)\n\n"
	"       3.000 0.000000000000          4           1.00\n"
	"       5.000 1.000000000000          5            inf\n"
	"#[Mean    =        3.400, StdDeviation   =        0.800]\n"
	"#[Max     =        5.000, Total count    =            5]\n";

static void write_text(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	cr_assert(f, "%s", path);
	fputs(text, f);
	fclose(f);
}

static void tmpfile_with(char *path, size_t len, const char *text)
{
	int fd;

	snprintf(path, len, "/tmp/fs-unit-hgrm-XXXXXX");
	fd = mkstemp(path);
	cr_assert(fd >= 0);
	close(fd);
	write_text(path, text);
}

Test(hgrm, parses_rows_and_footer)
{
	char p[64], err[256];
	struct hgrm h;

	tmpfile_with(p, sizeof(p), hgrm_a);
	cr_assert_eq(hgrm_read(p, &h, err, sizeof(err)), 0, "%s", err);
	cr_expect_eq(h.n, 4);
	cr_expect_eq(h.total, 10);
	cr_expect_float_eq(h.max_us, 10.0, 1e-9);
	cr_expect_float_eq(h.mean_us, 3.0, 1e-9);
	cr_expect_float_eq(h.rows[2].value_us, 4.0, 1e-9);
	cr_expect_eq(h.rows[2].count, 9);
	/* the step CDF: exact at rows, the row below between them */
	cr_expect_eq(hgrm_count_le(&h, 0.5), 0);
	cr_expect_eq(hgrm_count_le(&h, 1.0), 2);
	cr_expect_eq(hgrm_count_le(&h, 3.0), 5);
	cr_expect_eq(hgrm_count_le(&h, 10.0), 10);
	hgrm_free(&h);
	unlink(p);
}

static void expect_refusal(const char *text, const char *needle)
{
	char p[64], err[512];
	struct hgrm h;

	tmpfile_with(p, sizeof(p), text);
	cr_expect_eq(hgrm_read(p, &h, err, sizeof(err)), -1, "accepted: %s", text);
	cr_expect(strstr(err, p), "error does not name the file: %s", err);
	cr_expect(strstr(err, needle), "error lacks '%s': %s", needle, err);
	unlink(p);
}

Test(hgrm, refuses_malformed_files)
{
	expect_refusal("", "empty");
	expect_refusal("hello world\n", "not an .hgrm");
	/* footer gone: a file cut short */
	expect_refusal("Value Percentile TotalCount 1/(1-Percentile)\n\n1.0 0.0 1 1.00\n",
		       "footer");
	/* rows going backwards */
	expect_refusal("Value Percentile TotalCount x\n\n2.0 0.0 1 1.00\n1.0 0.5 2 2.00\n"
		       "#[Mean = 1.0, StdDeviation = 0.0]\n#[Max = 2.0, Total count = 2]\n",
		       "must not decrease");
	expect_refusal("Value Percentile TotalCount x\n\n1.0 1.5 1 1.00\n"
		       "#[Mean = 1.0, StdDeviation = 0.0]\n#[Max = 1.0, Total count = 1]\n",
		       "Percentile");
	expect_refusal("Value Percentile TotalCount x\n\n1.0 0.5 -1 1.00\n"
		       "#[Mean = 1.0, StdDeviation = 0.0]\n#[Max = 1.0, Total count = 1]\n",
		       "TotalCount");
	expect_refusal("Value Percentile TotalCount x\n\n1.0 0.5 1\n", "4 columns");
	/* the rows and the footer disagree */
	expect_refusal("Value Percentile TotalCount x\n\n1.0 1.0 3 inf\n"
		       "#[Mean = 1.0, StdDeviation = 0.0]\n#[Max = 1.0, Total count = 4]\n",
		       "differs");
}

Test(hgrm, bucket_counts_conserve_samples)
{
	/* Octave buckets (1 per octave).  [1,2): the 2 at 1 µs plus the 3 in
	 * (1,2] = 5 (2 itself closes that interval).  [2,4): the 4 in (2,4].
	 * (4,10] holds 1 sample spread linearly: 4/6 in [4,8), 2/6 in [8,16). */
	char p[64], err[256], line[128];
	struct hgrm h;
	double lo, hi, c, want[][3] = { { 1, 2, 5 }, { 2, 4, 4 }, { 4, 8, 4.0 / 6 },
					  { 8, 16, 2.0 / 6 } };
	FILE *f = tmpfile();
	int n = 0;

	tmpfile_with(p, sizeof(p), hgrm_a);
	cr_assert_eq(hgrm_read(p, &h, err, sizeof(err)), 0, "%s", err);
	cr_assert_eq(hgrm_write_buckets(&h, 1, f), 4);
	rewind(f);
	while (fgets(line, sizeof(line), f)) {
		cr_assert(n < 4);
		cr_assert_eq(sscanf(line, "%lf %lf %lf", &lo, &hi, &c), 3);
		cr_expect_float_eq(lo, want[n][0], 1e-6);
		cr_expect_float_eq(hi, want[n][1], 1e-6);
		cr_expect_float_eq(c, want[n][2], 1e-5, "bucket %d: %g", n, c);
		n++;
	}
	fclose(f);
	hgrm_free(&h);
	unlink(p);
}

Test(hgrm, merged_curve_by_hand)
{
	/* Union of values 1,2,3,4,5,10; samples at or below each, a + b:
	 * 1: 2+0, 2: 5+0, 3: 5+4, 4: 9+4, 5: 9+5, 10: 10+5, of 15.
	 * x = 1/(1-p) but the last row sits at x = 15 (the sample count). */
	char pa[64], pb[64], err[256];
	struct hgrm hs[2];
	double v, pct, x, want[][2] = { { 1, 2 }, { 2, 5 }, { 3, 9 }, { 4, 13 }, { 5, 14 },
					{ 10, 15 } };
	FILE *f = tmpfile();
	int n = 0;

	tmpfile_with(pa, sizeof(pa), hgrm_a);
	tmpfile_with(pb, sizeof(pb), hgrm_b);
	cr_assert_eq(hgrm_read(pa, &hs[0], err, sizeof(err)), 0, "%s", err);
	cr_assert_eq(hgrm_read(pb, &hs[1], err, sizeof(err)), 0, "%s", err);
	cr_assert_eq(render_merged_curve(hs, 2, f), 0);
	rewind(f);
	while (fscanf(f, "%lf %lf %lf", &v, &pct, &x) == 3) {
		cr_assert(n < 6);
		cr_expect_float_eq(v, want[n][0], 1e-9);
		cr_expect_float_eq(pct, want[n][1] / 15, 1e-9, "at %g: %g", v, pct);
		if (n < 5)
			cr_expect_float_eq(x, 1 / (1 - want[n][1] / 15), 1e-4);
		else
			cr_expect_float_eq(x, 15, 1e-9);
		n++;
	}
	cr_expect_eq(n, 6);
	fclose(f);
	hgrm_free(&hs[0]);
	hgrm_free(&hs[1]);
	unlink(pa);
	unlink(pb);
}

/* ---- runs ---- */

static const char summary_fmt[] =
	"{\"schema\":\"faultstorm-summary/1\",\"scenario_id\":\"%s\",\"complete\":true,"
	"\"units\":{\"latency\":\"ns\",\"rate\":\"ops/s\"},"
	"\"threads\":[{\"thread\":\"fault-anon.0\",\"role\":\"victim\",\"op\":\"fault-anon\","
	"\"hgrm\":\"hist/fault-anon.0.hgrm\",\"count\":10,\"rate\":100,\"min\":1000,\"p50\":2000,"
	"\"p90\":4000,\"p99\":10000,\"p99.9\":10000,\"p99.99\":10000,\"max\":10000,\"mean\":3000}],"
	"\"merged\":[{\"role\":\"victim\",\"op\":\"fault-anon\",\"threads\":1,\"count\":10,"
	"\"rate\":100,\"min\":1000,\"p50\":2000,\"p90\":4000,\"p99\":10000,\"p99.9\":10000,"
	"\"p99.99\":10000,\"max\":10000,\"mean\":3000}],\"repeats\":[]}";

static void make_run(const char *dir, const char *id, const char *variant, const char *release)
{
	char p[512], buf[4096];

	cr_assert_eq(mkdir(dir, 0755), 0, "%s", dir);
	snprintf(p, sizeof(p), "%s/hist", dir);
	cr_assert_eq(mkdir(p, 0755), 0);
	snprintf(p, sizeof(p), "%s/hist/fault-anon.0.hgrm", dir);
	write_text(p, hgrm_a);
	snprintf(p, sizeof(p), "%s/summary.json", dir);
	snprintf(buf, sizeof(buf), summary_fmt, id);
	write_text(p, buf);
	snprintf(p, sizeof(p), "%s/meta.json", dir);
	snprintf(buf, sizeof(buf), "{\"scenario_id\":\"%s\",\"variant\":\"%s\",\"kernel\":"
		 "{\"release\":\"%s\"},\"machine\":{\"hostname\":\"h\",\"cpu_model\":\"c\"}}", id,
		 variant, release);
	write_text(p, buf);
}

Test(runs, load_label_and_discovery)
{
	char top[] = "/tmp/fs-unit-runs-XXXXXX", d[256], err[512];
	struct run_record r;
	struct run_group g;

	cr_assert(mkdtemp(top));
	snprintf(d, sizeof(d), "%s/suite", top);
	cr_assert_eq(mkdir(d, 0755), 0);
	snprintf(d, sizeof(d), "%s/suite/suite.json", top);
	write_text(d, "{}");
	snprintf(d, sizeof(d), "%s/suite/a", top);
	make_run(d, "populate-1M.fault-anon1", "6.1-legacy", "6.1.0-x");
	cr_assert_eq(run_record_load(d, &r, err, sizeof(err)), 0, "%s", err);
	cr_expect_str_eq(r.scenario_id, "populate-1M.fault-anon1");
	cr_expect_str_eq(r.label, "6.1-legacy 6.1.0-x");
	cr_expect_str_eq(r.threads[0].key, "fault-anon.0");
	cr_expect_float_eq(r.merged[0].v[ST_P99], 10000, 0);
	run_record_free(&r);
	/* a hidden directory is a run still being written: never read */
	snprintf(d, sizeof(d), "%s/suite/.b.tmp-1", top);
	make_run(d, "none.fault-anon1", "host", "6.18");
	snprintf(d, sizeof(d), "%s/suite/c", top);
	make_run(d, "none.fault-anon1", "host", "6.18");
	snprintf(d, sizeof(d), "%s/suite", top);
	cr_assert_eq(run_group_load(d, &g, err, sizeof(err)), 0, "%s", err);
	cr_expect_eq(g.n, 2);
	cr_expect(run_group_find(&g, "none.fault-anon1") != NULL);
	cr_expect_str_eq(run_group_find(&g, "none.fault-anon1")->label, "host 6.18");
	run_group_free(&g);
	/* summary and meta naming different scenarios: refused, both named */
	snprintf(d, sizeof(d), "%s/suite/c/meta.json", top);
	write_text(d, "{\"scenario_id\":\"other\",\"kernel\":{\"release\":\"6.18\"},"
		      "\"machine\":{}}");
	snprintf(d, sizeof(d), "%s/suite/c", top);
	cr_expect_eq(run_record_load(d, &r, err, sizeof(err)), -1);
	cr_expect(strstr(err, "meta.json: scenario_id"), "%s", err);
	snprintf(d, sizeof(d), "rm -rf %s", top);
	cr_expect_eq(system(d), 0);
}
