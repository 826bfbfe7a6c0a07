#!/usr/bin/env bash
# Rebuilds translator/src/main/resources/xrun/native/xrun-launch from xrun-launch.c: a static,
# freestanding x86-64 Linux program (no libc). The binary is committed so that a machine with
# only a JDK and Maven builds xrun; .ci/run rebuilds it to prove the source is what ships.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
out="$here/../resources/xrun/native/xrun-launch"
${CC:-gcc} -Os -static -nostdlib -fno-stack-protector -fno-asynchronous-unwind-tables -fno-builtin \
    -Wall -Wextra -Werror -Wl,--build-id=none -o "$out" "$here/xrun-launch.c"
strip "$out"
