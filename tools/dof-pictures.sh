#!/usr/bin/env bash
# The README's depth-of-field pictures: the layered scenes of skc-dof-scenes
# rendered through the element by gather (occlusion=false) and by default,
# and the same crop of gather | occlusion-aware | exact truth, magnified 2×.
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
echo "wrote $out/dof-edge-compact-front.png $out/dof-edge-compact-back.png"
