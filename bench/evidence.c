// SPDX-License-Identifier: GPL-2.0
/* Kernel-side evidence through libperf: counters, mmap_lock tracepoints,
 * stall attribution (evidence.h). */
#include "evidence.h"

#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <linux/perf_event.h>
#include <perf/core.h>
#include <perf/cpumap.h>
#include <perf/event.h>
#include <perf/evlist.h>
#include <perf/evsel.h>
#include <perf/mmap.h>
#include <perf/threadmap.h>
#include <tracefs.h>

#include "attrib.h"
#include "clock.h"
#include "histogram.h"
#include "lockfmt.h"
#include "lockpair.h"
#include "parse.h"
#include "runner.h"

enum ctr { C_PF_MIN, C_PF_MAJ, C_CS, C_MIGR, C_TASK_CLOCK, C_CYCLES, C_INSNS, C_NR };

static const struct {
	const char *name;
	uint32_t type;
	uint64_t config;
} ctr_def[C_NR] = {
	{ "page-faults-min", PERF_TYPE_SOFTWARE, PERF_COUNT_SW_PAGE_FAULTS_MIN },
	{ "page-faults-maj", PERF_TYPE_SOFTWARE, PERF_COUNT_SW_PAGE_FAULTS_MAJ },
	{ "context-switches", PERF_TYPE_SOFTWARE, PERF_COUNT_SW_CONTEXT_SWITCHES },
	{ "cpu-migrations", PERF_TYPE_SOFTWARE, PERF_COUNT_SW_CPU_MIGRATIONS },
	{ "task-clock-ns", PERF_TYPE_SOFTWARE, PERF_COUNT_SW_TASK_CLOCK },
	{ "cycles", PERF_TYPE_HARDWARE, PERF_COUNT_HW_CPU_CYCLES },
	{ "instructions", PERF_TYPE_HARDWARE, PERF_COUNT_HW_INSTRUCTIONS },
};

/*
 * Intervals shorter than 1 us are counted in the histograms but not kept for
 * attribution: a victim outlier is >= 100 us by default, so such holds can
 * explain at most a sliver of it, and keeping every uncontended 100 ns hold
 * of a churning victim would cost hundreds of MB.  What they would have
 * explained shows as "holder not traced".
 */
#define KEEP_MIN_NS 1000
#define KEEP_MAX (4u << 20)		/* 4 Mi intervals, 96 MiB */
#define RING_PAGES 256			/* 1 MiB per thread */
#define POLL_MS 50

struct evidence {
	int nthreads;
	bool trace_wanted;
	char counters[320];		/* "ok" or why not */
	char tracing[512];
	char contention[256];		/* lock:contention_* : "ok" or why not */
	char note[256];			/* what we did to get here, e.g. mounted tracefs */
	char tracefs[PATH_MAX];

	/* counters, reopened every repeat (new threads, new tids) */
	struct perf_cpu_map *any_cpu;
	struct perf_thread_map *tmap;
	struct perf_evsel *ctr[C_NR];
	char ctr_why[C_NR][256];	/* "" while counting */
	uint64_t (*val)[C_NR];		/* [thread], summed over repeats */
	bool counters_ok;

	/* tracing */
	bool fmt_ready;
	struct lockfmt fmt;
	struct perf_evlist *tev;
	bool tev_open;
	pthread_t reader;
	bool reader_running;
	int reader_stop;
	pid_t *tids;
	struct lockpair lp;
	bool lp_ready;
	uint64_t samples, lost, lost_records, undecoded, foreign, throttled, switches;

	/* per repeat, CLOCK_MONOTONIC ns: tracing began (the gate), measuring
	 * began, tracing ended */
	uint64_t *t_gate, *t_measure, *t_end;
	int rep;

	/* analysis, made once after the last repeat */
	bool analyzed;
	struct at_outlier *outl;
	struct at_result *res;
	size_t nout;
	struct at_op *ops;
	size_t nops;		/* recorded aggressor ops ... */
	size_t nops_all;	/* ... and the warm-up stand-ins after them */
	struct at_table table;
	struct vtable *vt;	/* the same per victim op */
	size_t nvt;
};

/* The attribution table of one victim op (all its threads' outliers). */
struct vtable {
	const char *victim_op;
	uint64_t total_ns;
	uint64_t outliers;
	struct at_row *rows;
	size_t n, cap;
};

static struct evidence *ev_of(const struct run *run)
{
	return run->ev;
}

/* ---------------------------------------------------------------- counters */

static int paranoid(void)
{
	FILE *f = fopen("/proc/sys/kernel/perf_event_paranoid", "r");
	int v = 2;

	if (f) {
		if (fscanf(f, "%d", &v) != 1)
			v = 2;
		fclose(f);
	}
	return v;
}

/* need: the perf_event_paranoid level that allows it without CAP_PERFMON
 * (1 for per-thread kernel counts, -1 for raw tracepoint samples) */
static void perm_reason(char *buf, size_t len, const char *what, int err, int need)
{
	if (err == EACCES || err == EPERM)
		snprintf(buf, len, "%s: %s: needs perf_event_paranoid <= %d or CAP_PERFMON "
			 "(perf_event_paranoid is %d, euid %d)", what, strerror(err), need,
			 paranoid(), (int)geteuid());
	else
		snprintf(buf, len, "%s: %s", what, strerror(err));
}

static void counters_open(struct evidence *ev)
{
	int sw_ok = 0;

	for (int c = 0; c < C_NR; c++) {
		struct perf_event_attr attr = {
			.type = ctr_def[c].type,
			.size = sizeof(attr),
			.config = ctr_def[c].config,
			.disabled = 1,
			.read_format = PERF_FORMAT_TOTAL_TIME_ENABLED | PERF_FORMAT_TOTAL_TIME_RUNNING,
		};
		int err;

		ev->ctr[c] = NULL;
		if (ev->ctr_why[c][0])
			continue;	/* failed in an earlier repeat: same kernel, same answer */
		ev->ctr[c] = perf_evsel__new(&attr);
		if (!ev->ctr[c]) {
			snprintf(ev->ctr_why[c], sizeof(ev->ctr_why[c]), "out of memory");
			continue;
		}
		err = perf_evsel__open(ev->ctr[c], ev->any_cpu, ev->tmap);
		if (err) {
			err = -err;
			if (ctr_def[c].type == PERF_TYPE_HARDWARE &&
			    (err == ENOENT || err == EOPNOTSUPP || err == ENODEV || err == EINVAL))
				snprintf(ev->ctr_why[c], sizeof(ev->ctr_why[c]),
					 "not supported (no PMU counter for it here: %s)", strerror(err));
			else
				perm_reason(ev->ctr_why[c], sizeof(ev->ctr_why[c]), ctr_def[c].name, err, 1);
			perf_evsel__delete(ev->ctr[c]);
			ev->ctr[c] = NULL;
			continue;
		}
		if (ctr_def[c].type == PERF_TYPE_SOFTWARE)
			sw_ok++;
	}
	if (!sw_ok && !strcmp(ev->counters, "ok")) {
		/* the first software counter's reason stands for all of them */
		snprintf(ev->counters, sizeof(ev->counters), "%s", ev->ctr_why[C_PF_MIN]);
	}
	ev->counters_ok = sw_ok > 0;
}

