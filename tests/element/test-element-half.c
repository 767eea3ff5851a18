/* The fixed path's switch to the built-in half/ families: preset=hexagon
 * from the halve radius on gives preset=half/hexagon's bytes, below it (or
 * with half-res-radius=0) what it gave before; against dense convolution
 * with the hexagon the switch is closer than the full member halved; and
 * the radius crossing the switch while playing.  The same for
 * quarter-res-radius: the half family at half the radius, 4× down. */
#include <gst/gst.h>
#include <gst/check/gstharness.h>
#include <gst/video/video.h>

#include "skc.h"
#include "test-buffers.h"

#include <math.h>
#include <string.h>

#define PERIOD (GST_SECOND / 30)

/* A frame of smooth content with some noise (any 8-bit format). */
static GstBuffer *
noise_frame (const GstVideoInfo *info, guint seed)
{
  GstBuffer *buf = gst_buffer_new_allocate (NULL, GST_VIDEO_INFO_SIZE (info), NULL);
  g_autoptr (GRand) rand = g_rand_new_with_seed (seed);
  GstMapInfo map;

  gst_buffer_map (buf, &map, GST_MAP_WRITE);
  for (gsize i = 0; i < map.size; i++)
    map.data[i] = (guint8) (128 + 50 * sin (i * 0.37 + seed) + 40 * sin (i * 0.013) +
        g_rand_int_range (rand, -20, 20));
  gst_buffer_unmap (buf, &map);
  GST_BUFFER_PTS (buf) = 0;
  GST_BUFFER_DURATION (buf) = PERIOD;
  return buf;
}

/* The one frame a fresh element makes of in, with caps and the properties
 * given (NULL-terminated name/value pairs; linear light off). */
static GstBuffer *
filter_once (const gchar *caps, GstBuffer *in, const gchar *first, ...)
{
  GstHarness *h = gst_harness_new ("sparseconv");
  GstElement *e = gst_harness_find_element (h, "sparseconv");
  GstBuffer *out;
  va_list args;

  gst_harness_set_src_caps_str (h, caps);
  g_object_set (e, "linear-light", FALSE, NULL);
  va_start (args, first);
  g_object_set_valist (G_OBJECT (e), first, args);
  va_end (args);
  gst_object_unref (e);
  g_assert_cmpint (gst_harness_push (h, gst_buffer_ref (in)), ==, GST_FLOW_OK);
  out = gst_harness_pull (h);
  g_assert_nonnull (out);
  gst_harness_teardown (h);
  return out;
}

static void
assert_same (GstBuffer *a, GstBuffer *b, const gchar *what)
{
  if (!buffers_equal (a, b))
    g_error ("%s: the bytes differ", what);
}

/* TRUE when the frames' pixels are the same bytes (padding aside). */
static gboolean
same_pixels (GstBuffer *a, GstBuffer *b, const GstVideoInfo *info)
{
  gchar *diff = frame_difference (a, b, info, 0);

  g_free (diff);
  return diff == NULL;
}

static void
assert_same_pixels (GstBuffer *a, GstBuffer *b, const GstVideoInfo *info, const gchar *what)
{
  gchar *diff = frame_difference (a, b, info, 0);

  if (diff)
    g_error ("%s: %s", what, diff);
}

/* ---- which kernel runs ---------------------------------------------------- */

/* From the halve radius on, a built-in name with a half/ counterpart runs
 * that family: the bytes of preset=half/…, on gray and on I420 (whose
 * chroma runs halved as half/ runs it), turned and stretched, on non-square
 * pixels; half-res-radius=0 keeps the full-resolution path. */
