/* The sparseconv element on high bit depths: every deep format (and 4:2:2)
 * against the double-precision reference at its own precision, a 10-bit
 * ramp without 8-bit banding, RGBA64 in linear light, and which
 * deep caps negotiate. */
#include <gst/gst.h>
#include <gst/check/gstharness.h>
#include <gst/video/video.h>

#include "skc.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define W 67
#define H 45
#define PERIOD (GST_SECOND / 30)

/* How a format codes its samples, read from GStreamer's own description. */
typedef struct {
  gint bytes;   /* a sample's container */
  gint shift;   /* bits below the code (P010: 6) */
  gint max;     /* the largest code */
} Coding;

static Coding
coding_of (const GstVideoFormatInfo *finfo)
{
  Coding k;

  k.bytes = GST_VIDEO_FORMAT_INFO_DEPTH (finfo, 0) > 8 ? 2 : 1;
  k.shift = GST_VIDEO_FORMAT_INFO_SHIFT (finfo, 0);
  k.max = (1 << GST_VIDEO_FORMAT_INFO_DEPTH (finfo, 0)) - 1;
  return k;
}

static guint
get_code (const guint8 *row, gint i, Coding k)
{
  return (k.bytes == 1 ? row[i] : GUINT16_FROM_LE (((const guint16 *) row)[i])) >> k.shift;
}

static void
set_code (guint8 *row, gint i, Coding k, guint code)
{
  if (k.bytes == 1)
    row[i] = (guint8) code;
  else
    ((guint16 *) row)[i] = GUINT16_TO_LE ((guint16) (code << k.shift));
}

static GstHarness *
harness (const gchar *format, gint w, gint h, gboolean linear_light)
{
  GstHarness *hs = gst_harness_new ("sparseconv");
  g_autofree gchar *caps =
      g_strdup_printf ("video/x-raw,format=%s,width=%d,height=%d,framerate=30/1", format, w, h);

  gst_harness_set (hs, "sparseconv", "linear-light", linear_light, NULL);
  gst_harness_set_src_caps_str (hs, caps);
  return hs;
}

/* Smooth content with noise over most of the code range, never saturated. */
static GstBuffer *
make_frame (const GstVideoInfo *info, guint seed)
{
  GstBuffer *buf = gst_buffer_new_allocate (NULL, GST_VIDEO_INFO_SIZE (info), NULL);
  g_autoptr (GRand) rand = g_rand_new_with_seed (seed);
  Coding k = coding_of (info->finfo);
  GstVideoFrame f;

  g_assert_true (gst_video_frame_map (&f, info, buf, GST_MAP_WRITE));
  for (guint p = 0; p < GST_VIDEO_FRAME_N_PLANES (&f); p++) {
    gint comp = 0;

    while (GST_VIDEO_FRAME_COMP_PLANE (&f, comp) != p)
      comp++;
    for (gint y = 0; y < GST_VIDEO_FRAME_COMP_HEIGHT (&f, comp); y++) {
      guint8 *row = (guint8 *) GST_VIDEO_FRAME_PLANE_DATA (&f, p) + y * GST_VIDEO_FRAME_PLANE_STRIDE (&f, p);
      gint n = GST_VIDEO_FRAME_COMP_WIDTH (&f, comp) * GST_VIDEO_FRAME_COMP_PSTRIDE (&f, comp) / k.bytes;

      for (gint i = 0; i < n; i++) {
        gint j = y * n + i;
        gdouble v = 0.5 + 0.2 * sin (j * 0.37 + seed + p) + 0.15 * sin (j * 0.013) +
            g_rand_double_range (rand, -0.08, 0.08);

        set_code (row, i, k, (guint) round (v * k.max));
      }
    }
  }
  gst_video_frame_unmap (&f);
  GST_BUFFER_PTS (buf) = 0;
  GST_BUFFER_DURATION (buf) = PERIOD;
  return buf;
}

/* Max |out − reference| in codes of the format's own depth over every plane:
 * each plane's samples (every sample of a pixel) filtered in doubles by the
 * complex, scaled by ½ along each subsampled axis. */
