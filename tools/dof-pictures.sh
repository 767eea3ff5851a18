#!/usr/bin/env bash
# The README's depth-of-field pictures: the layered scenes of skc-dof-scenes
# rendered through the element by gather (occlusion=false) and by default,
# and the same crop of gather | occlusion-aware | exact truth, magnified 2×;
# the night scene without bloom | with bloom | truth (skc-dof-scenes --night).
#   bash tools/dof-pictures.sh [OUT_DIR]   (default docs/img; needs build/)
set -euo pipefail
top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
out=${1:-$top/docs/img}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export GST_PLUGIN_PATH=$top/build/gst
scenes=$top/build/tools/skc-dof-scenes

mkdir -p "$out"
# Each printed gst-launch-1.0 line renders one scene one way.
"$scenes" --out "$work" | sed -n 's/^ *gst-launch-1.0 //p' | while read -r line; do
  # shellcheck disable=SC2086  # the pipeline description is split on purpose
  gst-launch-1.0 -q $line >/dev/null
done
# The crops where gather's error exceeds the default's the most (found once
# by comparing 160-px windows over the frame).
for scene in compact-front-focus compact-back-focus; do
  "$scenes" --strip "$out/dof-edge-${scene%-focus}.png" --crop 440,420,160,160 --zoom 2 \
      "$work/$scene-gather.png" "$work/$scene-occlusion.png" "$work/$scene-truth.png"
  echo "$scene: gather $("$scenes" --compare "$work/$scene-truth.png" "$work/$scene-gather.png" "$work/$scene-band.png")"
  echo "$scene: occlusion-aware $("$scenes" --compare "$work/$scene-truth.png" "$work/$scene-occlusion.png" "$work/$scene-band.png")"
done
# The night scene: its figures (the engine as the element runs it), then the
# element itself on the printed lines, which the picture shows.
"$scenes" --night --out "$work" | tee "$work/night.txt" | grep -v 'gst-launch-1.0'
sed -n 's/^ *gst-launch-1.0 //p' "$work/night.txt" | while read -r line; do
  # shellcheck disable=SC2086
  gst-launch-1.0 -q $line >/dev/null
done
"$scenes" --strip "$out/dof-night.png" --crop 520,120,400,400 --zoom 1 \
    "$work/night-plain-element.png" "$work/night-bloom-element.png" "$work/night-truth.png"
echo "wrote $out/dof-edge-compact-front.png $out/dof-edge-compact-back.png $out/dof-night.png"
