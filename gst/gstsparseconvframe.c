/* sparseconv — a mapped GstVideoFrame as the engine's SkcFrame. */
#include "gstsparseconvframe.h"

/* Bit c set when sample c of a packed RGB pixel is R, G or B: those channels
 * are decoded to linear light when asked; alpha and padding never are. */
static guint
packed_rgb_mask (const GstVideoFormatInfo *finfo, gsize bytes)
{
  guint mask = 0;

  if (!GST_VIDEO_FORMAT_INFO_IS_RGB (finfo))
    return 0;
  for (guint c = 0; c < 3; c++)
    mask |= 1u << (GST_VIDEO_FORMAT_INFO_POFFSET (finfo, c) / bytes);
  return mask;
}

gboolean
gst_sparseconv_frame_describe (SkcFrame *out, const GstVideoFrame *frame)
{
  const GstVideoFormatInfo *finfo = frame->info.finfo;
  gint w = GST_VIDEO_FRAME_WIDTH (frame), h = GST_VIDEO_FRAME_HEIGHT (frame);
  guint8 *data[SKC_FRAME_MAX_PLANES] = { NULL };
  gsize stride[SKC_FRAME_MAX_PLANES] = { 0 };
  SkcLayout layout;
  SkcSamples samples = SKC_SAMPLES_8;
  gint channels = 1;

  for (guint p = 0; p < GST_VIDEO_FRAME_N_PLANES (frame) && p < SKC_FRAME_MAX_PLANES; p++) {
    data[p] = GST_VIDEO_FRAME_PLANE_DATA (frame, p);
    stride[p] = GST_VIDEO_FRAME_PLANE_STRIDE (frame, p);
  }
  switch (GST_VIDEO_FRAME_FORMAT (frame)) {
    case GST_VIDEO_FORMAT_RGBA: case GST_VIDEO_FORMAT_BGRA:
    case GST_VIDEO_FORMAT_ARGB: case GST_VIDEO_FORMAT_ABGR:
    case GST_VIDEO_FORMAT_RGBx: case GST_VIDEO_FORMAT_BGRx:
    case GST_VIDEO_FORMAT_xRGB: case GST_VIDEO_FORMAT_xBGR:
    case GST_VIDEO_FORMAT_RGB: case GST_VIDEO_FORMAT_BGR:
    case GST_VIDEO_FORMAT_AYUV: case GST_VIDEO_FORMAT_GRAY8:
      layout = SKC_LAYOUT_PACKED;
      channels = GST_VIDEO_FRAME_COMP_PSTRIDE (frame, 0);
      break;
    case GST_VIDEO_FORMAT_I420:
    case GST_VIDEO_FORMAT_YV12:
      /* U and V are filtered alike, so YV12's swapped order needs nothing. */
      layout = SKC_LAYOUT_I420;
      break;
    case GST_VIDEO_FORMAT_NV12:
      layout = SKC_LAYOUT_NV12;
      break;
    case GST_VIDEO_FORMAT_Y444:
      layout = SKC_LAYOUT_Y444;
      break;
    case GST_VIDEO_FORMAT_Y42B:
      layout = SKC_LAYOUT_I422;
      break;
#if G_BYTE_ORDER == G_LITTLE_ENDIAN
    /* On the main pad too, so that gst-launch links GRAY16_LE video to
     * `sink` rather than to a requested `depth` pad with no video. */
    case GST_VIDEO_FORMAT_GRAY16_LE:
      layout = SKC_LAYOUT_GRAY16;
      break;
    /* Little-endian 16-bit containers are the engine's native ones here. */
    case GST_VIDEO_FORMAT_I420_10LE:
      layout = SKC_LAYOUT_I420;
      samples = SKC_SAMPLES_10;
      break;
    case GST_VIDEO_FORMAT_I422_10LE:
      layout = SKC_LAYOUT_I422;
      samples = SKC_SAMPLES_10;
      break;
    case GST_VIDEO_FORMAT_Y444_10LE:
      layout = SKC_LAYOUT_Y444;
      samples = SKC_SAMPLES_10;
      break;
    case GST_VIDEO_FORMAT_P010_10LE:
      layout = SKC_LAYOUT_NV12;
      samples = SKC_SAMPLES_10_MSB;
      break;
    case GST_VIDEO_FORMAT_Y444_16LE:
      layout = SKC_LAYOUT_Y444;
      samples = SKC_SAMPLES_16;
      break;
    case GST_VIDEO_FORMAT_RGBA64_LE:
      layout = SKC_LAYOUT_PACKED;
      samples = SKC_SAMPLES_16;
      channels = 4;
      break;
#endif
    default:
      return FALSE;
  }
  return skc_frame_init_samples (out, layout, samples, w, h, channels,
      packed_rgb_mask (finfo, samples == SKC_SAMPLES_8 ? 1 : 2), data, stride);
}
