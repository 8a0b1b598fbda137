// SPDX-License-Identifier: GPL-2.0
/*
 * `faultstorm compare RUN_OR_DIR...`: with one argument, render its plots and
 * report.html; with several, pair the runs of each scenario across them (the
 * first argument is the baseline), print a table per scenario and role with
 * ratios and Mann-Whitney significance over the per-repeat values, and write
 * compare.tsv, overlay plots and report.html into --out.
 */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "compare.h"
#include "error.h"
#include "report.h"
#include "render.h"
#include "run_read.h"
#include "stats.h"

/* the columns of a comparison, in table order */
static const enum stat_col cmp_cols[] = { ST_P50, ST_P99, ST_P999, ST_MAX, ST_RATE };
#define NCMP (sizeof(cmp_cols) / sizeof(cmp_cols[0]))

#define BOOT_ITERS 10000
#define BOOT_SEED 0x5eedfa17u

struct cell {
	double value;		/* over all repeats (the summary's merged row) */
	double ratio;		/* value / baseline value; NaN if the baseline is 0 */
	size_t n, nbase;	/* repeats on each side */
	bool tested;		/* both sides have >= 2 repeats */
	struct mwu_result mwu;
	bool have_ci;
	double ci_lo, ci_hi;	/* bootstrap 95% CI of the ratio of per-repeat medians */
};

struct opts {
	const char *out;
	const char *plot_dir;
	bool no_plots;
	bool any_scenario;
};

static void usage(FILE *f)
{
	fputs("usage: faultstorm compare [options] RUN_OR_DIR...\n"
	      "  One argument (a run, a suite or a results directory): render its plots into\n"
	      "  <run>/plots/ and write <run>/report.html (and <suite>/report.html).\n"
	      "  Several: compare the runs of each scenario found under every argument with\n"
	      "  those of the first (the baseline): p50, p99, p99.9, max and rate of each\n"
	      "  role and op, the ratio to the baseline and a significance mark from a\n"
	      "  two-sided Mann-Whitney U test over per-repeat values (run with --repeat 5 or\n"
	      "  more: with 3 vs 3 repeats no difference can reach p < 0.05).\n"
	      "options:\n"
	      "  --out DIR          where a comparison goes (default results/compare/<UTC time>)\n"
	      "  --no-plots         tables and report only, no gnuplot\n"
	      "  --plot-dir DIR     the gnuplot scripts (default: plot/ next to the binary)\n"
	      "  --any-scenario     pair single runs even when their scenario ids differ\n"
	      "  --help             this text\n"
	      "marks: ** p < 0.01, * p < 0.05, ns not significant, n/a (1 run) when a side\n"
	      "has fewer than two repeats\n", f);
}

static int mkdir_p(const char *path)
{
	char buf[PATH_MAX];

	snprintf(buf, sizeof(buf), "%s", path);
	for (char *p = buf + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = 0;
		if (mkdir(buf, 0755) && errno != EEXIST)
			return -1;
		*p = '/';
	}
	return mkdir(buf, 0755) && errno != EEXIST ? -1 : 0;
}

/* per-repeat values of one stat of (role, op); returns how many */
static size_t repeat_values(const struct run_record *r, const char *role, const char *op, int col,
			    double *out)
{
	size_t n = 0;

	for (size_t i = 0; i < r->nrepeats; i++) {
		const struct stat_row *s = repeat_merged(&r->repeats[i], role, op);

		/* a repeat that measured nothing says nothing about latency, but
		 * its rate (0: the thread was blocked throughout) is a result */
		if (s && (s->v[ST_COUNT] > 0 || col == ST_RATE || col == ST_COUNT))
			out[n++] = s->v[col];
	}
	return n;
}

