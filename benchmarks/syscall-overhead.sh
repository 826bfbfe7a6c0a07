#!/usr/bin/env bash
# End-to-end cost of common system calls, in one run: testbins/src/bench_syscalls.c,
# built from one source for Linux and for FreeBSD (committed binaries: this script builds
# nothing), run three ways:
#   native   the Linux build, natively                                  (NATIVE_N iterations)
#   strace   the Linux build under strace -f -o /dev/null, the cheapest
#            existing ptrace tool                                        (N iterations)
#   xrun     the FreeBSD build under ./xrun, once per --intercept mode   (N iterations)
#            (ptrace: two stops per call; seccomp: one; fastpath: none for plain calls)
# and printed as a Markdown table of ns per iteration and the ratios, with the machine.
#
#   bash benchmarks/syscall-overhead.sh [N [CASE]]
#
# N defaults to 20000; NATIVE_N (environment) to 10 * N, since native calls are ~100x
# cheaper and a short native loop is mostly noise. CASE runs one case only (getpid, write,
# clock_gettime, clock_vdso, open_close, fstat, pingpong). clock_vdso makes no system call:
# natively and under strace it is Linux's vDSO, under xrun the FreeBSD timekeeping page
# (AT_TIMEKEEP) read with FreeBSD libc's algorithm. XRUN (environment) replaces ./xrun, e.g.
# XRUN="taskset -c 0 ./xrun". MODES (environment) lists the --intercept modes to run, by
# default "ptrace seccomp fastpath".
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
n="${1:-20000}"
only="${2:-}"
native_n="${NATIVE_N:-$((n * 10))}"
use_bins bench_syscalls

# "case=NAME iterations=N ns_per_call=X" lines -> "NAME X"
parse() { sed -n 's/^case=\([a-z_]*\) iterations=[0-9]* ns_per_call=\([0-9.]*\)$/\1 \2/p'; }
modes=(${MODES:-ptrace seccomp fastpath})
declare -A native st xr
order=()
while read -r c v; do native[$c]=$v; order+=("$c"); done < <("$native_bin" "$native_n" $only | parse)
have_strace=0
if command -v strace >/dev/null; then
	have_strace=1
	while read -r c v; do st[$c]=$v; done < <(strace -f -o /dev/null "$native_bin" "$n" $only | parse)
fi
for m in "${modes[@]}"; do
	while read -r c v; do xr[$m.$c]=$v; done < <($xrun --intercept="$m" "$fbsd_bin" "$n" $only | parse)
done
[ ${#order[@]} -gt 0 ] || { echo "syscall-overhead.sh: no results (case '$only'?)" >&2; exit 1; }

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "" || b == "" || b == 0) print "-"; else printf "%.*f\n", (a / b >= 10 ? 0 : 2), a / b }'; }
fmt() { [ -n "$1" ] && awk -v a="$1" 'BEGIN { if (a >= 1000) printf "%.0f\n", a; else printf "%.1f\n", a }' || echo "-"; }

echo "native: $native_n iterations per case; strace -f and xrun: $n; ns per iteration"
echo "(open_close: an open+close pair; pingpong: one round trip between two threads over two pipes;"
echo " clock_vdso: no syscall: Linux's vDSO natively and under strace, the AT_TIMEKEEP page under xrun)"
echo
head="| case | native ns | strace -f ns |"
rule="|---|---|---|"
for m in "${modes[@]}"; do
	head+=" xrun $m ns | /native | /strace |"
	rule+="---|---|---|"
done
echo "$head"
echo "$rule"
for c in "${order[@]}"; do
	s="${st[$c]:-}"
	line="| $c | $(fmt "${native[$c]}") | $(fmt "$s") |"
	for m in "${modes[@]}"; do
		x="${xr[$m.$c]:-}"
		line+=" $(fmt "$x") | $(ratio "$x" "${native[$c]}")x | $(ratio "$x" "$s")x |"
	done
	echo "$line"
done
[ $have_strace = 1 ] || echo "(strace is not installed: no strace column)"
echo
machine_line
