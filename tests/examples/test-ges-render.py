#!/usr/bin/python3
"""examples/ges/render-keyframed.py: a GES render of N frames decodes to
exactly N frames (Ogg and Matroska), and the keyframed radius shows: the
difference from the same timeline rendered with radius 0 grows frame by
frame from about nothing.  Exit 77 (skip) without PyGObject or GES."""
import os
import subprocess
import sys
import tempfile

try:
    import gi
    gi.require_version("Gst", "1.0")
    gi.require_version("GES", "1.0")
    gi.require_version("GstController", "1.0")
    gi.require_version("GstPbutils", "1.0")
    from gi.repository import GES, Gst  # noqa: F401
except (ImportError, ValueError) as e:
    print(f"skip: {e}")
    sys.exit(77)

SRC = os.environ["SKC_SOURCE_ROOT"]
N = 12


def render(out, *extra):
    run = subprocess.run([sys.executable, os.path.join(SRC, "examples/ges/render-keyframed.py"),
                          out, "--frames", str(N), *extra], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr


def decode(path):
    """Every decoded frame's luma (GRAY8 bytes), in order."""
    p = Gst.parse_launch(f'filesrc location="{path}" ! decodebin ! videoconvert '
                         f'! video/x-raw,format=GRAY8 ! appsink name=k sync=false')
    sink = p.get_by_name("k")
    p.set_state(Gst.State.PLAYING)
    frames = []
    while True:
        sample = sink.emit("pull-sample")
        if sample is None:
            break
        buf = sample.get_buffer()
        frames.append(buf.extract_dup(0, buf.get_size()))
    msg = p.get_bus().pop_filtered(Gst.MessageType.ERROR)
    p.set_state(Gst.State.NULL)
    assert msg is None, msg.parse_error()
    return frames


def mean_diff(a, b):
    return sum(abs(x - y) for x, y in zip(a, b)) / len(a)


def main():
    Gst.init(None)
    with tempfile.TemporaryDirectory() as d:
        ramp, flat, mkv = (os.path.join(d, n) for n in ("ramp.ogv", "flat.ogv", "ramp.mkv"))
        # One retry of a render that decodes short: CI once saw the radius-0 Ogg
        # render (the element passing its input through) end a frame short on
        # a loaded machine, not reproduced since (issue note, 2026-12-07).  A
        # render short twice fails.
        outs = []
        for path, extra in ((ramp, ()), (flat, ("--radius-to", "0")), (mkv, ("--mkv",))):
            for attempt in range(2):
                render(path, *extra)
                frames = decode(path)
                if len(frames) == N:
                    break
                print(f"{os.path.basename(path)}: {len(frames)} frames decoded, rendering again", file=sys.stderr)
            outs.append(frames)
        fr, ff, fm = outs
    print(f"frames rendered {N}, decoded: ogg {len(fr)}, ogg radius 0 {len(ff)}, mkv {len(fm)}")
    assert len(fr) == len(ff) == len(fm) == N
    diffs = [mean_diff(a, b) for a, b in zip(fr, ff)]
    print("mean |ramp - radius 0| a frame:", " ".join(f"{x:.2f}" for x in diffs))
    # Radius 0 at frame 0 in both: what differs is the encoder's (about 0.6).
    assert diffs[0] < 1, diffs
    assert diffs[-1] > 2.5 and diffs[-1] > 4 * diffs[0], diffs
    # Growing: each frame at least as far from the unfiltered as the one
    # before, give or take the encoder.
    assert all(b >= a - 0.2 for a, b in zip(diffs, diffs[1:])), diffs


main()
