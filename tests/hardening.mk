# SPDX-License-Identifier: GPL-2.0
# Hardening: the test suite and a short run of every scenario under
# AddressSanitizer (+LeakSanitizer), UndefinedBehaviorSanitizer and
# ThreadSanitizer, each in its own build tree (build/<kind>/); libFuzzer
# harnesses for every parser (make fuzz).  See RELIABILITY.md.
#
#   make asan | ubsan | tsan | asan-ubsan     make test + every scenario, sanitized
#   make fuzz [FUZZ_SECONDS=60]               each fuzz target for FUZZ_SECONDS
#
# A sanitizer report goes to build/<kind>/san-logs/ (log_path), so a report
# from a process whose exit code a test expected to be non-zero is not lost:
# the target fails if any report was written.

DEB_PACKAGES += clang-14 libclang-rt-14-dev util-linux python3
RPM_PACKAGES += clang compiler-rt libasan libubsan libtsan util-linux python3

SAN_KINDS := asan ubsan tsan asan-ubsan
# clang: gcc 12's combined address+undefined runtime ignores log_path for
# UBSan reports, which would then only reach the captured stderr of a test.
SAN_CC := $(shell command -v clang-14 || command -v clang || echo cc)
SAN_BASE_CFLAGS := -O1 -g -fno-omit-frame-pointer -Wno-unknown-warning-option
SAN_FLAGS_asan := -fsanitize=address
SAN_FLAGS_ubsan := -fsanitize=undefined,float-cast-overflow -fno-sanitize-recover=all
SAN_FLAGS_tsan := -fsanitize=thread
SAN_FLAGS_asan-ubsan := -fsanitize=address,undefined,float-cast-overflow -fno-sanitize-recover=all
# Distinct exit codes, so a sanitizer report never passes for one of ours (1-4).
SAN_ENV = ASAN_OPTIONS=log_path=$(SAN_LOGS)/asan:exitcode=86:detect_leaks=1:detect_stack_use_after_return=1:strict_string_checks=1:check_initialization_order=1 \
	LSAN_OPTIONS=suppressions=$(abspath tests/hardening/lsan.supp):print_suppressions=0 \
	UBSAN_OPTIONS=log_path=$(SAN_LOGS)/ubsan:exitcode=87:print_stacktrace=1:halt_on_error=1 \
	TSAN_OPTIONS=log_path=$(SAN_LOGS)/tsan:exitcode=66:second_deadlock_stack=1
SAN_LOGS = $(abspath build/$@/san-logs)

.PHONY: $(SAN_KINDS) san-smoke
# libperf is built once, unsanitized, in the main tree and shared (its own
# sources are not ours to instrument).  The main tree's stamp is built first,
# so the sanitized sub-make never builds it with sanitizer CFLAGS.
SAN_MAKE = $(MAKE) --no-print-directory BUILD=build/$@ BIN=build/$@/faultstorm CC=$(SAN_CC) \
	$(if $(LIBPERF_DIR),LIBPERF_DIR=$(LIBPERF_DIR)) CFLAGS="$(SAN_BASE_CFLAGS) $(SAN_FLAGS_$@)"
asan ubsan asan-ubsan: $(EXTRA_PREREQS)
	$(Q)rm -rf $(SAN_LOGS) && mkdir -p $(SAN_LOGS) && chmod 1777 $(SAN_LOGS)
	$(Q)set -o pipefail; $(SAN_ENV) $(SAN_MAKE) test san-smoke 2>&1 | tee build/$@/make.log; \
	tests/hardening/san-logs-check $@ $(SAN_LOGS) $$? build/$@/make.log

# Criterion's own runtime crashes under TSan, so the integration tests run
# from the main tree's (unsanitized) test binary against the TSan-built
# faultstorm: the harness under test is instrumented, the test driver is not.
# The unit tests are single-threaded pure functions: nothing for TSan there.
# Three tests assert timing (a significance mark over 6 short repeats, lock
# waits adding up to a stall within 0.3%, op times adding up to the measured
# time) that TSan's 5-15x slowdown breaks.  The Debian 6.1 guest test is
# left out too: a TSan binary's shadow mappings in a 2 GiB TCG guest ran the
# guest into a soft lockup in CI; the plain and ASan builds run it.
TSAN_TEST_ARGS ?= --filter '!(compare/writer_queued_stall_is_significant|evidence/populate_512M_hold_wait_attribution|invariants/histogram_time_matches_wall_clock|evidence/debian_6_1_guest)'
tsan: $(EXTRA_PREREQS) $(BUILD)/tests/integration-tests
	$(Q)rm -rf $(SAN_LOGS) && mkdir -p $(SAN_LOGS) && chmod 1777 $(SAN_LOGS)
	$(Q)set -o pipefail; { $(SAN_ENV) $(SAN_MAKE) build/$@/faultstorm san-smoke && \
		$(SAN_ENV) FAULTSTORM=$(abspath build/$@/faultstorm) $(BUILD)/tests/integration-tests --jobs 1 $(TSAN_TEST_ARGS) $(TEST_ARGS); \
	} 2>&1 | tee build/$@/make.log; \
	tests/hardening/san-logs-check $@ $(SAN_LOGS) $$? build/$@/make.log

