#!/usr/bin/env bash
# Cost of occlusion-aware depth of field against gather, through the element,
# in one run: 1080p RGBA snow, a gradient GRAY8 depth stream through focus,
# preset=disc max-radius=32; (pipeline − the same pipeline with identity) /
# frames, best of 3 each (shared machines are noisy: compare ratios).
#   bash tools/dof-cost.sh [FRAMES] [extra sparseconv properties…]
# Needs a build in build/ (GST_PLUGIN_PATH is set to build/gst).
set -euo pipefail
top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
n=${1:-60}
shift || true
export GST_PLUGIN_PATH=$top/build/gst
src="videotestsrc pattern=snow num-buffers=$n ! video/x-raw,format=RGBA,width=1920,height=1080"
dep="videotestsrc pattern=gradient num-buffers=$n ! video/x-raw,format=GRAY8,width=1920,height=1080"
dof="sparseconv name=s preset=disc depth-mode=depth max-radius=32 focus-depth=0.5"

best_ms() {  # best of 3 wall-clock runs of a gst-launch-1.0 description, in ms
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

base=$(best_ms "$src ! identity ! fakesink $dep ! fakesink")
gather=$(best_ms "$src ! $dof occlusion=false $* ! fakesink $dep ! s.depth")
occl=$(best_ms "$src ! $dof $* ! fakesink $dep ! s.depth")
awk -v n="$n" -v b="$base" -v g="$gather" -v o="$occl" 'BEGIN {
  printf "1080p RGBA depth of field, %d frames: gather %.1f ms/frame, occlusion-aware %.1f ms/frame, ratio %.2f\n",
    n, (g - b) / n, (o - b) / n, (o - b) / (g - b) }'
