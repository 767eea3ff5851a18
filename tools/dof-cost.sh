#!/usr/bin/env bash
# Cost of occlusion-aware depth of field against gather and against the fixed
# kernel of the same radius, through the element, in one run: 1080p snow, a
# gradient GRAY8 depth stream through focus, preset=disc max-radius=32;
# (pipeline − the same pipeline with identity) / frames, best of 3 each
# (shared machines are noisy: compare ratios).
#   [FORMAT=I420] bash tools/dof-cost.sh [FRAMES] [extra sparseconv properties…]
# Needs a build in build/ (GST_PLUGIN_PATH is set to build/gst).
set -euo pipefail
top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
n=${1:-60}
shift || true
export GST_PLUGIN_PATH=$top/build/gst
format=${FORMAT:-RGBA}
src="videotestsrc pattern=snow num-buffers=$n ! video/x-raw,format=$format,width=1920,height=1080"
dep="videotestsrc pattern=gradient num-buffers=$n ! video/x-raw,format=GRAY8,width=1920,height=1080"
dof="sparseconv name=s preset=disc depth-mode=depth max-radius=32 focus-depth=0.5"

# shellcheck source=tools/best-ms.sh
. "$top/tools/best-ms.sh"

base=$(best_ms "$src ! identity ! fakesink $dep ! fakesink")
fixed=$(best_ms "$src ! sparseconv preset=disc radius=32 $* ! fakesink $dep ! fakesink")
gather=$(best_ms "$src ! $dof occlusion=false $* ! fakesink $dep ! s.depth")
occl=$(best_ms "$src ! $dof $* ! fakesink $dep ! s.depth")
awk -v n="$n" -v f="$format" -v b="$base" -v k="$fixed" -v g="$gather" -v o="$occl" 'BEGIN {
  printf "1080p %s, %d frames: fixed kernel r=32 %.1f ms/frame; depth of field: gather %.1f ms/frame (%.2f× fixed), " \
    "occlusion-aware %.1f ms/frame (%.2f× fixed), occlusion-aware / gather %.2f\n",
    f, n, (k - b) / n, (g - b) / n, (g - b) / (k - b), (o - b) / n, (o - b) / (k - b), (o - b) / (g - b) }'
