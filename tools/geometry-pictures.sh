#!/usr/bin/env bash
# The README's geometry pictures: zoom blur, spin blur and swirly bokeh of
# the coffee photo through the element, side by side after the original.
#   bash tools/geometry-pictures.sh [OUT_DIR]   (default docs/img; needs build/)
set -euo pipefail
top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
out=${1:-$top/docs/img}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export GST_PLUGIN_PATH=$top/build/gst
photo=$top/tests/data/coffee.png

render() {  # name, sparseconv properties
  # shellcheck disable=SC2086  # the properties are split on purpose
  gst-launch-1.0 -q filesrc location="$photo" ! pngdec ! videoconvert ! videoscale \
      ! video/x-raw,format=RGBA,width=420,height=280 ! imagefreeze num-buffers=1 \
      ! sparseconv $2 ! videoconvert ! pngenc ! filesink location="$work/$1.png"
}
mkdir -p "$out"
render original "radius=0"
render zoom "preset=motion geometry=radial max-radius=24"
render spin "preset=motion geometry=rotational max-radius=16"
render swirl "preset=disc aspect=2 geometry=rotational max-radius=12"
"$top/build/tools/skc-dof-scenes" --strip "$out/geometry-photo.png" --crop 0,0,420,280 --zoom 1 \
    "$work/original.png" "$work/zoom.png" "$work/spin.png" "$work/swirl.png"
echo "wrote $out/geometry-photo.png"
