// SPDX-License-Identifier: GPL-2.0
/* Chooses a CPU for every thread of a run from the hwloc topology, and binds a thread's CPU (hwloc) and memory (libnuma). */

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <hwloc.h>
#include <numa.h>

#include "topology.h"

struct topo {
	hwloc_topology_t h;
};

/*
 * A core that placement may use, with the PUs of it that are allowed.  When a
 * topology has no Core objects (some VMs, old XML) every PU counts as a core,
 * so "one thread per core" still means something.
 */
struct ucore {
	int core;	/* logical index of the core (or of the PU) */
	int package;	/* logical index of its package, 0 if none */
	int node_li;	/* logical index of its NUMA node, -1 if none: the sort key */
	int node_os;	/* OS index of that node, -1 if none: what users see */
	int npu;	/* allowed PUs of this core ... */
	int pu0;	/* ... at pus[pu0 .. pu0 + npu - 1], OS indexes, logical order */
};

/* A CPU a thread can be given: the rank-th allowed PU of core u. */
struct slot {
	int u;
	int rank;
};

__attribute__((format(printf, 3, 4)))
static void seterr(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	if (!err || !errlen)
		return;
	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
}

/* Callers return -errno; never let a failure look like success. */
static int neg_errno(void)
{
	return errno ? -errno : -EIO;
}

struct topo *topo_load(const char *xml_path, char *err, size_t errlen)
{
	struct topo *t = calloc(1, sizeof(*t));

	if (!t) {
		seterr(err, errlen, "topology: out of memory");
		return NULL;
	}
	if (hwloc_topology_init(&t->h) < 0) {
		seterr(err, errlen, "hwloc_topology_init: %s", strerror(errno));
		free(t);
		return NULL;
	}
	if (xml_path) {
		/*
		 * hwloc reports a missing file as a generic discovery failure;
		 * check first so the message names the file and the reason.
		 */
		if (access(xml_path, R_OK) < 0) {
			seterr(err, errlen, "cannot read topology file %s: %s",
			       xml_path, strerror(errno));
			goto fail;
		}
		if (hwloc_topology_set_xml(t->h, xml_path) < 0) {
			seterr(err, errlen, "%s is not an hwloc XML topology (%s)",
			       xml_path, strerror(errno));
			goto fail;
		}
	}
	/* Malformed or foreign XML is only detected here, at parse time. */
	if (hwloc_topology_load(t->h) < 0) {
		if (xml_path)
			seterr(err, errlen, "%s is not an hwloc XML topology (%s)",
			       xml_path, strerror(errno));
		else
			seterr(err, errlen, "hwloc cannot read this machine's topology: %s",
			       strerror(errno));
		goto fail;
	}
	if (hwloc_get_nbobjs_by_type(t->h, HWLOC_OBJ_PU) <= 0) {
		seterr(err, errlen, "%s has no CPUs",
		       xml_path ? xml_path : "this machine's topology");
		goto fail;
	}
	return t;
fail:
	hwloc_topology_destroy(t->h);
	free(t);
	return NULL;
}

void topo_free(struct topo *t)
{
	if (!t)
		return;
	hwloc_topology_destroy(t->h);
	free(t);
}

/* The object type that stands for "a core" on this topology (see ucore). */
static hwloc_obj_type_t core_type(const struct topo *t)
{
	return hwloc_get_nbobjs_by_type(t->h, HWLOC_OBJ_CORE) > 0 ?
		HWLOC_OBJ_CORE : HWLOC_OBJ_PU;
}

int topo_ncores(const struct topo *t)
{
	return hwloc_get_nbobjs_by_type(t->h, core_type(t));
}

/* A machine without Package objects still has one package: placement calls it 0. */
int topo_npackages(const struct topo *t)
{
	int n = hwloc_get_nbobjs_by_type(t->h, HWLOC_OBJ_PACKAGE);

	return n > 0 ? n : 1;
}

int topo_nnodes(const struct topo *t)
{
	return hwloc_get_nbobjs_by_type(t->h, HWLOC_OBJ_NUMANODE);
}

void topo_describe(const struct topo *t, char *buf, size_t len)
{
	int p = topo_npackages(t), n = topo_nnodes(t), c = topo_ncores(t);
	int u = hwloc_get_nbobjs_by_type(t->h, HWLOC_OBJ_PU);

	snprintf(buf, len, "%d package%s, %d NUMA node%s, %d core%s, %d PU%s",
		 p, p == 1 ? "" : "s", n, n == 1 ? "" : "s",
		 c, c == 1 ? "" : "s", u, u == 1 ? "" : "s");
}