static void make_cell(const struct run_record *base, const struct run_record *r, const struct stat_row *bs,
		      const struct stat_row *s, int col, struct cell *c)
{
	double *a = calloc(base->nrepeats + 1, sizeof(double));
	double *b = calloc(r->nrepeats + 1, sizeof(double));

	memset(c, 0, sizeof(*c));
	c->value = s->v[col];
	/* an op only the other run has (its aggressor, say) has no baseline */
	c->ratio = bs && bs->v[col] > 0 ? s->v[col] / bs->v[col] : NAN;
	if (!a || !b || !bs)
		goto out;
	c->nbase = repeat_values(base, bs->role, bs->op, col, a);
	c->n = repeat_values(r, s->role, s->op, col, b);
	if (c->nbase >= 2 && c->n >= 2 && stats_mwu(a, c->nbase, b, c->n, &c->mwu) == 0) {
		c->tested = true;
		c->have_ci = stats_bootstrap_ratio(a, c->nbase, b, c->n, BOOT_ITERS, BOOT_SEED, 0.95,
						   &c->ci_lo, &c->ci_hi) == 0;
	}
out:
	free(a);
	free(b);
}

static void fmt_value(char *buf, size_t len, int col, double v)
{
	if (col == ST_RATE)
		snprintf(buf, len, "%.4g/s", v);
	else
		fmt_latency(buf, len, v);
}

static const char *mark(const struct cell *c)
{
	return c->tested ? stats_mark(c->mwu.p) : "n/a (1 run)";
}

/* The smallest two-sided exact Mann-Whitney p for na vs nb untied values:
 * the two most extreme of C(na+nb, na) equally likely splits. */
static double min_exact_p(size_t na, size_t nb)
{
	double c = 1;

	for (size_t i = 1; i <= na; i++)
		c = c * (double)(nb + i) / (double)i;
	return fmin(1.0, 2.0 / c);
}

/* ---- one scenario across runs ---- */

struct scen {
	const char *id;
	const struct run_record **runs;	/* one per group; NULL where missing */
};

/* printf's %-*s counts bytes; "µs" is two bytes but one column */
static void pad(FILE *f, const char *s, int width)
{
	int cols = 0;

	for (const char *p = s; *p; p++)
		cols += ((unsigned char)*p & 0xc0) != 0x80;
	fputs(s, f);
	for (; cols < width; cols++)
		fputc(' ', f);
}

static void print_table(FILE *f, const struct scen *sc, size_t ng, const char *role,
			const char *op, bool *underpowered)
{
	const struct run_record *base = sc->runs[0];
	const struct stat_row *bs = run_merged(base, role, op);

	fprintf(f, "  %s %s\n", role, op);
	fprintf(f, "    %-42s", "run");
	for (size_t k = 0; k < NCMP; k++)
		fprintf(f, " %-30s", stat_keys[cmp_cols[k]]);
	fputc('\n', f);
	for (size_t g = 0; g < ng; g++) {
		const struct run_record *r = sc->runs[g];
		const struct stat_row *s = r ? run_merged(r, role, op) : NULL;
		char lab[64];

		snprintf(lab, sizeof(lab), "%.32s%s (%zux)", r ? r->label : "-", g ? "" : " base",
			 r ? r->nrepeats : 0);
		fprintf(f, "    %-42s", lab);
		if (!s) {
			fputs(" (not in this run)\n", f);
			continue;
		}
		for (size_t k = 0; k < NCMP; k++) {
			struct cell c;
			char v[32], cellbuf[64];

			make_cell(base, r, bs, s, cmp_cols[k], &c);
			fmt_value(v, sizeof(v), cmp_cols[k], c.value);
			if (!g)
				snprintf(cellbuf, sizeof(cellbuf), "%s", v);
			else if (!bs)
				snprintf(cellbuf, sizeof(cellbuf), "%s (no baseline)", v);
			else if (isnan(c.ratio))
				snprintf(cellbuf, sizeof(cellbuf), "%s x? %s", v, mark(&c));
			else
				snprintf(cellbuf, sizeof(cellbuf), "%s x%.3g %s", v, c.ratio, mark(&c));
			/* too few repeats for any mark, ties or not: 2/C(na+nb, na) */
			if (g && c.tested && c.mwu.exact && min_exact_p(c.nbase, c.n) >= 0.05)
				*underpowered = true;
			fputc(' ', f);
			pad(f, cellbuf, 30);
		}
		fputc('\n', f);
	}
}

