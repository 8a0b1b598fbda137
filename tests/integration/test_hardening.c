// SPDX-License-Identifier: GPL-2.0
/*
 * Hardening: the watchdog, signals at random moments of every phase, SysV
 * segments and mlockall after runs that end badly, a kernel refusing a
 * syscall (seccomp), missing gnuplot.  Each check has a negative control
 * showing it can fail.
 */
#include <criterion/criterion.h>
#include <errno.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fs_run.h"

static int count(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static int count(const char *fmt, ...)
{
	char cmd[4096], buf[64] = "";
	va_list ap;
	FILE *p;

	va_start(ap, fmt);
	vsnprintf(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	p = popen(cmd, "r");
	if (p && !fgets(buf, sizeof(buf), p))
		buf[0] = 0;
	if (p)
		pclose(p);
	return atoi(buf);
}

static int shm_segments(void)
{
	return count("ipcs -m | grep -c '^0x'");
}

/* An op that outlives the watchdog's margin (lowered to 0.2 s): the run ends
 * as failed, naming the thread and its op, and writes nothing. */
Test(hardening, watchdog_names_the_stuck_thread_and_op, .timeout = 60)
{
	struct fs_result r;
	char out[PATH_MAX];

	fs_tmpdir(out, sizeof(out));
	/* stop after 0.1 s, in the middle of a 1 GiB populate (~1 s) */
	fs_run(&r, "FAULTSTORM_WATCHDOG_S=0.2 %s",
	       "run --aggressor populate --size 1G --victims fault-anon:1 --duration 0.1 "
	       "--warmup 0 --no-trace --out %s", out);
	cr_expect_eq(r.status, 1, "exit %d: %s", r.status, r.err);
	cr_expect(strstr(r.err, "watchdog: thread populate.0") &&
		  strstr(r.err, "stuck in mmap-populate"), "%s", r.err);
	/* the stuck thread may still write its data: no results at all */
	cr_expect(strstr(r.err, "no results were written"), "%s", r.err);
	cr_expect_eq(count("find %s -mindepth 2 | wc -l", out), 0, "results left behind");
	fs_result_free(&r);

	/* negative control: with the normal margin the same run completes */
	fs_tmpdir(out, sizeof(out));
	fs_run(&r, NULL, "run --aggressor populate --size 1G --victims fault-anon:1 --duration 0.1 "
	       "--warmup 0 --no-trace --out %s", out);
	cr_expect_eq(r.status, 0, "exit %d: %s", r.status, r.err);
	cr_expect(!strstr(r.err, "watchdog"), "%s", r.err);
	fs_result_free(&r);
}

/* A stuck thread ends a suite: the lines after it are not run. */
Test(hardening, watchdog_stops_a_suite, .timeout = 60)
{
	struct fs_result r;
	char out[PATH_MAX], suite[PATH_MAX + 8];
	FILE *f;

	fs_tmpdir(out, sizeof(out));
	snprintf(suite, sizeof(suite), "%s/s", out);
	f = fopen(suite, "w");
	fprintf(f, "--aggressor populate --size 1G\n--victims maps-read:1\n");
	fclose(f);
	fs_run(&r, "FAULTSTORM_WATCHDOG_S=0.2 %s",
	       "suite %s --duration 0.1 --warmup 0 --no-trace --out %s", suite, out);
	cr_expect_eq(r.status, 1, "exit %d: %s", r.status, r.err);
	cr_expect(strstr(r.err, "stopping the suite"), "%s", r.err);
	cr_expect_eq(count("grep -l '\"complete\": false' $(find %s -name suite.json) | wc -l", out),
		     1, "suite.json missing or not marked incomplete");
	cr_expect_eq(count("grep -c maps-read $(find %s -name suite.json)", out), 0,
		     "the line after the stuck one ran");
	cr_expect_eq(count("find %s -name '.*tmp*' | wc -l", out), 0);
	fs_result_free(&r);
}

/* SIGINT/SIGTERM/SIGHUP at random moments of setup, warm-up, measurement
 * and results writing, on locking/SysV/file scenarios and suites: see
 * tests/hardening/signal-trials for what each trial checks. */
Test(hardening, signals_at_random_moments_of_every_phase, .timeout = 240)
{
	char cmd[PATH_MAX + 64];
	int st;

	snprintf(cmd, sizeof(cmd), "tests/hardening/signal-trials %s %s >&2",
		 getenv("FAULTSTORM"), getenv("FS_SIGNAL_TRIALS") ?: "8");
	st = system(cmd);
	cr_expect(WIFEXITED(st) && WEXITSTATUS(st) == 0, "signal trials found a problem (above)");
}

/* shmat-locked killed outright (SIGKILL, no cleanup at all) leaves no SysV
 * segment: it is marked for removal right after shmget. */
Test(hardening, no_sysv_segment_left_even_after_sigkill, .timeout = 60)
{
	char out[PATH_MAX], cmd[PATH_MAX * 2];
	int before, id;

	if (system("command -v ipcs >/dev/null && command -v ipcmk >/dev/null"))
		cr_skip_test("ipcs/ipcmk (util-linux) not installed");
	fs_tmpdir(out, sizeof(out));
	before = shm_segments();
	snprintf(cmd, sizeof(cmd), "%s run --aggressor shmat-locked --size 64M --victims fault-anon:1 "
		 "--duration 20 --warmup 0 --quiet --out %s & pid=$!; sleep 1.5; "
		 "n=$(ipcs -m | grep -c '^0x'); kill -KILL $pid; wait $pid; echo $n",
		 getenv("FAULTSTORM"), out);
	/* positive: while it runs the segment exists */
	cr_expect_gt(count("%s", cmd), before, "no segment while shmat-locked ran: check broken");
	usleep(200000);
	cr_expect_eq(shm_segments(), before, "shmat-locked left a SysV segment (ipcs -m)");

	/* negative control: a segment that is not removed is seen */
	id = count("ipcmk -M 4096 | grep -o '[0-9]*$'");
	cr_expect_eq(shm_segments(), before + 1, "the leak check cannot see a leaked segment");
	snprintf(cmd, sizeof(cmd), "ipcrm -m %d", id);
	cr_expect_eq(system(cmd), 0);
}

/* Within one process a suite runs mlockall, then other scenarios: the lock
 * must be gone once the mlockall line ends (VmLck back to 0). */
Test(hardening, mlockall_is_undone_before_the_next_suite_line, .timeout = 60)
{
	char out[PATH_MAX], suite[PATH_MAX + 8], cmd[PATH_MAX * 3];
	FILE *f, *p;
	long vm, max = 0, last = -1;

	fs_tmpdir(out, sizeof(out));
	snprintf(suite, sizeof(suite), "%s/s", out);
	f = fopen(suite, "w");
	fprintf(f, "--aggressor mlockall --size 64M --victims mmap-churn:1 --duration 1\n"
		   "--victims fault-anon:1 --duration 2.5\n");
	fclose(f);
	/* sample VmLck every 50 ms while the suite runs */
	snprintf(cmd, sizeof(cmd), "%s suite %s --warmup 0 --no-trace --quiet --out %s >/dev/null & "
		 "pid=$!; while kill -0 $pid 2>/dev/null; do "
		 "awk '/VmLck/ { print $2 }' /proc/$pid/status 2>/dev/null; sleep 0.05; done; "
		 "wait $pid; echo exit $?", getenv("FAULTSTORM"), suite, out);
	p = popen(cmd, "r");
	cr_assert(p);
	while (fscanf(p, "%ld", &vm) == 1) {
		if (vm > max)
			max = vm;
		last = vm;
	}
	pclose(p);
	if (max == 0 && count("grep -c -a -E 'AddressSanitizer|ThreadSanitizer' %s",
			      getenv("FAULTSTORM")) > 0)
		cr_skip_test("sanitized build: the sanitizer makes mlockall() a no-op");
	/* the positive control: mlockall really locked (> 64 MiB) */
	cr_expect_gt(max, 64 * 1024, "VmLck never rose above 64 MiB: mlockall did not lock");
	cr_expect_eq(last, 0, "VmLck still %ld kB in the suite's second line", last);
}

/* A kernel without a syscall (io_setup on CONFIG_AIO=n answers ENOSYS): a
 * seccomp filter makes this kernel answer exactly that for faultstorm. */
static int run_without_syscall(int nr, const char *args, char *err, size_t errlen)
{
	struct sock_filter f[] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, (unsigned)nr, 0, 1),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | ENOSYS),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	};
	struct sock_fprog prog = { sizeof(f) / sizeof(f[0]), f };
	char cmd[PATH_MAX * 2], path[64];
	FILE *e;
	int st;
	pid_t pid;

	snprintf(path, sizeof(path), "/tmp/fs-nosys-err.%d", (int)getpid());
	snprintf(cmd, sizeof(cmd), "exec %s %s 2>%s >/dev/null", getenv("FAULTSTORM"), args, path);
	pid = fork();
	if (!pid) {
		if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) ||
		    prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog))
			_exit(99);
		execl("/bin/sh", "sh", "-c", cmd, (char *)NULL);
		_exit(98);
	}
	waitpid(pid, &st, 0);
	err[0] = 0;
	if ((e = fopen(path, "r"))) {
		size_t n = fread(err, 1, errlen - 1, e);

		err[n] = 0;
		fclose(e);
	}
	unlink(path);
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

