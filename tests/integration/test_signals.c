// SPDX-License-Identifier: GPL-2.0
/* SIGINT/SIGTERM/SIGHUP mid-run: partial results kept and marked incomplete,
 * exit 4, no temporary directory left, and a suite stops cleanly. */
#include <criterion/criterion.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "fs_run.h"

/* Start faultstorm with args, send sig after delay_ms, return its exit code. */
static int run_and_signal(const char *out, int sig, int delay_ms, char *const args[])
{
	char *argv[32];
	int n = 0, st;
	pid_t pid;

	argv[n++] = getenv("FAULTSTORM");
	for (int i = 0; args[i]; i++)
		argv[n++] = args[i];
	argv[n++] = "--out";
	argv[n++] = (char *)out;
	argv[n++] = "--quiet";
	argv[n] = NULL;
	pid = fork();
	cr_assert_neq(pid, -1);
	if (!pid) {
		freopen("/dev/null", "w", stdout);
		execv(argv[0], argv);
		_exit(127);
	}
	usleep((useconds_t)delay_ms * 1000);
	kill(pid, sig);
	waitpid(pid, &st, 0);
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

static int count(const char *cmd)
{
	char buf[64] = "";
	FILE *p = popen(cmd, "r");

	if (p && !fgets(buf, sizeof(buf), p))
		buf[0] = 0;
	if (p)
		pclose(p);
	return atoi(buf);
}

static void check_interrupted_run(const char *out, const char *signame)
{
	char cmd[PATH_MAX + 128], path[PATH_MAX];
	json_t *meta;
	json_error_t je;
	FILE *p;

	snprintf(cmd, sizeof(cmd), "find %s -name '.*tmp*' | wc -l", out);
	cr_expect_eq(count(cmd), 0, "a temporary directory was left behind");
	snprintf(cmd, sizeof(cmd), "find %s -name meta.json", out);
	p = popen(cmd, "r");
	cr_assert(p && fgets(path, sizeof(path), p), "no meta.json: partial results were lost");
	pclose(p);
	path[strcspn(path, "\n")] = 0;
	meta = json_load_file(path, 0, &je);
	cr_assert(meta, "meta.json unreadable: %s", je.text);
	cr_expect(json_is_false(json_object_get(meta, "complete")), "interrupted run marked complete");
	cr_expect(strstr(json_string_value(json_object_get(meta, "interrupted_by")), signame),
		  "interrupted_by is not %s", signame);
	json_decref(meta);
}

Test(signals, sigint_mid_run_keeps_partial_results, .timeout = 30)
{
	char out[PATH_MAX];
	char *args[] = { "run", "--aggressor", "populate", "--victims", "fault-anon:1,mmap-churn:1",
			 "--size", "64M", "--duration", "30", "--warmup", "0.2", NULL };

	fs_tmpdir(out, sizeof(out));
	cr_expect_eq(run_and_signal(out, SIGINT, 1500, args), 4);
	check_interrupted_run(out, "Interrupt");
}

Test(signals, sigterm_under_mlockall_during_warmup, .timeout = 30)
{
	char out[PATH_MAX];
	char *args[] = { "run", "--aggressor", "mlockall", "--victims", "mmap-churn:1", "--size",
			 "64M", "--duration", "30", "--warmup", "10", NULL };

	fs_tmpdir(out, sizeof(out));
	cr_expect_eq(run_and_signal(out, SIGTERM, 1000, args), 4);
	check_interrupted_run(out, "Terminated");
}

Test(signals, sighup_stops_a_suite_which_says_so, .timeout = 60)
{
	char out[PATH_MAX], suite[PATH_MAX + 8], cmd[PATH_MAX + 128];
	char *args[] = { "suite", suite, "--duration", "1", "--warmup", "0", NULL };
	FILE *f;

	fs_tmpdir(out, sizeof(out));
	snprintf(suite, sizeof(suite), "%s/s", out);
	f = fopen(suite, "w");
	fprintf(f, "--victims fault-anon:1\n--victims mmap-churn:1\n--victims maps-read:1\n");
	fclose(f);
	cr_expect_eq(run_and_signal(out, SIGHUP, 1500, args), 4);
	snprintf(cmd, sizeof(cmd), "grep -l '\"complete\": false' $(find %s -name suite.json) | wc -l",
		 out);
	cr_expect_eq(count(cmd), 1, "suite.json missing or not marked incomplete");
	snprintf(cmd, sizeof(cmd), "find %s -name '.*tmp*' | wc -l", out);
	cr_expect_eq(count(cmd), 0);
	snprintf(cmd, sizeof(cmd), "test -e %s/latest && echo 1", out);
	cr_expect_eq(count(cmd), 0, "latest points at an interrupted suite");
}
