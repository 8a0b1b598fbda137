/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Reader for the .hgrm percentile-distribution text that hist_write_hgrm()
 * writes (values in microseconds), strict enough that compare and the plots
 * never draw garbage: every malformed line is an error naming file and line.
 */
#ifndef FS_HGRM_READ_H
#define FS_HGRM_READ_H

#include <stddef.h>
#include <stdint.h>

struct hgrm_row {
	double value_us;
	double pct;		/* 0..1 */
	uint64_t count;		/* samples at or below value_us */
};

struct hgrm {
	struct hgrm_row *rows;
	size_t n;
	double mean_us, stddev_us, max_us;
	uint64_t total;
};

/* 0, or -1 with a message naming path, line and field in err. */
int hgrm_read(const char *path, struct hgrm *h, char *err, size_t errlen);
void hgrm_free(struct hgrm *h);

/* Samples at or below v (µs), from the step CDF the rows describe: exact at a
 * row's value, a lower bound between rows. */
uint64_t hgrm_count_le(const struct hgrm *h, double v);

/*
 * Bucket counts for a histogram plot: the rows say how many samples lie in
 * (v[i-1], v[i]]; each interval's count is spread over the log-linear display
 * buckets it overlaps in proportion to overlap (a linear CDF between rows, as
 * percentile interpolation assumes).  Buckets: `per_octave` linear steps per
 * power of two, from lo_us up.  Writes "low_us high_us count" lines to f,
 * skipping empty buckets.  Returns the number of lines.
 */
#include <stdio.h>
int hgrm_write_buckets(const struct hgrm *h, unsigned per_octave, FILE *f);

#endif
