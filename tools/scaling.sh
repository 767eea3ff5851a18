#!/usr/bin/env bash
# Two threads against one, through the element, row by row: each row is
# (pipeline − the same pipeline with identity) / frames, best of 3, with
# max-threads=1 and max-threads=2, and their ratio.
# The sources cost almost nothing: two snow frames and two depth frames
# (a gradient and its mirror, so the radius map is rebuilt every frame) are
# made once and read in turn from files (multifilesrc). videotestsrc's snow
# would take ≈ 5 ms of CPU a 1080p frame, which on a two-core machine the
# element's second thread would have to share.
#   bash tools/scaling.sh [FRAMES]   (needs build/)
set -euo pipefail
top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
n=${1:-30}
export GST_PLUGIN_PATH=$top/build/gst
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# shellcheck source=tools/best-ms.sh
. "$top/tools/best-ms.sh"

frames() {  # FORMAT W H
  gst-launch-1.0 -q videotestsrc pattern=snow num-buffers=2 ! video/x-raw,format="$1",width="$2",height="$3" \
      ! multifilesink location="$work/$1-$2-%d.raw"
  gst-launch-1.0 -q videotestsrc pattern=gradient num-buffers=1 ! video/x-raw,format=GRAY8,width="$2",height="$3" \
      ! filesink location="$work/depth-$2-0.raw"
  gst-launch-1.0 -q videotestsrc pattern=gradient num-buffers=1 ! video/x-raw,format=GRAY8,width="$2",height="$3" \
      ! videoflip method=horizontal-flip ! filesink location="$work/depth-$2-1.raw"
}
src() {  # FORMAT W H
  echo "multifilesrc location=$work/$1-$2-%d.raw loop=true num-buffers=$n caps=video/x-raw,format=$1,width=$2,height=$3,framerate=30/1"
}
dep() {  # W H
  echo "multifilesrc location=$work/depth-$1-%d.raw loop=true num-buffers=$n caps=video/x-raw,format=GRAY8,width=$1,height=$2,framerate=30/1"
}
row() {  # label, format, W, H, sparseconv properties, with depth (0/1)
  local s base one two
  s=$(src "$2" "$3" "$4")
  if [ "$6" = 1 ]; then
    base=$(best_ms "$s ! identity ! fakesink $(dep "$3" "$4") ! fakesink")
    one=$(best_ms "$s ! sparseconv name=s $5 max-threads=1 ! fakesink $(dep "$3" "$4") ! s.depth")
    two=$(best_ms "$s ! sparseconv name=s $5 max-threads=2 ! fakesink $(dep "$3" "$4") ! s.depth")
  else
    base=$(best_ms "$s ! identity ! fakesink")
    one=$(best_ms "$s ! sparseconv $5 max-threads=1 ! fakesink")
    two=$(best_ms "$s ! sparseconv $5 max-threads=2 ! fakesink")
  fi
  awk -v l="$1" -v b="$base" -v o="$one" -v t="$two" -v n="$n" 'BEGIN {
    printf "| %s | %.1f | %.1f | %.2f |\n", l, (o - b) / n, (t - b) / n, (o - b) / (t - b) }'
}

frames RGBA 1920 1080
frames I420 1920 1080
frames RGBA 3840 2160
dof="preset=disc depth-mode=depth max-radius=32 focus-depth=0.5"
echo "$n frames a row, best of 3; ms a frame"
echo
echo "| row | 1 thread | 2 threads | ratio |"
echo "|---|---:|---:|---:|"
row "1080p RGBA hexagon r=8" RGBA 1920 1080 "preset=hexagon radius=8" 0
row "1080p RGBA hexagon r=32 (half resolution)" RGBA 1920 1080 "preset=hexagon radius=32" 0
row "1080p RGBA hexagon r=32, full resolution" RGBA 1920 1080 "preset=hexagon radius=32 half-res-radius=0" 0
row "1080p RGBA fast hexagon r=32 (presets/fast)" RGBA 1920 1080 "preset=$top/presets/fast/hexagon-r32.skc radius=32 half-res-radius=0" 0
row "4K RGBA hexagon r=8" RGBA 3840 2160 "preset=hexagon radius=8" 0
row "4K RGBA hexagon r=32 (half resolution)" RGBA 3840 2160 "preset=hexagon radius=32" 0
row "4K RGBA hexagon r=8, half-res-radius=4 (half/hexagon at half resolution)" RGBA 3840 2160 "preset=hexagon radius=8 half-res-radius=4" 0
row "4K RGBA hexagon r=32, quarter-res-radius=32" RGBA 3840 2160 "preset=hexagon radius=32 quarter-res-radius=32" 0
row "1080p RGBA depth of field, gather" RGBA 1920 1080 "$dof occlusion=false" 1
row "1080p RGBA depth of field, occlusion-aware" RGBA 1920 1080 "$dof" 1
row "1080p I420 disc r=32, full resolution" I420 1920 1080 "preset=disc radius=32 half-res-radius=0" 0
row "1080p I420 depth of field, gather" I420 1920 1080 "$dof occlusion=false" 1
row "1080p I420 depth of field, occlusion-aware" I420 1920 1080 "$dof" 1
row "1080p RGBA zoom blur (motion, radial, max-radius 24)" RGBA 1920 1080 "preset=motion geometry=radial max-radius=24" 0
row "1080p RGBA motion r=24, full resolution (the zoom's fixed kernel)" RGBA 1920 1080 "preset=motion radius=24 half-res-radius=0" 0
row "1080p RGBA swirl bokeh (disc, aspect 2, rotational, max-radius 16)" RGBA 1920 1080 "preset=disc aspect=2 geometry=rotational max-radius=16" 0
row "1080p RGBA disc r=16 (the swirl's fixed kernel)" RGBA 1920 1080 "preset=disc radius=16" 0
