// SPDX-License-Identifier: GPL-2.0
/* faultstorm: mmap_lock contention microbenchmarks.  Subcommand dispatch. */
#include <stdio.h>
#include <string.h>

#include "commands.h"
#include "compare.h"
#include "error.h"

static const struct {
	const char *name;
	int (*fn)(int argc, char **argv);
	const char *help;
} commands[] = {
	{ "list", cmd_list, "aggressors and victims, and whether this kernel supports them" },
	{ "run", cmd_run, "one aggressor against victim threads (see run --help)" },
	{ "suite", cmd_suite, "every scenario line of a suite file (see suite --help)" },
	{ "compare", compare_main, "compare runs or suites, e.g. across kernels" },
	{ "overhead", cmd_overhead, "harness timing cost vs a bare first-touch loop" },
	{ "trace-overhead", cmd_trace_overhead, "kernel tracing cost: fault-anon traced vs --no-trace" },
};

static void usage(FILE *f)
{
	fprintf(f, "usage: faultstorm COMMAND [OPTION]...\n\ncommands:\n");
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		fprintf(f, "  %-10s %s\n", commands[i].name, commands[i].help);
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		usage(stderr);
		return FS_EXIT_USAGE;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "help")) {
		usage(stdout);
		return FS_EXIT_OK;
	}
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (!strcmp(argv[1], commands[i].name)) {
			return commands[i].fn(argc - 1, argv + 1);
		}
	usage(stderr);
	fs_die(FS_EXIT_USAGE, "unknown command '%s'", argv[1]);
}
