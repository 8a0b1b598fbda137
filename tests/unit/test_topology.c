// SPDX-License-Identifier: GPL-2.0
/* Checks thread placement on synthetic hwloc topologies of machines we do not have, and binding on this one. */

#define _GNU_SOURCE
#include <errno.h>
#include <limits.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <criterion/criterion.h>

#include "topology.h"

#define MAXT 256

/*
 * Fixtures, made by hwloc's own synthetic backend so that they are exactly
 * the machines their names say:
 *   2pkg-4numa-64core-smt2.xml  lstopo-no-graphics --input "pack:2 numa:2 core:16 pu:2"
 *   1pkg-8core.xml              lstopo-no-graphics --input "pack:1 core:8 pu:1"
 *   1pkg-2core.xml              lstopo-no-graphics --input "pack:1 core:2 pu:1"
 *   2pkg-2numa-8core-smt2-interleaved.xml
 *       --input "pack:2 numa:1 core:4 pu:2(indexes=0,8,1,9,...,7,15)"
 *       SMT siblings are CPU n and n+8, as Intel numbers them, so a mix-up
 *       of logical and OS indexes shows.
 * The ground truth below is written from those shapes, independently of
 * topology.c, so that the checks do not trust what they check.
 */
static int big_core(int cpu) { return cpu / 2; }
static int big_node(int cpu) { return cpu / 32; }
static int big_pkg(int cpu) { return cpu / 64; }
static int ilv_core(int cpu) { return cpu % 8; }
static int ilv_pkg(int cpu) { return cpu % 8 / 4; }
static int flat_core(int cpu) { return cpu; }

/* Tests run from the repo root; fall back to this file's directory. */
static const char *fixture(const char *name)
{
	static char path[PATH_MAX];
	const char *slash = strrchr(__FILE__, '/');

	snprintf(path, sizeof(path), "tests/fixtures/topo/%s", name);
	if (access(path, R_OK) == 0 || !slash)
		return path;
	snprintf(path, sizeof(path), "%.*s/../fixtures/topo/%s",
		 (int)(slash - __FILE__), __FILE__, name);
	return path;
}

static struct topo *load(const char *name)
{
	char err[512] = "";
	struct topo *t = topo_load(fixture(name), err, sizeof(err));

	cr_assert_not_null(t, "loading %s: %s", name, err);
	return t;
}

/*
 * The checker every placement test leans on: the index of the first thread
 * whose CPU lies on a core an earlier thread already has (by ground truth,
 * not by .core), or -1 when all cores are distinct.
 */
static int first_shared_core(const struct place *p, int n, int (*core_of)(int))
{
	for (int i = 0; i < n; i++)
		for (int j = 0; j < i; j++)
			if (core_of(p[i].cpu) == core_of(p[j].cpu))
				return i;
	return -1;
}

/* The fields topo_place fills agree with the fixture's ground truth. */
static void expect_consistent(const struct place *p, int n, int (*core_of)(int),
			      int (*pkg_of)(int), int (*node_of)(int))
{
	for (int i = 0; i < n; i++) {
		cr_expect_eq(p[i].core, core_of(p[i].cpu), "thread %d cpu %d", i, p[i].cpu);
		if (pkg_of)
			cr_expect_eq(p[i].package, pkg_of(p[i].cpu), "thread %d", i);
		if (node_of)
			cr_expect_eq(p[i].node, node_of(p[i].cpu), "thread %d", i);
	}
}

static void place_ok(struct topo *t, enum placement how, bool aggr, const int *allowed,
		     int nallowed, bool smt, int n, struct place *p)
{
	char err[512] = "";

	cr_assert_eq(topo_place(t, how, aggr, allowed, nallowed, smt, n, p, err, sizeof(err)),
		     0, "topo_place: %s", err);
}

/* Negative control: the distinct-core checker must fire on a bad placement. */
Test(topology, checker_catches_smt_siblings_and_duplicates)
{
	/* CPUs 0 and 1 are the two PUs of core 0 on the big machine. */
	struct place siblings[3] = { { .cpu = 0 }, { .cpu = 1 }, { .cpu = 2 } };
	struct place dup[3] = { { .cpu = 4 }, { .cpu = 6 }, { .cpu = 4 } };
	/* CPUs 3 and 11 are siblings on the interleaved machine, not 3 and 4. */
	struct place ilv[2] = { { .cpu = 3 }, { .cpu = 11 } };
	struct place good[3] = { { .cpu = 0 }, { .cpu = 2 }, { .cpu = 4 } };

	cr_expect_eq(first_shared_core(siblings, 3, big_core), 1);
	cr_expect_eq(first_shared_core(dup, 3, big_core), 2);
	cr_expect_eq(first_shared_core(ilv, 2, ilv_core), 1);
	cr_expect_eq(first_shared_core(good, 3, big_core), -1);
}