static void
test_switch (void)
{
  static const struct {
    const gchar *caps, *preset;
    gdouble radius, angle, aspect;
  } cases[] = {
    { "video/x-raw,format=GRAY8,width=160,height=120,framerate=30/1", "hexagon", 48, 0, 1 },
    { "video/x-raw,format=GRAY8,width=160,height=120,framerate=30/1", "hexagon", 24, 0, 1 },
    { "video/x-raw,format=I420,width=160,height=120,framerate=30/1", "hexagon", 48, 0, 1 },
    { "video/x-raw,format=RGBA,width=120,height=90,framerate=30/1", "ring", 36, 25, 0.7 },
    { "video/x-raw,format=GRAY8,width=120,height=90,framerate=30/1,pixel-aspect-ratio=4/3", "disc", 30, 10, 1 },
    { "video/x-raw,format=GRAY8,width=160,height=120,framerate=30/1", "gaussian", 64, 0, 1 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++) {
    g_autoptr (GstCaps) caps = gst_caps_from_string (cases[i].caps);
    g_autofree gchar *half = g_strconcat ("half/", cases[i].preset, NULL);
    GstVideoInfo info;
    GstBuffer *in, *named, *fitted, *full;

    g_assert_true (gst_video_info_from_caps (&info, caps));
    in = noise_frame (&info, i + 1);
    named = filter_once (cases[i].caps, in, "preset", cases[i].preset, "radius", cases[i].radius, "angle",
        cases[i].angle, "aspect", cases[i].aspect, NULL);
    fitted = filter_once (cases[i].caps, in, "preset", half, "radius", cases[i].radius, "angle", cases[i].angle,
        "aspect", cases[i].aspect, NULL);
    full = filter_once (cases[i].caps, in, "preset", cases[i].preset, "radius", cases[i].radius, "angle",
        cases[i].angle, "aspect", cases[i].aspect, "half-res-radius", 0.0, NULL);
    assert_same (named, fitted, cases[i].caps);
    g_assert_false (buffers_equal (named, full));
    g_assert_false (buffers_equal (named, in));
    gst_buffer_unref (full);
    gst_buffer_unref (fitted);
    gst_buffer_unref (named);
    gst_buffer_unref (in);
  }
}

/* The switch is where the full member would run halved: its reach on the
 * first plane against half-res-radius, as the frame filter decides.  Radius
 * 16 (the hexagon reaches 21 px) under the default 24: the full-resolution
 * path as before, on gray and on I420.  Radius 20 reaches 25 px, so the full
 * member ran halved there before, and the half family runs now.  The half
 * families start at 8 px: at radius 5 with half-res-radius=4 the full member
 * still runs halved (the frame filter's bytes).  A switch set to 10 gives
 * the half family at 12. */
static void
test_below_switch (void)
{
  const gchar *gray = "video/x-raw,format=GRAY8,width=96,height=64,framerate=30/1";
  static const struct {
    const gchar *caps;
    gdouble radius, half_res;
    const gchar *same_as;  /* NULL: as with half-res-radius=0, else that preset's bytes */
  } cases[] = {
    { "video/x-raw,format=I420,width=96,height=64,framerate=30/1", 16, 24, NULL },
    { "video/x-raw,format=GRAY8,width=96,height=64,framerate=30/1", 16, 24, NULL },
    { "video/x-raw,format=GRAY8,width=96,height=64,framerate=30/1", 20, 24, "half/hexagon" },
    { "video/x-raw,format=I420,width=96,height=64,framerate=30/1", 20, 24, "half/hexagon" },
    { "video/x-raw,format=GRAY8,width=96,height=64,framerate=30/1", 12, 10, "half/hexagon" },
  };
  g_autoptr (SkcFamily) family = skc_preset_lookup ("hexagon", NULL);
  g_autoptr (SkcFrameFilter) ff = skc_frame_filter_new ();
  g_autofree guint8 *want = g_malloc (96 * 64);
  guint8 *in_data[1], *out_data[1] = { want };
  gsize stride[1] = { 96 };
  SkcFrame fin, fout;
  GstVideoInfo info;
  GstMapInfo mi, mo;
  GstBuffer *in, *a, *b;

  gst_video_info_set_format (&info, GST_VIDEO_FORMAT_I420, 96, 64);
  in = noise_frame (&info, 3);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++) {
    g_autoptr (SkcComplex) c = skc_varying_level_complex (family, cases[i].radius);
    g_autofree gchar *what = g_strdup_printf ("%s, radius %g, half-res-radius %g", cases[i].caps, cases[i].radius,
        cases[i].half_res);

    /* What decides: would the frame filter halve the full member? */
    g_assert_true (skc_frame_init (&fin, SKC_LAYOUT_PACKED, 96, 64, 1, 0, out_data, stride));
    skc_frame_filter_set_halve_radius (ff, cases[i].half_res);
    g_assert_cmpint (skc_frame_filter_would_halve (ff, c, &fin), ==, cases[i].same_as != NULL);
    a = filter_once (cases[i].caps, in, "preset", "hexagon", "radius", cases[i].radius, "half-res-radius",
        cases[i].half_res, NULL);
    if (cases[i].same_as)
      b = filter_once (cases[i].caps, in, "preset", cases[i].same_as, "radius", cases[i].radius, NULL);
    else
      b = filter_once (cases[i].caps, in, "preset", "hexagon", "radius", cases[i].radius, "half-res-radius", 0.0,
          NULL);
    assert_same (a, b, what);
    gst_buffer_unref (a);
    gst_buffer_unref (b);
  }

  {
    g_autoptr (SkcComplex) c = skc_varying_level_complex (family, 5);

    a = filter_once (gray, in, "preset", "hexagon", "radius", 5.0, "half-res-radius", 4.0, NULL);
    gst_buffer_map (in, &mi, GST_MAP_READ);
    gst_buffer_map (a, &mo, GST_MAP_READ);
    in_data[0] = mi.data;
    g_assert_true (skc_frame_init (&fin, SKC_LAYOUT_PACKED, 96, 64, 1, 0, in_data, stride));
    g_assert_true (skc_frame_init (&fout, SKC_LAYOUT_PACKED, 96, 64, 1, 0, out_data, stride));
    skc_frame_filter_set_halve_radius (ff, 4);
    g_assert_true (skc_frame_filter_run (ff, c, &fin, &fout, SKC_PRECISION_32, FALSE, NULL, NULL));
    g_assert_true (skc_frame_filter_halved (ff));
    g_assert_cmpmem (mo.data, 96 * 64, want, 96 * 64);
    gst_buffer_unmap (a, &mo);
    gst_buffer_unmap (in, &mi);
    gst_buffer_unref (a);
  }
  gst_buffer_unref (in);
}

