// SPDX-License-Identifier: GPL-2.0
/* report.html: one page per run, suite or comparison. */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "report.h"
#include "error.h"

void fmt_latency(char *buf, size_t len, double ns)
{
	if (ns < 1e3)
		snprintf(buf, len, "%.0f ns", ns);
	else if (ns < 1e6)
		snprintf(buf, len, "%.3g µs", ns / 1e3);
	else if (ns < 1e9)
		snprintf(buf, len, "%.3g ms", ns / 1e6);
	else
		snprintf(buf, len, "%.3g s", ns / 1e9);
}

void html_esc(FILE *f, const char *s)
{
	for (; s && *s; s++) {
		switch (*s) {
		case '<': fputs("&lt;", f); break;
		case '>': fputs("&gt;", f); break;
		case '&': fputs("&amp;", f); break;
		case '"': fputs("&quot;", f); break;
		case '\'': fputs("&#39;", f); break;
		default: fputc(*s, f);
		}
	}
}

void html_begin(FILE *f, const char *title)
{
	fputs("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>", f);
	html_esc(f, title);
	fputs("</title>\n<style>\n"
	      "body{font-family:'DejaVu Sans',sans-serif;margin:1.5em auto;max-width:1450px;"
	      "color:#222;padding:0 1em}\n"
	      "h1{font-size:1.5em}h2{font-size:1.25em;border-bottom:1px solid #ccc;margin-top:2em}"
	      "h3{font-size:1.05em}\n"
	      "table{border-collapse:collapse;margin:.5em 0 1em;font-size:.9em}\n"
	      "td,th{border:1px solid #ccc;padding:.2em .55em;text-align:right;vertical-align:top}"
	      "\nth{background:#f3f3f3}td.l,th.l{text-align:left}td{white-space:nowrap}\n"
	      "img{max-width:100%;border:1px solid #eee;display:block;margin:.5em 0}\n"
	      ".warn{background:#fee;border:1px solid #c00;padding:.5em}\n"
	      ".note{color:#555;font-size:.9em}.sig{font-weight:bold;color:#b00}\n"
	      ".ns{color:#777}details{margin:.5em 0}pre{font-size:.8em;overflow:auto}\n"
	      "</style></head>\n<body>\n", f);
}

void html_end(FILE *f)
{
	/* A broken image must be seen: count them on the body (the headless
	 * test reads the attributes) and put a warning on top of the page. */
	fputs("<script>\n"
	      "window.addEventListener('load', function () {\n"
	      "  var imgs = document.images, bad = 0;\n"
	      "  for (var i = 0; i < imgs.length; i++)\n"
	      "    if (!imgs[i].complete || imgs[i].naturalWidth === 0) { bad++; "
	      "imgs[i].setAttribute('data-broken', '1'); }\n"
	      "  document.body.setAttribute('data-images', String(imgs.length));\n"
	      "  document.body.setAttribute('data-broken-images', String(bad));\n"
	      "  if (bad) { var p = document.createElement('p'); p.className = 'warn';\n"
	      "    p.textContent = bad + ' plot image(s) failed to load';\n"
	      "    document.body.insertBefore(p, document.body.firstChild); }\n"
	      "});\n</script>\n</body></html>\n", f);
}

static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

static int embed_base64(FILE *f, const char *path)
{
	FILE *in = fopen(path, "rb");
	unsigned char buf[3 * 1024];
	size_t n;

	if (!in)
		return -1;
	while ((n = fread(buf, 1, sizeof(buf), in)) > 0) {
		for (size_t i = 0; i < n; i += 3) {
			unsigned v = (unsigned)buf[i] << 16;

			if (i + 1 < n)
				v |= (unsigned)buf[i + 1] << 8;
			if (i + 2 < n)
				v |= buf[i + 2];
			fputc(b64[(v >> 18) & 63], f);
			fputc(b64[(v >> 12) & 63], f);
			fputc(i + 1 < n ? b64[(v >> 6) & 63] : '=', f);
			fputc(i + 2 < n ? b64[v & 63] : '=', f);
		}
		/* a full buffer is a multiple of 3, so no padding mid-stream */
	}
	fclose(in);
	return 0;
}

