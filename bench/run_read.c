// SPDX-License-Identifier: GPL-2.0
/* Load meta.json and summary.json of finished runs, validating what we use. */
#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "hgrm_read.h"
#include "run_read.h"
#include "error.h"

const char *const stat_keys[ST_NCOLS] = {
	[ST_COUNT] = "count", [ST_RATE] = "rate", [ST_MIN] = "min", [ST_P50] = "p50",
	[ST_P90] = "p90", [ST_P99] = "p99", [ST_P999] = "p99.9", [ST_P9999] = "p99.99",
	[ST_MAX] = "max", [ST_MEAN] = "mean",
};

static char *path_join(const char *a, const char *b)
{
	char *p;

	if (asprintf(&p, "%s/%s", a, b) < 0)
		return NULL;
	return p;
}

static bool file_exists(const char *dir, const char *name)
{
	char *p = path_join(dir, name);
	struct stat st;
	bool ok = p && stat(p, &st) == 0 && S_ISREG(st.st_mode);

	free(p);
	return ok;
}

bool is_run_dir(const char *dir)
{
	return file_exists(dir, "summary.json");
}

bool is_suite_dir(const char *dir)
{
	return file_exists(dir, "suite.json");
}

static json_t *load_json(const char *dir, const char *name, char *err, size_t len)
{
	char *p = path_join(dir, name);
	json_error_t je;
	json_t *j;

	if (!p) {
		fs_errf(err, len, "out of memory");
		return NULL;
	}
	j = json_load_file(p, JSON_REJECT_DUPLICATES, &je);
	if (!j)
		fs_errf(err, len, "%s: line %d: %s", p, je.line, je.text);
	else if (!json_is_object(j)) {
		fs_errf(err, len, "%s: top level: expected an object", p);
		json_decref(j);
		j = NULL;
	}
	free(p);
	return j;
}

/* A string member, or NULL with err naming file and field. */
static const char *get_str(json_t *o, const char *key, const char *file, const char *where,
			   char *err, size_t len)
{
	json_t *v = json_object_get(o, key);

	if (!v || !json_is_string(v)) {
		fs_errf(err, len, "%s: %s%s%s: %s", file, where, *where ? "." : "", key,
		     v ? "expected a string" : "missing");
		return NULL;
	}
	return json_string_value(v);
}

static const char *opt_str(json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);

	return json_is_string(v) ? json_string_value(v) : NULL;
}

static bool plain_name(const char *s)
{
	if (!*s || *s == '.' || strlen(s) > 64)
		return false;
	return strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._:-") ==
	       strlen(s);
}

static int load_rows(json_t *arr, bool with_thread, const char *file, const char *where,
		     struct stat_row **out, size_t *nout, char *err, size_t len)
{
	size_t n, i;