static gint
frame_error (const GstVideoInfo *info, GstBuffer *inbuf, GstBuffer *outbuf, const SkcComplex *c)
{
  Coding k = coding_of (info->finfo);
  GstVideoFrame in, out;
  gint worst = 0;

  g_assert_true (gst_video_frame_map (&in, info, inbuf, GST_MAP_READ));
  g_assert_true (gst_video_frame_map (&out, info, outbuf, GST_MAP_READ));
  for (guint p = 0; p < GST_VIDEO_FRAME_N_PLANES (&in); p++) {
    gint comp = 0;

    while (GST_VIDEO_FRAME_COMP_PLANE (&in, comp) != p)
      comp++;
    {
      gint pw = GST_VIDEO_FRAME_COMP_WIDTH (&in, comp), ph = GST_VIDEO_FRAME_COMP_HEIGHT (&in, comp);
      gint ch = GST_VIDEO_FRAME_COMP_PSTRIDE (&in, comp) / k.bytes;
      gsize is = GST_VIDEO_FRAME_PLANE_STRIDE (&in, p), os = GST_VIDEO_FRAME_PLANE_STRIDE (&out, p);
      const guint8 *id = GST_VIDEO_FRAME_PLANE_DATA (&in, p), *od = GST_VIDEO_FRAME_PLANE_DATA (&out, p);
      g_autoptr (SkcImage) img = skc_image_new (pw, ph, ch), ref = NULL;
      g_autoptr (SkcComplex) scaled = skc_complex_copy (c);

      skc_complex_scale_xy (scaled, pw < GST_VIDEO_INFO_WIDTH (info) ? 0.5 : 1,
          ph < GST_VIDEO_INFO_HEIGHT (info) ? 0.5 : 1);
      for (gint y = 0; y < ph; y++)
        for (gint i = 0; i < pw * ch; i++)
          img->data[(gsize) y * pw * ch + i] = get_code (id + y * is, i, k) / (gdouble) k.max;
      ref = skc_reference_filter_complex (img, scaled);
      for (gint y = 0; y < ph; y++)
        for (gint i = 0; i < pw * ch; i++) {
          gint r = (gint) CLAMP (round (ref->data[(gsize) y * pw * ch + i] * k.max), 0, k.max);

          worst = MAX (worst, abs ((gint) get_code (od + y * os, i, k) - r));
        }
    }
  }
  gst_video_frame_unmap (&out);
  gst_video_frame_unmap (&in);
  return worst;
}

/* Through the element, radius 5.5 hexagon, coded values. */
static gint
format_error (const gchar *format, guint seed)
{
  g_autoptr (SkcFamily) family = skc_preset_lookup ("hexagon", NULL);
  g_autoptr (SkcComplex) c = skc_varying_level_complex (family, 5.5);
  GstHarness *hs = harness (format, W, H, FALSE);
  GstVideoInfo info;
  GstBuffer *in, *out;
  gint err;

  gst_video_info_set_format (&info, gst_video_format_from_string (format), W, H);
  in = make_frame (&info, seed);
  gst_harness_set (hs, "sparseconv", "preset", "hexagon", "radius", 5.5, NULL);
  g_assert_cmpint (gst_harness_push (hs, gst_buffer_ref (in)), ==, GST_FLOW_OK);
  out = gst_harness_pull (hs);
  g_assert_nonnull (out);
  err = frame_error (&info, in, out, c);
  gst_buffer_unref (out);
  gst_buffer_unref (in);
  gst_harness_teardown (hs);
  return err;
}

/* The bounds (gst/README.md, Formats): the engine's error is the same in Q6
 * units (1/64 of an 8-bit level) whatever the format — a few units — so in
 * output codes it is ≤ 1 level at 8 bits, ≤ 1 code at 10 bits (a code is
 * 16 units) and ≤ 16 of 65535 at 16 bits (a code is ¼ unit). */
