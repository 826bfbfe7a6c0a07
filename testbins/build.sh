#!/usr/bin/env bash
# build.sh - build the xrun FreeBSD test programs.
#
#   bash testbins/build.sh            build everything into testbins/bin/
#   bash testbins/build.sh hello tls  build only the named programs
#
# Every testbins/src/<name>.c becomes testbins/bin/<name>: a static,
# freestanding FreeBSD/amd64 ELF (OS/ABI FreeBSD, .note.tag ABI note)
# built with clang for x86_64-unknown-freebsd14.0 and linked by lld;
# except the dynamic-linking pair ld_elf (an interpreter) and dynhello (a
# PIE naming /libexec/ld-elf.so.1), marked "xrun-build:" in their sources.
# Sources containing the marker "xrun-linux: yes" are also built natively
# for Linux with gcc into testbins/bin/linux/<name> (a sanity check of the
# test logic; bench_getpid needs it for the overhead comparison).
# The binaries are committed, so a machine with only a JDK and Maven can
# run the tests; rebuilding is deterministic and idempotent.
#
# Go programs (testbins/go/<name>/main.go -> bin/go-<name>, bin/linux/go-<name>)
# are built by build-go.sh, which this script runs after the C programs (all
# of them when no names are given; "go-<name>" arguments select some). When
# `go` is not installed build-go.sh says so and the committed binaries stay.
set -euo pipefail

# split the arguments: go-<name> goes to build-go.sh, the rest are C programs
c_args=()
go_args=()
for a in "$@"; do
	case "$a" in
	go-*) go_args+=("$a") ;;
	*) c_args+=("$a") ;;
	esac
done
if [ $# -gt 0 ] && [ ${#c_args[@]} -eq 0 ]; then
	exec bash "$(dirname "${BASH_SOURCE[0]}")/build-go.sh" "${go_args[@]}"
fi
set -- ${c_args[@]+"${c_args[@]}"}

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
rt="$here/rt"
src="$here/src"
out="$here/bin"
lout="$out/linux"
mkdir -p "$out" "$lout"

CLANG=${CLANG:-clang}
GCC=${GCC:-gcc}
command -v "$CLANG" >/dev/null || { echo "build.sh: $CLANG not found" >&2; exit 1; }
command -v ld.lld >/dev/null || { echo "build.sh: ld.lld not found" >&2; exit 1; }

common=(-O1 -g0 -ffreestanding -fno-builtin -fno-stack-protector -fno-pic
        -fno-asynchronous-unwind-tables -fno-unwind-tables -fno-jump-tables
        -Wall -Wextra -Werror -Wno-unused-parameter -I"$rt")
fbsd=("$CLANG" --target=x86_64-unknown-freebsd14.0 "${common[@]}"
      -nostdlib -static -fuse-ld=lld -Wl,--build-id=none -Wl,-z,noexecstack)
# The dynamic-linking pair (testbins/README.md, "Dynamic programs"), marked in
# their sources: "xrun-build: interpreter" is a position-independent ET_DYN
# with no relocations of its own, entered at _rtld_start (ld_elf, the
# stand-in for /libexec/ld-elf.so.1); "xrun-build: dynamic" is a PIE linked
# from start.S and the program only, whose PT_INTERP is the one clang's
# FreeBSD driver names for every dynamic link, /libexec/ld-elf.so.1.
pic=(-O1 -g0 -ffreestanding -fno-builtin -fno-stack-protector
     -fno-asynchronous-unwind-tables -fno-unwind-tables -fno-jump-tables
     -Wall -Wextra -Werror -Wno-unused-parameter -I"$rt")
fbsd_interp=("$CLANG" --target=x86_64-unknown-freebsd14.0 "${pic[@]}" -fPIC -fvisibility=hidden
      -nostdlib -shared -fuse-ld=lld -Wl,-Bsymbolic -Wl,-e,_rtld_start -Wl,-z,text
      -Wl,--build-id=none -Wl,-z,noexecstack)
fbsd_dyn=("$CLANG" --target=x86_64-unknown-freebsd14.0 "${pic[@]}" -fPIE
      -nostdlib -pie -fuse-ld=lld -Wl,-z,text -Wl,--build-id=none -Wl,-z,noexecstack)
linux=("$GCC" "${common[@]}" -O2 -DXRUN_TARGET_LINUX -nostdlib -static -no-pie
       -Wl,--build-id=none -Wl,-z,noexecstack)

if [ $# -gt 0 ]; then
	names=("$@")
else
	names=()
	for f in "$src"/*.c; do
		names+=("$(basename "$f" .c)")
	done
fi

built=0
for name in "${names[@]}"; do
	f="$src/$name.c"
	[ -f "$f" ] || { echo "build.sh: no such program: $f" >&2; exit 1; }
	kind=static
	grep -q 'xrun-build: interpreter' "$f" && kind=interpreter
	grep -q 'xrun-build: dynamic' "$f" && kind=dynamic
	case $kind in
	static) "${fbsd[@]}" -o "$out/$name" "$rt/start.S" "$rt/rt.c" "$f" ;;
	interpreter) "${fbsd_interp[@]}" -o "$out/$name" "$rt/abinote.S" "$f" ;;
	dynamic) "${fbsd_dyn[@]}" -o "$out/$name" "$rt/start.S" "$f" ;;
	esac
	# sanity: must be a FreeBSD-branded executable with the ABI note
	if ! readelf -h "$out/$name" | grep -q 'OS/ABI:.*FreeBSD'; then
		echo "build.sh: $out/$name is not branded FreeBSD" >&2; exit 1
	fi
	if ! readelf -n "$out/$name" | grep -q 'FreeBSD'; then
		echo "build.sh: $out/$name lacks the .note.tag ABI note" >&2; exit 1
	fi
	interp=$(readelf -l "$out/$name" | sed -n 's/.*Requesting program interpreter: \(.*\)]$/\1/p')
	case $kind in
	static|interpreter) [ -z "$interp" ] || { echo "build.sh: $out/$name has a PT_INTERP" >&2; exit 1; } ;;
	dynamic) [ "$interp" = /libexec/ld-elf.so.1 ] ||
		{ echo "build.sh: $out/$name: PT_INTERP is '$interp', not /libexec/ld-elf.so.1" >&2; exit 1; } ;;
	esac
	if [ $kind = interpreter ] && ! readelf -r "$out/$name" | grep -q 'no relocations'; then
		echo "build.sh: $out/$name (an interpreter) has relocations of its own" >&2; exit 1
	fi
	if [ $kind = dynamic ] && ! readelf -r "$out/$name" | grep -q R_X86_64_RELATIVE; then
		echo "build.sh: $out/$name has no R_X86_64_RELATIVE relocation" >&2; exit 1
	fi
	echo "built bin/$name"
	built=$((built + 1))
	if grep -q 'xrun-linux: yes' "$f"; then
		command -v "$GCC" >/dev/null || { echo "build.sh: $GCC not found" >&2; exit 1; }
		"${linux[@]}" -o "$lout/$name" "$rt/start.S" "$rt/rt.c" "$rt/linux_errno.c" "$f"
		echo "built bin/linux/$name"
	fi
done
echo "build.sh: $built FreeBSD program(s) built in $out"

# Go programs: all of them on a full build, the named ones otherwise
if [ ${#c_args[@]} -eq 0 ]; then
	bash "$here/build-go.sh"
elif [ ${#go_args[@]} -gt 0 ]; then
	bash "$here/build-go.sh" "${go_args[@]}"
fi
