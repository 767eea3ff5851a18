/* The sparseconv element through GstHarness: every format against the
 * double-precision reference of the same complex, passthrough, metadata,
 * the depth pad's synchronisation (non-live and live), depth EOS, pads
 * requested and released while streaming, property changes, controller
 * bindings, the angle's direction, QoS, bad presets, refused caps, and real
 * pipelines. */
#include <gst/gst.h>
#include <gst/check/gstharness.h>
#include <gst/controller/gstinterpolationcontrolsource.h>
#include <gst/controller/gstdirectcontrolbinding.h>
#include <gst/video/video.h>
#include <glib/gstdio.h>

#include "skc.h"
#include "test-buffers.h"

#include <math.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <string.h>
#include <sys/stat.h>

#define W 67
#define H 45

static SkcFamily *
load_family (const gchar *name)
{
  SkcFamily *f = skc_preset_lookup (name, NULL);

  g_assert_nonnull (f);
  return f;
}

static gchar *
caps_string (const gchar *format, gint w, gint h, gint fps)
{
  return g_strdup_printf ("video/x-raw,format=%s,width=%d,height=%d,framerate=%d/1", format, w, h, fps);
}

/* A frame of smooth content with some noise, never saturated. */
static GstBuffer *
make_frame (const gchar *format, gint w, gint h, guint seed, GstClockTime pts, GstClockTime duration)
{
  GstVideoInfo info;
  GstBuffer *buf;
  GstMapInfo map;
  g_autoptr (GRand) rand = g_rand_new_with_seed (seed);

  gst_video_info_set_format (&info, gst_video_format_from_string (format), w, h);
  buf = gst_buffer_new_allocate (NULL, GST_VIDEO_INFO_SIZE (&info), NULL);
  gst_buffer_map (buf, &map, GST_MAP_WRITE);
  for (gsize i = 0; i < map.size; i++)
    map.data[i] = (guint8) (128 + 50 * sin (i * 0.37 + seed) + 40 * sin (i * 0.013) +
        g_rand_int_range (rand, -20, 20));
  gst_buffer_unmap (buf, &map);
  GST_BUFFER_PTS (buf) = pts;
  GST_BUFFER_DURATION (buf) = duration;
  return buf;
}

static GstBuffer *
make_depth (const gchar *format, gint w, gint h, guint16 value, GstClockTime pts, GstClockTime duration)
{
  GstVideoInfo info;
  GstVideoFrame f;
  GstBuffer *buf;

  gst_video_info_set_format (&info, gst_video_format_from_string (format), w, h);
  buf = gst_buffer_new_allocate (NULL, GST_VIDEO_INFO_SIZE (&info), NULL);
  gst_video_frame_map (&f, &info, buf, GST_MAP_WRITE);
  for (gint y = 0; y < h; y++) {
    guint8 *row = (guint8 *) GST_VIDEO_FRAME_PLANE_DATA (&f, 0) + y * GST_VIDEO_FRAME_PLANE_STRIDE (&f, 0);

    for (gint x = 0; x < w; x++) {
      if (info.finfo->format == GST_VIDEO_FORMAT_GRAY8)
        row[x] = (guint8) value;
      else
        ((guint16 *) row)[x] = GUINT16_TO_LE (value);
    }
  }
  gst_video_frame_unmap (&f);
  GST_BUFFER_PTS (buf) = pts;
  GST_BUFFER_DURATION (buf) = duration;
  return buf;
}

/* Max |out − reference| in 8-bit levels over every plane: each plane's
 * bytes (all of a pixel's bytes, padding included) filtered in doubles by
 * the complex, scaled by one half on subsampled chroma. */
static gint
frame_error (const gchar *format, gint w, gint h, GstBuffer *inbuf, GstBuffer *outbuf, const SkcComplex *c)
{
  GstVideoInfo info;
  GstVideoFrame in, out;
  gint worst = 0;

  gst_video_info_set_format (&info, gst_video_format_from_string (format), w, h);
  g_assert_true (gst_video_frame_map (&in, &info, inbuf, GST_MAP_READ));
  g_assert_true (gst_video_frame_map (&out, &info, outbuf, GST_MAP_READ));
  for (guint p = 0; p < GST_VIDEO_FRAME_N_PLANES (&in); p++) {
    gint comp = 0;

    while (GST_VIDEO_FRAME_COMP_PLANE (&in, comp) != p)
      comp++;
    {
      gint pw = GST_VIDEO_FRAME_COMP_WIDTH (&in, comp), ph = GST_VIDEO_FRAME_COMP_HEIGHT (&in, comp);
      gint ch = GST_VIDEO_FRAME_COMP_PSTRIDE (&in, comp);
      gsize is = GST_VIDEO_FRAME_PLANE_STRIDE (&in, p), os = GST_VIDEO_FRAME_PLANE_STRIDE (&out, p);
      const guint8 *id = GST_VIDEO_FRAME_PLANE_DATA (&in, p), *od = GST_VIDEO_FRAME_PLANE_DATA (&out, p);
      g_autoptr (SkcImage) img = skc_image_new (pw, ph, ch), ref = NULL;
      g_autoptr (SkcComplex) scaled = skc_complex_copy (c);

      if (pw < w)
        skc_complex_scale (scaled, 0.5);
      for (gint y = 0; y < ph; y++)
        for (gint i = 0; i < pw * ch; i++)
          img->data[(gsize) y * pw * ch + i] = id[y * is + i] / 255.0;
      ref = skc_reference_filter_complex (img, scaled);
      for (gint y = 0; y < ph; y++)
        for (gint i = 0; i < pw * ch; i++) {
          gint r = (gint) CLAMP (round (ref->data[(gsize) y * pw * ch + i] * 255), 0, 255);

          worst = MAX (worst, abs (od[y * os + i] - r));
        }
    }
  }
  gst_video_frame_unmap (&out);
  gst_video_frame_unmap (&in);
  return worst;
}

/* Measured 7 (hexagon, 5.5 px, 40×30); one 8-bit level is 257. */
#define GRAY16_BOUND 16

/* The harness of most tests: their references filter the samples as coded,
 * so linear light (the default, checked by /element/linear-light) is off. */
static GstHarness *
video_harness (const gchar *format, gint w, gint h, gint fps)
{
  GstHarness *harness = gst_harness_new ("sparseconv");
  g_autofree gchar *caps = caps_string (format, w, h, fps);

  gst_harness_set (harness, "sparseconv", "linear-light", FALSE, NULL);
  gst_harness_set_src_caps_str (harness, caps);
  return harness;
}

/* ---- every format against the reference --------------------------------- */

static void
test_formats (void)
{
  const gchar *formats[] = { "RGBA", "BGRA", "ARGB", "ABGR", "RGBx", "BGRx", "xRGB", "xBGR", "RGB", "BGR",
    "AYUV", "I420", "YV12", "NV12", "Y444", "GRAY8" };
  g_autoptr (SkcFamily) family = load_family ("hexagon");
  g_autoptr (SkcComplex) c = skc_varying_level_complex (family, 5.5);

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++) {
    GstHarness *h = video_harness (formats[i], W, H, 30);
    GstBuffer *in = make_frame (formats[i], W, H, i, 0, GST_SECOND / 30);
    GstBuffer *out;
    gint err;

    gst_harness_set (h, "sparseconv", "preset", "hexagon", "radius", 5.5, NULL);
    g_assert_cmpint (gst_harness_push (h, gst_buffer_ref (in)), ==, GST_FLOW_OK);
    out = gst_harness_pull (h);
    g_assert_nonnull (out);
    err = frame_error (formats[i], W, H, in, out, c);
    g_test_message ("%s: max error %d", formats[i], err);
    /* The engine's bound: one rounding per layer in Q14, ≤ 1 level. */
    g_assert_cmpint (err, <=, 1);
    gst_buffer_unref (out);
    gst_buffer_unref (in);
    gst_harness_teardown (h);
  }
}