Test(hardening, kernel_lacking_a_syscall_is_a_skip_with_its_reason, .timeout = 60)
{
	char out[PATH_MAX], args[PATH_MAX + 128], err[4096];
	int rc;

	fs_tmpdir(out, sizeof(out));
	snprintf(args, sizeof(args), "run --aggressor aio-ring --size 1M --duration 0.2 --warmup 0 "
		 "--no-trace --out %s", out);
	rc = run_without_syscall(SYS_io_setup, args, err, sizeof(err));
	cr_assert_neq(rc, 99, "cannot install a seccomp filter here");
	cr_expect_eq(rc, 3, "exit %d: %s", rc, err);
	cr_expect(strstr(err, "aio-ring skipped") && strstr(err, "this kernel lacks it"), "%s", err);
	cr_expect_eq(count("find %s -mindepth 2 -name meta.json | wc -l", out), 0,
		     "a skipped run left results");

	/* negative control: the same filter on a syscall aio-ring never makes */
	fs_tmpdir(out, sizeof(out));
	snprintf(args, sizeof(args), "run --aggressor aio-ring --size 1M --duration 0.2 --warmup 0 "
		 "--no-trace --out %s", out);
	rc = run_without_syscall(SYS_remap_file_pages, args, err, sizeof(err));
	cr_expect_eq(rc, 0, "exit %d: %s", rc, err);
}

