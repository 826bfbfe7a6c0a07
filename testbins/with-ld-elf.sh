#!/usr/bin/env bash
# with-ld-elf.sh - run a command in a private root where /libexec/ld-elf.so.1
# is testbins/bin/ld_elf, the project's tiny FreeBSD ELF interpreter, so that
# a dynamic FreeBSD testbin (dynhello: PT_INTERP /libexec/ld-elf.so.1) can be
# exec'ed on a Linux host that has no /libexec.
#
#   bash testbins/with-ld-elf.sh COMMAND [ARGS...]
#
# The root is a tmpfs (mounted, in the namespace only, on an empty directory
# made in $TMPDIR and removed afterwards) holding every top-level entry of
# the host's / (the directories bind-mounted recursively, so paths, the JDK and the current
# directory stay valid) plus libexec/ld-elf.so.1 bound to bin/ld_elf; COMMAND
# runs chrooted into it, in the same directory, inside an unprivileged user
# and mount namespace (unshare -rm: the caller's uid is root there, and
# nothing outside changes). It stands in for the image root that xrun's
# containers provide (docs: "dynamic FreeBSD programs run inside their image
# root").
#
# Exits 77 (automake's "skipped") with a message on stderr when unprivileged
# user namespaces are not available; otherwise with COMMAND's status.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
interp="$here/bin/ld_elf"
[ $# -gt 0 ] || { echo "usage: with-ld-elf.sh COMMAND [ARGS...]" >&2; exit 2; }
[ -f "$interp" ] || { echo "with-ld-elf.sh: no $interp (run testbins/build.sh ld_elf)" >&2; exit 2; }
if ! unshare -rm true 2>/dev/null; then
	echo "with-ld-elf.sh: skipped: unprivileged user namespaces are not available (unshare -rm failed)" >&2
	exit 77
fi

root=$(mktemp -d "${TMPDIR:-/tmp}/xrun-ld-elf-root.XXXXXX")
trap 'rmdir "$root"' EXIT

# Inside the namespaces: build the root, then chroot into it and run COMMAND.
# shellcheck disable=SC2016
unshare -rm --propagation private bash -c '
	set -eu
	root=$1 interp=$2 cwd=$3
	shift 3
	mount -t tmpfs -o mode=755 xrun-root "$root"
	for e in /* /.[!.]*; do
		[ -e "$e" ] || [ -L "$e" ] || continue
		t="$root$e"
		if [ -L "$e" ]; then
			cp -P "$e" "$t"
		elif [ -d "$e" ]; then
			mkdir "$t" && mount --rbind "$e" "$t"
		else
			: > "$t" && mount --bind "$e" "$t"
		fi
	done
	mkdir -p "$root/libexec"
	: > "$root/libexec/ld-elf.so.1"
	mount --bind "$interp" "$root/libexec/ld-elf.so.1"
	exec chroot "$root" /bin/sh -c "cd \"\$0\" && exec \"\$@\"" "$cwd" "$@"
' with-ld-elf "$root" "$interp" "$PWD" "$@"
