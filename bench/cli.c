// SPDX-License-Identifier: GPL-2.0
/* Option table, getopt_long parsing and help text for `faultstorm run`. */
#include <getopt.h>
#include <string.h>

#include "cli.h"

const char *const placement_names[] = { "compact", "spread", "numa", NULL };
const char *const thp_names[] = { "never", "always", "inherit", NULL };

enum opt_id {
	OPT_AGGRESSOR = 256, OPT_VICTIMS, OPT_SIZE, OPT_DURATION, OPT_WARMUP, OPT_REPEAT,
	OPT_CPUS, OPT_PLACEMENT, OPT_SMT, OPT_MEMBIND, OPT_THP, OPT_OUTLIER, OPT_OUT,
	OPT_FILE_DIR, OPT_MEM_SHARE, OPT_QUIET, OPT_NO_TRACE, OPT_NO_COUNTERS, OPT_CLOCK, OPT_HELP,
};

struct opt_def {
	const char *name;
	int has_arg;
	enum opt_id id;
	const char *arg;	/* metavariable */
	const char *def;	/* default, as the user would type it */
	const char *range;
	const char *help;
};

static const struct opt_def opt_table[] = {
	{ "aggressor", 1, OPT_AGGRESSOR, "NAME", "none", "see `faultstorm list`",
	  "the thread that populates, locks or unmaps" },
	{ "victims", 1, OPT_VICTIMS, "KIND:N[,...]", "fault-anon:1", "N in 1..64",
	  "victim threads, e.g. fault-anon:3,mmap-churn:1" },
	{ "size", 1, OPT_SIZE, "BYTES", "256M", "4K..1T, page multiple; K/M/G/T suffixes",
	  "the aggressor's mapping size" },
	{ "duration", 1, OPT_DURATION, "TIME", "3s", "10ms..24h; s/ms/us/m/h suffixes",
	  "measured time per repeat" },
	{ "warmup", 1, OPT_WARMUP, "TIME", "0.5s", "0..1h", "time before measuring" },
	{ "repeat", 1, OPT_REPEAT, "N", "1", "1..1000", "repeats (for statistics in compare)" },
	{ "cpus", 1, OPT_CPUS, "LIST", "all", "e.g. 0-3,8", "CPUs the threads may use" },
	{ "placement", 1, OPT_PLACEMENT, "HOW", "compact", "compact|spread|numa",
	  "how threads are spread over cores, packages and NUMA nodes" },
	{ "smt", 0, OPT_SMT, NULL, "off", NULL, "allow SMT siblings of used cores" },
	{ "membind", 1, OPT_MEMBIND, "NODE", "local", "an existing NUMA node",
	  "bind every thread's memory to this node" },
	{ "thp", 1, OPT_THP, "POLICY", "never", "never|always|inherit",
	  "victims' transparent huge page policy" },
	{ "outlier", 1, OPT_OUTLIER, "TIME", "100us", "1us..1h",
	  "victim ops at least this slow go to timeline.tsv" },
	{ "out", 1, OPT_OUT, "DIR", "results", NULL, "results directory" },
	{ "file-dir", 1, OPT_FILE_DIR, "DIR", "/dev/shm", NULL,
	  "where file-backed scenarios create files (tmpfs or disk)" },
	{ "mem-share", 1, OPT_MEM_SHARE, "PCT", "50", "1..95",
	  "refuse to populate more than this share of MemAvailable" },
	{ "quiet", 0, OPT_QUIET, NULL, "off", NULL, "print only errors and the result path" },
	{ "no-trace", 0, OPT_NO_TRACE, NULL, "off", NULL, "no mmap_lock tracepoints (counters stay on)" },
	{ "no-counters", 0, OPT_NO_COUNTERS, NULL, "off", NULL, "no per-thread perf counters" },
	{ "clock", 1, OPT_CLOCK, "CLOCK", "tsc", "tsc|gettime",
	  "timing clock (tsc falls back to gettime when not invariant)" },
	{ "help", 0, OPT_HELP, NULL, NULL, NULL, "this text" },
};
#define NOPTS (sizeof(opt_table) / sizeof(opt_table[0]))

#define ERR(...) (snprintf(err, errlen, __VA_ARGS__), CLI_ERROR)

