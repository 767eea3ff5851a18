# Sourced by the cost scripts: best_ms DESCRIPTION prints the best of 3
# wall-clock runs of a gst-launch-1.0 description, in ms (shared machines are
# noisy: the least disturbed run, and ratios between rows of one run).
best_ms() {
  local best=0 t0 t
  for _ in 1 2 3; do
    t0=$(date +%s%N)
    # shellcheck disable=SC2086  # the description is split into arguments on purpose
    gst-launch-1.0 -q $1 >/dev/null
    t=$(( ($(date +%s%N) - t0) / 1000000 ))
    if [ "$best" -eq 0 ] || [ "$t" -lt "$best" ]; then best=$t; fi
  done
  echo "$best"
}
