#!/usr/bin/env bash
# Cost of zoom blur and swirl bokeh (geometry) against the fixed kernel of the
# same max radius, through the element, in one run: 1280×720 RGBA snow;
# (pipeline − the same pipeline with identity) / frames, best of 3 each.
# The fixed rows run the exact full-resolution path (half-res-radius=0), as
# the geometry does.  The first frame builds the grid's levels (reported
# apart: one-frame runs).
#   bash tools/geometry-cost.sh [FRAMES] [extra sparseconv properties…]
# Needs a build in build/ (GST_PLUGIN_PATH is set to build/gst).
set -euo pipefail
top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
n=${1:-60}
shift || true
export GST_PLUGIN_PATH=$top/build/gst
src() { echo "videotestsrc pattern=snow num-buffers=$1 ! video/x-raw,format=RGBA,width=1280,height=720"; }

# shellcheck source=tools/best-ms.sh
. "$top/tools/best-ms.sh"

row() {  # name, fixed properties, geometry properties
  local base fixed geo first1 base1
  base=$(best_ms "$(src "$n") ! identity ! fakesink")
  fixed=$(best_ms "$(src "$n") ! sparseconv half-res-radius=0 $2 $extra ! fakesink")
  geo=$(best_ms "$(src "$n") ! sparseconv $3 $extra ! fakesink")
  base1=$(best_ms "$(src 1) ! identity ! fakesink")
  first1=$(best_ms "$(src 1) ! sparseconv $3 $extra ! fakesink")
  awk -v name="$1" -v n="$n" -v b="$base" -v f="$fixed" -v g="$geo" -v b1="$base1" -v g1="$first1" 'BEGIN {
    printf "%s, 720p RGBA, %d frames: fixed kernel %.1f ms/frame, geometry %.1f ms/frame (%.2f× fixed); " \
      "first frame (grid built) %.0f ms\n", name, n, (f - b) / n, (g - b) / n, (g - b) / (f - b), g1 - b1 }'
}
extra="$*"
row "zoom blur (motion, max-radius 24)" "preset=motion radius=24" "preset=motion geometry=radial max-radius=24"
row "swirl bokeh (disc, aspect 2, max-radius 16)" "preset=disc aspect=2 radius=16" \
  "preset=disc aspect=2 geometry=rotational max-radius=16"
