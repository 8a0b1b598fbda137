// SPDX-License-Identifier: GPL-2.0
/* libFuzzer target: the suite file reader (suite.c), with every line run
 * through the `run` parser and named as results directories name it. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "runner.h"
#include "suite.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* the reader refuses files with NUL bytes: the parser sees text */
	char *text = strndup((const char *)data, size), err[1024], id[256], name[320];
	char *extra[] = { "--duration", "1" };
	struct suite s;

	if (!text)
		return 0;
	if (!suite_parse("fuzz.suite", text, extra, (int)(size % 3 ? 0 : 2), &s, err,
			 sizeof(err))) {
		if (s.nlines < 1 || s.nlines > SUITE_MAX_LINES)
			abort();
		for (int i = 0; i < s.nlines; i++) {
			if (s.lines[i].argc > SUITE_MAX_ARGS || s.lines[i].argv[s.lines[i].argc])
				abort();
			scenario_names(&s.lines[i].opt, id, sizeof(id), name, sizeof(name));
		}
		suite_free(&s);
	}
	free(text);
	return 0;
}
