#!/usr/bin/env bash
# A real workload: testbins/go/filetree (committed builds: this script builds nothing)
# creates a tree of small files in a temporary directory, walks it and reads every file
# (filepath.WalkDir + os.ReadFile), runs a loopback TCP echo and removes the tree. The
# Linux build runs natively, the FreeBSD build under ./xrun, with the same arguments;
# prints a Markdown table of each phase's time and the ratio xrun / native.
#
#   bash benchmarks/workload.sh [FILES [ROUNDS]]      defaults: 10000 files, 5000 round trips
#
# XRUN (environment) replaces ./xrun, e.g. XRUN="taskset -c 0 ./xrun".
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
files="${1:-10000}"
rounds="${2:-5000}"
use_bins go-filetree

native=$("$native_bin" -files "$files" -rounds "$rounds")
xr=$($xrun "$fbsd_bin" -files "$files" -rounds "$rounds")
field() { sed -n "s/.* $2=\([0-9]*\).*/\1/p" <<<"$1"; }
ms() { awk -v a="$1" 'BEGIN { printf "%.0f\n", a / 1e6 }'; }

echo "go-filetree -files $files -rounds $rounds ($(field "$native" bytes) bytes in $files files)"
echo
echo "| phase | native ms | xrun ms | xrun/native |"
echo "|---|---|---|---|"
for p in create walk echo remove total; do
	a=$(field "$native" "${p}_ns")
	b=$(field "$xr" "${p}_ns")
	[ -n "$a" ] && [ -n "$b" ] || { echo "workload.sh: no ${p}_ns in: native '$native' xrun '$xr'" >&2; exit 1; }
	label=$p
	case $p in
	create) label="create ($files files)" ;;
	walk) label="walk + read" ;;
	echo) label="TCP echo ($rounds round trips)" ;;
	total) label="**total**" ;;
	esac
	echo "| $label | $(ms "$a") | $(ms "$b") | $(awk -v a="$b" -v b="$a" 'BEGIN { printf "%.1f", a / b }')x |"
done
echo
machine_line
