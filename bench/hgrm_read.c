// SPDX-License-Identifier: GPL-2.0
/* Parse .hgrm files back into rows, and derive bucket counts for plots. */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hgrm_read.h"
#include "error.h"

static int parse_double(const char *s, double *out)
{
	char *end;

	errno = 0;
	*out = strtod(s, &end);
	return errno || end == s || *end || !isfinite(*out) ? -1 : 0;
}

static int parse_u64(const char *s, uint64_t *out)
{
	char *end;

	if (*s == '-')
		return -1;
	errno = 0;
	*out = strtoull(s, &end, 10);
	return errno || end == s || *end ? -1 : 0;
}

void hgrm_free(struct hgrm *h)
{
	free(h->rows);
	memset(h, 0, sizeof(*h));
}

int hgrm_read(const char *path, struct hgrm *h, char *err, size_t errlen)
{
	FILE *f = fopen(path, "r");
	char *line = NULL;
	size_t cap = 0, alloc = 0;
	unsigned lineno = 0;
	int have_header = 0, have_max = 0, have_mean = 0, rc = -1;

	memset(h, 0, sizeof(*h));
	if (!f)
		return fs_errf(err, errlen, "%s: %s", path, strerror(errno));
	while (getline(&line, &cap, f) >= 0) {
		char *tok[5], *save = NULL, *p;
		int nt = 0;

		lineno++;
		line[strcspn(line, "\r\n")] = 0;
		if (!line[strspn(line, " \t")])
			continue;
		if (!have_header) {
			if (!strstr(line, "Value") || !strstr(line, "Percentile") ||
			    !strstr(line, "TotalCount")) {
				fs_errf(err, errlen, "%s:%u: not an .hgrm file: expected the header "
				     "\"Value Percentile TotalCount 1/(1-Percentile)\"", path, lineno);
				goto out;
			}
			have_header = 1;
			continue;
		}
		if (line[0] == '#') {
			double a, b;
			unsigned long long n;

			if (sscanf(line, "#[Mean = %lf, StdDeviation = %lf]", &a, &b) == 2) {
				if (!isfinite(a) || !isfinite(b) || a < 0 || b < 0) {
					fs_errf(err, errlen, "%s:%u: Mean/StdDeviation: not a finite "
					     "non-negative number", path, lineno);
					goto out;
				}
				h->mean_us = a;
				h->stddev_us = b;
				have_mean = 1;
			} else if (sscanf(line, "#[Max = %lf, Total count = %llu]", &a, &n) == 2) {
				if (!isfinite(a) || a < 0) {
					fs_errf(err, errlen, "%s:%u: Max: not a finite non-negative "
					     "number", path, lineno);
					goto out;
				}
				h->max_us = a;
				h->total = n;
				have_max = 1;
			}
			/* other # lines (Buckets) carry nothing we use */
			continue;
		}
		for (p = strtok_r(line, " \t", &save); p && nt < 5; p = strtok_r(NULL, " \t", &save))
			tok[nt++] = p;
		if (nt != 4) {
			fs_errf(err, errlen, "%s:%u: expected 4 columns (Value Percentile TotalCount "
			     "1/(1-Percentile)), found %d", path, lineno, nt);
			goto out;
		}
		struct hgrm_row r;

		if (parse_double(tok[0], &r.value_us) || r.value_us < 0) {
			fs_errf(err, errlen, "%s:%u: Value \"%s\" is not a non-negative number", path,
			     lineno, tok[0]);
			goto out;
		}
		if (parse_double(tok[1], &r.pct) || r.pct < 0 || r.pct > 1) {
			fs_errf(err, errlen, "%s:%u: Percentile \"%s\" is not a number in [0, 1]", path,
			     lineno, tok[1]);
			goto out;
		}
		if (parse_u64(tok[2], &r.count)) {
			fs_errf(err, errlen, "%s:%u: TotalCount \"%s\" is not a count", path, lineno,
			     tok[2]);
			goto out;
		}
		if (h->n) {
			const struct hgrm_row *q = &h->rows[h->n - 1];

			if (r.value_us < q->value_us || r.pct < q->pct || r.count < q->count) {
				fs_errf(err, errlen, "%s:%u: rows must not decrease (Value, Percentile "
				     "and TotalCount grow down the file)", path, lineno);
				goto out;
			}
		}
		if (h->n == alloc) {
			size_t na = alloc ? alloc * 2 : 64;
			struct hgrm_row *nr = realloc(h->rows, na * sizeof(*nr));

			if (!nr) {
				fs_errf(err, errlen, "%s: out of memory", path);
				goto out;
			}
			h->rows = nr;
			alloc = na;
		}
		h->rows[h->n++] = r;
	}
	if (ferror(f)) {
		fs_errf(err, errlen, "%s: read error: %s", path, strerror(errno));
		goto out;
	}
	if (!have_header) {
		fs_errf(err, errlen, "%s: empty file, expected an .hgrm percentile distribution", path);
		goto out;
	}
	if (!have_max || !have_mean) {
		fs_errf(err, errlen, "%s: missing the \"#[%s\" footer line (truncated file?)", path,
		     have_mean ? "Max = ..., Total count = ...]" : "Mean = ..., StdDeviation = ...]");
		goto out;
	}
	if (h->total && (!h->n || h->rows[h->n - 1].count != h->total)) {
		fs_errf(err, errlen, "%s: the last row's TotalCount (%llu) differs from the footer's "
		     "Total count (%llu)", path,
		     (unsigned long long)(h->n ? h->rows[h->n - 1].count : 0),
		     (unsigned long long)h->total);
		goto out;
	}
	if (!h->total && h->n) {
		fs_errf(err, errlen, "%s: rows present but footer says Total count = 0", path);
		goto out;
	}
	rc = 0;
out:
	free(line);
	fclose(f);
	if (rc)
		hgrm_free(h);
	return rc;
}

