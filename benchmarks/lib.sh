# lib.sh - sourced by the benchmark scripts: the repository root ($here), the xrun command
# ($xrun: XRUN in the environment replaces ./xrun, e.g. XRUN="taskset -c 0 ./xrun"), the
# committed binaries of a test program, and the machine line every table ends with.
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
xrun="${XRUN:-$here/xrun}"

# use_bins PROGRAM: sets native_bin (its Linux build, testbins/bin/linux/PROGRAM) and fbsd_bin
# (its FreeBSD build, testbins/bin/PROGRAM); both must exist (testbins/build.sh PROGRAM).
use_bins() {
	native_bin="$here/testbins/bin/linux/$1"
	fbsd_bin="$here/testbins/bin/$1"
	local b
	for b in "$native_bin" "$fbsd_bin"; do
		[ -x "$b" ] || { echo "$(basename "$0"): missing $b (bash testbins/build.sh $1)" >&2; exit 1; }
	done
}

machine_line() {
	echo "machine: $(nproc) CPUs, $(uname -sr), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), load average $(cut -d' ' -f1-3 /proc/loadavg)"
}