/* A plot gnuplot did not render gets a note in its place: true when so. */
static bool plot_missing(FILE *f, const char *png, const char *alt)
{
	struct stat st;

	if (!stat(png, &st) && S_ISREG(st.st_mode) && st.st_size > 0)
		return false;
	fputs("<p class=\"note\">(no plot: ", f);
	html_esc(f, alt);
	fputs(" was not rendered)</p>\n", f);
	return true;
}

void html_plot(FILE *f, const char *png, const char *svg_href, const char *alt)
{
	if (plot_missing(f, png, alt))
		return;
	fputs("<figure>", f);
	if (svg_href) {
		fputs("<a href=\"", f);
		html_esc(f, svg_href);
		fputs("\" title=\"open the SVG\">", f);
	}
	fputs("<img alt=\"", f);
	html_esc(f, alt);
	fputs("\" src=\"data:image/png;base64,", f);
	embed_base64(f, png);
	fputs("\">", f);
	if (svg_href)
		fputs("</a>", f);
	fputs("</figure>\n", f);
}

static void meta_row(FILE *f, const char *k, const char *v)
{
	fputs("<tr><th class=\"l\">", f);
	html_esc(f, k);
	fputs("</th><td class=\"l\">", f);
	html_esc(f, v && *v ? v : "-");
	fputs("</td></tr>\n", f);
}

/* a member of meta.json as text, whatever its type, "" when absent */
static void meta_text(const struct run_record *r, const char *a, const char *b, char *buf, size_t len)
{
	json_t *v = json_object_get(r->meta, a);

	if (b)
		v = json_object_get(v, b);
	buf[0] = 0;
	if (json_is_string(v))
		snprintf(buf, len, "%s", json_string_value(v));
	else if (v && !json_is_null(v)) {
		char *s = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY);

		if (s)
			snprintf(buf, len, "%s", s);
		free(s);
	}
}

void html_run_meta(FILE *f, const struct run_record *r)
{
	static const char *const keys[][3] = {
		{ "scenario", NULL, "scenario" }, { "kernel", "release", "kernel release" },
		{ "kernel", "version", "kernel version" }, { "kernel", "cmdline", "kernel cmdline" },
		{ "variant", NULL, "variant" }, { "virtualized", NULL, "virtualized" },
		{ "machine", "hostname", "host" }, { "machine", "cpu_model", "CPU" },
		{ "thp", NULL, "THP" }, { "clocksource", NULL, "clocksource" },
		{ "clock", "source", "timing clock" }, { "clock", "cost_ns", "clock cost (ns)" },
		{ "perf_event_paranoid", NULL, "perf_event_paranoid" },
		{ "git", NULL, "git revision" }, { "git_revision", NULL, "git revision" },
		{ "start_utc", NULL, "start (UTC)" }, { "end_utc", NULL, "end (UTC)" },
		{ "repeats_done", NULL, "repeats" }, { "measured_s", NULL, "measured (s)" },
		{ "argv", NULL, "argv" }, { "complete", NULL, "complete" },
	};
	char buf[2048];

	fputs("<table>\n", f);
	meta_row(f, "directory", r->dir);
	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		meta_text(r, keys[i][0], keys[i][1], buf, sizeof(buf));
		if (*buf)
			meta_row(f, keys[i][2], buf);
	}
	fputs("</table>\n<details><summary>all of meta.json</summary><pre>", f);
	{
		char *s = json_dumps(r->meta, JSON_INDENT(1) | JSON_SORT_KEYS);

		html_esc(f, s ? s : "");
		free(s);
	}
	fputs("</pre></details>\n", f);
}