/* GRAY16_LE is video on the main pad (gst-launch links it to `sink`, not to
 * a requested `depth` pad that would wait for video forever), filtered at
 * 16 bits against the double reference. */
static void
test_gray16_video (void)
{
  const gint w = 40, h = 30;
  GstElement *e = gst_element_factory_make ("sparseconv", NULL);
  g_autoptr (GstCaps) caps = gst_caps_from_string ("video/x-raw,format=GRAY16_LE,width=40,height=30,framerate=30/1");
  GstPadTemplate *templ = gst_pad_template_new ("probe", GST_PAD_SRC, GST_PAD_ALWAYS, caps);
  GstPad *probe = gst_pad_new_from_template (templ, "probe"), *peer;
  g_autoptr (SkcFamily) family = load_family ("hexagon");
  g_autoptr (SkcComplex) c = skc_varying_level_complex (family, 5.5);
  g_autoptr (SkcImage) img = skc_image_new (w, h, 1), ref = NULL;
  GstHarness *hs;
  GstBuffer *in, *out;
  GstMapInfo mi, mo;
  gint worst = 0;

  peer = gst_element_get_compatible_pad (e, probe, caps);
  g_assert_nonnull (peer);
  g_assert_cmpstr (GST_PAD_NAME (peer), ==, "sink");
  gst_object_unref (peer);
  gst_object_unref (probe);
  gst_object_unref (templ);
  gst_object_unref (e);

  hs = video_harness ("GRAY16_LE", w, h, 30);
  gst_harness_set (hs, "sparseconv", "preset", "hexagon", "radius", 5.5, NULL);
  in = gst_buffer_new_allocate (NULL, (gsize) w * h * 2, NULL);
  gst_buffer_map (in, &mi, GST_MAP_WRITE);
  for (gint i = 0; i < w * h; i++) {
    guint16 v = (guint16) (32768 + 20000 * sin (i * 0.37) + 9000 * sin (i * 0.011));

    ((guint16 *) mi.data)[i] = GUINT16_TO_LE (v);
    img->data[i] = v / 65535.0;
  }
  gst_buffer_unmap (in, &mi);
  GST_BUFFER_PTS (in) = 0;
  GST_BUFFER_DURATION (in) = GST_SECOND / 30;
  g_assert_cmpint (gst_harness_push (hs, in), ==, GST_FLOW_OK);
  out = gst_harness_pull (hs);
  g_assert_nonnull (out);
  ref = skc_reference_filter_complex (img, c);
  gst_buffer_map (out, &mo, GST_MAP_READ);
  for (gint i = 0; i < w * h; i++) {
    gint r = (gint) CLAMP (round (ref->data[i] * 65535), 0, 65535);

    worst = MAX (worst, abs ((gint) GUINT16_FROM_LE (((guint16 *) mo.data)[i]) - r));
  }
  gst_buffer_unmap (out, &mo);
  g_test_message ("GRAY16_LE: max error %d of 65535", worst);
  /* Much finer than one 8-bit level (257): filtered at 16 bits. */
  g_assert_cmpint (worst, <=, GRAY16_BOUND);
  gst_buffer_unref (out);
  gst_harness_teardown (hs);
}

/* Linear light, the default: against the reference in linear light (sRGB
 * decode, filter, encode) on the RGB channels; alpha stays coded. */
static void
test_linear_light (void)
{
  g_autoptr (SkcFamily) family = load_family ("disc");
  g_autoptr (SkcComplex) c = skc_varying_level_complex (family, 4);
  GstHarness *h = gst_harness_new ("sparseconv");
  g_autofree gchar *caps = caps_string ("RGBA", W, H, 30);
  GstBuffer *in = make_frame ("RGBA", W, H, 7, 0, GST_SECOND / 30), *out;
  GstMapInfo mi, mo;
  g_autoptr (SkcImage) img = skc_image_new (W, H, 4), ref = NULL;
  gint worst = 0;
  gboolean linear = FALSE;

  gst_harness_set_src_caps_str (h, caps);
  gst_harness_set (h, "sparseconv", "preset", "disc", "radius", 4.0, NULL);
  gst_harness_get (h, "sparseconv", "linear-light", &linear, NULL);
  g_assert_true (linear);
  gst_harness_push (h, gst_buffer_ref (in));
  out = gst_harness_pull (h);
  gst_buffer_map (in, &mi, GST_MAP_READ);
  gst_buffer_map (out, &mo, GST_MAP_READ);
  for (gint i = 0; i < W * H * 4; i++) {
    gdouble v = mi.data[i] / 255.0;

    img->data[i] = i % 4 == 3 ? v : (v <= 0.04045 ? v / 12.92 : pow ((v + 0.055) / 1.055, 2.4));
  }
  ref = skc_reference_filter_complex (img, c);
  for (gint i = 0; i < W * H * 4; i++) {
    gdouble v = CLAMP (ref->data[i], 0, 1);
    gdouble e = i % 4 == 3 ? v : (v <= 0.0031308 ? 12.92 * v : 1.055 * pow (v, 1 / 2.4) - 0.055);

    worst = MAX (worst, abs (mo.data[i] - (gint) round (e * 255)));
  }
  gst_buffer_unmap (out, &mo);
  gst_buffer_unmap (in, &mi);
  g_test_message ("linear light: max error %d", worst);
  /* Dark values lose precision through the 16-bit linear planes. */
  g_assert_cmpint (worst, <=, 2);
  gst_buffer_unref (out);
  gst_buffer_unref (in);
  gst_harness_teardown (h);
}

/* ---- passthrough and metadata ------------------------------------------ */

static void
test_passthrough (void)
{
  GstHarness *h = video_harness ("I420", W, H, 30);
  GstBuffer *in = make_frame ("I420", W, H, 1, 0, GST_SECOND / 30), *out;

  gst_harness_set (h, "sparseconv", "radius", 0.0, NULL);
  gst_harness_push (h, gst_buffer_ref (in));
  out = gst_harness_pull (h);
  /* No copy: the very same buffer. */
  g_assert_true (out == in);
  gst_buffer_unref (out);
  gst_buffer_unref (in);
  gst_harness_teardown (h);
}

static void
test_metadata (void)
{
  GstHarness *h = video_harness ("RGBx", W, H, 30);
  GstBuffer *in = make_frame ("RGBx", W, H, 2, 5 * GST_SECOND, GST_SECOND / 30), *out;
  g_autoptr (GstCaps) ref_caps = gst_caps_new_empty_simple ("timestamp/x-test");
  GstReferenceTimestampMeta *meta;

  GST_BUFFER_DTS (in) = 4 * GST_SECOND;
  GST_BUFFER_OFFSET (in) = 150;
  GST_BUFFER_FLAG_SET (in, GST_BUFFER_FLAG_DISCONT | GST_BUFFER_FLAG_MARKER);
  gst_buffer_add_reference_timestamp_meta (in, ref_caps, 1234, 5678);
  gst_harness_push (h, in);
  out = gst_harness_pull (h);
  g_assert_cmpuint (GST_BUFFER_PTS (out), ==, 5 * GST_SECOND);
  g_assert_cmpuint (GST_BUFFER_DTS (out), ==, 4 * GST_SECOND);
  g_assert_cmpuint (GST_BUFFER_DURATION (out), ==, GST_SECOND / 30);
  g_assert_cmpuint (GST_BUFFER_OFFSET (out), ==, 150);
  g_assert_true (GST_BUFFER_FLAG_IS_SET (out, GST_BUFFER_FLAG_DISCONT));
  g_assert_true (GST_BUFFER_FLAG_IS_SET (out, GST_BUFFER_FLAG_MARKER));
  meta = gst_buffer_get_reference_timestamp_meta (out, ref_caps);
  g_assert_nonnull (meta);
  g_assert_cmpuint (meta->timestamp, ==, 1234);
  g_assert_cmpuint (meta->duration, ==, 5678);
  gst_buffer_unref (out);
  gst_harness_teardown (h);
}

