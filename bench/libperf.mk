# SPDX-License-Identifier: GPL-2.0
# libperf, the kernel's own perf_event library, for the evidence module
# (per-thread counters and mmap_lock tracepoint sampling).
#
# Fedora packages it (libperf-devel, with a pkg-config file); Debian does not,
# so there we build the static library from tools/lib/perf of Debian's
# linux-source-6.1 -- the same source tree kernel/ builds its guests from --
# into build/libperf/, once.  Only the directories the library's own
# Makefiles read are extracted, so this takes seconds, not minutes.

DEB_PACKAGES += linux-source-6.1 xz-utils
RPM_PACKAGES += libperf-devel

ifeq ($(shell pkg-config --exists libperf 2>/dev/null && echo yes),yes)

EXTRA_CFLAGS += $(shell pkg-config --cflags libperf)
EXTRA_LIBS += $(shell pkg-config --libs libperf)

else

LIBPERF_TARBALL ?= /usr/src/linux-source-6.1.tar.xz
LIBPERF_TOP := linux-source-6.1
LIBPERF_DIR := $(BUILD)/libperf
LIBPERF_SRC := $(LIBPERF_DIR)/src
LIBPERF_OUT := $(LIBPERF_DIR)/out
# What tools/lib/perf and tools/lib/api need to build: their sources, the
# tools/lib/*.c helpers they compile in (zalloc.c, str_error_r.c), the tools
# copies of kernel headers, and tools/build + tools/scripts for Makefile.build.
LIBPERF_MEMBERS := tools/lib/perf tools/lib/api 'tools/lib/*.c' tools/include \
	tools/arch/x86/include tools/build tools/scripts
LIBPERF_STAMP := $(LIBPERF_DIR)/.built

EXTRA_CFLAGS += -I$(LIBPERF_SRC)/$(LIBPERF_TOP)/tools/lib/perf/include
EXTRA_LIBS += $(LIBPERF_OUT)/libperf.a $(LIBPERF_OUT)/libapi.a
EXTRA_PREREQS += $(LIBPERF_STAMP)

# libperf's Makefile adds -Werror; a newer compiler than 6.1 knew must not
# turn its new warnings into a failed faultstorm build, hence -Wno-error.
# MAKEFLAGS is cleared so our command-line variables (V, O, CFLAGS) do not
# leak into the kernel's build system, which gives them other meanings.
$(LIBPERF_STAMP): | $(DEPS_STAMP)
	@echo "  LIBPERF $(LIBPERF_TARBALL) -> $(LIBPERF_DIR)"
	$(Q)test -r $(LIBPERF_TARBALL) || { echo "faultstorm: $(LIBPERF_TARBALL) missing: apt-get install linux-source-6.1" >&2; exit 1; }
	$(Q)rm -rf $(LIBPERF_SRC) $(LIBPERF_OUT) && mkdir -p $(LIBPERF_SRC) $(LIBPERF_OUT)
	$(Q)tar -xJf $(LIBPERF_TARBALL) -C $(LIBPERF_SRC) --no-wildcards-match-slash --wildcards \
		$(addprefix $(LIBPERF_TOP)/,$(LIBPERF_MEMBERS))
	$(Q)for lib in perf api; do \
		MAKEFLAGS= $(MAKE) -s -C $(LIBPERF_SRC)/$(LIBPERF_TOP)/tools/lib/$$lib \
			O=$(abspath $(LIBPERF_OUT))/ CC="$(CC)" EXTRA_CFLAGS=-Wno-error \
			$(abspath $(LIBPERF_OUT))/lib$$lib.a >$(LIBPERF_DIR)/build-$$lib.log 2>&1 || \
		{ cat $(LIBPERF_DIR)/build-$$lib.log >&2; exit 1; }; \
	done
	$(Q)touch $@

endif
