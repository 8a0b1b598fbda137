// SPDX-License-Identifier: GPL-2.0
/*
 * Tracepoint format parsing and raw-record decoding, against the format text
 * of two kernels (tests/fixtures/tracefs/{6.1,6.18}).  The raw records below
 * are laid out by hand from each kernel's struct, independently of the
 * parser, so a parser that assumed one layout fails on the other.
 */
#include <criterion/criterion.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "lockfmt.h"

#define FIX "tests/fixtures/tracefs"

static struct lockfmt f;
static char why[1024];

static void load(const char *kver)
{
	char dir[256];

	snprintf(dir, sizeof(dir), FIX "/%s/events", kver);
	lockfmt_init(&f);
	cr_assert_eq(lockfmt_load_dir(&f, dir, why, sizeof(why)), LEV_NR, "%s: %s", kver, why);
	cr_assert_str_empty(why);
}

static void put16(uint8_t *b, size_t off, uint16_t v) { memcpy(b + off, &v, 2); }
static void put32(uint8_t *b, size_t off, uint32_t v) { memcpy(b + off, &v, 4); }
static void put64(uint8_t *b, size_t off, uint64_t v) { memcpy(b + off, &v, 8); }

/* struct trace_entry: u16 type, u8 flags, u8 preempt_count, int pid */
static void header(uint8_t *b, uint16_t type, int pid)
{
	put16(b, 0, type);
	put32(b, 4, (uint32_t)pid);
}

Test(lockfmt, fields_6_18_memcg_id)
{
	uint8_t b[32] = {0};
	struct lock_rec r;

	load("6.18");
	cr_expect_str_eq(f.memcg_kind, "memcg_id");
	cr_expect_eq(f.id[LEV_ACQUIRE_RETURNED], 675);
	cr_expect_eq(f.id[LEV_CONTENTION_BEGIN], 408);

	/* mm@8 u64, memcg_id@16 u64, write@24 bool, success@25 bool */
	header(b, 675, 4242);
	put64(b, 8, 0xffff888012345678ull);
	put64(b, 16, 77);
	b[24] = 1;
	b[25] = 0;
	cr_assert_eq(lockfmt_decode(&f, b, 26, &r), 0);
	cr_expect_eq(r.ev, LEV_ACQUIRE_RETURNED);
	cr_expect_eq(r.mm, 0xffff888012345678ull);
	cr_expect(r.has_memcg_id);
	cr_expect_eq(r.memcg_id, 77);
	cr_expect(r.write);
	cr_expect_not(r.success);

	memset(b, 0, sizeof(b));
	header(b, 677, 1);	/* start_locking, read */
	put64(b, 8, 0x1000);
	cr_assert_eq(lockfmt_decode(&f, b, 25, &r), 0);
	cr_expect_eq(r.ev, LEV_START_LOCKING);
	cr_expect_not(r.write);
	cr_expect(r.success, "events without a success field count as successful");
	lockfmt_free(&f);
}

Test(lockfmt, fields_6_1_memcg_path)
{
	static const char path[] = "/user.slice/bench";
	uint8_t b[64] = {0};
	struct lock_rec r;

	load("6.1");
	cr_expect_str_eq(f.memcg_kind, "memcg_path");
	cr_expect_eq(f.id[LEV_ACQUIRE_RETURNED], 563);

	/* mm@8, __data_loc memcg_path@16 (len << 16 | offset), write@20,
	 * success@21, the string after the 24-byte struct */
	header(b, 563, 99);
	put64(b, 8, 0xffff888000abcdefull);
	put32(b, 16, (uint32_t)(sizeof(path) << 16 | 24));
	b[20] = 0;
	b[21] = 1;
	memcpy(b + 24, path, sizeof(path));
	cr_assert_eq(lockfmt_decode(&f, b, 24 + sizeof(path), &r), 0);
	cr_expect_eq(r.ev, LEV_ACQUIRE_RETURNED);
	cr_expect_eq(r.mm, 0xffff888000abcdefull);
	cr_expect_not(r.has_memcg_id);
	cr_expect_str_eq(r.memcg_path, path);
	cr_expect_not(r.write);
	cr_expect(r.success);

	/* released, write, empty path (no memcg) */
	memset(b, 0, sizeof(b));
	header(b, 564, 99);
	put64(b, 8, 0x2000);
	put32(b, 16, 1u << 16 | 24);
	b[20] = 1;
	cr_assert_eq(lockfmt_decode(&f, b, 25, &r), 0);
	cr_expect_eq(r.ev, LEV_RELEASED);
	cr_expect(r.write);
	cr_expect_str_eq(r.memcg_path, "");
	lockfmt_free(&f);
}

