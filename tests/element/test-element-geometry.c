/* Zoom and spin through the element, against the per-pixel reference (each
 * pixel's own complex turned exactly, doubles): the maps are written here by
 * hand from the properties' documented meaning, not taken from the element. */
#include "skc.h"
#include "test-images.h"

#include <gst/check/gstharness.h>
#include <gst/gst.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define W 120
#define H 80

/* Pushes one frame (and, when mask ≥ 0, a uniform GRAY8 mask of that value
 * on the depth pad) through sparseconv set up by the caller; returns the
 * output's bytes (size bytes). */
static guint8 *
run (GstHarness *h, const gchar *caps, const guint8 *px, gsize size, gint mask)
{
  GstHarness *dh = NULL;
  GstBuffer *buf = gst_buffer_new_memdup (px, size), *out;
  guint8 *got = g_malloc (size);
  GstMapInfo map;

  gst_harness_set_src_caps_str (h, caps);
  if (mask >= 0) {
    GstBuffer *m = gst_buffer_new_allocate (NULL, W * H, NULL);

    gst_buffer_memset (m, 0, (guint8) mask, W * H);
    GST_BUFFER_PTS (m) = 0;
    GST_BUFFER_DURATION (m) = GST_SECOND / 30;
    dh = gst_harness_new_with_element (h->element, "depth", NULL);
    gst_harness_set_src_caps_str (dh, "video/x-raw,format=GRAY8,width=120,height=80,framerate=30/1");
    gst_harness_push (dh, m);
    g_assert_true (gst_harness_push_event (dh, gst_event_new_eos ()));
  }
  GST_BUFFER_PTS (buf) = 0;
  GST_BUFFER_DURATION (buf) = GST_SECOND / 30;
  g_assert_cmpint (gst_harness_push (h, buf), ==, GST_FLOW_OK);
  out = gst_harness_pull (h);
  g_assert_nonnull (out);
  gst_buffer_map (out, &map, GST_MAP_READ);
  g_assert_cmpuint (map.size, >=, size);
  memcpy (got, map.data, size);
  gst_buffer_unmap (out, &map);
  gst_buffer_unref (out);
  if (dh)
    gst_harness_teardown (dh);
  return got;
}

/* The documented maps: centre (cx·W, cy·H); angle counter-clockwise on
 * screen from +x to the pixel (radial), plus 90° (rotational), plus turn;
 * radius 0 at the centre to max_radius at the farthest corner, or fixed
 * (> 0), on the element's 0.5 px levels. */
static void
maps (gdouble cx, gdouble cy, gboolean rotational, gdouble turn, gdouble max_radius, gdouble fixed,
    SkcImage *radius, SkcImage *angle)
{
  gdouble ox = cx * W, oy = cy * H, far = hypot (MAX (ox, W - ox), MAX (oy, H - oy));

  for (gint y = 0; y < H; y++)
    for (gint x = 0; x < W; x++) {
      gdouble dx = x + 0.5 - ox, dy = y + 0.5 - oy;
      gdouble r = fixed > 0 ? fixed : max_radius * hypot (dx, dy) / far;

      radius->data[y * W + x] = floor (r * 2 + 0.5) / 2;
      angle->data[y * W + x] = atan2 (-dy, dx) * 180 / G_PI + (rotational ? 90 : 0) + turn;
    }
}

/* The element's RGB output for the photo against the reference with the
 * hand-made maps (radii on the element's 0.5 px levels, exact angles): the
 * element's angle levels move a kernel by up to ½ px (arc 1 px), which
 * costs a few 8-bit levels at strong edges and keeps the frame above 50 dB
 * (a kernel turned the wrong way: 32 dB, 78 levels). */
static void
check_rgb (const gchar *what, const gchar *preset, gdouble aspect, gint mask, gdouble cx, gdouble cy,
    gboolean rotational, gdouble turn, gdouble max_radius, gdouble fixed, GstHarness *h)
{
  g_autofree guint8 *px = test_photo_u8 (W, H, 3), *got = NULL;
  g_autoptr (SkcFamily) base = test_preset (preset);
  g_autoptr (SkcFamily) f = skc_family_shaped (base, 0, aspect, 0);
  g_autoptr (SkcImage) in = skc_image_new (W, H, 3), radius = skc_image_new (W, H, 1),
      angle = skc_image_new (W, H, 1), ref = NULL;
  gdouble se = 0, psnr;
  gint worst = 0;

  got = run (h, "video/x-raw,format=RGB,width=120,height=80,framerate=30/1", px, W * H * 3, mask);
  gst_harness_teardown (h);
  for (gint i = 0; i < W * H * 3; i++)
    in->data[i] = px[i] / 255.0;
  maps (cx, cy, rotational, turn, max_radius, fixed, radius, angle);
  ref = skc_reference_convolve_oriented (in, radius, angle, f, 1);
  for (gint i = 0; i < W * H * 3; i++) {
    gdouble d = got[i] - CLAMP (ref->data[i], 0, 1) * 255;

    worst = MAX (worst, abs (got[i] - (gint) CLAMP (round (ref->data[i] * 255), 0, 255)));
    se += d * d;
  }
  psnr = 10 * log10 (255.0 * 255.0 / (se / (W * H * 3)));
  g_test_message ("%s: max error %d level(s), %.2f dB against the per-pixel reference", what, worst, psnr);
  g_assert_cmpint (worst, <=, 8);
  g_assert_cmpfloat (psnr, >=, 50);
}