/* No gnuplot on PATH: rendering says what to install, writes no report. */
Test(hardening, missing_gnuplot_says_what_to_install, .timeout = 60)
{
	struct fs_result r;
	char out[PATH_MAX], path[PATH_MAX * 2];

	fs_tmpdir(out, sizeof(out));
	fs_run(&r, NULL, "run --victims fault-anon:1 --duration 0.2 --warmup 0 --no-trace --quiet "
	       "--out %s", out);
	cr_assert_eq(r.status, 0, "%s", r.err);
	snprintf(path, sizeof(path), "%s", r.dir);
	fs_result_free(&r);
	/* a PATH holding only a shell: no gnuplot */
	fs_run(&r, "mkdir -p /tmp/fs-nognuplot && ln -sf /bin/sh /tmp/fs-nognuplot/sh && "
		   "PATH=/tmp/fs-nognuplot %s", "compare %s", path);
	cr_expect_eq(r.status, 3, "exit %d (want 3, no resource): %s", r.status, r.err);
	cr_expect(strstr(r.err, "gnuplot") && strstr(r.err, "install gnuplot"), "%s", r.err);
	snprintf(path + strlen(path), sizeof(path) - strlen(path), "/report.html");
	cr_expect(access(path, F_OK), "a report was written without its plots");
	fs_result_free(&r);
	/* with --no-plots it works, and gnuplot is not needed */
	fs_run(&r, "PATH=/tmp/fs-nognuplot %s", "compare --no-plots %.*s", (int)(strlen(path) - 12),
	       path);
	cr_expect_eq(r.status, 0, "%s", r.err);
	fs_result_free(&r);
}

/*
 * Run faultstorm inside a fresh memory cgroup (a child of ours on cgroup v1,
 * whose memory controller hybrid hosts keep there; a child of the root on
 * v2) with the given limit ("max" for none); *peak_kb is the cgroup's peak
 * usage over the process's whole life: what it really allocated.  -1 when no
 * memory cgroup can be made here.
 */