static void counters_read_close(struct evidence *ev)
{
	for (int c = 0; c < C_NR; c++) {
		if (!ev->ctr[c])
			continue;
		for (int i = 0; i < ev->nthreads; i++) {
			struct perf_counts_values v = {0};

			if (perf_evsel__read(ev->ctr[c], 0, i, &v) == 0)
				ev->val[i][c] += v.val;
		}
		perf_evsel__close(ev->ctr[c]);
		perf_evsel__delete(ev->ctr[c]);
		ev->ctr[c] = NULL;
	}
}

/* ----------------------------------------------------------------- tracing */

/* Find tracefs, mounting it when we may; load the event formats.  Once per
 * run: the answer does not change between repeats. */
static bool trace_prepare(struct evidence *ev)
{
	const char *dir = NULL;
	char events[PATH_MAX + 8], why[1024];
	int m;

	m = tracefs_tracing_dir_is_mounted(false, &dir);
	if (m <= 0) {
		if (geteuid() != 0) {
			snprintf(ev->tracing, sizeof(ev->tracing),
				 "tracefs is not mounted and mounting it needs root");
			return false;
		}
		m = tracefs_tracing_dir_is_mounted(true, &dir);
		if (m < 0 || !dir) {
			snprintf(ev->tracing, sizeof(ev->tracing),
				 "tracefs is not mounted and mounting it failed: %s",
				 strerror(errno ? errno : ENOENT));
			return false;
		}
		snprintf(ev->note, sizeof(ev->note), "mounted tracefs at %s", dir);
	}
	snprintf(ev->tracefs, sizeof(ev->tracefs), "%s", dir);
	snprintf(events, sizeof(events), "%s/events", dir);
	if (access(events, R_OK | X_OK)) {
		snprintf(ev->tracing, sizeof(ev->tracing),
			 "cannot read %s: %s (tracefs is readable by root only here)", events,
			 strerror(errno));
		return false;
	}
	lockfmt_init(&ev->fmt);
	ev->fmt_ready = true;
	/* what is missing is named in why; which events loaded is in fmt */
	lockfmt_load_dir(&ev->fmt, events, why, sizeof(why));
	for (int e = LEV_START_LOCKING; e <= LEV_RELEASED; e++) {
		if (!ev->fmt.event[e]) {
			snprintf(ev->tracing, sizeof(ev->tracing),
				 "mmap_lock tracepoints unavailable on this kernel: %s", why);
			return false;
		}
	}
	if (!ev->fmt.event[LEV_CONTENTION_BEGIN] || !ev->fmt.event[LEV_CONTENTION_END])
		snprintf(ev->contention, sizeof(ev->contention), "%s", why);
	return true;
}

static int tid_index(const struct evidence *ev, uint32_t tid)
{
	for (int i = 0; i < ev->nthreads; i++)
		if ((uint32_t)ev->tids[i] == tid)
			return i;
	return -1;
}

static void handle(struct evidence *ev, union perf_event *e)
{
	switch (e->header.type) {
	case PERF_RECORD_SAMPLE: {
		/* PERF_SAMPLE_TID | TIME | RAW, in that order (perf_event.h).
		 * Parsed here because libperf has no sample parser (perf's
		 * own lives in tools/perf/util, not in the library). */
		const uint8_t *p = (const uint8_t *)e + sizeof(e->header);
		const uint8_t *end = (const uint8_t *)e + e->header.size;
		uint32_t tid, rsize;
		uint64_t t;
		struct lock_rec r;
		int idx;

		if (end - p < 20) {
			ev->undecoded++;
			break;
		}
		memcpy(&tid, p + 4, 4);
		memcpy(&t, p + 8, 8);
		memcpy(&rsize, p + 16, 4);
		if (rsize > (size_t)(end - p - 20)) {
			ev->undecoded++;
			break;
		}
		ev->samples++;
		if ((idx = tid_index(ev, tid)) < 0) {
			ev->foreign++;
			break;
		}
		if (lockfmt_decode(&ev->fmt, p + 20, rsize, &r)) {
			ev->undecoded++;
			break;
		}
		lockpair_event(&ev->lp, (unsigned)idx, t, &r);
		break;
	}
	case PERF_RECORD_SWITCH: {
		/* no body; sample_id_all appends { u32 pid, tid; u64 time } */
		const uint8_t *p = (const uint8_t *)e + sizeof(e->header);
		uint32_t tid;
		uint64_t t;
		int idx;

		if (e->header.size < sizeof(e->header) + 16)
			break;
		memcpy(&tid, p + 4, 4);
		memcpy(&t, p + 8, 8);
		if ((idx = tid_index(ev, tid)) >= 0)
			lockpair_switch(&ev->lp, (unsigned)idx, t,
					e->header.misc & PERF_RECORD_MISC_SWITCH_OUT,
					e->header.misc & PERF_RECORD_MISC_SWITCH_OUT_PREEMPT);
		ev->switches++;
		break;
	}
	case PERF_RECORD_LOST:
		ev->lost += e->lost.lost;
		ev->lost_records++;
		break;
	case PERF_RECORD_THROTTLE:
		ev->throttled++;
		break;
	default:
		break;
	}
}

static size_t drain(struct evidence *ev)
{
	struct perf_mmap *map;
	size_t n = 0;

	perf_evlist__for_each_mmap(ev->tev, map, false) {
		union perf_event *e;

		if (perf_mmap__read_init(map) < 0)
			continue;
		while ((e = perf_mmap__read_event(map)) != NULL) {
			handle(ev, e);
			perf_mmap__consume(map);
			n++;
		}
		perf_mmap__read_done(map);
	}
	return n;
}

/* Drains the rings while the run goes, so a long run loses nothing to a
 * full buffer; poll() wakes it at the watermark. */
static void *reader_main(void *arg)
{
	struct evidence *ev = arg;

	while (!__atomic_load_n(&ev->reader_stop, __ATOMIC_ACQUIRE)) {
		int r = perf_evlist__poll(ev->tev, POLL_MS);

		/* exited threads' fds report POLLHUP at once: do not spin */
		if (drain(ev) == 0 && r > 0) {
			struct timespec ts = { 0, 5 * 1000 * 1000 };

			nanosleep(&ts, NULL);
		}
	}
	drain(ev);
	return NULL;
}

