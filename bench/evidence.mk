# SPDX-License-Identifier: GPL-2.0
# What the kernel evidence costs: `faultstorm trace-overhead` alternates
# fault-anon runs with tracing on and off in one invocation and prints both
# rates and the median paired ratio (goal: tracing costs <= 3%).

TRACE_OVERHEAD_ROUNDS ?= 7
TRACE_OVERHEAD_DURATION ?= 1

.PHONY: trace-overhead
trace-overhead: $(BIN)
	$(Q)$(BIN) trace-overhead --rounds $(TRACE_OVERHEAD_ROUNDS) --duration $(TRACE_OVERHEAD_DURATION)
