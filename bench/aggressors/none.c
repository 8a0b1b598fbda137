// SPDX-License-Identifier: GPL-2.0
/* none: no aggressor thread; the victims' baseline. */
#include "scenario.h"

const struct aggressor aggressor_none = {
	.name = "none",
	.description = "no aggressor: the victims' baseline",
};
