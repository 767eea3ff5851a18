#!/usr/bin/env bash
# Regenerates every preset family from scratch, deterministically (fixed seed):
#   bash presets/generate.sh [BUILD_DIR]      (default build/)
# Each family: 4 layers, 84 + 4 + 4 + 4 taps (best of 4 seeds at the anchor
# member; see README "Fidelity" for why this layout) — except the Gaussian,
# smooth and nearly separable, which keeps 4 × 24 taps with one offset unit
# (43 dB at 64 px where 84+4+4+4 gave 29) — members at the radii below (dense where the
# pixel grid makes half-way blends hardest), fitted by skc-fit --radii; then the
# gallery pictures under presets/gallery/.
set -euo pipefail
top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${1:-$top/build}
fit="$build/tools/skc-fit"
[ -x "$fit" ] || { echo "build first: meson setup $build && ninja -C $build" >&2; exit 1; }

radii=1,1.5,2,2.5,3,3.5,4,4.5,5,5.5,6,7,8,9,10,12,14,16,18,20,24,28,32,40,48,56,64

fit_one() {  # fit_one NAME SHAPE [skc-fit options replacing the layout]
  local name=$1 shape=$2
  shift 2
  echo "== $name ($shape)" >&2
  "$fit" --shape "$shape" --radii "$radii" --layers 4 --seed 1 \
    ${@:---taps 84,4,4,4 --restarts 4} --out "$top/presets/$name.skc.tmp"
  mv "$top/presets/$name.skc.tmp" "$top/presets/$name.skc"
}

# Joint refinement steps (skc-fit default 4000) and anchor restarts per family:
# the settings, from 2000–8000 steps and 4, 8 or 16 restarts tried, under which
# every half-way blend comes within 1 dB of a member fitted there, PSNRs capped
# at 50 dB (skc-fidelity --family; README "Interpolating families").  The
# landscape is rugged: one more or fewer step count moves a pair by dB.
# The settings were chosen when the refinement scored half-way blends only;
# it now scores t = 1/4, 1/2, 3/4 (every quarter point within 2 dB of the
# lower member: tests/core/test-quarter; skc-fidelity --family X --sweep),
# and the families were refitted with the same settings, not re-tuned.
fit_one disc disc --taps 84,4,4,4 --restarts 8 --refine-steps 6000
fit_one hexagon hexagon
fit_one octagon octagon
fit_one star star:points=5,inner=0.5 --taps 84,4,4,4 --restarts 4 --refine-steps 6000
fit_one heart heart --taps 84,4,4,4 --restarts 4 --refine-steps 8000
fit_one ring ring:inner=0.7 --taps 84,4,4,4 --restarts 8
fit_one gaussian gaussian --taps 24 --global-units

# Fast fixed complex (presets/fast/README.md): one radius, first layer snapped.
echo "== fast/hexagon-r32" >&2
"$fit" --shape hexagon --radius 32 --layers 4 --taps 84,4,4,4 --seed 1 --restarts 32 \
  --snap-rows 0 --snap-columns 0.5 --lowpass 2 --out "$top/presets/fast/hexagon-r32.skc.tmp"
mv "$top/presets/fast/hexagon-r32.skc.tmp" "$top/presets/fast/hexagon-r32.skc"

# The cat's-eye lens family (docs/ARCHITECTURE.md §10): lenses at clips 0 … 1.8
# fitted at 48 px (SKC_CATSEYE_LENS_RADIUS: scaled down they stay good, scaled
# up they do not), each warm-started from its neighbour; no joint refinement,
# which fits the half-way blends but spoils the quarter-way ones.
echo "== clip/catseye" >&2
"$build/tools/skc-fit-catseye" --radius 48 --refine-steps 0 --out "$top/presets/clip/catseye.skc.tmp"
mv "$top/presets/clip/catseye.skc.tmp" "$top/presets/clip/catseye.skc"

# The disc refitted for a geometry's turned kernels (presets/turned/README.md):
# members up to 16 px and their quarter blends, jointly, in views stretched 1×
# and 2× and turned every 15° (docs/ARCHITECTURE.md §10).  From the disc just
# fitted, by path: the built-in one is what the build compiled in.
echo "== turned/disc" >&2
"$build/tools/skc-fit-turned" --preset "$top/presets/disc.skc" --up-to 16 --steps 1500 \
  --out "$top/presets/turned/disc.skc.tmp"
mv "$top/presets/turned/disc.skc.tmp" "$top/presets/turned/disc.skc"

# Families fitted to run at half resolution (presets/half/README.md): members
# from 8 px, 420 + 8 + 8 + 8 taps on the half plane (the star 504, the heart 560,
# the ring 800 first-layer taps: with fewer they fell short of +3 dB over the
# full-resolution members at 48 px once refined with blends at 1/4, 1/2, 3/4;
# the Gaussian 4 × 24, one offset unit, as at full resolution), fitted one by
# one with the 2×2 mean and the bilinear return in place, then refitted gently
# and jointly with their blends at t = 1/4, 1/2, 3/4 (skc-fit --halve;
# docs/ARCHITECTURE.md §8; tests/core/test-quarter covers half/…).
mkdir -p "$top/presets/half"
fit_half() {  # fit_half NAME SHAPE [options replacing the layout and restarts]
  local name=$1 shape=$2 tmp="$top/presets/half/$1.skc.tmp" units=
  shift 2
  case " $* " in *" --global-units "*) units=--global-units ;; esac
  echo "== half/$name ($shape)" >&2
  "$fit" --shape "$shape" --radii 8,10,12,14,16,20,24,28,32,40,48,56,64 --layers 4 --seed 1 \
    ${@:---taps 420,8,8,8 --restarts 4} --refine-steps 0 --halved --quiet --out "$tmp"
  "$fit" --halve "$tmp" --halve-from 8 --lr 1e-4,1e-5 --refine-steps 1000 $units --out "$tmp.2"
  rm "$tmp"
  mv "$tmp.2" "$top/presets/half/$name.skc"
}
fit_half hexagon hexagon
fit_half disc disc
fit_half octagon octagon
fit_half star star:points=5,inner=0.5 --taps 504,8,8,8 --restarts 4
fit_half heart heart --taps 560,8,8,8 --restarts 4
fit_half ring ring:inner=0.7 --taps 800,8,8,8 --restarts 4
fit_half gaussian gaussian --taps 24 --global-units

# The README's gallery: target | family kernel | error at 4, 12, 24 and 48 px.
mkdir -p "$top/presets/gallery"
for name in disc hexagon octagon star heart ring gaussian; do
  "$build/tools/skc-fidelity" --family "$top/presets/$name.skc" --png "$top/presets/gallery/$name.png" --at 4,12,24,48
done