# Every aggressor and every victim of `faultstorm list`, briefly, as one
# suite, then compare and render it: the code paths a user's run takes.
san-smoke: $(BIN)
	$(Q)tests/hardening/smoke $(BIN) $(BUILD)/smoke

# libFuzzer: one target per tests/fuzz/fuzz_<name>.c, seeds in
# tests/fuzz/corpus/<name>/, inputs that once crashed in
# tests/fuzz/regressions/<name>/.  Built with clang, ASan and UBSan in
# build/fuzz/; the growing corpus and any crash stay in build/fuzz/.
FUZZ_TARGETS := $(patsubst tests/fuzz/fuzz_%.c,%,$(wildcard tests/fuzz/fuzz_*.c))
FUZZ_SECONDS ?= 60
FUZZ_CFLAGS := $(SAN_BASE_CFLAGS) -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all

.PHONY: fuzz fuzz-build fuzz-regress fuzz-bins
fuzz-bins: $(FUZZ_TARGETS:%=$(BUILD)/fuzz_%)
.SECONDARY: $(FUZZ_TARGETS:%=$(BUILD)/tests/fuzz/fuzz_%.o)

$(BUILD)/fuzz_%: $(BUILD)/tests/fuzz/fuzz_%.o $(LIB_OBJS)
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(CC) $(CFLAGS) -fsanitize=fuzzer -o $@ $^ $(FS_LDLIBS)

fuzz-build: $(EXTRA_PREREQS)
	$(Q)$(MAKE) --no-print-directory BUILD=build/fuzz CC=$(SAN_CC) \
		$(if $(LIBPERF_DIR),LIBPERF_DIR=$(LIBPERF_DIR)) CFLAGS="$(FUZZ_CFLAGS)" fuzz-bins

# FUZZ_SECONDS of fuzzing per target; figures in build/fuzz/summary.tsv.
fuzz: fuzz-build
	$(Q)tests/fuzz/run build/fuzz $(FUZZ_SECONDS) $(FUZZ_TARGETS)

# Every seed and every past crash once, no fuzzing: seconds, for CI.
fuzz-regress: fuzz-build
	$(Q)tests/fuzz/run build/fuzz 0 $(FUZZ_TARGETS)

# Signal trials (tests/hardening/signal-trials): SIGNAL_TRIALS runs, each
# signalled at a random moment of one phase; make test runs 8 of them.
SIGNAL_TRIALS ?= 40
.PHONY: signal-trials unpriv-suite
signal-trials: $(BIN)
	$(Q)tests/hardening/signal-trials $(BIN) $(SIGNAL_TRIALS)

# The default suite as user nobody without capabilities.
unpriv-suite: $(BIN)
	$(Q)tests/hardening/unpriv-suite $(BIN) bench/suites/$(SUITE)

# Negative control: a deliberate leak, overflow, out-of-bounds write and data
# race, each built with the sanitizer meant to catch it and checked with
# san-logs-check, which must fail for each and pass for the clean run.
SELFTEST_CASES := asan:leak asan:oob ubsan:overflow tsan:race asan:clean ubsan:clean tsan:clean
.PHONY: san-selftest
san-selftest:
	$(Q)set -u; ok=1; for c in $(SELFTEST_CASES); do k=$${c%%:*} m=$${c#*:}; \
		d=build/san-selftest/$$k-$$m; rm -rf $$d; mkdir -p $$d/san-logs; \
		case $$k in asan) f='$(SAN_FLAGS_asan)';; ubsan) f='$(SAN_FLAGS_ubsan)';; \
			*) f='$(SAN_FLAGS_tsan)';; esac; \
		$(SAN_CC) $(SAN_BASE_CFLAGS) $$f -pthread tests/hardening/san-selftest.c -o $$d/prog || exit 1; \
		env $(subst $(SAN_LOGS),$(abspath build/san-selftest)/$$k-$$m/san-logs,$(SAN_ENV)) \
			$$d/prog $$m >$$d/make.log 2>&1; rc=$$?; \
		if tests/hardening/san-logs-check $$k $$d/san-logs $$rc $$d/make.log >/dev/null 2>&1; \
		then got=pass; else got=fail; fi; \
		want=fail; [ $$m = clean ] && want=pass; \
		echo "san-selftest: $$k $$m: exit $$rc, check $$got (want $$want)"; \
		[ $$got = $$want ] || ok=0; \
	done; [ $$ok = 1 ] && echo "san-selftest: every injected bug caught, clean runs pass"