/* ---- depth pad ---------------------------------------------------------- */

#define VIDEO_PERIOD (GST_SECOND / 30)
#define DEPTH_PERIOD (GST_SECOND / 10)
/* Exact frame times (i · 1 s / 30 rounded down), so frame 3 starts with depth frame 1. */
#define VIDEO_PTS(i) gst_util_uint64_scale_int (GST_SECOND, (i), 30)

/* Mask mode with max-radius 4: a depth frame of 0 leaves the video as it
 * is, a frame of full scale blurs it with the family at radius 4. */
static void
check_output (GstBuffer *in, GstBuffer *out, gboolean blurred, const SkcComplex *c4)
{
  if (!blurred) {
    g_assert_true (buffers_equal (in, out));
  } else {
    g_assert_false (buffers_equal (in, out));
    g_assert_cmpint (frame_error ("GRAY8", 32, 24, in, out, c4), <=, 1);
  }
}

static GstHarness *
depth_setup (GstHarness **dh, const gchar *depth_format)
{
  GstHarness *h = video_harness ("GRAY8", 32, 24, 30);
  g_autofree gchar *dcaps = caps_string (depth_format, 16, 12, 10);

  gst_harness_set (h, "sparseconv", "preset", "disc", "depth-mode", 1, "max-radius", 4.0, "radius", 0.0, NULL);
  *dh = gst_harness_new_with_element (h->element, "depth", NULL);
  gst_harness_set_src_caps_str (*dh, dcaps);
  return h;
}

/* Non-live: each video frame waits until the depth frame that belongs to it
 * is confirmed (a later one has arrived), then uses the newest depth frame
 * that starts no later than it: depth at 10 fps and quarter size, video at
 * 30 fps. */
static void
test_depth_sync (void)
{
  GstHarness *dh, *h = depth_setup (&dh, "GRAY8");
  g_autoptr (SkcFamily) family = load_family ("disc");
  g_autoptr (SkcComplex) c4 = skc_varying_level_complex (family, 4);
  const guint8 values[] = { 0, 255, 0, 255 };
  GstBuffer *frames[9];

  for (guint i = 0; i < 9; i++)
    frames[i] = make_frame ("GRAY8", 32, 24, i, VIDEO_PTS (i), VIDEO_PERIOD);

  gst_harness_push (h, gst_buffer_ref (frames[0]));
  gst_harness_push (dh, make_depth ("GRAY8", 16, 12, values[0], 0, DEPTH_PERIOD));
  /* Depth 0 may still be followed by another depth frame at time 0. */
  g_usleep (100000);
  g_assert_null (gst_harness_try_pull (h));
  gst_harness_push (dh, make_depth ("GRAY8", 16, 12, values[1], DEPTH_PERIOD, DEPTH_PERIOD));
  for (guint i = 0; i < 9; i++) {
    GstBuffer *out;

    if (i > 0)
      gst_harness_push (h, gst_buffer_ref (frames[i]));
    if (i == 3)
      gst_harness_push (dh, make_depth ("GRAY8", 16, 12, values[2], 2 * DEPTH_PERIOD, DEPTH_PERIOD));
    if (i == 6)
      gst_harness_push (dh, make_depth ("GRAY8", 16, 12, values[3], 3 * DEPTH_PERIOD, DEPTH_PERIOD));
    out = gst_harness_pull (h);
    g_assert_nonnull (out);
    g_assert_cmpuint (GST_BUFFER_PTS (out), ==, VIDEO_PTS (i));
    g_test_message ("video frame %u: depth frame %u", i, i / 3);
    check_output (frames[i], out, values[i / 3] != 0, c4);
    gst_buffer_unref (out);
  }
  for (guint i = 0; i < 9; i++)
    gst_buffer_unref (frames[i]);
  gst_harness_teardown (dh);
  gst_harness_teardown (h);
}

/* The depth stream ends early: its last frame stays in use and the video
 * never waits for it again. */
static void
test_depth_eos (void)
{
  GstHarness *dh, *h = depth_setup (&dh, "GRAY16_LE");
  g_autoptr (SkcFamily) family = load_family ("disc");
  g_autoptr (SkcComplex) c4 = skc_varying_level_complex (family, 4);

  gst_harness_push (dh, make_depth ("GRAY16_LE", 16, 12, 65535, 0, DEPTH_PERIOD));
  g_assert_true (gst_harness_push_event (dh, gst_event_new_eos ()));
  for (guint i = 0; i < 20; i++) {
    GstBuffer *in = make_frame ("GRAY8", 32, 24, i, VIDEO_PTS (i), VIDEO_PERIOD), *out;

    gst_harness_push (h, gst_buffer_ref (in));
    out = gst_harness_pull (h);
    check_output (in, out, TRUE, c4);
    gst_buffer_unref (out);
    gst_buffer_unref (in);
  }
  g_assert_true (gst_harness_push_event (h, gst_event_new_eos ()));
  gst_harness_teardown (dh);
  gst_harness_teardown (h);
}

/* Live: the element waits at most its latency (one depth period) for depth,
 * then goes on with what it has — here nothing yet, so the frame passes at
 * radius 0 — and later reuses the last depth frame. */
static void
test_depth_live (void)
{
  GstHarness *dh, *h = depth_setup (&dh, "GRAY8");
  g_autoptr (SkcFamily) family = load_family ("disc");
  g_autoptr (SkcComplex) c4 = skc_varying_level_complex (family, 4);
  GstBuffer *in, *out;

  gst_harness_set_live (h, TRUE);
  gst_harness_set_live (dh, TRUE);
  gst_harness_use_testclock (h);
  /* The element reports one depth period of latency. */
  g_assert_cmpuint (gst_harness_query_latency (h), >=, DEPTH_PERIOD);

  in = make_frame ("GRAY8", 32, 24, 1, 0, VIDEO_PERIOD);
  gst_harness_push (h, gst_buffer_ref (in));
  g_assert_true (gst_harness_crank_single_clock_wait (h));
  out = gst_harness_pull (h);
  check_output (in, out, FALSE, c4);
  gst_buffer_unref (out);
  gst_buffer_unref (in);

  gst_harness_push (dh, make_depth ("GRAY8", 16, 12, 255, VIDEO_PERIOD, DEPTH_PERIOD));
  for (guint i = 1; i < 4; i++) {
    in = make_frame ("GRAY8", 32, 24, i, VIDEO_PTS (i), VIDEO_PERIOD);
    gst_harness_push (h, gst_buffer_ref (in));
    /* Nothing confirms the depth frame but the timeout. */
    g_assert_true (gst_harness_crank_single_clock_wait (h));
    out = gst_harness_pull (h);
    g_assert_cmpuint (GST_BUFFER_PTS (out), ==, VIDEO_PTS (i));
    check_output (in, out, TRUE, c4);
    gst_buffer_unref (out);
    gst_buffer_unref (in);
  }
  gst_harness_teardown (dh);
  gst_harness_teardown (h);
}

