// SPDX-License-Identifier: GPL-2.0
/* The registry: one line per aggressor and per victim. */
#include <string.h>

#include "scenario.h"

extern const struct aggressor aggressor_none, aggressor_populate, aggressor_populate_file,
	aggressor_locked, aggressor_mlockall, aggressor_brk, aggressor_mlock,
	aggressor_mremap_locked, aggressor_remap_file_pages, aggressor_shmat_locked,
	aggressor_aio_ring, aggressor_madv_populate, aggressor_munmap, aggressor_populate_race;
extern const struct victim victim_fault_anon, victim_fault_file, victim_mmap_churn,
	victim_maps_read;

const struct aggressor *const aggressors[] = {
	&aggressor_none,
	&aggressor_populate,
	&aggressor_populate_file,
	&aggressor_locked,
	&aggressor_mlockall,
	&aggressor_brk,
	&aggressor_mlock,
	&aggressor_mremap_locked,
	&aggressor_remap_file_pages,
	&aggressor_shmat_locked,
	&aggressor_aio_ring,
	&aggressor_madv_populate,
	&aggressor_munmap,
	&aggressor_populate_race,
	NULL,
};

const struct victim *const victims[] = {
	&victim_fault_anon,
	&victim_fault_file,
	&victim_mmap_churn,
	&victim_maps_read,
	NULL,
};

const struct aggressor *aggressor_find(const char *name)
{
	for (int i = 0; aggressors[i]; i++)
		if (!strcmp(aggressors[i]->name, name))
			return aggressors[i];
	return NULL;
}

const struct victim *victim_find(const char *name)
{
	for (int i = 0; victims[i]; i++)
		if (!strcmp(victims[i]->name, name))
			return victims[i];
	return NULL;
}
