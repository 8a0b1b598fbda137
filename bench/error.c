// SPDX-License-Identifier: GPL-2.0
/* die/warn/info: the only places faultstorm prints diagnostics. */
#include <stdio.h>
#include <stdlib.h>

#include "error.h"

int fs_quiet;

static void vmsg(const char *level, const char *fmt, va_list ap)
{
	fprintf(stderr, "faultstorm: %s", level);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

void fs_die(int code, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmsg("error: ", fmt, ap);
	va_end(ap);
	exit(code);
}

void fs_error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmsg("error: ", fmt, ap);
	va_end(ap);
}

void fs_warn(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmsg("warning: ", fmt, ap);
	va_end(ap);
}

void fs_info(const char *fmt, ...)
{
	va_list ap;

	if (fs_quiet)
		return;
	va_start(ap, fmt);
	vfprintf(stdout, fmt, ap);
	va_end(ap);
	fputc('\n', stdout);
}

int fs_errf(char *err, size_t len, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err, len, fmt, ap);
	va_end(ap);
	return -1;
}
