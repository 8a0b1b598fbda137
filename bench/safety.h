/* SPDX-License-Identifier: GPL-2.0 */
/* Checks made before any thread starts or any memory is touched: the memory
 * guard (MemAvailable share, cgroup memory.max), locking privileges, NUMA
 * node, file directory. */
#ifndef FS_SAFETY_H
#define FS_SAFETY_H

#include <stddef.h>
#include <stdint.h>

#include "cli.h"
#include "scenario.h"

/* Memory a run may take: MemAvailable, lowered to the room left under the
 * cgroup's memory.max when that is smaller.  0 if unknown. */
uint64_t safety_available_bytes(char *source, size_t len);
/* Returns FS_EXIT_OK, or FS_EXIT_NO_RESOURCE / FS_EXIT_USAGE with why set. */
int safety_check(const struct options *opt, const struct aggressor *agg, int nvictims,
		 char *why, size_t len);
/* Whether the process may lock `bytes` (CAP_IPC_LOCK or RLIMIT_MEMLOCK). */
int safety_can_lock(uint64_t bytes, char *why, size_t len);

#endif
