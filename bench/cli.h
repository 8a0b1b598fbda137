/* SPDX-License-Identifier: GPL-2.0 */
/* The `run` options: one table (name, argument, default, range, help) drives
 * getopt_long, validation and --help. */
#ifndef FS_CLI_H
#define FS_CLI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "parse.h"
#include "scenario.h"
#include "topology.h"

#define MAX_CPUS 1024
#define MAX_VICTIMS_EACH 64

struct options {
	const char *aggressor;
	char victims_spec[256];
	struct victim_mix victims;
	uint64_t size;
	uint64_t duration_ns;
	uint64_t warmup_ns;
	long repeat;
	int cpus[MAX_CPUS];
	int ncpus;			/* 0: every CPU */
	enum placement placement;
	bool smt;
	long membind;			/* -1: local allocation */
	enum thp_policy thp;
	uint64_t outlier_ns;
	const char *out;
	const char *file_dir;
	double mem_share;		/* percent of MemAvailable a run may populate */
	bool quiet;
	bool no_trace;
	bool no_counters;
	bool gettime;			/* time with clock_gettime instead of the TSC */
};

enum cli_result { CLI_OK = 0, CLI_HELP = 1, CLI_ERROR = -1 };

void cli_defaults(struct options *o);
/* argv[0] is the subcommand name.  Never exits; on CLI_ERROR err says why. */
enum cli_result cli_parse_run(int argc, char **argv, struct options *o, char *err, size_t errlen);
void cli_help_run(FILE *f);

extern const char *const placement_names[];
extern const char *const thp_names[];

#endif