Test(topology, load_missing_file_says_so)
{
	char err[512] = "";
	struct topo *t = topo_load("tests/fixtures/topo/no-such-machine.xml", err, sizeof(err));

	cr_assert_null(t);
	cr_expect(strstr(err, "no-such-machine.xml") != NULL, "err: %s", err);
	cr_expect(strstr(err, strerror(ENOENT)) != NULL, "err: %s", err);
}

Test(topology, load_rejects_xml_that_is_not_hwloc)
{
	char err[512] = "";
	const char *path = fixture("not-hwloc.xml");
	struct topo *t = topo_load(path, err, sizeof(err));

	cr_assert_null(t);
	cr_expect(strstr(err, path) != NULL, "err: %s", err);
	cr_expect(strstr(err, "not an hwloc XML topology") != NULL, "err: %s", err);
}

Test(topology, describe_counts)
{
	struct topo *big = load("2pkg-4numa-64core-smt2.xml");
	struct topo *small = load("1pkg-8core.xml");
	char buf[128];

	topo_describe(big, buf, sizeof(buf));
	cr_expect_str_eq(buf, "2 packages, 4 NUMA nodes, 64 cores, 128 PUs");
	cr_expect_eq(topo_ncores(big), 64);
	cr_expect_eq(topo_npackages(big), 2);
	cr_expect_eq(topo_nnodes(big), 4);
	topo_describe(small, buf, sizeof(buf));
	cr_expect_str_eq(buf, "1 package, 1 NUMA node, 8 cores, 8 PUs");
	topo_free(big);
	topo_free(small);
}

Test(topology, compact_fills_first_node_first)
{
	struct topo *t = load("2pkg-4numa-64core-smt2.xml");
	struct place p[MAXT];

	/* The first node has 16 cores: 16 threads all fit there, adjacent. */
	place_ok(t, PLACE_COMPACT, true, NULL, 0, false, 16, p);
	cr_expect_eq(first_shared_core(p, 16, big_core), -1);
	expect_consistent(p, 16, big_core, big_pkg, big_node);
	for (int i = 0; i < 16; i++) {
		cr_expect_eq(p[i].node, 0, "thread %d", i);
		cr_expect_eq(big_core(p[i].cpu), i, "thread %d", i);
		cr_expect_not(p[i].shared);
	}
	/* The 17th spills to the next node of the same package. */
	place_ok(t, PLACE_COMPACT, true, NULL, 0, false, 17, p);
	cr_expect_eq(p[16].node, 1);
	cr_expect_eq(p[16].package, 0);
	topo_free(t);
}

Test(topology, no_smt_sibling_without_use_smt)
{
	struct topo *t = load("2pkg-4numa-64core-smt2.xml");
	struct topo *ilv = load("2pkg-2numa-8core-smt2-interleaved.xml");
	struct place p[MAXT];

	for (int how = PLACE_COMPACT; how <= PLACE_NUMA; how++) {
		/* numa keeps the aggressor's node for the aggressor alone. */
		int n = how == PLACE_NUMA ? 1 + 48 : 64;

		place_ok(t, how, true, NULL, 0, false, n, p);
		cr_expect_eq(first_shared_core(p, n, big_core), -1, "placement %d", how);
		expect_consistent(p, n, big_core, big_pkg, big_node);
		for (int i = 0; i < n; i++)
			cr_expect_not(p[i].shared, "placement %d thread %d", how, i);
	}
	for (int how = PLACE_COMPACT; how <= PLACE_SPREAD; how++) {
		place_ok(ilv, how, false, NULL, 0, false, 8, p);
		cr_expect_eq(first_shared_core(p, 8, ilv_core), -1, "placement %d", how);
		expect_consistent(p, 8, ilv_core, ilv_pkg, ilv_pkg);
	}
	topo_free(t);
	topo_free(ilv);
}

