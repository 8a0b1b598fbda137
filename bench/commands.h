/* SPDX-License-Identifier: GPL-2.0 */
/* The subcommands of faultstorm. */
#ifndef FS_COMMANDS_H
#define FS_COMMANDS_H

#include <stdbool.h>
#include <stddef.h>

#include "cli.h"

int cmd_list(int argc, char **argv);
int cmd_run(int argc, char **argv);
int cmd_suite(int argc, char **argv);
int cmd_overhead(int argc, char **argv);
int cmd_trace_overhead(int argc, char **argv);	/* trace_overhead.c */

/*
 * Run one scenario and write its results into parent/name; the directory
 * used is put in final (empty when nothing was written).  Returns an exit
 * code; why holds the reason for a skip or failure.
 */
int run_and_write(const struct options *o, int argc, char **argv, const char *parent,
		  const char *name, char *final, size_t finallen, char *why, size_t whylen);

/* out/<kernel-release>, created and checked writable; -1 with why. */
int results_parent(const char *out, char *parent, size_t len, char *why, size_t whylen);

#endif
