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
check_line (const SkcComplex *c, gdouble r, gdouble tol)
{
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
check_radius (gdouble r, gdouble tol)
{
  g_autoptr (SkcComplex) c = skc_line_complex (r);

  check_line (c, r, tol);
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

/* The built-in "motion" preset is the exact line at radius 64 (one member:
 * any radius scales it exactly, cells ≤ 1 px up to 64). */
static void
test_line_preset (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SkcFamily) f = skc_preset_lookup ("motion", &error);
  g_autoptr (SkcComplex) want = skc_line_complex (64);

  g_assert_no_error (error);
  g_assert_cmpuint (f->n_members, ==, 1);
  g_assert_cmpfloat (f->values[0], ==, 64);
  g_assert_true (skc_complex_same_layout (f->members[0], want));
  for (guint l = 0; l < want->n_layers; l++)
    for (guint i = 0; i < want->layers[l].n_taps; i++) {
      const SkcTap *a = &f->members[0]->layers[l].taps[i], *b = &want->layers[l].taps[i];

      g_assert_cmpfloat (a->dx, ==, b->dx);
      g_assert_cmpfloat (a->dy, ==, b->dy);
      g_assert_cmpfloat (a->w, ==, b->w);
    }
  /* Scaled to the zoom-blur radius: still the line, ends softened as the
   * fractional layers' tents allow (measured 3.2e-3 of 2.1e-2, 15%). */
  skc_family_eval (f, 24, want);
  check_line (want, 24, 0.25 / 48);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/line/dense", test_line_dense);
  g_test_add_func ("/line/bad", test_line_bad);
  g_test_add_func ("/line/preset", test_line_preset);
  return g_test_run ();
}