	if (!json_is_array(arr))
		return fs_errf(err, len, "%s: %s: %s", file, where,
			    arr ? "expected an array" : "missing");
	n = json_array_size(arr);
	*out = calloc(n ? n : 1, sizeof(**out));
	*nout = n;
	if (!*out)
		return fs_errf(err, len, "out of memory");
	for (i = 0; i < n; i++) {
		json_t *o = json_array_get(arr, i);
		struct stat_row *r = &(*out)[i];
		char at[96];

		snprintf(at, sizeof(at), "%s[%zu]", where, i);
		if (!json_is_object(o))
			return fs_errf(err, len, "%s: %s: expected an object", file, at);
		if (with_thread) {
			size_t kl;

			if (!(r->thread = get_str(o, "thread", file, at, err, len)))
				return -1;
			/* results.c names the histogram; a reset step of the
			 * aggressor shares the thread name, so the file is the key */
			r->hgrm = opt_str(o, "hgrm");
			if (!r->hgrm) {
				snprintf(r->key, sizeof(r->key), "%s", r->thread);
			} else {
				const char *b = strrchr(r->hgrm, '/');

				if (strncmp(r->hgrm, "hist/", 5) || strstr(r->hgrm, "..") ||
				    strchr(r->hgrm + 5, '/') ||
				    (kl = strlen(b + 1)) < 6 || strcmp(b + 1 + kl - 5, ".hgrm"))
					return fs_errf(err, len, "%s: %s.hgrm: \"%s\" is not "
						    "hist/<name>.hgrm", file, at, r->hgrm);
				snprintf(r->key, sizeof(r->key), "%.*s", (int)(kl - 5), b + 1);
			}
			if (!r->key[0] || strpbrk(r->key, "/ '\"\t\n\\") || r->key[0] == '.')
				return fs_errf(err, len, "%s: %s.thread: \"%s\" is not a plain "
					    "name", file, at, r->key);
		} else {
			json_t *nt = json_object_get(o, "threads");

			r->nthreads = json_is_integer(nt) ? (int)json_integer_value(nt) : 0;
		}
		if (!(r->role = get_str(o, "role", file, at, err, len)) ||
		    !(r->op = get_str(o, "op", file, at, err, len)))
			return -1;
		/* role and op name plot files and gnuplot word lists */
		if (!plain_name(r->role))
			return fs_errf(err, len, "%s: %s.role: \"%s\" is not a plain name", file, at,
				    r->role);
		if (!plain_name(r->op))
			return fs_errf(err, len, "%s: %s.op: \"%s\" is not a plain name", file, at,
				    r->op);
		for (int c = 0; c < ST_NCOLS; c++) {
			json_t *v = json_object_get(o, stat_keys[c]);

			if (!json_is_number(v))
				return fs_errf(err, len, "%s: %s.%s: %s", file, at, stat_keys[c],
					    v ? "expected a number" : "missing");
			r->v[c] = json_number_value(v);
			if (!isfinite(r->v[c]) || r->v[c] < 0)
				return fs_errf(err, len, "%s: %s.%s: %g is not a finite "
					    "non-negative number", file, at, stat_keys[c], r->v[c]);
		}
		if (r->v[ST_MIN] > r->v[ST_P50] || r->v[ST_P50] > r->v[ST_P99] ||
		    r->v[ST_P99] > r->v[ST_MAX])
			return fs_errf(err, len, "%s: %s: percentiles out of order (min <= p50 <= "
				    "p99 <= max must hold)", file, at);
	}
	return 0;
}

void run_record_free(struct run_record *r)
{
	free(r->dir);
	free(r->threads);
	free(r->merged);
	for (size_t i = 0; i < r->nrepeats; i++)
		free(r->repeats[i].merged);
	free(r->repeats);
	json_decref(r->meta);
	json_decref(r->summary);
	memset(r, 0, sizeof(*r));
}

