# Sourced by the cost scripts (shared machines are noisy: the least disturbed
# run, and ratios between rows of one run):
#   best_run_ms COMMAND ARGS…  the best of 3 wall-clock runs of a command, in ms
#   best_ms DESCRIPTION        the same for a gst-launch-1.0 description
best_run_ms() {
  local best=0 t0 t
  for _ in 1 2 3; do
    t0=$(date +%s%N)
    "$@" >/dev/null
    t=$(( ($(date +%s%N) - t0) / 1000000 ))
    if [ "$best" -eq 0 ] || [ "$t" -lt "$best" ]; then best=$t; fi
  done
  echo "$best"
}
best_ms() {
  # shellcheck disable=SC2086  # the description is split into arguments on purpose
  best_run_ms gst-launch-1.0 -q $1
}
