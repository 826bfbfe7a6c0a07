#!/usr/bin/env bash
# go-stdlib.sh - the Go standard-library yardstick for xrun.
#
#   bash testbins/go-stdlib.sh                   all 18 packages, Linux and xrun
#   bash testbins/go-stdlib.sh strings net       some packages
#   bash testbins/go-stdlib.sh --ci              CI subset: strings strconv sort bytes
#                                                sync time encoding/json
#   bash testbins/go-stdlib.sh --linux-only ...  only the native baseline
#   bash testbins/go-stdlib.sh --xrun-only ...   only the xrun side (compares with
#                                                the Linux logs of an earlier run)
#   bash testbins/go-stdlib.sh --rebuild ...     recompile the cached test binaries
#
# For each package PKG it compiles (once; the binaries are cached)
#   GOOS=freebsd GOARCH=amd64 CGO_ENABLED=0 go test -c -o WORK/freebsd/PKG.test PKG
#   GOOS=linux   GOARCH=amd64 CGO_ENABLED=0 go test -c -o WORK/linux/PKG.test   PKG
# (PKG with "/" replaced by "_" in the file name), then runs the Linux binary
# natively and the FreeBSD binary under xrun, both with
#   -test.short -test.v
# under `timeout`, stdin /dev/null, from a fresh copy of the package's source
# directory GOROOT/src/PKG (tests read testdata/ and some write next to it;
# the copy sits in an overlay tree whose other entries are symlinks into
# GOROOT, so relative paths like ../testdata still resolve; the tests get
# GOROOT=<overlay root>, and the overlay supplies lib/time/zoneinfo.zip,
# made from the release's time/tzdata, when the installed GOROOT lacks it).
#
# Counting: every "--- PASS:", "--- FAIL:" and "--- SKIP:" line of the -test.v
# output, top-level tests AND subtests (a subtest is a name with "/"); the
# columns are pass/fail/skip.
#
# Verdict per package (xrun side):
#   ok             exit 0 and a final "PASS" line
#   ok (same failures as linux)
#                  exit 1, final "FAIL", and every failing test also fails natively
#   FAIL           exit 1 and final "FAIL" with a test that fails only under xrun,
#                  or any run with a test that fails under xrun and passes natively
#   TIMEOUT        killed by `timeout` (exit 124/137)
#   CRASH (N)      any other exit (xrun reports a guest killed by signal S as
#                  128+S, a Go panic/throw exits 2), or no final PASS/FAIL line
# Real failures (FAIL under xrun, PASS natively) and every package whose
# verdict is not ok go to FAILURES (default WORK/failures.txt); the script
# exits 1 if there is any.
#
# Environment:
#   WORK=/tmp/xrun-go-stdlib   cache of test binaries, logs, run trees
#   XRUN="<repo>/xrun run --"  the runner command (words split like check.sh's RUNNER);
#                              the "run --" matters: without it xrun's option parser
#                              takes the guest's -test.v etc. for its own options
#   TIMEOUT=300                per package and side, seconds
#   GO=go                      Go toolchain (GOROOT from `go env GOROOT`)
#   FAILURES=WORK/failures.txt
# Tests that themselves run the go tool get GOCACHE=WORK/gocache, and on the
# xrun side GOOS=freebsd GOARCH=amd64, so what they build runs where they run.
set -uo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/.." && pwd)

ALL=(strings strconv sort bytes encoding/json regexp math/big compress/gzip sync
	time os io/fs path/filepath os/exec os/signal net syscall runtime)
CI=(strings strconv sort bytes sync time encoding/json)

WORK=${WORK:-/tmp/xrun-go-stdlib}
XRUN=${XRUN:-"$root/xrun run --"}
TIMEOUT=${TIMEOUT:-300}
GO=${GO:-go}
FAILURES=${FAILURES:-$WORK/failures.txt}

do_linux=1
do_xrun=1
rebuild=0
pkgs=()
for a in "$@"; do
	case "$a" in
	--ci) pkgs+=("${CI[@]}") ;;
	--linux-only) do_xrun=0 ;;
	--xrun-only) do_linux=0 ;;
	--rebuild) rebuild=1 ;;
	-h | --help) sed -n '2,/^set -uo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
	-*) echo "go-stdlib.sh: unknown option $a" >&2; exit 2 ;;
	*) pkgs+=("$a") ;;
	esac
