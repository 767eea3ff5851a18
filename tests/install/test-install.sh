#!/usr/bin/env bash
# `meson install` into a scratch DESTDIR, then the installed tree as its users
# see it (TAP):
#   1. the expected files are there: the plugin in GStreamer's plugin
#      directory, libskc, its public headers, skc-1.0.pc, the tools, the photo;
#   2. skc-1.0.pc names the configured prefix;
#   3. skc-app.c builds with `pkg-config --cflags --libs skc-1.0` against the
#      installed tree alone, and runs;
#   4. gst-inspect-1.0 finds the element in the installed plugin directory.
# Under a sanitizer build 3 and 4 are skipped: the installed objects are
# instrumented, and neither an uninstrumented program nor gst-inspect-1.0
# can load them.
# Arguments (tests/install/meson.build): build dir, meson, C compiler, prefix,
# libdir, includedir, bindir, datadir, default_library, b_sanitize, skc-app.c.
set -uo pipefail

build=$1 meson=$2 cc=$3 prefix=$4 libdir=$5 includedir=$6 bindir=$7 datadir=$8
default_library=$9 sanitize=${10} app_src=${11}
case $sanitize in none | '' | '[]') sanitize= ;; esac

n=0 failed=0
ok()   { n=$((n + 1)); echo "ok $n - $1"; }
fail() { n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n - $1"; }
skip() { n=$((n + 1)); echo "ok $n - $1 # SKIP $2"; }
under() { case $1 in /*) echo "$1" ;; *) echo "$prefix/$1" ;; esac; }  # an option's absolute path

dest=$build/tests/install/destdir
rm -rf "$dest"
mkdir -p "$dest"
root=$dest$prefix
lib=$dest$(under "$libdir")
inc=$dest$(under "$includedir")/skc-1.0
bin=$dest$(under "$bindir")
share=$dest$(under "$datadir")/skc-1.0
plugins=$lib/gstreamer-1.0

if "$meson" install -C "$build" --destdir "$dest" --no-rebuild --quiet >"$dest.log" 2>&1; then
  ok "meson install --destdir"
else
  fail "meson install --destdir"
  sed 's/^/# /' "$dest.log"
  echo "1..$n"
  exit 1
fi

# 1. The files.
expected=("$plugins/libgstsparseconv.so" "$lib/pkgconfig/skc-1.0.pc"
  "$bin/skc-fit" "$bin/skc-fidelity" "$bin/skc-bench" "$share/astronaut.png" "$share/coffee.png")
case $default_library in
  shared) expected+=("$lib/libskc.so") ;;
  static) expected+=("$lib/libskc.a") ;;
  both)   expected+=("$lib/libskc.so" "$lib/libskc.a") ;;
esac
for h in error complex family preset preset-lookup engine plane pool fixed-kernel frame focus; do
  expected+=("$inc/skc-$h.h")
done
missing=0
for f in "${expected[@]}"; do
  [ -e "$f" ] || { echo "# missing: ${f#$dest}"; missing=$((missing + 1)); }
done
if [ $missing -eq 0 ]; then ok "the ${#expected[@]} expected files are installed"; else fail "$missing files missing"; fi
find "$dest" \( -type f -o -type l \) | sed "s|^$dest|# installed: |" | sort

# 2. The .pc names the configured prefix.
pc=$lib/pkgconfig/skc-1.0.pc
if grep -qx "prefix=$prefix" "$pc"; then ok "skc-1.0.pc: prefix=$prefix"; else fail "skc-1.0.pc: prefix is not $prefix"; fi

# 3. An application of the installed library.  The .pc holds the real prefix;
# pkg-config --define-variable would move glib's prefix too, and
# PKG_CONFIG_SYSROOT_DIR glib's paths, so a copy of the .pc points into DESTDIR
# (what relocating a package does).
if [ -n "$sanitize" ]; then
  skip "skc-app builds against the installed tree and runs" "sanitizer build (b_sanitize=$sanitize)"
else
  pcdir=$dest/pkgconfig-relocated
  mkdir -p "$pcdir"
  sed "s|^prefix=.*|prefix=$root|" "$pc" > "$pcdir/skc-1.0.pc"
  static=()
  [ "$default_library" = static ] && static=(--static)
  if flags=$(PKG_CONFIG_PATH=$pcdir pkg-config "${static[@]}" --cflags --libs skc-1.0 2>&1) &&
     $cc -o "$dest/skc-app" "$app_src" $flags >"$dest/cc.log" 2>&1; then
    echo "# $cc skc-app.c $flags"
    if LD_LIBRARY_PATH=$lib "$dest/skc-app" >"$dest/app.log" 2>&1; then
      ok "skc-app builds against the installed tree and runs"
    else
      fail "skc-app runs"
    fi
    sed 's/^/# /' "$dest/app.log"
    # meson test puts the build's core/ on LD_LIBRARY_PATH: make sure the
    # installed libskc is the one that ran.
    if [ "$default_library" != static ]; then
      so=$(LD_LIBRARY_PATH=$lib ldd "$dest/skc-app" | awk '$1 == "libskc.so.0" { print $3 }')
      if [ "$so" = "$lib/libskc.so.0" ]; then ok "skc-app loads the installed libskc.so.0"; else fail "skc-app loads ${so:-no libskc}"; fi
    fi
  else
    fail "skc-app builds with pkg-config skc-1.0"
    echo "# $flags"
    sed 's/^/# /' "$dest/cc.log"
  fi
fi

# 4. GStreamer finds the element in the installed plugin directory (and only
# there: no GST_PLUGIN_PATH, a private registry).
if [ -n "$sanitize" ]; then
  skip "gst-inspect-1.0 sparseconv finds the installed plugin" "sanitizer build (b_sanitize=$sanitize)"
elif ! command -v gst-inspect-1.0 >/dev/null; then
  skip "gst-inspect-1.0 sparseconv finds the installed plugin" "gst-inspect-1.0 not found (gstreamer1.0-tools)"
else
  out=$(env -u GST_PLUGIN_PATH -u GST_PLUGIN_PATH_1_0 GST_PLUGIN_SYSTEM_PATH_1_0="$plugins" \
        GST_PLUGIN_SYSTEM_PATH="$plugins" GST_REGISTRY_1_0="$dest/registry.bin" GST_REGISTRY="$dest/registry.bin" \
        gst-inspect-1.0 sparseconv 2>&1)
  if grep -q "Filename *$plugins/libgstsparseconv.so" <<<"$out" && grep -q "Factory Details" <<<"$out"; then
    ok "gst-inspect-1.0 sparseconv finds the installed plugin"
  else
    fail "gst-inspect-1.0 sparseconv finds the installed plugin"
    sed 's/^/# /' <<<"$out" | head -20
  fi
fi

echo "1..$n"
[ $failed -eq 0 ]
