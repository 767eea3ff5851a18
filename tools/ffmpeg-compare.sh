#!/usr/bin/env bash
# The element against FFmpeg's blurs, a user's alternative, on the same frames
# with the same thread counts, in one run:
#   4K RGBA hexagon r = 32 (the default, and quarter-res-radius=32)  against
#   gblur sigma=10 at 4K
#   1080p RGBA depth of field (disc, max-radius 32, gather and occlusion-aware,
#   a gradient depth stream)  against  varblur max_r=32 with that gradient as
#   its radius stream
# Both read one snow frame from a file in a loop (multifilesrc / -stream_loop)
# and throw the result away; each row is (run − the same run without the
# filter) / frames, best of 3. FFmpeg gets its best case: both frames in its
# filters' own planar format (gbrap), converted once beforehand, so that no
# conversion runs inside the timed graph. varblur's cost does not depend on
# its radii (a summed-area table); `skc-bench` maps its radius stream to
# boxes matched to the disc, for its PSNR rows.
#   bash tools/ffmpeg-compare.sh [FRAMES]   (needs build/ and ffmpeg)
set -euo pipefail
top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
n=${1:-30}
export GST_PLUGIN_PATH=$top/build/gst
command -v ffmpeg > /dev/null || { echo "ffmpeg is not installed (apt-get install ffmpeg)"; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# shellcheck source=tools/best-ms.sh
. "$top/tools/best-ms.sh"

frames() {  # W H: one snow RGBA frame and one gradient GRAY8 frame, and FFmpeg's planar copy
  gst-launch-1.0 -q videotestsrc pattern=snow num-buffers=1 ! video/x-raw,format=RGBA,width="$1",height="$2" \
      ! filesink location="$work/$1.rgba"
  gst-launch-1.0 -q videotestsrc pattern=gradient num-buffers=1 ! video/x-raw,format=GRAY8,width="$1",height="$2" \
      ! filesink location="$work/$1.gray"
  ffmpeg -v error -y -f rawvideo -pix_fmt rgba -s "$1x$2" -i "$work/$1.rgba" -pix_fmt gbrap -f rawvideo "$work/$1.gbrap"
  # varblur reads the radius from its second input's first plane, in the first input's format.
  ffmpeg -v error -y -f rawvideo -pix_fmt gray -s "$1x$2" -i "$work/$1.gray" -pix_fmt gbrap -f rawvideo "$work/$1.rgbrap"
}
src() {  # W H FORMAT EXT: the looped frame as a GStreamer source
  echo "multifilesrc location=$work/$1.$4 loop=true num-buffers=$n caps=video/x-raw,format=$3,width=$1,height=$2,framerate=30/1"
}
ff_ms() {  # the best of 3 runs of ffmpeg with these arguments, in ms
  best_run_ms ffmpeg -v error -nostdin "$@" -frames:v "$n" -f null -
}
ff_in() {  # W H EXT FMT
  echo "-f rawvideo -pix_fmt $4 -s $1x$2 -framerate 30 -stream_loop -1 -i $work/$1.$3"
}
row() {  # label, ms total, ms baseline
  awk -v l="$1" -v t="$2" -v b="$3" -v n="$n" 'BEGIN { printf "  %-52s %7.1f ms/frame\n", l, (t - b) / n }'
}

frames 3840 2160
frames 1920 1080
for threads in 1 2; do
  echo "== $threads thread(s), $n frames"
  # 4K: the element's hexagon at r = 32 and gblur sigma = 10.
  s4=$(src 3840 2160 RGBA rgba)
  b=$(best_ms "$s4 ! identity ! fakesink")
  row "sparseconv hexagon r=32, 4K RGBA" "$(best_ms "$s4 ! sparseconv preset=hexagon radius=32 max-threads=$threads ! fakesink")" "$b"
  row "sparseconv hexagon r=32, 4K RGBA, quarter-res-radius=32" \
      "$(best_ms "$s4 ! sparseconv preset=hexagon radius=32 quarter-res-radius=32 max-threads=$threads ! fakesink")" "$b"
  # shellcheck disable=SC2046  # the input arguments are split on purpose
  b=$(ff_ms $(ff_in 3840 2160 gbrap gbrap) -filter_threads "$threads" -vf null)
  # shellcheck disable=SC2046
  row "ffmpeg gblur sigma=10, 4K gbrap" "$(ff_ms $(ff_in 3840 2160 gbrap gbrap) -filter_threads "$threads" -vf gblur=sigma=10)" "$b"
  # 1080p depth of field and varblur with the gradient as radius.
  s2=$(src 1920 1080 RGBA rgba)
  d2=$(src 1920 1080 GRAY8 gray)
  dof="sparseconv name=s preset=disc depth-mode=depth max-radius=32 focus-depth=0.5 max-threads=$threads"
  b=$(best_ms "$s2 ! identity ! fakesink $d2 ! fakesink")
  row "sparseconv depth of field max-radius=32, gather" "$(best_ms "$s2 ! $dof occlusion=false ! fakesink $d2 ! s.depth")" "$b"
  row "sparseconv depth of field max-radius=32, occlusion-aware" "$(best_ms "$s2 ! $dof ! fakesink $d2 ! s.depth")" "$b"
  # shellcheck disable=SC2046
  b=$(ff_ms $(ff_in 1920 1080 gbrap gbrap) $(ff_in 1920 1080 rgbrap gbrap) -filter_complex_threads "$threads" \
      -filter_complex "[1:v]nullsink;[0:v]null")
  # shellcheck disable=SC2046
  row "ffmpeg varblur max_r=32, 1080p gbrap, gradient radius" "$(ff_ms $(ff_in 1920 1080 gbrap gbrap) $(ff_in 1920 1080 rgbrap gbrap) \
      -filter_complex_threads "$threads" -filter_complex "[0:v][1:v]varblur=max_r=32")" "$b"
done