void cli_defaults(struct options *o)
{
	memset(o, 0, sizeof(*o));
	o->aggressor = "none";
	strcpy(o->victims_spec, "fault-anon:1");
	o->victims.nkinds = 1;
	strcpy(o->victims.name[0], "fault-anon");
	o->victims.count[0] = 1;
	o->size = 256ull << 20;
	o->duration_ns = 3000000000ull;
	o->warmup_ns = 500000000ull;
	o->repeat = 1;
	o->placement = PLACE_COMPACT;
	o->membind = -1;
	o->thp = THP_NEVER;
	o->outlier_ns = 100000;
	o->out = "results";
	o->file_dir = "/dev/shm";
	o->mem_share = 50;
}

static int pick(const char *const names[], const char *s)
{
	for (int i = 0; names[i]; i++)
		if (!strcmp(names[i], s))
			return i;
	return -1;
}

static void join_names(const char *const names[], char *buf, size_t len)
{
	buf[0] = 0;
	for (int i = 0; names[i]; i++)
		snprintf(buf + strlen(buf), len - strlen(buf), "%s%s", i ? ", " : "", names[i]);
}

static enum cli_result one_option(struct options *o, enum opt_id id, const char *name,
				  const char *arg, char *err, size_t errlen)
{
	char why[200], list[200];
	long l;
	int i;

	switch (id) {
	case OPT_AGGRESSOR:
		if (!aggressor_find(arg)) {
			list[0] = 0;
			for (i = 0; aggressors[i]; i++)
				snprintf(list + strlen(list), sizeof(list) - strlen(list), "%s%s",
					 i ? ", " : "", aggressors[i]->name);
			return ERR("unknown aggressor '%s'; valid: %s", arg, list);
		}
		o->aggressor = aggressor_find(arg)->name;
		return CLI_OK;
	case OPT_VICTIMS:
		if (parse_victims(arg, MAX_VICTIMS_EACH, &o->victims, why, sizeof(why)))
			return ERR("--victims: %s", why);
		for (i = 0; i < o->victims.nkinds; i++) {
			if (victim_find(o->victims.name[i]))
				continue;
			list[0] = 0;
			for (int k = 0; victims[k]; k++)
				snprintf(list + strlen(list), sizeof(list) - strlen(list), "%s%s",
					 k ? ", " : "", victims[k]->name);
			return ERR("--victims: unknown victim '%s'; valid: %s", o->victims.name[i], list);
		}
		snprintf(o->victims_spec, sizeof(o->victims_spec), "%s", arg);
		return CLI_OK;
	case OPT_SIZE:
		if (parse_size(arg, &o->size, why, sizeof(why)))
			return ERR("--size: %s", why);
		if (o->size < 4096 || o->size > (1ull << 40))
			return ERR("--size %s is out of range 4K..1T", arg);
		if (o->size % 4096)
			return ERR("--size %s is not a multiple of the 4K page size", arg);
		return CLI_OK;
	case OPT_DURATION:
	case OPT_WARMUP:
	case OPT_OUTLIER: {
		uint64_t ns, lo = id == OPT_DURATION ? 10000000ull : id == OPT_OUTLIER ? 1000 : 0;
		uint64_t hi = id == OPT_DURATION ? 86400000000000ull : 3600000000000ull;

		if (parse_duration(arg, &ns, why, sizeof(why)))
			return ERR("--%s: %s", name, why);
		if (ns < lo || ns > hi)
			return ERR("--%s %s is out of range", name, arg);
		*(id == OPT_DURATION ? &o->duration_ns : id == OPT_WARMUP ? &o->warmup_ns
									 : &o->outlier_ns) = ns;
		return CLI_OK;
	}
	case OPT_REPEAT:
		if (parse_long(arg, 1, 1000, &o->repeat, why, sizeof(why)))
			return ERR("--repeat: %s", why);
		return CLI_OK;
	case OPT_CPUS:
		if (parse_cpulist(arg, o->cpus, MAX_CPUS, &o->ncpus, why, sizeof(why)))
			return ERR("--cpus: %s", why);
		return CLI_OK;
	case OPT_PLACEMENT:
		i = pick(placement_names, arg);
		join_names(placement_names, list, sizeof(list));
		if (i < 0)
			return ERR("--placement: unknown '%s'; valid: %s", arg, list);
		o->placement = (enum placement)i;
		return CLI_OK;
	case OPT_SMT:
		o->smt = true;
		return CLI_OK;
	case OPT_MEMBIND:
		if (parse_long(arg, 0, 4095, &l, why, sizeof(why)))
			return ERR("--membind: %s", why);
		o->membind = l;
		return CLI_OK;
	case OPT_THP:
		i = pick(thp_names, arg);
		join_names(thp_names, list, sizeof(list));
		if (i < 0)
			return ERR("--thp: unknown '%s'; valid: %s", arg, list);
		o->thp = (enum thp_policy)i;
		return CLI_OK;
	case OPT_OUT:
		if (!*arg)
			return ERR("--out: empty directory name");
		o->out = arg;
		return CLI_OK;
	case OPT_FILE_DIR:
		if (!*arg)
			return ERR("--file-dir: empty directory name");
		o->file_dir = arg;
		return CLI_OK;
	case OPT_MEM_SHARE:
		if (parse_double(arg, 1, 95, &o->mem_share, why, sizeof(why)))
			return ERR("--mem-share: %s", why);
		return CLI_OK;
	case OPT_QUIET:
		o->quiet = true;
		return CLI_OK;
	case OPT_NO_TRACE:
		o->no_trace = true;
		return CLI_OK;
	case OPT_NO_COUNTERS:
		o->no_counters = true;
		return CLI_OK;
	case OPT_CLOCK:
		if (strcmp(arg, "tsc") && strcmp(arg, "gettime"))
			return ERR("--clock: unknown '%s'; valid: tsc, gettime", arg);
		o->gettime = !strcmp(arg, "gettime");
		return CLI_OK;
	case OPT_HELP:
		return CLI_HELP;
	}
	return ERR("internal: option %d not handled", id);
}

