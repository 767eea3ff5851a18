#!/usr/bin/env bash
# Depth of field from a depth stream: the photo and its depth map (white =
# near) go in, the face stays sharp, the flag and the backdrop blur more the
# farther they are and the helmet in front blurs too.
#   examples/depth-of-field.sh [PHOTO.png] [DEPTH.png] [OUT.png] [FOCUS-DEPTH]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
in=${1:-tests/data/astronaut.png}
depth=${2:-examples/data/astronaut-depth.png}
out=${3:-out/astronaut-dof.png}
focus=${4:-0.76}

gst-launch-1.0 -q \
  sparseconv name=s preset=hexagon depth-mode=depth focus-depth="$focus" focus-range=0.06 max-radius=18 \
  ! videoconvert ! pngenc ! filesink location="$out" \
  filesrc location="$in" ! pngdec ! videoconvert ! imagefreeze num-buffers=1 ! s.sink \
  filesrc location="$depth" ! pngdec ! videoconvert ! video/x-raw,format=GRAY8 \
  ! imagefreeze num-buffers=1 ! s.depth
echo "$out"
