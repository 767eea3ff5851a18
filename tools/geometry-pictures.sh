#!/usr/bin/env bash
# The README's geometry pictures: zoom blur, spin blur and swirly bokeh of
# the coffee photo through the element, side by side after the original.
#   bash tools/geometry-pictures.sh [OUT_DIR]   (default docs/img; needs build/)
set -euo pipefail
top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
out=${1:-$top/docs/img}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export GST_PLUGIN_PATH=$top/build/gst
photo=$top/tests/data/coffee.png

render() {  # name, sparseconv properties
  # shellcheck disable=SC2086  # the properties are split on purpose
  gst-launch-1.0 -q filesrc location="$photo" ! pngdec ! videoconvert ! videoscale \
      ! video/x-raw,format=RGBA,width=420,height=280 ! imagefreeze num-buffers=1 \
      ! sparseconv $2 ! videoconvert ! pngenc ! filesink location="$work/$1.png"
}
mkdir -p "$out"
render original "radius=0"
render zoom "preset=motion geometry=radial max-radius=24"
render spin "preset=motion geometry=rotational max-radius=16"
render swirl "preset=disc aspect=2 geometry=rotational max-radius=12"
"$top/build/tools/skc-dof-scenes" --strip "$out/geometry-photo.png" --crop 0,0,420,280 --zoom 1 \
    "$work/original.png" "$work/zoom.png" "$work/spin.png" "$work/swirl.png"
echo "wrote $out/geometry-photo.png"

# Cat's-eye bokeh on point lights: a jittered grid of small lights of five
# colours on black (written as a PPM here), blurred by the disc at radius 12
# without vignetting, with 0.5 and with 0.9.
python3 - "$work/lights.ppm" <<'PY'
import random, sys
w, h, r = 420, 280, 3.5
colours = [(255, 200, 120), (255, 250, 235), (255, 80, 60), (120, 255, 140), (110, 160, 255)]
img = bytearray(w * h * 3)
rnd = random.Random(7)
for j in range(6):
    for i in range(9):
        cx = (i + 0.5) * w / 9 + rnd.uniform(-6, 6)
        cy = (j + 0.5) * h / 6 + rnd.uniform(-6, 6)
        col = colours[(i + 2 * j) % 5]
        for y in range(int(cy - r) - 1, int(cy + r) + 2):
            for x in range(int(cx - r) - 1, int(cx + r) + 2):
                # 4 x 4 samples a pixel: anti-aliased discs.
                cov = sum((x + (a + 0.5) / 4 - cx) ** 2 + (y + (b + 0.5) / 4 - cy) ** 2 <= r * r
                          for a in range(4) for b in range(4)) / 16
                for c in range(3):
                    p = (y * w + x) * 3 + c
                    img[p] = max(img[p], round(col[c] * cov))
with open(sys.argv[1], "wb") as f:
    f.write(b"P6\n%d %d\n255\n" % (w, h) + bytes(img))
PY
lights() {  # name, sparseconv properties
  # shellcheck disable=SC2086
  gst-launch-1.0 -q filesrc location="$work/lights.ppm" ! pnmdec ! videoconvert ! video/x-raw,format=RGBA \
      ! imagefreeze num-buffers=1 ! sparseconv $2 ! videoconvert ! pngenc ! filesink location="$work/$1.png"
}
lights lights "radius=0"
lights round "preset=disc radius=12"
lights catseye5 "preset=disc radius=12 vignetting=0.5"
lights catseye9 "preset=disc radius=12 vignetting=0.9"
"$top/build/tools/skc-dof-scenes" --strip "$out/catseye-lights.png" --crop 0,0,420,280 --zoom 1 \
    "$work/lights.png" "$work/round.png" "$work/catseye5.png" "$work/catseye9.png"
echo "wrote $out/catseye-lights.png"