static void tsv_rows(FILE *f, const struct scen *sc, size_t ng, const char *role, const char *op)
{
	const struct run_record *base = sc->runs[0];
	const struct stat_row *bs = run_merged(base, role, op);

	for (size_t g = 0; g < ng; g++) {
		const struct run_record *r = sc->runs[g];
		const struct stat_row *s = r ? run_merged(r, role, op) : NULL;

		if (!s)
			continue;
		for (size_t k = 0; k < NCMP; k++) {
			struct cell c;

			make_cell(base, r, bs, s, cmp_cols[k], &c);
			fprintf(f, "%s\t%s\t%s\t%zu\t%s\t%s\t%s\t%.6g\t%.6g\t%zu\t%zu\t", sc->id, role,
				op, g, r->label, r->dir, stat_keys[cmp_cols[k]], c.value, c.ratio,
				c.nbase, c.n);
			if (g && c.tested)
				fprintf(f, "%.6g\t%.6g\t%s\t%s\t", c.mwu.u, c.mwu.p,
					c.mwu.exact ? "exact" : "normal", stats_mark(c.mwu.p));
			else
				fprintf(f, "-\t-\t-\t%s\t", !g ? "baseline" : !bs ? "no baseline" :
					"n/a (1 run)");
			if (g && c.have_ci)
				fprintf(f, "%.6g\t%.6g\n", c.ci_lo, c.ci_hi);
			else
				fputs("-\t-\n", f);
		}
	}
}

static void html_table(FILE *f, const struct scen *sc, size_t ng, const char *role,
		       const char *op)
{
	const struct run_record *base = sc->runs[0];
	const struct stat_row *bs = run_merged(base, role, op);

	fputs("<h3>", f);
	html_esc(f, role);
	fputs(" ", f);
	html_esc(f, op);
	fputs("</h3>\n<table><tr><th class=\"l\">run</th><th>repeats</th>", f);
	for (size_t k = 0; k < NCMP; k++)
		fprintf(f, "<th>%s</th><th>ratio</th><th>mark</th>", stat_keys[cmp_cols[k]]);
	fputs("</tr>\n", f);
	for (size_t g = 0; g < ng; g++) {
		const struct run_record *r = sc->runs[g];
		const struct stat_row *s = r ? run_merged(r, role, op) : NULL;

		if (!s)
			continue;
		fputs("<tr><td class=\"l\">", f);
		html_esc(f, r->label);
		fprintf(f, "%s</td><td>%zu</td>", g ? "" : " (baseline)", r->nrepeats);
		for (size_t k = 0; k < NCMP; k++) {
			struct cell c;
			char v[32];

			make_cell(base, r, bs, s, cmp_cols[k], &c);
			fmt_value(v, sizeof(v), cmp_cols[k], c.value);
			fprintf(f, "<td>%s</td>", v);
			if (!g) {
				fputs("<td>1</td><td></td>", f);
				continue;
			}
			if (!bs) {
				fputs("<td>-</td><td class=\"ns\">not in baseline</td>", f);
				continue;
			}
			if (isnan(c.ratio))
				fputs("<td>?</td>", f);
			else if (c.have_ci)
				fprintf(f, "<td title=\"bootstrap 95%% CI of the ratio of per-repeat "
					"medians\">×%.3g<br><small>[%.3g, %.3g]</small></td>", c.ratio,
					c.ci_lo, c.ci_hi);
			else
				fprintf(f, "<td>×%.3g</td>", c.ratio);
			if (c.tested)
				fprintf(f, "<td class=\"%s\" title=\"Mann-Whitney U = %g, %s\">%s<br>"
					"<small>p=%.3g</small></td>",
					c.mwu.p < 0.05 ? "sig" : "ns", c.mwu.u,
					c.mwu.exact ? "exact" : "normal approximation",
					stats_mark(c.mwu.p), c.mwu.p);
			else
				fputs("<td class=\"ns\">n/a (1 run)</td>", f);
		}
		fputs("</tr>\n", f);
	}
	fputs("</table>\n", f);
}

/* the (role, op) pairs of a scenario: the baseline's, then any others' */
struct pair {
	const char *role, *op;
};

static size_t scen_pairs(const struct scen *sc, size_t ng, struct pair *out, size_t max)
{
	size_t n = 0;

	for (size_t g = 0; g < ng; g++) {
		const struct run_record *r = sc->runs[g];

		for (size_t i = 0; r && i < r->nmerged && n < max; i++) {
			size_t j;

			for (j = 0; j < n; j++)
				if (!strcmp(out[j].role, r->merged[i].role) &&
				    !strcmp(out[j].op, r->merged[i].op))
					break;
			if (j == n)
				out[n++] = (struct pair){ r->merged[i].role, r->merged[i].op };
		}
	}
	/* victims first: they are what the reader came for */
	for (size_t i = 1; i < n; i++)
		for (size_t j = i; j > 0 && strcmp(out[j].role, "victim") == 0 &&
				   strcmp(out[j - 1].role, "victim") != 0; j--) {
			struct pair t = out[j];

			out[j] = out[j - 1];
			out[j - 1] = t;
		}
	return n;
}

