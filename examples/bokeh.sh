#!/usr/bin/env bash
# Fixed bokeh: the whole photo through a hexagonal aperture of radius 24 px.
#   examples/bokeh.sh [PHOTO.png] [OUT.png] [PRESET] [RADIUS]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
in=${1:-tests/data/astronaut.png}
out=${2:-out/astronaut-bokeh.png}
preset=${3:-hexagon}
radius=${4:-24}

gst-launch-1.0 -q \
  filesrc location="$in" ! pngdec ! videoconvert ! imagefreeze num-buffers=1 \
  ! sparseconv preset="$preset" radius="$radius" \
  ! videoconvert ! pngenc ! filesink location="$out"
echo "$out"