static void stat_cells(FILE *f, const struct stat_row *s)
{
	char b[32];

	fprintf(f, "<td>%.0f</td><td>%.1f</td>", s->v[ST_COUNT], s->v[ST_RATE]);
	for (int c = ST_MIN; c <= ST_MAX; c++) {
		fmt_latency(b, sizeof(b), s->v[c]);
		fprintf(f, "<td>%s</td>", b);
	}
	fmt_latency(b, sizeof(b), s->v[ST_MEAN]);
	fprintf(f, "<td>%s</td>", b);
}

static void stat_head(FILE *f, const char *first)
{
	fprintf(f, "<tr><th class=\"l\">%s</th><th class=\"l\">role</th><th class=\"l\">op</th>"
		"<th>count</th><th>rate (ops/s)</th><th>min</th><th>p50</th><th>p90</th>"
		"<th>p99</th><th>p99.9</th><th>p99.99</th><th>max</th><th>mean</th></tr>\n", first);
}

void html_run_summary(FILE *f, const struct run_record *r)
{
	fputs("<table>\n", f);
	stat_head(f, "merged");
	for (size_t i = 0; i < r->nmerged; i++) {
		const struct stat_row *s = &r->merged[i];

		fprintf(f, "<tr><td class=\"l\">%d thread%s</td><td class=\"l\">", s->nthreads,
			s->nthreads == 1 ? "" : "s");
		html_esc(f, s->role);
		fputs("</td><td class=\"l\">", f);
		html_esc(f, s->op);
		fputs("</td>", f);
		stat_cells(f, s);
		fputs("</tr>\n", f);
	}
	stat_head(f, "thread");
	for (size_t i = 0; i < r->nthreads; i++) {
		const struct stat_row *s = &r->threads[i];

		fputs("<tr><td class=\"l\">", f);
		html_esc(f, s->thread);
		fputs("</td><td class=\"l\">", f);
		html_esc(f, s->role);
		fputs("</td><td class=\"l\">", f);
		html_esc(f, s->op);
		fputs("</td>", f);
		stat_cells(f, s);
		fputs("</tr>\n", f);
	}
	fputs("</table>\n<p class=\"note\">Latencies per operation over all repeats; rate is "
	      "operations per second of measured time.</p>\n", f);
}

bool html_tsv(FILE *f, const char *path, const char *caption, size_t max_rows)
{
	FILE *in = fopen(path, "r");
	char *line = NULL;
	size_t cap = 0, rows = 0, skipped = 0;
	bool head = false;

	if (!in)
		return false;
	fputs("<h3>", f);
	html_esc(f, caption);
	fputs("</h3>\n<table>\n", f);
	while (getline(&line, &cap, in) >= 0) {
		char *save = NULL, *tok;
		bool is_head = line[0] == '#';

		line[strcspn(line, "\r\n")] = 0;
		if (!line[0])
			continue;
		if (is_head && head)
			continue;	/* only the first '#' line is the header */
		if (!is_head && rows >= max_rows) {
			skipped++;
			continue;
		}
		fputs("<tr>", f);
		for (tok = strtok_r(line + is_head, "\t", &save); tok;
		     tok = strtok_r(NULL, "\t", &save)) {
			fputs(is_head ? "<th class=\"l\">" : "<td class=\"l\">", f);
			html_esc(f, tok + (is_head && tok == line + 1 ? strspn(tok, " ") : 0));
			fputs(is_head ? "</th>" : "</td>", f);
		}
		fputs("</tr>\n", f);
		if (is_head)
			head = true;
		else
			rows++;
	}
	fputs("</table>\n", f);
	if (skipped)
		fprintf(f, "<p class=\"note\">%zu more rows in the file.</p>\n", skipped);
	free(line);
	fclose(in);
	return true;
}

/* summary.json's evidence.attribution (perf issue): victim stall time charged
 * to the mmap_lock holders and the operations they were running. */
