/* SPDX-License-Identifier: GPL-2.0 */
/* For fuzz targets whose parser reads files: a private directory in tmpfs,
 * removed at exit, and a helper that writes one file into it. */
#ifndef FS_FUZZ_TMP_H
#define FS_FUZZ_TMP_H

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char fuzz_dir[64];

static void fuzz_tmp_cleanup(void)
{
	char cmd[128];

	if (fuzz_dir[0]) {
		snprintf(cmd, sizeof(cmd), "rm -rf '%s'", fuzz_dir);
		if (system(cmd))
			fprintf(stderr, "cannot remove %s\n", fuzz_dir);
	}
}

static const char *fuzz_tmp_dir(void)
{
	if (!fuzz_dir[0]) {
		snprintf(fuzz_dir, sizeof(fuzz_dir), "/dev/shm/faultstorm-fuzz-XXXXXX");
		if (!mkdtemp(fuzz_dir)) {
			snprintf(fuzz_dir, sizeof(fuzz_dir), "/tmp/faultstorm-fuzz-XXXXXX");
			if (!mkdtemp(fuzz_dir))
				abort();
		}
		atexit(fuzz_tmp_cleanup);
	}
	return fuzz_dir;
}

/* Write len bytes to dir/name; abort on failure (a harness bug, not a find). */
static void fuzz_write(const char *dir, const char *name, const void *data, size_t len)
{
	char path[PATH_MAX];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "w");
	if (!f || (len && fwrite(data, 1, len, f) != len) || fclose(f))
		abort();
}

#endif
