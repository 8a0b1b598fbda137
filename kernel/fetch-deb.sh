#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Fetch the Debian kernel package of a KIND=deb variant with apt-get
# download and unpack it with dpkg -x into kernel/cache/ (never installed).
# Prints the unpacked directory; its boot/vmlinuz-* is the kernel and its
# lib/modules/* the modules.
#
# usage: kernel/fetch-deb.sh VARIANT
set -eu
. "$(dirname "$0")/lib.sh"

[ $# -eq 1 ] || { echo "usage: $0 VARIANT" >&2; exit 2; }
load_variant "$1"
[ "$KIND" = deb ] || die "variant $VARIANT is KIND=$KIND, not a Debian package"
command -v apt-get >/dev/null && command -v dpkg >/dev/null ||
	die "KIND=deb variants need apt-get and dpkg (a Debian or Ubuntu host)"

# A metapackage (linux-image-cloud-amd64) names the real image package.
resolve() {
	apt-cache depends "$1" 2>/dev/null | awk '$1 == "Depends:" && $2 ~ /^linux-image-/ { print $2; exit }'
}
pkg=$DEB_PACKAGE
real=$(resolve "$pkg" || true)
if [ -z "$real" ] && ! apt-cache show "$pkg" >/dev/null 2>&1; then
	note "$pkg unknown to apt; running apt-get update"
	apt-get update -qq || die "apt-get update failed; run it yourself (as root) and retry"
	real=$(resolve "$pkg" || true)
fi
[ -n "$real" ] && pkg=$real
ver=$(apt-cache policy "$pkg" | awk '$1 == "Candidate:" { print $2 }')
[ -n "$ver" ] && [ "$ver" != "(none)" ] ||
	die "apt knows no candidate version of $pkg; check DEB_PACKAGE in $VFILE and your apt sources"

dest=$KCACHE_DIR/deb/${pkg}_$ver
if [ -f "$dest/.unpacked" ]; then
	echo "$dest"
	exit 0
fi
mkdir -p "$KCACHE_DIR/deb"
deb=$(ls "$KCACHE_DIR/deb/${pkg}_$(echo "$ver" | sed 's/:/%3a/')_"*.deb 2>/dev/null | head -1 || true)
if [ -z "$deb" ]; then
	note "downloading $pkg $ver"
	# As root, apt's _apt sandbox user cannot write here: download as
	# root outright rather than have apt warn about it.
	sandbox=
	[ "$(id -u)" = 0 ] && sandbox="-o APT::Sandbox::User=root"
	# shellcheck disable=SC2086
	(cd "$KCACHE_DIR/deb" && apt-get download -q $sandbox "$pkg=$ver") >&2 ||
		die "apt-get download $pkg=$ver failed (network? apt sources?)"
	deb=$(ls "$KCACHE_DIR/deb/${pkg}_"*.deb | head -1)
fi
rm -rf "$dest.tmp"
dpkg -x "$deb" "$dest.tmp" || die "dpkg -x $deb failed"
ls "$dest.tmp"/boot/vmlinuz-* >/dev/null 2>&1 || die "$deb holds no boot/vmlinuz-*"
touch "$dest.tmp/.unpacked"
rm -rf "$dest"
mv "$dest.tmp" "$dest"
note "unpacked $pkg $ver into $dest"
echo "$dest"