Test(topology, use_smt_takes_siblings_only_after_every_core)
{
	struct topo *t = load("2pkg-2numa-8core-smt2-interleaved.xml");
	struct place p[MAXT];
	bool seen[16] = { false };

	place_ok(t, PLACE_COMPACT, true, NULL, 0, true, 16, p);
	cr_expect_eq(first_shared_core(p, 8, ilv_core), -1);
	expect_consistent(p, 16, ilv_core, ilv_pkg, ilv_pkg);
	for (int i = 0; i < 16; i++) {
		cr_expect_not(seen[p[i].cpu], "cpu %d twice", p[i].cpu);
		seen[p[i].cpu] = true;
		/* Every core has two threads, each on its own PU. */
		cr_expect(p[i].shared, "thread %d", i);
	}
	/* With as many threads as cores, use_smt changes nothing. */
	place_ok(t, PLACE_SPREAD, true, NULL, 0, true, 8, p);
	cr_expect_eq(first_shared_core(p, 8, ilv_core), -1);
	topo_free(t);
}

Test(topology, spread_alternates_packages_then_nodes)
{
	struct topo *t = load("2pkg-4numa-64core-smt2.xml");
	struct place p[MAXT];
	static const int nodes[8] = { 0, 2, 1, 3, 0, 2, 1, 3 };

	place_ok(t, PLACE_SPREAD, true, NULL, 0, false, 64, p);
	cr_expect_eq(first_shared_core(p, 64, big_core), -1);
	expect_consistent(p, 64, big_core, big_pkg, big_node);
	for (int i = 0; i < 64; i++) {
		cr_expect_eq(p[i].package, i % 2, "thread %d", i);
		cr_expect_eq(p[i].node, nodes[i % 8], "thread %d", i);
	}
	topo_free(t);
}

Test(topology, numa_puts_victims_off_the_aggressor_node)
{
	struct topo *t = load("2pkg-4numa-64core-smt2.xml");
	struct place p[MAXT];

	place_ok(t, PLACE_NUMA, true, NULL, 0, false, 7, p);
	cr_expect_eq(p[0].node, 0);
	expect_consistent(p, 7, big_core, big_pkg, big_node);
	cr_expect_eq(first_shared_core(p, 7, big_core), -1);
	for (int i = 1; i < 7; i++)
		cr_expect_eq(p[i].node, 1 + (i - 1) % 3, "victim %d", i);

	/* 60 victims for 48 remote cores: they share, but stay remote. */
	place_ok(t, PLACE_NUMA, true, NULL, 0, false, 61, p);
	cr_expect_eq(first_shared_core(p, 49, big_core), -1);
	cr_expect_not(p[0].shared);
	for (int i = 1; i < 61; i++)
		cr_expect_neq(p[i].node, 0, "victim %d", i);
	cr_expect(p[49].shared);

	/* No aggressor: victims sit where they would with one. */
	place_ok(t, PLACE_NUMA, false, NULL, 0, false, 3, p);
	for (int i = 0; i < 3; i++)
		cr_expect_eq(p[i].node, 1 + i, "victim %d", i);
	topo_free(t);
}

Test(topology, numa_with_one_node_is_compact_and_silent)
{
	const char *fx[] = { "1pkg-8core.xml", "1pkg-2core.xml" };

	for (size_t f = 0; f < sizeof(fx) / sizeof(fx[0]); f++) {
		struct topo *t = load(fx[f]);
		struct place a[8], b[8];
		char err[128] = "";
		int n = topo_ncores(t);

		cr_assert_eq(topo_place(t, PLACE_NUMA, true, NULL, 0, false, n, a,
					err, sizeof(err)), 0);
		cr_expect_str_empty(err);
		place_ok(t, PLACE_COMPACT, true, NULL, 0, false, n, b);
		for (int i = 0; i < n; i++) {
			cr_expect_eq(a[i].cpu, b[i].cpu, "%s thread %d", fx[f], i);
			cr_expect_eq(a[i].node, 0);
		}
		topo_free(t);
	}
}

Test(topology, two_core_machine_wraps_and_marks_shared)
{
	struct topo *t = load("1pkg-2core.xml");
	struct place p[4];

	for (int how = PLACE_COMPACT; how <= PLACE_NUMA; how++) {
		place_ok(t, how, true, NULL, 0, false, 2, p);
		cr_expect_eq(first_shared_core(p, 2, flat_core), -1, "placement %d", how);
		cr_expect_not(p[0].shared);
		cr_expect_not(p[1].shared);

		place_ok(t, how, true, NULL, 0, false, 3, p);
		cr_expect_eq(first_shared_core(p, 3, flat_core), 2, "placement %d", how);
		cr_expect_eq(p[2].cpu, p[0].cpu);
		cr_expect(p[0].shared);
		cr_expect_not(p[1].shared);
		cr_expect(p[2].shared);
	}
	topo_free(t);
}

