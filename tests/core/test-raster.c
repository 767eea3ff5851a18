/* Raster basics: splatting, convolution, PSNR, extent — hand-computed cases. */
#include "skc.h"

#include <math.h>

static void
test_splat_bilinear (void)
{
  g_autoptr (SkcRaster) r = skc_raster_new_centred (2, 2);

  skc_raster_splat (r, 0.25, -0.5, 2.0);
  /* Corners (0,−1), (1,−1), (0,0), (1,0) with fx = 0.25, fy = 0.5. */
  g_assert_cmpfloat (skc_raster_get (r, 0, -1), ==, 2.0 * 0.75 * 0.5);
  g_assert_cmpfloat (skc_raster_get (r, 1, -1), ==, 2.0 * 0.25 * 0.5);
  g_assert_cmpfloat (skc_raster_get (r, 0, 0), ==, 2.0 * 0.75 * 0.5);
  g_assert_cmpfloat (skc_raster_get (r, 1, 0), ==, 2.0 * 0.25 * 0.5);
  g_assert_cmpfloat_with_epsilon (skc_raster_sum (r), 2.0, 1e-15);
  /* Outside the frame: dropped, never written out of bounds. */
  skc_raster_splat (r, 2.5, 0, 1.0);
  g_assert_cmpfloat_with_epsilon (skc_raster_sum (r), 2.5, 1e-15);
  g_assert_cmpfloat (skc_raster_get (r, 3, 0), ==, 0.0);
}

static void
test_convolve_hand (void)
{
  /* [1 2] (centre on 1) ∗ [3 at 0, 4 at +1 row] */
  g_autoptr (SkcRaster) a = skc_raster_new (2, 1, 0, 0);
  g_autoptr (SkcRaster) b = skc_raster_new (1, 2, 0, 0);
  g_autoptr (SkcRaster) c = NULL;

  a->data[0] = 1;
  a->data[1] = 2;
  b->data[0] = 3;
  b->data[1] = 4;
  c = skc_raster_convolve (a, b);
  g_assert_cmpint (c->width, ==, 2);
  g_assert_cmpint (c->height, ==, 2);
  g_assert_cmpfloat (skc_raster_get (c, 0, 0), ==, 3);
  g_assert_cmpfloat (skc_raster_get (c, 1, 0), ==, 6);
  g_assert_cmpfloat (skc_raster_get (c, 0, 1), ==, 4);
  g_assert_cmpfloat (skc_raster_get (c, 1, 1), ==, 8);
}

static void
test_convolve_commutes_and_sums (void)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (3);
  g_autoptr (SkcRaster) a = skc_raster_new (5, 4, 1, 3);
  g_autoptr (SkcRaster) b = skc_raster_new (3, 6, 2, 2);
  g_autoptr (SkcRaster) ab = NULL, ba = NULL;

  for (gint i = 0; i < 20; i++)
    a->data[i] = g_rand_double_range (rand, -1, 1);
  for (gint i = 0; i < 18; i++)
    b->data[i] = g_rand_double_range (rand, -1, 1);
  ab = skc_raster_convolve (a, b);
  ba = skc_raster_convolve (b, a);
  g_assert_cmpfloat_with_epsilon (skc_raster_sum (ab), skc_raster_sum (a) * skc_raster_sum (b), 1e-12);
  for (gint y = -10; y <= 10; y++)
    for (gint x = -10; x <= 10; x++) {
      gdouble direct = 0;

      /* The definition, summed over every pair of pixels. */
      for (gint ay = -5; ay <= 5; ay++)
        for (gint ax = -5; ax <= 5; ax++)
          direct += skc_raster_get (a, ax, ay) * skc_raster_get (b, x - ax, y - ay);
      g_assert_cmpfloat_with_epsilon (skc_raster_get (ab, x, y), direct, 1e-12);
      g_assert_cmpfloat_with_epsilon (skc_raster_get (ba, x, y), direct, 1e-12);
    }
}

static void
test_psnr (void)
{
  g_autoptr (SkcRaster) t = skc_raster_new_centred (1, 1);
  g_autoptr (SkcRaster) k = skc_raster_new_centred (2, 2);

  *skc_raster_at (t, 1, 1) = 1.0;
  g_assert_true (isinf (skc_raster_psnr (t, t)));
  /* k: 0.9 at the centre, 0.1 outside t's 3×3 frame: squared error
   * 0.01 + 0.01 over 9 target pixels, peak 1. */
  *skc_raster_at (k, 2, 2) = 0.9;
  *skc_raster_at (k, 0, 0) = 0.1;
  g_assert_cmpfloat_with_epsilon (skc_raster_psnr (k, t), 10 * log10 (1.0 / (0.02 / 9)), 1e-12);
}

static void
test_extent_and_reframe (void)
{
  g_autoptr (SkcRaster) r = skc_raster_new_centred (4, 4);
  g_autoptr (SkcRaster) small = skc_raster_new_centred (1, 2);
  g_autoptr (SkcRaster) re = NULL;
  gint rx, ry;

  *skc_raster_at (r, 4 - 3, 4 + 1) = 0.5;
  *skc_raster_at (r, 4 + 1, 4 - 2) = 0.25;
  skc_raster_extent (r, 0, &rx, &ry);
  g_assert_cmpint (rx, ==, 3);
  g_assert_cmpint (ry, ==, 2);
  re = skc_raster_reframe (r, small);
  g_assert_cmpint (re->width, ==, 3);
  g_assert_cmpfloat (skc_raster_get (re, 1, -2), ==, 0.25);
  g_assert_cmpfloat (skc_raster_sum (re), ==, 0.25);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/raster/splat-bilinear", test_splat_bilinear);
  g_test_add_func ("/raster/convolve-hand", test_convolve_hand);
  g_test_add_func ("/raster/convolve-definition", test_convolve_commutes_and_sums);
  g_test_add_func ("/raster/psnr", test_psnr);
  g_test_add_func ("/raster/extent-and-reframe", test_extent_and_reframe);
  return g_test_run ();
}
