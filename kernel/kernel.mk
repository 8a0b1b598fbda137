# SPDX-License-Identifier: GPL-2.0
# kernel/: our patches against Debian's linux-source-6.1, kernel variants
# (kernel/variants/*), and the suite run on each in QEMU.
#
#   make kernel VARIANT=6.1            build (or fetch) a variant's kernel
#   make vm-bench VARIANT=debian-6.1   run SUITE on it, results into results/
#   make compare-kernels VARIANTS="host debian-6.1 6.1 6.1-legacy"
#   make kernel-check                  CI: patches apply, debian-6.1 boots
#                                      under TCG and runs one short scenario
# VM_CPUS, VM_MEM, VM_NODES, VM_TIMEOUT, ACCEL=auto|kvm|tcg tune the VM
# (kernel/vm-run.sh).

DEB_PACKAGES += linux-source-6.1 qemu-system-x86 busybox-static cpio patch xz-utils \
	ccache flex bison bc libelf-dev libssl-dev python3
RPM_PACKAGES += qemu-system-x86 busybox cpio patch xz \
	ccache flex bison bc elfutils-libelf-devel openssl-devel python3

VARIANT ?= 6.1
VARIANTS ?= host debian-6.1 6.1 6.1-legacy
# Extra options appended to every suite line, e.g. FS_OPTS="--repeat 1".
FS_OPTS ?=
# compare-kernels runs kernel/suites/compare, the scenarios that tell the
# variants apart, unless SUITE is given on the command line or environment.
COMPARE_SUITE = $(if $(filter command line environment,$(origin SUITE)),$(SUITE),kernel/suites/compare)

.PHONY: kernel vm-bench compare-kernels kernel-check kernel-patches-check kernel-clean

kernel: | $(DEPS_STAMP)
	$(Q)kernel/image.sh $(VARIANT)

vm-bench: $(BIN)
	$(Q)kernel/vm-bench.sh $(VARIANT) $(SUITE) $(FS_OPTS)

compare-kernels: $(BIN)
	$(Q)SUITE=$(COMPARE_SUITE) kernel/compare-kernels.sh $(VARIANTS) -- $(FS_OPTS)

kernel-patches-check:
	$(Q)kernel/check-patches.sh 6.1

kernel-check: $(BIN)
	$(Q)kernel/check.sh

kernel-clean:
	rm -rf kernel/build
