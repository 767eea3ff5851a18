# Sourced by the examples' recipes: goes to the top of the checkout, points
# GStreamer at the freshly built plugin and makes out/.  Not meant to be run.
#   SPARSECONV_BUILD  build directory (default: build)
cd "$(dirname "${BASH_SOURCE[0]}")/.."
build_dir=${SPARSECONV_BUILD:-build}
export GST_PLUGIN_PATH="$PWD/$build_dir/gst${GST_PLUGIN_PATH:+:$GST_PLUGIN_PATH}"
if ! gst-inspect-1.0 sparseconv >/dev/null 2>&1; then
  echo "sparseconv element not found in $build_dir/gst: build first (meson setup $build_dir && meson compile -C $build_dir)" >&2
  exit 1
fi
mkdir -p out
