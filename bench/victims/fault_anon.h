/* SPDX-License-Identifier: GPL-2.0 */
/* The fault-anon victim's region, shared with the overhead benchmark's bare
 * loop so both fault the same way. */
#ifndef FS_VICTIM_FAULT_ANON_H
#define FS_VICTIM_FAULT_ANON_H

#include <stddef.h>

#include "scenario.h"

#define FAULT_REGION_BYTES (64 << 20)

struct fault_region {
	char *base;
	size_t off;
};

/* Map the region with the THP policy of ctx. */
int fault_region_map(struct scenario_ctx *ctx, struct fault_region *r);
/* Drop its pages (or map it anew when it is mlocked). */
int fault_region_recycle(struct scenario_ctx *ctx, struct fault_region *r);

#endif