/* Overlay of (role, op) across the runs of a scenario: returns 0 and the png
 * path in png, 1 if nothing to draw, -1 on error. */
static int overlay(const struct scen *sc, size_t ng, size_t si, const struct pair *p,
		   const char *out, const char *plot_dir, char *png, size_t pnglen, char *err,
		   size_t len)
{
	char data[PATH_MAX + 16], vars[PATH_MAX + 160], log[PATH_MAX + 32], base[PATH_MAX + 160];
	char files[4096] = "", colors[1024] = "";
	uint64_t maxtotal = 10;
	double maxval = 1;
	unsigned nr = 0;
	FILE *f;

	snprintf(data, sizeof(data), "%s/plots/data", out);
	if (mkdir_p(data))
		return fs_errf(err, len, "mkdir %s: %s", data, strerror(errno));
	snprintf(vars, sizeof(vars), "%s/s%zu-%s-%s.gp", data, si, p->role, p->op);
	snprintf(log, sizeof(log), "%s/plots/gnuplot.log", out);
	snprintf(base, sizeof(base), "%s/plots/s%zu-%s-%s", out, si, p->role, p->op);
	f = fopen(vars, "w");
	if (!f)
		return fs_errf(err, len, "%s: %s", vars, strerror(errno));
	fprintf(f, "array titles[%zu]\n", ng);
	for (size_t g = 0; g < ng; g++) {
		const struct run_record *r = sc->runs[g];
		struct hgrm *hs;
		char name[64], path[PATH_MAX + 96], t[256];
		int n;
		FILE *cf;

		if (!r || !run_merged(r, p->role, p->op))
			continue;
		n = render_load_role(r, p->role, p->op, &hs, err, len);
		if (n < 0) {
			fclose(f);
			return -1;
		}
		snprintf(name, sizeof(name), "s%zu-%s-%s-run%zu.tsv", si, p->role, p->op, g);
		snprintf(path, sizeof(path), "%s/%s", data, name);
		cf = fopen(path, "w");
		if (!cf || render_merged_curve(hs, (size_t)n, cf) || fclose(cf)) {
			fs_errf(err, len, "%s: cannot write", path);
			for (int k = 0; k < n; k++)
				hgrm_free(&hs[k]);
			free(hs);
			fclose(f);
			return -1;
		}
		uint64_t samples = 0;

		for (int k = 0; k < n; k++) {
			samples += hs[k].total;
			if (hs[k].total > maxtotal)
				maxtotal = hs[k].total;
			if (hs[k].n && hs[k].rows[hs[k].n - 1].value_us > maxval)
				maxval = hs[k].rows[hs[k].n - 1].value_us;
			hgrm_free(&hs[k]);
		}
		free(hs);
		/* a run whose op never completed in the measured phase (a long
		 * populate on a slow guest) has no curve: leave it out rather
		 * than hand gnuplot an empty file */
		if (!n || !samples)
			continue;
		nr++;
		snprintf(files + strlen(files), sizeof(files) - strlen(files), "%s%s", nr > 1 ? " " : "",
			 name);
		snprintf(colors + strlen(colors), sizeof(colors) - strlen(colors), "%s%s",
			 nr > 1 ? " " : "", render_run_color((unsigned)g));
		snprintf(t, sizeof(t), "%s%s%s, %zu repeat%s, %s%s%s", r->label,
			 g ? "" : " (baseline)", *r->virt ? ", virtualized" : "", r->nrepeats,
			 r->nrepeats == 1 ? "" : "s", r->hostname,
			 strcmp(r->scenario_id, sc->id) ? ": " : "",
			 strcmp(r->scenario_id, sc->id) ? r->scenario_id : "");
		fprintf(f, "titles[%u] = ", nr);
		gp_str(f, t);
		fputc('\n', f);
	}
	if (!nr) {
		fclose(f);
		return 1;
	}
	{
		char tm[512], ts[1024];

		fprintf(f, "nruns = %u\nplotdir = ", nr);
		gp_str(f, plot_dir);
		fprintf(f, "\ndatadir = ");
		gp_str(f, data);
		fprintf(f, "\noutbase = ");
		gp_str(f, base);
		fprintf(f, "\nfiles = ");
		gp_str(f, files);
		fprintf(f, "\ncolors = ");
		gp_str(f, colors);
		snprintf(tm, sizeof(tm), "%s: %s %s, merged over its threads", sc->id, p->role, p->op);
		/* the machines, once each: guests and the host differ */
		snprintf(ts, sizeof(ts), "one line per kernel/run; machines:");
		for (size_t g = 0; g < ng; g++) {
			const struct run_record *r = sc->runs[g];
			bool seen = false;

			for (size_t h = 0; r && h < g; h++)
				seen |= sc->runs[h] && !strcmp(sc->runs[h]->hostname, r->hostname) &&
					!strcmp(sc->runs[h]->cpu_model, r->cpu_model);
			if (r && !seen)
				snprintf(ts + strlen(ts), sizeof(ts) - strlen(ts), "%s %s (%s)",
					 g ? "," : "", r->hostname, r->cpu_model);
		}
		fprintf(f, "\ntitle_main = ");
		gp_str(f, tm);
		fprintf(f, "\ntitle_sub = ");
		gp_str(f, ts);
		fprintf(f, "\npct_xmax = %g\n", pow(10, ceil(log10((double)maxtotal * 1.01))));
		/* free decades above the highest line for the key: a key row
		 * is about a third of a decade at this size */
		fprintf(f, "pct_ymax = %g\n",
			pow(10, ceil(log10(maxval * 1.01)) + (nr > 2 ? 2 : 1)));
	}
	if (fclose(f))
		return fs_errf(err, len, "%s: write error", vars);
	if (render_gnuplot(plot_dir, "overlay.gp", vars, log, err, len))
		return -1;
	snprintf(png, pnglen, "%s.png", base);
	return 0;
}

