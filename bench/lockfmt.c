// SPDX-License-Identifier: GPL-2.0
/* Tracepoint formats for the evidence module, parsed with libtraceevent. */
#include "lockfmt.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <traceevent/event-parse.h>

const char *const lock_ev_system[LEV_NR] = {
	"mmap_lock", "mmap_lock", "mmap_lock", "lock", "lock",
};
const char *const lock_ev_name[LEV_NR] = {
	"mmap_lock_start_locking", "mmap_lock_acquire_returned", "mmap_lock_released",
	"contention_begin", "contention_end",
};

void lockfmt_init(struct lockfmt *f)
{
	memset(f, 0, sizeof(*f));
	for (int i = 0; i < LEV_NR; i++)
		f->id[i] = -1;
	f->memcg_kind = "none";
	f->tep = tep_alloc();
	if (f->tep) {
		/* Records come from this machine's kernel: host byte order and
		 * long size (the fixtures are x86_64 too). */
		tep_set_long_size(f->tep, (int)sizeof(long));
		tep_set_file_bigendian(f->tep, tep_is_bigendian() ? TEP_BIG_ENDIAN : TEP_LITTLE_ENDIAN);
		tep_set_local_bigendian(f->tep, tep_is_bigendian() ? TEP_BIG_ENDIAN : TEP_LITTLE_ENDIAN);
	}
}

void lockfmt_free(struct lockfmt *f)
{
	if (f->tep)
		tep_free(f->tep);
	f->tep = NULL;
}

static struct tep_format_field *need(struct tep_event *e, const char *name, char *why, size_t whylen)
{
	struct tep_format_field *fld = tep_find_field(e, name);

	if (!fld)
		snprintf(why, whylen, "%s:%s has no field '%s'", e->system, e->name, name);
	return fld;
}

int lockfmt_add(struct lockfmt *f, enum lock_ev ev, const char *text, size_t len,
		char *why, size_t whylen)
{
	struct tep_event *e = NULL;
	enum tep_errno err;
	char buf[128];

	if (!f->tep) {
		snprintf(why, whylen, "libtraceevent: out of memory");
		return -1;
	}
	err = tep_parse_format(f->tep, &e, text, len, lock_ev_system[ev]);
	if (err || !e) {
		tep_strerror(f->tep, err, buf, sizeof(buf));
		snprintf(why, whylen, "%s:%s format does not parse: %s",
			 lock_ev_system[ev], lock_ev_name[ev], buf);
		return -1;
	}
	if (strcmp(e->name, lock_ev_name[ev])) {
		snprintf(why, whylen, "format names event '%s', expected %s", e->name, lock_ev_name[ev]);
		return -1;
	}
	if (ev <= LEV_RELEASED) {
		if (!(f->mm[ev] = need(e, "mm", why, whylen)) ||
		    !(f->write[ev] = need(e, "write", why, whylen)))
			return -1;
		if (ev == LEV_ACQUIRE_RETURNED && !(f->success = need(e, "success", why, whylen)))
			return -1;
		/* 6.1 records the memcg's path as a __data_loc string,
		 * later kernels (6.18 here) its u64 id: take either. */
		if ((f->memcg[ev] = tep_find_field(e, "memcg_id")))
			f->memcg_kind = "memcg_id";
		else if ((f->memcg[ev] = tep_find_field(e, "memcg_path")))
			f->memcg_kind = "memcg_path";
	} else {
		int i = ev - LEV_CONTENTION_BEGIN;

		if (!(f->lock_addr[i] = need(e, "lock_addr", why, whylen)))
			return -1;
		if (ev == LEV_CONTENTION_BEGIN && !(f->flags = need(e, "flags", why, whylen)))
			return -1;
		if (ev == LEV_CONTENTION_END && !(f->ret = need(e, "ret", why, whylen)))
			return -1;
	}
	f->event[ev] = e;
	f->id[ev] = e->id;
	return 0;
}

static char *slurp(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "r");
	char *buf = NULL;
	size_t cap = 0, n = 0, r;

	if (!fp)
		return NULL;
	/* tracefs files report st_size 0, so read until EOF */
	do {
		if (n + 4096 > cap) {
			char *nb = realloc(buf, cap = n + 8192);

			if (!nb) {
				free(buf);
				fclose(fp);
				errno = ENOMEM;
				return NULL;
			}
			buf = nb;
		}
		r = fread(buf + n, 1, cap - n - 1, fp);
		n += r;
	} while (r > 0);
	fclose(fp);
	buf[n] = '\0';
	*len = n;
	return buf;
}