done
[ ${#pkgs[@]} -eq 0 ] && pkgs=("${ALL[@]}")

command -v "$GO" >/dev/null 2>&1 || { echo "go-stdlib.sh: '$GO' not found" >&2; exit 2; }
GOROOT_DIR=$("$GO" env GOROOT)
GOVERSION=$("$GO" version)
mkdir -p "$WORK"/{freebsd,linux,logs/linux,logs/xrun,run,gocache}

# compile SIDE PKG -> prints the binary path; "" if the compilation failed
compile() {
	local goos=$1 pkg=$2 bin="$WORK/$1/${2//\//_}.test"
	if [ "$rebuild" = 1 ] || [ ! -x "$bin" ]; then
		rm -f "$bin"
		if ! (cd "$WORK" && env -u GOFLAGS GOOS="$goos" GOARCH=amd64 CGO_ENABLED=0 GOPROXY=off \
			"$GO" test -c -o "$bin" "$pkg") > "$WORK/logs/build-$goos-${pkg//\//_}.log" 2>&1; then
			echo "go-stdlib.sh: go test -c for $goos $pkg failed, see $WORK/logs/build-$goos-${pkg//\//_}.log" >&2
			return 1
		fi
	fi
	echo "$bin"
}

# overlay DEST PKG: DEST becomes a GOROOT look-alike whose entries are
# symlinks to the real GOROOT, except the path down to src/PKG, which is
# made of real directories, and src/PKG itself, which is a fresh copy.
overlay() {
	local dest=$1 pkg=$2 s d part e
	rm -rf "$dest"
	mkdir -p "$dest"
	s=$(readlink -f "$GOROOT_DIR")
	d=$dest
	local IFS=/
	local parts=(src $pkg)
	unset IFS
	local n=${#parts[@]} i=0
	for part in "${parts[@]}"; do
		i=$((i + 1))
		for e in "$s"/* "$s"/.[!.]*; do
			[ -e "$e" ] || continue
			[ "$(basename "$e")" = "$part" ] && continue
			ln -s "$e" "$d/$(basename "$e")"
		done
		s=$(readlink -f "$s/$part")
		d="$d/$part"
		if [ $i -eq $n ]; then
			cp -a "$s" "$d"
			chmod -R u+w "$d"
		else
			mkdir "$d"
		fi
	done
	if [ ! -e "$dest/lib/time/zoneinfo.zip" ] && [ -n "$ZIP" ] && [ -f "$ZIP" ]; then
		rm -f "$dest/lib"; mkdir -p "$dest/lib/time"
		[ -d "$GOROOT_DIR/lib" ] && for e in "$GOROOT_DIR"/lib/*; do
			[ "$(basename "$e")" = time ] || ln -s "$e" "$dest/lib/"
		done
		ln -s "$ZIP" "$dest/lib/time/zoneinfo.zip"
	fi
	# The FreeBSD standard library's export data (pkg/freebsd_amd64), which a FreeBSD Go
	# install has and Debian's Go (linux_amd64 only) lacks; importer.Default() reads it
	# (runtime's TestAtomicAlignment). Built once into WORK, never into GOROOT.
	if [ ! -e "$dest/pkg/freebsd_amd64" ] && [ -n "$FBSD_PKG" ] && [ -d "$FBSD_PKG" ]; then
		rm -f "$dest/pkg"; mkdir -p "$dest/pkg"
		for e in "$GOROOT_DIR"/pkg/*; do
			ln -s "$e" "$dest/pkg/"
		done
		ln -s "$FBSD_PKG" "$dest/pkg/freebsd_amd64"
	fi
	echo "$d"
}

# Debian's Go package lacks GOROOT/lib/time/zoneinfo.zip, which package
# time's tests load (as ../../lib/time/zoneinfo.zip and via GOROOT). Make it
# from the copy embedded in the release's own time/tzdata (zipdata.go), once.
zoneinfo_zip() {
	local zip="$WORK/zoneinfo.zip" gen="$WORK/gen-zoneinfo"
	if [ -f "$GOROOT_DIR/lib/time/zoneinfo.zip" ]; then
		echo "$GOROOT_DIR/lib/time/zoneinfo.zip"; return
	fi
	if [ ! -s "$zip" ]; then
		rm -rf "$gen"; mkdir -p "$gen"
		sed 's/^package tzdata$/package main/' "$GOROOT_DIR/src/time/tzdata/zipdata.go" > "$gen/zipdata.go"
		printf '%s\n' 'package main' 'import "os"' \
			'func main() { os.Stdout.WriteString(zipdata) }' > "$gen/main.go"
		(cd "$gen" && env -u GOFLAGS GOOS= GOARCH= "$GO" run zipdata.go main.go) > "$zip.tmp" \
			&& mv "$zip.tmp" "$zip" || { rm -f "$zip.tmp"; echo "go-stdlib.sh: could not make $zip" >&2; }
		rm -rf "$gen"
	fi
	echo "$zip"
}

# freebsd_pkgdir: the FreeBSD standard library compiled into WORK (go install -pkgdir), for the
# overlay's pkg/freebsd_amd64; only the runtime tests need it.
freebsd_pkgdir() {
	local dir="$WORK/pkg-freebsd_amd64"
	if [ ! -f "$dir/runtime.a" ]; then
		rm -rf "$dir"
		env -u GOFLAGS GOOS=freebsd GOARCH=amd64 CGO_ENABLED=0 GOCACHE="$WORK/gocache" \
			"$GO" install -pkgdir "$dir" std >&2 || { echo "go-stdlib.sh: could not build $dir" >&2; rm -rf "$dir"; }
	fi
	echo "$dir"
}

# count LOG -> "pass fail skip" (all --- lines: top-level and subtests)
count() {
	local p f s
	p=$(grep -cE -- '--- PASS: [^ ]+ \(' "$1")
	f=$(grep -cE -- '--- FAIL: [^ ]+ \(' "$1")
	s=$(grep -cE -- '--- SKIP: [^ ]+ \(' "$1")
	echo "$p $f $s"
}
names() { # names LOG RESULT -> sorted test names with that result
	grep -oE -- "--- $2: [^ ]+ \\(" "$1" | sed -E "s/^--- $2: //; s/ \\($//" | sort -u
}

# close_fds: close every descriptor above 2 in this (sub)shell, so that the
# tests start with only 0, 1 and 2 open (os/exec's TestExtraFiles skips
# itself otherwise, and the descriptors of whatever started us leak in)
close_fds() {
	local fd n
	for fd in /proc/$BASHPID/fd/*; do
		n=${fd##*/}
		[ "$n" -gt 2 ] 2>/dev/null && eval "exec $n>&-"
	done
	return 0
}

# run SIDE PKG BIN -> sets rc, secs; log in WORK/logs/SIDE/PKG.log
run() {
	local side=$1 pkg=$2 bin=$3 dir t0 t1 runner=()
	local log="$WORK/logs/$side/${pkg//\//_}.log"
	dir=$(overlay "$WORK/run/$side-${pkg//\//_}" "$pkg")
	local extra=(CGO_ENABLED=0 GOCACHE="$WORK/gocache" GOPROXY=off GOROOT="$WORK/run/$side-${pkg//\//_}")
	if [ "$side" = xrun ]; then
		read -r -a runner <<< "$XRUN"
		extra+=(GOOS=freebsd GOARCH=amd64)
	fi
	t0=$(date +%s.%N)
	(close_fds; cd "$dir" && exec env -u GOFLAGS "${extra[@]}" timeout -k 10 "$TIMEOUT" \
		"${runner[@]}" "$bin" -test.short -test.v < /dev/null > "$log" 2>&1)
	rc=$?
	t1=$(date +%s.%N)
	secs=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }')
	echo "exit=$rc seconds=$secs" > "$log.status"
	rm -rf "$WORK/run/$side-${pkg//\//_}"
}

verdict_of() { # verdict_of SIDE PKG -> one of ok / FAIL / TIMEOUT / CRASH (N) / -
	local log="$WORK/logs/$1/${2//\//_}.log" rc
	[ -f "$log.status" ] || { echo "-"; return; }
	rc=$(sed -E 's/^exit=([0-9]+).*/\1/' "$log.status")
	if [ "$rc" = 124 ] || [ "$rc" = 137 ]; then echo TIMEOUT
	elif [ "$rc" = 0 ] && grep -q '^PASS$' "$log"; then echo ok
	elif [ "$rc" = 1 ] && grep -q '^FAIL$' "$log"; then echo FAIL
	elif [ "$1" = xrun ] && [ "$rc" -gt 128 ] 2>/dev/null && [ -n "${fbsd_sig[$((rc - 128))]:-}" ]; then
		echo "CRASH ($rc: ${fbsd_sig[$((rc - 128))]})"
	elif [ "$rc" -gt 128 ] 2>/dev/null && [ "$rc" -lt 160 ]; then
		echo "CRASH ($rc: SIG$(kill -l $((rc - 128))))"
	else echo "CRASH ($rc)"
	fi
}
# FreeBSD signal numbers: xrun exits 128 + the FreeBSD number of the signal
fbsd_sig=([1]=SIGHUP [2]=SIGINT [3]=SIGQUIT [4]=SIGILL [5]=SIGTRAP [6]=SIGABRT
	[7]=SIGEMT [8]=SIGFPE [9]=SIGKILL [10]=SIGBUS [11]=SIGSEGV [12]=SIGSYS
	[13]=SIGPIPE [14]=SIGALRM [15]=SIGTERM [16]=SIGURG [17]=SIGSTOP
	[18]=SIGTSTP [19]=SIGCONT [20]=SIGCHLD [21]=SIGTTIN [22]=SIGTTOU [23]=SIGIO
	[24]=SIGXCPU [25]=SIGXFSZ [26]=SIGVTALRM [27]=SIGPROF [28]=SIGWINCH
	[29]=SIGINFO [30]=SIGUSR1 [31]=SIGUSR2)

ZIP=$(zoneinfo_zip)
FBSD_PKG=
for pkg in "${pkgs[@]}"; do
	[ "$pkg" = runtime ] && [ "$do_xrun" = 1 ] && FBSD_PKG=$(freebsd_pkgdir)
done
: > "$FAILURES.tmp"
bad=0
rows=()
printf '%-14s | %-18s %6s | %-18s %6s | %s\n' package "linux P/F/S" secs "xrun P/F/S" secs verdict
printf '%s\n' "---------------+---------------------------+---------------------------+----------------"
for pkg in "${pkgs[@]}"; do
	safe=${pkg//\//_}
	llog="$WORK/logs/linux/$safe.log"
	xlog="$WORK/logs/xrun/$safe.log"
	if [ "$do_linux" = 1 ]; then
		if lbin=$(compile linux "$pkg"); then
			run linux "$pkg" "$lbin"
		else
			echo "exit=build seconds=0" > "$llog.status"; : > "$llog"
		fi
	fi
	if [ "$do_xrun" = 1 ]; then
		if fbin=$(compile freebsd "$pkg"); then
			run xrun "$pkg" "$fbin"
		else
			echo "exit=build seconds=0" > "$xlog.status"; : > "$xlog"
		fi
	fi
	lcnt="-"; lsec="-"; xcnt="-"; xsec="-"
	if [ -f "$llog.status" ]; then
		read -r p f s < <(count "$llog"); lcnt="$p/$f/$s"
		lsec=$(sed -E 's/.*seconds=//' "$llog.status")
		lv=$(verdict_of linux "$pkg")
		[ "$lv" != ok ] && lcnt="$lcnt ($lv)"
	fi
	verdict="-"
	if [ "$do_xrun" = 1 ] && [ -f "$xlog.status" ]; then
		read -r p f s < <(count "$xlog"); xcnt="$p/$f/$s"
		xsec=$(sed -E 's/.*seconds=//' "$xlog.status")
		verdict=$(verdict_of xrun "$pkg")
		# real failures: FAIL under xrun, PASS natively (or no native log)
		if [ -f "$llog" ]; then
			real=$(comm -12 <(names "$xlog" FAIL) <(names "$llog" PASS))
			nat_fail=$(names "$llog" FAIL)
			xr_only=$(comm -23 <(names "$xlog" FAIL) <(echo "$nat_fail"))
		else
			real=$(names "$xlog" FAIL); xr_only=$real
		fi
		if [ "$verdict" = FAIL ] && [ -z "$xr_only" ] && [ -n "$(names "$xlog" FAIL)" ]; then
			verdict="ok (same failures as linux)"
		elif [ "$verdict" = FAIL ] || [ -n "$real" ]; then
			verdict=FAIL
		fi
		if [ "$verdict" != ok ] && [ "$verdict" != "ok (same failures as linux)" ]; then
			bad=1
			{
				echo "# $pkg: $verdict ($(cat "$xlog.status"); log $xlog)"
				[ -n "$real" ] && echo "$real" | sed "s|^|$pkg |"
				if [[ "$verdict" == CRASH* || "$verdict" == TIMEOUT ]]; then
					echo "#   last lines:"; tail -n 5 "$xlog" | sed 's/^/#     /'
				fi
			} >> "$FAILURES.tmp"
		fi
	elif [ "$do_xrun" = 1 ]; then
		verdict="not run"
	fi
	printf '%-14s | %-18s %6s | %-18s %6s | %s\n' "$pkg" "$lcnt" "$lsec" "$xcnt" "$xsec" "$verdict"
done
mv "$FAILURES.tmp" "$FAILURES"
echo
echo "counts: pass/fail/skip over every '--- PASS/FAIL/SKIP:' line (top-level tests and subtests), -test.short -test.v"
echo "go: $GOVERSION; logs: $WORK/logs/{linux,xrun}/PKG.log"
if [ "$do_xrun" = 1 ]; then
	if [ "$bad" = 1 ]; then
		echo "real failures and broken packages: $FAILURES"
	else
		echo "no test fails under xrun that passes natively"
	fi
fi
exit $bad
