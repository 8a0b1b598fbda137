// SPDX-License-Identifier: GPL-2.0
/* Helpers for the plot/report/compare tests (plot_check.h). */
#include <criterion/criterion.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fs_run.h"
#include "plot_check.h"

void plot_fixture_run(char *dir, size_t len, const char *aggressor, const char *victims,
		      int repeat)
{
	plot_fixture_run_size(dir, len, aggressor, "64M", victims, repeat);
}

void plot_fixture_run_size(char *dir, size_t len, const char *aggressor, const char *size,
			   const char *victims, int repeat)
{
	struct fs_result r;
	char out[PATH_MAX];

	fs_tmpdir(out, sizeof(out));
	fs_run(&r, NULL, "run --aggressor %s --victims %s --size %s --duration 400ms "
	       "--warmup 100ms --repeat %d --out %s", aggressor, victims, size, repeat, out);
	cr_assert_eq(r.status, 0, "fixture run failed (%d):\n%s", r.status, r.err);
	cr_assert(r.dir[0], "fixture run named no results directory:\n%s", r.out);
	snprintf(dir, len, "%s", r.dir);
	fs_result_free(&r);
}

int plot_compare(const char *args, char **out, char **err)
{
	const char *bin = getenv("FAULTSTORM");
	char cmd[16384], cwd[PATH_MAX], op[64], ep[64];
	int st;

	cr_assert(bin && *bin, "FAULTSTORM is not set (run through make test)");
	cr_assert(getcwd(cwd, sizeof(cwd)));
	snprintf(op, sizeof(op), "/tmp/fs-plot-out.%d", (int)getpid());
	snprintf(ep, sizeof(ep), "/tmp/fs-plot-err.%d", (int)getpid());
	snprintf(cmd, sizeof(cmd), "%s compare --plot-dir %s/plot %s >%s 2>%s </dev/null", bin, cwd,
		 args, op, ep);
	st = system(cmd);
	*out = fs_slurp(op);
	*err = fs_slurp(ep);
	unlink(op);
	unlink(ep);
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

static uint32_t be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

bool png_valid(const char *path, unsigned *w, unsigned *h, char *why, size_t len)
{
	static const unsigned char sig[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
	FILE *f = fopen(path, "rb");
	unsigned char hdr[8];
	size_t idat = 0;
	bool ok = false, first = true;

	if (!f) {
		snprintf(why, len, "%s: missing", path);
		return false;
	}
	if (fread(hdr, 1, 8, f) != 8 || memcmp(hdr, sig, 8)) {
		snprintf(why, len, "%s: no PNG signature", path);
		goto out;
	}
	for (;;) {
		unsigned char ch[8], ihdr[8];
		uint32_t n;

		if (fread(ch, 1, 8, f) != 8) {
			snprintf(why, len, "%s: ends without IEND", path);
			goto out;
		}
		n = be32(ch);
		if (first) {
			if (memcmp(ch + 4, "IHDR", 4) || n != 13 || fread(ihdr, 1, 8, f) != 8) {
				snprintf(why, len, "%s: first chunk is not IHDR", path);
				goto out;
			}
			*w = be32(ihdr);
			*h = be32(ihdr + 4);
			n -= 8;
			first = false;
		}
		if (!memcmp(ch + 4, "IDAT", 4))
			idat += n;
		if (!memcmp(ch + 4, "IEND", 4)) {
			ok = idat > 0 && *w > 0 && *h > 0;
			if (!ok)
				snprintf(why, len, "%s: no image data", path);
			goto out;
		}
		/* skip the data and the CRC */
		if (fseek(f, (long)n + 4, SEEK_CUR)) {
			snprintf(why, len, "%s: truncated chunk", path);
			goto out;
		}
	}
out:
	fclose(f);
	return ok;
}

bool svg_valid(const char *path, char *why, size_t len)
{
	char *s = fs_slurp(path);
	bool ok = (strstr(s, "<svg") && strstr(s, "</svg>") &&
		   (strstr(s, "<path") || strstr(s, "<polyline")));

	if (!ok)
		snprintf(why, len, "%s: not a finished SVG with drawing in it", path);
	free(s);
	return ok;
}

bool file_has(const char *path, const char *needle)
{
	char *s = fs_slurp(path);
	bool ok = strstr(s, needle) != NULL;

	free(s);
	return ok;
}

int chromium_broken_images(const char *html, int *images)
{
	char cmd[8192], prof[] = "/tmp/fs-chromium-XXXXXX", op[64], abs[PATH_MAX];
	char *dom, *b, *p;
	int broken = -1;

	cr_assert(realpath(html, abs), "%s: no such file", html);
	cr_assert(mkdtemp(prof));
	cr_assert(system("command -v chromium >/dev/null") == 0,
		  "chromium is not installed (make deps installs it)");
	snprintf(op, sizeof(op), "/tmp/fs-dom.%d", (int)getpid());
	/* virtual time lets the load event and our script run before the dump */
	snprintf(cmd, sizeof(cmd), "timeout 120 chromium --headless --no-sandbox --disable-gpu "
		 "--disable-quic --no-first-run --disable-background-networking "
		 "--disable-component-update --disable-sync --user-data-dir=%s "
		 "--virtual-time-budget=10000 --dump-dom 'file://%s' >%s 2>/dev/null", prof, abs, op);
	cr_assert(system(cmd) == 0, "chromium failed on %s", abs);
	snprintf(cmd, sizeof(cmd), "rm -rf %s", prof);
	if (system(cmd))
		cr_log_warn("could not remove %s", prof);
	dom = fs_slurp(op);
	unlink(op);
	*images = -1;
	if ((b = strstr(dom, "<body"))) {
		char *end = strchr(b, '>');

		if (end)
			*end = 0;
		if ((p = strstr(b, "data-images=\"")))
			*images = atoi(p + 13);
		if ((p = strstr(b, "data-broken-images=\"")))
			broken = atoi(p + 20);
	}
	free(dom);
	return broken;
}