void html_attribution(FILE *f, const struct run_record *r)
{
	json_t *a = json_object_get(json_object_get(r->summary, "evidence"), "attribution");
	json_t *rows = json_object_get(a, "rows"), *row;
	json_t *tr = json_object_get(json_object_get(r->meta, "evidence"), "tracing");
	char b[32];
	size_t i;

	fputs("<h3>Stall attribution</h3>\n", f);
	if (!json_is_array(rows)) {
		fputs("<p class=\"note\">No attribution in this run (mmap_lock tracing ", f);
		if (json_is_string(tr)) {
			fputs("said: ", f);
			html_esc(f, json_string_value(tr));
		} else {
			fputs("was not recorded", f);
		}
		fputs(").</p>\n", f);
		return;
	}
	fmt_latency(b, sizeof(b), json_number_value(json_object_get(a, "total_stall_ns")));
	fprintf(f, "<p>%lld victim operations slower than the outlier threshold, %s of stall in "
		"all; each instant of their mmap_lock waits is charged to the threads holding the "
		"lock then.</p>\n<table><tr><th class=\"l\">holder</th><th class=\"l\">holder's "
		"op</th><th class=\"l\">mode</th><th>stall charged</th><th>share</th>"
		"<th>outliers mostly behind it</th></tr>\n",
		(long long)json_integer_value(json_object_get(a, "outliers")), b);
	json_array_foreach(rows, i, row) {
		const char *keys[] = { "holder", "holder_op", "mode" };

		fputs("<tr>", f);
		for (int k = 0; k < 3; k++) {
			json_t *v = json_object_get(row, keys[k]);

			fputs("<td class=\"l\">", f);
			html_esc(f, json_is_string(v) ? json_string_value(v) : "-");
			fputs("</td>", f);
		}
		fmt_latency(b, sizeof(b), json_number_value(json_object_get(row, "stall_ns")));
		fprintf(f, "<td>%s</td><td>%.1f%%</td><td>%lld</td></tr>\n", b,
			100.0 * json_number_value(json_object_get(row, "share")),
			(long long)json_integer_value(json_object_get(row, "outliers")));
	}
	fputs("</table>\n", f);
}

static void caption(FILE *f, const char *text)
{
	fputs("<p class=\"note\">", f);
	html_esc(f, text);
	fputs("</p>\n", f);
}

void html_plot_link(FILE *f, const char *png_path, const char *src, const char *svg_href,
		    const char *alt)
{
	if (plot_missing(f, png_path, alt))
		return;
	fputs("<figure><a href=\"", f);
	html_esc(f, svg_href);
	fputs("\" title=\"open the SVG\"><img alt=\"", f);
	html_esc(f, alt);
	fputs("\" src=\"", f);
	html_esc(f, src);
	fputs("\"></a></figure>\n", f);
}

static void plot_fig(FILE *f, const struct run_record *r, const char *rel_dir, bool embed,
		     const char *name, const char *alt)
{
	char png[PATH_MAX], svg[PATH_MAX], src[PATH_MAX];
	const char *sep = *rel_dir ? "/" : "";

	snprintf(png, sizeof(png), "%s/plots/%s.png", r->dir, name);
	snprintf(svg, sizeof(svg), "%s%splots/%s.svg", rel_dir, sep, name);
	snprintf(src, sizeof(src), "%s%splots/%s.png", rel_dir, sep, name);
	if (embed)
		html_plot(f, png, svg, alt);
	else
		html_plot_link(f, png, src, svg, alt);
}

