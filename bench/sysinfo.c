// SPDX-License-Identifier: GPL-2.0
/* Machine and kernel facts for meta.json. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "sysinfo.h"

#ifndef FS_GIT_REVISION
#define FS_GIT_REVISION "unknown"
#endif

void read_line(const char *path, char *buf, size_t len)
{
	FILE *f = fopen(path, "r");

	buf[0] = 0;
	if (!f)
		return;
	if (!fgets(buf, (int)len, f))
		buf[0] = 0;
	buf[strcspn(buf, "\n")] = 0;
	fclose(f);
}

void sysinfo_release(char *buf, size_t len)
{
	struct utsname u;

	if (uname(&u))
		snprintf(buf, len, "unknown-kernel");
	else
		snprintf(buf, len, "%s", u.release);
}

/* "always [madvise] never" -> "madvise" */
static json_t *bracketed(const char *path)
{
	char line[256], *a, *b;

	read_line(path, line, sizeof(line));
	if ((a = strchr(line, '[')) && (b = strchr(a, ']'))) {
		*b = 0;
		return json_string(a + 1);
	}
	return line[0] ? json_string(line) : json_null();
}

static void cpu_model(char *buf, size_t len)
{
	char line[512];
	FILE *f = fopen("/proc/cpuinfo", "r");

	snprintf(buf, len, "unknown");
	if (!f)
		return;
	while (fgets(line, sizeof(line), f)) {
		char *colon = strchr(line, ':');

		if (colon && !strncmp(line, "model name", 10)) {
			line[strcspn(line, "\n")] = 0;
			snprintf(buf, len, "%s", colon + 2);
			break;
		}
	}
	fclose(f);
}

/*
 * How the run is virtualized.  vm-bench tells us through FAULTSTORM_VIRT
 * (kvm or tcg: it started QEMU and knows); otherwise the CPU's hypervisor flag
 * and the DMI vendor say whether we are a guest at all.
 */
static json_t *virtualization(void)
{
	const char *env = getenv("FAULTSTORM_VIRT");
	char vendor[128], line[4096];
	int hyper = 0;
	FILE *f;

	if (env && *env)
		return json_pack("{s:s, s:s}", "mode", env, "how", "set by vm-bench (FAULTSTORM_VIRT)");
	if ((f = fopen("/proc/cpuinfo", "r"))) {
		while (fgets(line, sizeof(line), f))
			if (!strncmp(line, "flags", 5)) {
				hyper = strstr(line, " hypervisor") != NULL;
				break;
			}
		fclose(f);
	}
	read_line("/sys/class/dmi/id/sys_vendor", vendor, sizeof(vendor));
	if (!hyper)
		return json_pack("{s:s, s:s}", "mode", "none", "how", "no hypervisor CPU flag");
	return json_pack("{s:s, s:s}", "mode", "guest", "how",
			 vendor[0] ? vendor : "hypervisor CPU flag (vendor unknown)");
}

json_t *sysinfo_json(const struct topo *topo)
{
	struct utsname u;
	char cmdline[4096], model[256], host[256], clocksource[64], paranoid[16], desc[256];
	const char *variant = getenv("FAULTSTORM_VARIANT");

	uname(&u);
	read_line("/proc/cmdline", cmdline, sizeof(cmdline));
	read_line("/sys/devices/system/clocksource/clocksource0/current_clocksource", clocksource,
		  sizeof(clocksource));
	read_line("/proc/sys/kernel/perf_event_paranoid", paranoid, sizeof(paranoid));
	cpu_model(model, sizeof(model));
	if (gethostname(host, sizeof(host)))
		snprintf(host, sizeof(host), "unknown");
	desc[0] = 0;
	if (topo)
		topo_describe(topo, desc, sizeof(desc));
	return json_pack("{s:{s:s, s:s, s:s, s:s}, s:{s:s, s:s, s:i, s:i, s:i, s:i, s:s},"
			 " s:{s:o, s:o, s:o}, s:s, s:o, s:s, s:o, s:s}",
			 "kernel", "release", u.release, "version", u.version, "machine", u.machine,
			 "cmdline", cmdline,
			 "machine", "hostname", host, "cpu_model", model,
			 "cpus_online", (int)sysconf(_SC_NPROCESSORS_ONLN),
			 "packages", topo ? topo_npackages(topo) : 0,
			 "cores", topo ? topo_ncores(topo) : 0,
			 "numa_nodes", topo ? topo_nnodes(topo) : 0,
			 "topology", desc,
			 "thp", "enabled", bracketed("/sys/kernel/mm/transparent_hugepage/enabled"),
			 "defrag", bracketed("/sys/kernel/mm/transparent_hugepage/defrag"),
			 "shmem_enabled", bracketed("/sys/kernel/mm/transparent_hugepage/shmem_enabled"),
			 "clocksource", clocksource[0] ? clocksource : "unknown",
			 "perf_event_paranoid", paranoid[0] ? json_integer(atoi(paranoid)) : json_null(),
			 "git_revision", FS_GIT_REVISION,
			 "virtualized", virtualization(),
			 "variant", variant && *variant ? variant : "host");
}
