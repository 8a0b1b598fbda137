#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Check that kernel/patches/SOURCE applies, in order, to Debian's
# linux-source-SOURCE.  Only the files the patches touch are unpacked, so
# this takes seconds; make kernel builds the whole tree.  No fuzz: a patch
# whose context moved must be refreshed, not guessed into place.
#
# usage: kernel/check-patches.sh [SOURCE]   (default 6.1)
set -eu
. "$(dirname "$0")/lib.sh"

SOURCE=${1:-6.1}
TARBALL=$(source_tarball)
PATCHDIR=${PATCHDIR:-$KDIR/patches/$SOURCE}
ls "$PATCHDIR"/*.patch >/dev/null 2>&1 || die "no patches in $PATCHDIR"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
top=$(tar -tf "$TARBALL" | head -1 | cut -d/ -f1)
files=$(sed -n 's|^+++ b/||p' "$PATCHDIR"/*.patch | sort -u)
# shellcheck disable=SC2086
(cd "$tmp" && tar -xf "$TARBALL" $(for f in $files; do echo "$top/$f"; done)) ||
	die "a file the patches touch is missing from $TARBALL"
n=0
for p in "$PATCHDIR"/*.patch; do
	grep -q '^Signed-off-by: ' "$p" || die "$(basename "$p") has no Signed-off-by"
	out=$(patch -d "$tmp/$top" -p1 --forward --batch --fuzz=0 <"$p" 2>&1) ||
		die "$(basename "$p") does not apply to $TARBALL:
$out"
	case $out in
	*offset*) note "$(basename "$p") applies at an offset (refresh it soon):
$out";;
	esac
	n=$((n + 1))
done
echo "ok: $n patches in kernel/patches/$SOURCE apply to $(basename "$TARBALL")"