static void trace_open(struct evidence *ev)
{
	static const int evs[] = { LEV_START_LOCKING, LEV_ACQUIRE_RETURNED, LEV_RELEASED,
				   LEV_CONTENTION_BEGIN, LEV_CONTENTION_END };
	char why[256];
	int err;

	if (!(ev->tev = perf_evlist__new())) {
		snprintf(ev->tracing, sizeof(ev->tracing), "out of memory");
		return;
	}
	for (size_t k = 0; k < sizeof(evs) / sizeof(evs[0]); k++) {
		struct perf_event_attr attr = {
			.type = PERF_TYPE_TRACEPOINT,
			.size = sizeof(attr),
			.config = (uint64_t)ev->fmt.id[evs[k]],
			.sample_period = 1,
			.sample_type = PERF_SAMPLE_TID | PERF_SAMPLE_TIME | PERF_SAMPLE_RAW,
			.disabled = 1,
			/* sample times in CLOCK_MONOTONIC, the harness's time base */
			.use_clockid = 1,
			.clockid = CLOCK_MONOTONIC,
			.watermark = 1,
			.wakeup_watermark = RING_PAGES * 4096 / 4,
			/* the first event also records the thread's context
			 * switches, so attribution can tell a victim that was
			 * preempted (runnable) from one that waited */
			.context_switch = k == 0,
			.sample_id_all = 1,
		};
		struct perf_evsel *es;

		if (!ev->fmt.event[evs[k]])
			continue;
		if (!(es = perf_evsel__new(&attr))) {
			snprintf(ev->tracing, sizeof(ev->tracing), "out of memory");
			return;
		}
		perf_evlist__add(ev->tev, es);
	}
	perf_evlist__set_maps(ev->tev, ev->any_cpu, ev->tmap);
	if ((err = perf_evlist__open(ev->tev))) {
		perm_reason(ev->tracing, sizeof(ev->tracing),
			    "perf_event_open of the mmap_lock tracepoints", -err, -1);
		return;
	}
	ev->tev_open = true;
	if ((err = perf_evlist__mmap(ev->tev, RING_PAGES))) {
		snprintf(why, sizeof(why), "mmap of %d-page perf ring buffers", RING_PAGES);
		perm_reason(ev->tracing, sizeof(ev->tracing), why, errno ? errno : ENOMEM, -1);
		return;
	}
	__atomic_store_n(&ev->reader_stop, 0, __ATOMIC_RELEASE);
	if ((err = pthread_create(&ev->reader, NULL, reader_main, ev))) {
		snprintf(ev->tracing, sizeof(ev->tracing), "cannot start the ring reader: %s",
			 strerror(err));
		return;
	}
	ev->reader_running = true;
}

static void trace_close(struct evidence *ev)
{
	if (ev->reader_running) {
		__atomic_store_n(&ev->reader_stop, 1, __ATOMIC_RELEASE);
		pthread_join(ev->reader, NULL);
		ev->reader_running = false;
	}
	if (ev->tev) {
		if (ev->tev_open) {
			perf_evlist__disable(ev->tev);
			perf_evlist__munmap(ev->tev);
			perf_evlist__close(ev->tev);
		}
		perf_evlist__delete(ev->tev);
		ev->tev = NULL;
		ev->tev_open = false;
	}
}

/* --------------------------------------------------------------- lifecycle */

static int libperf_quiet(enum libperf_print_level level, const char *fmt, va_list ap)
{
	/* libperf's own debug chatter; our reasons say what matters */
	(void)level;
	(void)fmt;
	(void)ap;
	return 0;
}

static struct evidence *ev_new(struct run *run)
{
	struct evidence *ev = calloc(1, sizeof(*ev));
	struct rlimit rl;

	if (!ev)
		return NULL;
	/* 12 perf fds per thread: 64 victims of several kinds pass the usual
	 * soft limit of 1024 open files, so take what the hard limit allows */
	if (!getrlimit(RLIMIT_NOFILE, &rl) && rl.rlim_cur < rl.rlim_max) {
		rl.rlim_cur = rl.rlim_max;
		setrlimit(RLIMIT_NOFILE, &rl);
	}
	ev->nthreads = run->nthreads;
	ev->trace_wanted = !run->opt->no_trace;
	ev->val = calloc((size_t)run->nthreads, sizeof(*ev->val));
	ev->tids = calloc((size_t)run->nthreads, sizeof(*ev->tids));
	ev->t_gate = calloc((size_t)run->opt->repeat, sizeof(uint64_t));
	ev->t_measure = calloc((size_t)run->opt->repeat, sizeof(uint64_t));
	ev->t_end = calloc((size_t)run->opt->repeat, sizeof(uint64_t));
	if (!ev->val || !ev->tids || !ev->t_gate || !ev->t_measure || !ev->t_end || lockpair_init(&ev->lp, (unsigned)run->nthreads,
						   KEEP_MIN_NS, KEEP_MAX)) {
		free(ev->val);
		free(ev->tids);
		free(ev->t_gate);
		free(ev->t_measure);
		free(ev->t_end);
		free(ev);
		return NULL;
	}
	ev->lp_ready = true;
	snprintf(ev->counters, sizeof(ev->counters), "%s",
		 run->opt->no_counters ? "off (--no-counters)" : "ok");
	snprintf(ev->contention, sizeof(ev->contention), "ok");
	if (!ev->trace_wanted)
		snprintf(ev->tracing, sizeof(ev->tracing), "off (--no-trace)");
	else if (trace_prepare(ev))
		snprintf(ev->tracing, sizeof(ev->tracing), "ok");
	return ev;
}

void evidence_attach(struct run *run, int rep)
{
	struct evidence *ev = run->ev;

	if (!ev) {
		libperf_init(libperf_quiet);
		if (!(run->ev = ev = ev_new(run)))
			return;
	}
	for (int i = 0; i < ev->nthreads; i++)
		ev->tids[i] = run->threads[i].tid;
	/* "any CPU" (-1): each event follows its thread wherever it runs */
	ev->any_cpu = perf_cpu_map__dummy_new();
	ev->tmap = perf_thread_map__new_array(ev->nthreads, ev->tids);
	if (!ev->any_cpu || !ev->tmap) {
		snprintf(ev->counters, sizeof(ev->counters), "out of memory");
		if (!strcmp(ev->tracing, "ok"))
			snprintf(ev->tracing, sizeof(ev->tracing), "out of memory");
		return;
	}
	if (!strcmp(ev->counters, "ok"))
		counters_open(ev);
	ev->rep = rep;
	if (!strcmp(ev->tracing, "ok")) {
		/* warm-up holds are traced too (not counted): a victim outlier
		 * early in the measured phase may wait behind one */
		__atomic_store_n(&ev->lp.hist_from, UINT64_MAX, __ATOMIC_RELEASE);
		trace_open(ev);
		if (strcmp(ev->tracing, "ok"))
			trace_close(ev);
		else
			perf_evlist__enable(ev->tev);
	}
	ev->t_gate[rep] = mono_ns();
}

