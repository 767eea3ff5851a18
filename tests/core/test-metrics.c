/* PSNR and SSIM against closed forms and a single-window SSIM written out
 * here (Wang, Bovik, Sheikh, Simoncelli 2004, eq. 13). */
#include "skc.h"
#include "test-images.h"

#include <math.h>

static void
test_psnr (void)
{
  g_autoptr (SkcImage) a = skc_image_new (4, 4, 1);
  g_autoptr (SkcImage) b = skc_image_new (4, 4, 1);
  g_autoptr (SkcImage) c = skc_image_new (4, 3, 1);
  g_autoptr (SkcImage) rgb = skc_image_new (4, 4, 3);

  g_assert_true (isinf (skc_image_psnr (a, b, 1, 0)));
  g_assert_cmpfloat (skc_image_psnr (a, b, 1, 0), >, 0);
  /* One pixel off by 0.5 of 16: MSE = 0.25 / 16. */
  b->data[5] = 0.5;
  g_assert_cmpfloat_with_epsilon (skc_image_psnr (a, b, 1, 0), 10 * log10 (16 / 0.25), 1e-12);
  /* Border 1 leaves the inner 2×2, which holds the pixel: MSE = 0.25 / 4. */
  g_assert_cmpfloat_with_epsilon (skc_image_psnr (a, b, 1, 1), 10 * log10 (4 / 0.25), 1e-12);
  /* Peak 255: the figure moves by 20·log10(255). */
  g_assert_cmpfloat_with_epsilon (skc_image_psnr (a, b, 255, 0),
      10 * log10 (255.0 * 255 * 16 / 0.25), 1e-12);
  /* A negative border is no border. */
  g_assert_cmpfloat (skc_image_psnr (a, b, 1, -3), ==, skc_image_psnr (a, b, 1, 0));
  /* No pixel left, sizes or channels differ, no peak: NaN. */
  g_assert_true (isnan (skc_image_psnr (a, b, 1, 2)));
  g_assert_true (isnan (skc_image_psnr (a, c, 1, 0)));
  g_assert_true (isnan (skc_image_psnr (a, rgb, 1, 0)));
  g_assert_true (isnan (skc_image_psnr (a, b, 0, 0)));
  g_assert_true (isnan (skc_image_psnr (a, NULL, 1, 0)));
}

static void
test_psnr_channels (void)
{
  g_autoptr (SkcImage) a = skc_image_new (5, 3, 3);
  g_autoptr (SkcImage) b = skc_image_new (5, 3, 3);

  /* Errors 0.1, 0.2 and 0.3 in three samples of 45: MSE = 0.14 / 45.  A
   * 5 × 3 frame with border 1 keeps the three middle pixels of row 1. */
  skc_image_at (b, 1, 1)[0] = 0.1;
  skc_image_at (b, 2, 1)[1] = -0.2;
  skc_image_at (b, 3, 1)[2] = 0.3;
  g_assert_cmpfloat_with_epsilon (skc_image_psnr (a, b, 1, 0), 10 * log10 (45 / 0.14), 1e-12);
  g_assert_cmpfloat_with_epsilon (skc_image_psnr (a, b, 1, 1), 10 * log10 (9 / 0.14), 1e-12);
}

static void
test_ssim_basic (void)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (9);
  g_autoptr (SkcImage) a = test_random_image (32, 32, 3, 8);
  g_autoptr (SkcImage) b = skc_image_copy (a), noisy = skc_image_copy (a);
  g_autoptr (SkcImage) noisier = skc_image_copy (a), gray = skc_image_new (32, 32, 1);
  gdouble s_noisy, s_noisier;

  for (gsize i = 0; i < 32 * 32 * 3; i++) {
    gdouble n = g_rand_double_range (rand, -1, 1);

    noisy->data[i] += 0.05 * n;
    noisier->data[i] += 0.2 * n;
  }
  g_assert_cmpfloat_with_epsilon (skc_image_ssim (a, b, 1, 0), 1.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (skc_image_ssim (a, b, 1, 7), 1.0, 1e-12);
  s_noisy = skc_image_ssim (a, noisy, 1, 0);
  s_noisier = skc_image_ssim (a, noisier, 1, 0);
  g_test_message ("SSIM with noise ±0.05: %.4f, ±0.2: %.4f", s_noisy, s_noisier);
  g_assert_cmpfloat (s_noisy, <, 0.999);
  g_assert_cmpfloat (s_noisier, <, s_noisy);
  g_assert_cmpfloat (s_noisier, >, 0);
  g_assert_cmpfloat_with_epsilon (s_noisy, skc_image_ssim (noisy, a, 1, 0), 1e-14);
  g_assert_true (isnan (skc_image_ssim (a, gray, 1, 0)));
  /* 32 − 2·16 leaves no centre. */
  g_assert_true (isnan (skc_image_ssim (a, b, 1, 16)));
}