void html_run_section(FILE *f, const struct run_record *r, const char *rel_dir, bool embed)
{
	char p[PATH_MAX];
	/* the perf issue's files, shown as they are when present */
	static const char *const tsvs[][2] = {
		{ "lock.tsv", "mmap_lock wait and hold times per thread (lock.tsv, ns)" },
		{ "perf.tsv", "Kernel counters per thread (perf.tsv)" },
		{ "stalls.tsv", "Slowest victim operations and what they waited behind (stalls.tsv, "
				"first rows)" },
	};

	if (!r->complete)
		fputs("<p class=\"warn\">This run is incomplete (interrupted or failed): "
		      "numbers cover what was measured.</p>\n", f);
	fputs("<h3>Summary</h3>\n", f);
	html_run_summary(f, r);
	html_attribution(f, r);
	fputs("<h3>Stalls against aggressor operations</h3>\n", f);
	caption(f, "Each shaded band is one aggressor operation, from its start to its end. Each "
		"point is a victim operation slower than the outlier threshold, drawn where it "
		"started, with a line to where it ended: a line that spans a band is a victim that "
		"waited for that aggressor operation. Above: the worst stall; below: the whole run.");
	plot_fig(f, r, rel_dir, embed, "timeline-zoom", "timeline, zoomed on the worst victim stall");
	plot_fig(f, r, rel_dir, embed, "timeline", "timeline of the whole run");
	fputs("<h3>Latency distributions</h3>\n", f);
	caption(f, "Latency (up) at each percentile (right): the left half is the typical operation, "
		"the right the tail; each line ends at its maximum. Victims are blue/green, the "
		"aggressor red/orange.");
	plot_fig(f, r, rel_dir, embed, "percentiles", "percentile distribution per thread");
	plot_fig(f, r, rel_dir, embed, "histogram", "latency histogram per thread");
	snprintf(p, sizeof(p), "%s/plots/lock.png", r->dir);
	if (!access(p, R_OK)) {
		fputs("<h3>mmap_lock wait and hold</h3>\n", f);
		plot_fig(f, r, rel_dir, embed, "lock", "mmap_lock wait and hold histograms");
	}
	for (size_t i = 0; i < sizeof(tsvs) / sizeof(tsvs[0]); i++) {
		snprintf(p, sizeof(p), "%s/%s", r->dir, tsvs[i][0]);
		html_tsv(f, p, tsvs[i][1], 40);
	}
	fputs("<h3>Metadata</h3>\n", f);
	html_run_meta(f, r);
}

static void run_heading(FILE *f, const struct run_record *r, const char *tag)
{
	fprintf(f, "<%s>", tag);
	html_esc(f, r->scenario_id);
	fputs(" — kernel ", f);
	html_esc(f, r->release);
	if (strcmp(r->variant, "host")) {
		fputs(" [", f);
		html_esc(f, r->variant);
		fputs("]", f);
	}
	fputs(" on ", f);
	html_esc(f, r->hostname);
	fprintf(f, "</%s>\n", tag);
}

