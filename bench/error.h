/* SPDX-License-Identifier: GPL-2.0 */
/* One small error module: messages go to stderr with the program name, and
 * every exit uses one of the documented codes below. */
#ifndef FS_ERROR_H
#define FS_ERROR_H

#include <stdarg.h>
#include <stddef.h>

enum fs_exit {
	FS_EXIT_OK = 0,          /* run complete */
	FS_EXIT_FAIL = 1,        /* a failure: syscall error, write error */
	FS_EXIT_USAGE = 2,       /* bad command line or input file */
	FS_EXIT_NO_RESOURCE = 3, /* skipped: kernel lacks it, too little memory, no privilege */
	FS_EXIT_INTERRUPTED = 4, /* stopped by a signal; partial results marked incomplete */
};

extern int fs_quiet;

__attribute__((noreturn, format(printf, 2, 3)))
void fs_die(int code, const char *fmt, ...);
/* An error that ends the command, reported by a caller that returns its
 * exit code instead of calling fs_die(). */
__attribute__((format(printf, 1, 2)))
void fs_error(const char *fmt, ...);
__attribute__((format(printf, 1, 2)))
void fs_warn(const char *fmt, ...);
__attribute__((format(printf, 1, 2)))
void fs_info(const char *fmt, ...);

/* Format a message into err (len bytes) and return -1: for parsers and
 * readers that report to their caller instead of exiting. */
__attribute__((format(printf, 3, 4)))
int fs_errf(char *err, size_t len, const char *fmt, ...);

#endif