/* The depth pad requested and released while frames flow: with it the
 * mask drives the blur, without it the radius property does. */
static void
test_depth_request_release (void)
{
  GstHarness *h = video_harness ("GRAY8", 32, 24, 30);
  g_autoptr (SkcFamily) family = load_family ("disc");
  g_autoptr (SkcComplex) c4 = skc_varying_level_complex (family, 4);
  guint n = 0;

  gst_harness_set (h, "sparseconv", "preset", "disc", "depth-mode", 1, "max-radius", 4.0, "radius", 0.0, NULL);
  for (guint round = 0; round < 3; round++) {
    GstHarness *dh = gst_harness_new_with_element (h->element, "depth", NULL);
    GstBuffer *in, *out;

    gst_harness_set_src_caps_str (dh, "video/x-raw,format=GRAY8,width=8,height=8,framerate=0/1");
    gst_harness_push (dh, make_depth ("GRAY8", 8, 8, 255, 0, GST_CLOCK_TIME_NONE));
    gst_harness_push_event (dh, gst_event_new_eos ());
    for (guint i = 0; i < 3; i++, n++) {
      in = make_frame ("GRAY8", 32, 24, n, VIDEO_PTS (n), VIDEO_PERIOD);
      gst_harness_push (h, gst_buffer_ref (in));
      out = gst_harness_pull (h);
      check_output (in, out, TRUE, c4);
      gst_buffer_unref (out);
      gst_buffer_unref (in);
    }
    gst_harness_teardown (dh);   /* releases the request pad */
    g_assert_null (gst_element_get_static_pad (h->element, "depth"));
    in = make_frame ("GRAY8", 32, 24, n, VIDEO_PTS (n), VIDEO_PERIOD);
    n++;
    gst_harness_push (h, gst_buffer_ref (in));
    out = gst_harness_pull (h);
    check_output (in, out, FALSE, c4);
    gst_buffer_unref (out);
    gst_buffer_unref (in);
  }
  gst_harness_teardown (h);
}

/* ---- properties while streaming ---------------------------------------- */

