#!/usr/bin/env bash
# The README's quarter-resolution picture: the night scene's point lights
# (skc-dof-scenes --night) through the element's hexagon at r = 32 — full
# resolution (half-res-radius=0), the default (half/hexagon at half
# resolution) and quarter-res-radius=32 — side by side after the original,
# so that what the quartered path softens (the apertures' edges) shows;
# every panel brightened alike for display (videobalance contrast=2, twice).
#   bash tools/quarter-pictures.sh [OUT_DIR]   (default docs/img; needs build/)
set -euo pipefail
top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
out=${1:-$top/docs/img}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export GST_PLUGIN_PATH=$top/build/gst

render() {  # name, sparseconv properties
  # shellcheck disable=SC2086  # the properties are split on purpose
  gst-launch-1.0 -q filesrc location="$work/night-input.png" ! pngdec ! videoconvert \
      ! video/x-raw,format=RGBA ! imagefreeze num-buffers=1 \
      ! sparseconv $2 ! videoconvert ! videobalance contrast=2 ! videobalance contrast=2 ! videoconvert ! pngenc \
      ! filesink location="$work/$1.png"
}
mkdir -p "$out"
"$top/build/tools/skc-dof-scenes" --night --out "$work" > /dev/null
render original "radius=0"
render full "preset=hexagon radius=32 half-res-radius=0"
render default "preset=hexagon radius=32"
render quarter "preset=hexagon radius=32 quarter-res-radius=32"
"$top/build/tools/skc-dof-scenes" --strip "$out/quarter-lights.png" --crop 40,40,300,220 --zoom 1 \
    "$work/original.png" "$work/full.png" "$work/default.png" "$work/quarter.png"
echo "wrote $out/quarter-lights.png"
