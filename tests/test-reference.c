/* The references checked by hand-computed cases and against each other: the
 * dense convolution with a complex's impulse response must equal running the
 * complex's layers, away from the borders. */
#include "skc.h"

#include <math.h>

static SkcImage *
random_image (gint w, gint h, gint c, guint32 seed)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (seed);
  SkcImage *img = skc_image_new (w, h, c);

  for (gsize i = 0; i < (gsize) w * h * c; i++)
    img->data[i] = g_rand_double (rand);
  return img;
}

static void
test_shift (void)
{
  g_autoptr (SkcImage) img = random_image (9, 7, 2, 1);
  g_autoptr (SkcRaster) psf = skc_raster_new_centred (3, 3);
  g_autoptr (SkcImage) out = NULL;

  /* PSF at displacement (2, −1): light moves right 2, up 1, so
   * out(x, y) = in(clamp(x − 2), clamp(y + 1)). */
  *skc_raster_at (psf, 3 + 2, 3 - 1) = 1;
  out = skc_reference_convolve (img, psf);
  for (gint y = 0; y < 7; y++)
    for (gint x = 0; x < 9; x++)
      for (gint c = 0; c < 2; c++)
        g_assert_cmpfloat (skc_image_at (out, x, y)[c], ==,
            skc_image_get_clamped (img, x - 2, y + 1, c));
}

static void
test_hand_3x3 (void)
{
  g_autoptr (SkcImage) img = skc_image_new (3, 3, 1);
  g_autoptr (SkcRaster) psf = skc_raster_new_centred (1, 0);
  g_autoptr (SkcImage) out = NULL;

  for (gint i = 0; i < 9; i++)
    img->data[i] = i;   /* rows 0 1 2 / 3 4 5 / 6 7 8 */
  *skc_raster_at (psf, 0, 0) = 0.25;   /* displacement −1 */
  *skc_raster_at (psf, 1, 0) = 0.5;
  *skc_raster_at (psf, 2, 0) = 0.25;   /* displacement +1 */
  out = skc_reference_convolve (img, psf);
  /* Centre row: (0.25·5 + 0.5·4 + 0.25·3) = 4; left edge clamps: 0.25·4 + 0.5·3 + 0.25·3. */
  g_assert_cmpfloat (skc_image_at (out, 1, 1)[0], ==, 4.0);
  g_assert_cmpfloat (skc_image_at (out, 0, 1)[0], ==, 0.25 * 4 + 0.5 * 3 + 0.25 * 3);
  g_assert_cmpfloat (skc_image_at (out, 2, 2)[0], ==, 0.25 * 8 + 0.5 * 8 + 0.25 * 7);
}

static void
test_constant_preserved (void)
{
  g_autoptr (SkcImage) img = skc_image_new (20, 10, 1);
  g_autoptr (SkcRaster) psf = skc_raster_new_centred (4, 4);
  g_autoptr (SkcImage) out = NULL;

  for (gint i = 0; i < 200; i++)
    img->data[i] = 0.3;
  for (gint i = 0; i < 81; i++)
    psf->data[i] = 1.0 / 81;
  out = skc_reference_convolve (img, psf);
  for (gint i = 0; i < 200; i++)
    g_assert_cmpfloat_with_epsilon (out->data[i], 0.3, 1e-14);
}

static void
test_complex_taps (void)
{
  const guint one = 1;
  g_autoptr (SkcImage) img = random_image (8, 6, 1, 2);
  g_autoptr (SkcComplex) c = skc_complex_new (1, &one);
  g_autoptr (SkcImage) out = NULL;
  gdouble expected;

  c->layers[0].taps[0] = (SkcTap) { 3, 0, 1 };
  out = skc_reference_filter_complex (img, c);
  g_assert_cmpfloat (skc_image_at (out, 2, 3)[0], ==, skc_image_at (img, 5, 3)[0]);
  g_assert_cmpfloat (skc_image_at (out, 6, 3)[0], ==, skc_image_at (img, 7, 3)[0]);   /* clamped */
  skc_image_free (out);
  c->layers[0].taps[0] = (SkcTap) { 0.25, -0.5, 2 };
  out = skc_reference_filter_complex (img, c);
  expected = 2 * (0.5 * (0.75 * skc_image_at (img, 4, 2)[0] + 0.25 * skc_image_at (img, 5, 2)[0]) +
      0.5 * (0.75 * skc_image_at (img, 4, 3)[0] + 0.25 * skc_image_at (img, 5, 3)[0]));
  g_assert_cmpfloat_with_epsilon (skc_image_at (out, 4, 3)[0], expected, 1e-15);
}