void evidence_measure(struct run *run)
{
	struct evidence *ev = run->ev;

	if (!ev)
		return;
	for (int c = 0; c < C_NR; c++)
		if (ev->ctr[c])
			perf_evsel__enable(ev->ctr[c]);
	ev->t_measure[ev->rep] = mono_ns();
	__atomic_store_n(&ev->lp.hist_from, ev->t_measure[ev->rep], __ATOMIC_RELEASE);
}

void evidence_stop(struct run *run)
{
	struct evidence *ev = run->ev;

	/* counters cover the measured phase only, like the op counts they are
	 * divided by; tracing goes on until the threads are joined so the
	 * in-flight operations' holds end */
	if (!ev)
		return;
	for (int c = 0; c < C_NR; c++)
		if (ev->ctr[c])
			perf_evsel__disable(ev->ctr[c]);
}

void evidence_detach(struct run *run)
{
	struct evidence *ev = run->ev;

	/* not attached this repeat (its setup failed): nothing to read */
	if (!ev || !ev->tmap)
		return;
	counters_read_close(ev);
	ev->t_end[ev->rep] = mono_ns();
	if (ev->tev) {
		trace_close(ev);
		lockpair_finish(&ev->lp, ev->t_end[ev->rep]);
	}
	perf_cpu_map__put(ev->any_cpu);
	perf_thread_map__put(ev->tmap);
	ev->any_cpu = NULL;
	ev->tmap = NULL;
}

void evidence_free(struct run *run)
{
	struct evidence *ev = run->ev;

	if (!ev)
		return;
	evidence_detach(run);
	if (ev->fmt_ready)
		lockfmt_free(&ev->fmt);
	if (ev->lp_ready)
		lockpair_free(&ev->lp);
	free(ev->val);
	free(ev->tids);
	free(ev->t_gate);
	free(ev->t_measure);
	free(ev->t_end);
	free(ev->outl);
	attrib_results_free(ev->res, ev->nout);
	free(ev->res);
	free(ev->ops);
	free(ev->table.rows);
	for (size_t k = 0; k < ev->nvt; k++)
		free(ev->vt[k].rows);
	free(ev->vt);
	free(ev);
	run->ev = NULL;
}

/* ---------------------------------------------------------------- analysis */

static uint64_t thread_ops(const struct run *run, int i)
{
	uint64_t n = 0;

	/* repeats_done, as results.c counts: after a watchdog timeout the
	 * last repeat's histograms still belong to a thread that runs on */
	for (int r = 0; r < run->repeats_done; r++)
		if (run->threads[i].hist && run->threads[i].hist[r])
			n += run->threads[i].hist[r]->total;
	return n;
}

static bool tracing_ok(const struct evidence *ev)
{
	return !strcmp(ev->tracing, "ok");
}

/*
 * The runner records an aggressor's ops only when they start in the measured
 * phase, but the iteration under way when measuring began still holds the
 * lock.  Name that time for what it is rather than "between ops": from the
 * gate to the first recorded op of the repeat.
 */
#define WARMUP_OP "warm-up op (unrecorded)"

static void add_warmup_ops(const struct run *run, struct evidence *ev)
{
	for (int i = 0; i < run->nthreads; i++) {
		const struct fs_thread *t = &run->threads[i];

		if (t->vic)
			continue;
		for (int r = 0; r <= ev->rep && r < run->opt->repeat; r++) {
			uint64_t end = ev->t_end[r];

			if (!ev->t_gate[r])
				continue;
			for (size_t k = 0; k < t->tl_len; k++) {
				uint64_t s = clock_to_mono(t->tl[k].start);

				if (s >= ev->t_measure[r] && s < end) {
					end = s;
					break;
				}
			}
			if (end > ev->t_gate[r])
				ev->ops[ev->nops_all++] = (struct at_op){ ev->t_gate[r], end, (uint32_t)i,
									  WARMUP_OP };
		}
	}
}

static int row_desc(const void *a, const void *b)
{
	const struct at_row *x = a, *y = b;

	return x->stall_ns < y->stall_ns ? 1 : x->stall_ns > y->stall_ns ? -1 : 0;
}

/* Fold the per-outlier shares into one table per victim op, so the table
 * answers "what did mmap-churn wait behind" apart from fault-anon. */
static int victim_tables(const struct run *run, struct evidence *ev)
{
	if (!(ev->vt = calloc((size_t)run->nthreads + 1, sizeof(*ev->vt))))
		return -1;
	for (size_t k = 0; k < ev->nout; k++) {
		const char *vop = run->threads[ev->outl[k].thread].op;
		const struct at_result *r = &ev->res[k];
		struct vtable *t = NULL;

		for (size_t i = 0; i < ev->nvt && !t; i++)
			if (!strcmp(ev->vt[i].victim_op, vop))
				t = &ev->vt[i];
		if (!t) {
			t = &ev->vt[ev->nvt++];
			t->victim_op = vop;
		}
		t->total_ns += ev->outl[k].end - ev->outl[k].start;
		t->outliers++;
		for (size_t j = 0; j < r->nrows; j++) {
			const struct at_row *s = &r->rows[j];
			struct at_row *d = NULL;

			for (size_t i = 0; i < t->n && !d; i++)
				if (t->rows[i].thread == s->thread && t->rows[i].mode == s->mode &&
				    !strcmp(t->rows[i].op, s->op))
					d = &t->rows[i];
			if (!d) {
				if (t->n == t->cap) {
					size_t cap = t->cap ? 2 * t->cap : 8;
					struct at_row *nr = realloc(t->rows, cap * sizeof(*nr));

					if (!nr)
						return -1;
					t->rows = nr;
					t->cap = cap;
				}
				d = &t->rows[t->n++];
				*d = (struct at_row){ .thread = s->thread, .op = s->op, .mode = s->mode };
			}
			d->stall_ns += s->stall_ns;
			d->outliers += j == 0;	/* rows[] is largest first */
		}
	}
	for (size_t i = 0; i < ev->nvt; i++)
		if (ev->vt[i].n)	/* qsort(NULL, 0, ...) is undefined */
			qsort(ev->vt[i].rows, ev->vt[i].n, sizeof(struct at_row), row_desc);
	return 0;
}

