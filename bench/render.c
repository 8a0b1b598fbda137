// SPDX-License-Identifier: GPL-2.0
/* Plot data and gnuplot invocation for one run's plots/ directory. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <math.h>
#include <spawn.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "render.h"
#include "error.h"

extern char **environ;

static bool has_common(const char *dir)
{
	char p[PATH_MAX];

	snprintf(p, sizeof(p), "%s/common.gp", dir);
	return access(p, R_OK) == 0;
}

const char *render_plot_dir(void)
{
	static char dir[PATH_MAX];
	const char *env = getenv("FAULTSTORM_PLOT_DIR");
	ssize_t n;

	if (env && *env)
		return has_common(env) ? env : NULL;
	/* the binary lives in bench/ of the tree (or bin/ of an install) */
	n = readlink("/proc/self/exe", dir, sizeof(dir) - 16);
	if (n > 0) {
		char *slash;

		dir[n] = 0;
		if ((slash = strrchr(dir, '/'))) {
			strcpy(slash, "/../plot");
			if (has_common(dir))
				return dir;
		}
	}
	if (has_common("plot"))
		return "plot";
	return NULL;
}

void gp_str(FILE *f, const char *s)
{
	fputc('\'', f);
	for (; *s; s++) {
		if (*s == '\'')
			fputc('\'', f);
		/* a newline would end the gnuplot command */
		fputc(*s == '\n' ? ' ' : *s, f);
	}
	fputc('\'', f);
}

const char *render_color(const char *role, unsigned nth)
{
	/* victims cool (blue, green, teal, purple), aggressors warm (red, orange) */
	static const char *const victim[] = { "#1f77b4", "#2ca02c", "#17becf", "#9467bd",
					      "#08519c", "#006d2c", "#4292c6", "#74c476" };
	static const char *const aggr[] = { "#d62728", "#ff7f0e", "#8c564b", "#e377c2" };

	if (!strcmp(role, "aggressor"))
		return aggr[nth % (sizeof(aggr) / sizeof(aggr[0]))];
	return victim[nth % (sizeof(victim) / sizeof(victim[0]))];
}

const char *render_run_color(unsigned i)
{
	/* baseline black, then colours that stay apart for colour-blind readers */
	static const char *const c[] = { "#000000", "#d55e00", "#0072b2", "#009e73",
					 "#cc79a7", "#e69f00", "#56b4e9", "#f0e442" };

	return c[i % (sizeof(c) / sizeof(c[0]))];
}

int render_gnuplot(const char *plot_dir, const char *script, const char *vars, const char *log,
		   char *err, size_t len)
{
	char path[PATH_MAX];
	char *argv[] = { "gnuplot", "-c", path, (char *)vars, NULL };
	posix_spawn_file_actions_t fa;
	pid_t pid;
	int st, rc;

	snprintf(path, sizeof(path), "%s/%s", plot_dir, script);
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 1, log, O_WRONLY | O_CREAT | O_APPEND, 0644);
	posix_spawn_file_actions_adddup2(&fa, 1, 2);
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	rc = posix_spawnp(&pid, "gnuplot", &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	if (rc)
		return fs_errf(err, len, "cannot run gnuplot: %s (install gnuplot-nox: make deps)",
			    strerror(rc));
	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR)
			return fs_errf(err, len, "waitpid gnuplot: %s", strerror(errno));
	if (!WIFEXITED(st) || WEXITSTATUS(st))
		return fs_errf(err, len, "gnuplot %s failed (status %d); its messages are in %s",
			    path, WIFEXITED(st) ? WEXITSTATUS(st) : -1, log);
	return 0;
}

