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

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/oriented-truth/line-by-hand", test_line_by_hand);
  g_test_add_func ("/oriented-truth/disc-turns", test_disc_turns);
  g_test_add_func ("/oriented-truth/constant-maps-are-fixed", test_constant_maps_are_fixed);
  return g_test_run ();
}
