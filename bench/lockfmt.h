/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The tracepoints the evidence module samples, and how to decode their raw
 * sample records.  Field layouts differ between kernels (6.1 carries a
 * __data_loc memcg_path string, later kernels a u64 memcg_id, and offsets move
 * with it), so every field is looked up by name in the event's tracefs format
 * through libtraceevent; no offset is ever assumed.
 */
#ifndef FS_LOCKFMT_H
#define FS_LOCKFMT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum lock_ev {
	LEV_START_LOCKING,	/* mmap_lock:mmap_lock_start_locking */
	LEV_ACQUIRE_RETURNED,	/* mmap_lock:mmap_lock_acquire_returned */
	LEV_RELEASED,		/* mmap_lock:mmap_lock_released */
	LEV_CONTENTION_BEGIN,	/* lock:contention_begin */
	LEV_CONTENTION_END,	/* lock:contention_end */
	LEV_NR,
};

/* lock:contention_begin flags (include/trace/events/lock.h, same in 6.1+) */
#define LCB_F_SPIN	(1U << 0)
#define LCB_F_READ	(1U << 1)
#define LCB_F_WRITE	(1U << 2)

extern const char *const lock_ev_system[LEV_NR];
extern const char *const lock_ev_name[LEV_NR];

struct tep_handle;
struct tep_event;
struct tep_format_field;

struct lockfmt {
	struct tep_handle *tep;
	struct tep_event *event[LEV_NR];	/* NULL: not on this kernel */
	int id[LEV_NR];				/* -1 when missing */
	/* mmap_lock events: mm, write, success (acquire_returned only), and
	 * the memcg field, whichever this kernel has */
	struct tep_format_field *mm[3], *write[3], *success, *memcg[3];
	/* lock events */
	struct tep_format_field *lock_addr[2], *flags, *ret;
	const char *memcg_kind;			/* "memcg_id", "memcg_path" or "none" */
};

struct lock_rec {
	enum lock_ev ev;
	uint64_t mm;		/* mmap_lock events */
	bool write;
	bool success;		/* acquire_returned; true for the others */
	bool has_memcg_id;
	uint64_t memcg_id;
	char memcg_path[128];	/* 6.1: the cgroup path, truncated */
	uint64_t lock_addr;	/* lock events */
	unsigned flags;		/* contention_begin */
	int ret;		/* contention_end */
};

void lockfmt_init(struct lockfmt *f);
void lockfmt_free(struct lockfmt *f);

/* Parse one event's tracefs format text.  0, or -1 with why set (malformed
 * text, or a field the decoder needs is absent). */
int lockfmt_add(struct lockfmt *f, enum lock_ev ev, const char *text, size_t len,
		char *why, size_t whylen);

/* Load every event from <events_dir>/<system>/<event>/format (events_dir is
 * tracefs's events/ directory, or a fixture tree).  Returns how many events
 * loaded; missing ones are left NULL and named in why. */
int lockfmt_load_dir(struct lockfmt *f, const char *events_dir, char *why, size_t whylen);

/* Which event a raw record (PERF_SAMPLE_RAW payload) is, by its common_type;
 * LEV_NR when it is none of ours. */
enum lock_ev lockfmt_classify(const struct lockfmt *f, const void *raw, size_t size);

/* Decode a raw record; 0, or -1 when it is not one of ours or is truncated. */
int lockfmt_decode(const struct lockfmt *f, const void *raw, size_t size, struct lock_rec *out);

#endif