void render_thread_curve(const struct hgrm *h, FILE *f)
{
	for (size_t i = 0; i < h->n; i++) {
		const struct hgrm_row *r = &h->rows[i];
		/* the 100% row has 1/(1-p) = inf: put it where the last sample
		 * ranks, x = N, so max sits at the line's end */
		double x = r->pct < 1.0 ? 1.0 / (1.0 - r->pct) : (double)h->total;

		if (r->value_us <= 0)
			continue;	/* a log axis cannot show 0 */
		fprintf(f, "%.6g\t%.12g\t%.6g\n", r->value_us, r->pct, x < 1 ? 1 : x);
	}
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

int render_merged_curve(const struct hgrm *hs, size_t n, FILE *f)
{
	size_t nv = 0, cap = 0;
	double *vals = NULL;
	uint64_t total = 0;

	for (size_t i = 0; i < n; i++) {
		total += hs[i].total;
		cap += hs[i].n;
	}
	if (!total)
		return 0;
	vals = malloc(cap * sizeof(*vals));
	if (!vals)
		return -1;
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < hs[i].n; j++)
			vals[nv++] = hs[i].rows[j].value_us;
	qsort(vals, nv, sizeof(*vals), cmp_double);
	/*
	 * Each thread's CDF is known exactly at its own row values; at another
	 * thread's value it is the step below (a lower bound).  The merged curve
	 * is therefore exact at the union of values to the rows' resolution.
	 */
	for (size_t k = 0; k < nv; k++) {
		uint64_t c = 0;
		double pct, x;

		if (k + 1 < nv && vals[k + 1] == vals[k])
			continue;
		for (size_t i = 0; i < n; i++)
			c += hgrm_count_le(&hs[i], vals[k]);
		pct = (double)c / (double)total;
		x = c < total ? 1.0 / (1.0 - pct) : (double)total;
		if (vals[k] > 0)
			fprintf(f, "%.6g\t%.12g\t%.6g\n", vals[k], pct, x);
	}
	free(vals);
	return 0;
}

int render_load_role(const struct run_record *r, const char *role, const char *op, struct hgrm **out,
		     char *err, size_t len)
{
	struct hgrm *hs = calloc(r->nthreads, sizeof(*hs));
	int n = 0;

	if (!hs)
		return fs_errf(err, len, "out of memory");
	for (size_t i = 0; i < r->nthreads; i++) {
		char *p;

		if (strcmp(r->threads[i].role, role) || strcmp(r->threads[i].op, op))
			continue;
		if (asprintf(&p, "%s/hist/%s.hgrm", r->dir, r->threads[i].key) < 0)
			p = NULL;
		if (!p || hgrm_read(p, &hs[n], err, len)) {
			free(p);
			while (n--)
				hgrm_free(&hs[n]);
			free(hs);
			return -1;
		}
		free(p);
		n++;
	}
	*out = hs;
	return n;
}

/* ---- timeline.tsv ---- */

struct names {
	char *v[16];
	unsigned n;
};

static unsigned names_add(struct names *s, const char *name)
{
	for (unsigned i = 0; i < s->n; i++)
		if (!strcmp(s->v[i], name))
			return i;
	if (s->n == 16)
		return 15;
	s->v[s->n] = strdup(name);
	return s->v[s->n] ? s->n++ : 0;
}

static void names_free(struct names *s)
{
	for (unsigned i = 0; i < s->n; i++)
		free(s->v[i]);
	s->n = 0;
}

static void names_var(FILE *f, const char *var, const struct names *s)
{
	char buf[1024] = "";

	for (unsigned i = 0; i < s->n; i++)
		snprintf(buf + strlen(buf), sizeof(buf) - strlen(buf), "%s%s", i ? " " : "",
			 s->v[i]);
	fprintf(f, "%s = ", var);
	gp_str(f, buf);
	fputc('\n', f);
}

struct timeline_info {
	unsigned long rows, nvictim, naggr;
	double t0, t1;			/* s */
	double vmin_us, vmax_us;	/* victim latencies */
	double worst_t, worst_us;	/* the worst victim outlier */
	double aggr_med_s;		/* a typical aggressor op's duration */
	struct names aops, vops;
};

