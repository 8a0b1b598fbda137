// SPDX-License-Identifier: GPL-2.0
/* Value parsers for the command line and suite files; every rejection says why. */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parse.h"

#define ERR(...) (snprintf(err, errlen, __VA_ARGS__), -1)

int parse_size(const char *s, uint64_t *out, char *err, size_t errlen)
{
	static const char units[] = "KMGT";
	unsigned long long v;
	const char *u;
	char *end;
	int shift = 0;

	if (!s || !*s)
		return ERR("empty size");
	if (!isdigit((unsigned char)*s))
		return ERR("size '%s' must start with a digit (e.g. 256M)", s);
	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno == ERANGE)
		return ERR("size '%s' is too large", s);
	if (*end) {
		u = strchr(units, toupper((unsigned char)*end));
		if (!u)
			return ERR("size '%s' has an unknown suffix '%s' (use K, M, G or T)", s, end);
		shift = 10 * (int)(u - units + 1);
		end++;
		if (!strcmp(end, "iB") || !strcmp(end, "B") || !strcmp(end, "ib"))
			end += strlen(end);
		if (*end)
			return ERR("size '%s' has trailing characters '%s'", s, end);
	}
	if (v > (UINT64_MAX >> shift))
		return ERR("size '%s' is too large", s);
	*out = (uint64_t)v << shift;
	return 0;
}

int parse_duration(const char *s, uint64_t *out_ns, char *err, size_t errlen)
{
	static const struct { const char *sfx; double ns; } units[] = {
		{ "", 1e9 }, { "s", 1e9 }, { "ms", 1e6 }, { "us", 1e3 },
		{ "ns", 1 }, { "m", 60e9 }, { "h", 3600e9 },
	};
	double v;
	char *end;

	if (!s || !*s)
		return ERR("empty duration");
	if (!isdigit((unsigned char)*s) && *s != '.')
		return ERR("duration '%s' must be a non-negative number (e.g. 2s, 500ms)", s);
	errno = 0;
	v = strtod(s, &end);
	if (errno == ERANGE || !isfinite(v))
		return ERR("duration '%s' is out of range", s);
	for (size_t i = 0; i < sizeof(units) / sizeof(units[0]); i++) {
		if (strcmp(end, units[i].sfx))
			continue;
		v *= units[i].ns;
		if (v >= 1e18)	/* 31 years: surely a typo, and beyond int64 soon */
			return ERR("duration '%s' is too long", s);
		*out_ns = (uint64_t)llround(v);
		return 0;
	}
	return ERR("duration '%s' has an unknown unit '%s' (use s, ms, us, ns, m or h)", s, end);
}

static int cmp_int(const void *a, const void *b)
{
	return *(const int *)a - *(const int *)b;
}

int parse_cpulist(const char *s, int *cpus, int max, int *n, char *err, size_t errlen)
{
	const char *p = s;
	int count = 0;

	if (!s || !*s)
		return ERR("empty CPU list");
	while (*p) {
		long lo, hi;
		char *end;

		if (!isdigit((unsigned char)*p))
			return ERR("CPU list '%s': expected a number at '%s'", s, p);
		lo = strtol(p, &end, 10);
		hi = lo;
		if (*end == '-') {
			p = end + 1;
			if (!isdigit((unsigned char)*p))
				return ERR("CPU list '%s': range without an end at '%s'", s, end);
			hi = strtol(p, &end, 10);
		}
		if (lo > hi)
			return ERR("CPU list '%s': range %ld-%ld runs backwards", s, lo, hi);
		if (hi > 65535)
			return ERR("CPU list '%s': CPU %ld is beyond 65535", s, hi);
		for (long c = lo; c <= hi; c++) {
			if (count == max)
				return ERR("CPU list '%s' names more than %d CPUs", s, max);
			cpus[count++] = (int)c;
		}
		if (*end == ',' && end[1])
			end++;
		else if (*end)
			return ERR("CPU list '%s': unexpected '%s'", s, end);
		p = end;
	}
	qsort(cpus, (size_t)count, sizeof(*cpus), cmp_int);
	for (int i = 1; i < count; i++)
		if (cpus[i] == cpus[i - 1])
			return ERR("CPU list '%s' names CPU %d twice", s, cpus[i]);
	*n = count;
	return 0;
}

