/* SPDX-License-Identifier: GPL-2.0 */
/* Parsers for command-line values: sizes, durations, CPU lists, victim mixes.
 * Pure functions with error text, so every bad input is unit-testable. */
#ifndef FS_PARSE_H
#define FS_PARSE_H

#include <stddef.h>
#include <stdint.h>

/* "4096", "64K", "256M", "1G", "2T" (powers of 1024; "KiB" etc. accepted).
 * 0 or -1 with err set. */
int parse_size(const char *s, uint64_t *out, char *err, size_t errlen);
/* "2", "2s", "500ms", "100us", "1.5", "3m": to nanoseconds. */
int parse_duration(const char *s, uint64_t *out_ns, char *err, size_t errlen);
/* "0-3,8,10-11": sorted distinct CPU numbers; at most max entries. */
int parse_cpulist(const char *s, int *cpus, int max, int *n, char *err, size_t errlen);
/* "12" within [min, max] */
int parse_long(const char *s, long min, long max, long *out, char *err, size_t errlen);
/* "1.5" within [min, max] */
int parse_double(const char *s, double min, double max, double *out, char *err, size_t errlen);

#define MAX_VICTIM_KINDS 8
struct victim_mix {
	int nkinds;
	char name[MAX_VICTIM_KINDS][32];
	int count[MAX_VICTIM_KINDS];
};
/* "fault-anon:3,mmap-churn:1"; ":N" defaults to 1; names are not checked
 * here (the registry does that); counts 1..max_each. */
int parse_victims(const char *s, int max_each, struct victim_mix *mix, char *err, size_t errlen);

/* "268435456" -> "256M": the shortest exact suffix form, for ids. */
void format_size(uint64_t bytes, char *buf, size_t len);

/* 1234567 -> "1.2ms": latencies for terminal tables. */
void format_ns(double ns, char *buf, size_t len);

#endif