uint64_t hgrm_count_le(const struct hgrm *h, double v)
{
	uint64_t c = 0;

	for (size_t i = 0; i < h->n && h->rows[i].value_us <= v; i++)
		c = h->rows[i].count;
	return c;
}

/* The display bucket edge at or below v: per_octave linear steps per octave. */
static double bucket_floor(double v, unsigned per_octave)
{
	double o = exp2(floor(log2(v)));
	double step = o / per_octave;

	return o + floor((v - o) / step) * step;
}

int hgrm_write_buckets(const struct hgrm *h, unsigned per_octave, FILE *f)
{
	double lo_v, hi_v;
	int lines = 0;

	if (!h->n || !per_octave)
		return 0;
	/* 1 ns floor: log buckets need a positive start */
	lo_v = fmax(h->rows[0].value_us, 0.001);
	hi_v = fmax(h->rows[h->n - 1].value_us, lo_v);
	for (double b = bucket_floor(lo_v, per_octave); b <= hi_v;) {
		double o = exp2(floor(log2(b) + 1e-12));
		double step = o / per_octave, e = b + step, cnt = 0;
		double prev_v = 0;
		uint64_t prev_c = 0;

		/* the first row holds the samples at the minimum: a point mass */
		for (size_t i = 0; i < h->n; i++) {
			const struct hgrm_row *r = &h->rows[i];
			double mass = (double)(r->count - prev_c);

			if (i == 0 || r->value_us <= prev_v) {
				if (r->value_us >= b && r->value_us < e)
					cnt += mass;
			} else {
				double a0 = fmax(prev_v, b), a1 = fmin(r->value_us, e);

				if (a1 > a0)
					cnt += mass * (a1 - a0) / (r->value_us - prev_v);
			}
			prev_v = r->value_us;
			prev_c = r->count;
		}
		if (cnt > 0) {
			fprintf(f, "%.6g\t%.6g\t%.6g\n", b, e, cnt);
			lines++;
		}
		b = e;
	}
	return lines;
}
