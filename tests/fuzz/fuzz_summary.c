// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target: `compare`'s reader of a run directory (run_read.c):
 * summary.json, meta.json and every thread's hist/<name>.hgrm.  The input is
 * the three files separated by lines "%%": summary.json, meta.json, then the
 * .hgrm text, written for every thread summary.json names (the harness only
 * writes plain names inside its own directory).
 */
#include <jansson.h>
#include <stdint.h>
#include <sys/stat.h>

#include "fuzz_tmp.h"
#include "run_read.h"

static const char *part(const char *p, const char *end, size_t *len)
{
	const char *sep = memmem(p, (size_t)(end - p), "\n%%\n", 4);

	*len = sep ? (size_t)(sep - p) : (size_t)(end - p);
	return sep ? sep + 4 : end;
}

static int plain(const char *s)
{
	return *s && *s != '.' && strlen(s) < 100 &&
	       strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._:-") ==
		       strlen(s);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *dir = fuzz_tmp_dir(), *p = (const char *)data, *end = p + size, *s, *m, *h;
	size_t sl, ml, hl;
	char err[1024], cmd[PATH_MAX], name[160];
	json_t *sum, *row;
	struct run_record r;
	size_t i, nw = 0;
	static char written[64][160];

	snprintf(cmd, sizeof(cmd), "%s/hist", dir);
	mkdir(cmd, 0700);
	s = p;
	p = part(p, end, &sl);
	m = p;
	p = part(p, end, &ml);
	h = p;
	part(p, end, &hl);
	fuzz_write(dir, "summary.json", s, sl);
	fuzz_write(dir, "meta.json", m, ml);
	sum = json_loadb(s, sl, 0, NULL);
	json_array_foreach(json_object_get(sum, "threads"), i, row) {
		const char *hg = json_string_value(json_object_get(row, "hgrm"));
		const char *t = json_string_value(json_object_get(row, "thread"));

		if (hg && !strncmp(hg, "hist/", 5) && plain(hg + 5))
			snprintf(name, sizeof(name), "%s", hg);
		else if (t && plain(t))
			snprintf(name, sizeof(name), "hist/%s.hgrm", t);
		else
			continue;
		if (nw == 64)
			break;
		fuzz_write(dir, name, h, hl);
		memcpy(written[nw++], name, sizeof(name));
	}
	json_decref(sum);
	if (!run_record_load(dir, &r, err, sizeof(err))) {
		if (!r.nthreads || !r.nmerged || !r.scenario_id || !r.release)
			abort();
		for (size_t k = 0; k < r.nmerged; k++)
			run_merged(&r, r.merged[k].role, r.merged[k].op);
		run_record_free(&r);
	}
	/* stale histograms of an earlier input must not satisfy this one */
	for (i = 0; i < nw; i++) {
		snprintf(cmd, sizeof(cmd), "%s/%s", dir, written[i]);
		unlink(cmd);
	}
	return 0;
}
