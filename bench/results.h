/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The results directory of a run: built in a hidden temporary directory next
 * to its final place, renamed into place (never over an existing one) when
 * every file is written, and removed again if any write fails.
 */
#ifndef FS_RESULTS_H
#define FS_RESULTS_H

#include <jansson.h>
#include <stddef.h>
#include <stdio.h>

#include "runner.h"

/* Write run into parent/name (parent is created).  On success the path is in
 * final; on failure -1 and why, with nothing left behind. */
int results_write(struct run *run, const char *parent, const char *name, char *final,
		  size_t finallen, char *why, size_t whylen);
/* The short end-of-run table. */
void results_print_table(const struct run *run, FILE *f);

/* "20261122T030501Z" */
void results_stamp(char *buf, size_t len);
int mkdir_p(const char *path);
/* Remove a directory tree we made (a failed temporary one). */
int rm_rf(const char *path);
/* Rename src to dir/name without replacing anything: on a clash try name-2,
 * name-3...  The name used is written back into final. */
int rename_noreplace(const char *src, const char *dir, const char *name, char *final, size_t len);
/* Point out/latest at target (a path relative to out), atomically. */
int results_update_latest(const char *out, const char *target);
/* Write a JSON object to path with jansson, flushing it to disk. */
int write_json(const char *path, json_t *obj);

#endif
