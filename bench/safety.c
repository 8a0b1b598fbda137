// SPDX-License-Identifier: GPL-2.0
/* The memory guard and privilege checks; all run before any allocation. */
#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <linux/capability.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "error.h"
#include "safety.h"
#include "topology.h"
#include "victims/fault_anon.h"

static uint64_t meminfo_kb(const char *key)
{
	char line[256];
	unsigned long long v = 0;
	size_t klen = strlen(key);
	FILE *f = fopen("/proc/meminfo", "r");

	if (!f)
		return 0;
	while (fgets(line, sizeof(line), f))
		if (!strncmp(line, key, klen) && line[klen] == ':') {
			sscanf(line + klen + 1, "%llu", &v);
			break;
		}
	fclose(f);
	return v;
}

/* A number from a cgroup file; "max" (v2) or v1's near-2^63 "no limit"
 * reads as 0: no limit. */
static uint64_t cg_read(const char *dir, const char *name)
{
	char path[PATH_MAX];
	unsigned long long v;
	FILE *f;
	int ok;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	if (!(f = fopen(path, "r")))
		return 0;
	ok = fscanf(f, "%llu", &v) == 1;
	fclose(f);
	return ok && v < (1ull << 62) ? v : 0;
}

/* Is word one of the comma-separated words of list? */
static bool has_word(const char *list, const char *word)
{
	size_t n = strlen(word);

	for (const char *p = list; p; p = strchr(p, ',') ? strchr(p, ',') + 1 : NULL)
		if (!strncmp(p, word, n) && (p[n] == ',' || !p[n]))
			return true;
	return false;
}

/*
 * Where this process's memory cgroup lives: the cgroup v2 mount, or the v1
 * hierarchy holding the memory controller (hybrid hosts have both, with
 * memory on v1), joined with our path from /proc/self/cgroup.  The mount
 * point is the top we may walk up to.  0, or -1 if there is none.
 */
static int cg_dir(bool v2, char *dir, size_t len, size_t *toplen)
{
	char line[1024], mnt[PATH_MAX] = "", root[PATH_MAX] = "", path[PATH_MAX] = "";
	FILE *f = fopen("/proc/self/mountinfo", "r");
	size_t rl;

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f)) {
		char r[PATH_MAX], m[PATH_MAX], fs[64], opts[512];
		const char *dash = strstr(line, " - ");

		if (!dash || sscanf(line, "%*s %*s %*s %4095s %4095s", r, m) != 2 ||
		    sscanf(dash + 3, "%63s %*s %511s", fs, opts) != 2)
			continue;
		if (v2 ? !strcmp(fs, "cgroup2") : !strcmp(fs, "cgroup") && has_word(opts, "memory")) {
			snprintf(mnt, sizeof(mnt), "%s", m);
			snprintf(root, sizeof(root), "%s", r);
			break;
		}
	}
	fclose(f);
	if (!mnt[0] || !(f = fopen("/proc/self/cgroup", "r")))
		return -1;
	while (fgets(line, sizeof(line), f)) {
		char *c1 = strchr(line, ':'), *c2 = c1 ? strchr(c1 + 1, ':') : NULL;

		if (!c2)
			continue;
		*c1 = *c2 = 0;
		c2[1 + strcspn(c2 + 1, "\n")] = 0;
		if (v2 ? !strcmp(line, "0") && !c1[1] : has_word(c1 + 1, "memory")) {
			snprintf(path, sizeof(path), "%s", c2 + 1);
			break;
		}
	}
	fclose(f);
	if (!path[0])
		return -1;
	/* a bind-mounted subtree (containers) starts at its root */
	rl = strlen(root);
	if (strcmp(root, "/") && !strncmp(path, root, rl))
		memmove(path, path + rl, strlen(path + rl) + 1);
	*toplen = strlen(mnt);
	snprintf(dir, len, "%s%s", mnt, strcmp(path, "/") ? path : "");
	return 0;
}

/*
 * The least room under any memory limit of our cgroup and its ancestors (a
 * parent's limit binds too): memory.max - memory.current on cgroup v2,
 * memory.limit_in_bytes - memory.usage_in_bytes on v1.  0: no limit.
 */
