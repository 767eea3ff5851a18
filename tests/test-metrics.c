/* PSNR and SSIM against closed forms. */
#include "skc.h"

#include <math.h>

static void
test_psnr (void)
{
  g_autoptr (SkcImage) a = skc_image_new (4, 4, 1);
  g_autoptr (SkcImage) b = skc_image_new (4, 4, 1);
  g_autoptr (SkcImage) c = skc_image_new (4, 3, 1);

  g_assert_true (isinf (skc_image_psnr (a, b, 1, 0)));
  /* One pixel off by 0.5 of 16: MSE = 0.25 / 16. */
  b->data[5] = 0.5;
  g_assert_cmpfloat_with_epsilon (skc_image_psnr (a, b, 1, 0), 10 * log10 (16 / 0.25), 1e-12);
  /* Border 1 leaves the inner 2×2, which holds the pixel: MSE = 0.25 / 4. */
  g_assert_cmpfloat_with_epsilon (skc_image_psnr (a, b, 1, 1), 10 * log10 (4 / 0.25), 1e-12);
  g_assert_true (isnan (skc_image_psnr (a, c, 1, 0)));
}

static void
test_ssim (void)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (9);
  g_autoptr (SkcImage) a = skc_image_new (32, 32, 1);
  g_autoptr (SkcImage) b = NULL, noisy = NULL, noisier = NULL, flat = skc_image_new (32, 32, 1);
  g_autoptr (SkcImage) shifted = skc_image_new (32, 32, 1);
  gdouble c1 = pow (0.01, 2), expected;

  for (gint i = 0; i < 1024; i++)
    a->data[i] = g_rand_double (rand);
  b = skc_image_copy (a);
  noisy = skc_image_copy (a);
  noisier = skc_image_copy (a);
  for (gint i = 0; i < 1024; i++) {
    gdouble n = g_rand_double_range (rand, -1, 1);

    noisy->data[i] += 0.05 * n;
    noisier->data[i] += 0.2 * n;
  }
  g_assert_cmpfloat_with_epsilon (skc_image_ssim (a, b, 1, 0), 1.0, 1e-12);
  g_assert_cmpfloat (skc_image_ssim (a, noisy, 1, 0), <, 1.0);
  g_assert_cmpfloat (skc_image_ssim (a, noisier, 1, 0), <, skc_image_ssim (a, noisy, 1, 0));
  g_assert_cmpfloat_with_epsilon (skc_image_ssim (a, noisy, 1, 0), skc_image_ssim (noisy, a, 1, 0), 1e-14);
  /* Two constant images 0.4 and 0.6: no structure term, SSIM is the
   * luminance term (2·0.4·0.6 + C1) / (0.4² + 0.6² + C1). */
  for (gint i = 0; i < 1024; i++) {
    flat->data[i] = 0.4;
    shifted->data[i] = 0.6;
  }
  expected = (2 * 0.4 * 0.6 + c1) / (0.16 + 0.36 + c1);
  g_assert_cmpfloat_with_epsilon (skc_image_ssim (flat, shifted, 1, 0), expected, 1e-12);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/metrics/psnr", test_psnr);
  g_test_add_func ("/metrics/ssim", test_ssim);
  return g_test_run ();
}