static void
test_complex_equals_dense_impulse (void)
{
  const guint taps[3] = { 5, 4, 3 };
  g_autoptr (GRand) rand = g_rand_new_with_seed (5);
  g_autoptr (SkcImage) img = random_image (40, 32, 3, 3);
  g_autoptr (SkcComplex) c = skc_complex_new (3, taps);
  g_autoptr (SkcRaster) k = NULL;
  g_autoptr (SkcImage) a = NULL, b = NULL;
  gint rx, ry;

  for (guint l = 0; l < 3; l++)
    for (guint i = 0; i < taps[l]; i++)
      c->layers[l].taps[i] = (SkcTap) { g_rand_double_range (rand, -3, 3),
        g_rand_double_range (rand, -3, 3), g_rand_double_range (rand, -0.3, 0.6) };
  c->layers[2].branch = 0;
  k = skc_complex_impulse_response (c);
  a = skc_reference_filter_complex (img, c);
  b = skc_reference_convolve (img, k);
  skc_complex_reach (c, &rx, &ry);
  for (gint y = ry; y < 32 - ry; y++)
    for (gint x = rx; x < 40 - rx; x++)
      for (gint ch = 0; ch < 3; ch++)
        g_assert_cmpfloat_with_epsilon (skc_image_at (a, x, y)[ch], skc_image_at (b, x, y)[ch], 1e-12);
}

static void
test_branches_add (void)
{
  const guint taps[2] = { 2, 2 };
  g_autoptr (SkcImage) img = random_image (12, 12, 1, 4);
  g_autoptr (SkcComplex) both = skc_complex_new (2, taps);
  g_autoptr (SkcComplex) first = skc_complex_new (1, taps);
  g_autoptr (SkcComplex) second = skc_complex_new (1, taps);
  g_autoptr (SkcImage) ab = NULL, a = NULL, b = NULL;

  both->layers[0].taps[0] = first->layers[0].taps[0] = (SkcTap) { 1.5, 0, 0.5 };
  both->layers[0].taps[1] = first->layers[0].taps[1] = (SkcTap) { 0, 0, 0.5 };
  both->layers[1].taps[0] = second->layers[0].taps[0] = (SkcTap) { 0, -2, 1 };
  both->layers[1].taps[1] = second->layers[0].taps[1] = (SkcTap) { 0.5, 0.5, -0.25 };
  both->layers[1].branch = 1;
  ab = skc_reference_filter_complex (img, both);
  a = skc_reference_filter_complex (img, first);
  b = skc_reference_filter_complex (img, second);
  for (gint i = 0; i < 144; i++)
    g_assert_cmpfloat_with_epsilon (ab->data[i], a->data[i] + b->data[i], 1e-15);
}

static SkcRaster *
box_psf (gdouble p, gpointer user_data)
{
  gint r = (gint) p;
  SkcRaster *psf = skc_raster_new_centred (r, r);

  for (gint i = 0; i < psf->width * psf->height; i++)
    psf->data[i] = 1.0 / (psf->width * psf->height);
  return psf;
}

static void
test_varying (void)
{
  g_autoptr (SkcImage) img = random_image (30, 20, 2, 6);
  g_autoptr (SkcImage) param = skc_image_new (30, 20, 1);
  g_autoptr (SkcRaster) k1 = box_psf (1, NULL), k3 = box_psf (3, NULL);
  g_autoptr (SkcImage) out = NULL, d1 = NULL, d3 = NULL;

  /* Left half radius 1, right half radius 3. */
  for (gint y = 0; y < 20; y++)
    for (gint x = 0; x < 30; x++)
      skc_image_at (param, x, y)[0] = x < 15 ? 1 : 3;
  out = skc_reference_convolve_varying (img, param, box_psf, NULL);
  d1 = skc_reference_convolve (img, k1);
  d3 = skc_reference_convolve (img, k3);
  for (gint y = 0; y < 20; y++)
    for (gint x = 0; x < 30; x++)
      for (gint c = 0; c < 2; c++)
        g_assert_cmpfloat_with_epsilon (skc_image_at (out, x, y)[c],
            skc_image_at (x < 15 ? d1 : d3, x, y)[c], 1e-14);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/reference/shift", test_shift);
  g_test_add_func ("/reference/hand-3x3", test_hand_3x3);
  g_test_add_func ("/reference/constant-preserved", test_constant_preserved);
  g_test_add_func ("/reference/complex-taps", test_complex_taps);
  g_test_add_func ("/reference/complex-equals-dense-impulse", test_complex_equals_dense_impulse);
  g_test_add_func ("/reference/branches-add", test_branches_add);
  g_test_add_func ("/reference/varying", test_varying);
  return g_test_run ();
}