int run_record_load(const char *dir, struct run_record *r, char *err, size_t len)
{
	char *sfile = NULL, *mfile = NULL;
	json_t *v, *k, *m;
	const char *schema;
	int rc = -1;

	memset(r, 0, sizeof(*r));
	r->dir = strdup(dir);
	sfile = path_join(dir, "summary.json");
	mfile = path_join(dir, "meta.json");
	if (!r->dir || !sfile || !mfile) {
		fs_errf(err, len, "out of memory");
		goto out;
	}
	if (!(r->summary = load_json(dir, "summary.json", err, len)) ||
	    !(r->meta = load_json(dir, "meta.json", err, len)))
		goto out;

	if (!(schema = get_str(r->summary, "schema", sfile, "", err, len)))
		goto out;
	if (strncmp(schema, "faultstorm-summary/", 19)) {
		fs_errf(err, len, "%s: schema: \"%s\" is not a faultstorm summary", sfile, schema);
		goto out;
	}
	if (strcmp(schema, "faultstorm-summary/1")) {
		fs_errf(err, len, "%s: schema: version \"%s\" is newer than this faultstorm reads "
		     "(faultstorm-summary/1)", sfile, schema);
		goto out;
	}
	/* scenario_id pairs runs across kernels; older summaries had only
	 * "scenario" holding the id */
	r->scenario_id = opt_str(r->summary, "scenario_id");
	if (!r->scenario_id && !(r->scenario_id = get_str(r->summary, "scenario", sfile, "",
							 err, len)))
		goto out;
	if (!*r->scenario_id || strpbrk(r->scenario_id, "/'\"\n")) {
		fs_errf(err, len, "%s: scenario_id: \"%s\" is not a plain name", sfile, r->scenario_id);
		goto out;
	}
	v = json_object_get(r->summary, "units");
	if (!json_is_object(v) || !opt_str(v, "latency") || strcmp(opt_str(v, "latency"), "ns")) {
		fs_errf(err, len, "%s: units.latency: expected \"ns\"", sfile);
		goto out;
	}
	if (load_rows(json_object_get(r->summary, "threads"), true, sfile, "threads",
		      &r->threads, &r->nthreads, err, len) ||
	    load_rows(json_object_get(r->summary, "merged"), false, sfile, "merged",
		      &r->merged, &r->nmerged, err, len))
		goto out;
	if (!r->nthreads || !r->nmerged) {
		fs_errf(err, len, "%s: %s: empty, the run measured nothing", sfile,
		     r->nthreads ? "merged" : "threads");
		goto out;
	}
	v = json_object_get(r->summary, "repeats");
	if (v) {
		if (!json_is_array(v)) {
			fs_errf(err, len, "%s: repeats: expected an array", sfile);
			goto out;
		}
		r->nrepeats = json_array_size(v);
		r->repeats = calloc(r->nrepeats ? r->nrepeats : 1, sizeof(*r->repeats));
		if (!r->repeats) {
			fs_errf(err, len, "out of memory");
			goto out;
		}
		for (size_t i = 0; i < r->nrepeats; i++) {
			json_t *rep = json_array_get(v, i);
			char at[64];

			snprintf(at, sizeof(at), "repeats[%zu].merged", i);
			if (!json_is_object(rep)) {
				fs_errf(err, len, "%s: repeats[%zu]: expected an object", sfile, i);
				goto out;
			}
			if (load_rows(json_object_get(rep, "merged"), false, sfile, at,
				      &r->repeats[i].merged, &r->repeats[i].nmerged, err, len))
				goto out;
		}
	}

	/* every thread's histogram must be there and agree with its row: plots
	 * and overlays are drawn from them */
	for (size_t i = 0; i < r->nthreads; i++) {
		const struct stat_row *t = &r->threads[i];
		char *hp;
		struct hgrm h;

		if (asprintf(&hp, "%s/hist/%s.hgrm", dir, t->key) < 0) {
			fs_errf(err, len, "out of memory");
			goto out;
		}
		if (hgrm_read(hp, &h, err, len)) {
			free(hp);
			goto out;
		}
		if ((double)h.total != t->v[ST_COUNT]) {
			fs_errf(err, len, "%s: Total count %llu, but %s says threads[%zu].count = %.0f "
			     "(files from different runs?)", hp, (unsigned long long)h.total, sfile, i,
			     t->v[ST_COUNT]);
			hgrm_free(&h);
			free(hp);
			goto out;
		}
		hgrm_free(&h);
		free(hp);
	}

	/* meta.json: the scenario must be the one summary.json says */
	{
		const char *sid = opt_str(r->meta, "scenario_id");

		if (sid && strcmp(sid, r->scenario_id)) {
			fs_errf(err, len, "%s: scenario_id: \"%s\" but summary.json says \"%s\"", mfile,
			     sid, r->scenario_id);
			goto out;
		}
	}
	k = json_object_get(r->meta, "kernel");
	if (!json_is_object(k)) {
		fs_errf(err, len, "%s: kernel: %s", mfile, k ? "expected an object" : "missing");
		goto out;
	}
	if (!(r->release = get_str(k, "release", mfile, "kernel", err, len)))
		goto out;
	m = json_object_get(r->meta, "machine");
	if (!json_is_object(m)) {
		fs_errf(err, len, "%s: machine: %s", mfile, m ? "expected an object" : "missing");
		goto out;
	}
	r->hostname = opt_str(m, "hostname");
	r->cpu_model = opt_str(m, "cpu_model");
	if (!r->hostname)
		r->hostname = "?";
	if (!r->cpu_model)
		r->cpu_model = "?";
	r->variant = opt_str(r->meta, "variant");
	if (!r->variant || !*r->variant)
		r->variant = "host";
	v = json_object_get(r->meta, "virtualized");
	if (json_is_string(v))
		r->virt = json_string_value(v);
	else if (json_is_object(v))
		r->virt = opt_str(v, "how") ? opt_str(v, "how") :
			  opt_str(v, "mode") ? opt_str(v, "mode") : "yes";
	else if (json_is_true(v))
		r->virt = "yes";
	else
		r->virt = "";
	v = json_object_get(r->meta, "complete");
	if (!v)
		v = json_object_get(r->summary, "complete");
	r->complete = json_is_true(v);
	/* the variant usually names the kernel; add the release when it does not */
	if (strstr(r->release, r->variant) || !strcmp(r->variant, r->release))
		snprintf(r->label, sizeof(r->label), "%s", r->release);
	else
		snprintf(r->label, sizeof(r->label), "%s %s", r->variant, r->release);
	/* an interrupted run's numbers cover less: say so wherever it is named */
	if (!r->complete)
		snprintf(r->label + strlen(r->label), sizeof(r->label) - strlen(r->label),
			 " (incomplete)");
	rc = 0;
out:
	free(sfile);
	free(mfile);
	if (rc)
		run_record_free(r);
	return rc;
}

