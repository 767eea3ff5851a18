#!/usr/bin/env bash
# The whole test suite, as a user or CI runs it:
#   installs what is missing (apt-get), builds twice — a normal optimised build
#   and one under AddressSanitizer + UndefinedBehaviorSanitizer (leak detection
#   on) — runs every test in both, and ends with "N passed, N failed".
# Build trees: build/ and build-sanitize/ at the top of the checkout.
set -uo pipefail
top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$top"

bash tools/install-deps.sh || { echo "0 passed, 1 failed"; exit 1; }

passed=0
failed=0

count() {  # count <build dir>: adds meson's summary to the totals
  local log="$1/meson-logs/testlog.txt" ok fail to xp
  ok=$(sed -n 's/^Ok:[[:space:]]*\([0-9]*\).*/\1/p' "$log" | tail -n1)
  fail=$(sed -n 's/^Fail:[[:space:]]*\([0-9]*\).*/\1/p' "$log" | tail -n1)
  to=$(sed -n 's/^Timeout:[[:space:]]*\([0-9]*\).*/\1/p' "$log" | tail -n1)
  xp=$(sed -n 's/^Unexpected Pass:[[:space:]]*\([0-9]*\).*/\1/p' "$log" | tail -n1)
  passed=$((passed + ${ok:-0}))
  failed=$((failed + ${fail:-0} + ${to:-0} + ${xp:-0}))
}

run_build() {  # run_build <dir> <meson options…>
  local dir="$1"; shift
  echo "=== $dir: configure and build" >&2
  local how=()
  [ -d "$dir/meson-private" ] && how=(--reconfigure)
  if ! meson setup "${how[@]}" "$dir" "$@" >/dev/null || ! ninja -C "$dir"; then
    echo "build failed in $dir" >&2
    failed=$((failed + 1))
    return
  fi
  echo "=== $dir: test" >&2
  meson test -C "$dir" --print-errorlogs --num-processes 2 || true
  count "$dir"
}

run_build build -Dbuildtype=debugoptimized

ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
  run_build build-sanitize -Dbuildtype=debugoptimized -Db_sanitize=address,undefined -Db_lundef=false

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
