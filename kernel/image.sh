#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Make a variant's kernel image available and print its path: fetch and
# unpack a KIND=deb package, build a KIND=source tree (reusing an
# unchanged build).  KIND=host prints nothing: it runs on this kernel.
#
# usage: kernel/image.sh VARIANT
set -eu
. "$(dirname "$0")/lib.sh"

[ $# -eq 1 ] || { echo "usage: $0 VARIANT" >&2; exit 2; }
load_variant "$1"
case $KIND in
host) note "$VARIANT: the running kernel $(uname -r); nothing to build";;
deb)
	dir=$("$KDIR/fetch-deb.sh" "$VARIANT")
	ls "$dir"/boot/vmlinuz-* | head -1;;
source)
	dir=$("$KDIR/build-kernel.sh" "$VARIANT")
	echo "$dir/bzImage";;
esac
