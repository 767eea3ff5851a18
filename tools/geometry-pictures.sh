#!/usr/bin/env bash
# The README's geometry pictures: zoom blur, spin blur and swirly bokeh
# through the element, side by side after the original, of the coffee photo
# and of the night scene's point lights (skc-dof-scenes --night); cat's-eye
# bokeh on those lights.
#   bash tools/geometry-pictures.sh [OUT_DIR]   (default docs/img; needs build/)
set -euo pipefail
top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
out=${1:-$top/docs/img}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export GST_PLUGIN_PATH=$top/build/gst
photo=$top/tests/data/coffee.png

render() {  # input, name, sparseconv properties
  # shellcheck disable=SC2086  # the properties are split on purpose
  gst-launch-1.0 -q filesrc location="$1" ! pngdec ! videoconvert ! videoscale \
      ! video/x-raw,format=RGBA,width=420,height=280 ! imagefreeze num-buffers=1 \
      ! sparseconv $3 ! videoconvert ! pngenc ! filesink location="$work/$2.png"
}
strip() {  # input, output picture
  render "$1" original "radius=0"
  render "$1" zoom "preset=motion geometry=radial max-radius=24"
  render "$1" spin "preset=motion geometry=rotational max-radius=16"
  render "$1" swirl "preset=disc aspect=2 geometry=rotational max-radius=12"
  "$top/build/tools/skc-dof-scenes" --strip "$2" --crop 0,0,420,280 --zoom 1 \
      "$work/original.png" "$work/zoom.png" "$work/spin.png" "$work/swirl.png"
  echo "wrote $2"
}
mkdir -p "$out"
strip "$photo" "$out/geometry-photo.png"
"$top/build/tools/skc-dof-scenes" --night --out "$work" > /dev/null
strip "$work/night-input.png" "$out/geometry-lights.png"

# Cat's-eye bokeh on the same lights: the disc at radius 12 without
# vignetting, with 0.5 and with 0.9.
lights=$work/night-input.png
render "$lights" original "radius=0"
render "$lights" round "preset=disc radius=12"
render "$lights" catseye5 "preset=disc radius=12 vignetting=0.5"
render "$lights" catseye9 "preset=disc radius=12 vignetting=0.9"
"$top/build/tools/skc-dof-scenes" --strip "$out/catseye-lights.png" --crop 0,0,420,280 --zoom 1 \
    "$work/original.png" "$work/round.png" "$work/catseye5.png" "$work/catseye9.png"
echo "wrote $out/catseye-lights.png"
