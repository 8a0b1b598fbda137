# SPDX-License-Identifier: GPL-2.0
# Criterion tests: tests/unit/*.c link against the harness's objects and run
# in parallel, each test in its own process; tests/integration/*.c run the
# real binary one test at a time (they measure, so they must not share CPUs).

UNIT_SRCS := $(wildcard tests/unit/*.c)
INTEG_SRCS := $(wildcard tests/integration/*.c)
UNIT_BIN := $(BUILD)/tests/unit-tests
INTEG_BIN := $(BUILD)/tests/integration-tests
TEST_CFLAGS = $(FS_CFLAGS) $(shell pkg-config --cflags criterion) -Itests
TEST_LIBS = $(shell pkg-config --libs criterion) $(FS_LDLIBS)

$(BUILD)/tests/%.o: tests/%.c | $(DEPS_STAMP) $(EXTRA_PREREQS)
	@mkdir -p $(@D)
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(CC) $(CFLAGS) $(TEST_CFLAGS) -c $< -o $@

$(UNIT_BIN): $(UNIT_SRCS:%.c=$(BUILD)/%.o) $(LIB_OBJS)
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(CC) $(CFLAGS) -o $@ $^ $(TEST_LIBS)

$(INTEG_BIN): $(INTEG_SRCS:%.c=$(BUILD)/%.o) $(LIB_OBJS)
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(CC) $(CFLAGS) -o $@ $^ $(TEST_LIBS)

.PHONY: test test-unit test-integration
test: test-unit test-integration

test-unit: $(UNIT_BIN)
	$(Q)$(UNIT_BIN) $(TEST_ARGS)

test-integration: $(INTEG_BIN) $(BIN)
	$(Q)FAULTSTORM=$(CURDIR)/$(BIN) $(INTEG_BIN) --jobs 1 $(TEST_ARGS)

-include $(wildcard $(BUILD)/tests/*/*.d)
