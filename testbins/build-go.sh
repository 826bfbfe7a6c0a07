#!/usr/bin/env bash
# build-go.sh - build the Go test programs (testbins/go/<name>/main.go).
#
#   bash testbins/build-go.sh                 build every Go program
#   bash testbins/build-go.sh goroutines      build some (names with or without "go-")
#
# Each testbins/go/<name>/main.go (standard library only, no go.mod) becomes
#   testbins/bin/go-<name>        static FreeBSD/amd64 (GOOS=freebsd CGO_ENABLED=0)
#   testbins/bin/linux/go-<name>  static native Linux/amd64, the oracle: it must
#                                 print exactly expected/go-<name>.out too
# Builds are deterministic (-trimpath, -buildid=, stripped, GOAMD64=v1), so
# rebuilding unchanged sources with the same Go release gives identical files;
# the binaries are committed. When `go` is missing the script says so and
# exits 0 (the committed binaries are used). GO=/path/to/go picks a toolchain.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
src="$here/go"
out="$here/bin"
lout="$out/linux"
GO=${GO:-go}

if ! command -v "$GO" >/dev/null 2>&1; then
	echo "build-go.sh: '$GO' not found; skipping the Go test programs (committed binaries in bin/ are used)"
	exit 0
fi
mkdir -p "$out" "$lout"

if [ $# -gt 0 ]; then
	names=()
	for n in "$@"; do names+=("${n#go-}"); done
else
	names=()
	for d in "$src"/*/; do
		[ -f "$d/main.go" ] && names+=("$(basename "$d")")
	done
fi

# Deterministic, hermetic settings: no cgo, no network, no inherited flags.
export CGO_ENABLED=0 GOAMD64=v1 GOFLAGS=-trimpath GOPROXY=off GOTOOLCHAIN=local GOWORK=off
export GOCACHE=${GOCACHE:-${TMPDIR:-/tmp}/xrun-go-build-cache}
ldflags='-s -w -buildid='

built=0
for name in "${names[@]}"; do
	d="$src/$name"
	[ -f "$d/main.go" ] || { echo "build-go.sh: no such program: $d/main.go" >&2; exit 1; }
	# a file-list build needs no go.mod ("command-line-arguments")
	(cd "$d" && GOOS=freebsd GOARCH=amd64 "$GO" build -ldflags="$ldflags" -o "$out/go-$name" main.go)
	if ! readelf -h "$out/go-$name" | grep -q 'OS/ABI:.*FreeBSD'; then
		echo "build-go.sh: $out/go-$name is not branded FreeBSD" >&2; exit 1
	fi
	if readelf -l "$out/go-$name" | grep -q INTERP; then
		echo "build-go.sh: $out/go-$name is not static" >&2; exit 1
	fi
	echo "built bin/go-$name"
	(cd "$d" && GOOS=linux GOARCH=amd64 "$GO" build -ldflags="$ldflags" -o "$lout/go-$name" main.go)
	echo "built bin/linux/go-$name"
	built=$((built + 1))
done
echo "build-go.sh: $built Go program(s) built with $("$GO" version)"