static void analyze(struct run *run)
{
	struct evidence *ev = run->ev;
	const char **thread_op;
	size_t no = 0, nops = 0;

	if (ev->analyzed || !tracing_ok(ev))
		return;
	ev->analyzed = true;
	for (int i = 0; i < run->nthreads; i++) {
		if (run->threads[i].vic)
			no += run->threads[i].tl_len;
		else
			nops += run->threads[i].tl_len;
	}
	thread_op = calloc((size_t)run->nthreads, sizeof(*thread_op));
	ev->outl = calloc(no ? no : 1, sizeof(*ev->outl));
	ev->res = calloc(no ? no : 1, sizeof(*ev->res));
	/* + one warm-up stand-in per aggressor thread and repeat */
	ev->ops = calloc(nops + (size_t)run->nthreads * (size_t)run->opt->repeat + 1, sizeof(*ev->ops));
	if (!thread_op || !ev->outl || !ev->res || !ev->ops) {
		snprintf(ev->tracing, sizeof(ev->tracing), "out of memory for the analysis");
		free(thread_op);
		return;
	}
	for (int i = 0; i < run->nthreads; i++) {
		const struct fs_thread *t = &run->threads[i];

		if (t->vic)
			thread_op[i] = t->op;
		for (size_t k = 0; k < t->tl_len; k++) {
			uint64_t s = clock_to_mono(t->tl[k].start);

			if (t->vic)
				ev->outl[ev->nout++] = (struct at_outlier){ s, s + t->tl[k].lat_ns, (uint32_t)i };
			else
				ev->ops[ev->nops++] = (struct at_op){
					s, s + t->tl[k].lat_ns, (uint32_t)i,
					t->tl[k].step ? t->reset_op : t->op };
		}
	}
	ev->nops_all = ev->nops;
	add_warmup_ops(run, ev);
	{
		struct at_input in = {
			.waits = ev->lp.waits.v, .nwaits = ev->lp.waits.len,
			.holds = ev->lp.holds.v, .nholds = ev->lp.holds.len,
			.ops = ev->ops, .nops = ev->nops_all,
			.outliers = ev->outl, .noutliers = ev->nout,
			.thread_op = thread_op, .nthreads = (unsigned)run->nthreads,
			.offcpu = ev->lp.offcpu.v, .noffcpu = ev->lp.offcpu.len,
		};

		if (attrib_compute(&in, ev->res, &ev->table) || victim_tables(run, ev))
			snprintf(ev->tracing, sizeof(ev->tracing), "out of memory for the attribution");
	}
	free(thread_op);
}

/* Time of mode `mode` inside [a, b) in one thread's spans, which are
 * disjoint and sorted by start, so their ends are sorted too. */
static uint64_t covered(const struct at_span *s, size_t n, int mode, uint64_t a, uint64_t b)
{
	size_t lo = 0, hi = n;
	uint64_t sum = 0;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (s[mid].end <= a)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < n && s[lo].start < b; lo++) {
		uint64_t x = s[lo].start > a ? s[lo].start : a;
		uint64_t y = s[lo].end < b ? s[lo].end : b;

		if (s[lo].mode == mode && y > x)
			sum += y - x;
	}
	return sum;
}

/* ------------------------------------------------------------------ output */

static const char *mode_str(int m)
{
	return m == AT_READ ? "read" : m == AT_WRITE ? "write" : "-";
}

static const char *holder_name(const struct run *run, int th)
{
	return th >= 0 && th < run->nthreads ? run->threads[th].name : "-";
}

static json_t *counters_json(const struct evidence *ev, int i, uint64_t ops)
{
	json_t *o = json_object(), *per = json_object();

	for (int c = 0; c < C_NR; c++) {
		if (ev->ctr_why[c][0])
			json_object_set_new(o, ctr_def[c].name,
					    json_string(!strncmp(ev->ctr_why[c], "not supported", 13)
							? "not supported" : ev->ctr_why[c]));
		else
			json_object_set_new(o, ctr_def[c].name, json_integer((json_int_t)ev->val[i][c]));
	}
	if (ops && !ev->ctr_why[C_PF_MIN][0]) {
		json_object_set_new(per, "page-faults",
				    json_real((double)(ev->val[i][C_PF_MIN] + ev->val[i][C_PF_MAJ]) / (double)ops));
		json_object_set_new(per, "context-switches",
				    json_real((double)ev->val[i][C_CS] / (double)ops));
	}
	json_object_set_new(o, "per_op", per);
	return o;
}

static int write_perf_tsv(const struct run *run, const struct evidence *ev, const char *dir)
{
	char path[PATH_MAX];
	FILE *f;

	snprintf(path, sizeof(path), "%s/perf.tsv", dir);
	if (!(f = fopen(path, "w")))
		return -1;
	fprintf(f, "# thread\trole\top\tops");
	for (int c = 0; c < C_NR; c++)
		fprintf(f, "\t%s", ctr_def[c].name);
	fprintf(f, "\tfaults/op\tcontext-switches/op\n");
	for (int c = 0; c < C_NR; c++)
		if (ev->ctr_why[c][0])
			fprintf(f, "# %s: %s\n", ctr_def[c].name, ev->ctr_why[c]);
	for (int i = 0; i < run->nthreads; i++) {
		const struct fs_thread *t = &run->threads[i];
		uint64_t ops = thread_ops(run, i);

		fprintf(f, "%s\t%s\t%s\t%llu", t->name, t->role, t->op, (unsigned long long)ops);
		for (int c = 0; c < C_NR; c++) {
			if (ev->ctr_why[c][0])
				fprintf(f, "\tnot-supported");
			else
				fprintf(f, "\t%llu", (unsigned long long)ev->val[i][c]);
		}
		if (ops && !ev->ctr_why[C_PF_MIN][0])
			fprintf(f, "\t%.4f\t%.4f\n",
				(double)(ev->val[i][C_PF_MIN] + ev->val[i][C_PF_MAJ]) / (double)ops,
				(double)ev->val[i][C_CS] / (double)ops);
		else
			fprintf(f, "\t-\t-\n");
	}
	return fclose(f);
}

static json_t *hist_row(const struct histogram *h)
{
	return json_pack("{s:I,s:I,s:I,s:I,s:I,s:I,s:I,s:I,s:f}",
			 "count", (json_int_t)h->total, "total_ns", (json_int_t)h->sum,
			 "min", (json_int_t)(h->total ? h->min : 0),
			 "p50", (json_int_t)hist_percentile(h, 50), "p90", (json_int_t)hist_percentile(h, 90),
			 "p99", (json_int_t)hist_percentile(h, 99),
			 "p99.9", (json_int_t)hist_percentile(h, 99.9),
			 "max", (json_int_t)h->max, "mean", hist_mean(h));
}

static void tsv_hist(FILE *f, const struct fs_thread *t, const char *lock, const char *mode,
		     const char *kind, const struct histogram *h)
{
	fprintf(f, "%s\t%s\t%s\t%s\t%s\t%s\t%llu\t%llu\t%llu\t%llu\t%llu\t%llu\t%llu\t%llu\t%.0f\n",
		t->name, t->role, t->op, lock, mode, kind, (unsigned long long)h->total,
		(unsigned long long)h->sum, (unsigned long long)h->min,
		(unsigned long long)hist_percentile(h, 50), (unsigned long long)hist_percentile(h, 90),
		(unsigned long long)hist_percentile(h, 99), (unsigned long long)hist_percentile(h, 99.9),
		(unsigned long long)h->max, hist_mean(h));
}