int report_run(const struct run_record *r, char *err, size_t len)
{
	char path[PATH_MAX], title[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s/report.html", r->dir);
	f = fopen(path, "w");
	if (!f)
		return fs_errf(err, len, "%s: %s", path, strerror(errno));
	snprintf(title, sizeof(title), "faultstorm: %s on %s", r->scenario_id, r->release);
	html_begin(f, title);
	run_heading(f, r, "h1");
	html_run_section(f, r, "", true);
	html_end(f);
	if (fclose(f))
		return fs_errf(err, len, "%s: write error: %s", path, strerror(errno));
	return 0;
}

/* suite.json's runs that did not complete, with the reason: a skipped
 * scenario (kernel lacks it, no privilege) must not vanish silently */
static void suite_status(FILE *f, const char *dir)
{
	char p[PATH_MAX];
	json_t *j, *runs, *row;
	size_t i, shown = 0;

	snprintf(p, sizeof(p), "%s/suite.json", dir);
	j = json_load_file(p, 0, NULL);
	runs = json_object_get(j, "runs");
	json_array_foreach(runs, i, row) {
		json_t *st = json_object_get(row, "status"), *why = json_object_get(row, "reason");
		json_t *args = json_object_get(row, "args");

		if (!json_is_string(st) || !strcmp(json_string_value(st), "complete"))
			continue;
		if (!shown++)
			fputs("<h2>Scenarios that did not complete</h2>\n<table><tr><th class=\"l\">"
			      "scenario</th><th class=\"l\">status</th><th class=\"l\">reason</th>"
			      "</tr>\n", f);
		fputs("<tr><td class=\"l\">", f);
		html_esc(f, json_is_string(args) ? json_string_value(args) : "?");
		fputs("</td><td class=\"l\">", f);
		html_esc(f, json_string_value(st));
		fputs("</td><td class=\"l\">", f);
		html_esc(f, json_is_string(why) ? json_string_value(why) : "");
		fputs("</td></tr>\n", f);
	}
	if (shown)
		fputs("</table>\n", f);
	json_decref(j);
}

int report_group(const struct run_group *g, const char *dir, char *err, size_t len)
{
	char path[PATH_MAX], rel[PATH_MAX];
	FILE *f;
	size_t dl = strlen(dir);

	snprintf(path, sizeof(path), "%s/report.html", dir);
	f = fopen(path, "w");
	if (!f)
		return fs_errf(err, len, "%s: %s", path, strerror(errno));
	html_begin(f, "faultstorm suite report");
	fputs("<h1>faultstorm: ", f);
	html_esc(f, dir);
	fprintf(f, " (%zu runs)</h1>\n", g->n);
	suite_status(f, dir);
	/* one line per victim op of every run: the page's table of contents */
	fputs("<h2>Victims at a glance</h2>\n<table><tr><th class=\"l\">scenario</th>"
	      "<th class=\"l\">kernel</th><th class=\"l\">op</th><th>threads</th><th>p50</th>"
	      "<th>p99</th><th>p99.9</th><th>max</th><th>rate (ops/s)</th></tr>\n", f);
	for (size_t i = 0; i < g->n; i++) {
		const struct run_record *r = &g->runs[i];

		for (size_t m = 0; m < r->nmerged; m++) {
			const struct stat_row *s = &r->merged[m];
			char b[4][32];

			if (strcmp(s->role, "victim"))
				continue;
			fmt_latency(b[0], sizeof(b[0]), s->v[ST_P50]);
			fmt_latency(b[1], sizeof(b[1]), s->v[ST_P99]);
			fmt_latency(b[2], sizeof(b[2]), s->v[ST_P999]);
			fmt_latency(b[3], sizeof(b[3]), s->v[ST_MAX]);
			fprintf(f, "<tr><td class=\"l\"><a href=\"#run%zu\">", i);
			html_esc(f, r->scenario_id);
			fputs("</a></td><td class=\"l\">", f);
			html_esc(f, r->label);
			fputs("</td><td class=\"l\">", f);
			html_esc(f, s->op);
			fprintf(f, "</td><td>%d</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td>"
				"<td>%.4g</td></tr>\n", s->nthreads, b[0], b[1], b[2], b[3],
				s->v[ST_RATE]);
		}
	}
	fputs("</table>\n", f);
	for (size_t i = 0; i < g->n; i++) {
		const struct run_record *r = &g->runs[i];

		/* links relative to the suite dir, so the page moves with it */
		if (!strncmp(r->dir, dir, dl) && r->dir[dl] == '/')
			snprintf(rel, sizeof(rel), "%s", r->dir + dl + 1);
		else
			snprintf(rel, sizeof(rel), "%s", r->dir);
		fprintf(f, "<section id=\"run%zu\">\n", i);
		run_heading(f, r, "h2");
		html_run_section(f, r, rel, false);
		fputs("</section>\n", f);
	}
	html_end(f);
	if (fclose(f))
		return fs_errf(err, len, "%s: write error: %s", path, strerror(errno));
	return 0;
}