/* Is prog an executable somewhere on $PATH?  Asked before any work so a
 * machine without gnuplot gets one clear message and the no-resource code. */
static bool in_path(const char *prog)
{
	const char *path = getenv("PATH");
	char buf[PATH_MAX];

	for (const char *p = path ? path : "/usr/bin:/bin"; *p;) {
		size_t n = strcspn(p, ":");

		snprintf(buf, sizeof(buf), "%.*s/%s", (int)n, n ? p : ".", prog);
		if (access(buf, X_OK) == 0)
			return true;
		p += n + (p[n] == ':');
	}
	return false;
}

static void need_gnuplot(const struct opts *o)
{
	if (!o->no_plots && !in_path("gnuplot"))
		fs_die(FS_EXIT_NO_RESOURCE, "gnuplot is not installed: install gnuplot-nox "
		       "(make deps), or give --no-plots for tables and report only");
}

static int render_one(const char *arg, const struct opts *o)
{
	struct run_group g;
	char err[1024];
	const char *plot_dir = o->plot_dir ? o->plot_dir : render_plot_dir();

	if (run_group_load(arg, &g, err, sizeof(err)))
		fs_die(FS_EXIT_USAGE, "%s", err);
	need_gnuplot(o);
	if (!o->no_plots && !plot_dir)
		fs_die(FS_EXIT_NO_RESOURCE, "cannot find the gnuplot scripts (plot/common.gp); "
		       "give --plot-dir or set FAULTSTORM_PLOT_DIR");
	for (size_t i = 0; i < g.n; i++) {
		const struct run_record *r = &g.runs[i];

		int rc = o->no_plots ? 0 : render_run(r, plot_dir, err, sizeof(err));

		if (rc)
			fs_die(rc == -2 ? FS_EXIT_USAGE : FS_EXIT_FAIL, "%s", err);
		if (report_run(r, err, sizeof(err)))
			fs_die(FS_EXIT_FAIL, "%s", err);
		if (g.n > 1)
			fs_info("report: %s/report.html", r->dir);
	}
	if (g.n > 1 || !is_run_dir(arg)) {
		if (report_group(&g, arg, err, sizeof(err)))
			fs_die(FS_EXIT_FAIL, "%s", err);
		fs_info("report: %s/report.html", arg);
	} else {
		fs_info("report: %s/report.html", g.runs[0].dir);
	}
	run_group_free(&g);
	return FS_EXIT_OK;
}

