/* The dense truth of two-dimensional variance (skc-oriented-truth.h): its
 * PSFs by hand, turned a quarter, and the per-pixel gather against the
 * fixed dense reference where radius and angle are constant. */
#include "skc.h"
#include "test-images.h"

#include <math.h>

/* The line of radius 2 covers [−2, 2] × [−½, ½]: pixels −1…1 whole, ±2 half
 * (a pixel is [d − ½, d + ½]), 4 px of area in all. */
static void
test_line_by_hand (void)
{
  g_autoptr (SkcRaster) h = skc_oriented_psf (SKC_ORIENTED_LINE, 2, 0, 1);
  g_autoptr (SkcRaster) v = skc_oriented_psf (SKC_ORIENTED_LINE, 2, 90, 1);
  const gdouble want[] = { 0.125, 0.25, 0.25, 0.25, 0.125 };

  g_assert_nonnull (h);
  g_assert_cmpfloat_with_epsilon (skc_raster_sum (h), 1, 1e-12);
  for (gint d = -2; d <= 2; d++) {
    g_assert_cmpfloat_with_epsilon (skc_raster_get (h, d, 0), want[d + 2], 1e-9);
    g_assert_cmpfloat_with_epsilon (skc_raster_get (h, d, 1), 0, 1e-12);
    /* A quarter turn puts it upright. */
    g_assert_cmpfloat_with_epsilon (skc_raster_get (v, 0, d), want[d + 2], 1e-9);
  }
}

/* The disc turned by any angle is the disc; stretched 2× it is twice as wide
 * as tall, and a quarter turn swaps the two. */
static void
test_disc_turns (void)
{
  g_autoptr (SkcRaster) a = skc_oriented_psf (SKC_ORIENTED_DISC, 5, 0, 1);
  g_autoptr (SkcRaster) b = skc_oriented_psf (SKC_ORIENTED_DISC, 5, 37, 1);
  g_autoptr (SkcRaster) e = skc_oriented_psf (SKC_ORIENTED_DISC, 4, 0, 2);
  g_autoptr (SkcRaster) q = skc_oriented_psf (SKC_ORIENTED_DISC, 4, 90, 2);

  for (gint y = -6; y <= 6; y++)
    for (gint x = -6; x <= 6; x++)
      g_assert_cmpfloat_with_epsilon (skc_raster_get (a, x, y), skc_raster_get (b, x, y), 1e-3);
  g_assert_cmpfloat (skc_raster_get (e, 7, 0), >, 0);
  g_assert_cmpfloat (skc_raster_get (e, 0, 7), ==, 0);
  for (gint y = -9; y <= 9; y++)
    for (gint x = -9; x <= 9; x++)
      g_assert_cmpfloat_with_epsilon (skc_raster_get (e, x, y), skc_raster_get (q, -y, x), 1e-3);
}

/* Constant radius and angle: the per-pixel truth is the fixed dense
 * convolution with that PSF. */
static void
test_constant_maps_are_fixed (void)
{
  g_autoptr (SkcImage) src = test_random_image (30, 20, 3, 5);
  g_autoptr (SkcImage) radius = test_constant_image (30, 20, 1, 3.5);
  g_autoptr (SkcImage) angle = test_constant_image (30, 20, 1, 30);
  g_autoptr (SkcRaster) psf = skc_oriented_psf (SKC_ORIENTED_DISC, 3.5, 30, 2);
  g_autoptr (SkcImage) got = skc_reference_dense_oriented (src, radius, angle, SKC_ORIENTED_DISC, 2);
  g_autoptr (SkcImage) want = skc_reference_convolve (src, psf);

  g_assert_nonnull (got);
  for (gsize i = 0; i < (gsize) 30 * 20 * 3; i++)
    g_assert_cmpfloat_with_epsilon (got->data[i], want->data[i], 1e-9);
}

/* The lens of two circles of radius r whose centres are d apart has area
 * 2r²·acos(d/2r) − (d/2)·√(4r² − d²) (the two circular segments). */
static gdouble
lens_area (gdouble r, gdouble d)
{
  return 2 * r * r * acos (d / (2 * r)) - 0.5 * d * sqrt (4 * r * r - d * d);
}

/* Inside both discs, centred at ∓(clip/2)·r along the direction angle (on
 * screen, y down, counter-clockwise). */
static gboolean
in_lens (gdouble x, gdouble y, gdouble r, gdouble angle, gdouble clip)
{
  gdouble a = angle * G_PI / 180, ux = cos (a) * 0.5 * clip * r, uy = -sin (a) * 0.5 * clip * r;

  return hypot (x - ux, y - uy) <= r && hypot (x + ux, y + uy) <= r;
}

