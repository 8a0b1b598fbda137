/* SPDX-License-Identifier: GPL-2.0 */
/* What meta.json says about the machine and kernel a run ran on. */
#ifndef FS_SYSINFO_H
#define FS_SYSINFO_H

#include <jansson.h>
#include <stddef.h>

#include "topology.h"

/* kernel, machine, thp, clocksource, perf_event_paranoid, virtualized, variant */
json_t *sysinfo_json(const struct topo *topo);
/* uname release, e.g. "6.18.44-fc-v769" */
void sysinfo_release(char *buf, size_t len);
/* First line of a small file, newline stripped; "" if unreadable. */
void read_line(const char *path, char *buf, size_t len);

#endif
