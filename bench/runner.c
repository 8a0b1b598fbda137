// SPDX-License-Identifier: GPL-2.0
/* The runner: threads, placement, start gate, warm-up, measurement, stop. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "clock.h"
#include "error.h"
#include "evidence.h"
#include "runner.h"
#include "safety.h"

#define WATCHDOG_MIN_NS (30ull * 1000000000ull)

bool runner_stuck;

void run_block_signals(void)
{
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGHUP);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
}

void scenario_names(const struct options *opt, char *id, size_t idlen, char *name, size_t namelen)
{
	char size[32];
	size_t n;

	format_size(opt->size, size, sizeof(size));
	if (!strcmp(opt->aggressor, "none"))
		n = (size_t)snprintf(id, idlen, "none");
	else
		n = (size_t)snprintf(id, idlen, "%s-%s", opt->aggressor, size);
	for (int i = 0; i < opt->victims.nkinds && n < idlen; i++)
		n += (size_t)snprintf(id + n, idlen - n, ".%s%d", opt->victims.name[i],
				      opt->victims.count[i]);
	snprintf(name, namelen, "%s+%s%s%s", opt->aggressor, opt->victims_spec,
		 strcmp(opt->aggressor, "none") ? " size=" : "",
		 strcmp(opt->aggressor, "none") ? size : "");
}

static void read_thp_mode(char *buf, size_t len)
{
	char line[128], *a, *b;
	FILE *f = fopen("/sys/kernel/mm/transparent_hugepage/enabled", "r");

	snprintf(buf, len, "unavailable");
	if (!f)
		return;
	if (fgets(line, sizeof(line), f) && (a = strchr(line, '[')) && (b = strchr(a, ']'))) {
		*b = 0;
		snprintf(buf, len, "%s", a + 1);
	}
	fclose(f);
}

/*
 * The timeline is allocated and pre-faulted before the gate opens: growing it
 * during the run would mmap or brk, taking mmap_lock for write from inside a
 * victim -- a writer that the scenario never asked for, queueing behind
 * populate and stalling every faulter behind it.  When it is full, further
 * entries are counted as dropped (meta.json says how many).
 */
static void timeline_add(struct fs_thread *t, uint16_t idx, uint64_t start, uint64_t lat, uint8_t step)
{
	if (t->tl_len == t->tl_cap) {
		t->tl_dropped++;
		return;
	}
	t->tl[t->tl_len++] = (struct tl_entry){ start, lat, idx, step };
}

/* Room for an entry every --outlier of measured time (the most a victim can
 * produce), at least 4096, at most 1M (24 MiB) per thread. */
static size_t timeline_capacity(const struct options *o)
{
	double n = (double)o->repeat * (double)o->duration_ns / (double)o->outlier_ns + 1024;

	return n < 4096 ? 4096 : n > (1 << 20) ? 1 << 20 : (size_t)n;
}