/* ---- against dense convolution with the hexagon --------------------------- */

#define CROP 224       /* of the astronaut, from (144, 96) */
#define TRIM 50        /* past the reach at 48 px and the return's pixel */
/* Measured on this crop (16 bits, so that rounding does not hide it): the
 * switch 63.20 dB, the full member halved 56.93 dB, +6.27 dB (the kernel
 * PSNR gains +3.89 dB at 48 px, skc-fidelity --family hexagon --half
 * half/hexagon); the old path is +0 against itself. */
#define MIN_GAIN 4.0

static GstBuffer *
gray16_buffer (const SkcImage *img)
{
  GstBuffer *buf = gst_buffer_new_allocate (NULL, (gsize) img->width * img->height * 2, NULL);
  GstMapInfo map;

  gst_buffer_map (buf, &map, GST_MAP_WRITE);
  for (gint i = 0; i < img->width * img->height; i++)
    ((guint16 *) map.data)[i] = GUINT16_TO_LE ((guint16) CLAMP (round (img->data[i] * 65535), 0, 65535));
  gst_buffer_unmap (buf, &map);
  GST_BUFFER_PTS (buf) = 0;
  GST_BUFFER_DURATION (buf) = PERIOD;
  return buf;
}

static SkcImage *
gray16_image (GstBuffer *buf, gint w, gint h)
{
  SkcImage *img = skc_image_new (w, h, 1);
  GstMapInfo map;

  gst_buffer_map (buf, &map, GST_MAP_READ);
  for (gint i = 0; i < w * h; i++)
    img->data[i] = GUINT16_FROM_LE (((const guint16 *) map.data)[i]) / 65535.0;
  gst_buffer_unmap (buf, &map);
  return img;
}

