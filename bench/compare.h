/* SPDX-License-Identifier: GPL-2.0 */
/*
 * `faultstorm compare`: render one run (plots and report.html) or compare the
 * matching scenarios of several runs or suites, with per-repeat statistics.
 */
#ifndef FS_COMPARE_H
#define FS_COMPARE_H

/* argv[0] is "compare"; returns an FS_EXIT_* code. */
int compare_main(int argc, char **argv);

#endif