/*
 * The NUMA node local to a PU.  In hwloc 2 nodes hang off the tree as memory
 * children, so look them up by cpuset.  When several cover the PU (DRAM plus
 * HBM or NVDIMM tiers) the first in logical order is the one hwloc lists
 * first for that locality, normally the ordinary DRAM node.
 */
static hwloc_obj_t pu_node(const struct topo *t, unsigned pu_os)
{
	hwloc_obj_t node = NULL;

	while ((node = hwloc_get_next_obj_by_type(t->h, HWLOC_OBJ_NUMANODE, node)))
		if (node->cpuset && hwloc_bitmap_isset(node->cpuset, pu_os))
			return node;
	return NULL;
}

/*
 * Builds the list of cores with at least one PU in mask.  Returns the number
 * of cores; *pus holds their PUs.  -1 on allocation failure.
 */
static int usable_cores(const struct topo *t, hwloc_const_bitmap_t mask,
			struct ucore **ucp, int **pusp)
{
	hwloc_obj_type_t ct = core_type(t);
	int ncores = hwloc_get_nbobjs_by_type(t->h, ct);
	int npus = hwloc_get_nbobjs_by_type(t->h, HWLOC_OBJ_PU);
	struct ucore *uc = calloc(ncores > 0 ? ncores : 1, sizeof(*uc));
	int *pus = calloc(npus > 0 ? npus : 1, sizeof(*pus));
	int nu = 0, npu = 0;

	if (!uc || !pus) {
		free(uc);
		free(pus);
		return -1;
	}
	for (int i = 0; i < ncores; i++) {
		hwloc_obj_t core = hwloc_get_obj_by_type(t->h, ct, i);
		hwloc_obj_t pkg, node, pu = NULL;
		struct ucore *u = &uc[nu];

		u->pu0 = npu;
		u->npu = 0;
		while ((pu = hwloc_get_next_obj_inside_cpuset_by_type(t->h, core->cpuset,
								       HWLOC_OBJ_PU, pu)))
			if (hwloc_bitmap_isset(mask, pu->os_index))
				pus[u->pu0 + u->npu++] = pu->os_index;
		if (!u->npu)
			continue;
		npu += u->npu;
		u->core = core->logical_index;
		pkg = hwloc_get_ancestor_obj_by_type(t->h, HWLOC_OBJ_PACKAGE, core);
		u->package = pkg ? (int)pkg->logical_index : 0;
		node = pu_node(t, pus[u->pu0]);
		u->node_li = node ? (int)node->logical_index : -1;
		u->node_os = node ? (int)node->os_index : -1;
		nu++;
	}
	*ucp = uc;
	*pusp = pus;
	return nu;
}

static int cmp_compact(const void *a, const void *b)
{
	const struct ucore *x = a, *y = b;

	if (x->package != y->package)
		return x->package - y->package;
	if (x->node_li != y->node_li)
		return x->node_li - y->node_li;
	return x->core - y->core;
}

/*
 * Compact order: package by package, node by node, cores in logical order.
 * hwloc's logical order is usually already this; sorting makes it true on
 * machines whose nodes do not follow the core numbering.  The cores
 * themselves are sorted, so seq is the identity afterwards.
 */
static void order_compact(struct ucore *uc, int *seq, int n)
{
	qsort(uc, n, sizeof(*uc), cmp_compact);
	for (int i = 0; i < n; i++)
		seq[i] = i;
}

/*
 * Interleaves cores sorted in compact order: round-robin over groups (the
 * package when by_package, else the node), and inside a group round-robin
 * over its NUMA nodes, so consecutive threads land as far apart as the
 * machine allows.  in and out hold n core indexes.
 */
