// SPDX-License-Identifier: GPL-2.0
/* Results files: meta.json, summary.tsv and .json, the .hgrm files, timeline.tsv. */
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "clock.h"
#include "error.h"
#include "evidence.h"
#include "parse.h"
#include "results.h"
#include "sysinfo.h"

void results_stamp(char *buf, size_t len)
{
	struct tm tm;
	time_t now = time(NULL);

	gmtime_r(&now, &tm);
	strftime(buf, len, "%Y%m%dT%H%M%SZ", &tm);
}

int mkdir_p(const char *path)
{
	char tmp[PATH_MAX];

	if (snprintf(tmp, sizeof(tmp), "%s", path) >= (int)sizeof(tmp)) {
		errno = ENAMETOOLONG;
		return -1;
	}
	for (char *p = tmp + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = 0;
		if (mkdir(tmp, 0755) && errno != EEXIST)
			return -1;
		*p = '/';
	}
	if (mkdir(tmp, 0755) && errno != EEXIST)
		return -1;
	return 0;
}

static int rm_one(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb;
	(void)flag;
	(void)ftw;
	return remove(path);
}

int rm_rf(const char *path)
{
	return nftw(path, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

int rename_noreplace(const char *src, const char *dir, const char *name, char *final, size_t len)
{
	for (int n = 1; n < 1000; n++) {
		char suffix[16] = "";

		if (n > 1)
			snprintf(suffix, sizeof(suffix), "-%d", n);
		snprintf(final, len, "%s/%s%s", dir, name, suffix);
		if (!renameat2(AT_FDCWD, src, AT_FDCWD, final, RENAME_NOREPLACE))
			return 0;
		if (errno != EEXIST && errno != ENOTEMPTY)
			return -1;
	}
	errno = EEXIST;
	return -1;
}

int results_update_latest(const char *out, const char *target)
{
	char tmp[PATH_MAX], link[PATH_MAX];

	snprintf(tmp, sizeof(tmp), "%s/.latest.tmp-%d", out, (int)getpid());
	snprintf(link, sizeof(link), "%s/latest", out);
	unlink(tmp);
	if (symlink(target, tmp))
		return -1;
	if (rename(tmp, link)) {
		unlink(tmp);
		return -1;
	}
	return 0;
}

int write_json(const char *path, json_t *obj)
{
	FILE *f = fopen(path, "w");
	int rc;

	if (!f)
		return -1;
	rc = json_dumpf(obj, f, JSON_INDENT(2) | JSON_SORT_KEYS);
	if (fputc('\n', f) == EOF)
		rc = -1;
	if (fflush(f) || fsync(fileno(f)))
		rc = -1;
	if (fclose(f))
		rc = -1;
	return rc ? -1 : 0;
}

/* A thread's op (step 0) or its aggressor reset step (step 1). */
struct series {
	const struct fs_thread *t;
	int step;
};

static const char *series_op(struct series s)
{
	return s.step ? s.t->reset_op : s.t->op;
}

/* rep < 0: all repeats merged */
static void series_hist(const struct run *run, struct series s, int rep, struct histogram *out)
{
	struct histogram **hs = s.step ? s.t->reset_hist : s.t->hist;

	for (int r = 0; r < run->repeats_done; r++)
		if ((rep < 0 || r == rep) && hs[r])
			hist_merge(out, hs[r]);
}

static double measured_s(const struct run *run, int rep)
{
	uint64_t ns = 0;

	for (int r = 0; r < run->repeats_done; r++)
		if (rep < 0 || r == rep)
			ns += run->measured_ns[r];
	return (double)ns / 1e9;
}

static const char *const pct_keys[] = { "p50", "p90", "p99", "p99.9", "p99.99" };
static const double pct_vals[] = { 50, 90, 99, 99.9, 99.99 };

static json_t *stats_json(const struct histogram *h, double secs)
{
	json_t *o = json_object();

	json_object_set_new(o, "count", json_integer((json_int_t)h->total));
	json_object_set_new(o, "rate", json_real(secs > 0 ? (double)h->total / secs : 0.0));
	json_object_set_new(o, "min", json_integer(h->total ? (json_int_t)h->min : 0));
	for (size_t i = 0; i < 5; i++)
		json_object_set_new(o, pct_keys[i],
				    json_integer((json_int_t)hist_percentile(h, pct_vals[i])));
	json_object_set_new(o, "max", json_integer((json_int_t)h->max));
	json_object_set_new(o, "mean", json_real(hist_mean(h)));
	return o;
}

static int nseries(const struct run *run, struct series *out)
{
	int n = 0;

	for (int i = 0; i < run->nthreads; i++) {
		const struct fs_thread *t = &run->threads[i];

		out[n++] = (struct series){ t, 0 };
		if (t->reset_op)
			out[n++] = (struct series){ t, 1 };
	}
	return n;
}

static void hgrm_name(struct series s, char *buf, size_t len)
{
	if (s.step)
		snprintf(buf, len, "hist/%s.%s.hgrm", s.t->name, s.t->reset_op);
	else
		snprintf(buf, len, "hist/%s.hgrm", s.t->name);
}

/* rows per thread-op, and merged per role-op, for one repeat or all */
static json_t *rows_json(const struct run *run, const struct series *ss, int n, int rep,
			 json_t **merged_out)
{
	json_t *rows = json_array(), *merged = json_array();
	double secs = measured_s(run, rep);

	for (int i = 0; i < n; i++) {
		struct histogram *h = malloc(sizeof(*h));
		json_t *row;
		char hgrm[128];

		if (!h)
			continue;
		hist_init(h);
		series_hist(run, ss[i], rep, h);
		row = json_pack("{s:s, s:s, s:s, s:i, s:i}", "thread", ss[i].t->name, "role",
				ss[i].t->role, "op", series_op(ss[i]), "cpu", ss[i].t->place.cpu,
				"node", ss[i].t->place.node);
		json_object_update_new(row, stats_json(h, secs));
		hgrm_name(ss[i], hgrm, sizeof(hgrm));
		if (rep < 0)
			json_object_set_new(row, "hgrm", json_string(hgrm));
		json_array_append_new(rows, row);
		free(h);
	}
	for (int i = 0; i < n; i++) {
		struct histogram *h;
		int seen = 0, threads = 0;

		for (int j = 0; j < i; j++)
			seen |= !strcmp(ss[j].t->role, ss[i].t->role) &&
				!strcmp(series_op(ss[j]), series_op(ss[i]));
		if (seen || !(h = malloc(sizeof(*h))))
			continue;
		hist_init(h);
		for (int j = i; j < n; j++)
			if (!strcmp(ss[j].t->role, ss[i].t->role) &&
			    !strcmp(series_op(ss[j]), series_op(ss[i]))) {
				series_hist(run, ss[j], rep, h);
				threads++;
			}
		json_t *row = json_pack("{s:s, s:s, s:i}", "role", ss[i].t->role, "op",
					series_op(ss[i]), "threads", threads);
		json_object_update_new(row, stats_json(h, secs));
		/* rate of the role: ops per second of all its threads together */
		json_array_append_new(merged, row);
		free(h);
	}
	*merged_out = merged;
	return rows;
}

static json_t *summary_json(const struct run *run, bool complete)
{
	struct series ss[2 * run->nthreads];
	int n = nseries(run, ss);
	json_t *merged, *threads = rows_json(run, ss, n, -1, &merged), *repeats = json_array();

	for (int r = 0; r < run->repeats_done; r++) {
		json_t *m, *rows = rows_json(run, ss, n, r, &m);

		json_array_append_new(repeats, json_pack("{s:i, s:f, s:o, s:o}", "repeat", r,
							 "measured_s", measured_s(run, r),
							 "threads", rows, "merged", m));
	}
	return json_pack("{s:s, s:s, s:s, s:b, s:{s:s, s:s}, s:o, s:o, s:o}",
			 "schema", "faultstorm-summary/1", "scenario", run->scenario,
			 "scenario_id", run->id, "complete", complete,
			 "units", "latency", "ns", "rate", "ops/s",
			 "threads", threads, "merged", merged, "repeats", repeats);
}

static json_t *meta_json(const struct run *run, bool complete)
{
	const struct options *o = run->opt;
	json_t *meta = sysinfo_json(run->topo), *argv = json_array(), *threads = json_array();
	json_t *measured = json_array();
	uint64_t dropped = 0;
	char cpus[64] = "all";

	for (int i = 0; i < run->argc; i++)
		json_array_append_new(argv, json_string(run->argv[i]));
	for (int i = 0; i < run->nthreads; i++) {
		const struct fs_thread *t = &run->threads[i];
		char mem[32];

		if (o->membind >= 0)
			snprintf(mem, sizeof(mem), "bind:%ld", o->membind);
		else
			snprintf(mem, sizeof(mem), "local");
		json_array_append_new(threads,
				      json_pack("{s:s, s:s, s:s, s:s, s:i, s:i, s:i, s:i, s:b, s:s}",
						"thread", t->name, "role", t->role, "kind", t->kind,
						"op", t->op, "cpu", t->place.cpu, "core",
						t->place.core, "package", t->place.package, "node",
						t->place.node, "shared_core", t->place.shared,
						"memory", mem));
		dropped += t->tl_dropped;
	}
	for (int r = 0; r < run->repeats_done; r++)
		json_array_append_new(measured, json_real((double)run->measured_ns[r] / 1e9));
	if (o->ncpus) {
		size_t n = 0;

		for (int i = 0; i < o->ncpus && n < sizeof(cpus) - 8; i++)
			n += (size_t)snprintf(cpus + n, sizeof(cpus) - n, "%s%d", i ? "," : "",
					      o->cpus[i]);
	}
	json_object_update_new(meta, json_pack(
		"{s:s, s:b, s:s, s:s, s:s, s:s, s:o, s:s, s:s, s:i, s:i, s:o,"
		" s:{s:I, s:f, s:f, s:i, s:s, s:s, s:b, s:i, s:s, s:I, s:s, s:f},"
		" s:{s:s, s:f, s:f}, s:s, s:o, s:I}",
		"schema", "faultstorm-run/1", "complete", complete,
		"scenario", run->scenario, "scenario_id", run->id,
		"aggressor", o->aggressor, "victims", o->victims_spec,
		"argv", argv, "start_utc", run->start_utc, "end_utc", run->end_utc,
		"repeats_requested", (int)o->repeat, "repeats_done", run->repeats_done,
		"measured_s", measured,
		"options", "size_bytes", (json_int_t)o->size,
		"duration_s", (double)o->duration_ns / 1e9, "warmup_s", (double)o->warmup_ns / 1e9,
		"repeat", (int)o->repeat, "cpus", cpus, "placement", placement_names[o->placement],
		"smt", o->smt, "membind", (int)o->membind, "thp", thp_names[o->thp],
		"outlier_ns", (json_int_t)o->outlier_ns, "file_dir", o->file_dir,
		"mem_share_pct", o->mem_share,
		"clock", "source", fs_clock.source, "ns_per_tick", fs_clock.ns_per_tick,
		"cost_ns", fs_clock.cost_ns,
		"victim_thp_policy", thp_names[o->thp],
		"threads", threads, "timeline_dropped", (json_int_t)dropped));
	if (run->interrupted)
		json_object_set_new(meta, "interrupted_by", json_string(strsignal(run->signal)));
	if (run->error[0])
		json_object_set_new(meta, "error", json_string(run->error));
	if (run->report)
		json_object_set(meta, "aggressor_report", run->report);
	return meta;
}

static int write_summary_tsv(const char *path, json_t *threads)
{
	FILE *f = fopen(path, "w");
	size_t i;
	json_t *row;

	if (!f)
		return -1;
	fprintf(f, "# thread\trole\top\tcpu\tnode\tcount\trate\tmin\tp50\tp90\tp99\tp99.9\tp99.99\tmax\tmean\n");
	json_array_foreach(threads, i, row) {
		fprintf(f, "%s\t%s\t%s\t%lld\t%lld\t%lld\t%.3f\t%lld",
			json_string_value(json_object_get(row, "thread")),
			json_string_value(json_object_get(row, "role")),
			json_string_value(json_object_get(row, "op")),
			json_integer_value(json_object_get(row, "cpu")),
			json_integer_value(json_object_get(row, "node")),
			json_integer_value(json_object_get(row, "count")),
			json_real_value(json_object_get(row, "rate")),
			json_integer_value(json_object_get(row, "min")));
		for (size_t k = 0; k < 5; k++)
			fprintf(f, "\t%lld", json_integer_value(json_object_get(row, pct_keys[k])));
		fprintf(f, "\t%lld\t%.1f\n", json_integer_value(json_object_get(row, "max")),
			json_real_value(json_object_get(row, "mean")));
	}
	if (fflush(f) || fsync(fileno(f))) {
		fclose(f);
		return -1;
	}
	return fclose(f);
}

static int cmp_tl(const void *a, const void *b)
{
	const struct tl_entry *x = a, *y = b;

	return x->start < y->start ? -1 : x->start > y->start;
}

static int write_timeline(const struct run *run, const char *path)
{
	size_t total = 0, n = 0;
	struct tl_entry *all;
	FILE *f;
	int rc = 0;

	for (int i = 0; i < run->nthreads; i++)
		total += run->threads[i].tl_len;
	all = malloc((total ? total : 1) * sizeof(*all));
	if (!all)
		return -1;
	for (int i = 0; i < run->nthreads; i++) {
		memcpy(all + n, run->threads[i].tl, run->threads[i].tl_len * sizeof(*all));
		n += run->threads[i].tl_len;
	}
	qsort(all, total, sizeof(*all), cmp_tl);
	f = fopen(path, "w");
	if (!f) {
		free(all);
		return -1;
	}
	fprintf(f, "# t_ns\tthread\trole\top\tlatency_ns\n");
	for (size_t i = 0; i < total; i++) {
		const struct fs_thread *t = &run->threads[all[i].thread];
		uint64_t m = clock_to_mono(all[i].start);

		fprintf(f, "%llu\t%s\t%s\t%s\t%llu\n",
			(unsigned long long)(m > run->t0_mono ? m - run->t0_mono : 0), t->name, t->role,
			all[i].step ? t->reset_op : t->op, (unsigned long long)all[i].lat_ns);
	}
	free(all);
	if (fflush(f) || fsync(fileno(f)))
		rc = -1;
	if (fclose(f))
		rc = -1;
	return rc;
}

static int write_hgrms(const struct run *run, const char *dir)
{
	struct series ss[2 * run->nthreads];
	int n = nseries(run, ss);

	for (int i = 0; i < n; i++) {
		char name[128], path[PATH_MAX];
		struct histogram *h = malloc(sizeof(*h));
		FILE *f;
		int rc;

		if (!h)
			return -1;
		hist_init(h);
		series_hist(run, ss[i], -1, h);
		hgrm_name(ss[i], name, sizeof(name));
		snprintf(path, sizeof(path), "%s/%s", dir, name);
		f = fopen(path, "w");
		rc = f ? hist_write_hgrm(h, f) : -1;
		free(h);
		if (!f || rc || fclose(f))
			return -1;
	}
	return 0;
}

int results_write(struct run *run, const char *parent, const char *name, char *final,
		  size_t finallen, char *why, size_t whylen)
{
	bool complete = !run->interrupted && !run->failed && run->repeats_done == run->opt->repeat;
	char tmp[PATH_MAX], path[PATH_MAX];
	json_t *meta = NULL, *summary = NULL;
	const char *step = "create";

	if (mkdir_p(parent)) {
		snprintf(why, whylen, "cannot create %s: %s (choose another --out)", parent,
			 strerror(errno));
		return -1;
	}
	snprintf(tmp, sizeof(tmp), "%s/.%s.tmp-%d", parent, name, (int)getpid());
	snprintf(path, sizeof(path), "%s/hist", tmp);
	if (mkdir(tmp, 0755) || mkdir(path, 0755)) {
		snprintf(why, whylen, "cannot create %s: %s (choose another --out)", tmp,
			 strerror(errno));
		rm_rf(tmp);
		return -1;
	}
	summary = summary_json(run, complete);
	meta = meta_json(run, complete);
	step = "perf.tsv/lock.tsv";
	if (evidence_write(run, tmp, meta, summary))
		goto fail;
	step = "summary.tsv";
	snprintf(path, sizeof(path), "%s/summary.tsv", tmp);
	if (write_summary_tsv(path, json_object_get(summary, "threads")))
		goto fail;
	step = "timeline.tsv";
	snprintf(path, sizeof(path), "%s/timeline.tsv", tmp);
	if (write_timeline(run, path))
		goto fail;
	step = "hist/*.hgrm";
	if (write_hgrms(run, tmp))
		goto fail;
	step = "summary.json";
	snprintf(path, sizeof(path), "%s/summary.json", tmp);
	if (write_json(path, summary))
		goto fail;
	step = "meta.json";	/* last: a run dir with meta.json is whole */
	snprintf(path, sizeof(path), "%s/meta.json", tmp);
	if (write_json(path, meta))
		goto fail;
	step = "rename";
	if (rename_noreplace(tmp, parent, name, final, finallen))
		goto fail;
	json_decref(meta);
	json_decref(summary);
	return 0;
fail:
	snprintf(why, whylen, "cannot write %s in %s: %s; nothing was kept (free some space or "
		 "choose another --out)", step, parent, strerror(errno));
	json_decref(meta);
	json_decref(summary);
	rm_rf(tmp);
	return -1;
}

void results_print_table(const struct run *run, FILE *f)
{
	struct series ss[2 * run->nthreads];
	int n = nseries(run, ss);
	json_t *merged, *rows = rows_json(run, ss, n, -1, &merged), *row;
	size_t i;

	fprintf(f, "%-10s %-20s %4s %10s %11s %9s %9s %9s %9s %9s %8s\n", "role", "op", "thr", "count",
		"rate/s", "p50", "p99", "p99.9", "max", "faults/op", "csw/op");
	json_array_foreach(merged, i, row) {
		char v[6][16];
		const char *k[4] = { "p50", "p99", "p99.9", "max" };
		const char *role = json_string_value(json_object_get(row, "role"));
		const char *op = json_string_value(json_object_get(row, "op"));
		/* kernel counters (evidence.c): a blocked fault is a context switch */
		double pf = evidence_per_op(run, role, op, "page-faults");
		double cs = evidence_per_op(run, role, op, "context-switches");

		for (int j = 0; j < 4; j++)
			format_ns((double)json_integer_value(json_object_get(row, k[j])), v[j], 16);
		snprintf(v[4], 16, pf < 0 ? "-" : "%.2f", pf);
		snprintf(v[5], 16, cs < 0 ? "-" : "%.3f", cs);
		fprintf(f, "%-10s %-20s %4lld %10lld %11.1f %9s %9s %9s %9s %9s %8s\n", role, op,
			json_integer_value(json_object_get(row, "threads")),
			json_integer_value(json_object_get(row, "count")),
			json_real_value(json_object_get(row, "rate")), v[0], v[1], v[2], v[3], v[4], v[5]);
	}
	json_decref(rows);
	json_decref(merged);
}
