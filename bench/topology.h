/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Thread placement: which CPU each thread of a run gets, chosen from the hwloc
 * topology, and binding of a thread (CPU through hwloc, memory through
 * libnuma).  Placement is a pure function of the topology so that it can be
 * tested on synthetic topologies of machines we do not have.
 */
#ifndef FS_TOPOLOGY_H
#define FS_TOPOLOGY_H

#include <stdbool.h>
#include <stddef.h>

enum placement {
	PLACE_COMPACT,	/* fill cores of the first package/NUMA node first */
	PLACE_SPREAD,	/* round-robin over packages, then NUMA nodes */
	PLACE_NUMA,	/* aggressor on the first node, victims on the other nodes */
};

struct topo;	/* an hwloc topology, loaded */

struct place {
	int cpu;	/* OS index of the PU the thread runs on */
	int core;	/* logical index of its core */
	int package;	/* logical index of its package */
	int node;	/* OS index of its NUMA node, -1 if unknown */
	bool shared;	/* another thread of the run got the same core */
};

/* xml_path NULL: this machine.  Returns NULL and fills err on failure. */
struct topo *topo_load(const char *xml_path, char *err, size_t errlen);
void topo_free(struct topo *t);

int topo_ncores(const struct topo *t);
int topo_npackages(const struct topo *t);
int topo_nnodes(const struct topo *t);
/* One line describing the machine, e.g. "2 packages, 4 NUMA nodes, 64 cores, 128 PUs". */
void topo_describe(const struct topo *t, char *buf, size_t len);

/*
 * Choose CPUs for nthreads threads; thread 0 is the aggressor when
 * has_aggressor, the rest are victims in order.  allowed (n_allowed entries,
 * OS CPU numbers) restricts the choice; NULL means every PU.  Each thread gets
 * its own core, SMT siblings of a used core only when use_smt; when there are
 * more threads than usable cores the assignment wraps around and marks the
 * sharing threads .shared.  Returns 0, or -1 with a message in err (e.g. a CPU
 * in allowed that does not exist).
 */
int topo_place(const struct topo *t, enum placement how, bool has_aggressor,
	       const int *allowed, int n_allowed, bool use_smt, int nthreads,
	       struct place *out, char *err, size_t errlen);

/* Bind the calling thread to p->cpu (hwloc) and its memory: membind >= 0
 * binds to that node (libnuma), else local allocation.  0 or -errno. */
int topo_bind_self(const struct topo *t, const struct place *p, int membind);

/* Whether NUMA node `node` exists on this machine (libnuma). */
bool topo_node_exists(int node);

#endif
