// SPDX-License-Identifier: GPL-2.0
/* libFuzzer target: `faultstorm run`'s option parser.  The input is the
 * argument list, NUL-separated (argv[0] "run" is added); an accepted option
 * set must hold values inside each option's documented range. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

#define MAXARGS 64

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *copy = malloc(size + 1), *argv[MAXARGS + 2], err[512];
	struct options o;
	int argc = 0;
	size_t i = 0;

	if (!copy)
		return 0;
	memcpy(copy, data, size);
	copy[size] = 0;
	argv[argc++] = "run";
	while (i <= size && argc < MAXARGS + 1) {
		argv[argc++] = copy + i;
		i += strlen(copy + i) + 1;
	}
	argv[argc] = NULL;
	cli_defaults(&o);
	if (cli_parse_run(argc, argv, &o, err, sizeof(err)) == CLI_OK) {
		if (o.size < 4096 || o.size > (1ull << 40) || o.size % 4096 ||
		    o.duration_ns < 10000000ull || o.repeat < 1 || o.repeat > 1000 ||
		    o.mem_share < 1 || o.mem_share > 95 || o.ncpus < 0 || o.ncpus > MAX_CPUS ||
		    o.victims.nkinds < 1 || !aggressor_find(o.aggressor))
			abort();
		for (int k = 0; k < o.victims.nkinds; k++)
			if (!victim_find(o.victims.name[k]))
				abort();
	}
	free(copy);
	return 0;
}
