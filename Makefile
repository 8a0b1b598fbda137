# SPDX-License-Identifier: GPL-2.0
# faultstorm: make (build), make bench, make test, make plot, make kernel,
# make vm-bench, make compare-kernels, make deps.  V=1 for a verbose build.

SHELL := /bin/bash
.DELETE_ON_ERROR:
.DEFAULT_GOAL := all

ifeq ($(V),1)
Q :=
else
Q := @
endif

BUILD := build
BIN := bench/faultstorm
SUITE ?= default

# Packages, by distribution; fragments (*.mk) add theirs.
DEB_PACKAGES := gcc make pkg-config libc6-dev libhwloc-dev hwloc-nox libnuma-dev \
	libjansson-dev libtraceevent-dev libtracefs-dev libcriterion-dev gnuplot-nox
RPM_PACKAGES := gcc make pkgconf-pkg-config glibc-devel hwloc-devel hwloc numactl-devel \
	jansson-devel libtraceevent-devel libtracefs-devel criterion-devel gnuplot

PKGS := hwloc numa jansson libtraceevent libtracefs
# Recursively expanded on purpose: pkg-config runs in recipes, after `deps`.
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS))
PKG_LIBS = $(shell pkg-config --libs $(PKGS))

GIT_REVISION := $(shell git describe --always --dirty 2>/dev/null || echo unknown)

CFLAGS ?= -O2 -g
# snprintf into fixed buffers truncates on purpose (paths, messages), and
# -Wformat-truncation cannot tell that from a bug, so it is off.
FS_CFLAGS = -Wno-format-truncation -std=gnu11 -D_GNU_SOURCE -DFS_GIT_REVISION='"$(GIT_REVISION)"' -Wall -Wextra -pthread -MMD -MP -Ibench $(PKG_CFLAGS) $(EXTRA_CFLAGS)
FS_LDLIBS = $(PKG_LIBS) -pthread -lm $(EXTRA_LIBS)

BENCH_SRCS := $(wildcard bench/*.c bench/aggressors/*.c bench/victims/*.c)
BENCH_OBJS := $(BENCH_SRCS:%.c=$(BUILD)/%.o)
# Everything but main(): linked into the unit tests as well.
LIB_OBJS := $(filter-out $(BUILD)/bench/faultstorm.o,$(BENCH_OBJS))

# Fragments add sources, packages, targets and EXTRA_* flags.
include $(sort $(wildcard bench/*.mk tests/*.mk plot/*.mk kernel/*.mk))

DEPS_STAMP := $(BUILD)/.deps-installed

.PHONY: all deps bench overhead clean
all: $(BIN)

# Runs once per build tree; `make deps` checks again.
$(DEPS_STAMP): Makefile $(wildcard */*.mk)
	$(Q)scripts/install-deps "$(DEB_PACKAGES)" "$(RPM_PACKAGES)"
	$(Q)mkdir -p $(@D) && touch $@

deps:
	$(Q)scripts/install-deps "$(DEB_PACKAGES)" "$(RPM_PACKAGES)"

$(BUILD)/%.o: %.c | $(DEPS_STAMP) $(EXTRA_PREREQS)
	@mkdir -p $(@D)
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(CC) $(CFLAGS) $(FS_CFLAGS) -c $< -o $@

$(BIN): $(BENCH_OBJS)
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(FS_LDLIBS)

bench: $(BIN)
	$(Q)$(BIN) suite bench/suites/$(SUITE) --out results
	$(Q)$(MAKE) --no-print-directory plot RUN=results/latest

# What timing every op costs: the fault-anon victim vs a bare first-touch loop.
overhead: $(BIN)
	$(Q)$(BIN) overhead --rounds 7 --duration 1

clean:
	rm -rf $(BUILD) $(BIN)

-include $(BENCH_OBJS:.o=.d)