static void html_compare_head(FILE *f, struct run_group *gs, size_t ng)
{
	fputs("<h1>faultstorm compare</h1>\n<table><tr><th class=\"l\">#</th><th class=\"l\">run"
	      "</th><th class=\"l\">kernel release</th><th class=\"l\">variant</th><th class=\"l\">"
	      "virtualized</th><th class=\"l\">host</th><th class=\"l\">CPU</th><th class=\"l\">"
	      "argument</th><th>runs found</th></tr>\n", f);
	for (size_t g = 0; g < ng; g++) {
		const struct run_record *r = &gs[g].runs[0];

		fprintf(f, "<tr><td class=\"l\">%zu%s</td><td class=\"l\">", g,
			g ? "" : " (baseline)");
		html_esc(f, r->label);
		fputs("</td><td class=\"l\">", f);
		html_esc(f, r->release);
		fputs("</td><td class=\"l\">", f);
		html_esc(f, r->variant);
		fputs("</td><td class=\"l\">", f);
		html_esc(f, *r->virt ? r->virt : "no");
		fputs("</td><td class=\"l\">", f);
		html_esc(f, r->hostname);
		fputs("</td><td class=\"l\">", f);
		html_esc(f, r->cpu_model);
		fputs("</td><td class=\"l\">", f);
		html_esc(f, gs[g].arg);
		fprintf(f, "</td><td>%zu</td></tr>\n", gs[g].n);
	}
	fputs("</table>\n<p class=\"note\">Each ratio is the run's value over the baseline's "
	      "(values over all repeats). The mark tests whether the per-repeat values of the run "
	      "and of the baseline differ: two-sided Mann-Whitney U, exact (every split of the "
	      "midranks counted) up to 64 repeats in all, else the normal approximation with tie "
	      "correction; <b>**</b> p&lt;0.01, <b>*</b> p&lt;0.05, ns not significant, "
	      "n/a (1 run) when a side has fewer than two repeats. Under a ratio, the bootstrap "
	      "95% confidence interval of the ratio of per-repeat medians (10000 resamples, fixed "
	      "seed). With 3 against 3 repeats the smallest possible p is 0.1: run with --repeat 5 "
	      "or more for a mark.</p>\n", f);
}

