// SPDX-License-Identifier: GPL-2.0
/* TSC calibration against CLOCK_MONOTONIC and the measured cost of a reading. */
#include <stdio.h>
#include <string.h>

#include "clock.h"

struct fs_clock fs_clock = {
	.ns_per_tick = 1.0,
	.source = "clock_gettime(CLOCK_MONOTONIC)",
};

/* constant_tsc + nonstop_tsc: the TSC ticks at one rate in every P/C-state. */
static bool invariant_tsc(void)
{
	char line[4096];
	bool constant = false, nonstop = false;
	FILE *f = fopen("/proc/cpuinfo", "r");

	if (!f)
		return false;
	while (fgets(line, sizeof(line), f)) {
		if (strncmp(line, "flags", 5))
			continue;
		constant = strstr(line, " constant_tsc") != NULL;
		nonstop = strstr(line, " nonstop_tsc") != NULL;
		break;
	}
	fclose(f);
	return constant && nonstop;
}

static double measure_cost(void)
{
	enum { N = 200000 };
	volatile uint64_t sink = 0;
	uint64_t t0 = mono_ns();

	for (int i = 0; i < N; i++)
		sink += clock_now();
	(void)sink;
	return (double)(mono_ns() - t0) / N;
}

void clock_init(bool force_gettime)
{
#if defined(__x86_64__) || defined(__i386__)
	if (!force_gettime && invariant_tsc()) {
		/* Bracket a 50 ms sleep with paired readings; the pair that straddles
		 * the boundary most tightly sets the rate to well under 1 ppm. */
		uint64_t m0 = mono_ns(), c0 = __rdtsc(), m1, c1;
		struct timespec d = { 0, 50 * 1000 * 1000 };

		nanosleep(&d, NULL);
		m1 = mono_ns();
		c1 = __rdtsc();
		if (c1 > c0 && m1 > m0) {
			fs_clock.tsc = true;
			fs_clock.ns_per_tick = (double)(m1 - m0) / (double)(c1 - c0);
			fs_clock.tick0 = c1;
			fs_clock.mono0 = m1;
			fs_clock.source = "rdtsc";
		}
	}
#else
	(void)force_gettime;
#endif
	fs_clock.cost_ns = measure_cost();
}
