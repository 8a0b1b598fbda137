# SPDX-License-Identifier: GPL-2.0
# make plot [RUN=results/<...>]: the plots (plot/*.gp, rendered by
# `faultstorm compare RUN`) and report.html of a run or a suite, written into
# <run>/plots/ and <run>/report.html.  Default: the newest, results/latest.
# make compare RUNS="A B ...": compare runs or suites, the first is the baseline.
# chromium (headless) checks that reports render in the tests.

DEB_PACKAGES += chromium
RPM_PACKAGES += chromium

RUN ?= results/latest

.PHONY: plot compare
plot: $(BIN)
	$(Q)test -e "$(RUN)" || { echo "make plot: $(RUN) does not exist: run make bench first or give RUN=results/<run>" >&2; exit 2; }
	$(Q)FAULTSTORM_PLOT_DIR=$(CURDIR)/plot $(BIN) compare "$(RUN)"

compare: $(BIN)
	$(Q)test -n "$(RUNS)" || { echo 'make compare: give RUNS="BASELINE OTHER..." (runs or suites)' >&2; exit 2; }
	$(Q)FAULTSTORM_PLOT_DIR=$(CURDIR)/plot $(BIN) compare $(RUNS)
