#!/usr/bin/python3
"""examples/python/dof-batch.py on the bundled photo and depth map: the PNG is
written, is the photo's size, and differs from the photo where the depth map
is far from the focus, much more than where it is in focus.
Exit 77 (skip) without PyGObject or GStreamer's introspection data."""
import os
import subprocess
import sys
import tempfile

try:
    import gi
    gi.require_version("Gst", "1.0")
    from gi.repository import Gst
except (ImportError, ValueError) as e:
    print(f"skip: {e}")
    sys.exit(77)

SRC = os.environ["SKC_SOURCE_ROOT"]
FOCUS = 0.76


def load(path, fmt):
    """Decodes a PNG to raw bytes of fmt (RGB or GRAY8); returns (w, h, bytes)."""
    p = Gst.parse_launch(f'filesrc location="{path}" ! pngdec ! videoconvert '
                         f'! video/x-raw,format={fmt} ! appsink name=k')
    p.set_state(Gst.State.PLAYING)
    sample = p.get_by_name("k").emit("pull-sample")
    s = sample.get_caps().get_structure(0)
    buf = sample.get_buffer()
    data = buf.extract_dup(0, buf.get_size())
    p.set_state(Gst.State.NULL)
    return s.get_value("width"), s.get_value("height"), data


def main():
    Gst.init(None)
    image = os.path.join(SRC, "tests/data/astronaut.png")
    depth = os.path.join(SRC, "examples/data/astronaut-depth.png")
    with tempfile.TemporaryDirectory() as out:
        run = subprocess.run([sys.executable, os.path.join(SRC, "examples/python/dof-batch.py"),
                              image, depth, out, str(FOCUS)], capture_output=True, text=True)
        assert run.returncode == 0, run.stderr
        png = run.stdout.strip()
        assert png == os.path.join(out, "dof-0.76.png") and os.path.exists(png), run.stdout
        w, h, got = load(png, "RGB")
        iw, ih, src = load(image, "RGB")
        dw, dh, dep = load(depth, "GRAY8")
    assert (w, h) == (iw, ih) == (dw, dh), (w, h, iw, ih, dw, dh)
    stride = (w * 3 + 3) & ~3  # GStreamer rows are 4-byte aligned
    sums = {"in": [0, 0], "out": [0, 0]}
    for y in range(h):
        for x in range(w):
            gap = abs(dep[y * ((w + 3) & ~3) + x] / 255 - FOCUS)
            # In the focus band (half-width 0.03) the radius is 0; 0.3 away
            # it is max-radius.
            key = "in" if gap < 0.02 else "out" if gap > 0.3 else None
            if key:
                o = y * stride + x * 3
                sums[key][0] += sum(abs(got[o + c] - src[o + c]) for c in range(3)) / 3
                sums[key][1] += 1
    d_in = sums["in"][0] / max(sums["in"][1], 1)
    d_out = sums["out"][0] / max(sums["out"][1], 1)
    print(f"pixels in focus {sums['in'][1]}: mean |out - in| {d_in:.2f}; "
          f"out of focus {sums['out'][1]}: {d_out:.2f}")
    assert sums["in"][1] > 1000 and sums["out"][1] > 1000, sums
    assert d_out > 4 and d_out > 4 * d_in, (d_in, d_out)


main()
