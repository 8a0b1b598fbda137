/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The clock that times every operation.  On x86 with an invariant TSC we read
 * the TSC (lfence; rdtsc), calibrated against CLOCK_MONOTONIC, because it costs
 * a few ns and never enters the kernel; elsewhere the vDSO clock_gettime.  All
 * timestamps convert to CLOCK_MONOTONIC nanoseconds, the clock perf samples
 * carry when opened with use_clockid, so user and kernel events line up.
 */
#ifndef FS_CLOCK_H
#define FS_CLOCK_H

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#if defined(__x86_64__) || defined(__i386__)
#include <x86intrin.h>
#endif

struct fs_clock {
	bool tsc;		/* ticks are TSC cycles, else ns of CLOCK_MONOTONIC */
	double ns_per_tick;
	uint64_t tick0;		/* a tick value ... */
	uint64_t mono0;		/* ... and the CLOCK_MONOTONIC ns it corresponds to */
	double cost_ns;		/* measured cost of one clock_now() */
	const char *source;	/* "rdtsc" or "clock_gettime(CLOCK_MONOTONIC)" */
};

extern struct fs_clock fs_clock;

/* Calibrate (about 50 ms); force_gettime skips the TSC. */
void clock_init(bool force_gettime);

static inline uint64_t mono_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

static inline uint64_t clock_now(void)
{
#if defined(__x86_64__) || defined(__i386__)
	if (fs_clock.tsc) {
		/* lfence keeps rdtsc from running ahead of the timed operation */
		_mm_lfence();
		return __rdtsc();
	}
#endif
	return mono_ns();
}

static inline uint64_t clock_delta_ns(uint64_t t0, uint64_t t1)
{
	if (t1 < t0)
		return 0;
	return fs_clock.tsc ? (uint64_t)((double)(t1 - t0) * fs_clock.ns_per_tick) : t1 - t0;
}

/* A tick value as CLOCK_MONOTONIC ns. */
static inline uint64_t clock_to_mono(uint64_t t)
{
	if (!fs_clock.tsc)
		return t;
	if (t >= fs_clock.tick0)
		return fs_clock.mono0 + (uint64_t)((double)(t - fs_clock.tick0) * fs_clock.ns_per_tick);
	return fs_clock.mono0 - (uint64_t)((double)(fs_clock.tick0 - t) * fs_clock.ns_per_tick);
}

#endif