/* The photo's gray CROP × CROP crop into *crop, and its dense convolution
 * with the hexagon's PSF at radius px into *dense. */
static void
crop_and_dense (gdouble radius, SkcImage **crop, SkcImage **dense)
{
  g_autofree gchar *path = g_build_filename (g_getenv ("SKC_TEST_DATA"), "astronaut.png", NULL);
  g_autoptr (SkcImage) photo = skc_image_load (path, NULL);
  g_autoptr (SkcImage) gray = NULL;
  g_autoptr (SkcFamily) family = skc_preset_lookup ("hexagon", NULL);
  g_auto (SkcShapeSpec) spec = { 0 };
  g_autoptr (SkcRaster) psf = NULL;

  g_assert_nonnull (photo);
  gray = skc_image_to_gray (photo);
  *crop = skc_image_new (CROP, CROP, 1);
  for (gint y = 0; y < CROP; y++)
    for (gint x = 0; x < CROP; x++)
      (*crop)->data[y * CROP + x] = skc_image_at (gray, 144 + x, 96 + y)[0];
  g_assert_true (skc_shape_spec_parse (family->shape, &spec, NULL));
  psf = skc_shape_render (&spec, radius, NULL);
  *dense = skc_reference_convolve (*crop, psf);
}

/* The element's hexagon at 48 px (the switch: half/hexagon) and the path
 * it replaces (the full member halved by the frame filter, computed here
 * through libskc) against the dense convolution of the photo with the
 * hexagon's PSF at 48 px: the switch is MIN_GAIN dB or more closer. */
static void
test_vs_dense (void)
{
  g_autoptr (SkcImage) crop = NULL, dense = NULL, got = NULL, old = NULL;
  g_autoptr (SkcFamily) family = skc_preset_lookup ("hexagon", NULL);
  g_autoptr (SkcComplex) c = skc_varying_level_complex (family, 48);
  g_autoptr (SkcFrameFilter) ff = skc_frame_filter_new ();
  g_autofree gchar *caps = g_strdup_printf ("video/x-raw,format=GRAY16_LE,width=%d,height=%d,framerate=30/1",
      CROP, CROP);
  g_autofree guint16 *old_px = g_new (guint16, CROP * CROP);
  guint8 *in_data[1], *out_data[1] = { (guint8 *) old_px };
  gsize stride[1] = { CROP * 2 };
  GstBuffer *in, *out, *old_buf;
  SkcFrame fin, fout;
  GstMapInfo mi;
  gdouble p_new, p_old;

  crop_and_dense (48, &crop, &dense);

  in = gray16_buffer (crop);
  out = filter_once (caps, in, "preset", "hexagon", "radius", 48.0, NULL);
  got = gray16_image (out, CROP, CROP);

  gst_buffer_map (in, &mi, GST_MAP_READ);
  in_data[0] = mi.data;
  g_assert_true (skc_frame_init (&fin, SKC_LAYOUT_GRAY16, CROP, CROP, 1, 0, in_data, stride));
  g_assert_true (skc_frame_init (&fout, SKC_LAYOUT_GRAY16, CROP, CROP, 1, 0, out_data, stride));
  skc_frame_filter_set_halve_radius (ff, SKC_HALVE_DEFAULT_RADIUS);
  g_assert_true (skc_frame_filter_run (ff, c, &fin, &fout, SKC_PRECISION_32, FALSE, NULL, NULL));
  g_assert_true (skc_frame_filter_halved (ff));
  gst_buffer_unmap (in, &mi);
  old_buf = gst_buffer_new_wrapped (g_steal_pointer (&old_px), CROP * CROP * 2);
  old = gray16_image (old_buf, CROP, CROP);

  p_new = skc_image_psnr (got, dense, 1.0, TRIM);
  p_old = skc_image_psnr (old, dense, 1.0, TRIM);
  g_test_message ("hexagon r=48 against dense: the switch %.2f dB, the full member halved %.2f dB (%+.2f)", p_new,
      p_old, p_new - p_old);
  g_assert_cmpfloat (p_new - p_old, >=, MIN_GAIN);
  gst_buffer_unref (old_buf);
  gst_buffer_unref (out);
  gst_buffer_unref (in);
}

