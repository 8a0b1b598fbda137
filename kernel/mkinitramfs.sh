#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Build the guest initramfs: busybox-static, kernel/guest-init as /init,
# a program (faultstorm by default) with the shared libraries ldd finds,
# and the suites (bench/suites, kernel/suites).  No kernel modules: everything the guest needs is
# built in, in Debian's kernels too (serial ports, tmpfs, tracefs).
#
# usage: kernel/mkinitramfs.sh OUT.cpio.gz JOBDIR
#   JOBDIR holds env and args (see guest-init); it is copied to /job.
# env: GUEST_PROG (default bench/faultstorm), GUEST_BUSYBOX
set -eu
. "$(dirname "$0")/lib.sh"

[ $# -eq 2 ] || { echo "usage: $0 OUT.cpio.gz JOBDIR" >&2; exit 2; }
out=$1 jobdir=$2
prog=${GUEST_PROG:-$TOP/bench/faultstorm}
busybox=${GUEST_BUSYBOX:-/bin/busybox}

[ -x "$busybox" ] || die "$busybox not found; install busybox-static (apt-get install busybox-static)"
if ldd "$busybox" >/dev/null 2>&1; then
	die "$busybox is dynamically linked; the guest needs busybox-static (apt-get install busybox-static)"
fi
[ -x "$prog" ] || die "$prog not found; build it first (make)"
command -v cpio >/dev/null || die "cpio not found; apt-get install cpio"

stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
mkdir -p "$stage"/bin "$stage"/dev "$stage"/proc "$stage"/sys "$stage"/tmp \
	"$stage"/root "$stage"/etc "$stage"/faultstorm/bench "$stage"/results
cp "$busybox" "$stage/bin/busybox"
cp "$KDIR/guest-init" "$stage/init"
chmod 755 "$stage/init"
cp -r "$jobdir" "$stage/job"
echo "root:x:0:0:root:/root:/bin/sh" >"$stage/etc/passwd"
echo "root:x:0:" >"$stage/etc/group"

# The program as /faultstorm/bench/faultstorm, its libraries and loader at
# the same paths as here.
cp "$prog" "$stage/faultstorm/bench/faultstorm"
[ -d "$TOP/bench/suites" ] && cp -r "$TOP/bench/suites" "$stage/faultstorm/bench/"
mkdir -p "$stage/faultstorm/kernel"
cp -r "$KDIR/suites" "$stage/faultstorm/kernel/"
ldd "$prog" | awk '/=> \// { print $3 } /^\t\/[^ ]+ \(/ { print $1 }' | while read -r lib; do
	mkdir -p "$stage$(dirname "$lib")"
	cp -L "$lib" "$stage$lib"
done

(cd "$stage" && find . | cpio -o -H newc --quiet | gzip -1) >"$out.tmp"
mv "$out.tmp" "$out"