static int cg_run(const char *limit, const char *args, long *peak_kb, char *err, size_t errlen)
{
	char script[8192], path[64];
	FILE *p, *e;
	int st, rc = -1;
	long peak = -1, status = -1;

	snprintf(path, sizeof(path), "/tmp/fs-cg-err.%d", (int)getpid());
	snprintf(script, sizeof(script),
		 "set -u; v1=$(awk '$9 == \"cgroup\" && $NF ~ /(^|,)memory(,|$)/ { print $5; exit }' "
		 "/proc/self/mountinfo); v2=$(awk '$9 == \"cgroup2\" { print $5; exit }' "
		 "/proc/self/mountinfo)\n"
		 "if [ -n \"$v1\" ]; then cg=$v1$(awk -F: '$2 ~ /(^|,)memory(,|$)/ { print $3 }' "
		 "/proc/self/cgroup)/fs-test-$$; lim=memory.limit_in_bytes; pk=memory.max_usage_in_bytes\n"
		 "elif [ -n \"$v2\" ] && grep -qw memory $v2/cgroup.controllers; then "
		 "echo +memory > $v2/cgroup.subtree_control; cg=$v2/fs-test-$$; lim=memory.max; "
		 "pk=memory.peak\nelse exit 99; fi\n"
		 "mkdir $cg || exit 99\n"
		 "if [ %s != max ]; then echo %s > $cg/$lim || { rmdir $cg; exit 99; }; fi\n"
		 "sh -c \"echo \\$\\$ > $cg/cgroup.procs && exec %s %s\" >/dev/null 2>%s; rc=$?\n"
		 "echo $rc $(( $(cat $cg/$pk 2>/dev/null || echo -1024) / 1024 )); rmdir $cg\n",
		 limit, limit, getenv("FAULTSTORM"), args, path);
	p = popen(script, "r");
	if (!p)
		return -1;
	if (fscanf(p, "%ld %ld", &status, &peak) == 2)
		rc = (int)status;
	st = pclose(p);
	if (WIFEXITED(st) && WEXITSTATUS(st) == 99)
		rc = -1;
	*peak_kb = peak;
	err[0] = 0;
	if ((e = fopen(path, "r"))) {
		size_t n = fread(err, 1, errlen - 1, e);

		err[n] = 0;
		fclose(e);
	}
	unlink(path);
	return rc;
}

/* The cgroup's memory limit binds, and a request over it is refused before
 * anything is allocated: the cgroup's peak usage stays under 32 MiB
 * (sanitizer runtimes take ~17 MiB themselves; the requests are 264 MiB+). */
Test(hardening, cgroup_memory_limit_refuses_before_allocating, .timeout = 60)
{
	char out[PATH_MAX], args[PATH_MAX + 200], err[4096];
	long peak;
	int rc;

	fs_tmpdir(out, sizeof(out));
	snprintf(args, sizeof(args), "run --aggressor populate --size 200M --duration 0.3 "
		 "--warmup 0 --no-trace --out %s", out);
	rc = cg_run("256M", args, &peak, err, sizeof(err));
	if (rc < 0)
		cr_skip_test("cannot create a memory cgroup here (not root, or no memory controller)");
	cr_expect_eq(rc, 3, "exit %d: %s", rc, err);
	cr_expect(strstr(err, "the room under the cgroup limit") && strstr(err, "lower --size"),
		  "%s", err);
	cr_expect(peak >= 0 && peak < 32 * 1024, "refused, but the cgroup's peak was %ld KiB", peak);

	/* negative control: under a limit with room, it runs and the peak
	 * shows the populate (the observable can see an allocation) */
	snprintf(args, sizeof(args), "run --aggressor populate --size 64M --duration 0.3 "
		 "--warmup 0 --no-trace --out %s", out);
	rc = cg_run("512M", args, &peak, err, sizeof(err));
	cr_expect_eq(rc, 0, "exit %d: %s", rc, err);
	cr_expect_gt(peak, 64 * 1024, "peak %ld KiB: the populate is not visible", peak);
}