static void
test_property_changes (void)
{
  GstHarness *h = video_harness ("RGB", W, H, 30);
  g_autoptr (SkcFamily) hex = load_family ("hexagon");
  g_autoptr (SkcFamily) star = load_family ("star");
  const struct { const gchar *preset; gdouble radius, angle, aspect; } steps[] = {
    { "hexagon", 3, 0, 1 }, { "hexagon", 7.25, 0, 1 }, { "star", 7.25, 0, 1 },
    { "star", 6, 30, 1 }, { "hexagon", 6, 0, 0.5 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++) {
    GstBuffer *in = make_frame ("RGB", W, H, i, VIDEO_PTS (i), VIDEO_PERIOD), *out;
    g_autoptr (SkcComplex) c = skc_varying_level_complex (steps[i].preset[0] == 's' ? star : hex,
        steps[i].radius);

    skc_complex_scale_xy (c, steps[i].aspect, 1);
    skc_complex_rotate (c, steps[i].angle);
    gst_harness_set (h, "sparseconv", "preset", steps[i].preset, "radius", steps[i].radius,
        "angle", steps[i].angle, "aspect", steps[i].aspect, NULL);
    gst_harness_push (h, gst_buffer_ref (in));
    out = gst_harness_pull (h);
    g_assert_cmpint (frame_error ("RGB", W, H, in, out, c), <=, 1);
    gst_buffer_unref (out);
    gst_buffer_unref (in);
  }
  gst_harness_teardown (h);
}

/* Controller bindings: the property takes its value at the frame's time. */
/* A stream whose segment is in bytes (multifilesrc without a parser): its
 * frames are filtered as they come — none dropped as "outside the segment",
 * no time asked of a bytes segment — and match the same frames in time. */
static void
test_bytes_segment (void)
{
  GstHarness *timed = video_harness ("RGBA", 24, 16, 30), *bytes = video_harness ("RGBA", 24, 16, 30);
  GstSegment segment;

  gst_segment_init (&segment, GST_FORMAT_BYTES);
  g_assert_true (gst_harness_push_event (bytes, gst_event_new_segment (&segment)));
  for (guint k = 0; k < 3; k++) {
    GstBuffer *in = make_frame ("RGBA", 24, 16, k, k * GST_SECOND / 30, GST_SECOND / 30);
    GstBuffer *a, *b;

    gst_harness_set (timed, "sparseconv", "preset", "hexagon", "radius", 3.0 + k, NULL);
    gst_harness_set (bytes, "sparseconv", "preset", "hexagon", "radius", 3.0 + k, NULL);
    g_assert_cmpint (gst_harness_push (timed, gst_buffer_ref (in)), ==, GST_FLOW_OK);
    g_assert_cmpint (gst_harness_push (bytes, gst_buffer_ref (in)), ==, GST_FLOW_OK);
    a = gst_harness_pull (timed);
    b = gst_harness_pull (bytes);
    g_assert_nonnull (a);
    g_assert_nonnull (b);
    g_assert_true (buffers_equal (a, b));
    g_assert_false (buffers_equal (in, b));
    gst_buffer_unref (a);
    gst_buffer_unref (b);
    gst_buffer_unref (in);
  }
  gst_harness_teardown (timed);
  gst_harness_teardown (bytes);
}

static void
test_controller (void)
{
  GstHarness *h = video_harness ("GRAY8", 32, 24, 30);
  const gchar *props[] = { "radius", "focus-depth", "angle" };
  const gdouble at0[] = { 2, 0.2, -30 }, at1[] = { 6, 0.6, 90 };

  for (guint i = 0; i < G_N_ELEMENTS (props); i++) {
    GstControlSource *cs = gst_interpolation_control_source_new ();

    g_object_set (cs, "mode", GST_INTERPOLATION_MODE_LINEAR, NULL);
    gst_timed_value_control_source_set (GST_TIMED_VALUE_CONTROL_SOURCE (cs), 0, at0[i]);
    gst_timed_value_control_source_set (GST_TIMED_VALUE_CONTROL_SOURCE (cs), GST_SECOND, at1[i]);
    g_assert_true (gst_object_add_control_binding (GST_OBJECT (h->element),
            gst_direct_control_binding_new_absolute (GST_OBJECT (h->element), props[i], cs)));
    gst_object_unref (cs);
  }
  for (guint k = 0; k <= 2; k++) {
    GstBuffer *out;

    gst_harness_push (h, make_frame ("GRAY8", 32, 24, k, k * GST_SECOND / 2, VIDEO_PERIOD));
    out = gst_harness_pull (h);
    gst_buffer_unref (out);
    for (guint i = 0; i < G_N_ELEMENTS (props); i++) {
      gdouble v;

      g_object_get (h->element, props[i], &v, NULL);
      g_assert_cmpfloat_with_epsilon (v, at0[i] + (at1[i] - at0[i]) * MIN (k / 2.0, 1.0), 1e-9);
    }
  }
  gst_harness_teardown (h);
}

/* QoS: a frame already late downstream is dropped and a QoS message says so. */
static void
test_qos (void)
{
  GstHarness *h = video_harness ("GRAY8", 32, 24, 30);
  g_autoptr (GstBus) bus = gst_bus_new ();
  GstMessage *msg;
  GstBuffer *out;
  guint64 processed, dropped;

  gst_element_set_bus (h->element, bus);
  gst_harness_push (h, make_frame ("GRAY8", 32, 24, 0, 0, VIDEO_PERIOD));
  gst_buffer_unref (gst_harness_pull (h));
  /* The sink says: 200 ms late at running time 0. */
  g_assert_true (gst_harness_push_upstream_event (h, gst_event_new_qos (GST_QOS_TYPE_UNDERFLOW, 0.5,
              200 * GST_MSECOND, 0)));
  gst_harness_push (h, make_frame ("GRAY8", 32, 24, 1, VIDEO_PERIOD, VIDEO_PERIOD));
  gst_harness_push (h, make_frame ("GRAY8", 32, 24, 2, 10 * VIDEO_PERIOD, VIDEO_PERIOD));
  out = gst_harness_pull (h);
  g_assert_cmpuint (GST_BUFFER_PTS (out), ==, 10 * VIDEO_PERIOD);
  gst_buffer_unref (out);
  msg = gst_bus_pop_filtered (bus, GST_MESSAGE_QOS);
  g_assert_nonnull (msg);
  gst_message_parse_qos_stats (msg, NULL, &processed, &dropped);
  g_assert_cmpuint (dropped, ==, 1);
  gst_message_unref (msg);
  gst_element_set_bus (h->element, NULL);
  gst_harness_teardown (h);
}

/* ---- refusals ----------------------------------------------------------- */

static gchar *
state_change_error (const gchar *preset)
{
  GstElement *e = gst_element_factory_make ("sparseconv", NULL);
  g_autoptr (GstBus) bus = gst_bus_new ();
  GstMessage *msg;
  GError *err = NULL;
  gchar *text;

  gst_element_set_bus (e, bus);
  g_object_set (e, "preset", preset, NULL);
  g_assert_cmpint (gst_element_set_state (e, GST_STATE_PAUSED), ==, GST_STATE_CHANGE_FAILURE);
  msg = gst_bus_pop_filtered (bus, GST_MESSAGE_ERROR);
  g_assert_nonnull (msg);
  gst_message_parse_error (msg, &err, NULL);
  text = g_strdup (err->message);
  g_error_free (err);
  gst_message_unref (msg);
  gst_element_set_state (e, GST_STATE_NULL);
  gst_element_set_bus (e, NULL);
  gst_object_unref (e);
  return text;
}

static void
test_bad_preset (void)
{
  g_autofree gchar *missing = state_change_error ("/nonexistent/dir/bokeh.skc");
  g_autofree gchar *unknown = state_change_error ("pentagram");
  g_autofree gchar *dir = g_dir_make_tmp ("sparseconv-XXXXXX", NULL);
  g_autofree gchar *path = g_build_filename (dir, "bad.skc", NULL);
  g_autofree gchar *malformed = NULL, *fifo = NULL, *device = NULL;

  g_test_message ("%s\n%s", missing, unknown);
  g_assert_nonnull (strstr (missing, "/nonexistent/dir/bokeh.skc"));
  g_assert_nonnull (strstr (unknown, "pentagram"));
  g_assert_nonnull (strstr (unknown, "hexagon"));   /* lists what exists */
  g_assert_true (g_file_set_contents (path, "[skc]\nversion=1\nname=x\naxis=radius\nvalues=1\n"
          "taps=2\n\n[member 0]\nlayer0-dx=0;1\nlayer0-dy=0\nlayer0-w=0.5;0.5\n", -1, NULL));
  malformed = state_change_error (path);
  g_test_message ("%s", malformed);
  /* The parser's message, naming the group and the key. */
  g_assert_nonnull (strstr (malformed, "[member 0]"));
  g_assert_nonnull (strstr (malformed, "layer0-dy"));
  g_unlink (path);
  /* A FIFO (no writer) and a device: refused at once, not read forever. */
  g_assert_cmpint (mkfifo (path, 0600), ==, 0);
  fifo = state_change_error (path);
  g_assert_nonnull (strstr (fifo, "not a regular file"));
  device = state_change_error ("/dev/zero");
  g_assert_nonnull (strstr (device, "not a regular file"));
  g_unlink (path);
  g_rmdir (dir);
}

static void
test_refused_caps (void)
{
  GstHarness *h = gst_harness_new ("sparseconv");
  GstHarness *dh;

  gst_harness_set_src_caps_str (h, "video/x-raw,format=YUY2,width=16,height=16,framerate=30/1");
  g_assert_cmpint (gst_harness_push (h, gst_buffer_new_allocate (NULL, 512, NULL)), ==,
      GST_FLOW_NOT_NEGOTIATED);
  dh = gst_harness_new_with_element (h->element, "depth", NULL);
  gst_harness_set_src_caps_str (dh, "video/x-raw,format=RGBA,width=16,height=16,framerate=30/1");
  g_assert_cmpint (gst_harness_push (dh, gst_buffer_new_allocate (NULL, 1024, NULL)), ==,
      GST_FLOW_NOT_NEGOTIATED);
  gst_harness_teardown (dh);
  gst_harness_teardown (h);
}

/* Errors that name the problem: a preset with branches, weights beyond the
 * engine's range, an out-of-range property, and a depth frame smaller than
 * its caps. */
static gchar *
write_preset (const gchar *dir, const gchar *name, const gchar *text)
{
  gchar *path = g_build_filename (dir, name, NULL);

  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  return path;
}

static void
test_refusals (void)
{
  g_autofree gchar *dir = g_dir_make_tmp ("sparseconv-XXXXXX", NULL);
  g_autofree gchar *branches = write_preset (dir, "branches.skc", "[skc]\nversion=1\nname=x\naxis=radius\n"
      "values=4\ntaps=1;1\nbranches=0;1\n\n[member 0]\nlayer0-dx=1\nlayer0-dy=0\nlayer0-w=0.5\n"
      "layer1-dx=-1\nlayer1-dy=0\nlayer1-w=0.5\n");
  g_autofree gchar *heavy = write_preset (dir, "heavy.skc", "[skc]\nversion=1\nname=x\naxis=radius\n"
      "values=4\ntaps=2\n\n[member 0]\nlayer0-dx=1;-1\nlayer0-dy=0;0\nlayer0-w=3;-2\n");
  gchar *msg = state_change_error (branches);
  GstHarness *h;
  g_autoptr (GstBus) bus = gst_bus_new ();
  GstMessage *m;
  g_autoptr (GError) err = NULL;
  gdouble radius;

  g_assert_nonnull (strstr (msg, "one-branch"));
  g_free (msg);
  /* Weights beyond Q14 are refused when the preset loads, at start… */
  msg = state_change_error (heavy);
  g_test_message ("%s", msg);
  g_assert_nonnull (strstr (msg, "|w| < 2"));

  /* …and while playing: a warning, and the previous kernel filters on. */
  for (guint bad = 0; bad < 2; bad++) {
    GstBuffer *in = make_frame ("GRAY8", 16, 16, 0, 0, VIDEO_PERIOD), *before, *after;

    h = video_harness ("GRAY8", 16, 16, 30);
    gst_element_set_bus (h->element, bus);
    gst_harness_set (h, "sparseconv", "preset", "disc", "radius", 4.0, NULL);
    gst_harness_push (h, gst_buffer_ref (in));
    before = gst_harness_pull (h);
    gst_harness_set (h, "sparseconv", "preset", bad ? heavy : branches, NULL);
    gst_harness_push (h, gst_buffer_copy (in));
    after = gst_harness_pull (h);
    g_assert_nonnull (after);
    g_assert_true (buffers_equal (before, after));
    g_assert_false (buffers_equal (in, after));
    m = gst_bus_pop_filtered (bus, GST_MESSAGE_WARNING);
    g_assert_nonnull (m);
    gst_message_parse_warning (m, &err, NULL);
    g_assert_nonnull (strstr (err->message, "Cannot load preset"));
    g_clear_error (&err);
    gst_message_unref (m);
    g_assert_null (gst_bus_pop_filtered (bus, GST_MESSAGE_ERROR));
    gst_buffer_unref (before);
    gst_buffer_unref (after);
    gst_buffer_unref (in);
    gst_element_set_bus (h->element, NULL);
    gst_harness_teardown (h);
  }

  /* Out of range: GLib names the property and the value; nothing changes. */
  h = video_harness ("GRAY8", 16, 16, 30);
  g_test_expect_message ("GLib-GObject", G_LOG_LEVEL_WARNING, "*2000*out of range*radius*");
  g_object_set (h->element, "radius", 2000.0, NULL);
  g_test_assert_expected_messages ();
  g_object_get (h->element, "radius", &radius, NULL);
  g_assert_cmpfloat (radius, ==, 8.0);
  gst_harness_teardown (h);

  /* A depth frame shorter than its caps: a warning, the frame is ignored. */
  {
    GstHarness *dh;
    g_autoptr (GstBus) wbus = gst_bus_new ();
    GstBuffer *in, *out;

    h = video_harness ("GRAY8", 32, 24, 30);
    gst_element_set_bus (h->element, wbus);
    gst_harness_set (h, "sparseconv", "depth-mode", 1, "max-radius", 4.0, "radius", 0.0, NULL);
    dh = gst_harness_new_with_element (h->element, "depth", NULL);
    gst_harness_set_src_caps_str (dh, "video/x-raw,format=GRAY8,width=16,height=12,framerate=10/1");
    gst_harness_push (dh, gst_buffer_new_allocate (NULL, 10, NULL));
    gst_harness_push_event (dh, gst_event_new_eos ());
    in = make_frame ("GRAY8", 32, 24, 0, 0, VIDEO_PERIOD);
    gst_harness_push (h, gst_buffer_ref (in));
    out = gst_harness_pull (h);
    g_assert_true (buffers_equal (in, out));   /* no depth: radius 0 */
    m = gst_bus_pop_filtered (wbus, GST_MESSAGE_WARNING);
    g_assert_nonnull (m);
    g_clear_error (&err);
    gst_message_parse_warning (m, &err, NULL);
    g_assert_nonnull (strstr (err->message, "Ignoring a depth frame of 10 bytes"));
    gst_message_unref (m);
    gst_buffer_unref (out);
    gst_buffer_unref (in);
    gst_element_set_bus (h->element, NULL);
    gst_harness_teardown (dh);
    gst_harness_teardown (h);
  }
  g_unlink (branches);
  g_unlink (heavy);
  g_rmdir (dir);
  g_free (msg);
}

/* The direction of angle, against absolute positions (not skc_complex_rotate):
 * one tap at (+4, 0) gathers from the right, so a bright pixel moves 4 px
 * left; angle = 90 turns that counter-clockwise on screen (y down), so the
 * pixel moves 4 px down.  Clockwise would move it up. */
static void
bright_spot (GstBuffer *buf, gint *x, gint *y, guint8 *value)
{
  GstMapInfo map;

  gst_buffer_map (buf, &map, GST_MAP_READ);
  *value = 0;
  for (gint i = 0; i < 32 * 32; i++)
    if (map.data[i] > *value) {
      *value = map.data[i];
      *x = i % 32;
      *y = i / 32;
    }
  gst_buffer_unmap (buf, &map);
}

static void
test_angle_direction (void)
{
  g_autofree gchar *dir = g_dir_make_tmp ("sparseconv-XXXXXX", NULL);
  g_autofree gchar *shift = write_preset (dir, "shift.skc", "[skc]\nversion=1\nname=shift\n"
      "axis=radius\nvalues=4\ntaps=1\n\n[member 0]\nlayer0-dx=4\nlayer0-dy=0\nlayer0-w=1\n");
  GstHarness *h = video_harness ("GRAY8", 32, 32, 30);
  const struct { gdouble angle; gint x, y; } cases[] = { { 0, 12, 16 }, { 90, 16, 20 }, { -90, 16, 12 } };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++) {
    GstBuffer *in = gst_buffer_new_allocate (NULL, 32 * 32, NULL), *out;
    gint x = -1, y = -1;
    guint8 value;

    gst_buffer_memset (in, 0, 0, 32 * 32);
    gst_buffer_memset (in, 16 * 32 + 16, 255, 1);
    GST_BUFFER_PTS (in) = VIDEO_PTS (i);
    GST_BUFFER_DURATION (in) = VIDEO_PERIOD;
    gst_harness_set (h, "sparseconv", "preset", shift, "radius", 4.0, "angle", cases[i].angle, NULL);
    gst_harness_push (h, in);
    out = gst_harness_pull (h);
    bright_spot (out, &x, &y, &value);
    g_test_message ("angle %g: bright pixel at (%d, %d) = %u", cases[i].angle, x, y, value);
    g_assert_cmpint (x, ==, cases[i].x);
    g_assert_cmpint (y, ==, cases[i].y);
    g_assert_cmpuint (value, >=, 254);
    gst_buffer_unref (out);
  }
  gst_harness_teardown (h);
  g_unlink (shift);
  g_rmdir (dir);
}