static uint64_t cgroup_room(char *file, size_t flen)
{
	char dir[PATH_MAX];
	uint64_t room = 0;
	size_t top;

	for (int v2 = 1; v2 >= 0; v2--) {
		if (cg_dir(v2, dir, sizeof(dir), &top))
			continue;
		for (;;) {
			const char *lim = v2 ? "memory.max" : "memory.limit_in_bytes";
			uint64_t max = cg_read(dir, lim);
			uint64_t cur = cg_read(dir, v2 ? "memory.current" : "memory.usage_in_bytes");
			char *slash;

			if (max) {
				uint64_t r = max > cur ? max - cur : 1;

				if (!room || r < room) {
					room = r;
					snprintf(file, flen, "%s/%s", dir, lim);
				}
			}
			slash = strrchr(dir, '/');
			if (!slash || (size_t)(slash - dir) < top)
				break;
			*slash = 0;
		}
	}
	return room;
}

uint64_t safety_available_bytes(char *source, size_t len)
{
	char file[PATH_MAX];
	uint64_t avail = meminfo_kb("MemAvailable") * 1024, room = cgroup_room(file, sizeof(file));

	snprintf(source, len, "MemAvailable");
	if (room && (!avail || room < avail)) {
		snprintf(source, len, "the room under the cgroup limit %s", file);
		return room;
	}
	return avail;
}

/* capget, not libcap: one effective-set bit is all we need. */
static int has_cap(int cap)
{
	struct __user_cap_header_struct hdr = { _LINUX_CAPABILITY_VERSION_3, 0 };
	struct __user_cap_data_struct data[2];

	if (syscall(SYS_capget, &hdr, data))
		return 0;
	return (data[cap / 32].effective >> (cap % 32)) & 1;
}

int safety_can_lock(uint64_t bytes, char *why, size_t len)
{
	struct rlimit rl;

	if (has_cap(CAP_IPC_LOCK))
		return 1;
	if (!getrlimit(RLIMIT_MEMLOCK, &rl) && (rl.rlim_cur == RLIM_INFINITY || rl.rlim_cur >= bytes))
		return 1;
	snprintf(why, len,
		 "locking %llu MiB needs CAP_IPC_LOCK or a larger memlock limit (now %llu KiB): "
		 "run as root, or raise it with `ulimit -l %llu` (or in /etc/security/limits.conf)",
		 (unsigned long long)(bytes >> 20), (unsigned long long)(rl.rlim_cur / 1024),
		 (unsigned long long)((bytes + 1023) / 1024));
	return 0;
}

int safety_check(const struct options *opt, const struct aggressor *agg, int nvictims,
		 char *why, size_t len)
{
	/* victims fault in at most one region each; the aggressor its --size */
	uint64_t need = (uint64_t)nvictims * FAULT_REGION_BYTES;
	uint64_t avail, allowed;
	char source[PATH_MAX + 64];

	if (agg->flags & SCN_USES_MEMORY)
		need += opt->size;
	avail = safety_available_bytes(source, sizeof(source));
	allowed = (uint64_t)((double)avail * opt->mem_share / 100.0);
	if (avail && need > allowed) {
		snprintf(why, len,
			 "this run would populate %llu MiB but only %.0f%% of %s (%llu MiB) may be "
			 "used: lower --size, or raise --mem-share (now %.0f, at most 95)",
			 (unsigned long long)(need >> 20), opt->mem_share, source,
			 (unsigned long long)(avail >> 20), opt->mem_share);
		return FS_EXIT_NO_RESOURCE;
	}
	if (agg->flags & SCN_LOCKS_MEMORY) {
		/* MCL_FUTURE/MCL_CURRENT lock the victims' regions and our own too */
		uint64_t lock = opt->size + (agg->flags & SCN_PROCESS_WIDE ? need : 0);

		if (!safety_can_lock(lock, why, len))
			return FS_EXIT_NO_RESOURCE;
	}
	if (opt->membind >= 0 && !topo_node_exists((int)opt->membind)) {
		snprintf(why, len, "--membind %ld: no such NUMA node on this machine (see numactl -H)",
			 opt->membind);
		return FS_EXIT_USAGE;
	}
	if (access(opt->file_dir, W_OK | X_OK)) {
		snprintf(why, len, "--file-dir %s is not a writable directory: %s", opt->file_dir,
			 strerror(errno));
		return FS_EXIT_USAGE;
	}
	return FS_EXIT_OK;
}