/* The cat's eye's coverage, by rows and by pixel, sums to the lens's area,
 * agrees with a 64 × 64 supersampling pixel by pixel, and vanishes past its
 * short half-axis (along the clip) while reaching its long one. */
static void
test_catseye_by_hand (void)
{
  const gdouble radius = 7.3, clip = 0.8, angles[] = { 0, 23, 90, 211 };

  for (guint t = 0; t < G_N_ELEMENTS (angles); t++) {
    SkcCoverage cov;
    gdouble row[41], sum = 0;

    skc_coverage_init_clipped (&cov, SKC_ORIENTED_DISC, radius, angles[t], 1, clip);
    for (gint y = -20; y <= 20; y++) {
      skc_coverage_row (&cov, y, -20, 41, row);
      for (gint i = 0; i < 41; i++) {
        gint x = i - 20, in = 0;

        sum += row[i];
        g_assert_cmpfloat_with_epsilon (row[i], skc_coverage_pixel (&cov, x, y), 1e-12);
        if ((x + y) % 3 != 0)
          continue;
        for (gint sy = 0; sy < 64; sy++)
          for (gint sx = 0; sx < 64; sx++)
            in += in_lens (x - 0.5 + (sx + 0.5) / 64, y - 0.5 + (sy + 0.5) / 64, radius, angles[t], clip);
        g_assert_cmpfloat_with_epsilon (row[i], in / 4096.0, 0.02);
      }
    }
    g_assert_cmpfloat_with_epsilon (sum, lens_area (radius, clip * radius), 1e-9);
  }
  {
    /* At angle 0 the lens reaches ±(1 − c/2)·r = ±4.38 px across and ±√(1 − c²/4)·r = ±6.69 px along y. */
    g_autoptr (SkcRaster) k = skc_oriented_psf_clipped (SKC_ORIENTED_DISC, radius, 0, 1, clip);

    g_assert_cmpfloat (skc_raster_get (k, 5, 0), ==, 0);
    g_assert_cmpfloat (skc_raster_get (k, 4, 0), >, 0);
    g_assert_cmpfloat (skc_raster_get (k, 0, 7), >, 0);
    g_assert_cmpfloat (skc_raster_get (k, 0, 8), ==, 0);
  }
}

/* Clip 0 is the disc bit for bit; a stretch multiplies the lens's area. */
static void
test_catseye_limits (void)
{
  g_autoptr (SkcRaster) a = skc_oriented_psf (SKC_ORIENTED_DISC, 6.5, 30, 1.5);
  g_autoptr (SkcRaster) b = skc_oriented_psf_clipped (SKC_ORIENTED_DISC, 6.5, 30, 1.5, 0);
  g_autoptr (SkcImage) src = test_random_image (17, 11, 2, 3);
  g_autoptr (SkcImage) radius = test_constant_image (17, 11, 1, 2.5);
  g_autoptr (SkcImage) angle = test_constant_image (17, 11, 1, 10);
  g_autoptr (SkcImage) zero = test_constant_image (17, 11, 1, 0);
  g_autoptr (SkcImage) plain = skc_reference_dense_oriented (src, radius, angle, SKC_ORIENTED_DISC, 1);
  g_autoptr (SkcImage) clipped = skc_reference_dense_catseye (src, radius, angle, zero, SKC_ORIENTED_DISC, 1);
  SkcCoverage cov;
  gdouble row[61], sum = 0;

  g_assert_cmpint (a->width, ==, b->width);
  g_assert_cmpint (a->height, ==, b->height);
  g_assert_cmpmem (a->data, sizeof (gdouble) * a->width * a->height, b->data,
      sizeof (gdouble) * b->width * b->height);
  g_assert_cmpmem (plain->data, sizeof (gdouble) * 17 * 11 * 2, clipped->data, sizeof (gdouble) * 17 * 11 * 2);
  skc_coverage_init_clipped (&cov, SKC_ORIENTED_DISC, 9, 40, 2, 1.5);
  for (gint y = -30; y <= 30; y++) {
    skc_coverage_row (&cov, y, -30, 61, row);
    for (gint i = 0; i < 61; i++)
      sum += row[i];
  }
  g_assert_cmpfloat_with_epsilon (sum, 2 * lens_area (9, 1.5 * 9), 1e-9);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/oriented-truth/line-by-hand", test_line_by_hand);
  g_test_add_func ("/oriented-truth/disc-turns", test_disc_turns);
  g_test_add_func ("/oriented-truth/constant-maps-are-fixed", test_constant_maps_are_fixed);
  g_test_add_func ("/oriented-truth/catseye-by-hand", test_catseye_by_hand);
  g_test_add_func ("/oriented-truth/catseye-limits", test_catseye_limits);
  return g_test_run ();
}