/* ---- real pipelines ----------------------------------------------------- */

static void
run_pipeline (const gchar *description)
{
  g_autoptr (GError) error = NULL;
  GstElement *pipeline = gst_parse_launch (description, &error);
  g_autoptr (GstBus) bus = NULL;
  GstMessage *msg;

  g_assert_no_error (error);
  bus = gst_element_get_bus (pipeline);
  g_assert_cmpint (gst_element_set_state (pipeline, GST_STATE_PLAYING), !=, GST_STATE_CHANGE_FAILURE);
  msg = gst_bus_timed_pop_filtered (bus, 120 * GST_SECOND, GST_MESSAGE_EOS | GST_MESSAGE_ERROR);
  g_assert_nonnull (msg);
  if (GST_MESSAGE_TYPE (msg) == GST_MESSAGE_ERROR) {
    g_autoptr (GError) err = NULL;

    gst_message_parse_error (msg, &err, NULL);
    g_error ("%s: %s", description, err->message);
  }
  gst_message_unref (msg);
  gst_element_set_state (pipeline, GST_STATE_NULL);
  gst_object_unref (pipeline);
}

static void
test_pipelines (void)
{
  run_pipeline ("videotestsrc num-buffers=20 ! video/x-raw,format=I420,width=320,height=240 ! "
      "sparseconv preset=hexagon radius=12 ! fakesink");
  run_pipeline ("videotestsrc num-buffers=20 ! video/x-raw,width=320,height=240,framerate=30/1 ! "
      "sparseconv name=s preset=star max-radius=10 ! fakesink "
      "videotestsrc pattern=gradient ! video/x-raw,format=GRAY16_LE,width=80,height=60,framerate=10/1 ! s.depth");
  run_pipeline ("videotestsrc num-buffers=10 is-live=true ! video/x-raw,width=160,height=120,framerate=30/1 ! "
      "sparseconv name=s depth-mode=mask max-radius=6 ! fakesink sync=true "
      "videotestsrc is-live=true pattern=gradient ! video/x-raw,format=GRAY8,width=40,height=30,framerate=15/1 ! s.depth");
}

/* ---- the photo against dense convolution with the target shape -------- */

