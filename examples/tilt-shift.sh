#!/usr/bin/env bash
# Tilt-shift ("miniature"): a mask drives the blur radius (depth-mode=mask,
# radius = mask x max-radius).  The mask is a generated gradient, 0 in a band
# through the cup's rim and 1 at the top and bottom edges.
#   examples/tilt-shift.sh [PHOTO.png] [MASK.png] [OUT.png]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
in=${1:-tests/data/coffee.png}
mask=${2:-examples/data/coffee-tiltshift.png}
out=${3:-out/coffee-tiltshift.png}

gst-launch-1.0 -q \
  sparseconv name=s preset=disc depth-mode=mask max-radius=14 \
  ! videoconvert ! pngenc ! filesink location="$out" \
  filesrc location="$in" ! pngdec ! videoconvert ! imagefreeze num-buffers=1 ! s.sink \
  filesrc location="$mask" ! pngdec ! videoconvert ! video/x-raw,format=GRAY8 \
  ! imagefreeze num-buffers=1 ! s.depth
echo "$out"
