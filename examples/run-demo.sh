#!/usr/bin/env bash
# The main job, from a fresh clone on Debian 12 (as root, or with sudo):
#   installs what is missing (tools/install-deps.sh), configures and builds,
#   then runs on the bundled sample (tests/data/astronaut.png and its generated
#   depth map examples/data/astronaut-depth.png):
#     - the fixed-bokeh recipe        -> out/astronaut-bokeh.png
#     - the depth-of-field recipe     -> out/astronaut-dof.png
#     - examples/depth-pipeline       -> out/rack-focus.ogv (3 s rack focus, far to near)
#   and prints the paths of the files written.  Non-interactive; CI=true is fine.
#   SPARSECONV_BUILD  build directory (default: build)
set -euo pipefail
top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$top"
build=${SPARSECONV_BUILD:-build}
export SPARSECONV_BUILD=$build

step() {  # step <title> <command…>: runs it and says how long it took
  local title=$1 t0 t1
  shift
  echo "=== $title" >&2
  t0=$(date +%s.%N)
  "$@"
  t1=$(date +%s.%N)
  awk -v a="$t0" -v b="$t1" -v t="$title" 'BEGIN { printf "    (%s: %.2f s)\n", t, b - a }' >&2
}

step "dependencies" bash tools/install-deps.sh
if [ ! -f "$build/build.ninja" ]; then
  step "configure" meson setup "$build" -Dbuildtype=debugoptimized
fi
step "build" meson compile -C "$build"

mkdir -p out
cp tests/data/astronaut.png out/astronaut.png   # the "before" picture, beside the results
step "fixed bokeh (hexagon, radius 24)" bash examples/bokeh.sh >/dev/null
step "depth of field (photo + depth map)" bash examples/depth-of-field.sh >/dev/null

# the clip: Theora in Ogg where theoraenc exists (gst-plugins-base), MJPEG in AVI otherwise
export GST_PLUGIN_PATH="$top/$build/gst${GST_PLUGIN_PATH:+:$GST_PLUGIN_PATH}"
clip=out/rack-focus.ogv
gst-inspect-1.0 theoraenc >/dev/null 2>&1 || clip=out/rack-focus.avi
step "rack-focus clip (depth-pipeline)" "$build/examples/depth-pipeline" \
  tests/data/astronaut.png examples/data/astronaut-depth.png "$clip"

echo
echo "written:"
echo "  before:          $top/out/astronaut.png"
echo "  fixed bokeh:     $top/out/astronaut-bokeh.png"
echo "  depth of field:  $top/out/astronaut-dof.png"
echo "  rack-focus clip: $top/$clip"