int lockfmt_load_dir(struct lockfmt *f, const char *events_dir, char *why, size_t whylen)
{
	char path[PATH_MAX], one[256];
	int loaded = 0;

	why[0] = '\0';
	for (int ev = 0; ev < LEV_NR; ev++) {
		size_t len;
		char *text;

		snprintf(path, sizeof(path), "%s/%s/%s/format", events_dir,
			 lock_ev_system[ev], lock_ev_name[ev]);
		text = slurp(path, &len);
		if (!text) {
			snprintf(one, sizeof(one), "%s:%s: %s", lock_ev_system[ev],
				 lock_ev_name[ev], errno == ENOENT ? "not on this kernel" : strerror(errno));
		} else if (lockfmt_add(f, ev, text, len, one, sizeof(one)) == 0) {
			loaded++;
			one[0] = '\0';
		}
		free(text);
		if (one[0]) {
			size_t used = strlen(why);

			snprintf(why + used, whylen - used, "%s%s", used ? "; " : "", one);
		}
	}
	return loaded;
}

enum lock_ev lockfmt_classify(const struct lockfmt *f, const void *raw, size_t size)
{
	unsigned short type;

	/* common_type is the first field of every trace entry, u16 */
	if (size < sizeof(type))
		return LEV_NR;
	memcpy(&type, raw, sizeof(type));
	for (int ev = 0; ev < LEV_NR; ev++)
		if (f->event[ev] && f->id[ev] == type)
			return ev;
	return LEV_NR;
}

static int num(const struct tep_format_field *fld, const void *raw, size_t size, uint64_t *v)
{
	unsigned long long val;

	if (!fld || (size_t)fld->offset + (size_t)fld->size > size)
		return -1;
	if (tep_read_number_field((struct tep_format_field *)fld, raw, &val))
		return -1;
	*v = val;
	return 0;
}

int lockfmt_decode(const struct lockfmt *f, const void *raw, size_t size, struct lock_rec *out)
{
	enum lock_ev ev = lockfmt_classify(f, raw, size);
	uint64_t v;

	memset(out, 0, sizeof(*out));
	out->ev = ev;
	out->success = true;
	if (ev == LEV_NR)
		return -1;
	if (ev <= LEV_RELEASED) {
		const struct tep_format_field *mc = f->memcg[ev];

		if (num(f->mm[ev], raw, size, &out->mm) || num(f->write[ev], raw, size, &v))
			return -1;
		out->write = v != 0;
		if (ev == LEV_ACQUIRE_RETURNED) {
			if (num(f->success, raw, size, &v))
				return -1;
			out->success = v != 0;
		}
		if (mc && (mc->flags & TEP_FIELD_IS_DYNAMIC)) {
			struct tep_record rec = { .data = (void *)raw, .size = (int)size };
			int len = 0;
			const char *s;

			if ((size_t)mc->offset + (size_t)mc->size > size)
				return -1;
			s = tep_get_field_raw(NULL, f->event[ev], mc->name, &rec, &len, 0);
			/* the __data_loc points inside this record, or it is corrupt */
			if (!s || len < 0 || s < (const char *)raw ||
			    s + len > (const char *)raw + size)
				return -1;
			snprintf(out->memcg_path, sizeof(out->memcg_path), "%.*s",
				 (int)strnlen(s, (size_t)len), s);
		} else if (mc) {
			if (num(mc, raw, size, &out->memcg_id))
				return -1;
			out->has_memcg_id = true;
		}
	} else {
		int i = ev - LEV_CONTENTION_BEGIN;

		if (num(f->lock_addr[i], raw, size, &out->lock_addr))
			return -1;
		if (ev == LEV_CONTENTION_BEGIN) {
			if (num(f->flags, raw, size, &v))
				return -1;
			out->flags = (unsigned)v;
		} else {
			if (num(f->ret, raw, size, &v))
				return -1;
			out->ret = (int)(int32_t)v;
		}
	}
	return 0;
}
