#!/usr/bin/env bash
# startup.sh - start-up time of `xrun IMAGE true`-style runs, both personalities, cold and warm
# image cache, beside unshare(1)-based and direct execution of the same thing.
#
#   bash benchmarks/startup.sh [RUNS]      (default 10 runs per row; prints a Markdown table)
#
# Images are built from the repository: a FreeBSD root filesystem tarball (.txz, as FreeBSD
# ships base.txz) holding testbins/bin/hello, and a Linux root filesystem tarball (.tar.gz) of
# Debian's busybox-static. "cold" empties xrun's image cache before each run (the tarball is
# hashed and extracted); "warm" reuses it. The JVM's class-data-sharing archive is warm in
# both (it is made once per jar; see the xrun script). Times are wall-clock medians (and
# minimums) in milliseconds, taken with date +%s%N around each run.
set -euo pipefail
runs=${1:-10}
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
xrun="$repo/xrun"
busybox=$(command -v busybox || true)
[ -n "$busybox" ] || { echo "startup.sh: needs busybox-static (apt-get install busybox-static)" >&2; exit 1; }
work=$(mktemp -d /tmp/xrun-startup.XXXXXX)
trap 'rm -rf "$work"' EXIT
export XRUN_CACHE="$work/cache"

mkdir -p "$work/fb/bin" "$work/fb/etc" "$work/fb/tmp" "$work/bb/bin"
cp "$repo/testbins/bin/hello" "$work/fb/bin/hello"
tar -C "$work/fb" -cJf "$work/freebsd-base.txz" .
cp "$busybox" "$work/bb/bin/busybox"
for a in sh true; do ln -s busybox "$work/bb/bin/$a"; done
tar -C "$work/bb" -czf "$work/busybox-rootfs.tar.gz" .

"$xrun" "$repo/testbins/bin/hello" >/dev/null  # builds the jar and the CDS archive once

# time_ms CMD...: one run's wall time in ms (output discarded)
time_ms() {
	local t0 t1
	t0=$(date +%s%N)
	"$@" >/dev/null 2>&1 || { echo "startup.sh: failed: $*" >&2; exit 1; }
	t1=$(date +%s%N)
	echo $(((t1 - t0) / 1000000))
}

# row LABEL PREP CMD...: median and minimum of $runs runs; PREP runs before each (untimed)
row() {
	local label=$1 prep=$2
	shift 2
	local ts=()
	for ((i = 0; i < runs; i++)); do
		eval "$prep"
		ts+=("$(time_ms "$@")")
	done
	local sorted
	sorted=$(printf '%s\n' "${ts[@]}" | sort -n)
	printf '| %s | %s | %s |\n' "$label" "$(echo "$sorted" | sed -n "$(((runs + 1) / 2))p")" "$(echo "$sorted" | head -1)"
}

cold='rm -rf "$XRUN_CACHE/images"'
echo "| run ($runs runs each) | median ms | min ms |"
echo "|---|---|---|"
row "Linux: direct, \`busybox true\`" : "$work/bb/bin/busybox" true
row "Linux: \`unshare -Urmpfiu --mount-proc\` + chroot, \`true\`" : \
	unshare -Urmpfiu --mount-proc chroot "$work/bb" /bin/true
row "Linux: \`xrun busybox-rootfs.tar.gz true\`, cold cache" "$cold" "$xrun" "$work/busybox-rootfs.tar.gz" true
row "Linux: \`xrun busybox-rootfs.tar.gz true\`, warm cache" : "$xrun" "$work/busybox-rootfs.tar.gz" true
row "Linux: \`xrun busybox-rootfs/ true\` (a directory: nothing to extract)" : "$xrun" "$work/bb" true
row "FreeBSD: \`xrun hello\`, a single ELF (no container)" : "$xrun" "$work/fb/bin/hello"
row "FreeBSD: \`xrun freebsd-base.txz /bin/hello\`, cold cache" "$cold" "$xrun" "$work/freebsd-base.txz" /bin/hello
row "FreeBSD: \`xrun freebsd-base.txz /bin/hello\`, warm cache" : "$xrun" "$work/freebsd-base.txz" /bin/hello
