/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Kernel-side evidence for a run, through libperf: per-thread counters
 * (faults, context switches, migrations, task clock, cycles/instructions
 * where the PMU has them) and mmap_lock tracepoints sampled into per-thread
 * ring buffers, paired into wait/hold histograms (lockpair.h) and used to
 * attribute every victim outlier to the mmap_lock holder it waited behind
 * (attrib.h).  Whatever the machine does not allow (no tracefs, not root,
 * perf_event_paranoid, events missing) is switched off with its reason, and
 * the run goes on.
 *
 * The runner calls, per repeat: evidence_attach() once the threads have tids
 * and wait at the gate; evidence_measure() when measuring begins;
 * evidence_stop() when it ends; evidence_detach() after the threads are
 * joined.  results_write() calls evidence_write(); the end-of-run report
 * calls evidence_print().
 */
#ifndef FS_EVIDENCE_H
#define FS_EVIDENCE_H

#include <jansson.h>
#include <stdint.h>
#include <stdio.h>

struct run;

void evidence_attach(struct run *run, int rep);
void evidence_measure(struct run *run);
void evidence_stop(struct run *run);
void evidence_detach(struct run *run);
void evidence_free(struct run *run);

/* perf.tsv, lock.tsv, stalls.tsv, oplock.tsv and hist/<thread>.lock-*.hgrm
 * into dir; "evidence" objects into meta and summary.  -1 with errno on a
 * write error. */
int evidence_write(struct run *run, const char *dir, json_t *meta, json_t *summary);
/* What was unavailable and why, the lock summary and the attribution table. */
void evidence_print(struct run *run, FILE *f);

/* "ok", or why tracing did not run ("off (--no-trace)" included). */
const char *evidence_tracing(const struct run *run);

/* Counter per measured op of the threads with this role and op, for the
 * end-of-run table; negative when unavailable (or for an aggressor's reset
 * step: its counts cannot be split from the op's).  name: "page-faults"
 * (minor + major) or "context-switches". */
double evidence_per_op(const struct run *run, const char *role, const char *op, const char *name);

#endif