static int write_hgrm(const char *dir, const char *thread, const char *kind, const char *mode,
		      const struct histogram *h)
{
	char path[PATH_MAX];
	FILE *f;
	int rc;

	snprintf(path, sizeof(path), "%s/hist/%s.lock-%s-%s.hgrm", dir, thread, kind, mode);
	if (!(f = fopen(path, "w")))
		return -1;
	rc = hist_write_hgrm(h, f);
	if (fclose(f) || rc)
		return -1;
	return 0;
}

static int write_lock(const struct run *run, struct evidence *ev, const char *dir, json_t *threads)
{
	char path[PATH_MAX];
	FILE *f;

	snprintf(path, sizeof(path), "%s/lock.tsv", dir);
	if (!(f = fopen(path, "w")))
		return -1;
	fprintf(f, "# thread\trole\top\tlock\tmode\tkind\tcount\ttotal_ns\tmin\tp50\tp90\tp99\tp99.9\tmax\tmean\n");
	for (int i = 0; i < run->nthreads; i++) {
		const struct fs_thread *t = &run->threads[i];
		const struct lk_thread *lt = &ev->lp.t[i];
		json_t *rows = json_array();

		for (int k = 0; k < LK_KINDS; k++) {
			for (int m = 0; m < 2; m++) {
				const struct histogram *h = &lt->hist[k][m];
				const char *lock = k == LK_BLOCKED ? "mmap_lock-rwsem" : "mmap_lock";
				json_t *row;

				if (!h->total)
					continue;
				tsv_hist(f, t, lock, lk_mode_name[m], lk_kind_name[k], h);
				row = hist_row(h);
				json_object_set_new(row, "lock", json_string(lock));
				json_object_set_new(row, "mode", json_string(lk_mode_name[m]));
				json_object_set_new(row, "kind", json_string(lk_kind_name[k]));
				json_array_append_new(rows, row);
				if (k != LK_BLOCKED &&
				    write_hgrm(dir, t->name, lk_kind_name[k], lk_mode_name[m], h)) {
					fclose(f);
					json_decref(rows);
					return -1;
				}
			}
		}
		if (lt->other_blocked.total) {
			json_t *row = hist_row(&lt->other_blocked);

			tsv_hist(f, t, "other-locks", "-", "blocked", &lt->other_blocked);
			json_object_set_new(row, "lock", json_string("other-locks"));
			json_object_set_new(row, "mode", json_string("-"));
			json_object_set_new(row, "kind", json_string("blocked"));
			json_array_append_new(rows, row);
		}
		json_object_set_new(json_array_get(threads, (size_t)i), "lock", rows);
	}
	return fclose(f);
}

static int write_stalls(const struct run *run, const struct evidence *ev, const char *dir)
{
	char path[PATH_MAX];
	FILE *f;

	snprintf(path, sizeof(path), "%s/stalls.tsv", dir);
	if (!(f = fopen(path, "w")))
		return -1;
	/* holder*: the largest share; holders: every share, largest first, as
	 * holder/op/mode=ns separated by ';' */
	fprintf(f, "# t_ns\tthread\trole\top\tlatency_ns\twait_ns\twait_mode\tpreempted_ns\toffcpu_ns\tholder\tholder_op\tholder_mode\tholder_ns\tholders\n");
	for (size_t k = 0; k < ev->nout; k++) {
		const struct at_outlier *o = &ev->outl[k];
		const struct at_result *r = &ev->res[k];
		const struct fs_thread *t = &run->threads[o->thread];

		fprintf(f, "%llu\t%s\t%s\t%s\t%llu\t%llu\t%s\t%llu\t%llu\t%s\t%s\t%s\t%llu\t",
			(unsigned long long)(o->start - run->t0_mono), t->name, t->role, t->op,
			(unsigned long long)(o->end - o->start), (unsigned long long)r->wait_ns,
			mode_str(r->wait_mode), (unsigned long long)r->preempted_ns,
			(unsigned long long)r->offcpu_ns, holder_name(run, r->holder), r->holder_op,
			mode_str(r->holder_mode), (unsigned long long)r->holder_ns);
		for (size_t j = 0; j < r->nrows; j++)
			fprintf(f, "%s%s/%s/%s=%llu", j ? ";" : "", holder_name(run, r->rows[j].thread),
				r->rows[j].op, mode_str(r->rows[j].mode),
				(unsigned long long)r->rows[j].stall_ns);
		fputc('\n', f);
	}
	return fclose(f);
}

/* Per aggressor op: how much of it the aggressor spent holding and waiting
 * for mmap_lock.  A populate's read hold should cover nearly all of it. */
