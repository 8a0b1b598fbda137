// SPDX-License-Identifier: GPL-2.0
/* Bad input: a clear message naming the problem and the fix, the documented
 * exit code, and no results directory passed off as complete. */
#include <criterion/criterion.h>
#include <dirent.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "fs_run.h"

/* Nothing but (maybe) an empty kernel-release directory under out. */
static int entries_under(const char *out)
{
	char cmd[PATH_MAX + 64], buf[64] = "";
	FILE *p;

	snprintf(cmd, sizeof(cmd), "find %s -mindepth 2 | wc -l", out);
	p = popen(cmd, "r");
	if (!p || !fgets(buf, sizeof(buf), p))
		buf[0] = 0;
	if (p)
		pclose(p);
	return atoi(buf);
}

static void expect_refusal(const char *args, int code, const char *msg)
{
	struct fs_result r;
	char out[PATH_MAX];

	fs_tmpdir(out, sizeof(out));
	fs_run(&r, NULL, "%s --out %s", args, out);
	cr_expect_eq(r.status, code, "'%s': exit %d, want %d\n%s", args, r.status, code, r.err);
	cr_expect(strstr(r.err, msg), "'%s': stderr lacks '%s':\n%s", args, msg, r.err);
	cr_expect_eq(entries_under(out), 0, "'%s' left results behind", args);
	fs_result_free(&r);
}

Test(bad_input, unknown_scenario_lists_valid_names)
{
	expect_refusal("run --aggressor populat", 2, "unknown aggressor 'populat'; valid: none, populate");
	expect_refusal("run --victims fault:1", 2, "unknown victim 'fault'; valid: fault-anon");
}

Test(bad_input, sizes)
{
	expect_refusal("run --size 0", 2, "--size 0 is out of range 4K..1T");
	expect_refusal("run --size 18446744073709551616", 2, "too large");
	expect_refusal("run --size 64Z", 2, "unknown suffix");
	expect_refusal("run --size -1G", 2, "must start with a digit");
	expect_refusal("run --size 4097", 2, "not a multiple");
}

Test(bad_input, too_little_memory_is_refused_before_allocating, .timeout = 20)
{
	/* 1T is within --size's range but far beyond half of MemAvailable */
	expect_refusal("run --aggressor populate --size 1T --duration 1", 3,
		       "lower --size, or raise --mem-share");
}

Test(bad_input, cpu_list_and_numa_node)
{
	expect_refusal("run --cpus 5000 --duration 0.1", 2, "CPU 5000 does not exist");
	expect_refusal("run --cpus 1-0", 2, "runs backwards");
	expect_refusal("run --membind 63 --duration 0.1", 2, "--membind 63: no such NUMA node");
}

Test(bad_input, unknown_command_and_option)
{
	expect_refusal("frobnicate", 2, "unknown command 'frobnicate'");
	expect_refusal("run --sizes 1G", 2, "unknown option '--sizes'");
}

Test(bad_input, suite_errors_name_file_and_line)
{
	char out[PATH_MAX], path[PATH_MAX + 16], msg[PATH_MAX + 64];
	FILE *f;

	fs_tmpdir(out, sizeof(out));
	snprintf(path, sizeof(path), "%s/s", out);
	f = fopen(path, "w");
	fprintf(f, "--aggressor none\n# fine\n--aggressor populate --size 3X\n");
	fclose(f);
	snprintf(msg, sizeof(msg), "%s:3: --size", path);
	{
		char args[PATH_MAX * 2];

		snprintf(args, sizeof(args), "suite %s", path);
		expect_refusal(args, 2, msg);
	}
	expect_refusal("suite /nonexistent/suite", 2, "cannot open suite /nonexistent/suite");
}

Test(bad_input, unwritable_out_names_the_flag)
{
	struct fs_result r;

	fs_run(&r, NULL, "run --duration 0.1 --out /proc/faultstorm");
	cr_expect_eq(r.status, 1, "%s", r.err);
	cr_expect(strstr(r.err, "choose another --out"), "%s", r.err);
	fs_result_free(&r);
}

Test(bad_input, full_disk_leaves_nothing_behind, .timeout = 60)
{
	struct fs_result r;
	char mnt[PATH_MAX], cmd[PATH_MAX + 128];

	fs_tmpdir(mnt, sizeof(mnt));
	snprintf(cmd, sizeof(cmd), "mount -t tmpfs -o size=24k tmpfs %s", mnt);
	if (system(cmd))
		cr_skip_test("cannot mount a tmpfs here (not root?)");
	/* room for the directories, not for meta.json, summary and histograms */
	fs_run(&r, NULL, "run --victims fault-anon:1,mmap-churn:1 --duration 0.3 --warmup 0 --out %s",
	       mnt);
	cr_expect_eq(r.status, 1, "%s", r.err);
	cr_expect(strstr(r.err, "nothing was kept"), "%s", r.err);
	cr_expect_eq(entries_under(mnt), 0, "a partial results dir was left on the full disk");
	snprintf(cmd, sizeof(cmd), "umount %s", mnt);
	cr_expect_eq(system(cmd), 0);
	fs_result_free(&r);
}

Test(bad_input, no_cap_ipc_lock_says_what_to_do, .timeout = 30)
{
	struct fs_result r;
	char out[PATH_MAX];

	if (system("command -v setpriv >/dev/null"))
		cr_skip_test("setpriv (util-linux) not installed");
	fs_tmpdir(out, sizeof(out));
	/* nobody, no capabilities, a 64 KiB memlock limit */
	fs_run(&r, "prlimit --memlock=65536 setpriv --reuid=65534 --regid=65534 --clear-groups "
		   "--inh-caps=-all %s",
	       "run --aggressor locked --size 64M --duration 0.5 --out %s", out);
	cr_expect_eq(r.status, 3, "exit %d: %s", r.status, r.err);
	cr_expect(strstr(r.err, "needs CAP_IPC_LOCK") && strstr(r.err, "ulimit -l"), "%s", r.err);
	fs_result_free(&r);
}