static int compare_runs(int nargs, char **args, const struct opts *o)
{
	size_t ng = (size_t)nargs, nsc = 0;
	struct run_group *gs = calloc(ng, sizeof(*gs));
	struct scen *scs;
	char err[1024], out[PATH_MAX], path[PATH_MAX + 32];
	const char *plot_dir = o->plot_dir ? o->plot_dir : render_plot_dir();
	bool underpowered = false;
	FILE *tsv, *html;

	if (!gs)
		fs_die(FS_EXIT_FAIL, "out of memory");
	for (size_t g = 0; g < ng; g++)
		if (run_group_load(args[g], &gs[g], err, sizeof(err)))
			fs_die(FS_EXIT_USAGE, "%s", err);
	need_gnuplot(o);
	if (!o->no_plots && !plot_dir)
		fs_die(FS_EXIT_NO_RESOURCE, "cannot find the gnuplot scripts (plot/common.gp); "
		       "give --plot-dir or set FAULTSTORM_PLOT_DIR, or use --no-plots");

	/* pair scenarios by id; the baseline decides which are compared */
	scs = calloc(gs[0].n, sizeof(*scs));
	if (!scs)
		fs_die(FS_EXIT_FAIL, "out of memory");
	for (size_t i = 0; i < gs[0].n; i++) {
		struct scen sc = { gs[0].runs[i].scenario_id, calloc(ng, sizeof(struct run_record *)) };
		size_t found = 0;

		if (!sc.runs)
			fs_die(FS_EXIT_FAIL, "out of memory");
		sc.runs[0] = &gs[0].runs[i];
		for (size_t g = 1; g < ng; g++) {
			sc.runs[g] = run_group_find(&gs[g], sc.id);
			if (!sc.runs[g] && o->any_scenario && gs[0].n == 1 && gs[g].n == 1)
				sc.runs[g] = &gs[g].runs[0];
			found += sc.runs[g] != NULL;
		}
		if (found)
			scs[nsc++] = sc;
		else
			free(sc.runs);
	}
	if (!nsc) {
		fprintf(stderr, "faultstorm: error: no scenario in common between the baseline %s "
			"and the other arguments:\n", args[0]);
		for (size_t g = 0; g < ng; g++) {
			fprintf(stderr, "  %s:", args[g]);
			for (size_t i = 0; i < gs[g].n && i < 8; i++)
				fprintf(stderr, " %s", gs[g].runs[i].scenario_id);
			fputc('\n', stderr);
		}
		fprintf(stderr, "  (the scenario_id in summary.json must match; --any-scenario "
			"pairs two single runs anyway)\n");
		exit(FS_EXIT_USAGE);
	}
	/* runs with one label would be indistinguishable in tables and legends */
	for (size_t g = 1; g < ng; g++)
		for (size_t i = 0; i < gs[g].n; i++)
			for (size_t h = 0; h < g; h++)
				if (gs[h].n && !strcmp(gs[g].runs[i].label, gs[h].runs[0].label)) {
					char t[sizeof(gs[g].runs[i].label)];

					snprintf(t, sizeof(t), "%.140s #%zu", gs[g].runs[i].label, g);
					strcpy(gs[g].runs[i].label, t);
					break;
				}

	if (o->out) {
		snprintf(out, sizeof(out), "%s", o->out);
	} else {
		time_t now = time(NULL);
		struct tm tm;

		gmtime_r(&now, &tm);
		strftime(out, sizeof(out), "results/compare/%Y%m%dT%H%M%SZ", &tm);
	}
	if (mkdir_p(out))
		fs_die(FS_EXIT_FAIL, "cannot create %s: %s (choose another --out)", out,
		       strerror(errno));
	snprintf(path, sizeof(path), "%s/compare.tsv", out);
	tsv = fopen(path, "w");
	snprintf(path, sizeof(path), "%s/report.html", out);
	html = fopen(path, "w");
	if (!tsv || !html)
		fs_die(FS_EXIT_FAIL, "cannot write into %s: %s", out, strerror(errno));
	fprintf(tsv, "# scenario\trole\top\trun\tlabel\tdir\tstat\tvalue\tratio\tn_base\tn_run\t"
		"mwu_u\tmwu_p\tmethod\tmark\tci95_lo\tci95_hi\n");
	html_begin(html, "faultstorm compare");
	html_compare_head(html, gs, ng);

	fputs("baseline:", stdout);
	printf(" %s (%s)\n", gs[0].runs[0].label, args[0]);
	for (size_t s = 0; s < nsc; s++) {
		struct pair pairs[32];
		size_t np = scen_pairs(&scs[s], ng, pairs, 32);

		printf("\nscenario %s\n", scs[s].id);
		fputs("<h2>", html);
		html_esc(html, scs[s].id);
		fputs("</h2>\n", html);
		for (size_t g = 1; g < ng; g++)
			if (scs[s].runs[g] && strcmp(scs[s].runs[g]->scenario_id, scs[s].id)) {
				printf("  (paired by --any-scenario with %s)\n",
				       scs[s].runs[g]->scenario_id);
				fputs("<p class=\"warn\">Paired by --any-scenario with ", html);
				html_esc(html, scs[s].runs[g]->scenario_id);
				fputs("</p>\n", html);
			}
		for (size_t k = 0; k < np; k++) {
			char png[PATH_MAX + 200];

			print_table(stdout, &scs[s], ng, pairs[k].role, pairs[k].op, &underpowered);
			tsv_rows(tsv, &scs[s], ng, pairs[k].role, pairs[k].op);
			html_table(html, &scs[s], ng, pairs[k].role, pairs[k].op);
			if (o->no_plots)
				continue;
			int rc = overlay(&scs[s], ng, s, &pairs[k], out, plot_dir, png, sizeof(png),
					 err, sizeof(err));
			if (rc < 0)
				fs_die(FS_EXIT_FAIL, "%s", err);
			if (rc == 0) {
				char svg[PATH_MAX + 160];
				const char *b = strrchr(png, '/');

				snprintf(svg, sizeof(svg), "plots/%.*s.svg", (int)strlen(b + 1) - 4, b + 1);
				html_plot(html, png, svg, "percentile distributions per run");
			}
		}
		/* what the stalls waited behind, run by run, folded away */
		for (size_t g = 0; g < ng; g++) {
			const struct run_record *r = scs[s].runs[g];

			if (!r)
				continue;
			fputs("<details><summary>stall attribution and run directory: ", html);
			html_esc(html, r->label);
			fputs("</summary>\n<p class=\"note\">", html);
			html_esc(html, r->dir);
			fputs("</p>\n", html);
			html_attribution(html, r);
			fputs("</details>\n", html);
		}
	}
	for (size_t g = 1; g < ng; g++)
		for (size_t i = 0; i < gs[g].n; i++) {
			bool used = false;

			for (size_t s = 0; s < nsc; s++)
				used |= scs[s].runs[g] == &gs[g].runs[i];
			if (!used)
				printf("\nnot in the baseline, not compared: %s in %s\n",
				       gs[g].runs[i].scenario_id, args[g]);
		}
	if (underpowered)
		printf("\nnote: with these repeat counts no difference can reach p < 0.05 "
		       "(Mann-Whitney U, exact); run with --repeat 5 or more\n");
	printf("\nmarks: ** p<0.01, * p<0.05, ns not significant (two-sided Mann-Whitney U over "
	       "per-repeat values)\n");
	html_end(html);
	if (fclose(html) || fclose(tsv))
		fs_die(FS_EXIT_FAIL, "write error in %s", out);
	fs_info("report: %s/report.html", out);
	for (size_t s = 0; s < nsc; s++)
		free(scs[s].runs);
	free(scs);
	for (size_t g = 0; g < ng; g++)
		run_group_free(&gs[g]);
	free(gs);
	return FS_EXIT_OK;
}