static void
test_photo_vs_dense (void)
{
  g_autofree gchar *path = g_build_filename (g_getenv ("SKC_TEST_DATA"), "astronaut.png", NULL);
  g_autoptr (SkcImage) photo = skc_image_load (path, NULL);
  g_autoptr (SkcFamily) family = load_family ("hexagon");
  g_auto (SkcShapeSpec) spec = { 0 };
  g_autoptr (SkcRaster) psf = NULL;
  g_autoptr (SkcImage) dense = NULL, got = NULL;
  const gdouble radius = 16;
  GstHarness *h;
  GstBuffer *in, *out;
  GstMapInfo map;
  gdouble psnr;
  g_autofree gchar *caps = NULL;

  g_assert_nonnull (photo);
  g_assert_cmpint (photo->channels, ==, 3);
  g_assert_true (skc_shape_spec_parse (family->shape, &spec, NULL));
  psf = skc_shape_render (&spec, radius, NULL);
  /* The PSF of the family's shape: the taps gather, so dense convolution
   * with the PSF is what the complex approximates. */
  dense = skc_reference_convolve (photo, psf);

  caps = caps_string ("RGB", photo->width, photo->height, 30);
  h = gst_harness_new ("sparseconv");
  gst_harness_set_src_caps_str (h, caps);
  gst_harness_set (h, "sparseconv", "preset", "hexagon", "radius", radius, "linear-light", FALSE, NULL);
  in = gst_buffer_new_allocate (NULL, (gsize) GST_ROUND_UP_4 (photo->width * 3) * photo->height, NULL);
  gst_buffer_map (in, &map, GST_MAP_WRITE);
  for (gint y = 0; y < photo->height; y++)
    for (gint i = 0; i < photo->width * 3; i++)
      map.data[y * GST_ROUND_UP_4 (photo->width * 3) + i] =
          (guint8) CLAMP (round (photo->data[(gsize) y * photo->width * 3 + i] * 255), 0, 255);
  gst_buffer_unmap (in, &map);
  GST_BUFFER_PTS (in) = 0;
  gst_harness_push (h, in);
  out = gst_harness_pull (h);
  got = skc_image_new (photo->width, photo->height, 3);
  gst_buffer_map (out, &map, GST_MAP_READ);
  for (gint y = 0; y < photo->height; y++)
    for (gint i = 0; i < photo->width * 3; i++)
      got->data[(gsize) y * photo->width * 3 + i] = map.data[y * GST_ROUND_UP_4 (photo->width * 3) + i] / 255.0;
  gst_buffer_unmap (out, &map);
  /* 8-bit rounding of the dense result as well, so both are what a viewer sees. */
  for (gsize i = 0; i < (gsize) photo->width * photo->height * 3; i++)
    dense->data[i] = CLAMP (round (dense->data[i] * 255), 0, 255) / 255.0;
  psnr = skc_image_psnr (got, dense, 1.0, 0);
  g_test_message ("element (hexagon r=%g) vs dense convolution with the hexagon: %.2f dB", radius, psnr);
  g_assert_cmpfloat (psnr, >=, 40.0);
  gst_buffer_unref (out);
  gst_harness_teardown (h);
}

/* A family fitted at half resolution (presets/half/, built in as "half/…"): the element runs the
 * member at the radius halved as it is — the bytes of
 * skc_frame_filter_run_halved on that member — whatever half-res-radius
 * says, between members (a blend) and at one. */
static void
test_halved_preset (void)
{
  g_autofree gchar *path = g_build_filename (g_getenv ("SKC_TEST_DATA"), "..", "..", "presets", "half", "hexagon.skc",
      NULL);
  g_autoptr (SkcFamily) family = skc_preset_load_file (path, NULL);
  const gdouble radii[] = { 18, 48 };
  g_autoptr (SkcFamily) builtin = skc_preset_lookup ("half/hexagon", NULL);

  g_assert_nonnull (family);
  g_assert_nonnull (builtin);
  g_assert_cmpuint (builtin->n_members, ==, family->n_members);
  g_assert_cmpfloat (builtin->values[builtin->n_members - 1], ==, family->values[family->n_members - 1]);
  for (guint i = 0; i < G_N_ELEMENTS (radii); i++) {
    GstHarness *h = video_harness ("GRAY8", 96, 64, 30);
    GstBuffer *in = make_frame ("GRAY8", 96, 64, 5, 0, VIDEO_PERIOD), *out;
    g_autoptr (SkcFrameFilter) ff = skc_frame_filter_new ();
    g_autoptr (SkcComplex) c = skc_complex_copy (family->members[0]);
    g_autofree guint8 *want = g_malloc (96 * 64);
    GstMapInfo mi, mo;
    gsize stride[1] = { 96 };
    guint8 *in_data[1], *out_data[1] = { want };
    SkcFrame fin, fout;
    guint d = 0;

    /* The file, then the same family by its built-in name. */
    gst_harness_set (h, "sparseconv", "preset", i == 0 ? path : "half/hexagon", "radius", radii[i],
        "half-res-radius", 0.0, NULL);
    gst_harness_push (h, gst_buffer_ref (in));
    out = gst_harness_pull (h);
    skc_family_eval_native (family, radii[i], c, &d);
    g_assert_cmpuint (d, ==, 2);
    gst_buffer_map (in, &mi, GST_MAP_READ);
    gst_buffer_map (out, &mo, GST_MAP_READ);
    in_data[0] = mi.data;
    g_assert_true (skc_frame_init (&fin, SKC_LAYOUT_PACKED, 96, 64, 1, 0, in_data, stride));
    g_assert_true (skc_frame_init (&fout, SKC_LAYOUT_PACKED, 96, 64, 1, 0, out_data, stride));
    g_assert_true (skc_frame_filter_run_halved (ff, c, &fin, &fout, SKC_PRECISION_32, FALSE, NULL, NULL));
    g_assert_true (skc_frame_filter_halved (ff));
    g_assert_cmpmem (mo.data, 96 * 64, want, 96 * 64);
    gst_buffer_unmap (out, &mo);
    gst_buffer_unmap (in, &mi);
    gst_buffer_unref (out);
    gst_buffer_unref (in);
    gst_harness_teardown (h);
  }
}

/* Non-square pixels: a 2:1 pixel shapes the kernel on the display, i.e.
 * exactly as aspect 0.5 on square pixels; interlaced caps are refused. */
static void
test_pixel_aspect_and_interlace (void)
{
  GstHarness *wide = gst_harness_new ("sparseconv"), *square = gst_harness_new ("sparseconv");
  GstHarness *inter = gst_harness_new ("sparseconv");
  GstBuffer *in = make_frame ("GRAY8", 40, 30, 5, 0, VIDEO_PERIOD), *a, *b;

  gst_harness_set_src_caps_str (wide,
      "video/x-raw,format=GRAY8,width=40,height=30,framerate=30/1,pixel-aspect-ratio=2/1");
  gst_harness_set_src_caps_str (square,
      "video/x-raw,format=GRAY8,width=40,height=30,framerate=30/1,pixel-aspect-ratio=1/1");
  gst_harness_set (wide, "sparseconv", "preset", "star", "radius", 6.0, NULL);
  gst_harness_set (square, "sparseconv", "preset", "star", "radius", 6.0, "aspect", 0.5, NULL);
  gst_harness_push (wide, gst_buffer_ref (in));
  gst_harness_push (square, gst_buffer_ref (in));
  a = gst_harness_pull (wide);
  b = gst_harness_pull (square);
  g_assert_true (buffers_equal (a, b));
  g_assert_false (buffers_equal (a, in));
  gst_buffer_unref (a);
  gst_buffer_unref (b);
  /* The same frame as square pixels differs: the PAR was applied. */
  gst_harness_set (square, "sparseconv", "aspect", 1.0, NULL);
  gst_harness_push (square, gst_buffer_ref (in));
  b = gst_harness_pull (square);
  a = gst_buffer_ref (in);
  g_assert_false (buffers_equal (a, b));
  gst_buffer_unref (a);
  gst_buffer_unref (b);

  gst_harness_set_src_caps_str (inter,
      "video/x-raw,format=GRAY8,width=40,height=30,framerate=30/1,interlace-mode=interleaved");
  g_assert_cmpint (gst_harness_push (inter, gst_buffer_ref (in)), ==, GST_FLOW_NOT_NEGOTIATED);
  gst_buffer_unref (in);
  gst_harness_teardown (inter);
  gst_harness_teardown (square);
  gst_harness_teardown (wide);
}

