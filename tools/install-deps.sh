#!/usr/bin/env bash
# Installs, with apt-get, the Debian 12 packages sparseconv needs to build and
# test.  Does nothing when they are all present.  Run as root or with sudo.
set -euo pipefail

packages=(
  meson ninja-build pkg-config gcc
  libglib2.0-dev libpng-dev
  liborc-0.4-dev liborc-0.4-dev-bin
  libfftw3-dev
  libgstreamer1.0-dev libgstreamer-plugins-base1.0-dev
  gstreamer1.0-tools gstreamer1.0-plugins-base gstreamer1.0-plugins-good
  # examples/python and examples/ges (PyGObject, GES; tests skip without them)
  python3-gi gir1.2-gstreamer-1.0 gir1.2-gst-plugins-base-1.0 gir1.2-ges-1.0 libges-1.0-0
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "installing: ${missing[*]}" >&2
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
