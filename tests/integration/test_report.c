// SPDX-License-Identifier: GPL-2.0
/* report.html opens in headless Chromium with every image loaded; a broken
 * image is caught (negative control), so the check can fail. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fs_run.h"
#include "plot_check.h"

Test(report, run_report_renders_with_no_broken_image, .timeout = 240)
{
	char run[PATH_MAX], html[PATH_MAX + 32], bad[PATH_MAX + 32], cmd[3 * PATH_MAX];
	char *out, *err;
	int images = 0;

	plot_fixture_run(run, sizeof(run), "populate", "fault-anon:1,mmap-churn:1", 2);
	cr_assert_eq(plot_compare(run, &out, &err), 0, "compare %s failed:\n%s", run, err);
	snprintf(html, sizeof(html), "%s/report.html", run);
	cr_expect(file_has(html, "<table>"), "report has no tables");
	cr_expect(file_has(html, "kernel release"), "report has no metadata");
	cr_expect(file_has(html, "Stall attribution"), "report has no attribution section");
	cr_expect_eq(chromium_broken_images(html, &images), 0, "broken images in %s", html);
	cr_expect(images >= 4, "%s: only %d images", html, images);

	/* negative control: one embedded PNG made garbage must be counted broken */
	snprintf(bad, sizeof(bad), "%s/report-broken.html", run);
	snprintf(cmd, sizeof(cmd), "sed '0,/base64,iVBOR/s//base64,AAAAAAAA/' %s > %s", html, bad);
	cr_assert_eq(system(cmd), 0);
	cr_expect_eq(chromium_broken_images(bad, &images), 1,
		     "a corrupted image was not detected in %s", bad);
	free(out);
	free(err);
}

Test(report, suite_report_links_every_run_plot, .timeout = 240)
{
	char out[PATH_MAX], suite[PATH_MAX + 16], html[PATH_MAX + 32], *o, *e, *line;
	struct fs_result r;
	FILE *f;
	int images = 0;

	/* a two-line suite as data, like bench/suites/ */
	fs_tmpdir(out, sizeof(out));
	snprintf(suite, sizeof(suite), "%s/suite", out);
	f = fopen(suite, "w");
	cr_assert(f);
	fputs("# two short scenarios for the report test\n"
	      "--aggressor none --victims fault-anon:1 --duration 300ms --warmup 100ms\n"
	      "--aggressor populate --victims fault-anon:1,mmap-churn:1 --size 64M "
	      "--duration 300ms --warmup 100ms\n", f);
	fclose(f);
	fs_run(&r, NULL, "suite %s --out %s", suite, out);
	cr_assert_eq(r.status, 0, "suite failed (%d):\n%s", r.status, r.err);
	cr_assert(r.dir[0], "suite named no results directory:\n%s", r.out);
	cr_assert_eq(plot_compare(r.dir, &o, &e), 0, "compare %s failed:\n%s", r.dir, e);
	/* the last line names the suite's page */
	line = strstr(o, "report: ");
	cr_assert(line, "%s", o);
	snprintf(html, sizeof(html), "%s/report.html", r.dir);
	cr_expect(file_has(html, "Victims at a glance"), "no overview in %s", html);
	cr_expect(file_has(html, "none.fault-anon1"), "first scenario missing");
	/* linked, not embedded: relative paths that must resolve */
	cr_expect(!file_has(html, "data:image/png"), "suite page embeds its images");
	cr_expect_eq(chromium_broken_images(html, &images), 0, "broken images in %s", html);
	cr_expect(images >= 6, "%s: only %d images", html, images);
	fs_result_free(&r);
	free(o);
	free(e);
}