/* ---- memory bounded by the frame ---------------------------------------- */

/* Two frames of one setting; with a depth pad, random depth (every level). */
static void
run_bounded (const gchar *format, gint w, gint h, const gchar *preset, gdouble radius, gdouble aspect,
    gboolean depth)
{
  GstHarness *hv = video_harness (format, w, h, 30), *hd = NULL;
  struct rusage ru;

  gst_harness_set (hv, "sparseconv", "preset", preset, "radius", radius, "aspect", aspect,
      "max-radius", radius, NULL);
  if (depth) {
    g_autofree gchar *caps = caps_string ("GRAY16_LE", w, h, 30);

    gst_harness_set (hv, "sparseconv", "depth-mode", 1, NULL);
    hd = gst_harness_new_with_element (hv->element, "depth", NULL);
    gst_harness_set_src_caps_str (hd, caps);
    /* A depth frame is used once the next one (or EOS) says until when. */
    for (gint i = 0; i < 2; i++)
      gst_harness_push (hd, make_frame ("GRAY16_LE", w, h, 7 + i, VIDEO_PTS (i), VIDEO_PERIOD));
    gst_harness_push_event (hd, gst_event_new_eos ());
  }
  for (gint i = 0; i < 2; i++) {
    GstBuffer *out;

    g_assert_cmpint (gst_harness_push (hv, make_frame (format, w, h, i, VIDEO_PTS (i), VIDEO_PERIOD)), ==,
        GST_FLOW_OK);
    out = gst_harness_pull (hv);
    g_assert_nonnull (out);
    gst_buffer_unref (out);
  }
  getrusage (RUSAGE_SELF, &ru);
  g_printerr ("# %s %dx%d %s radius %g aspect %g%s: peak resident %ld MiB so far\n", format, w, h, preset,
      radius, aspect, depth ? " (depth pad, max-radius)" : "", ru.ru_maxrss / 1024);
  if (hd)
    gst_harness_teardown (hd);
  gst_harness_teardown (hv);
}

/* The worst accepted settings in 1.5 GiB of address space (before the
 * kernels were pulled in to the frame they took 4–17 GB), and a preset
 * with taps at ±2048 px filtered as the whole kernel filters. */
static void
test_memory_bounded (void)
{
#if defined(__SANITIZE_ADDRESS__)
  g_test_skip ("ASan reserves terabytes of address space: no address-space limit under it");
  return;
#endif
  if (g_test_subprocess ()) {
    const struct rlimit limit = { 1536UL << 20, 1536UL << 20 };
    g_autofree gchar *dir = g_dir_make_tmp ("sparseconv-XXXXXX", NULL);
    g_autofree gchar *far = write_preset (dir, "far.skc", "[skc]\nversion=1\nname=x\naxis=radius\nvalues=1\n"
        "taps=2\n\n[member 0]\nlayer0-dx=2048;-2048\nlayer0-dy=2048;0\nlayer0-w=0.5;0.5\n");

    g_assert_cmpint (setrlimit (RLIMIT_AS, &limit), ==, 0);
    run_bounded ("GRAY8", 16, 16, "hexagon", 1000, 20, FALSE);
    run_bounded ("I420", 1280, 720, "hexagon", 1000, 20, FALSE);
    run_bounded ("RGBA", 1280, 720, "hexagon", 1000, 20, FALSE);
    run_bounded ("RGBA", 64, 64, "hexagon", 1000, 20, TRUE);
    run_bounded ("GRAY8", 64, 64, far, 8, 1, FALSE);
    {
      /* The far preset at radius 8 (its member sits at 1: offsets ×8):
       * the tap at (+16384, +16384) reads the bottom-right corner, the one
       * at (−16384, 0) the left edge of the row — hand-computed. */
      GstHarness *h = video_harness ("GRAY8", 64, 64, 30);
      GstBuffer *in = make_frame ("GRAY8", 64, 64, 3, 0, VIDEO_PERIOD), *out;
      GstMapInfo mi, mo;

      /* The exact path: hand-computed values, not halved ones. */
      gst_harness_set (h, "sparseconv", "preset", far, "radius", 8.0, "half-res-radius", 0.0, NULL);
      gst_harness_push (h, gst_buffer_ref (in));
      out = gst_harness_pull (h);
      gst_buffer_map (in, &mi, GST_MAP_READ);
      gst_buffer_map (out, &mo, GST_MAP_READ);
      for (gint y = 0; y < 64; y++)
        for (gint x = 0; x < 64; x++) {
          gdouble expect = 0.5 * mi.data[63 * 64 + 63] + 0.5 * mi.data[y * 64];

          g_assert_cmpfloat (fabs (mo.data[y * 64 + x] - expect), <=, 1.0);
        }
      gst_buffer_unmap (out, &mo);
      gst_buffer_unmap (in, &mi);
      gst_buffer_unref (out);
      gst_buffer_unref (in);
      gst_harness_teardown (h);
    }
    g_unlink (far);
    g_rmdir (dir);
    return;
  }
  g_test_trap_subprocess (NULL, 300 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  gst_init (&argc, &argv);
  g_test_add_func ("/element/formats", test_formats);
  g_test_add_func ("/element/gray16-video", test_gray16_video);
  g_test_add_func ("/element/linear-light", test_linear_light);
  g_test_add_func ("/element/passthrough", test_passthrough);
  g_test_add_func ("/element/metadata", test_metadata);
  g_test_add_func ("/element/depth-sync", test_depth_sync);
  g_test_add_func ("/element/depth-eos", test_depth_eos);
  g_test_add_func ("/element/depth-live", test_depth_live);
  g_test_add_func ("/element/depth-request-release", test_depth_request_release);
  g_test_add_func ("/element/property-changes", test_property_changes);
  g_test_add_func ("/element/angle-direction", test_angle_direction);
  g_test_add_func ("/element/controller", test_controller);
  g_test_add_func ("/element/bytes-segment", test_bytes_segment);
  g_test_add_func ("/element/qos", test_qos);
  g_test_add_func ("/element/bad-preset", test_bad_preset);
  g_test_add_func ("/element/refused-caps", test_refused_caps);
  g_test_add_func ("/element/refusals", test_refusals);
  g_test_add_func ("/element/halved-preset", test_halved_preset);
  g_test_add_func ("/element/memory-bounded", test_memory_bounded);
  g_test_add_func ("/element/pixel-aspect-and-interlace", test_pixel_aspect_and_interlace);
  g_test_add_func ("/element/pipelines", test_pipelines);
  g_test_add_func ("/element/photo-vs-dense", test_photo_vs_dense);
  return g_test_run ();
}
