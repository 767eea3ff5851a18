#!/usr/bin/env bash
# Star filter: a star-shaped kernel applied in linear light, so bright point
# lights spread into clear stars while the dark parts only soften.  Default
# input: the generated night scene of point lights; the photo works too
# (examples/star.sh tests/data/astronaut.png out/astronaut-star.png).
#   examples/star.sh [PHOTO.png] [OUT.png] [RADIUS]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
in=${1:-examples/data/lights.png}
out=${2:-out/lights-star.png}
radius=${3:-20}

gst-launch-1.0 -q \
  filesrc location="$in" ! pngdec ! videoconvert ! imagefreeze num-buffers=1 \
  ! sparseconv preset=star radius="$radius" linear-light=true \
  ! videoconvert ! pngenc ! filesink location="$out"
echo "$out"