/* ---- across the switch while playing -------------------------------------- */

/* Frames of caps (a w × h frame of format) through one element while the
 * radius and the property prop move through radii and values, rounds
 * times over: every frame has the bytes of a fresh element with that
 * setting (the shaped families are kept, not rebuilt or leaked: ASan checks
 * the leak, this the bytes). */
static void
play_across (const gchar *caps, GstVideoFormat format, gint w, gint h, const gchar *preset, gdouble angle,
    const gchar *prop, const gdouble *values, guint n_values, const gdouble *radii, guint n_radii, guint rounds)
{
  GstBuffer **want = g_new (GstBuffer *, n_values * n_radii);
  GstHarness *hs = gst_harness_new ("sparseconv");
  GstVideoInfo info;
  GstBuffer *in;
  guint n = 0;

  gst_video_info_set_format (&info, format, w, h);
  in = noise_frame (&info, 9);
  for (guint s = 0; s < n_values; s++)
    for (guint r = 0; r < n_radii; r++)
      want[s * n_radii + r] = filter_once (caps, in, "preset", preset, "angle", angle, "radius", radii[r], prop,
          values[s], NULL);
  gst_harness_set_src_caps_str (hs, caps);
  gst_harness_set (hs, "sparseconv", "linear-light", FALSE, "preset", preset, "angle", angle, NULL);
  for (guint round = 0; round < rounds; round++)
    for (guint s = 0; s < n_values; s++)
      for (guint r = 0; r < n_radii; r++) {
        GstBuffer *frame = gst_buffer_copy (in), *out;
        gchar *diff;

        gst_harness_set (hs, "sparseconv", "radius", radii[r], prop, values[s], NULL);
        GST_BUFFER_PTS (frame) = n++ * PERIOD;
        g_assert_cmpint (gst_harness_push (hs, frame), ==, GST_FLOW_OK);
        out = gst_harness_pull (hs);
        diff = frame_difference (out, want[s * n_radii + r], &info, 0);
        if (diff)
          g_error ("round %u, radius %g, %s %g: %s", round, radii[r], prop, values[s], diff);
        gst_buffer_unref (out);
      }
  for (guint k = 0; k < n_values * n_radii; k++)
    gst_buffer_unref (want[k]);
  g_free (want);
  gst_buffer_unref (in);
  gst_harness_teardown (hs);
}

/* The radius moved across the switch (24) and back, frame after frame, and
 * half-res-radius between 0 and its default. */
static void
test_playing (void)
{
  static const gdouble radii[] = { 20, 30, 23.5, 24, 48, 12, 70, 24 };
  static const gdouble switches[] = { 24, 0 };

  play_across ("video/x-raw,format=I420,width=96,height=64,framerate=30/1", GST_VIDEO_FORMAT_I420, 96, 64, "star",
      15.0, "half-res-radius", switches, G_N_ELEMENTS (switches), radii, G_N_ELEMENTS (radii), 3);
}

/* ---- quarter resolution ----------------------------------------------------- */

/* quarter-res-radius: from that radius on, the half family's kernel at half
 * the radius through skc_frame_filter_run_quartered (computed here through
 * libskc on gray); a built-in name gives its half/ preset's bytes (gray,
 * I420, turned and stretched, non-square pixels); below the radius, below
 * the half families' first member (r/2 < 8) and at 0 the bytes without it. */
