#!/usr/bin/python3
"""A GES timeline with sparseconv as an effect whose radius is keyframed,
rendered to Ogg/Theora (or Matroska with --mkv).

    GST_PLUGIN_PATH=build/gst examples/ges/render-keyframed.py out/ges-ramp.ogv

renders 12 frames (12/1 fps, 1 s) of videotestsrc through a hexagonal bokeh
whose radius goes linearly from 0 at the first frame to 12 px at the last.
"""
import argparse
import os
import sys

import gi

gi.require_version("Gst", "1.0")
gi.require_version("GES", "1.0")
gi.require_version("GstController", "1.0")
gi.require_version("GstPbutils", "1.0")
from gi.repository import GES, Gst, GstController, GstPbutils  # noqa: E402


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("out")
    ap.add_argument("--frames", type=int, default=12)
    ap.add_argument("--fps", type=int, default=12)
    ap.add_argument("--radius-from", type=float, default=0)
    ap.add_argument("--radius-to", type=float, default=12)
    ap.add_argument("--preset", default="hexagon")
    ap.add_argument("--mkv", action="store_true", help="Matroska/Theora instead of Ogg/Theora")
    args = ap.parse_args()

    # GST_PLUGIN_PATH must be in the environment before Gst.init: GES
    # builds effects from the registry made then.
    Gst.init(None)
    GES.init()
    if Gst.ElementFactory.find("sparseconv") is None:
        sys.exit("sparseconv not found: set GST_PLUGIN_PATH to the build's gst/ folder")

    frame = Gst.util_uint64_scale(Gst.SECOND, 1, args.fps)
    duration = frame * args.frames

    timeline = GES.Timeline.new()
    track = GES.VideoTrack.new()
    # The restriction caps fix the size and rate the track renders at.
    track.set_restriction_caps(Gst.Caps.from_string(
        f"video/x-raw,width=320,height=240,framerate={args.fps}/1"))
    timeline.add_track(track)
    layer = timeline.append_layer()
    clip = layer.add_asset(GES.Asset.request(GES.TestClip, None), 0, 0, duration,
                           GES.TrackType.VIDEO)
    clip.set_vpattern(GES.VideoTestPattern.SMPTE)

    # An effect is a bin description; its element's properties are the
    # effect's child properties.
    effect = GES.Effect.new(f"sparseconv preset={args.preset} radius={args.radius_from}")
    clip.add(effect)

    # Keyframes: times are the clip's (in-point relative); "direct-absolute"
    # takes the values in the property's own units (pixels), where "direct"
    # would want them scaled to 0..1 of the range 0..1000.
    cs = GstController.InterpolationControlSource()
    cs.set_property("mode", GstController.InterpolationMode.LINEAR)
    cs.set(0, args.radius_from)
    cs.set(duration - frame, args.radius_to)  # the last frame's time, not the end
    if not effect.set_control_source(cs, "radius", "direct-absolute"):
        sys.exit("could not bind the radius to a control source")

    timeline.commit_sync()

    container = "video/x-matroska" if args.mkv else "application/ogg"
    profile = GstPbutils.EncodingContainerProfile.new(None, None, Gst.Caps.from_string(container), None)
    profile.add_profile(GstPbutils.EncodingVideoProfile.new(
        Gst.Caps.from_string("video/x-theora"), None, None, 0))

    pipeline = GES.Pipeline()
    pipeline.set_timeline(timeline)
    pipeline.set_render_settings(Gst.filename_to_uri(os.path.abspath(args.out)), profile)
    pipeline.set_mode(GES.PipelineFlags.RENDER)
    pipeline.set_state(Gst.State.PLAYING)
    msg = pipeline.get_bus().timed_pop_filtered(
        Gst.CLOCK_TIME_NONE, Gst.MessageType.EOS | Gst.MessageType.ERROR)
    pipeline.set_state(Gst.State.NULL)
    if msg.type == Gst.MessageType.ERROR:
        err, dbg = msg.parse_error()
        sys.exit(f"{args.out}: {err.message} ({dbg})")
    print(args.out)


if __name__ == "__main__":
    main()