/* Negative control: the 6.1 record read with 6.18's layout would take the
 * __data_loc word for memcg_id and byte 24 for write; the id alone must keep
 * the decoder from doing that. */
Test(lockfmt, ids_are_parsed_not_assumed)
{
	uint8_t b[32] = {0};
	struct lock_rec r;

	load("6.18");
	header(b, 563, 1);	/* 6.1's acquire_returned id */
	cr_expect_eq(lockfmt_decode(&f, b, sizeof(b), &r), -1);
	cr_expect_eq(r.ev, LEV_NR);
	lockfmt_free(&f);
}

Test(lockfmt, contention_events)
{
	uint8_t b[24] = {0};
	struct lock_rec r;

	for (int k = 0; k < 2; k++) {
		load(k ? "6.1" : "6.18");
		memset(b, 0, sizeof(b));
		header(b, (uint16_t)f.id[LEV_CONTENTION_BEGIN], 5);
		put64(b, 8, 0xffff8880deadbee0ull);
		put32(b, 16, LCB_F_WRITE);
		cr_assert_eq(lockfmt_decode(&f, b, 20, &r), 0);
		cr_expect_eq(r.ev, LEV_CONTENTION_BEGIN);
		cr_expect_eq(r.lock_addr, 0xffff8880deadbee0ull);
		cr_expect_eq(r.flags, LCB_F_WRITE);

		header(b, (uint16_t)f.id[LEV_CONTENTION_END], 5);
		put32(b, 16, (uint32_t)-4);
		cr_assert_eq(lockfmt_decode(&f, b, 20, &r), 0);
		cr_expect_eq(r.ev, LEV_CONTENTION_END);
		cr_expect_eq(r.ret, -4);
		lockfmt_free(&f);
	}
}

Test(lockfmt, truncated_and_corrupt_records_rejected)
{
	uint8_t b[32] = {0};
	struct lock_rec r;

	load("6.18");
	header(b, 675, 1);
	cr_expect_eq(lockfmt_decode(&f, b, 25, &r), -1, "success@25 lies past 25 bytes");
	cr_expect_eq(lockfmt_decode(&f, b, 1, &r), -1);
	lockfmt_free(&f);

	load("6.1");
	header(b, 565, 1);
	put32(b, 16, 64u << 16 | 24);	/* string runs past the record */
	cr_expect_eq(lockfmt_decode(&f, b, 32, &r), -1);
	lockfmt_free(&f);
}

Test(lockfmt, missing_field_is_named)
{
	static const char fmt[] =
		"name: mmap_lock_released\nID: 9\nformat:\n"
		"\tfield:unsigned short common_type;\toffset:0;\tsize:2;\tsigned:0;\n"
		"\tfield:unsigned char common_flags;\toffset:2;\tsize:1;\tsigned:0;\n"
		"\tfield:unsigned char common_preempt_count;\toffset:3;\tsize:1;\tsigned:0;\n"
		"\tfield:int common_pid;\toffset:4;\tsize:4;\tsigned:1;\n\n"
		"\tfield:struct mm_struct * mm;\toffset:8;\tsize:8;\tsigned:0;\n\n"
		"print fmt: \"mm=%p\", REC->mm\n";

	lockfmt_init(&f);
	cr_expect_eq(lockfmt_add(&f, LEV_RELEASED, fmt, sizeof(fmt) - 1, why, sizeof(why)), -1);
	cr_expect(strstr(why, "'write'") != NULL, "why: %s", why);
	cr_expect_null(f.event[LEV_RELEASED]);
	lockfmt_free(&f);
}

Test(lockfmt, missing_event_is_named)
{
	lockfmt_init(&f);
	cr_expect_eq(lockfmt_load_dir(&f, FIX "/nonexistent/events", why, sizeof(why)), 0);
	cr_expect(strstr(why, "mmap_lock:mmap_lock_start_locking: not on this kernel") != NULL,
		  "why: %s", why);
	lockfmt_free(&f);
}
