// SPDX-License-Identifier: GPL-2.0
/* `faultstorm list` and `faultstorm run`. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "clock.h"
#include "commands.h"
#include "error.h"
#include "evidence.h"
#include "results.h"
#include "runner.h"
#include "sysinfo.h"

int cmd_list(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	printf("aggressors:\n");
	for (int i = 0; aggressors[i]; i++) {
		const struct aggressor *a = aggressors[i];
		const char *why = a->unsupported ? a->unsupported() : NULL;

		printf("  %-18s %s%s%s%s\n", a->name, a->description, why ? "  [unsupported: " : "",
		       why ? why : "", why ? "]" : "");
	}
	printf("victims:\n");
	for (int i = 0; victims[i]; i++) {
		const struct victim *v = victims[i];
		const char *why = v->unsupported ? v->unsupported() : NULL;

		printf("  %-18s %s (mmap_lock: %s)%s%s%s\n", v->name, v->description, v->lock_mode,
		       why ? "  [unsupported: " : "", why ? why : "", why ? "]" : "");
	}
	return FS_EXIT_OK;
}

static void echo_parameters(const struct run *run)
{
	const struct options *o = run->opt;
	char release[128], size[32], membind[24] = "local";

	sysinfo_release(release, sizeof(release));
	format_size(o->size, size, sizeof(size));
	if (o->membind >= 0)
		snprintf(membind, sizeof(membind), "node %ld", o->membind);
	fs_info("faultstorm: %s on %s", run->scenario, release);
	fs_info("  duration=%.3gs warmup=%.3gs repeat=%ld placement=%s thp=%s outlier=%.0fus "
		"clock=%s (%.1f ns/read) memory=%s",
		(double)o->duration_ns / 1e9, (double)o->warmup_ns / 1e9, o->repeat,
		placement_names[o->placement], thp_names[o->thp], (double)o->outlier_ns / 1e3,
		fs_clock.source, fs_clock.cost_ns, membind);
	for (int i = 0; i < run->nthreads; i++) {
		const struct fs_thread *t = &run->threads[i];

		fs_info("  %-18s %-9s cpu %d core %d node %d%s", t->name, t->role, t->place.cpu,
			t->place.core, t->place.node, t->place.shared ? " (core shared)" : "");
	}
}

/* locktorture's "???": a kind whose threads' rates differ by more than 2x. */
static bool unfair(const struct run *run)
{
	for (int i = 0; i < run->nthreads; i++)
		for (int j = 0; j < run->nthreads; j++) {
			const struct fs_thread *a = &run->threads[i], *b = &run->threads[j];
			uint64_t ca = 0, cb = 0;

			if (a->agg || b->agg || strcmp(a->kind, b->kind))
				continue;
			for (int r = 0; r < run->repeats_done; r++) {
				ca += a->hist[r] ? a->hist[r]->total : 0;
				cb += b->hist[r] ? b->hist[r]->total : 0;
			}
			if (ca > 2 * cb + 10)
				return true;
		}
	return false;
}

int run_and_write(const struct options *o, int argc, char **argv, const char *parent,
		  const char *name, char *final, size_t finallen, char *why, size_t whylen)
{
	/* static: after a watchdog timeout a stuck thread still reads it */
	static struct run run;
	int rc;

	final[0] = 0;
	rc = run_prepare(&run, o, argc, argv);
	if (rc) {
		snprintf(why, whylen, "%s", run.error);
		run_destroy(&run);
		return rc;
	}
	echo_parameters(&run);
	rc = run_execute(&run);
	if (runner_stuck) {
		/* the thread still inside its op may yet write its histogram and
		 * timeline: nothing of this run can be written consistently */
		snprintf(why, whylen, "%s; no results were written (the thread is still in its op)",
			 run.error);
		return FS_EXIT_FAIL;
	}
	if (rc == FS_EXIT_NO_RESOURCE) {
		snprintf(why, whylen, "%s", run.error);
		run_destroy(&run);
		return rc;
	}
	/* signals stay blocked: writing the results cannot be interrupted */
	if (results_write(&run, parent, name, final, finallen, why, whylen)) {
		run_destroy(&run);
		return FS_EXIT_FAIL;
	}
	if (!fs_quiet) {
		results_print_table(&run, stdout);
		evidence_print(&run, stdout);
	}
	if (rc == FS_EXIT_FAIL)
		snprintf(why, whylen, "%s", run.error);
	else if (rc == FS_EXIT_INTERRUPTED)
		snprintf(why, whylen, "interrupted by %s after %d of %ld repeats; partial results "
			 "kept, marked \"complete\": false", strsignal(run.signal), run.repeats_done,
			 o->repeat);
	fs_info("End of run: %s%s", rc == FS_EXIT_OK ? "COMPLETE" :
		rc == FS_EXIT_INTERRUPTED ? "INTERRUPTED" : "FAILED",
		unfair(&run) ? " ??? (threads of one kind differ more than 2x in rate)" : "");
	run_destroy(&run);
	return rc;
}

/* out/<kernel-release>, created and checked writable before anything runs */
int results_parent(const char *out, char *parent, size_t len, char *why, size_t whylen)
{
	char release[128];

	sysinfo_release(release, sizeof(release));
	snprintf(parent, len, "%s/%s", out, release);
	if (mkdir_p(parent) || access(parent, W_OK | X_OK)) {
		snprintf(why, whylen, "cannot write results under %s: %s (choose another --out)",
			 parent, strerror(errno));
		return -1;
	}
	return 0;
}

int cmd_run(int argc, char **argv)
{
	struct options o;
	char err[512], parent[PATH_MAX], name[400], stamp[32], final[PATH_MAX];
	int rc;

	cli_defaults(&o);
	switch (cli_parse_run(argc, argv, &o, err, sizeof(err))) {
	case CLI_HELP:
		cli_help_run(stdout);
		return FS_EXIT_OK;
	case CLI_ERROR:
		fs_die(FS_EXIT_USAGE, "%s", err);
	case CLI_OK:
		break;
	}
	fs_quiet = o.quiet;
	clock_init(o.gettime);
	run_block_signals();
	if (results_parent(o.out, parent, sizeof(parent), err, sizeof(err)))
		fs_die(FS_EXIT_FAIL, "%s", err);
	results_stamp(stamp, sizeof(stamp));
	{
		char id[256], scenario[320];

		scenario_names(&o, id, sizeof(id), scenario, sizeof(scenario));
		snprintf(name, sizeof(name), "%s-%s", stamp, id);
	}
	err[0] = 0;
	rc = run_and_write(&o, argc, argv, parent, name, final, sizeof(final), err, sizeof(err));
	if (final[0]) {
		printf("results: %s\n", final);
		if (rc == FS_EXIT_OK &&
		    results_update_latest(o.out, final + strlen(o.out) + 1))
			fs_warn("cannot update %s/latest: %s", o.out, strerror(errno));
	}
	if (rc == FS_EXIT_NO_RESOURCE)
		fs_warn("skipped: %s", err);
	else if (rc == FS_EXIT_INTERRUPTED)
		fs_warn("%s", err);
	else if (rc)
		fs_error("%s", err);
	return rc;
}
