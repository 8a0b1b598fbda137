// SPDX-License-Identifier: GPL-2.0
/* libFuzzer target: the .hgrm reader that `compare` and the plots use
 * (hgrm_read.c), and what they derive from an accepted file. */
#include <stdint.h>

#include "fuzz_tmp.h"
#include "hgrm_read.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *dir = fuzz_tmp_dir();
	char path[PATH_MAX], err[512];
	struct hgrm h;
	static FILE *devnull;

	if (!devnull && !(devnull = fopen("/dev/null", "w")))
		abort();
	fuzz_write(dir, "t.hgrm", data, size);
	snprintf(path, sizeof(path), "%s/t.hgrm", dir);
	if (hgrm_read(path, &h, err, sizeof(err)))
		return 0;
	/* accepted: rows never decrease and end at the footer's total */
	for (size_t i = 1; i < h.n; i++)
		if (h.rows[i].count < h.rows[i - 1].count || h.rows[i].value_us < h.rows[i - 1].value_us)
			abort();
	if (h.n && hgrm_count_le(&h, h.rows[h.n - 1].value_us) != h.total)
		abort();
	hgrm_write_buckets(&h, 8, devnull);
	hgrm_free(&h);
	return 0;
}