static const struct stat_row *find_row(const struct stat_row *rows, size_t n, const char *role,
				       const char *op)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(rows[i].role, role) && !strcmp(rows[i].op, op))
			return &rows[i];
	return NULL;
}

const struct stat_row *run_merged(const struct run_record *r, const char *role, const char *op)
{
	return find_row(r->merged, r->nmerged, role, op);
}

const struct stat_row *repeat_merged(const struct run_repeat *rep, const char *role,
				     const char *op)
{
	return find_row(rep->merged, rep->nmerged, role, op);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Subdirectories of dir, sorted (names start with a UTC time, so oldest first),
 * without hidden ones: those are runs still being written. */
static char **list_subdirs(const char *dir, size_t *n)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char **v = NULL;
	size_t cap = 0;

	*n = 0;
	if (!d)
		return NULL;
	while ((e = readdir(d))) {
		struct stat st;
		char *p;

		if (e->d_name[0] == '.' || !strcmp(e->d_name, "plots") ||
		    !strcmp(e->d_name, "hist") || !strcmp(e->d_name, "latest"))
			continue;
		p = path_join(dir, e->d_name);
		if (!p || stat(p, &st) || !S_ISDIR(st.st_mode)) {
			free(p);
			continue;
		}
		if (*n == cap) {
			char **nv = realloc(v, (cap = cap ? cap * 2 : 16) * sizeof(*v));

			if (!nv) {
				free(p);
				break;
			}
			v = nv;
		}
		v[(*n)++] = p;
	}
	closedir(d);
	if (*n)
		qsort(v, *n, sizeof(*v), cmp_str);
	return v;
}

static int group_add(struct run_group *g, const char *dir, char *err, size_t len)
{
	struct run_record r, *nr;

	if (run_record_load(dir, &r, err, len))
		return -1;
	for (size_t i = 0; i < g->n; i++)
		if (!strcmp(g->runs[i].scenario_id, r.scenario_id)) {
			/* sorted oldest first: the newer run of a scenario wins */
			fprintf(stderr, "faultstorm: note: %s: scenario %s also in %s; using the "
				"newer\n", g->arg, r.scenario_id, g->runs[i].dir);
			run_record_free(&g->runs[i]);
			g->runs[i] = r;
			return 0;
		}
	nr = realloc(g->runs, (g->n + 1) * sizeof(*nr));
	if (!nr) {
		run_record_free(&r);
		return fs_errf(err, len, "out of memory");
	}
	g->runs = nr;
	g->runs[g->n++] = r;
	return 0;
}

static int scan(struct run_group *g, const char *dir, int depth, char *err, size_t len)
{
	size_t n;
	char **sub;
	int rc = 0;

	if (is_run_dir(dir))
		return group_add(g, dir, err, len);
	if (depth > 2)
		return 0;
	sub = list_subdirs(dir, &n);
	for (size_t i = 0; i < n; i++) {
		if (!rc)
			rc = scan(g, sub[i], depth + 1, err, len);
		free(sub[i]);
	}
	free(sub);
	return rc;
}

int run_group_load(const char *arg, struct run_group *g, char *err, size_t len)
{
	struct stat st;

	memset(g, 0, sizeof(*g));
	g->arg = arg;
	if (stat(arg, &st))
		return fs_errf(err, len, "%s: %s", arg, strerror(errno));
	if (!S_ISDIR(st.st_mode))
		return fs_errf(err, len, "%s: not a directory (give a run, a suite or a results "
			    "directory)", arg);
	if (scan(g, arg, 0, err, len)) {
		run_group_free(g);
		return -1;
	}
	if (!g->n)
		return fs_errf(err, len, "%s: no run found (a run directory holds summary.json)", arg);
	return 0;
}

void run_group_free(struct run_group *g)
{
	for (size_t i = 0; i < g->n; i++)
		run_record_free(&g->runs[i]);
	free(g->runs);
	g->runs = NULL;
	g->n = 0;
}

const struct run_record *run_group_find(const struct run_group *g, const char *scenario_id)
{
	for (size_t i = 0; i < g->n; i++)
		if (!strcmp(g->runs[i].scenario_id, scenario_id))
			return &g->runs[i];
	return NULL;
}