int run_prepare(struct run *run, const struct options *opt, int argc, char **argv)
{
	char err[256];
	int nvictims = 0, n = 0, rc;
	struct place *places;

	memset(run, 0, sizeof(*run));
	run->opt = opt;
	run->argc = argc;
	run->argv = argv;
	run->agg = aggressor_find(opt->aggressor);
	scenario_names(opt, run->id, sizeof(run->id), run->scenario, sizeof(run->scenario));
	read_thp_mode(run->thp_system, sizeof(run->thp_system));

	if (run->agg->unsupported && run->agg->unsupported()) {
		snprintf(run->error, sizeof(run->error), "aggressor %s skipped: %s", run->agg->name,
			 run->agg->unsupported());
		return FS_EXIT_NO_RESOURCE;
	}
	for (int k = 0; k < opt->victims.nkinds; k++) {
		const struct victim *v = victim_find(opt->victims.name[k]);

		if (v->unsupported && v->unsupported()) {
			snprintf(run->error, sizeof(run->error), "victim %s skipped: %s", v->name,
				 v->unsupported());
			return FS_EXIT_NO_RESOURCE;
		}
		nvictims += opt->victims.count[k];
	}
	rc = safety_check(opt, run->agg, nvictims, run->error, sizeof(run->error));
	if (rc)
		return rc;

	run->topo = topo_load(NULL, err, sizeof(err));
	if (!run->topo) {
		snprintf(run->error, sizeof(run->error), "cannot read this machine's topology: %s", err);
		return FS_EXIT_FAIL;
	}
	run->nthreads = nvictims + (run->agg->op ? 1 : 0);
	run->threads = aligned_alloc(64, sizeof(*run->threads) * (size_t)run->nthreads);
	places = calloc((size_t)run->nthreads, sizeof(*places));
	if (!run->threads || !places) {
		free(places);
		snprintf(run->error, sizeof(run->error), "out of memory for %d threads", run->nthreads);
		return FS_EXIT_FAIL;
	}
	memset(run->threads, 0, sizeof(*run->threads) * (size_t)run->nthreads);
	if (topo_place(run->topo, opt->placement, run->agg->op != NULL,
		       opt->ncpus ? opt->cpus : NULL, opt->ncpus, opt->smt, run->nthreads, places,
		       err, sizeof(err))) {
		free(places);
		snprintf(run->error, sizeof(run->error), "--cpus/--placement: %s", err);
		return FS_EXIT_USAGE;
	}
	if (run->agg->op) {
		struct fs_thread *t = &run->threads[n];

		t->agg = run->agg;
		t->role = "aggressor";
		t->kind = run->agg->name;
		t->op = run->agg->op_name;
		t->reset_op = run->agg->reset ? run->agg->reset_name : NULL;
		t->place = places[n++];
		snprintf(t->name, sizeof(t->name), "%s.0", run->agg->name);
	}
	for (int k = 0; k < opt->victims.nkinds; k++) {
		for (int i = 0; i < opt->victims.count[k]; i++) {
			struct fs_thread *t = &run->threads[n];

			t->vic = victim_find(opt->victims.name[k]);
			t->role = "victim";
			t->kind = t->op = t->vic->name;
			t->kind_index = (unsigned)i;
			t->place = places[n++];
			snprintf(t->name, sizeof(t->name), "%s.%d", t->vic->name, i);
		}
	}
	free(places);
	for (int i = 0; i < run->nthreads; i++) {
		struct fs_thread *t = &run->threads[i];

		t->hist = calloc((size_t)opt->repeat, sizeof(*t->hist));
		t->reset_hist = calloc((size_t)opt->repeat, sizeof(*t->reset_hist));
		t->tl_cap = timeline_capacity(opt);
		t->tl = mmap(NULL, t->tl_cap * sizeof(*t->tl), PROT_READ | PROT_WRITE,
			     MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
		if (t->tl == MAP_FAILED) {
			t->tl = NULL;
			t->tl_cap = 0;
		}
		if (!t->hist || !t->reset_hist || !t->tl) {
			snprintf(run->error, sizeof(run->error), "out of memory");
			return FS_EXIT_FAIL;
		}
	}
	run->measured_ns = calloc((size_t)opt->repeat, sizeof(*run->measured_ns));
	if (!run->measured_ns) {
		snprintf(run->error, sizeof(run->error), "out of memory");
		return FS_EXIT_FAIL;
	}
	return FS_EXIT_OK;
}

struct thread_arg {
	struct run *run;
	int index;
	int repeat;
};

static int load_phase(struct run *run)
{
	return __atomic_load_n(&run->phase, __ATOMIC_ACQUIRE);
}

/*
 * An op counts when it overlaps the measured phase: the loop never starts one
 * after the stop, so that is "the phase read when it ended is MEASURE or
 * STOP".  An op that began in the warm-up and ended in the measured phase --
 * a populate, a victim stalled behind one -- is a real latency of that phase.
 */
static bool overlaps_measure(int phase_at_end)
{
	return phase_at_end >= PHASE_MEASURE;
}

static void aggressor_loop(struct run *run, struct fs_thread *t, uint16_t idx, int rep)
{
	struct histogram *h = t->hist[rep], *hr = t->reset_hist[rep];

	while (load_phase(run) != PHASE_STOP) {
		uint64_t a, b;
		int r;

		a = clock_now();
		__atomic_store_n(&t->op_started, a, __ATOMIC_RELAXED);
		r = t->agg->op(&t->ctx);
		b = clock_now();
		if (r) {
			t->status = r;
			break;
		}
		if (overlaps_measure(load_phase(run))) {
			hist_record(h, clock_delta_ns(a, b));
			timeline_add(t, idx, a, clock_delta_ns(a, b), 0);
		}
		if (!t->agg->reset)
			continue;
		a = clock_now();
		r = t->agg->reset(&t->ctx);
		b = clock_now();
		if (r) {
			t->status = r;
			break;
		}
		if (overlaps_measure(load_phase(run))) {
			hist_record(hr, clock_delta_ns(a, b));
			timeline_add(t, idx, a, clock_delta_ns(a, b), 1);
		}
	}
	__atomic_store_n(&t->op_started, 0, __ATOMIC_RELAXED);
}

/* The hot loop: one phase load, two clock reads, one histogram store per op. */
static void victim_loop(struct run *run, struct fs_thread *t, uint16_t idx, int rep)
{
	struct histogram *h = t->hist[rep];
	const uint64_t outlier = run->opt->outlier_ns;
	int (*op)(struct scenario_ctx *) = t->vic->op;
	int ph = load_phase(run);

	while (ph != PHASE_STOP) {
		uint64_t a, b, lat;
		int r;

		a = clock_now();
		r = op(&t->ctx);
		b = clock_now();
		/* the one phase load per op: it judges this op and gates the next */
		ph = load_phase(run);
		if (r < 0) {
			t->status = r;
			break;
		}
		if (overlaps_measure(ph)) {
			lat = clock_delta_ns(a, b);
			hist_record(h, lat);
			if (lat >= outlier)
				timeline_add(t, idx, a, lat, 0);
		}
		if (r == FS_OP_RECYCLE && t->vic->recycle) {
			r = t->vic->recycle(&t->ctx);
			if (r < 0) {
				t->status = r;
				break;
			}
		}
	}
}

static void *thread_main(void *arg)
{
	struct thread_arg *ta = arg;
	struct run *run = ta->run;
	struct fs_thread *t = &run->threads[ta->index];
	int rep = ta->repeat, r;

	t->tid = (pid_t)syscall(SYS_gettid);
	r = topo_bind_self(run->topo, &t->place, (int)run->opt->membind);
	if (r) {
		t->status = r;
		t->setup_failed = true;
		snprintf(t->ctx.why, sizeof(t->ctx.why), "cannot bind to CPU %d%s: %s",
			 t->place.cpu, run->opt->membind >= 0 ? " and --membind node" : "",
			 strerror(-r));
	}
	/* allocated after binding, so the histogram's pages are node-local */
	/* aligned_alloc wants a size that is a multiple of the alignment
	 * (C11; ASan refuses anything else) */
	t->hist[rep] = aligned_alloc(64, (sizeof(struct histogram) + 63) & ~(size_t)63);
	t->reset_hist[rep] = aligned_alloc(64, (sizeof(struct histogram) + 63) & ~(size_t)63);
	if (!t->hist[rep] || !t->reset_hist[rep]) {
		t->status = -ENOMEM;
		t->setup_failed = true;
		snprintf(t->ctx.why, sizeof(t->ctx.why), "out of memory for histograms");
	} else {
		hist_init(t->hist[rep]);
		hist_init(t->reset_hist[rep]);
	}
	if (!t->setup_failed) {
		int (*setup)(struct scenario_ctx *) = t->agg ? t->agg->setup : t->vic->setup;

		r = setup ? setup(&t->ctx) : 0;
		if (r) {
			t->status = r;
			t->setup_failed = true;
		}
	}
	pthread_barrier_wait(&run->ready);
	pthread_barrier_wait(&run->go);
	if (!t->setup_failed && load_phase(run) != PHASE_STOP) {
		if (t->agg)
			aggressor_loop(run, t, (uint16_t)ta->index, rep);
		else
			victim_loop(run, t, (uint16_t)ta->index, rep);
	}
	/* A victim's teardown munmap is a write of mmap_lock: let no thread
	 * tear down while another may still be measuring, or its last op would
	 * queue behind that munmap queued behind the aggressor's last populate. */
	pthread_barrier_wait(&run->stopped);
	if (t->agg && t->agg->report && rep == run->opt->repeat - 1 && !t->setup_failed) {
		t->ctx.report = json_object();
		t->agg->report(&t->ctx);
	}
	if (t->agg ? t->agg->teardown != NULL : t->vic->teardown != NULL)
		(t->agg ? t->agg->teardown : t->vic->teardown)(&t->ctx);
	return NULL;
}

/* Wait up to ns for SIGINT/SIGTERM/SIGHUP; true if one came. */
static bool wait_signal(struct run *run, uint64_t ns)
{
	sigset_t set;
	struct timespec ts = { (time_t)(ns / 1000000000ull), (long)(ns % 1000000000ull) };
	int sig;

	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGHUP);
	do {
		sig = sigtimedwait(&set, NULL, &ts);
	} while (sig < 0 && errno == EINTR);
	if (sig > 0) {
		run->interrupted = true;
		run->signal = sig;
		return true;
	}
	return false;
}