static void
test_ssim_luminance (void)
{
  /* Two constant images: no contrast or structure, SSIM is the luminance
   * term (2·μa·μb + C1) / (μa² + μb² + C1), C1 = (0.01·L)². */
  const gdouble L = 255, c1 = (0.01 * L) * (0.01 * L);
  g_autoptr (SkcImage) flat = test_constant_image (24, 20, 2, 0.4 * L);
  g_autoptr (SkcImage) shifted = test_constant_image (24, 20, 2, 0.6 * L);
  gdouble ma = 0.4 * L, mb = 0.6 * L, lum = (2 * ma * mb + c1) / (ma * ma + mb * mb + c1);

  g_assert_cmpfloat_with_epsilon (skc_image_ssim (flat, shifted, L, 0), lum, 1e-12);
  g_assert_cmpfloat_with_epsilon (skc_image_ssim (flat, shifted, L, 6), lum, 1e-12);
  /* Channels averaged: channel 0 identical (1), channel 1 shifted. */
  for (gint i = 0; i < 24 * 20; i++)
    shifted->data[2 * i] = 0.4 * L;
  g_assert_cmpfloat_with_epsilon (skc_image_ssim (flat, shifted, L, 0), (1 + lum) / 2, 1e-12);
}

/* SSIM of one 11 × 11 window: Gaussian weights (σ = 1.5) normalised to one,
 * weighted means, variances and covariance with the means taken out first. */
static gdouble
one_window_ssim (const SkcImage *a, const SkcImage *b, gdouble L)
{
  gdouble w[121], sw = 0, ma = 0, mb = 0, va = 0, vb = 0, cov = 0;
  gdouble c1 = pow (0.01 * L, 2), c2 = pow (0.03 * L, 2);

  for (gint i = 0; i < 121; i++)
    sw += w[i] = exp (-(pow (i % 11 - 5, 2) + pow (i / 11 - 5, 2)) / 4.5);
  for (gint i = 0; i < 121; i++) {
    ma += w[i] / sw * a->data[i];
    mb += w[i] / sw * b->data[i];
  }
  for (gint i = 0; i < 121; i++) {
    va += w[i] / sw * (a->data[i] - ma) * (a->data[i] - ma);
    vb += w[i] / sw * (b->data[i] - mb) * (b->data[i] - mb);
    cov += w[i] / sw * (a->data[i] - ma) * (b->data[i] - mb);
  }
  return (2 * ma * mb + c1) * (2 * cov + c2) / ((ma * ma + mb * mb + c1) * (va + vb + c2));
}

static void
test_ssim_one_window (void)
{
  g_autoptr (SkcImage) a = test_random_image (11, 11, 1, 3);
  g_autoptr (SkcImage) b = test_random_image (11, 11, 1, 4);
  g_autoptr (SkcImage) neg = skc_image_new (11, 11, 1);
  gdouble s;

  /* An 11 × 11 image has exactly one centre whose window fits. */
  s = skc_image_ssim (a, b, 1, 0);
  g_assert_cmpfloat_with_epsilon (s, one_window_ssim (a, b, 1), 1e-12);
  /* b = 1 − a: same contrast, structure −1, SSIM well below zero. */
  for (gint i = 0; i < 121; i++)
    neg->data[i] = 1 - a->data[i];
  s = skc_image_ssim (a, neg, 1, 0);
  g_assert_cmpfloat_with_epsilon (s, one_window_ssim (a, neg, 1), 1e-12);
  g_assert_cmpfloat (s, <, -0.5);
  g_assert_true (isnan (skc_image_ssim (a, b, 1, 6)));
}

