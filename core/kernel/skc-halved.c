/* libskc — the full-resolution responses of a kernel run at half resolution
 * (the formulas are derived in skc-halved.h). */
#include "skc-halved.h"
#include "skc-impulse.h"

/* β = [1 4 6 4 1]/16 at −2 … 2: the phases' mean of ½·u per axis. */
static const gdouble beta[5] = { 1 / 16.0, 4 / 16.0, 6 / 16.0, 4 / 16.0, 1 / 16.0 };

/* Ā's frame (also every phase's): k's displacements ×2, ± 2. */
static SkcRaster *
full_frame (const SkcRaster *k)
{
  return skc_raster_new (2 * k->width + 3, 2 * k->height + 3, 2 * k->cx + 2, 2 * k->cy + 2);
}

/* out(2i + ox + q, 2j + oy + r) += k(i, j)·w[q]·w[r], q, r < n: each half
 * pixel spread onto its full-resolution footprint. */
static void
spread (const SkcRaster *k, SkcRaster *out, const gdouble *w, gint n, gint ox, gint oy)
{
  for (gint j = 0; j < k->height; j++)
    for (gint i = 0; i < k->width; i++) {
      gdouble v = *skc_raster_at (k, i, j);

      for (gint r = 0; r < n && v != 0; r++)
        for (gint q = 0; q < n; q++)
          *skc_raster_at (out, 2 * i + ox + q, 2 * j + oy + r) += v * w[q] * w[r];
    }
}

SkcRaster *
skc_halved_phase_response (const SkcRaster *k, gint ax, gint ay)
{
  /* ½·u per axis: the mean's ½ and the bilinear weights ¼ ¾ ¾ ¼. */
  static const gdouble hu[4] = { 1 / 8.0, 3 / 8.0, 3 / 8.0, 1 / 8.0 };
  SkcRaster *out = full_frame (k);

  g_return_val_if_fail ((ax == 0 || ax == 1) && (ay == 0 || ay == 1), out);
  /* Index X of the output holds d = X − 2cx − 2; B(d + a) takes u at
   * d + a − 2m = X − 2 + a − 2i, so u's index q lands at X = 2i + 1 − a + q. */
  spread (k, out, hu, 4, 1 - ax, 1 - ay);
  return out;
}

SkcRaster *
skc_halved_response (const SkcRaster *k)
{
  SkcRaster *out = full_frame (k);

  /* d − 2m = X − 2 − 2i: β's index e + 2 lands at X = 2i + e + 2. */
  spread (k, out, beta, 5, 0, 0);
  return out;
}

SkcRaster *
skc_halved_response_adjoint (const SkcRaster *G, const SkcRaster *like)
{
  SkcRaster *out = skc_raster_new (like->width, like->height, like->cx, like->cy);

  for (gint j = 0; j < out->height; j++)
    for (gint i = 0; i < out->width; i++) {
      gint mx = i - out->cx, my = j - out->cy;
      gdouble s = 0;

      for (gint ey = 0; ey < 5; ey++)
        for (gint ex = 0; ex < 5; ex++)
          s += beta[ex] * beta[ey] * skc_raster_get (G, 2 * mx + ex - 2, 2 * my + ey - 2);
      *skc_raster_at (out, i, j) = s;
    }
  return out;
}

SkcRaster *
skc_complex_halved_response (const SkcComplex *c)
{
  g_autoptr (SkcRaster) k = skc_complex_impulse_response (c);

  return skc_halved_response (k);
}

SkcRaster *
skc_complex_quartered_response (const SkcComplex *c)
{
  g_autoptr (SkcRaster) half = skc_complex_halved_response (c);

  return skc_halved_response (half);
}