static void utc_now(char *buf, size_t len)
{
	struct timespec ts;
	struct tm tm;

	clock_gettime(CLOCK_REALTIME, &ts);
	gmtime_r(&ts.tv_sec, &tm);
	strftime(buf, len, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/*
 * Join every thread, but never hang: a thread still inside one op long after
 * the stop is reported by name, with the op and for how long, and the run
 * ends as failed.
 */
static bool join_all(struct run *run, uint64_t limit_ns)
{
	uint64_t deadline = mono_ns() + limit_ns;

	for (int i = 0; i < run->nthreads; i++) {
		struct fs_thread *t = &run->threads[i];
		struct timespec ts;
		uint64_t d = deadline;

		clock_gettime(CLOCK_REALTIME, &ts);
		d = (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec +
		    (deadline > mono_ns() ? deadline - mono_ns() : 0);
		ts.tv_sec = (time_t)(d / 1000000000ull);
		ts.tv_nsec = (long)(d % 1000000000ull);
		if (pthread_timedjoin_np(t->pthread, NULL, &ts) == ETIMEDOUT) {
			uint64_t s = __atomic_load_n(&t->op_started, __ATOMIC_RELAXED);

			snprintf(run->error, sizeof(run->error),
				 "watchdog: thread %s (CPU %d) is stuck in %s for %.1f s after the stop",
				 t->name, t->place.cpu, t->op,
				 s ? (double)clock_delta_ns(s, clock_now()) / 1e9 : 0.0);
			runner_stuck = true;
			/* never to be joined: let them go (and say so to TSan) */
			for (int j = i; j < run->nthreads; j++)
				pthread_detach(run->threads[j].pthread);
			return false;
		}
	}
	return true;
}

/* What a stuck thread may still touch, kept reachable from globals so that
 * leak checkers (LSan) see memory kept on purpose, not lost. */
static struct run kept_run __attribute__((used));
static struct thread_arg *kept_args __attribute__((used));

/* How long after the stop a thread may take to finish its op: max(30 s,
 * --duration), or FAULTSTORM_WATCHDOG_S seconds, so that tests can make an
 * op overrun it without waiting half a minute. */
static uint64_t watchdog_margin_ns(const struct options *opt)
{
	const char *env = getenv("FAULTSTORM_WATCHDOG_S");
	double s = env && *env ? atof(env) : 0;

	if (s > 0 && s < 86400)
		return (uint64_t)(s * 1e9);
	return opt->duration_ns > WATCHDOG_MIN_NS ? opt->duration_ns : WATCHDOG_MIN_NS;
}

static int run_one_repeat(struct run *run, int rep)
{
	const struct options *opt = run->opt;
	struct thread_arg *args = calloc((size_t)run->nthreads, sizeof(*args));
	uint64_t measure_start;
	int rc = FS_EXIT_OK;

	if (!args) {
		snprintf(run->error, sizeof(run->error), "out of memory");
		return FS_EXIT_FAIL;
	}
	__atomic_store_n(&run->phase, PHASE_SETUP, __ATOMIC_RELEASE);
	pthread_barrier_init(&run->ready, NULL, (unsigned)run->nthreads + 1);
	pthread_barrier_init(&run->go, NULL, (unsigned)run->nthreads + 1);
	pthread_barrier_init(&run->stopped, NULL, (unsigned)run->nthreads);
	for (int i = 0; i < run->nthreads; i++) {
		struct fs_thread *t = &run->threads[i];

		memset(&t->ctx, 0, sizeof(t->ctx));
		t->ctx.size = opt->size;
		t->ctx.index = t->kind_index;
		t->ctx.thp = opt->thp;
		t->ctx.file_dir = opt->file_dir;
		t->ctx.page_size = (size_t)sysconf(_SC_PAGESIZE);
		t->status = 0;
		t->setup_failed = false;
		t->op_started = 0;
		args[i] = (struct thread_arg){ run, i, rep };
		errno = pthread_create(&t->pthread, NULL, thread_main, &args[i]);
		if (errno) {
			/* threads already made wait at the barrier: cannot recover cleanly */
			fs_die(FS_EXIT_FAIL, "cannot create thread %s: %s", t->name, strerror(errno));
		}
	}
	pthread_barrier_wait(&run->ready);
	for (int i = 0; i < run->nthreads; i++) {
		struct fs_thread *t = &run->threads[i];

		if (t->setup_failed && rc == FS_EXIT_OK) {
			snprintf(run->error, sizeof(run->error), "%s %s skipped: %s", t->role, t->kind,
				 t->ctx.why[0] ? t->ctx.why : strerror(-t->status));
			rc = FS_EXIT_NO_RESOURCE;
		}
	}
	/* evidence: threads exist, are pinned and have tids; the gate is closed */
	if (rc == FS_EXIT_OK) {
		uint64_t now = mono_ns();

		if (rep == 0) {
			run->t0_mono = now;
			utc_now(run->start_utc, sizeof(run->start_utc));
		}
		__atomic_store_n(&run->phase, opt->warmup_ns ? PHASE_WARMUP : PHASE_MEASURE,
				 __ATOMIC_RELEASE);
		evidence_attach(run, rep);
	} else {
		__atomic_store_n(&run->phase, PHASE_STOP, __ATOMIC_RELEASE);
	}
	pthread_barrier_wait(&run->go);
	if (rc == FS_EXIT_OK) {
		if (opt->warmup_ns && !wait_signal(run, opt->warmup_ns))
			__atomic_store_n(&run->phase, PHASE_MEASURE, __ATOMIC_RELEASE);
		evidence_measure(run);
		measure_start = mono_ns();
		if (!run->interrupted)
			wait_signal(run, opt->duration_ns);
		__atomic_store_n(&run->phase, PHASE_STOP, __ATOMIC_RELEASE);
		run->measured_ns[rep] = mono_ns() - measure_start;
		evidence_stop(run);
	}
	if (!join_all(run, watchdog_margin_ns(opt))) {
		/* args stays allocated: the stuck thread still reads it */
		kept_run = *run;
		kept_args = args;
		run->failed = true;
		return FS_EXIT_FAIL;
	}
	/* after the join: the ops in flight at the stop have released mmap_lock */
	evidence_detach(run);
	pthread_barrier_destroy(&run->ready);
	pthread_barrier_destroy(&run->go);
	pthread_barrier_destroy(&run->stopped);
	for (int i = 0; i < run->nthreads && rc == FS_EXIT_OK; i++) {
		struct fs_thread *t = &run->threads[i];

		if (t->status == -ENOSYS || t->status == -EOPNOTSUPP) {
			/* a kernel built without the syscall (no AIO, no SysV IPC): a
			 * skip with its reason, not a failure of the run */
			snprintf(run->error, sizeof(run->error), "%s %s skipped: %s (this kernel "
				 "lacks it)", t->role, t->kind,
				 t->ctx.why[0] ? t->ctx.why : strerror(-t->status));
			rc = FS_EXIT_NO_RESOURCE;
		} else if (t->status) {
			snprintf(run->error, sizeof(run->error), "%s %s failed: %s", t->role, t->name,
				 t->ctx.why[0] ? t->ctx.why : strerror(-t->status));
			run->failed = true;
			rc = FS_EXIT_FAIL;
		}
		if (t->ctx.report) {
			run->report = t->ctx.report;
			t->ctx.report = NULL;
		}
	}
	free(args);
	return rc;
}

int run_execute(struct run *run)
{
	int rc = FS_EXIT_OK;

	for (int rep = 0; rep < run->opt->repeat; rep++) {
		rc = run_one_repeat(run, rep);
		if (rc != FS_EXIT_OK)
			break;
		run->repeats_done = rep + 1;
		if (run->interrupted) {
			rc = FS_EXIT_INTERRUPTED;
			break;
		}
	}
	utc_now(run->end_utc, sizeof(run->end_utc));
	return rc;
}

void run_destroy(struct run *run)
{
	if (runner_stuck)
		return;	/* a stuck thread may still use all of it; exit frees it */
	for (int i = 0; run->threads && i < run->nthreads; i++) {
		struct fs_thread *t = &run->threads[i];

		for (int r = 0; r < run->opt->repeat; r++) {
			if (t->hist)
				free(t->hist[r]);
			if (t->reset_hist)
				free(t->reset_hist[r]);
		}
		free(t->hist);
		free(t->reset_hist);
		if (t->tl)
			munmap(t->tl, t->tl_cap * sizeof(*t->tl));
	}
	evidence_free(run);
	free(run->threads);
	free(run->measured_ns);
	if (run->report)
		json_decref(run->report);
	if (run->topo)
		topo_free(run->topo);
	memset(run, 0, sizeof(*run));
}
