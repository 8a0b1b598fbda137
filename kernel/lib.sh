# SPDX-License-Identifier: GPL-2.0
# Shared by the kernel/*.sh scripts: paths, error reporting, variant files.
# Sourced, not run.

KDIR=$(cd "$(dirname "$0")" && pwd)
TOP=$(cd "$KDIR/.." && pwd)
KBUILD_DIR=${KBUILD_DIR:-$KDIR/build}
KCACHE_DIR=${KCACHE_DIR:-$KDIR/cache}
PROG=$(basename "$0")

die() {
	echo "$PROG: error: $*" >&2
	exit 1
}

note() {
	echo "$PROG: $*" >&2
}

# load_variant NAME: read kernel/variants/NAME into KIND, SOURCE, BASE,
# DEB_PACKAGE, BOOT, DESC and VFILE.  A variant file is a shell fragment
# whose CONFIG_ lines are also a kconfig fragment (see variant_config).
load_variant() {
	VARIANT=$1
	VFILE=$KDIR/variants/$VARIANT
	case $VARIANT in
	''|*/*|.*) die "bad variant name '$VARIANT'";;
	esac
	if [ ! -f "$VFILE" ]; then
		die "no variant '$VARIANT'; known variants: $(cd "$KDIR/variants" && ls | tr '\n' ' ')(add a file to kernel/variants/ to make one)"
	fi
	KIND= SOURCE= BASE= DEB_PACKAGE= BOOT= DESC=
	# shellcheck disable=SC1090
	. "$VFILE"
	case $KIND in
	host) ;;
	deb) [ -n "$DEB_PACKAGE" ] || die "$VFILE: KIND=deb needs DEB_PACKAGE";;
	source)
		[ -n "$SOURCE" ] || die "$VFILE: KIND=source needs SOURCE (e.g. 6.1)"
		[ -n "$BASE" ] || die "$VFILE: KIND=source needs BASE (a kernel/configs/*.config)"
		[ -f "$KDIR/configs/$BASE.config" ] || die "$VFILE: no kernel/configs/$BASE.config";;
	*) die "$VFILE: KIND must be host, deb or source, not '$KIND'";;
	esac
}

# The variant's own kconfig lines: CONFIG_X=v and "# CONFIG_X is not set".
variant_config() {
	grep -E '^(CONFIG_[A-Za-z0-9_]+=|# CONFIG_[A-Za-z0-9_]+ is not set)' "$VFILE" || true
}

# The tarball Debian's linux-source-$SOURCE package installs.
source_tarball() {
	t=/usr/src/linux-source-$SOURCE.tar.xz
	[ -f "$t" ] || die "$t not found; install it with: apt-get install linux-source-$SOURCE (or make deps)"
	echo "$t"
}
