// SPDX-License-Identifier: GPL-2.0
/* The memory guard and privilege checks; all run before any allocation. */
#include <errno.h>
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

/* cgroup v2: "0::/path" in /proc/self/cgroup; memory.max minus memory.current. */
static uint64_t cgroup_room(void)
{
	char line[512], path[1024];
	unsigned long long max = 0, cur = 0;
	FILE *f = fopen("/proc/self/cgroup", "r");
	int ok = 0;

	if (!f)
		return 0;
	while (fgets(line, sizeof(line), f))
		if (!strncmp(line, "0::", 3)) {
			line[strcspn(line, "\n")] = 0;
			snprintf(path, sizeof(path), "/sys/fs/cgroup%s/memory.max", line + 3);
			ok = 1;
			break;
		}
	fclose(f);
	if (!ok || !(f = fopen(path, "r")))
		return 0;
	ok = fscanf(f, "%llu", &max) == 1;	/* "max" parses as nothing: no limit */
	fclose(f);
	if (!ok)
		return 0;
	strcpy(path + strlen(path) - strlen("max"), "current");
	if ((f = fopen(path, "r"))) {
		if (fscanf(f, "%llu", &cur) != 1)
			cur = 0;
		fclose(f);
	}
	return max > cur ? max - cur : 1;
}

uint64_t safety_available_bytes(char *source, size_t len)
{
	uint64_t avail = meminfo_kb("MemAvailable") * 1024, room = cgroup_room();

	snprintf(source, len, "MemAvailable");
	if (room && (!avail || room < avail)) {
		snprintf(source, len, "the room under this cgroup's memory.max");
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
	char source[64];

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
