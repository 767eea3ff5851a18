#!/usr/bin/env bash
# Runs the libFuzzer targets one after the other (one process, so a CPU core
# stays free), each for SECONDS (default 60), from the seed corpus.
#   bash tests/fuzz/run-fuzzers.sh [SECONDS] [preset|image]…
# Builds with clang -fsanitize=fuzzer,address,undefined straight from the
# core/*.c files each target needs (no meson, no ORC) into build-fuzz/.
# New corpus entries go to build-fuzz/corpus-<target>/ (the committed seeds in
# tests/fuzz/corpus-<target>/ are only read); crashes, leaks, timeouts and
# OOMs go to tests/fuzz/crashes/<target>-*.  Prints libFuzzer's final stats
# and a one-line summary per target.
set -uo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
top=$(cd "$here/../.." && pwd)
seconds=${1:-60}
shift || true
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(preset image)
out="$top/build-fuzz"
mkdir -p "$out" "$here/crashes"

# Sources per target: only what the code under test links against.
declare -A sources=(
  [preset]="kernel/skc-preset.c kernel/skc-family.c kernel/skc-complex.c engine/skc-fixed-kernel.c engine/skc-engine.c engine/skc-loops-c.c engine/skc-loops-orc.c engine/skc-varying.c engine/skc-filter.c engine/skc-plane.c engine/skc-pool.c engine/skc-srgb.c base/skc-format.c base/skc-error.c base/skc-file.c"
  [image]="image/skc-image-file.c image/skc-image.c reference/skc-shape.c kernel/skc-raster.c base/skc-format.c base/skc-error.c base/skc-file.c"
)
declare -A pkgs=([preset]="glib-2.0" [image]="glib-2.0 libpng")

# clang with libFuzzer: Debian 12's clang (14) finds libclang_rt.fuzzer in
# libclang-rt-14-dev.  Probe by linking an empty target.
probe() {
  printf 'int LLVMFuzzerTestOneInput(const unsigned char *d, unsigned long n){return 0;}\n' >"$out/probe.c"
  clang -fsanitize=fuzzer,address,undefined "$out/probe.c" -o "$out/probe" 2>/dev/null
}
if ! command -v clang >/dev/null || ! probe; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "installing clang and libFuzzer (apt-get)" >&2
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends clang libclang-rt-14-dev pkg-config \
    libglib2.0-dev libpng-dev >&2
  probe || { echo "clang cannot build libFuzzer targets" >&2; exit 1; }
fi

status=0
for t in "${targets[@]}"; do
  [ -n "${sources[$t]:-}" ] || { echo "unknown target: $t" >&2; exit 2; }
  src=()
  for f in ${sources[$t]}; do src+=("$top/core/$f"); done
  incs=()
  for d in "$top"/core "$top"/core/*/; do incs+=(-I"$d"); done
  # The engine's ORC loops from the checked-in backup C (orcc's -dist
  # output, no ORC runtime: DISABLE_ORC), as a build without orcc uses.
  cp "$top/orc/skc-orc-dist.h" "$out/skc-orc.h"
  printf '#include "%s"\n' "$top/orc/skc-orc-dist.c" >"$out/skc-orc.c"
  : >"$out/config.h"
  [ "$t" = preset ] && src+=("$out/skc-orc.c")
  incs+=(-I"$out")
  echo "=== fuzz-$t: build" >&2
  # shellcheck disable=SC2046
  if ! clang -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
      -std=gnu11 -DG_LOG_DOMAIN='"skc"' -DDISABLE_ORC "${incs[@]}" \
      "$here/fuzz-$t.c" "${src[@]}" $(pkg-config --cflags --libs ${pkgs[$t]}) -lm \
      -o "$out/fuzz-$t"; then
    echo "build of fuzz-$t failed" >&2
    status=1
    continue
  fi
  mkdir -p "$out/corpus-$t"
  log="$out/fuzz-$t.log"
  echo "=== fuzz-$t: ${seconds}s, log in $log" >&2
  # leak detection stays on (libFuzzer reports leaks as crashes); -timeout
  # flags any input slower than 10 s.
  ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
  G_DEBUG=fatal-criticals \
    "$out/fuzz-$t" "$out/corpus-$t" "$here/corpus-$t" \
      -max_total_time="$seconds" -print_final_stats=1 -timeout=10 -max_len=16384 \
      -artifact_prefix="$here/crashes/$t-" >"$log" 2>&1
  rc=$?
  grep -E '^(stat::|==[0-9]+==ERROR|SUMMARY|artifact_prefix|Test unit written)' "$log" >&2 || true
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
  speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log")
  last=$(grep -E '^#[0-9]+.*cov: ' "$log" | tail -n1)
  cov=$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<<"$last")
  ft=$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<<"$last")
  corp=$(sed -n 's/.* corp: \([0-9]*\/[0-9A-Za-z]*\).*/\1/p' <<<"$last")
  echo "fuzz-$t: ${seconds}s, exit $rc, ${execs:-?} executions (${speed:-?}/s), cov ${cov:-?}, ft ${ft:-?}, corpus ${corp:-?}"
  [ "$rc" -eq 0 ] || status=1
done
exit $status
