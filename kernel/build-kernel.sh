#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Build the bzImage of a KIND=source variant: unpack Debian's
# linux-source-$SOURCE, apply kernel/patches/$SOURCE, configure tinyconfig +
# kernel/configs/$BASE.config + the variant's CONFIG_ lines, make bzImage.
# A build is kept in kernel/build/$SOURCE-<hash of its inputs>/ and reused
# while the inputs are unchanged.  Prints the build directory on stdout.
#
# usage: kernel/build-kernel.sh VARIANT
set -eu
. "$(dirname "$0")/lib.sh"

[ $# -eq 1 ] || { echo "usage: $0 VARIANT" >&2; exit 2; }
load_variant "$1"
[ "$KIND" = source ] || die "variant $VARIANT is KIND=$KIND; only KIND=source variants are built"

# Bump when a change here changes the image, so old builds are not reused.
RECIPE=1
TARBALL=$(source_tarball)
PATCHDIR=$KDIR/patches/$SOURCE
JOBS=${JOBS:-$(nproc)}
mkdir -p "$KBUILD_DIR"

# Everything the image depends on, hashed into the build directory's name.
fragment=$(mktemp)
trap 'rm -f "$fragment"' EXIT
{ cat "$KDIR/configs/$BASE.config"; variant_config; } >"$fragment"
srcver=$(dpkg-query -W -f='${Version}' "linux-source-$SOURCE" 2>/dev/null || stat -c '%s %Y' "$TARBALL")
key=$( {
	echo "linux-source-$SOURCE $srcver"
	cat "$fragment"
	cat "$PATCHDIR"/*.patch 2>/dev/null || true
	echo "recipe $RECIPE"
	${CC:-gcc} --version | head -1
} | sha256sum | cut -c1-12)
OUT=$KBUILD_DIR/$SOURCE-$key
SRC=$OUT/src

if [ -f "$OUT/bzImage" ] && [ -f "$OUT/release" ]; then
	note "$VARIANT: reusing $OUT (inputs unchanged)"
	echo "$OUT"
	exit 0
fi

start=$(date +%s)
rm -rf "$SRC"
mkdir -p "$SRC"
note "$VARIANT: unpacking $TARBALL into $SRC"
tar -xf "$TARBALL" -C "$SRC" --strip-components=1

for p in "$PATCHDIR"/*.patch; do
	[ -e "$p" ] || continue
	note "$VARIANT: applying $(basename "$p")"
	patch -d "$SRC" -p1 --forward --batch --fuzz=0 --quiet <"$p" ||
		die "patch $p does not apply to $TARBALL ($srcver); refresh kernel/patches/$SOURCE"
done

# ccache keys on relative paths, so a rebuild in a new tree still hits.
MAKE_CC=${CC:-gcc}
if command -v ccache >/dev/null 2>&1 && [ "${NO_CCACHE:-0}" != 1 ]; then
	MAKE_CC="ccache $MAKE_CC"
	export CCACHE_DIR=${CCACHE_DIR:-$KCACHE_DIR/ccache}
	export CCACHE_BASEDIR=$SRC CCACHE_NOHASHDIR=1 CCACHE_SLOPPINESS=time_macros
	mkdir -p "$CCACHE_DIR"
fi
# A fixed build identity keeps init/version.c, and the image, reproducible.
export KBUILD_BUILD_USER=faultstorm KBUILD_BUILD_HOST=kernel-build
export KBUILD_BUILD_TIMESTAMP="$srcver"
kmake() {
	make -C "$SRC" -j"$JOBS" CC="$MAKE_CC" HOSTCC=gcc "$@"
}

note "$VARIANT: configuring (tinyconfig + configs/$BASE.config + variant lines)"
kmake -s tinyconfig >/dev/null
"$SRC/scripts/kconfig/merge_config.sh" -m -O "$SRC" "$SRC/.config" "$fragment" >"$OUT/merge_config.log" 2>&1 ||
	die "merge_config failed; see $OUT/merge_config.log"
# Its "override: ... changes choice state" lines are the fragment working.
kmake -s olddefconfig >"$OUT/olddefconfig.log" 2>&1 ||
	die "make olddefconfig failed; see $OUT/olddefconfig.log"
# Every line we asked for must have survived olddefconfig; a dependency
# we forgot would otherwise silently drop it.
missing=
while IFS= read -r line; do
	case $line in
	CONFIG_*=*) grep -qxF "$line" "$SRC/.config" || missing="$missing $line";;
	"# CONFIG_"*" is not set")
		sym=${line#\# }; sym=${sym%% *}
		grep -q "^$sym=" "$SRC/.config" && missing="$missing $line";;
	esac
done <"$fragment"
[ -z "$missing" ] || die "these config lines did not survive olddefconfig (missing dependency?):$missing"

note "$VARIANT: building bzImage with -j$JOBS (CC=$MAKE_CC)"
kmake bzImage >"$OUT/build.log" 2>&1 || {
	tail -30 "$OUT/build.log" >&2
	die "kernel build failed; full log in $OUT/build.log"
}
cp "$SRC/arch/x86/boot/bzImage" "$OUT/bzImage.tmp"
cp "$SRC/.config" "$OUT/config"
kmake -s kernelrelease >"$OUT/release"
mv "$OUT/bzImage.tmp" "$OUT/bzImage"
end=$(date +%s)
echo "$((end - start))" >"$OUT/build-seconds"
note "$VARIANT: built $(cat "$OUT/release") in $((end - start)) s: $OUT/bzImage"
echo "$OUT"