static int interleave(const struct ucore *uc, const int *in, int n, bool by_package,
		      int *out)
{
	/* bucket b: cores in[bstart[b] ..] of one (group, node) */
	int *bstart = calloc(n, sizeof(int)), *blen = calloc(n, sizeof(int));
	int *bused = calloc(n, sizeof(int));
	/* group g: buckets gfirst[g] .. gfirst[g] + gnb[g] - 1, next one to try grr[g] */
	int *gfirst = calloc(n, sizeof(int)), *gnb = calloc(n, sizeof(int));
	int *grr = calloc(n, sizeof(int));
	int nb = 0, ng = 0, k = 0, ret = -1;

	if (!bstart || !blen || !bused || !gfirst || !gnb || !grr)
		goto out;
	for (int i = 0; i < n; i++) {
		const struct ucore *u = &uc[in[i]];
		const struct ucore *prev = i ? &uc[in[i - 1]] : NULL;
		int key = by_package ? u->package : u->node_li;
		int pkey = prev ? (by_package ? prev->package : prev->node_li) : 0;

		if (!prev || key != pkey) {
			gfirst[ng] = nb;
			ng++;
		}
		if (!prev || key != pkey || u->node_li != prev->node_li) {
			bstart[nb] = i;
			nb++;
			gnb[ng - 1]++;
		}
		blen[nb - 1]++;
	}
	while (k < n) {
		for (int g = 0; g < ng && k < n; g++) {
			for (int try = 0; try < gnb[g]; try++) {
				int b = gfirst[g] + (grr[g] + try) % gnb[g];

				if (bused[b] < blen[b]) {
					out[k++] = in[bstart[b] + bused[b]++];
					grr[g] = (grr[g] + try + 1) % gnb[g];
					break;
				}
			}
		}
	}
	ret = 0;
out:
	free(bstart);
	free(blen);
	free(bused);
	free(gfirst);
	free(gnb);
	free(grr);
	return ret;
}

/*
 * Turns a core order into CPU slots: first one PU of every core, and only
 * with use_smt a second round over the cores with their next sibling, and so
 * on.  Threads therefore share a core only when every core already has one.
 */
static int make_slots(const struct ucore *uc, const int *seq, int n, bool use_smt,
		      struct slot *slots)
{
	int maxpu = 1, ns = 0;

	if (use_smt)
		for (int i = 0; i < n; i++)
			if (uc[seq[i]].npu > maxpu)
				maxpu = uc[seq[i]].npu;
	for (int r = 0; r < maxpu; r++)
		for (int i = 0; i < n; i++)
			if (uc[seq[i]].npu > r)
				slots[ns++] = (struct slot){ .u = seq[i], .rank = r };
	return ns;
}

static void fill(struct place *p, const struct ucore *uc, const int *pus, struct slot s)
{
	const struct ucore *u = &uc[s.u];

	p->cpu = pus[u->pu0 + s.rank];
	p->core = u->core;
	p->package = u->package;
	p->node = u->node_os;
	p->shared = false;
}

int topo_place(const struct topo *t, enum placement how, bool has_aggressor,
	       const int *allowed, int n_allowed, bool use_smt, int nthreads,
	       struct place *out, char *err, size_t errlen)
{
	hwloc_bitmap_t mask = NULL;
	struct ucore *uc = NULL;
	int *pus = NULL, *seq = NULL, *tmp = NULL, *count = NULL;
	struct slot *slots = NULL, *vslots = NULL;
	int nu, ns, nvs, ret = -1, first = 0;
	char cpus[256];

	if (nthreads < 0 || (nthreads > 0 && !out)) {
		seterr(err, errlen, "topo_place: bad thread count %d", nthreads);
		return -1;
	}
	if (nthreads == 0)
		return 0;
	if (how != PLACE_COMPACT && how != PLACE_SPREAD && how != PLACE_NUMA) {
		seterr(err, errlen, "topo_place: unknown placement %d", (int)how);
		return -1;
	}

	if (allowed) {
		if (n_allowed <= 0) {
			seterr(err, errlen, "the CPU list is empty");
			return -1;
		}
		mask = hwloc_bitmap_alloc();
		if (!mask)
			goto nomem;
		for (int i = 0; i < n_allowed; i++) {
			if (allowed[i] < 0 ||
			    !hwloc_get_pu_obj_by_os_index(t->h, allowed[i])) {
				hwloc_bitmap_list_snprintf(cpus, sizeof(cpus),
					hwloc_topology_get_topology_cpuset(t->h));
				seterr(err, errlen,
				       "CPU %d does not exist (the topology's CPUs are %s)",
				       allowed[i], cpus);
				goto out;
			}
			hwloc_bitmap_set(mask, allowed[i]);
		}
	} else {
		/* The allowed set, not the complete one: a cgroup may fence us in. */
		mask = hwloc_bitmap_dup(hwloc_topology_get_allowed_cpuset(t->h));
		if (!mask)
			goto nomem;
	}

	nu = usable_cores(t, mask, &uc, &pus);
	if (nu < 0)
		goto nomem;
	if (nu == 0) {
		hwloc_bitmap_list_snprintf(cpus, sizeof(cpus), mask);
		seterr(err, errlen, "no usable CPU among %s", cpus);
		goto out;
	}
	seq = calloc(nu, sizeof(*seq));
	tmp = calloc(nu, sizeof(*tmp));
	slots = calloc(hwloc_get_nbobjs_by_type(t->h, HWLOC_OBJ_PU), sizeof(*slots));
	vslots = calloc(hwloc_get_nbobjs_by_type(t->h, HWLOC_OBJ_PU), sizeof(*vslots));
	count = calloc(hwloc_get_nbobjs_by_type(t->h, core_type(t)), sizeof(*count));
	if (!seq || !tmp || !slots || !vslots || !count)
		goto nomem;

