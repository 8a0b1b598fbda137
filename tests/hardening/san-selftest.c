// SPDX-License-Identifier: GPL-2.0
/* Negative control for the sanitizer targets: one deliberate bug per mode
 * (argv[1]), so `make san-selftest` can show that each sanitizer build and
 * san-logs-check really catch it, and that the clean mode passes. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int shared;

static void *racer(void *arg)
{
	(void)arg;
	shared++;
	return NULL;
}

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "clean";
	volatile int big = 2147483647, idx = argc + 7;
	char buf[8];
	pthread_t t;

	memset(buf, 0, sizeof(buf));
	if (!strcmp(mode, "leak")) {
		void *volatile p = malloc(100);

		p = NULL;
		(void)p;
	} else if (!strcmp(mode, "overflow")) {
		printf("%d\n", big + argc);
	} else if (!strcmp(mode, "oob")) {
		char *h = malloc(8);

		h[idx] = 1;
		printf("%d\n", h[0]);
		free(h);
	} else if (!strcmp(mode, "race")) {
		pthread_create(&t, NULL, racer, NULL);
		shared++;
		pthread_join(t, NULL);
	}
	printf("%s done %d\n", mode, shared + buf[0]);
	return 0;
}
