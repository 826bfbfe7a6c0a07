#!/usr/bin/env bash
# check.sh - run the FreeBSD test programs under a runner and compare them
# with the golden files.
#
#   bash testbins/check.sh                    # runner: ./xrun --personality freebsd
#   bash testbins/check.sh hello tls          # only these programs
#   RUNNER="/path/to/runner args" bash testbins/check.sh
#   LINUX=1 bash testbins/check.sh            # run bin/linux/<name> natively
#                                             # (only those that exist; a sanity
#                                             # check of the test logic, some
#                                             # lines differ by design)
#
# For each expected/<name>.out it runs bin/<name> with the arguments in
# expected/<name>.args (if any), from the repository root, with stdin
# from /dev/null, and compares stdout with expected/<name>.out and the
# exit status with expected/<name>.status ("0", "42", or "signal SIGSEGV";
# a runner exit code above 128 is read as death by signal code-128). A
# program with expected/<name>.interp (a dynamic one, whose PT_INTERP that
# file names) runs under with-ld-elf.sh, so /libexec/ld-elf.so.1 is bin/ld_elf.
# Prints one line per program and a final count; exits 1 if any differ.
set -uo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/.." && pwd)
runner=${RUNNER:-"$root/xrun --personality freebsd"}
bindir="$here/bin"
[ "${LINUX:-0}" = 1 ] && { runner=""; bindir="$here/bin/linux"; }

if [ $# -gt 0 ]; then
	names=("$@")
else
	names=()
	for f in "$here"/expected/*.out; do
		names+=("$(basename "$f" .out)")
	done
fi

# FreeBSD signal numbers (runtime/defs_freebsd_amd64.go): xrun exits with
# 128 + the FreeBSD number of the signal that killed the guest.
fbsd_sig=([1]=SIGHUP [2]=SIGINT [3]=SIGQUIT [4]=SIGILL [5]=SIGTRAP [6]=SIGABRT
	[7]=SIGEMT [8]=SIGFPE [9]=SIGKILL [10]=SIGBUS [11]=SIGSEGV [12]=SIGSYS
	[13]=SIGPIPE [14]=SIGALRM [15]=SIGTERM [16]=SIGURG [17]=SIGSTOP
	[18]=SIGTSTP [19]=SIGCONT [20]=SIGCHLD [21]=SIGTTIN [22]=SIGTTOU [23]=SIGIO
	[24]=SIGXCPU [25]=SIGXFSZ [26]=SIGVTALRM [27]=SIGPROF [28]=SIGWINCH
	[29]=SIGINFO [30]=SIGUSR1 [31]=SIGUSR2)

pass=0
fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for name in "${names[@]}"; do
	bin="$bindir/$name"
	[ -x "$bin" ] || { echo "skip  $name (no $bin)"; continue; }
	args=()
	[ -f "$here/expected/$name.args" ] && read -r -a args < "$here/expected/$name.args"
	# A dynamic program (expected/<name>.interp names its PT_INTERP) runs where
	# that path is testbins' interpreter: with-ld-elf.sh's private root.
	wrap=()
	[ -f "$here/expected/$name.interp" ] && wrap=(bash "$here/with-ld-elf.sh")
	(cd "$root" && timeout 120 ${wrap[@]+"${wrap[@]}"} $runner "$bin" "${args[@]}" < /dev/null > "$tmp/out" 2> "$tmp/err")
	rc=$?
	if [ ${#wrap[@]} -gt 0 ] && [ $rc -eq 77 ] && grep -q '^with-ld-elf.sh: skipped' "$tmp/err"; then
		echo "skip  $name ($(sed -n 's/^with-ld-elf.sh: skipped: //p' "$tmp/err"))"
		continue
	fi
	if [ $rc -gt 128 ] && [ $rc -lt 160 ] && [ -z "$runner" ]; then
		status="signal SIG$(kill -l $((rc - 128)))"      # Linux numbering
	elif [ $rc -gt 128 ] && [ $rc -lt 160 ]; then
		status="signal ${fbsd_sig[$((rc - 128))]:-$((rc - 128))}"
	else
		status=$rc
	fi
	want=$(cat "$here/expected/$name.status" 2>/dev/null || echo 0)
	if diff -u "$here/expected/$name.out" "$tmp/out" > "$tmp/diff" && [ "$status" = "$want" ]; then
		echo "ok    $name"
		pass=$((pass + 1))
	else
		echo "FAIL  $name (status: got '$status', want '$want')"
		sed 's/^/      /' "$tmp/diff" | head -60
		[ -s "$tmp/err" ] && sed 's/^/      stderr: /' "$tmp/err" | head -10
		fail=$((fail + 1))
	fi
done
echo "testbins: $pass ok, $fail differing"
[ $fail -eq 0 ]
