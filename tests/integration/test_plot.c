// SPDX-License-Identifier: GPL-2.0
/* The gnuplot scripts on a run the real binary just made: every plot is a
 * valid PNG and SVG, titled with the scenario, kernel and machine; broken
 * input is refused with the file named, never drawn. */
#include <criterion/criterion.h>
#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fs_run.h"
#include "plot_check.h"

static void expect_plot(const char *run, const char *name, unsigned want_w)
{
	char png[PATH_MAX + 64], svg[PATH_MAX + 64], why[PATH_MAX + 128];
	unsigned w = 0, h = 0;

	snprintf(png, sizeof(png), "%s/plots/%s.png", run, name);
	snprintf(svg, sizeof(svg), "%s/plots/%s.svg", run, name);
	cr_expect(png_valid(png, &w, &h, why, sizeof(why)), "%s", why);
	cr_expect_eq(w, want_w, "%s: %u px wide, want %u", png, w, want_w);
	cr_expect(h >= 300, "%s: only %u px high", png, h);
	cr_expect(svg_valid(svg, why, sizeof(why)), "%s", why);
}

Test(plot, renders_every_plot_of_a_real_run, .timeout = 180)
{
	char run[PATH_MAX], svg[PATH_MAX + 64], *out, *err;
	struct utsname u;
	json_t *sum;
	const char *id;
	glob_t g;

	plot_fixture_run(run, sizeof(run), "populate", "fault-anon:1,mmap-churn:1", 2);
	cr_assert_eq(plot_compare(run, &out, &err), 0, "compare %s failed:\n%s", run, err);
	cr_expect(strstr(out, "report.html"), "no report path printed:\n%s", out);
	expect_plot(run, "percentiles", 1200);
	expect_plot(run, "histogram", 1200);
	expect_plot(run, "timeline", 1400);
	expect_plot(run, "timeline-zoom", 1400);

	/* titles: scenario, kernel release and machine, in the text itself */
	snprintf(svg, sizeof(svg), "%s/summary.json", run);
	sum = json_load_file(svg, 0, NULL);
	cr_assert(sum);
	id = json_string_value(json_object_get(sum, "scenario_id"));
	cr_assert(id);
	cr_assert_eq(uname(&u), 0);
	snprintf(svg, sizeof(svg), "%s/plots/timeline.svg", run);
	cr_expect(file_has(svg, id), "timeline title lacks the scenario %s", id);
	cr_expect(file_has(svg, u.release), "timeline title lacks the kernel %s", u.release);
	cr_expect(file_has(svg, "victim operation latency"), "timeline y axis unlabelled");
	cr_expect(file_has(svg, "aggressor mmap-populate"), "timeline has no aggressor band key");
	snprintf(svg, sizeof(svg), "%s/plots/percentiles.svg", run);
	cr_expect(file_has(svg, "99.9%"), "percentile axis lacks its 99.9%% label");
	cr_expect(file_has(svg, "fault-anon.0 (victim)"), "no per-thread line in the key");

	/* when the run traced mmap_lock, its wait/hold plot must be there */
	snprintf(svg, sizeof(svg), "%s/hist/*.lock-*.hgrm", run);
	if (glob(svg, 0, NULL, &g) == 0) {
		expect_plot(run, "lock", 1200);
		globfree(&g);
	}
	json_decref(sum);
	free(out);
	free(err);
}

Test(plot, baseline_without_aggressor_or_outliers, .timeout = 120)
{
	char run[PATH_MAX], *out, *err;

	/* no aggressor: no bands, maybe no outliers; the plots still render */
	plot_fixture_run(run, sizeof(run), "none", "fault-anon:1", 1);
	cr_assert_eq(plot_compare(run, &out, &err), 0, "compare %s failed:\n%s", run, err);
	expect_plot(run, "percentiles", 1200);
	expect_plot(run, "histogram", 1200);
	free(out);
	free(err);
}

/* negative control: a truncated histogram must stop the plot, naming it */
Test(plot, refuses_a_truncated_histogram, .timeout = 120)
{
	char run[PATH_MAX], hg[PATH_MAX + 64], cmd[2 * PATH_MAX], *out, *err;

	plot_fixture_run(run, sizeof(run), "populate", "fault-anon:1", 1);
	snprintf(hg, sizeof(hg), "%s/hist/fault-anon.0.hgrm", run);
	/* drop the footer lines: a file cut short by a full disk */
	snprintf(cmd, sizeof(cmd), "sed -i '/^#\\[/d' %s", hg);
	cr_assert_eq(system(cmd), 0);
	cr_expect_eq(plot_compare(run, &out, &err), 2, "a truncated .hgrm was accepted:\n%s", err);
	cr_expect(strstr(err, "fault-anon.0.hgrm"), "error does not name the file:\n%s", err);
	cr_expect(strstr(err, "footer"), "error does not say what is missing:\n%s", err);
	snprintf(hg, sizeof(hg), "%s/plots/percentiles.png", run);
	cr_expect(access(hg, F_OK) != 0, "a plot was drawn from a broken file");
	free(out);
	free(err);
}

/* no gnuplot on the machine: one clear message and the no-resource code */
Test(plot, without_gnuplot_says_so, .timeout = 120)
{
	char run[PATH_MAX], cmd[2 * PATH_MAX];
	const char *bin = getenv("FAULTSTORM");
	int st;

	plot_fixture_run(run, sizeof(run), "none", "fault-anon:1", 1);
	snprintf(cmd, sizeof(cmd), "bash -c 'PATH=/nonexistent %s compare %s 2>/tmp/fs-nognu.%d; "
		 "rc=$?; /bin/grep -q gnuplot-nox /tmp/fs-nognu.%d || rc=99; /bin/rm -f "
		 "/tmp/fs-nognu.%d; exit $rc'", bin, run, (int)getpid(), (int)getpid(),
		 (int)getpid());
	st = system(cmd);
	cr_expect(WIFEXITED(st) && WEXITSTATUS(st) == 3, "exit %d, want 3 with a message",
		  WIFEXITED(st) ? WEXITSTATUS(st) : -1);
}
