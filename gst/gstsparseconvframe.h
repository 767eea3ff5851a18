/* sparseconv — a mapped GstVideoFrame as the engine's SkcFrame. */
#pragma once

#include <gst/video/video.h>
#include "skc-frame.h"

G_BEGIN_DECLS

/* The formats the element accepts, for its pad templates. */
#define GST_SPARSECONV_VIDEO_FORMATS \
  "{ RGBA, BGRA, ARGB, ABGR, RGBx, BGRx, xRGB, xBGR, RGB, BGR, AYUV, I420, YV12, Y42B, NV12, Y444, GRAY8, " \
  "GRAY16_LE, I420_10LE, I422_10LE, P010_10LE, Y444_10LE, Y444_16LE, RGBA64_LE }"

/* Describes the planes of a mapped frame; FALSE for a format the engine
 * does not handle. */
gboolean gst_sparseconv_frame_describe (SkcFrame *out, const GstVideoFrame *frame);

G_END_DECLS