/* Zoom: the motion line along the direction from an off-centre point,
 * growing from nothing there — the line is exact, so the reference is too. */
static void
test_zoom_matches_reference (void)
{
  GstHarness *h = gst_harness_new ("sparseconv");

  gst_harness_set (h, "sparseconv", "preset", "motion", "geometry", 1, "max-radius", 10.0, "center-x", 0.4,
      "center-y", 0.6, "linear-light", FALSE, NULL);
  check_rgb ("zoom", "motion", 1, -1, 0.4, 0.6, FALSE, 0, 10, 0, h);
}

/* Swirl: a disc stretched 2× along its x axis, along the tangent and turned
 * by angle=30 more, at a radius the mask fixes (mask mode: value ×
 * max-radius; 153 / 255 × 8 = 4.8 px), so that the reference's clamp below
 * the first member never matters and only the turn varies. */
static void
test_swirl_with_mask_matches_reference (void)
{
  GstHarness *h = gst_harness_new ("sparseconv");

  gst_harness_set (h, "sparseconv", "preset", "disc", "geometry", 2, "aspect", 2.0, "angle", 30.0,
      "depth-mode", 1, "max-radius", 8.0, "linear-light", FALSE, NULL);
  check_rgb ("swirl", "disc", 2, 153, 0.5, 0.5, TRUE, 30, 8, 153 / 255.0 * 8, h);
}

/* I420: the luma plane is the GRAY8 result byte for byte (same plane, same
 * kernels); chroma is blurred, not left as it was; the centre follows
 * center-x. */
static void
test_i420_and_centre (void)
{
  const gsize luma = W * H, size = luma * 3 / 2;
  g_autofree guint8 *yuv = g_malloc (size);
  g_autofree guint8 *i420 = NULL, *gray = NULL, *left = NULL;
  GstHarness *h;

  /* A checkerboard of 5 px cells in luma (edges every way), stripes in chroma. */
  for (gsize i = 0; i < luma; i++)
    yuv[i] = (guint8) (((i % W) / 5 + (i / W) / 5) % 2 ? 200 : 60);
  for (gsize i = luma; i < size; i++)
    yuv[i] = (guint8) (((i - luma) / 7) % 2 ? 200 : 60);
  h = gst_harness_new ("sparseconv");
  gst_harness_set (h, "sparseconv", "preset", "motion", "geometry", 1, "max-radius", 12.0, NULL);
  i420 = run (h, "video/x-raw,format=I420,width=120,height=80,framerate=30/1", yuv, size, -1);
  gst_harness_teardown (h);
  h = gst_harness_new ("sparseconv");
  gst_harness_set (h, "sparseconv", "preset", "motion", "geometry", 1, "max-radius", 12.0, NULL);
  gray = run (h, "video/x-raw,format=GRAY8,width=120,height=80,framerate=30/1", yuv, luma, -1);
  gst_harness_teardown (h);
  g_assert_cmpmem (i420, luma, gray, luma);
  g_assert_true (memcmp (i420 + luma, yuv + luma, size - luma) != 0);
  /* At the centre the radius is below the first level (⅛ px): a copy. */
  g_assert_cmpint (gray[40 * W + 60], ==, yuv[40 * W + 60]);

  h = gst_harness_new ("sparseconv");
  gst_harness_set (h, "sparseconv", "preset", "motion", "geometry", 1, "max-radius", 12.0, "center-x", 0.0,
      NULL);
  left = run (h, "video/x-raw,format=GRAY8,width=120,height=80,framerate=30/1", yuv, luma, -1);
  gst_harness_teardown (h);
  /* With the centre on the left edge, the middle of the frame blurs. */
  {
    gint moved = 0, still = 0;

    for (gint y = 36; y < 45; y++)
      for (gint x = 56; x < 65; x++) {
        moved += abs (left[y * W + x] - yuv[y * W + x]);
        still += abs (gray[y * W + x] - yuv[y * W + x]);
      }
    g_test_message ("mean change in the middle: centre 0.5 %.2f, centre-x 0 %.2f", still / 81.0,
        moved / 81.0);
    g_assert_cmpint (moved, >, 4 * still);
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  gst_init (&argc, &argv);
  g_test_add_func ("/geometry/zoom-matches-reference", test_zoom_matches_reference);
  g_test_add_func ("/geometry/swirl-with-mask-matches-reference", test_swirl_with_mask_matches_reference);
  g_test_add_func ("/geometry/i420-and-centre", test_i420_and_centre);
  return g_test_run ();
}
