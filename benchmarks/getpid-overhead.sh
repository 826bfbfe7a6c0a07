#!/usr/bin/env bash
# End-to-end cost of one syscall: a tight getpid loop built from one C source
# (testbins/src/bench_getpid.c) for Linux and for FreeBSD, run natively, under
# strace -f -o /dev/null (the cheapest existing ptrace tool), and under xrun.
#
#   bash benchmarks/getpid-overhead.sh [ITERATIONS]
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
n="${1:-200000}"
use_bins bench_getpid
ns() { sed -n 's/.*ns_per_call=\([0-9.]*\).*/\1/p'; }

native=$("$native_bin" "$n" | ns)
echo "native linux        : $native ns/call"
if command -v strace >/dev/null; then
  st=$(strace -f -o /dev/null "$native_bin" "$n" | ns)
  echo "strace -f (ptrace)  : $st ns/call"
fi
xr=$($xrun "$fbsd_bin" "$n" | ns)
echo "xrun (FreeBSD build): $xr ns/call"
awk -v a="$xr" -v b="$native" 'BEGIN { printf "xrun / native       : %.0fx\n", a / b }'
[ -n "${st:-}" ] && awk -v a="$xr" -v b="$st" 'BEGIN { printf "xrun / strace       : %.2fx\n", a / b }'
machine_line