static int read_timeline(const char *path, struct timeline_info *ti, char *err, size_t len)
{
	FILE *f = fopen(path, "r");
	char *line = NULL;
	size_t cap = 0;
	unsigned lineno = 0;
	double *durs = NULL;
	size_t ndur = 0, durcap = 0;
	int rc = -1;

	memset(ti, 0, sizeof(*ti));
	ti->t0 = INFINITY;
	ti->t1 = -INFINITY;
	ti->vmin_us = INFINITY;
	if (!f) {
		if (errno == ENOENT)
			return 0;
		return fs_errf(err, len, "%s: %s", path, strerror(errno));
	}
	while (getline(&line, &cap, f) >= 0) {
		char thread[128], role[32], op[64];
		double t, lat;

		lineno++;
		if (line[0] == '#' || !line[strspn(line, " \t\r\n")])
			continue;
		if (sscanf(line, "%lf %127s %31s %63s %lf", &t, thread, role, op, &lat) != 5 ||
		    !isfinite(t) || !isfinite(lat) || t < 0 || lat < 0) {
			fs_errf(err, len, "%s:%u: expected \"t_ns thread role op latency_ns\"", path,
			     lineno);
			goto out;
		}
		/* role and op name plot series: only what results.c writes */
		if ((strcmp(role, "aggressor") && strcmp(role, "victim")) ||
		    strspn(op, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._:-") !=
			    strlen(op)) {
			fs_errf(err, len, "%s:%u: role \"%s\" / op \"%s\": expected role aggressor or "
			     "victim and a plain op name", path, lineno, role, op);
			goto out;
		}
		ti->rows++;
		t /= 1e9;
		if (t < ti->t0)
			ti->t0 = t;
		if (!strcmp(role, "aggressor")) {
			names_add(&ti->aops, op);
			ti->naggr++;
			if (t + lat / 1e9 > ti->t1)
				ti->t1 = t + lat / 1e9;
			if (ndur == durcap) {
				double *nd = realloc(durs, (durcap = durcap ? 2 * durcap : 256) *
							   sizeof(*nd));
				if (!nd) {
					fs_errf(err, len, "out of memory");
					goto out;
				}
				durs = nd;
			}
			durs[ndur++] = lat / 1e9;
		} else {
			names_add(&ti->vops, op);
			ti->nvictim++;
			if (t > ti->t1)
				ti->t1 = t;
			lat /= 1e3;
			if (lat < ti->vmin_us)
				ti->vmin_us = lat;
			if (lat > ti->vmax_us) {
				ti->vmax_us = lat;
				ti->worst_us = lat;
				ti->worst_t = t;
			}
		}
	}
	if (ndur) {
		qsort(durs, ndur, sizeof(*durs), cmp_double);
		ti->aggr_med_s = durs[ndur / 2];
	}
	rc = 0;
out:
	free(durs);
	free(line);
	fclose(f);
	return rc;
}

/* The --outlier threshold from meta.json, in µs; 100 (the default) if absent. */
static double outlier_us(const struct run_record *r)
{
	const char *paths[][2] = { { "options", "outlier_ns" }, { "options", "outlier" },
				   { NULL, "outlier_ns" } };

	for (size_t i = 0; i < sizeof(paths) / sizeof(paths[0]); i++) {
		json_t *o = paths[i][0] ? json_object_get(r->meta, paths[i][0]) : r->meta;
		json_t *v = json_object_get(o, paths[i][1]);

		if (json_is_number(v) && json_number_value(v) > 0)
			return json_number_value(v) / 1e3;
	}
	return 100.0;
}

static void fmt_us(char *buf, size_t len, double us)
{
	if (us >= 1e6)
		snprintf(buf, len, "%g s", us / 1e6);
	else if (us >= 1e3)
		snprintf(buf, len, "%g ms", us / 1e3);
	else if (us >= 1)
		snprintf(buf, len, "%g µs", us);
	else
		snprintf(buf, len, "%g ns", us * 1e3);
}

static int write_file(const char *path, void (*fn)(const void *, FILE *), const void *arg,
		      char *err, size_t len)
{
	FILE *f = fopen(path, "w");

	if (!f)
		return fs_errf(err, len, "%s: %s", path, strerror(errno));
	fn(arg, f);
	if (fclose(f))
		return fs_errf(err, len, "%s: write error: %s", path, strerror(errno));
	return 0;
}

static void thread_curve_cb(const void *h, FILE *f)
{
	render_thread_curve(h, f);
}

static void buckets_cb(const void *h, FILE *f)
{
	hgrm_write_buckets(h, 8, f);
}

static int mkdir_p1(const char *p, char *err, size_t len)
{
	if (mkdir(p, 0755) && errno != EEXIST)
		return fs_errf(err, len, "mkdir %s: %s", p, strerror(errno));
	return 0;
}

/*
 * The perf issue's lock histograms: hist/<thread>.lock-<kind>-<mode>.hgrm for
 * every thread of the summary.  Writes their bucket files and the word lists
 * the lock plot takes; returns how many exist, -1 on error.
 */
static int lock_data(const struct run_record *r, const char *data, FILE *vars, double *xmin,
		     double *xmax, char *err, size_t len)
{
	static const char *const kinds[] = { "wait", "hold" }, *const modes[] = { "read", "write" };
	char files[4096] = "", lk[1024] = "", lm[1024] = "", lab[4096] = "", col[2048] = "";
	char p[2 * PATH_MAX + 256];
	unsigned nv = 0, na = 0;
	int n = 0;

	*xmin = INFINITY;
	*xmax = 0;
	for (size_t i = 0; i < r->nthreads; i++) {
		const struct stat_row *t = &r->threads[i];
		bool aggr = !strcmp(t->role, "aggressor");
		const char *c;

		/* one entry per thread: the aggressor's reset row shares its thread */
		if (i && !strcmp(r->threads[i - 1].thread, t->thread))
			continue;
		c = render_color(t->role, aggr ? na++ : nv++);
		for (int k = 0; k < 2; k++)
			for (int m = 0; m < 2; m++) {
				struct hgrm h;
				FILE *f;

				snprintf(p, sizeof(p), "%s/hist/%s.lock-%s-%s.hgrm", r->dir, t->thread,
					 kinds[k], modes[m]);
				if (access(p, R_OK))
					continue;
				if (hgrm_read(p, &h, err, len))
					return -2;
				if (h.n) {
					*xmin = fmin(*xmin, h.rows[0].value_us);
					*xmax = fmax(*xmax, h.rows[h.n - 1].value_us);
				}
				snprintf(p, sizeof(p), "%s/lock-%s-%s-%s.tsv", data, t->thread, kinds[k],
					 modes[m]);
				f = fopen(p, "w");
				if (!f) {
					hgrm_free(&h);
					return fs_errf(err, len, "%s: %s", p, strerror(errno));
				}
				hgrm_write_buckets(&h, 8, f);
				hgrm_free(&h);
				if (fclose(f))
					return fs_errf(err, len, "%s: write error", p);
#define APPEND(buf, ...) snprintf(buf + strlen(buf), sizeof(buf) - strlen(buf), __VA_ARGS__)
				APPEND(files, "%s%s-%s-%s", n ? " " : "", t->thread, kinds[k], modes[m]);
				APPEND(lk, "%s%s", n ? " " : "", kinds[k]);
				APPEND(lm, "%s%s", n ? " " : "", modes[m]);
				APPEND(lab, "%s%s:%s", n ? " " : "", t->thread, modes[m]);
				APPEND(col, "%s%s", n ? " " : "", c);
#undef APPEND
				n++;
			}
	}
	fprintf(vars, "lock_files = ");
	gp_str(vars, files);
	fprintf(vars, "\nlock_kinds = ");
	gp_str(vars, lk);
	fprintf(vars, "\nlock_modes = ");
	gp_str(vars, lm);
	fprintf(vars, "\nlock_labels = ");
	gp_str(vars, lab);
	fprintf(vars, "\nlock_colors = ");
	gp_str(vars, col);
	fputc('\n', vars);
	return n;
}

int render_run(const struct run_record *r, const char *plot_dir, char *err, size_t len)
{
	char plots[PATH_MAX], data[PATH_MAX], p[2 * PATH_MAX + 256], vars[PATH_MAX + 16], log[PATH_MAX + 16];
	struct hgrm *hs = NULL;
	struct timeline_info ti;
	struct names roles = { 0 }, merged = { 0 };
	char thr[2048] = "", lab[2048] = "", rol[1024] = "", col[1024] = "";
	char mnames[1024] = "", mn[256] = "", mcol[512] = "";
	unsigned nth_role[2] = { 0, 0 };
	uint64_t maxtotal = 10;
	double hmin = INFINITY, hmax = 0;
	FILE *f;
	int rc = -1, nlock = 0;

	snprintf(plots, sizeof(plots), "%s/plots", r->dir);
	snprintf(data, sizeof(data), "%s/plots/data", r->dir);
	snprintf(vars, sizeof(vars), "%s/vars.gp", data);
	snprintf(log, sizeof(log), "%s/gnuplot.log", plots);
	if (mkdir_p1(plots, err, len) || mkdir_p1(data, err, len))
		return -1;
	unlink(log);
	memset(&ti, 0, sizeof(ti));

	hs = calloc(r->nthreads, sizeof(*hs));
	if (!hs)
		return fs_errf(err, len, "out of memory");
	for (size_t i = 0; i < r->nthreads; i++) {
		const struct stat_row *t = &r->threads[i];
		bool aggr = !strcmp(t->role, "aggressor");

		/* run_load checked the key is a plain name: safe in paths and in
		 * gnuplot's space-separated word lists */
		snprintf(p, sizeof(p), "%s/hist/%s.hgrm", r->dir, t->key);
		if (hgrm_read(p, &hs[i], err, len))
			goto out;
		if (hs[i].total > maxtotal)
			maxtotal = hs[i].total;
		if (hs[i].n) {
			hmin = fmin(hmin, hs[i].rows[0].value_us);
			hmax = fmax(hmax, hs[i].rows[hs[i].n - 1].value_us);
		}
		snprintf(p, sizeof(p), "%s/pct-%s.tsv", data, t->key);
		if (write_file(p, thread_curve_cb, &hs[i], err, len))
			goto out;
		snprintf(p, sizeof(p), "%s/hist-%s.tsv", data, t->key);
		if (write_file(p, buckets_cb, &hs[i], err, len))
			goto out;
		names_add(&roles, t->role);
		snprintf(thr + strlen(thr), sizeof(thr) - strlen(thr), "%s%s", i ? " " : "", t->key);
		/* "fault-anon.0" says its op; "populate.0" runs two: name the op */
		if (!strncmp(t->thread, t->op, strlen(t->op)))
			snprintf(lab + strlen(lab), sizeof(lab) - strlen(lab), "%s%s", i ? " " : "",
				 t->thread);
		else
			snprintf(lab + strlen(lab), sizeof(lab) - strlen(lab), "%s%s:%s",
				 i ? " " : "", t->thread, t->op);
		snprintf(rol + strlen(rol), sizeof(rol) - strlen(rol), "%s%s", i ? " " : "", t->role);
		snprintf(col + strlen(col), sizeof(col) - strlen(col), "%s%s", i ? " " : "",
			 render_color(t->role, nth_role[aggr]++));
	}

	/* merged curves, only where more than one thread shares a role and op */
	for (size_t m = 0; m < r->nmerged; m++) {
		const struct stat_row *mr = &r->merged[m];
		struct hgrm *sub;
		int n;
		char name[160];

		n = render_load_role(r, mr->role, mr->op, &sub, err, len);
		if (n < 0)
			goto out;
		if (n > 1) {
			snprintf(name, sizeof(name), "%s-%s", mr->role, mr->op);
			snprintf(p, sizeof(p), "%s/pct-merged-%s.tsv", data, name);
			f = fopen(p, "w");
			if (!f || render_merged_curve(sub, (size_t)n, f) || fclose(f)) {
				fs_errf(err, len, "%s: cannot write", p);
				for (int k = 0; k < n; k++)
					hgrm_free(&sub[k]);
				free(sub);
				goto out;
			}
			snprintf(mnames + strlen(mnames), sizeof(mnames) - strlen(mnames), "%s%s",
				 *mnames ? " " : "", name);
			snprintf(mn + strlen(mn), sizeof(mn) - strlen(mn), "%s%d", *mn ? " " : "", n);
			snprintf(mcol + strlen(mcol), sizeof(mcol) - strlen(mcol), "%s%s",
				 *mcol ? " " : "", !strcmp(mr->role, "aggressor") ? "#67000d" : "#08306b");
			names_add(&merged, name);
		}
		for (int k = 0; k < n; k++)
			hgrm_free(&sub[k]);
		free(sub);
	}

	snprintf(p, sizeof(p), "%s/timeline.tsv", r->dir);
	if (read_timeline(p, &ti, err, len)) {
		rc = -2;	/* bad input, not a failure of ours */
		goto out;
	}

	f = fopen(vars, "w");
	if (!f) {
		fs_errf(err, len, "%s: %s", vars, strerror(errno));
		goto out;
	}
	{
		char sub[1024], olab[32], mach[512];
		double out_us = outlier_us(r);

		fprintf(f, "# written by faultstorm compare for the scripts in plot/\n");
		fprintf(f, "plotdir = ");
		gp_str(f, plot_dir);
		fprintf(f, "\ndatadir = ");
		gp_str(f, data);
		fprintf(f, "\noutdir = ");
		gp_str(f, plots);
		fprintf(f, "\ntitle_main = ");
		gp_str(f, r->scenario_id);
		snprintf(mach, sizeof(mach), "%s (%s)", r->hostname, r->cpu_model);
		snprintf(sub, sizeof(sub), "kernel %s%s%s%s, %s%s", r->release,
			 strcmp(r->variant, "host") ? " [" : "",
			 strcmp(r->variant, "host") ? r->variant : "",
			 strcmp(r->variant, "host") ? "]" : "", mach,
			 *r->virt ? ", virtualized" : "");
		fprintf(f, "\ntitle_sub = ");
		gp_str(f, sub);
		fprintf(f, "\nthreads = ");
		gp_str(f, thr);
		fprintf(f, "\nlabels = ");
		gp_str(f, lab);
		fprintf(f, "\nroles = ");
		gp_str(f, rol);
		fprintf(f, "\ncolors = ");
		gp_str(f, col);
		fprintf(f, "\nmerged = ");
		gp_str(f, mnames);
		fprintf(f, "\nmerged_n = ");
		gp_str(f, mn);
		fprintf(f, "\nmerged_colors = ");
		gp_str(f, mcol);
		fputc('\n', f);
		names_var(f, "role_list", &roles);
		/* x axis up to the decade holding the largest sample count */
		fprintf(f, "pct_xmax = %g\n", pow(10, ceil(log10((double)maxtotal * 1.01))));
		fprintf(f, "bucket_per_octave = 8\n");
		fprintf(f, "hist_xmin = %g\nhist_xmax = %g\n",
			pow(10, floor(log10(fmax(hmin, 0.001)))),
			pow(10, ceil(log10(fmax(hmax, 0.01) * 1.01))));
		/* timeline */
		fmt_us(olab, sizeof(olab), out_us);
		fprintf(f, "timeline = ");
		snprintf(p, sizeof(p), "%s/timeline.tsv", r->dir);
		gp_str(f, p);
		fprintf(f, "\noutlier_us = %g\noutlier_label = ", out_us);
		gp_str(f, olab);
		fputc('\n', f);
		names_var(f, "aops", &ti.aops);
		names_var(f, "vops", &ti.vops);
		{
			char ac[256] = "", vc[256] = "";
			/* bands: orange for populate-like ops, then purple, green, grey */
			static const char *const band[] = { "#fd8d3c", "#9e9ac8", "#74c476", "#bdbdbd" };

			for (unsigned i = 0; i < ti.aops.n; i++)
				snprintf(ac + strlen(ac), sizeof(ac) - strlen(ac), "%s%s", i ? " " : "",
					 band[i % 4]);
			/* a victim op is drawn in the colour of its first thread in the
			 * other plots, so one legend reads for all */
			for (unsigned i = 0; i < ti.vops.n; i++) {
				const char *c = render_color("victim", 7);
				unsigned nv = 0;

				for (size_t k = 0; k < r->nthreads; k++) {
					if (strcmp(r->threads[k].role, "aggressor") &&
					    !strcmp(r->threads[k].op, ti.vops.v[i])) {
						c = render_color("victim", nv);
						break;
					}
					nv += strcmp(r->threads[k].role, "aggressor") != 0;
				}
				snprintf(vc + strlen(vc), sizeof(vc) - strlen(vc), "%s%s", i ? " " : "", c);
			}
			fprintf(f, "acolors = ");
			gp_str(f, ac);
			fprintf(f, "\nvcolors = ");
			gp_str(f, vc);
			fputc('\n', f);
		}
		{
			double lo = ti.nvictim ? fmin(ti.vmin_us, out_us) : out_us;
			double hi = ti.nvictim ? fmax(ti.vmax_us, out_us * 10) : out_us * 10;
			double t0 = ti.rows ? ti.t0 : 0, t1 = ti.rows ? ti.t1 : 1;
			/* zoom: the worst stall from start to end, with a typical
			 * aggressor op (or the stall's own length) either side */
			double wlen = ti.worst_us / 1e6;
			double half = fmax(fmax(ti.aggr_med_s, wlen) * 0.75, 0.005);
			double z0 = ti.nvictim ? ti.worst_t - half : t0;
			double z1 = ti.nvictim ? ti.worst_t + wlen + half : t0 + 2 * half;

			if (t1 <= t0)
				t1 = t0 + 1e-3;
			fprintf(f, "tl_ymin = %g\ntl_ymax = %g\n",
				pow(10, floor(log10(lo / 1.5))), pow(10, ceil(log10(hi * 1.5))));
			fprintf(f, "tl_t0 = %.9g\ntl_t1 = %.9g\n", t0, t1);
			fprintf(f, "zoom_t0 = %.9g\nzoom_t1 = %.9g\n", fmax(z0, t0), fmin(z1, t1));
			fprintf(f, "tl_nvictim = %lu\n", ti.nvictim);
		}
	}
	{
		double lx0, lx1;

		nlock = lock_data(r, data, f, &lx0, &lx1, err, len);
		if (nlock < 0) {
			fclose(f);
			rc = nlock;
			goto out;
		}
		if (nlock)
			fprintf(f, "lock_xmin = %g\nlock_xmax = %g\n",
				pow(10, floor(log10(fmax(lx0, 0.001)))),
				pow(10, ceil(log10(fmax(lx1, 0.01) * 1.01))));
	}
	if (fclose(f)) {
		fs_errf(err, len, "%s: write error", vars);
		goto out;
	}

	if (render_gnuplot(plot_dir, "percentiles.gp", vars, log, err, len) ||
	    render_gnuplot(plot_dir, "histogram.gp", vars, log, err, len))
		goto out;
	if (ti.rows && (ti.aops.n || ti.vops.n) &&
	    render_gnuplot(plot_dir, "timeline.gp", vars, log, err, len))
		goto out;
	if (nlock && render_gnuplot(plot_dir, "lock.gp", vars, log, err, len))
		goto out;
	rc = 0;
out:
	if (hs)
		for (size_t i = 0; i < r->nthreads; i++)
			hgrm_free(&hs[i]);
	free(hs);
	names_free(&ti.aops);
	names_free(&ti.vops);
	names_free(&roles);
	names_free(&merged);
	return rc;
}
