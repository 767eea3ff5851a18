/* Helpers shared by the element tests. */
#pragma once

#include <gst/gst.h>
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
