/* Zoom and spin through the element, against the per-pixel reference (each
 * pixel's own complex turned exactly, doubles): the maps are written here by
 * hand from the properties' documented meaning, not taken from the element. */
#include "skc.h"
#include "test-catseye.h"
#include "test-images.h"

#include <gst/check/gstharness.h>
#include <glib/gstdio.h>
#include <gst/gst.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define W 120
#define H 80

/* Measured (2026-12-07): see test_swirl_turned_against_truth's message. */
#define SWIRL_PHOTO_GAIN 0.4     /* 48.01 against 47.28 dB on the photo crop */
#define SWIRL_LIGHTS_GAIN 8.0    /* 49.06 against 35.03 dB on point lights */

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

/* Worst error in levels and PSNR of the element's bytes against a reference
 * in doubles, printed and bounded: a few levels at edges, above 50 dB.  The
 * motion line's grid shares its small layers' cells (skc-oriented.h), which
 * moves each by up to its span of grid steps: 9 levels where the unshared grid had 6
 * (51.6 against 54.0 dB); the bound is 10 for every grid. */
static void
compare (const gchar *what, const guint8 *got, const SkcImage *ref)
{
  gdouble se = 0, psnr;
  gint worst = 0;

  for (gint i = 0; i < W * H * 3; i++) {
    gdouble d = got[i] - CLAMP (ref->data[i], 0, 1) * 255;

    worst = MAX (worst, abs (got[i] - (gint) CLAMP (round (ref->data[i] * 255), 0, 255)));
    se += d * d;
  }
  psnr = 10 * log10 (255.0 * 255.0 / (se / (W * H * 3)));
  g_test_message ("%s: max error %d level(s), %.2f dB against the per-pixel reference", what, worst, psnr);
  g_assert_cmpint (worst, <=, 10);
  g_assert_cmpfloat (psnr, >=, 50);
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

  got = run (h, "video/x-raw,format=RGB,width=120,height=80,framerate=30/1", px, W * H * 3, mask);
  gst_harness_teardown (h);
  for (gint i = 0; i < W * H * 3; i++)
    in->data[i] = px[i] / 255.0;
  maps (cx, cy, rotational, turn, max_radius, fixed, radius, angle);
  ref = skc_reference_convolve_oriented (in, radius, angle, f, 1);
  compare (what, got, ref);
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
 * the first member never matters and only the turn varies.  A geometry runs
 * preset=disc as its refit for turned kernels, turned/disc. */
static void
test_swirl_with_mask_matches_reference (void)
{
  GstHarness *h = gst_harness_new ("sparseconv");

  gst_harness_set (h, "sparseconv", "preset", "disc", "geometry", 2, "aspect", 2.0, "angle", 30.0,
      "depth-mode", 1, "max-radius", 8.0, "linear-light", FALSE, NULL);
  check_rgb ("swirl", "turned/disc", 2, 153, 0.5, 0.5, TRUE, 30, 8, 153 / 255.0 * 8, h);
}

/* The swirl from 0 to 8 px through the element against the dense truth
 * (every pixel its own exact stretched, turned disc at its exact radius):
 * preset=disc (run as turned/disc) against the disc family itself, given by
 * path so that no refit stands in.  The disc's small members fall apart
 * turned off the axes (docs/ARCHITECTURE.md §10). */
static gdouble
swirl_truth_psnr (const gchar *preset, const guint8 *px, const SkcImage *truth)
{
  GstHarness *h = gst_harness_new ("sparseconv");
  g_autofree guint8 *got = NULL;
  gdouble se = 0;

  gst_harness_set (h, "sparseconv", "preset", preset, "geometry", 2, "aspect", 2.0, "max-radius", 8.0,
      "linear-light", FALSE, NULL);
  got = run (h, "video/x-raw,format=RGB,width=120,height=80,framerate=30/1", px, W * H * 3, -1);
  gst_harness_teardown (h);
  for (gint i = 0; i < W * H * 3; i++) {
    gdouble d = got[i] / 255.0 - truth->data[i];

    se += d * d;
  }
  return 10 * log10 (W * H * 3 / se);
}

/* The photo crop, or point lights (one in 10 × 10 pixels on grey), whose
 * blur is the kernels themselves. */
static void
test_swirl_turned_against_truth (gconstpointer data)
{
  gboolean lights = GPOINTER_TO_INT (data);
  g_autofree guint8 *px = test_photo_u8 (W, H, 3);
  g_autoptr (SkcFamily) disc = test_preset ("disc");
  g_autofree gchar *dir = g_dir_make_tmp ("skc-turned-XXXXXX", NULL);
  g_autofree gchar *path = g_build_filename (dir, "disc.skc", NULL);
  g_autoptr (SkcImage) in = skc_image_new (W, H, 3), radius = skc_image_new (W, H, 1),
      angle = skc_image_new (W, H, 1), truth = NULL;
  gdouble far = hypot (W / 2.0, H / 2.0), turned, plain;

  g_assert_true (skc_preset_save_file (disc, path, NULL));
  if (lights)
    for (gint i = 0; i < W * H * 3; i++)
      px[i] = (i / 3) % W % 10 == 5 && (i / 3) / W % 10 == 5 ? 255 : 40;
  for (gint i = 0; i < W * H * 3; i++)
    in->data[i] = px[i] / 255.0;
  maps (0.5, 0.5, TRUE, 0, 8, 0, radius, angle);
  /* The truth at the exact radius, not the element's 0.5 px levels. */
  for (gint y = 0; y < H; y++)
    for (gint x = 0; x < W; x++)
      radius->data[y * W + x] = 8 * hypot (x + 0.5 - W / 2.0, y + 0.5 - H / 2.0) / far;
  truth = skc_reference_dense_oriented (in, radius, angle, SKC_ORIENTED_DISC, 2);
  turned = swirl_truth_psnr ("disc", px, truth);
  plain = swirl_truth_psnr (path, px, truth);
  g_test_message ("swirl 0–8 px on %s against the dense truth: preset=disc (turned/disc) %.2f dB, the disc "
      "family %.2f dB", lights ? "point lights" : "the photo", turned, plain);
  g_assert_cmpfloat (turned, >=, plain + (lights ? SWIRL_LIGHTS_GAIN : SWIRL_PHOTO_GAIN));
  g_unlink (path);
  g_rmdir (dir);
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

/* ---- cat's eye (vignetting) -------------------------------------------- */

/* The documented clip, 2 · vignetting · ρ with ρ the distance from the
 * centre over the farthest corner's, on the element's levels: at radius r,
 * ⌈1.8 · r / 1 px⌉ + 1 of them over 0 … 1.8 (so that a step moves the lens's
 * outline by about a pixel; between fitted members of the squeeze's family
 * a step can change the member, and the exact clip would then differ by 12
 * levels at the photo's edges). */
static void
clip_map (gdouble cx, gdouble cy, gdouble vignetting, const SkcImage *radius, SkcImage *clip)
{
  gdouble ox = cx * W, oy = cy * H, far = hypot (MAX (ox, W - ox), MAX (oy, H - oy));

  for (gint y = 0; y < H; y++)
    for (gint x = 0; x < W; x++) {
      gdouble c = 2 * vignetting * hypot (x + 0.5 - ox, y + 0.5 - oy) / far;
      gdouble steps = ceil (1.8 * radius->data[y * W + x]);

      clip->data[y * W + x] = floor (c / 1.8 * steps + 0.5) * 1.8 / steps;
    }
}

/* The element's RGB output against the per-pixel reference with hand-made
 * maps: the clip quantised to about a pixel of the lens's outline (and the
 * angle to ½ px) costs a few levels at edges. */
static void
check_catseye (const gchar *what, const gchar *preset, const gchar *lens_name, gint mask, gdouble cx, gdouble cy,
    gboolean rotational, gdouble turn, gdouble vignetting, gdouble fixed, GstHarness *h)
{
  g_autofree guint8 *px = test_photo_u8 (W, H, 3), *got = NULL;
  g_autoptr (SkcFamily) f = test_preset (preset), lens = lens_name ? test_preset (lens_name) : NULL;
  g_autoptr (SkcImage) in = skc_image_new (W, H, 3), radius = skc_image_new (W, H, 1),
      angle = skc_image_new (W, H, 1), clip = skc_image_new (W, H, 1), ref = NULL;
  g_autofree gfloat *maps_f = g_new (gfloat, 3 * W * H);

  got = run (h, "video/x-raw,format=RGB,width=120,height=80,framerate=30/1", px, W * H * 3, mask);
  gst_harness_teardown (h);
  for (gint i = 0; i < W * H * 3; i++)
    in->data[i] = px[i] / 255.0;
  maps (cx, cy, rotational, turn, 0, fixed, radius, angle);
  clip_map (cx, cy, vignetting, radius, clip);
  for (gint i = 0; i < W * H; i++) {
    maps_f[i] = (gfloat) radius->data[i];
    maps_f[W * H + i] = (gfloat) angle->data[i];
    maps_f[2 * W * H + i] = (gfloat) clip->data[i];
  }
  ref = test_catseye_reference (in, f, lens, maps_f, maps_f + W * H, maps_f + 2 * W * H,
      -(turn + (rotational ? 90 : 0)));
  compare (what, got, ref);
}

/* The round disc at a fixed radius takes the fitted lens family; a hexagon
 * from a mask, its kernels along the tangent and turned 20° more, is
 * squeezed along the direction from the centre. */
static void
test_catseye_matches_reference (void)
{
  static const struct {
    const gchar *what, *preset, *lens;
    gint geometry, mask;
    gdouble angle, cx, cy, vignetting, fixed;
  } cases[] = {
    { "cat's eye, disc, fixed radius", "disc", "clip/catseye", 0, -1, 0, 0.4, 0.6, 0.6, 6 },
    /* Mask mode: 153 / 255 × 8 = 4.8 px. */
    { "cat's eye, hexagon, mask, rotational", "hexagon", NULL, 2, 153, 20, 0.5, 0.5, 0.5, 153 / 255.0 * 8 },
  };

  for (guint k = 0; k < G_N_ELEMENTS (cases); k++) {
    GstHarness *h = gst_harness_new ("sparseconv");

    gst_harness_set (h, "sparseconv", "preset", cases[k].preset, "geometry", cases[k].geometry, "angle",
        cases[k].angle, "vignetting", cases[k].vignetting, "center-x", cases[k].cx, "center-y", cases[k].cy,
        "radius", cases[k].fixed, "depth-mode", 1, "max-radius", 8.0, "linear-light", FALSE, NULL);
    check_catseye (cases[k].what, cases[k].preset, cases[k].lens, cases[k].mask, cases[k].cx, cases[k].cy,
        cases[k].geometry == 2, cases[k].angle, cases[k].vignetting, cases[k].fixed, h);
  }
}

/* vignetting=0 set explicitly is the element without it, byte for byte:
 * a fixed kernel, a geometry and a mask. */
static void
test_catseye_zero_is_identical (void)
{
  g_autofree guint8 *px = test_photo_u8 (W, H, 3);
  const gchar *caps = "video/x-raw,format=RGB,width=120,height=80,framerate=30/1";

  for (guint k = 0; k < 3; k++) {
    g_autofree guint8 *a = NULL, *b = NULL;

    for (guint with = 0; with < 2; with++) {
      GstHarness *h = gst_harness_new ("sparseconv");

      gst_harness_set (h, "sparseconv", "preset", "hexagon", "radius", 7.0, "max-radius", 9.0, "geometry",
          k == 1 ? 1 : 0, "depth-mode", 1, NULL);
      if (with)
        gst_harness_set (h, "sparseconv", "vignetting", 0.0, NULL);
      *(with ? &b : &a) = run (h, caps, px, W * H * 3, k == 2 ? 200 : -1);
      gst_harness_teardown (h);
    }
    g_assert_cmpmem (a, W * H * 3, b, W * H * 3);
  }
}

/* Spread of a blurred point along the direction (ux, uy) and across it:
 * the square roots of the intensity's second moments about its centroid. */
static void
spreads (const guint16 *img, gdouble ux, gdouble uy, gdouble *along_u, gdouble *across_u)
{
  gdouble m = 0, mx = 0, my = 0, su = 0, sv = 0;

  for (gint y = 0; y < H; y++)
    for (gint x = 0; x < W; x++) {
      m += img[y * W + x];
      mx += img[y * W + x] * (gdouble) x;
      my += img[y * W + x] * (gdouble) y;
    }
  mx /= m;
  my /= m;
  for (gint y = 0; y < H; y++)
    for (gint x = 0; x < W; x++) {
      gdouble dx = x - mx, dy = y - my, u = dx * ux + dy * uy, v = -dx * uy + dy * ux;

      su += img[y * W + x] * u * u;
      sv += img[y * W + x] * v * v;
    }
  *along_u = sqrt (su / m);
  *across_u = sqrt (sv / m);
}

/* A single light up and right of the centre, disc of radius 10: without
 * vignetting the blur is round; with vignetting=0.8 it is a cat's eye whose
 * short axis points at the centre — narrower along the direction to it, by
 * about the lens's ratio there (clip 2 · 0.8 · ρ = 0.94: 0.62), and as wide
 * as before across it within the lens's height. */
static void
test_catseye_points_at_centre (void)
{
  const gint lx = 96, ly = 18;
  gdouble dx = lx + 0.5 - 60, dy = ly + 0.5 - 40, d = hypot (dx, dy), clip = 2 * 0.8 * d / hypot (60, 40);
  gdouble across, along, ratio[2], su[2], sv[2];
  g_autofree guint16 *px = g_new0 (guint16, W * H);

  px[ly * W + lx] = 65535;
  skc_catseye_moments (clip, &across, &along);
  for (guint v = 0; v < 2; v++) {
    GstHarness *h = gst_harness_new ("sparseconv");
    g_autofree guint16 *got = NULL;

    gst_harness_set (h, "sparseconv", "preset", "disc", "radius", 10.0, "vignetting", v ? 0.8 : 0.0,
        "linear-light", FALSE, NULL);
    got = (guint16 *) run (h, "video/x-raw,format=GRAY16_LE,width=120,height=80,framerate=30/1", (guint8 *) px,
        W * H * 2, -1);
    gst_harness_teardown (h);
    spreads (got, dx / d, dy / d, &su[v], &sv[v]);
    ratio[v] = su[v] / sv[v];
  }
  g_test_message ("spread towards the centre / across: %.3f without vignetting, %.3f with (lens %.3f at clip %.2f)",
      ratio[0], ratio[1], across / along, clip);
  g_assert_cmpfloat (fabs (ratio[0] - 1), <, 0.05);
  g_assert_cmpfloat (fabs (ratio[1] - across / along), <, 0.08);
  g_assert_cmpfloat (fabs (sv[1] / sv[0] - along), <, 0.08);
}

/* I420 with the cat's eye: the luma plane is the GRAY8 result byte for byte,
 * and the chroma planes (their clip from the first luma sample they cover)
 * blur too. */
static void
test_catseye_i420 (void)
{
  const gsize luma = W * H, size = luma * 3 / 2;
  g_autofree guint8 *yuv = test_photo_u8 (W, H * 3 / 2, 1);
  guint8 *planes[2] = { NULL, NULL };
  const gchar *formats[] = { "I420", "GRAY8" };

  for (guint f = 0; f < 2; f++) {
    GstHarness *h = gst_harness_new ("sparseconv");
    g_autofree gchar *caps = g_strdup_printf ("video/x-raw,format=%s,width=120,height=80,framerate=30/1",
        formats[f]);

    gst_harness_set (h, "sparseconv", "preset", "disc", "radius", 5.0, "vignetting", 0.7, NULL);
    planes[f] = run (h, caps, yuv, f == 0 ? size : luma, -1);
    gst_harness_teardown (h);
  }
  g_assert_cmpmem (planes[0], luma, planes[1], luma);
  g_assert_true (memcmp (planes[0] + luma, yuv + luma, size - luma) != 0);
  g_free (planes[0]);
  g_free (planes[1]);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  gst_init (&argc, &argv);
  g_test_add_func ("/geometry/zoom-matches-reference", test_zoom_matches_reference);
  g_test_add_func ("/geometry/swirl-with-mask-matches-reference", test_swirl_with_mask_matches_reference);
  g_test_add_data_func ("/geometry/swirl-turned-against-truth/photo", GINT_TO_POINTER (FALSE),
      test_swirl_turned_against_truth);
  g_test_add_data_func ("/geometry/swirl-turned-against-truth/lights", GINT_TO_POINTER (TRUE),
      test_swirl_turned_against_truth);
  g_test_add_func ("/geometry/i420-and-centre", test_i420_and_centre);
  g_test_add_func ("/geometry/catseye-matches-reference", test_catseye_matches_reference);
  g_test_add_func ("/geometry/catseye-zero-is-identical", test_catseye_zero_is_identical);
  g_test_add_func ("/geometry/catseye-points-at-centre", test_catseye_points_at_centre);
  g_test_add_func ("/geometry/catseye-i420", test_catseye_i420);
  return g_test_run ();
}
