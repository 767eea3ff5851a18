/* Helpers shared by the element tests. */
#pragma once

#include <gst/gst.h>
#include <gst/video/video.h>
#include <stdlib.h>
#include <string.h>

/* TRUE when both buffers hold the same bytes. */
static inline gboolean
buffers_equal (GstBuffer *a, GstBuffer *b)
{
  GstMapInfo ma, mb;
  gboolean eq;

  gst_buffer_map (a, &ma, GST_MAP_READ);
  gst_buffer_map (b, &mb, GST_MAP_READ);
  eq = ma.size == mb.size && memcmp (ma.data, mb.data, ma.size) == 0;
  gst_buffer_unmap (b, &mb);
  gst_buffer_unmap (a, &ma);
  return eq;
}

/* A frame of an 8-bit format with value[c] in every sample of component c
 * (R, G, B, A or Y, U, V, A: the format's component order). */
static inline GstBuffer *
make_uniform_frame (const GstVideoInfo *info, const guint8 value[4], GstClockTime pts)
{
  GstBuffer *buf = gst_buffer_new_allocate (NULL, GST_VIDEO_INFO_SIZE (info), NULL);
  GstVideoFrame f;

  g_assert_cmpint (GST_VIDEO_FORMAT_INFO_BITS (info->finfo), ==, 8);
  gst_buffer_memset (buf, 0, 0, GST_VIDEO_INFO_SIZE (info));   /* row padding: defined, and not the value */
  gst_video_frame_map (&f, info, buf, GST_MAP_WRITE);
  for (guint c = 0; c < GST_VIDEO_FRAME_N_COMPONENTS (&f); c++)
    for (gint y = 0; y < GST_VIDEO_FRAME_COMP_HEIGHT (&f, c); y++) {
      guint8 *row = GST_VIDEO_FRAME_COMP_DATA (&f, c) + y * GST_VIDEO_FRAME_COMP_STRIDE (&f, c);

      for (gint x = 0; x < GST_VIDEO_FRAME_COMP_WIDTH (&f, c); x++)
        row[x * GST_VIDEO_FRAME_COMP_PSTRIDE (&f, c)] = value[c];
    }
  gst_video_frame_unmap (&f);
  GST_BUFFER_PTS (buf) = pts;
  GST_BUFFER_DURATION (buf) = GST_SECOND / 30;
  return buf;
}

/* Compares two frames of an 8-bit format sample by sample, each mapped by
 * its own video meta if it has one (row padding is not compared).  NULL when
 * no sample differs by more than tol, else the first that does: component,
 * position, both values. */
static inline gchar *
frame_difference (GstBuffer *got, GstBuffer *want, const GstVideoInfo *info, guint tol)
{
  GstVideoFrame fg, fw;
  gchar *msg = NULL;

  g_assert_cmpint (GST_VIDEO_FORMAT_INFO_BITS (info->finfo), ==, 8);
  g_assert_true (gst_video_frame_map (&fg, info, got, GST_MAP_READ));
  g_assert_true (gst_video_frame_map (&fw, info, want, GST_MAP_READ));
  for (guint c = 0; c < GST_VIDEO_FRAME_N_COMPONENTS (&fg) && !msg; c++)
    for (gint y = 0; y < GST_VIDEO_FRAME_COMP_HEIGHT (&fg, c) && !msg; y++) {
      const guint8 *rg = GST_VIDEO_FRAME_COMP_DATA (&fg, c) + y * GST_VIDEO_FRAME_COMP_STRIDE (&fg, c);
      const guint8 *rw = GST_VIDEO_FRAME_COMP_DATA (&fw, c) + y * GST_VIDEO_FRAME_COMP_STRIDE (&fw, c);
      gint ps = GST_VIDEO_FRAME_COMP_PSTRIDE (&fg, c);

      for (gint x = 0; x < GST_VIDEO_FRAME_COMP_WIDTH (&fg, c); x++)
        if ((guint) abs (rg[x * ps] - rw[x * ps]) > tol) {
          msg = g_strdup_printf ("component %u at (%d, %d): %u, want %u (tolerance %u)", c, x, y, rg[x * ps],
              rw[x * ps], tol);
          break;
        }
    }
  gst_video_frame_unmap (&fw);
  gst_video_frame_unmap (&fg);
  return msg;
}