static void
test_quarter_switch (void)
{
  static const struct {
    const gchar *caps, *preset;
    gdouble radius, angle, aspect, quarter;
    gboolean applies;
  } cases[] = {
    { "video/x-raw,format=GRAY8,width=160,height=120,framerate=30/1", "hexagon", 32, 0, 1, 32, TRUE },
    { "video/x-raw,format=I420,width=160,height=120,framerate=30/1", "hexagon", 40, 0, 1, 32, TRUE },
    { "video/x-raw,format=RGBA,width=120,height=90,framerate=30/1", "ring", 36, 25, 0.7, 20, TRUE },
    { "video/x-raw,format=GRAY8,width=121,height=91,framerate=30/1,pixel-aspect-ratio=4/3", "disc", 30, 10, 1, 30, TRUE },
    { "video/x-raw,format=GRAY8,width=160,height=120,framerate=30/1", "hexagon", 24, 0, 1, 32, FALSE },
    { "video/x-raw,format=GRAY8,width=160,height=120,framerate=30/1", "hexagon", 12, 0, 1, 8, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++) {
    g_autoptr (GstCaps) caps = gst_caps_from_string (cases[i].caps);
    g_autofree gchar *half = g_strconcat ("half/", cases[i].preset, NULL);
    GstVideoInfo info;
    GstBuffer *in, *named, *fitted, *without;

    g_assert_true (gst_video_info_from_caps (&info, caps));
    in = noise_frame (&info, i + 11);
    named = filter_once (cases[i].caps, in, "preset", cases[i].preset, "radius", cases[i].radius, "angle",
        cases[i].angle, "aspect", cases[i].aspect, "quarter-res-radius", cases[i].quarter, NULL);
    fitted = filter_once (cases[i].caps, in, "preset", half, "radius", cases[i].radius, "angle", cases[i].angle,
        "aspect", cases[i].aspect, "quarter-res-radius", cases[i].quarter, NULL);
    without = filter_once (cases[i].caps, in, "preset", cases[i].preset, "radius", cases[i].radius, "angle",
        cases[i].angle, "aspect", cases[i].aspect, NULL);
    /* Below the switch the half/ preset keeps its own path (halved).  The
     * pixels compared, not the rows' padding (121 is not a multiple of 4),
     * which the element leaves as the buffer pool gave it. */
    if (cases[i].applies)
      assert_same_pixels (named, fitted, &info, cases[i].caps);
    g_assert_true (same_pixels (named, without, &info) != cases[i].applies);
    g_assert_false (same_pixels (named, in, &info));
    if (i == 0) {
      /* Through libskc: half/hexagon's member at 16 px, 4× down. */
      g_autoptr (SkcFamily) f = skc_preset_lookup ("half/hexagon", NULL);
      g_autoptr (SkcComplex) q = skc_complex_copy (f->members[0]);
      g_autoptr (SkcFrameFilter) ff = skc_frame_filter_new ();
      gint w = GST_VIDEO_INFO_WIDTH (&info), h = GST_VIDEO_INFO_HEIGHT (&info);
      GstBuffer *want = gst_buffer_new_allocate (NULL, (gsize) w * h, NULL);
      GstMapInfo mi, mo;
      guint8 *in_data[1], *out_data[1];
      gsize stride[1] = { (gsize) GST_VIDEO_INFO_PLANE_STRIDE (&info, 0) };
      SkcFrame fin, fout;
      guint d = 0;

      skc_family_eval_native (f, cases[i].radius / 2, q, &d);
      g_assert_cmpuint (d, ==, 2);
      gst_buffer_map (in, &mi, GST_MAP_READ);
      gst_buffer_map (want, &mo, GST_MAP_WRITE);
      in_data[0] = mi.data;
      out_data[0] = mo.data;
      g_assert_true (skc_frame_init (&fin, SKC_LAYOUT_PACKED, w, h, 1, 0, in_data, stride));
      g_assert_true (skc_frame_init (&fout, SKC_LAYOUT_PACKED, w, h, 1, 0, out_data, stride));
      g_assert_true (skc_frame_filter_run_quartered (ff, q, &fin, &fout, SKC_PRECISION_32, FALSE, NULL, NULL));
      g_assert_cmpuint (skc_frame_filter_factor (ff), ==, 4);
      gst_buffer_unmap (want, &mo);
      gst_buffer_unmap (in, &mi);
      assert_same_pixels (named, want, &info, "quartered through libskc");
      gst_buffer_unref (want);
    }
    gst_buffer_unref (without);
    gst_buffer_unref (fitted);
    gst_buffer_unref (named);
    gst_buffer_unref (in);
  }
}

/* Measured on the crop below (16 bits): 61.50 dB against dense convolution
 * at 32 px (skc-fidelity --family hexagon --half half/hexagon: 60.14 dB on
 * the whole photo); 1 dB under that (the floor is 50 dB). */
#define QUARTER_MIN_PSNR 60.5

/* The element's hexagon at 32 px with quarter-res-radius=32 against the
 * dense convolution of the photo with the hexagon's PSF at 32 px. */
static void
test_quarter_vs_dense (void)
{
  g_autoptr (SkcImage) crop = NULL, dense = NULL, got = NULL;
  g_autofree gchar *caps = g_strdup_printf ("video/x-raw,format=GRAY16_LE,width=%d,height=%d,framerate=30/1",
      CROP, CROP);
  GstBuffer *in, *out;
  gdouble p, p_in;

  crop_and_dense (32, &crop, &dense);
  in = gray16_buffer (crop);
  out = filter_once (caps, in, "preset", "hexagon", "radius", 32.0, "quarter-res-radius", 32.0, NULL);
  got = gray16_image (out, CROP, CROP);
  p = skc_image_psnr (got, dense, 1.0, TRIM);
  p_in = skc_image_psnr (crop, dense, 1.0, TRIM);
  g_test_message ("hexagon r=32 quartered against dense: %.2f dB (the input: %.2f dB)", p, p_in);
  g_assert_cmpfloat (p, >=, QUARTER_MIN_PSNR);
  g_assert_cmpfloat (p_in, <, 40);
  gst_buffer_unref (out);
  gst_buffer_unref (in);
}

/* quarter-res-radius and the radius changed while playing, across all
 * three paths (full member, half/ halved, quartered); bad values refused by
 * the property's range (NaN, negative, past 1000), the setting kept. */
static void
test_quarter_playing (void)
{
  static const gdouble radii[] = { 12, 40, 32, 20, 64 };
  static const gdouble quarters[] = { 0, 32, 16 };
  GstElement *e = gst_element_factory_make ("sparseconv", NULL);
  GParamSpec *ps = g_object_class_find_property (G_OBJECT_GET_CLASS (e), "quarter-res-radius");
  const gdouble bad[] = { NAN, -1, 1e9 };
  GValue v = G_VALUE_INIT;
  gdouble now = -1;

  play_across ("video/x-raw,format=RGBA,width=80,height=48,framerate=30/1", GST_VIDEO_FORMAT_RGBA, 80, 48, "heart",
      20.0, "quarter-res-radius", quarters, G_N_ELEMENTS (quarters), radii, G_N_ELEMENTS (radii), 2);
  g_value_init (&v, G_TYPE_DOUBLE);
  for (guint b = 0; b < G_N_ELEMENTS (bad); b++) {
    g_value_set_double (&v, bad[b]);
    g_assert_true (g_param_value_validate (ps, &v));
  }
  g_value_unset (&v);
  g_object_set (e, "quarter-res-radius", 40.0, NULL);
  g_test_expect_message ("GLib-GObject", G_LOG_LEVEL_WARNING, "*out of range*quarter-res-radius*");
  g_object_set (e, "quarter-res-radius", -5.0, NULL);
  g_test_assert_expected_messages ();
  g_object_get (e, "quarter-res-radius", &now, NULL);
  g_assert_cmpfloat (now, ==, 40.0);
  gst_object_unref (e);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  gst_init (&argc, &argv);
  g_test_add_func ("/element/half/switch", test_switch);
  g_test_add_func ("/element/half/below-switch", test_below_switch);
  g_test_add_func ("/element/half/vs-dense", test_vs_dense);
  g_test_add_func ("/element/half/playing", test_playing);
  g_test_add_func ("/element/quarter/switch", test_quarter_switch);
  g_test_add_func ("/element/quarter/vs-dense", test_quarter_vs_dense);
  g_test_add_func ("/element/quarter/playing", test_quarter_playing);
  return g_test_run ();
}
