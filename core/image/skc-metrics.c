/* libskc — PSNR and SSIM over an inner region of two images. */
#include "skc-metrics.h"

#include <math.h>

/* Both images present, of one size, and a positive finite peak: else the
 * measures are NaN (a figure, not a crash, for a table of results). */
static gboolean
skc_comparable (const SkcImage *a, const SkcImage *b, gdouble peak)
{
  return a != NULL && b != NULL && a->width == b->width && a->height == b->height &&
      a->channels == b->channels && peak > 0 && isfinite (peak);
}

/* Squared error over all channels of pixel (x, y), added to *se and *n. */
static void
skc_add_pixel_error (const SkcImage *a, const SkcImage *b, gint x, gint y, gdouble *se, gsize *n)
{
  for (gint c = 0; c < a->channels; c++) {
    gdouble d = skc_image_at (a, x, y)[c] - skc_image_at (b, x, y)[c];

    *se += d * d;
    (*n)++;
  }
}

static gdouble
skc_psnr_of (gdouble se, gsize n, gdouble peak)
{
  if (n == 0)
    return NAN;
  if (se == 0)
    return INFINITY;
  return 10 * log10 (peak * peak / (se / n));
}

gdouble
skc_image_psnr (const SkcImage *a, const SkcImage *b, gdouble peak, gint border)
{
  gdouble se = 0;
  gsize n = 0;

  border = MAX (border, 0);
  if (!skc_comparable (a, b, peak) || border >= (MIN (a->width, a->height) + 1) / 2)
    return NAN;
  for (gint y = border; y < a->height - border; y++)
    for (gint x = border; x < a->width - border; x++)
      skc_add_pixel_error (a, b, x, y, &se, &n);
  return skc_psnr_of (se, n, peak);
}

gdouble
skc_image_psnr_masked (const SkcImage *a, const SkcImage *b, const SkcImage *mask, gdouble peak)
{
  gdouble se = 0;
  gsize n = 0;

  if (!skc_comparable (a, b, peak) || (mask != NULL && (mask->width != a->width ||
      mask->height != a->height || mask->channels != 1)))
    return NAN;
  for (gint y = 0; y < a->height; y++)
    for (gint x = 0; x < a->width; x++)
      if (mask == NULL || *skc_image_at (mask, x, y) >= 0.5)
        skc_add_pixel_error (a, b, x, y, &se, &n);
  return skc_psnr_of (se, n, peak);
}

/* Wang, Bovik, Sheikh, Simoncelli, "Image quality assessment: from error
 * visibility to structural similarity", IEEE TIP 2004: 11×11 Gaussian window,
 * σ = 1.5, C1 = (0.01 L)², C2 = (0.03 L)². */
gdouble
skc_image_ssim (const SkcImage *a, const SkcImage *b, gdouble peak, gint border)
{
  const gint R = 5;
  gdouble win[11][11], wsum = 0, c1 = pow (0.01 * peak, 2), c2 = pow (0.03 * peak, 2);
  gdouble total = 0;
  gsize n = 0;
  gint lo;

  if (!skc_comparable (a, b, peak))
    return NAN;
  for (gint j = -R; j <= R; j++)
    for (gint i = -R; i <= R; i++)
      wsum += win[j + R][i + R] = exp (-(i * i + j * j) / (2 * 1.5 * 1.5));
  /* Only centres whose whole window fits in the image. */
  lo = MAX (border, R);
  if (lo >= (MIN (a->width, a->height) + 1) / 2)
    return NAN;
  for (gint c = 0; c < a->channels; c++)
    for (gint y = lo; y < a->height - lo; y++)
      for (gint x = lo; x < a->width - lo; x++) {
        gdouble ma = 0, mb = 0, saa = 0, sbb = 0, sab = 0;

        for (gint j = -R; j <= R; j++)
          for (gint i = -R; i <= R; i++) {
            gdouble w = win[j + R][i + R] / wsum;
            gdouble va = skc_image_at (a, x + i, y + j)[c], vb = skc_image_at (b, x + i, y + j)[c];

            ma += w * va;
            mb += w * vb;
            saa += w * va * va;
            sbb += w * vb * vb;
            sab += w * va * vb;
          }
        saa -= ma * ma;
        sbb -= mb * mb;
        sab -= ma * mb;
        total += ((2 * ma * mb + c1) * (2 * sab + c2)) / ((ma * ma + mb * mb + c1) * (saa + sbb + c2));
        n++;
      }
  return total / n;
}
