/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Reading finished runs back: meta.json and summary.json of one run, and the
 * discovery of runs under a suite or results directory.  Every field compare
 * or the report uses is checked; an error names the file and the field.
 */
#ifndef FS_RUN_READ_H
#define FS_RUN_READ_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

/* The statistics of one summary row, in summary.json's units (ns, ops/s). */
enum stat_col { ST_COUNT, ST_RATE, ST_MIN, ST_P50, ST_P90, ST_P99, ST_P999, ST_P9999, ST_MAX,
		ST_MEAN, ST_NCOLS };
extern const char *const stat_keys[ST_NCOLS];	/* "count", ..., "p99.9", ... */

struct stat_row {
	const char *thread;	/* NULL in merged rows */
	const char *role, *op;
	const char *hgrm;	/* thread rows: its histogram, relative to the run dir */
	char key[128];		/* thread rows: a file-name-safe unique name ("populate.0.munmap") */
	int nthreads;		/* merged rows: threads merged, 0 if not recorded */
	double v[ST_NCOLS];
};

struct run_repeat {
	struct stat_row *merged;
	size_t nmerged;
};

/* A run directory read back from disk (the runner's live one is struct run). */
struct run_record {
	char *dir;
	json_t *meta, *summary;		/* owned; the strings below point into them */
	const char *scenario_id, *release, *hostname, *cpu_model, *variant;
	const char *virt;		/* how it was virtualized, or "" */
	char label[160];		/* "<variant> <release>", unique within a comparison */
	bool complete;
	struct stat_row *threads, *merged;
	size_t nthreads, nmerged;
	struct run_repeat *repeats;
	size_t nrepeats;
};

/* 0, or -1 with err naming file and field. */
int run_record_load(const char *dir, struct run_record *r, char *err, size_t errlen);
void run_record_free(struct run_record *r);

/* The merged row of (role, op), or NULL. */
const struct stat_row *run_merged(const struct run_record *r, const char *role, const char *op);
const struct stat_row *repeat_merged(const struct run_repeat *rep, const char *role,
				     const char *op);

/* A group of runs named by one command-line argument: a run, a suite, or a
 * directory of runs and suites (searched two levels deep). */
struct run_group {
	const char *arg;
	struct run_record *runs;
	size_t n;
};

int run_group_load(const char *arg, struct run_group *g, char *err, size_t errlen);
void run_group_free(struct run_group *g);
const struct run_record *run_group_find(const struct run_group *g, const char *scenario_id);

/* Is dir a run (holds summary.json) or a suite (suite.json)? */
bool is_run_dir(const char *dir);
bool is_suite_dir(const char *dir);

#endif