/* The MemAvailable share guard: 1T is refused, and nothing was allocated. */
Test(hardening, memavailable_guard_refuses_before_allocating, .timeout = 60)
{
	char out[PATH_MAX], args[PATH_MAX + 200], err[4096];
	long peak;
	int rc;

	fs_tmpdir(out, sizeof(out));
	snprintf(args, sizeof(args), "run --aggressor locked --size 1T --duration 0.3 --out %s", out);
	rc = cg_run("max", args, &peak, err, sizeof(err));
	if (rc < 0)
		cr_skip_test("cannot create a memory cgroup here (not root, or no memory controller)");
	cr_expect_eq(rc, 3, "exit %d: %s", rc, err);
	cr_expect(strstr(err, "of MemAvailable") && strstr(err, "lower --size"), "%s", err);
	cr_expect(peak >= 0 && peak < 32 * 1024, "refused, but the cgroup's peak was %ld KiB", peak);
}

/*
 * The bad-input table beyond test_bad_input.c: each row is the arguments, the
 * documented exit code and words of the message that name the problem.
 * "@" stands for a scratch directory holding the files made below.
 */
static const struct bad_row {
	const char *args;
	int code;
	const char *msg;
} bad_rows[] = {
	{ "run --duration 1e400", 2, "out of range" },
	{ "run --duration nan", 2, "must be a non-negative number" },
	{ "run --duration inf", 2, "must be a non-negative number" },
	{ "run --duration 1e17", 2, "is too long" },
	{ "run --duration 1e-20", 2, "--duration 1e-20 is out of range" },
	{ "run --warmup -1", 2, "must be a non-negative number" },
	{ "run --outlier 0", 2, "--outlier 0 is out of range" },
	{ "run --size 1.5G", 2, "unknown suffix '.5G'" },
	{ "run --size 0x1000", 2, "unknown suffix" },
	{ "run --size 99999999999999999999999", 2, "too large" },
	{ "run --size 2T", 2, "out of range 4K..1T" },
	{ "run --cpus 0-65535", 2, "names more than" },
	{ "run --cpus ,", 2, "expected a number" },
	{ "run --cpus 0,,1", 2, "expected a number" },
	{ "run --cpus 1-", 2, "range without an end" },
	{ "run --cpus 0,1,0", 2, "names CPU 0 twice" },
	{ "run --cpus -1", 2, "expected a number" },
	{ "run --victims fault-anon:0", 2, "must be 1..64" },
	{ "run --victims fault-anon:99999999999999999999", 2, "bad count" },
	{ "run --victims :3", 2, "bad or empty kind name" },
	{ "run --victims fault-anon:3:4", 2, "must be 1..64" },
	{ "run --victims fault-anon,", 2, "trailing comma" },
	{ "run --victims fault-anon,fault-anon", 2, "given twice" },
	{ "run --repeat 0", 2, "out of range [1, 1000]" },
	{ "run --repeat 1001", 2, "out of range [1, 1000]" },
	{ "run --membind -1", 2, "out of range" },
	{ "run --membind 4096", 2, "out of range" },
	{ "run --mem-share 0", 2, "out of range [1, 95]" },
	{ "run --mem-share 96", 2, "out of range [1, 95]" },
	{ "run --mem-share nan", 2, "is not a number" },
	{ "run --clock foo", 2, "valid: tsc, gettime" },
	{ "run --thp madvise", 2, "valid: never, always, inherit" },
	{ "run --placement diagonal", 2, "valid: compact, spread, numa" },
	{ "run --aggressor populate-file --file-dir /nonexistent", 2, "--file-dir /nonexistent" },
	{ "run --out /dev/null", 1, "choose another --out" },
	{ "run --size", 2, "needs a value" },
	{ "run stray", 2, "unexpected argument 'stray'" },
	{ "suite", 2, "usage: faultstorm suite" },
	{ "suite @/empty", 2, "no scenarios" },
	{ "suite @/comments", 2, "no scenarios" },
	{ "suite @/lines300", 2, ":257: more than 256 scenarios" },
	{ "suite @/longline", 2, ":1: too many arguments" },
	{ "suite @/quote", 2, "quotes and backslashes are not supported" },
	{ "suite @/runword", 2, "unexpected argument 'run'" },
	{ "suite @/help", 2, "--help is not a scenario" },
	{ "suite @", 2, "not a readable text file" },
	{ "suite @/big", 2, "not a readable text file under 1 MiB" },
	{ "suite @/nul", 2, "not a text file" },
	{ "compare /nonexistent", 2, "/nonexistent: No such file" },
	{ "compare @/empty", 2, "not a directory" },
	{ "compare @/emptydir", 2, "no run found" },
	{ "compare @/run-trunc-hgrm", 2, ".hgrm:" },
	{ "compare @/run-no-hist", 2, "fault-anon.0.hgrm: No such file" },
	{ "compare @/run-bad-json", 2, "summary.json: line" },
	{ "compare @/run-no-meta", 2, "meta.json" },
	{ "compare --bogus @", 2, "unknown option" },
	/* not an error: options after the runs, as with any GNU tool */
	{ "compare @/ok @/ok --no-plots --out @/cmp", 0, "baseline:" },
};

