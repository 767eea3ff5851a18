/* The exact motion line against a dense line written here: the box
 * [−r, r] of density 1/2r along x, seen through the bilinear tent of one
 * pixel, integrated numerically per pixel. */
#include "skc.h"

#include <math.h>

/* ∫ tent(x − u) du / 2r over [−r, r], by a fine midpoint sum. */
static gdouble
dense_line (gint x, gdouble r)
{
  const gint n = 200000;
  gdouble s = 0;

  for (gint i = 0; i < n; i++) {
    gdouble u = -r + (i + 0.5) * 2 * r / n;

    s += fmax (0.0, 1.0 - fabs (x - u));
  }
  return s / n;
}

static void
check_radius (gdouble r, gdouble tol)
{
  g_autoptr (SkcComplex) c = skc_line_complex (r);
  g_autoptr (SkcRaster) psf = NULL;
  gdouble sum = 0, worst = 0;

  g_assert_nonnull (c);
  psf = skc_complex_impulse_response (c);
  for (gint y = 0; y < psf->height; y++)
    for (gint x = 0; x < psf->width; x++) {
      gdouble v = *skc_raster_at (psf, x, y);

      sum += v;
      if (y != psf->cy)
        g_assert_cmpfloat (v, ==, 0);          /* one pixel wide */
      else
        worst = fmax (worst, fabs (v - dense_line (x - psf->cx, r)));
    }
  /* Outside the raster the dense line must vanish too. */
  g_assert_cmpfloat (dense_line (-psf->cx - 1, r), <, 1e-9);
  g_assert_cmpfloat (dense_line (psf->width - psf->cx, r), <, 1e-9);
  g_assert_cmpfloat_with_epsilon (sum, 1.0, 1e-12);
  g_test_message ("radius %g: %u layers, worst pixel error %.2e (peak %.3e)", r, c->n_layers,
      worst, 1.0 / (2 * r));
  g_assert_cmpfloat (worst, <=, tol);
}

static void
test_line_dense (void)
{
  /* 2r a power of two: every offset whole but the last (½), exact (to the
   * dense midpoint sum's own error, 8e-10 at r = 64). */
  const gdouble exact[] = { 0.5, 1, 2, 16, 64 };
  /* Otherwise the fractional layers' tents soften the ends: measured up
   * to 14% of the height (2.5: 0.028 of 0.2), asserted below 20%. */
  const gdouble soft[] = { 2.5, 7, 24, 63.3 };

  for (guint i = 0; i < G_N_ELEMENTS (exact); i++)
    check_radius (exact[i], 1e-8);
  for (guint i = 0; i < G_N_ELEMENTS (soft); i++)
    check_radius (soft[i], 0.2 / (2 * soft[i]));
}

static void
test_line_bad (void)
{
  g_assert_null (skc_line_complex (0));
  g_assert_null (skc_line_complex (-1));
  g_assert_null (skc_line_complex (NAN));
  g_assert_null (skc_line_complex (SKC_MAX_OFFSET * 2));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/line/dense", test_line_dense);
  g_test_add_func ("/line/bad", test_line_bad);
  return g_test_run ();
}