static int write_oplock(const struct run *run, const struct evidence *ev, const char *dir,
			json_t *agg)
{
	char path[PATH_MAX];
	struct at_span *mine = NULL;
	size_t nmine = 0, w0 = 0, nw = 0, c0 = 0, nc = 0;
	const struct span_vec *off = &ev->lp.offcpu;
	uint32_t cur = UINT32_MAX;
	FILE *f;

	snprintf(path, sizeof(path), "%s/oplock.tsv", dir);
	if (!(f = fopen(path, "w")))
		return -1;
	if (ev->lp.holds.len && !(mine = malloc(ev->lp.holds.len * sizeof(*mine)))) {
		fclose(f);
		return -1;
	}
	/* preempted_ns / offcpu_ns: the aggressor off CPU (runnable / asleep)
	 * during the op but outside its own holds and waits: on a shared CPU
	 * this is the part of an op that is neither lock hold nor lock wait */
	fprintf(f, "# t_ns\tthread\top\tlatency_ns\tread_hold_ns\twrite_hold_ns\tread_wait_ns\twrite_wait_ns\tpreempted_ns\toffcpu_ns\n");
	/* analyze() left ops sorted by (thread, start), holds by start, waits
	 * and off-CPU spans by (thread, start): take each aggressor's own */
	for (size_t k = 0; k < ev->nops_all; k++) {
		const struct at_op *o = &ev->ops[k];
		uint64_t h[2], w[2], c[2];
		json_t *row = NULL;
		const char *key;
		size_t idx;

		if (!strcmp(o->op, WARMUP_OP))
			continue;
		if (o->thread != cur) {
			cur = o->thread;
			nmine = 0;
			for (size_t i = 0; i < ev->lp.holds.len; i++)
				if (ev->lp.holds.v[i].thread == cur)
					mine[nmine++] = ev->lp.holds.v[i];
			for (w0 = 0; w0 < ev->lp.waits.len && ev->lp.waits.v[w0].thread < cur; w0++)
				;
			for (nw = 0; w0 + nw < ev->lp.waits.len && ev->lp.waits.v[w0 + nw].thread == cur; nw++)
				;
			for (c0 = 0; c0 < off->len && off->v[c0].thread < cur; c0++)
				;
			for (nc = 0; c0 + nc < off->len && off->v[c0 + nc].thread == cur; nc++)
				;
		}
		for (int m = 0; m < 2; m++) {
			h[m] = covered(mine, nmine, m, o->start, o->end);
			w[m] = covered(ev->lp.waits.v + w0, nw, m, o->start, o->end);
			c[m] = 0;
		}
		for (size_t i = 0; i < nc; i++) {
			const struct at_span *s = &off->v[c0 + i];
			uint64_t x = s->start > o->start ? s->start : o->start;
			uint64_t y = s->end < o->end ? s->end : o->end;

			if (y <= x)
				continue;
			c[s->mode == AT_SLEEP] += (y - x) - covered(mine, nmine, AT_READ, x, y) -
				covered(mine, nmine, AT_WRITE, x, y) -
				covered(ev->lp.waits.v + w0, nw, AT_READ, x, y) -
				covered(ev->lp.waits.v + w0, nw, AT_WRITE, x, y);
		}
		fprintf(f, "%llu\t%s\t%s\t%llu\t%llu\t%llu\t%llu\t%llu\t%llu\t%llu\n",
			(unsigned long long)(o->start - run->t0_mono), run->threads[o->thread].name,
			o->op, (unsigned long long)(o->end - o->start), (unsigned long long)h[0],
			(unsigned long long)h[1], (unsigned long long)w[0], (unsigned long long)w[1],
			(unsigned long long)c[0], (unsigned long long)c[1]);
		json_array_foreach(agg, idx, row) {
			key = json_string_value(json_object_get(row, "op"));
			if (key && !strcmp(key, o->op))
				break;
			row = NULL;
		}
		if (!row) {
			row = json_pack("{s:s,s:s,s:I,s:I,s:I,s:I,s:I,s:I,s:I,s:I}", "thread",
					run->threads[o->thread].name, "op", o->op, "count", (json_int_t)0,
					"op_ns", (json_int_t)0, "read_hold_ns", (json_int_t)0,
					"write_hold_ns", (json_int_t)0, "read_wait_ns", (json_int_t)0,
					"write_wait_ns", (json_int_t)0, "preempted_ns", (json_int_t)0,
					"offcpu_ns", (json_int_t)0);
			json_array_append_new(agg, row);
		}
#define ADD(k, v) json_object_set_new(row, k, json_integer(json_integer_value(json_object_get(row, k)) + (json_int_t)(v)))
		ADD("count", 1);
		ADD("op_ns", o->end - o->start);
		ADD("read_hold_ns", h[0]);
		ADD("write_hold_ns", h[1]);
		ADD("read_wait_ns", w[0]);
		ADD("write_wait_ns", w[1]);
		ADD("preempted_ns", c[0]);
		ADD("offcpu_ns", c[1]);
#undef ADD
	}
	free(mine);
	return fclose(f);
}

static json_t *rows_json(const struct run *run, const struct at_row *rs, size_t n, uint64_t total)
{
	json_t *rows = json_array();

	for (size_t k = 0; k < n; k++) {
		const struct at_row *r = &rs[k];

		json_array_append_new(rows, json_pack("{s:s,s:s,s:s,s:I,s:f,s:I}",
			"holder", holder_name(run, r->thread), "holder_op", r->op,
			"mode", mode_str(r->mode), "stall_ns", (json_int_t)r->stall_ns,
			"share", total ? (double)r->stall_ns / (double)total : 0.0,
			"outliers", (json_int_t)r->outliers));
	}
	return rows;
}

static json_t *attribution_json(const struct run *run, const struct evidence *ev)
{
	json_t *by = json_array();

	for (size_t i = 0; i < ev->nvt; i++) {
		const struct vtable *t = &ev->vt[i];

		json_array_append_new(by, json_pack("{s:s,s:I,s:I,s:o}", "victim_op", t->victim_op,
			"outliers", (json_int_t)t->outliers, "total_stall_ns", (json_int_t)t->total_ns,
			"rows", rows_json(run, t->rows, t->n, t->total_ns)));
	}
	return json_pack("{s:I,s:I,s:o,s:o}", "outliers", (json_int_t)ev->nout,
			 "total_stall_ns", (json_int_t)ev->table.total_ns,
			 "rows", rows_json(run, ev->table.rows, ev->table.nrows, ev->table.total_ns),
			 "by_victim", by);
}

/* The tracefs formats the samples were decoded with, kept with the run: the
 * record of which layout this kernel had, and fixtures for the unit tests
 * (tests/fixtures/tracefs) come from them. */
static int copy_formats(const struct evidence *ev, const char *dir)
{
	char src[PATH_MAX + 128], dst[PATH_MAX + 128];

	snprintf(dst, sizeof(dst), "%s/tracefs", dir);
	if (mkdir(dst, 0755))
		return -1;
	for (int e = 0; e < LEV_NR; e++) {
		FILE *in, *out;
		char buf[4096];
		size_t n;
		int rc = 0;

		if (!ev->fmt.event[e])
			continue;
		snprintf(src, sizeof(src), "%s/events/%s/%s/format", ev->tracefs, lock_ev_system[e],
			 lock_ev_name[e]);
		snprintf(dst, sizeof(dst), "%s/tracefs/%s.%s.format", dir, lock_ev_system[e],
			 lock_ev_name[e]);
		if (!(in = fopen(src, "r")))
			continue;	/* gone since we parsed it: nothing to keep */
		if (!(out = fopen(dst, "w"))) {
			fclose(in);
			return -1;
		}
		while ((n = fread(buf, 1, sizeof(buf), in)) > 0)
			if (fwrite(buf, 1, n, out) != n)
				rc = -1;
		fclose(in);
		if (fclose(out) || rc)
			return -1;
	}
	return 0;
}

static uint64_t sum_unpaired(const struct evidence *ev)
{
	uint64_t n = 0;

	for (int i = 0; i < ev->nthreads; i++)
		n += ev->lp.t[i].unpaired;
	return n;
}