	order_compact(uc, seq, nu);

	if (how == PLACE_NUMA) {
		/* The first node is the one compact placement starts on. */
		int first_node = uc[seq[0]].node_li, nother = 0;

		for (int i = 0; i < nu; i++)
			if (uc[seq[i]].node_li != first_node)
				tmp[nother++] = seq[i];
		/*
		 * With one node there is no remote side to measure; compact is
		 * the closest meaning, and saying so would only be noise.
		 */
		if (!nother) {
			how = PLACE_COMPACT;
		} else {
			/*
			 * Victims never share the aggressor's node, even when
			 * that means sharing cores: the point of this placement
			 * is that victims fault on remote memory.  Without an
			 * aggressor they go where they would go with one, so
			 * a baseline run stays comparable.
			 */
			if (has_aggressor) {
				struct slot a = { .u = seq[0], .rank = 0 };

				fill(&out[0], uc, pus, a);
				first = 1;
			}
			if (interleave(uc, tmp, nother, false, seq) < 0)
				goto nomem;
			nvs = make_slots(uc, seq, nother, use_smt, vslots);
			for (int i = first; i < nthreads; i++)
				fill(&out[i], uc, pus, vslots[(i - first) % nvs]);
		}
	}
	if (how == PLACE_SPREAD) {
		if (interleave(uc, seq, nu, true, tmp) < 0)
			goto nomem;
		memcpy(seq, tmp, nu * sizeof(*seq));
	}
	if (how != PLACE_NUMA) {
		ns = make_slots(uc, seq, nu, use_smt, slots);
		/* More threads than CPUs: wrap around; .shared below says so. */
		for (int i = 0; i < nthreads; i++)
			fill(&out[i], uc, pus, slots[i % ns]);
	}

	for (int i = 0; i < nthreads; i++)
		count[out[i].core]++;
	for (int i = 0; i < nthreads; i++)
		out[i].shared = count[out[i].core] > 1;
	ret = 0;
	goto out;
nomem:
	seterr(err, errlen, "topo_place: out of memory");
out:
	hwloc_bitmap_free(mask);
	free(uc);
	free(pus);
	free(seq);
	free(tmp);
	free(slots);
	free(vslots);
	free(count);
	return ret;
}

int topo_bind_self(const struct topo *t, const struct place *p, int membind)
{
	hwloc_obj_t pu = hwloc_get_pu_obj_by_os_index(t->h, p->cpu);
	int e;

	/* Check everything first so that a failure leaves the thread as it was. */
	if (!pu || (membind >= 0 && !topo_node_exists(membind)))
		return -EINVAL;
	/*
	 * hwloc "binds" with no-op hooks on a topology that is not this
	 * machine (XML) and reports success; an unpinned run must not pass
	 * for a pinned one.
	 */
	if (!hwloc_topology_is_thissystem(t->h))
		return -EINVAL;
	if (hwloc_set_cpubind(t->h, pu->cpuset, HWLOC_CPUBIND_THREAD) < 0)
		return neg_errno();

	/* Without NUMA in the kernel there is one node and nothing to set. */
	if (numa_available() < 0)
		return 0;
	/*
	 * libnuma's setters return void and report failure through
	 * numa_error(), which keeps errno; set_mempolicy leaves errno alone on
	 * success, so a nonzero errno afterwards is the failure.
	 */
	if (membind >= 0) {
		struct bitmask *nodes = numa_allocate_nodemask();

		if (!nodes)
			return -ENOMEM;
		numa_bitmask_setbit(nodes, membind);
		/* MPOL_BIND is strict: no fallback to other nodes when this one is full. */
		errno = 0;
		numa_set_membind(nodes);
		e = errno;
		numa_bitmask_free(nodes);
	} else {
		errno = 0;
		numa_set_localalloc();
		e = errno;
	}
	return e ? -e : 0;
}

bool topo_node_exists(int node)
{
	if (node < 0)
		return false;
	/* A kernel without NUMA still has its memory, all of it on node 0. */
	if (numa_available() < 0)
		return node == 0;
	if (node > numa_max_node())
		return false;
	return numa_bitmask_isbitset(numa_all_nodes_ptr, node);
}