Test(topology, allowed_restricts_cpus)
{
	struct topo *t = load("2pkg-4numa-64core-smt2.xml");
	struct topo *small = load("1pkg-8core.xml");
	struct place p[MAXT];
	/* Two cores, both PUs of each: one thread per core, then wrap. */
	static const int four[] = { 4, 5, 6, 7 };
	static const int odd[] = { 1, 3, 5 };

	place_ok(t, PLACE_SPREAD, true, four, 4, false, 3, p);
	cr_expect_eq(first_shared_core(p, 2, big_core), -1);
	cr_expect_eq(p[0].cpu, 4);
	cr_expect_eq(p[1].cpu, 6);
	cr_expect_eq(p[2].cpu, 4);
	cr_expect(p[2].shared);

	/* With use_smt the siblings come in before any wrap. */
	place_ok(t, PLACE_COMPACT, true, four, 4, true, 4, p);
	cr_expect_eq(p[0].cpu, 4);
	cr_expect_eq(p[1].cpu, 6);
	cr_expect_eq(p[2].cpu, 5);
	cr_expect_eq(p[3].cpu, 7);

	for (int how = PLACE_COMPACT; how <= PLACE_NUMA; how++) {
		place_ok(small, how, false, odd, 3, false, 3, p);
		for (int i = 0; i < 3; i++)
			cr_expect_eq(p[i].cpu, odd[i], "placement %d thread %d", how, i);
	}
	topo_free(t);
	topo_free(small);
}

Test(topology, allowed_unknown_cpu_is_named)
{
	struct topo *t = load("1pkg-8core.xml");
	struct place p[4];
	char err[256] = "";
	static const int bad[] = { 0, 999 };
	static const int neg[] = { -3 };

	cr_expect_eq(topo_place(t, PLACE_COMPACT, true, bad, 2, false, 2, p, err, sizeof(err)), -1);
	cr_expect(strstr(err, "CPU 999") != NULL, "err: %s", err);
	err[0] = '\0';
	cr_expect_eq(topo_place(t, PLACE_COMPACT, true, neg, 1, false, 1, p, err, sizeof(err)), -1);
	cr_expect(strstr(err, "CPU -3") != NULL, "err: %s", err);
	topo_free(t);
}

Test(topology, zero_threads_is_fine)
{
	struct topo *t = load("1pkg-2core.xml");
	char err[64] = "";

	cr_expect_eq(topo_place(t, PLACE_SPREAD, false, NULL, 0, false, 0, NULL, err, sizeof(err)), 0);
	topo_free(t);
}

/* This machine: the placement binds, and the kernel agrees afterwards. */
Test(topology, this_machine_places_and_binds)
{
	char err[512] = "";
	struct topo *t = topo_load(NULL, err, sizeof(err));
	struct place p[MAXT];
	cpu_set_t set;
	int n;

	cr_assert_not_null(t, "%s", err);
	n = topo_ncores(t);
	cr_assert_gt(n, 0);
	if (n > MAXT)
		n = MAXT;
	place_ok(t, PLACE_SPREAD, true, NULL, 0, false, n, p);
	for (int i = 0; i < n; i++)
		for (int j = 0; j < i; j++)
			cr_expect_neq(p[i].core, p[j].core);

	cr_assert_eq(topo_bind_self(t, &p[n - 1], -1), 0);
	cr_assert_eq(sched_getaffinity(0, sizeof(set), &set), 0);
	cr_expect_eq(CPU_COUNT(&set), 1);
	cr_expect(CPU_ISSET(p[n - 1].cpu, &set));
	if (topo_node_exists(0))
		cr_expect_eq(topo_bind_self(t, &p[0], 0), 0);
	topo_free(t);
}

Test(topology, node_exists_rejects_nonsense)
{
	cr_expect_not(topo_node_exists(-1));
	cr_expect_not(topo_node_exists(1 << 20));
	cr_expect(topo_node_exists(0));
}

Test(topology, bind_rejects_missing_node)
{
	char err[512] = "";
	struct topo *t = topo_load(NULL, err, sizeof(err));
	struct place p;

	cr_assert_not_null(t, "%s", err);
	place_ok(t, PLACE_COMPACT, false, NULL, 0, false, 1, &p);
	cr_expect_eq(topo_bind_self(t, &p, 1 << 20), -EINVAL);
	topo_free(t);
}

/* An XML topology describes another machine: binding with it must not pretend. */
Test(topology, bind_refuses_foreign_topology)
{
	struct topo *t = load("1pkg-2core.xml");
	struct place p;

	place_ok(t, PLACE_COMPACT, false, NULL, 0, false, 1, &p);
	cr_expect_lt(topo_bind_self(t, &p, -1), 0);
	topo_free(t);
}