int evidence_write(struct run *run, const char *dir, json_t *meta, json_t *summary)
{
	struct evidence *ev = run->ev;
	json_t *m, *s, *threads, *ids;

	if (!ev)
		return 0;
	analyze(run);
	m = json_pack("{s:s,s:s,s:I}", "counters", ev->counters, "tracing", ev->tracing,
		      "lost_samples", (json_int_t)ev->lost);
	json_object_set_new(m, "perf_event_paranoid", json_integer(paranoid()));
	if (ev->note[0])
		json_object_set_new(m, "note", json_string(ev->note));
	if (tracing_ok(ev)) {
		ids = json_object();
		for (int e = 0; e < LEV_NR; e++)
			if (ev->fmt.event[e])
				json_object_set_new(ids, lock_ev_name[e], json_integer(ev->fmt.id[e]));
		json_object_set_new(m, "tracefs", json_string(ev->tracefs));
		json_object_set_new(m, "event_ids", ids);
		json_object_set_new(m, "memcg_field", json_string(ev->fmt.memcg_kind));
		json_object_set_new(m, "contention", json_string(ev->contention));
		json_object_set_new(m, "samples", json_integer((json_int_t)ev->samples));
		json_object_set_new(m, "context_switch_records", json_integer((json_int_t)ev->switches));
		json_object_set_new(m, "lost_records", json_integer((json_int_t)ev->lost_records));
		json_object_set_new(m, "undecoded_samples", json_integer((json_int_t)ev->undecoded));
		json_object_set_new(m, "foreign_samples", json_integer((json_int_t)ev->foreign));
		json_object_set_new(m, "unpaired_events", json_integer((json_int_t)sum_unpaired(ev)));
		json_object_set_new(m, "interval_keep_min_ns", json_integer(KEEP_MIN_NS));
		json_object_set_new(m, "intervals_dropped", json_integer((json_int_t)ev->lp.dropped));
		json_object_set_new(m, "holds_pruned", json_integer((json_int_t)ev->lp.pruned));
		json_object_set_new(m, "mmap_lock_rwsem_learned", json_boolean(ev->lp.mmap_lock_addr != 0));
	}
	json_object_set_new(meta, "evidence", m);

	s = json_object();
	threads = json_array();
	for (int i = 0; i < run->nthreads; i++) {
		const struct fs_thread *t = &run->threads[i];
		uint64_t ops = thread_ops(run, i);

		json_array_append_new(threads, json_pack("{s:s,s:s,s:s,s:I,s:o}", "thread", t->name,
			"role", t->role, "op", t->op, "ops", (json_int_t)ops,
			"counters", strcmp(ev->counters, "ok") ? json_string(ev->counters)
							       : counters_json(ev, i, ops)));
	}
	json_object_set_new(s, "threads", threads);
	json_object_set_new(summary, "evidence", s);

	if (strcmp(ev->counters, "ok") == 0 && write_perf_tsv(run, ev, dir))
		return -1;
	if (tracing_ok(ev)) {
		json_t *agg = json_array();

		json_object_set_new(s, "aggressor_ops", agg);
		json_object_set_new(s, "attribution", attribution_json(run, ev));
		if (write_lock(run, ev, dir, threads) || write_stalls(run, ev, dir) ||
		    write_oplock(run, ev, dir, agg) || copy_formats(ev, dir))
			return -1;
	}
	return 0;
}

const char *evidence_tracing(const struct run *run)
{
	const struct evidence *ev = ev_of(run);

	return ev ? ev->tracing : "not started";
}

double evidence_per_op(const struct run *run, const char *role, const char *op, const char *name)
{
	const struct evidence *ev = ev_of(run);
	uint64_t ops = 0, n = 0;

	if (!ev || strcmp(ev->counters, "ok") || ev->ctr_why[C_PF_MIN][0])
		return -1;
	for (int i = 0; i < ev->nthreads; i++) {
		const struct fs_thread *t = &run->threads[i];

		if (strcmp(t->role, role) || strcmp(t->op, op))
			continue;
		ops += thread_ops(run, i);
		if (!strcmp(name, "page-faults"))
			n += ev->val[i][C_PF_MIN] + ev->val[i][C_PF_MAJ];
		else if (!strcmp(name, "context-switches"))
			n += ev->val[i][C_CS];
		else
			return -1;
	}
	return ops ? (double)n / (double)ops : -1;
}

void evidence_print(struct run *run, FILE *f)
{
	struct evidence *ev = run->ev;
	char a[32], b[32], c[32];

	if (!ev)
		return;
	analyze(run);
	fprintf(f, "\nkernel evidence:\n");
	fprintf(f, "  counters: %s\n", strcmp(ev->counters, "ok") ? ev->counters : "ok");
	for (int k = 0; k < C_NR; k++)
		if (ev->ctr_why[k][0] && !strcmp(ev->counters, "ok"))
			fprintf(f, "    %s: %s\n", ctr_def[k].name, ev->ctr_why[k]);
	if (!tracing_ok(ev)) {
		fprintf(f, "  tracing: unavailable: %s\n", ev->tracing);
		if (ev->note[0])
			fprintf(f, "  (%s)\n", ev->note);
		return;
	}
	fprintf(f, "  tracing: ok: mmap_lock events (%s)%s, %llu samples, %llu lost\n",
		ev->fmt.memcg_kind, strcmp(ev->contention, "ok") ? "" : " + lock:contention",
		(unsigned long long)ev->samples, (unsigned long long)ev->lost);
	if (ev->note[0])
		fprintf(f, "  (%s)\n", ev->note);
	if (strcmp(ev->contention, "ok"))
		fprintf(f, "  lock:contention events unavailable: %s\n", ev->contention);
	if (ev->lost)
		fprintf(f, "  WARNING: %llu samples lost in %llu gaps: wait/hold counts are low\n",
			(unsigned long long)ev->lost, (unsigned long long)ev->lost_records);

	fprintf(f, "  %-16s %-6s %10s %10s %10s %10s\n", "mmap_lock", "mode", "waits", "wait p99",
		"wait max", "hold max");
	for (int i = 0; i < run->nthreads; i++) {
		const struct lk_thread *lt = &ev->lp.t[i];

		for (int m = 0; m < 2; m++) {
			const struct histogram *w = &lt->hist[LK_WAIT][m], *h = &lt->hist[LK_HOLD][m];

			if (!w->total && !h->total)
				continue;
			format_ns((double)hist_percentile(w, 99), a, sizeof(a));
			format_ns((double)w->max, b, sizeof(b));
			format_ns((double)h->max, c, sizeof(c));
			fprintf(f, "  %-16s %-6s %10llu %10s %10s %10s\n", run->threads[i].name,
				lk_mode_name[m], (unsigned long long)w->total, a, b, c);
		}
	}
	if (!ev->nout) {
		fprintf(f, "  stall attribution: no victim outliers\n");
		return;
	}
	format_ns((double)ev->table.total_ns, a, sizeof(a));
	fprintf(f, "  stall attribution: %zu victim outliers, %s in all; what each victim op "
		"waited behind:\n", ev->nout, a);
	fprintf(f, "    %-12s %-16s %-24s %-6s %10s %7s %9s\n", "victim", "holder", "op", "mode",
		"stall", "share", "outliers");
	for (size_t i = 0; i < ev->nvt; i++) {
		const struct vtable *t = &ev->vt[i];

		for (size_t k = 0; k < t->n; k++) {
			const struct at_row *r = &t->rows[k];

			format_ns((double)r->stall_ns, a, sizeof(a));
			fprintf(f, "    %-12s %-16s %-24s %-6s %10s %6.1f%% %9llu\n",
				k ? "" : t->victim_op, holder_name(run, r->thread), r->op,
				mode_str(r->mode), a, 100.0 * (double)r->stall_ns / (double)t->total_ns,
				(unsigned long long)r->outliers);
		}
	}
}
