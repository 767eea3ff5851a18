/* Complex construction, layout, DC gain, reach and the exact offset transforms. */
#include "skc.h"

#include <math.h>

static SkcComplex *
two_layer (void)
{
  const guint taps[2] = { 2, 3 };
  SkcComplex *c = skc_complex_new (2, taps);

  c->layers[0].taps[0] = (SkcTap) { 1.5, -2.0, 0.25 };
  c->layers[0].taps[1] = (SkcTap) { -3.2, 0.5, 0.75 };
  c->layers[1].taps[0] = (SkcTap) { 0.0, 4.0, 0.5 };
  c->layers[1].taps[1] = (SkcTap) { 2.0, 0.0, 0.3 };
  c->layers[1].taps[2] = (SkcTap) { -1.0, -1.0, 0.1 };
  return c;
}

static void
test_new_limits (void)
{
  const guint ok[2] = { 1, SKC_MAX_TAPS }, zero[2] = { 3, 0 }, huge[1] = { SKC_MAX_TAPS + 1 };
  g_autoptr (SkcComplex) c = skc_complex_new (2, ok);

  g_assert_nonnull (c);
  g_assert_cmpuint (skc_complex_total_taps (c), ==, 1 + SKC_MAX_TAPS);
  g_assert_null (skc_complex_new (0, ok));
  g_assert_null (skc_complex_new (2, zero));
  g_assert_null (skc_complex_new (1, huge));
  g_assert_null (skc_complex_new (SKC_MAX_LAYERS + 1, ok));
}

static void
test_dc_gain_and_reach (void)
{
  g_autoptr (SkcComplex) c = two_layer ();
  gint rx, ry;

  g_assert_cmpfloat_with_epsilon (skc_complex_dc_gain (c), 1.0 * 0.9, 1e-15);
  skc_complex_reach (c, &rx, &ry);
  /* ⌈3.2⌉ + ⌈2⌉ + 1 and ⌈2⌉ + ⌈4⌉ + 1 */
  g_assert_cmpint (rx, ==, 4 + 2 + 1);
  g_assert_cmpint (ry, ==, 2 + 4 + 1);
}

static void
test_copy_is_deep (void)
{
  g_autoptr (SkcComplex) c = two_layer ();
  g_autoptr (SkcComplex) d = skc_complex_copy (c);

  g_assert_true (skc_complex_same_layout (c, d));
  d->layers[1].taps[2].dx = 99;
  g_assert_cmpfloat (c->layers[1].taps[2].dx, ==, -1.0);
}

static void
test_rotate_quarter_turn (void)
{
  g_autoptr (SkcComplex) c = two_layer ();

  /* Counter-clockwise on screen with y down: right (1,0) turns to up (0,−1). */
  skc_complex_rotate (c, 90);
  g_assert_cmpfloat_with_epsilon (c->layers[0].taps[0].dx, -2.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (c->layers[0].taps[0].dy, -1.5, 1e-12);
  g_assert_cmpfloat_with_epsilon (c->layers[1].taps[1].dx, 0.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (c->layers[1].taps[1].dy, -2.0, 1e-12);
  g_assert_cmpfloat (c->layers[0].taps[0].w, ==, 0.25);
}

static void
test_transform_maps_impulse_response (void)
{
  /* An integer-preserving map (swap axes and mirror x) must move the impulse
   * response exactly: K'(A p) = K(p) with the PSF at −o mapping likewise. */
  g_autoptr (SkcComplex) c = two_layer ();
  g_autoptr (SkcComplex) t = skc_complex_copy (c);
  g_autoptr (SkcRaster) k = NULL, kt = NULL;

  skc_complex_transform (t, 0, -1, 1, 0);   /* (x, y) → (−y, x) */
  k = skc_complex_impulse_response (c);
  kt = skc_complex_impulse_response (t);
  for (gint y = -8; y <= 8; y++)
    for (gint x = -8; x <= 8; x++)
      g_assert_cmpfloat_with_epsilon (skc_raster_get (kt, -y, x), skc_raster_get (k, x, y), 1e-15);
}

static void
test_scale_xy_and_lerp (void)
{
  g_autoptr (SkcComplex) a = two_layer ();
  g_autoptr (SkcComplex) b = skc_complex_copy (a);
  g_autoptr (SkcComplex) out = skc_complex_copy (a);

  skc_complex_scale_xy (b, 2.0, -0.5);
  g_assert_cmpfloat (b->layers[0].taps[1].dx, ==, -6.4);
  g_assert_cmpfloat (b->layers[0].taps[1].dy, ==, -0.25);
  b->layers[0].taps[1].w = 0.25;
  skc_complex_lerp (a, b, 0.25, out);
  g_assert_cmpfloat_with_epsilon (out->layers[0].taps[1].dx, -3.2 + 0.25 * (-6.4 + 3.2), 1e-12);
  g_assert_cmpfloat_with_epsilon (out->layers[0].taps[1].w, 0.75 + 0.25 * (0.25 - 0.75), 1e-12);
}

static void
test_branches (void)
{
  g_autoptr (SkcComplex) c = two_layer ();

  g_assert_cmpuint (skc_complex_n_branches (c), ==, 1);
  c->layers[1].branch = 1;
  g_assert_cmpuint (skc_complex_n_branches (c), ==, 2);
  /* A sum of branches: gains add. */
  g_assert_cmpfloat_with_epsilon (skc_complex_dc_gain (c), 1.0 + 0.9, 1e-15);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/complex/new-limits", test_new_limits);
  g_test_add_func ("/complex/dc-gain-and-reach", test_dc_gain_and_reach);
  g_test_add_func ("/complex/copy-is-deep", test_copy_is_deep);
  g_test_add_func ("/complex/rotate-quarter-turn", test_rotate_quarter_turn);
  g_test_add_func ("/complex/transform-maps-impulse-response", test_transform_maps_impulse_response);
  g_test_add_func ("/complex/scale-xy-and-lerp", test_scale_xy_and_lerp);
  g_test_add_func ("/complex/branches", test_branches);
  return g_test_run ();
}