static void
test_formats (void)
{
  const struct { const gchar *format; gint bound; } formats[] = {
    { "Y42B", 1 }, { "I420_10LE", 1 }, { "I422_10LE", 1 }, { "P010_10LE", 1 }, { "Y444_10LE", 1 },
    { "Y444_16LE", 16 }, { "GRAY16_LE", 16 }, { "RGBA64_LE", 16 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++) {
    gint err = format_error (formats[i].format, i);

    g_test_message ("%s: max error %d (bound %d) codes", formats[i].format, err, formats[i].bound);
    g_assert_cmpint (err, <=, formats[i].bound);
  }
}

/* Distinct output codes along the middle row of an I420 / I420_10LE frame
 * whose luma is a ramp from code lo to hi (10-bit codes; 8 bits take the
 * nearest 8-bit code), and the output's largest distance from the exact ramp
 * away from the borders, in 10-bit codes (a symmetric blur keeps a ramp). */
static guint
ramp_levels (const gchar *format, gint w, guint lo, guint hi, gdouble *off_ramp)
{
  const gint h = 8;
  GstHarness *hs = harness (format, w, h, FALSE);
  GstVideoInfo info;
  GstVideoFrame f;
  GstBuffer *in, *out;
  Coding k;
  guint n = 0;
  g_autofree gboolean *seen = NULL;

  gst_video_info_set_format (&info, gst_video_format_from_string (format), w, h);
  k = coding_of (info.finfo);
  seen = g_new0 (gboolean, k.max + 1);
  in = make_frame (&info, 1);
  g_assert_true (gst_video_frame_map (&f, &info, in, GST_MAP_WRITE));
  for (gint y = 0; y < h; y++)
    for (gint x = 0; x < w; x++) {
      gdouble code10 = lo + (hi - lo) * (gdouble) x / (w - 1);

      set_code ((guint8 *) GST_VIDEO_FRAME_PLANE_DATA (&f, 0) + y * GST_VIDEO_FRAME_PLANE_STRIDE (&f, 0), x, k,
          (guint) round (k.max == 255 ? code10 / 4 : code10));
    }
  gst_video_frame_unmap (&f);
  gst_harness_set (hs, "sparseconv", "preset", "disc", "radius", 3.0, NULL);
  g_assert_cmpint (gst_harness_push (hs, in), ==, GST_FLOW_OK);
  out = gst_harness_pull (hs);
  g_assert_nonnull (out);
  g_assert_true (gst_video_frame_map (&f, &info, out, GST_MAP_READ));
  *off_ramp = 0;
  for (gint x = 0; x < w; x++) {
    guint v = get_code ((const guint8 *) GST_VIDEO_FRAME_PLANE_DATA (&f, 0) +
        h / 2 * GST_VIDEO_FRAME_PLANE_STRIDE (&f, 0), x, k);

    n += !seen[v];
    seen[v] = TRUE;
    if (x >= 16 && x < w - 16)
      *off_ramp = MAX (*off_ramp, fabs ((k.max == 255 ? 4.0 * v : v) - (lo + (hi - lo) * (gdouble) x / (w - 1))));
  }
  gst_video_frame_unmap (&f);
  gst_buffer_unref (out);
  gst_harness_teardown (hs);
  return n;
}

/* A 1920-wide ramp over 64 10-bit codes: 8 bits can hold 17 levels of it,
 * 10 bits all 65; filtered at 10 bits it must keep ≥ 3.5× the levels, and
 * stay within a code of the ramp (steps of an 8-bit stage inside would put
 * it 2 codes off: the blur's short transitions add levels but not that). */
static void
test_no_banding (void)
{
  gdouble off_deep, off_shallow;
  guint deep = ramp_levels ("I420_10LE", 1920, 512, 576, &off_deep);
  guint shallow = ramp_levels ("I420", 1920, 512, 576, &off_shallow);

  g_test_message ("10-bit ramp 512..576 over 1920 px: %u distinct levels at 10 bits, %u at 8 bits (%.2f times); "
      "off the ramp by %.2f and %.2f 10-bit codes", deep, shallow, (gdouble) deep / shallow, off_deep, off_shallow);
  g_assert_cmpuint (deep * 2, >=, shallow * 7);
  g_assert_cmpfloat (off_deep, <=, 1.0);
  g_assert_cmpfloat (off_shallow, >, 1.0);
}

/* RGBA64 in linear light, the default, as RGBA: RGB decoded by 16-bit sRGB
 * tables onto the 14-bit plane, filtered, encoded; alpha stays coded.
 * Against sRGB → linear → filter → sRGB in doubles, and a uniform frame of
 * dark codes (where 14 bits of linear light are coarsest in sRGB codes)
 * coming back within the tables' own bound. */
static gint
rgba64_linear_error (gboolean flat, const gchar *preset, gdouble radius)
{
  g_autoptr (SkcFamily) family = skc_preset_lookup (preset, NULL);
  g_autoptr (SkcComplex) c = skc_varying_level_complex (family, radius);
  g_autoptr (SkcImage) img = skc_image_new (W, H, 4), ref = NULL;
  GstHarness *hs = harness ("RGBA64_LE", W, H, TRUE);
  GstVideoInfo info;
  GstBuffer *in, *out;
  GstMapInfo mi, mo;
  gint worst = 0;

  gst_video_info_set_format (&info, GST_VIDEO_FORMAT_RGBA64_LE, W, H);
  in = make_frame (&info, 5);
  gst_buffer_map (in, &mi, GST_MAP_READWRITE);
  for (gint i = 0; i < W * H * 4; i++) {
    guint16 *v = (guint16 *) mi.data + i;

    if (flat)
      *v = GUINT16_TO_LE ((guint16) (i % 4 == 0 ? 9 : i % 4 == 1 ? 77 : i % 4 == 2 ? 1500 : 30000));
    img->data[i] = i % 4 == 3 ? GUINT16_FROM_LE (*v) / 65535.0 : skc_srgb_to_linear (GUINT16_FROM_LE (*v) / 65535.0);
  }
  gst_buffer_unmap (in, &mi);
  gst_harness_set (hs, "sparseconv", "preset", preset, "radius", radius, NULL);
  g_assert_cmpint (gst_harness_push (hs, gst_buffer_ref (in)), ==, GST_FLOW_OK);
  out = gst_harness_pull (hs);
  g_assert_nonnull (out);
  ref = flat ? skc_image_copy (img) : skc_reference_filter_complex (img, c);
  gst_buffer_map (out, &mo, GST_MAP_READ);
  for (gint i = 0; i < W * H * 4; i++) {
    gdouble v = CLAMP (ref->data[i], 0, 1), e = i % 4 == 3 ? v : skc_srgb_from_linear (v);

    worst = MAX (worst, abs ((gint) GUINT16_FROM_LE (((const guint16 *) mo.data)[i]) - (gint) round (e * 65535)));
  }
  gst_buffer_unmap (out, &mo);
  gst_buffer_unref (out);
  gst_buffer_unref (in);
  gst_harness_teardown (hs);
  return worst;
}

static void
test_rgba64_linear (void)
{
  gint err = rgba64_linear_error (FALSE, "disc", 4.0), flat = rgba64_linear_error (TRUE, "disc", 4.0);

  g_test_message ("RGBA64_LE linear light: max error %d of 65535 (an 8-bit level is 257); "
      "decode → encode of a flat frame %d", err, flat);
  /* The tables' 26 codes plus the engine's few Q6 units, each up to ~52
   * codes where sRGB is steepest: ½ an 8-bit level. */
  g_assert_cmpint (err, <=, 128);
  g_assert_cmpint (flat, <=, 26);
}

static GstFlowReturn
push_caps (const gchar *caps)
{
  GstHarness *hs = gst_harness_new ("sparseconv");
  g_autoptr (GstCaps) c = gst_caps_from_string (caps);
  GstVideoInfo info;
  GstFlowReturn ret;

  g_assert_true (gst_video_info_from_caps (&info, c));
  gst_harness_set_src_caps_str (hs, caps);
  ret = gst_harness_push (hs, gst_buffer_new_allocate (NULL, GST_VIDEO_INFO_SIZE (&info), NULL));
  gst_harness_teardown (hs);
  return ret;
}

static void
test_negotiation (void)
{
  const gchar *accepted[] = { "Y42B", "I420_10LE", "I422_10LE", "P010_10LE", "Y444_10LE", "Y444_16LE",
    "GRAY16_LE", "RGBA64_LE" };
  const gchar *refused[] = { "v210", "I420_10BE", "I420_12LE", "Y210", "RGBA64_BE", "P016_LE" };

  for (guint i = 0; i < G_N_ELEMENTS (accepted); i++) {
    g_autofree gchar *caps =
        g_strdup_printf ("video/x-raw,format=%s,width=18,height=10,framerate=30/1", accepted[i]);

    g_assert_cmpint (push_caps (caps), ==, GST_FLOW_OK);
  }
  for (guint i = 0; i < G_N_ELEMENTS (refused); i++) {
    g_autofree gchar *caps =
        g_strdup_printf ("video/x-raw,format=%s,width=18,height=10,framerate=30/1", refused[i]);

    g_test_message ("refusing %s", refused[i]);
    g_assert_cmpint (push_caps (caps), ==, GST_FLOW_NOT_NEGOTIATED);
  }
  g_assert_cmpint (push_caps ("video/x-raw,format=I422_10LE,width=18,height=10,framerate=30/1,"
          "interlace-mode=interleaved"), ==, GST_FLOW_NOT_NEGOTIATED);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  gst_init (&argc, &argv);
  g_test_add_func ("/deep/formats", test_formats);
  g_test_add_func ("/deep/no-banding", test_no_banding);
  g_test_add_func ("/deep/rgba64-linear", test_rgba64_linear);
  g_test_add_func ("/deep/negotiation", test_negotiation);
  return g_test_run ();
}
