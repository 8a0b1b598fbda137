// SPDX-License-Identifier: GPL-2.0
/* libFuzzer target: the value parsers of parse.c (sizes, durations, CPU
 * lists, victim mixes, numbers).  The first byte picks the parser, the rest
 * is the string a user would type; accepted values are checked for the
 * invariants the callers rely on. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "parse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int cpus[MAX_CPUS];
	char *s, err[256], buf[32];
	uint64_t v;
	struct victim_mix mix;
	long l;
	double d;
	int n;

	if (!size)
		return 0;
	s = strndup((const char *)data + 1, size - 1);
	if (!s)
		return 0;
	err[0] = 0;
	switch (data[0] % 6) {
	case 0:
		if (!parse_size(s, &v, err, sizeof(err))) {
			format_size(v, buf, sizeof(buf));
			/* format_size must round-trip: it names results directories */
			uint64_t w;

			if (parse_size(buf, &w, err, sizeof(err)) || w != v)
				abort();
		}
		break;
	case 1:
		parse_duration(s, &v, err, sizeof(err));
		break;
	case 2:
		if (!parse_cpulist(s, cpus, MAX_CPUS, &n, err, sizeof(err))) {
			if (n < 1 || n > MAX_CPUS)
				abort();
			for (int i = 1; i < n; i++)
				if (cpus[i] <= cpus[i - 1] || cpus[i] < 0)
					abort();
		}
		break;
	case 3:
		if (!parse_victims(s, MAX_VICTIMS_EACH, &mix, err, sizeof(err)))
			for (int i = 0; i < mix.nkinds; i++)
				if (mix.count[i] < 1 || mix.count[i] > MAX_VICTIMS_EACH ||
				    !mix.name[i][0])
					abort();
		break;
	case 4:
		if (!parse_long(s, -5, 1000, &l, err, sizeof(err)) && (l < -5 || l > 1000))
			abort();
		break;
	case 5:
		if (!parse_double(s, 1, 95, &d, err, sizeof(err)) && !(d >= 1 && d <= 95))
			abort();
		break;
	}
	free(s);
	return 0;
}