enum cli_result cli_parse_run(int argc, char **argv, struct options *o, char *err, size_t errlen)
{
	struct option longopts[NOPTS + 1];
	enum cli_result r;
	int c, idx;

	for (size_t i = 0; i < NOPTS; i++)
		longopts[i] = (struct option){ opt_table[i].name, opt_table[i].has_arg, NULL,
					       opt_table[i].id };
	memset(&longopts[NOPTS], 0, sizeof(longopts[NOPTS]));
	optind = 0;	/* glibc: full re-initialisation, so parsing can run twice */
	opterr = 0;
	while ((c = getopt_long(argc, argv, "+", longopts, &idx)) != -1) {
		if (c == '?') {
			if (optopt)
				return ERR("option '%s' needs a value (see --help)", argv[optind - 1]);
			return ERR("unknown option '%s' (see --help)", argv[optind - 1]);
		}
		if (c == ':')
			return ERR("option '%s' needs a value", argv[optind - 1]);
		for (size_t i = 0; i < NOPTS; i++) {
			if ((int)opt_table[i].id != c)
				continue;
			r = one_option(o, opt_table[i].id, opt_table[i].name, optarg, err, errlen);
			if (r != CLI_OK)
				return r;
		}
	}
	if (optind < argc)
		return ERR("unexpected argument '%s' (options start with --)", argv[optind]);
	if (o->warmup_ns + o->duration_ns < o->duration_ns)
		return ERR("--warmup plus --duration overflow");
	return CLI_OK;
}

void cli_help_run(FILE *f)
{
	fprintf(f, "usage: faultstorm run [OPTION]...\n\n"
		   "Run one aggressor against victim threads and record every victim operation.\n\n");
	for (size_t i = 0; i < NOPTS; i++) {
		const struct opt_def *d = &opt_table[i];
		char left[64];

		snprintf(left, sizeof(left), "--%s%s%s", d->name, d->arg ? " " : "",
			 d->arg ? d->arg : "");
		fprintf(f, "  %-26s %s", left, d->help);
		if (d->def)
			fprintf(f, " [default: %s]", d->def);
		if (d->range)
			fprintf(f, " (%s)", d->range);
		fputc('\n', f);
	}
	fprintf(f, "\nExit codes: 0 complete, 1 failure, 2 usage, 3 skipped (kernel lacks it,\n"
		   "no privilege, too little memory), 4 interrupted (partial results kept).\n");
}