int parse_long(const char *s, long min, long max, long *out, char *err, size_t errlen)
{
	char *end;
	long v;

	if (!s || !*s)
		return ERR("empty number");
	errno = 0;
	v = strtol(s, &end, 10);
	if (*end || end == s)
		return ERR("'%s' is not a whole number", s);
	if (errno == ERANGE || v < min || v > max)
		return ERR("%s is out of range [%ld, %ld]", s, min, max);
	*out = v;
	return 0;
}

int parse_double(const char *s, double min, double max, double *out, char *err, size_t errlen)
{
	char *end;
	double v;

	if (!s || !*s)
		return ERR("empty number");
	errno = 0;
	v = strtod(s, &end);
	if (*end || end == s || !isfinite(v))
		return ERR("'%s' is not a number", s);
	if (v < min || v > max)
		return ERR("%s is out of range [%g, %g]", s, min, max);
	*out = v;
	return 0;
}

int parse_victims(const char *s, int max_each, struct victim_mix *mix, char *err, size_t errlen)
{
	const char *p = s;

	memset(mix, 0, sizeof(*mix));
	if (!s || !*s)
		return ERR("empty victim list (e.g. fault-anon:3,mmap-churn:1)");
	while (*p) {
		size_t len = strcspn(p, ":,");
		long count = 1;

		if (mix->nkinds == MAX_VICTIM_KINDS)
			return ERR("victims '%s': more than %d kinds", s, MAX_VICTIM_KINDS);
		if (!len || len >= sizeof(mix->name[0]))
			return ERR("victims '%s': bad or empty kind name at '%s'", s, p);
		memcpy(mix->name[mix->nkinds], p, len);
		mix->name[mix->nkinds][len] = 0;
		for (int i = 0; i < mix->nkinds; i++)
			if (!strcmp(mix->name[i], mix->name[mix->nkinds]))
				return ERR("victims '%s': kind '%s' given twice", s, mix->name[i]);
		p += len;
		if (*p == ':') {
			char num[16], *end;

			len = strcspn(++p, ",");
			if (!len || len >= sizeof(num))
				return ERR("victims '%s': bad count for '%s'", s, mix->name[mix->nkinds]);
			memcpy(num, p, len);
			num[len] = 0;
			count = strtol(num, &end, 10);
			if (*end || count < 1 || count > max_each)
				return ERR("victims '%s': count '%s' for '%s' must be 1..%d", s, num,
					   mix->name[mix->nkinds], max_each);
			p += len;
		}
		mix->count[mix->nkinds++] = (int)count;
		if (*p == ',') {
			if (!*++p)
				return ERR("victims '%s': trailing comma", s);
		}
	}
	return 0;
}

void format_size(uint64_t bytes, char *buf, size_t len)
{
	static const char units[] = "KMGT";
	int i = -1;

	while (i < 3 && bytes && !(bytes & 1023)) {
		bytes >>= 10;
		i++;
	}
	if (i < 0)
		snprintf(buf, len, "%llu", (unsigned long long)bytes);
	else
		snprintf(buf, len, "%llu%c", (unsigned long long)bytes, units[i]);
}

void format_ns(double ns, char *buf, size_t len)
{
	if (ns < 1e3)
		snprintf(buf, len, "%.0fns", ns);
	else if (ns < 1e6)
		snprintf(buf, len, "%.1fus", ns / 1e3);
	else if (ns < 1e9)
		snprintf(buf, len, "%.1fms", ns / 1e6);
	else
		snprintf(buf, len, "%.2fs", ns / 1e9);
}
