#!/usr/bin/python3
"""Batch depth of field with PyGObject: one photo and its depth map through
sparseconv, one PNG a focus depth.

    GST_PLUGIN_PATH=build/gst examples/python/dof-batch.py \
        tests/data/astronaut.png examples/data/astronaut-depth.png out/ 0.2 0.76

writes out/dof-0.20.png and out/dof-0.76.png and prints their paths.
"""
import argparse
import os
import sys

import gi

gi.require_version("Gst", "1.0")
from gi.repository import Gst  # noqa: E402


def render(image, depth, out, focus, preset, max_radius):
    # The image and the depth map each frozen to one frame: the element pairs
    # a sink frame with the depth frame of the same time.
    desc = (
        f'sparseconv name=s preset={preset} depth-mode=depth focus-depth={focus} '
        f'focus-range=0.06 max-radius={max_radius} '
        f'! videoconvert ! pngenc ! filesink location="{out}" '
        f'filesrc location="{image}" ! pngdec ! videoconvert ! imagefreeze num-buffers=1 ! s.sink '
        f'filesrc location="{depth}" ! pngdec ! videoconvert ! video/x-raw,format=GRAY8 '
        f'! imagefreeze num-buffers=1 ! s.depth'
    )
    pipeline = Gst.parse_launch(desc)
    pipeline.set_state(Gst.State.PLAYING)
    msg = pipeline.get_bus().timed_pop_filtered(
        Gst.CLOCK_TIME_NONE, Gst.MessageType.EOS | Gst.MessageType.ERROR)
    pipeline.set_state(Gst.State.NULL)
    if msg.type == Gst.MessageType.ERROR:
        err, dbg = msg.parse_error()
        raise RuntimeError(f"{out}: {err.message} ({dbg})")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("image")
    ap.add_argument("depth", help="GRAY depth map, white = near")
    ap.add_argument("outdir")
    ap.add_argument("focus", nargs="+", type=float, help="focus depths, 0 = far .. 1 = near")
    ap.add_argument("--preset", default="hexagon")
    ap.add_argument("--max-radius", type=float, default=18)
    args = ap.parse_args()

    Gst.init(None)
    if Gst.ElementFactory.find("sparseconv") is None:
        sys.exit("sparseconv not found: set GST_PLUGIN_PATH to the build's gst/ folder")
    os.makedirs(args.outdir, exist_ok=True)
    for f in args.focus:
        out = os.path.join(args.outdir, f"dof-{f:.2f}.png")
        render(os.path.abspath(args.image), os.path.abspath(args.depth), out, f,
               args.preset, args.max_radius)
        print(out)


if __name__ == "__main__":
    main()