static void
test_ssim_border (void)
{
  g_autoptr (SkcImage) a = test_random_image (40, 36, 1, 5);
  g_autoptr (SkcImage) b = skc_image_copy (a);

  /* Noise only in the outer 4 pixels: windows centred ≥ 9 from the edges
   * (border 9) never see it. */
  for (gint y = 0; y < 36; y++)
    for (gint x = 0; x < 40; x++)
      if (x < 4 || y < 4 || x >= 36 || y >= 32)
        skc_image_at (b, x, y)[0] = 1 - skc_image_at (a, x, y)[0];
  g_assert_cmpfloat (skc_image_ssim (a, b, 1, 9), ==, 1.0);
  g_assert_cmpfloat (skc_image_ssim (a, b, 1, 8), <, 1.0);
  g_assert_cmpfloat (skc_image_ssim (a, b, 1, 0), <, skc_image_ssim (a, b, 1, 8));
}

/* A 3×2 RGB pair differing in two pixels; the mask picks one of them and one
 * equal pixel: MSE over 2 pixels × 3 channels. */
static void
test_psnr_masked (void)
{
  g_autoptr (SkcImage) a = skc_image_new (3, 2, 3);
  g_autoptr (SkcImage) b = skc_image_new (3, 2, 3);
  g_autoptr (SkcImage) mask = skc_image_new (3, 2, 1);
  g_autoptr (SkcImage) none = skc_image_new (3, 2, 1);
  g_autoptr (SkcImage) small = skc_image_new (2, 2, 1);

  skc_image_at (b, 1, 0)[0] = 51 / 255.0;    /* 51 levels off in one channel */
  skc_image_at (b, 2, 1)[2] = 102 / 255.0;   /* outside the mask */
  *skc_image_at (mask, 1, 0) = 1;
  *skc_image_at (mask, 0, 1) = 0.5;          /* ≥ 0.5 counts */
  *skc_image_at (mask, 2, 1) = 0.49;         /* < 0.5 does not */
  /* Band: SE = 51², n = 6 → 10·log10(255² · 6 / 51²) = 10·log10(150). */
  g_assert_cmpfloat_with_epsilon (skc_image_psnr_masked (a, b, mask, 1), 10 * log10 (150.0), 1e-9);
  /* Frame: SE = 51² + 102², n = 18. */
  g_assert_cmpfloat_with_epsilon (skc_image_psnr_masked (a, b, NULL, 1),
      10 * log10 (255.0 * 255 * 18 / (51 * 51 + 102 * 102)), 1e-9);
  g_assert_cmpfloat (skc_image_psnr_masked (a, b, NULL, 1), ==, skc_image_psnr (a, b, 1, 0));
  /* Peak 255 on codes: the same figure. */
  for (gsize i = 0; i < 18; i++) {
    a->data[i] *= 255;
    b->data[i] *= 255;
  }
  g_assert_cmpfloat_with_epsilon (skc_image_psnr_masked (a, b, mask, 255), 10 * log10 (150.0), 1e-9);
  g_assert_true (isnan (skc_image_psnr_masked (a, b, none, 255)));
  g_assert_true (isnan (skc_image_psnr_masked (a, b, small, 255)));
  g_assert_true (isnan (skc_image_psnr_masked (a, b, a, 255)));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/metrics/psnr/hand", test_psnr);
  g_test_add_func ("/metrics/psnr/channels", test_psnr_channels);
  g_test_add_func ("/metrics/psnr/masked", test_psnr_masked);
  g_test_add_func ("/metrics/ssim/basic", test_ssim_basic);
  g_test_add_func ("/metrics/ssim/luminance", test_ssim_luminance);
  g_test_add_func ("/metrics/ssim/one-window", test_ssim_one_window);
  g_test_add_func ("/metrics/ssim/border", test_ssim_border);
  return g_test_run ();
}