static bool on_path(const char *prog)
{
	const char *path = getenv("PATH");
	char dir[PATH_MAX];

	for (const char *p = path ? path : "/usr/bin:/bin"; *p;) {
		size_t n = strcspn(p, ":");

		snprintf(dir, sizeof(dir), "%.*s/%s", (int)(n ? n : 1), n ? p : ".", prog);
		if (!access(dir, X_OK))
			return true;
		p += n + (p[n] == ':');
	}
	return false;
}

int compare_main(int argc, char **argv)
{
	enum { OPT_OUT = 1, OPT_NO_PLOTS, OPT_PLOT_DIR, OPT_ANY, OPT_HELP };
	static const struct option longopts[] = {
		{ "out", required_argument, NULL, OPT_OUT },
		{ "no-plots", no_argument, NULL, OPT_NO_PLOTS },
		{ "plot-dir", required_argument, NULL, OPT_PLOT_DIR },
		{ "any-scenario", no_argument, NULL, OPT_ANY },
		{ "help", no_argument, NULL, OPT_HELP },
		{ NULL, 0, NULL, 0 },
	};
	struct opts o = { 0 };
	int c;

	optind = 1;
	opterr = 0;
	/* options may follow the runs (GNU argument permutation) */
	while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (c) {
		case OPT_OUT: o.out = optarg; break;
		case OPT_NO_PLOTS: o.no_plots = true; break;
		case OPT_PLOT_DIR: o.plot_dir = optarg; break;
		case OPT_ANY: o.any_scenario = true; break;
		case OPT_HELP: usage(stdout); return FS_EXIT_OK;
		default:
			fprintf(stderr, "faultstorm: error: compare: unknown option %s; valid: --out, "
				"--no-plots, --plot-dir, --any-scenario, --help\n", argv[optind - 1]);
			usage(stderr);
			return FS_EXIT_USAGE;
		}
	}
	if (optind >= argc) {
		usage(stderr);
		return FS_EXIT_USAGE;
	}
	/* a missing program is a missing resource (exit 3), said before any work */
	if (!o.no_plots && !on_path("gnuplot"))
		fs_die(FS_EXIT_NO_RESOURCE, "gnuplot is not on PATH: install gnuplot-nox (make deps), "
		       "or give --no-plots");
	if (argc - optind == 1)
		return render_one(argv[optind], &o);
	return compare_runs(argc - optind, argv + optind, &o);
}