Test(hardening, bad_input_table, .timeout = 120)
{
	char dir[PATH_MAX], cmd[PATH_MAX * 4], args[PATH_MAX * 2], out[PATH_MAX];
	struct fs_result r;
	int failed = 0;

	fs_tmpdir(dir, sizeof(dir));
	fs_tmpdir(out, sizeof(out));
	/* a real run to damage, and suite files */
	fs_run(&r, NULL, "run --victims fault-anon:1 --duration 0.1 --warmup 0 --no-trace --quiet "
	       "--out %s/ok", dir);
	cr_assert_eq(r.status, 0, "%s", r.err);
	snprintf(cmd, sizeof(cmd),
		 "set -e; cd %s; R=%s; : >empty; printf '# c\\n\\n' >comments; "
		 "for i in $(seq 300); do echo --smt; done >lines300; "
		 "for i in $(seq 70); do printf -- '--smt '; done >longline; "
		 "echo '--victims \"x\"' >quote; echo 'run --smt' >runword; echo --help >help; "
		 "head -c 1100000 /dev/zero | tr '\\0' '#' >big; printf -- '--smt\\0\\n' >nul; "
		 "mkdir emptydir; for d in run-trunc-hgrm run-no-hist run-bad-json run-no-meta; do "
		 "cp -r $R $d; done; head -c 300 $R/hist/fault-anon.0.hgrm "
		 ">run-trunc-hgrm/hist/fault-anon.0.hgrm; rm -r run-no-hist/hist; "
		 "echo '{\"threads\": [' >run-bad-json/summary.json; rm run-no-meta/meta.json",
		 dir, r.dir);
	cr_assert_eq(system(cmd), 0, "cannot make the bad inputs");
	fs_result_free(&r);
	for (size_t i = 0; i < sizeof(bad_rows) / sizeof(bad_rows[0]); i++) {
		const struct bad_row *b = &bad_rows[i];
		size_t n = 0;

		for (const char *p = b->args; *p && n < sizeof(args) - PATH_MAX; p++) {
			if (*p == '@')
				n += (size_t)snprintf(args + n, sizeof(args) - n, "%s", dir);
			else
				args[n++] = *p;
		}
		args[n] = 0;
		if (strstr(args, "--out ") && !strncmp(args, "run", 3))
			fs_run(&r, NULL, "%s --duration 0.1 --warmup 0 --no-trace", args);
		else if (strstr(args, "--out "))
			fs_run(&r, NULL, "%s", args);
		else if (!strncmp(args, "run", 3) && strcmp(args, "run --size"))
			fs_run(&r, NULL, "%s --duration 0.1 --warmup 0 --no-trace --out %s", args, out);
		else if (!strncmp(args, "suite @", 7) || !strncmp(args, "suite /", 7))
			fs_run(&r, NULL, "%s --out %s", args, out);
		else
			fs_run(&r, NULL, "%s", args);
		/* a usage text may go to stdout */
		if (r.status != b->code || !(strstr(r.err, b->msg) || strstr(r.out, b->msg))) {
			failed++;
			cr_expect_fail("'%s': exit %d (want %d), stderr lacks '%s':\n%s", args, r.status,
				       b->code, b->msg, r.err);
		}
		fs_result_free(&r);
	}
	/* no row left a results directory behind */
	cr_expect_eq(count("find %s -mindepth 2 | wc -l", out), 0, "a bad input left results");
	cr_expect_eq(failed, 0);
}
