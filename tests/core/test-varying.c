/* The spatially-varying path against the per-pixel reference (each pixel's
 * own complex, bilinear, doubles), and its special cases. */
#include "skc.h"
#include "test-images.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static SkcComplex *
level_complex (gdouble p, gpointer family)
{
  return skc_varying_level_complex (family, p);
}

/* A depth-of-field-like map: in focus at the top left, blurring towards the
 * bottom right, and a sharp-edged disc of strong blur. */
static gfloat *
radius_map (gint w, gint h, gdouble max_radius, gdouble step)
{
  gfloat *r = g_new (gfloat, (gsize) w * h);

  for (gint y = 0; y < h; y++)
    for (gint x = 0; x < w; x++) {
      gdouble v = max_radius * CLAMP ((x + y - 30.0) / (w + h - 30.0), 0, 1);

      if (hypot (x - 0.7 * w, y - 0.3 * h) < 0.15 * w)
        v = max_radius;
      /* Quantised as the engine quantises, so both see the same kernels. */
      r[y * w + x] = (gfloat) (floor (v / step + 0.5) * step);
    }
  return r;
}

static void
check_varying (SkcPrecision precision)
{
  const gint w = 80, h = 56, C = 3;
  const gdouble max_radius = 9, step = 0.25;
  g_autoptr (SkcFamily) f = test_preset ("hexagon");
  g_autoptr (SkcVaryingKernel) vk = skc_varying_kernel_new (f, max_radius, step, precision, NULL);
  g_autofree guint8 *src = test_photo_u8 (w, h, C), *dst = g_malloc (w * h * C);
  g_autofree gfloat *radius = radius_map (w, h, max_radius, step);
  g_autoptr (SkcImage) in = skc_image_new (w, h, C), param = skc_image_new (w, h, 1), ref = NULL;
  gint worst = 0, off = 0;

  g_assert_nonnull (vk);
  g_assert_cmpuint (vk->n_levels, ==, 37);
  for (gint i = 0; i < w * h * C; i++)
    in->data[i] = src[i] / 255.0;
  for (gint i = 0; i < w * h; i++)
    param->data[i] = radius[i];
  skc_filter_varying_u8 (vk, src, w * C, dst, w * C, w, h, C, radius, w, NULL);
  ref = skc_reference_filter_varying (in, param, level_complex, f);
  for (gint i = 0; i < w * h * C; i++) {
    gint d = abs (dst[i] - (gint) CLAMP (round (ref->data[i] * 255), 0, 255));

    worst = MAX (worst, d);
    off += d > 0;
  }
  g_test_message ("%d-bit: max error %d level(s), %d of %d samples off",
      precision == SKC_PRECISION_16 ? 16 : 32, worst, off, w * h * C);
  g_assert_cmpint (worst, <=, 1);
}

static void
test_matches_reference_32 (void)
{
  check_varying (SKC_PRECISION_32);
}

static void
test_matches_reference_16 (void)
{
  check_varying (SKC_PRECISION_16);
}

static void
test_in_focus_is_copy (void)
{
  const gint w = 40, h = 30, C = 4;
  g_autoptr (SkcFamily) f = test_preset ("star");
  g_autoptr (SkcVaryingKernel) vk = skc_varying_kernel_new (f, 16, 0.5, SKC_PRECISION_32, NULL);
  g_autofree guint8 *src = test_photo_u8 (w, h, C), *dst = g_malloc (w * h * C);
  g_autofree gfloat *radius = g_new (gfloat, w * h);

  for (gint i = 0; i < w * h; i++)
    radius[i] = i % 3 == 0 ? NAN : (i % 3 == 1 ? 0.0f : -5.0f);
  skc_filter_varying_u8 (vk, src, w * C, dst, w * C, w, h, C, radius, w, NULL);
  g_assert_cmpmem (src, w * h * C, dst, w * h * C);
}

static void
test_constant_map_equals_fixed (void)
{
  const gint w = 50, h = 40, C = 1;
  g_autoptr (SkcFamily) f = test_preset ("ring");
  g_autoptr (SkcVaryingKernel) vk = skc_varying_kernel_new (f, 8, 0.5, SKC_PRECISION_32, NULL);
  g_autoptr (SkcComplex) c = skc_varying_level_complex (f, 6.5);
  g_autoptr (SkcFixedKernel) k = skc_fixed_kernel_new (c, NULL);
  g_autofree guint8 *src = test_photo_u8 (w, h, C), *a = g_malloc (w * h * C), *b = g_malloc (w * h * C);
  g_autofree gfloat *radius = g_new (gfloat, w * h);

  for (gint i = 0; i < w * h; i++)
    radius[i] = 6.5f;
  skc_filter_varying_u8 (vk, src, w, a, w, w, h, C, radius, w, NULL);
  skc_filter_fixed_u8 (k, src, w, b, w, w, h, C, NULL);
  g_assert_cmpmem (a, w * h, b, w * h);
}

static void
test_small_radius_blends_from_identity (void)
{
  g_autoptr (SkcFamily) f = test_preset ("disc");
  g_autoptr (SkcComplex) zero = skc_varying_level_complex (f, 0);
  g_autoptr (SkcComplex) half = skc_varying_level_complex (f, 0.5 * f->values[0]);
  g_autoptr (SkcRaster) k0 = skc_complex_impulse_response (zero);

  /* Radius 0 is the identity; half-way, every tap sits half-way to member 0. */
  g_assert_cmpfloat_with_epsilon (skc_raster_get (k0, 0, 0), 1.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (half->layers[0].taps[3].dx, 0.5 * f->members[0]->layers[0].taps[3].dx, 1e-12);
}

static void
test_bad_levels (void)
{
  g_autoptr (SkcFamily) f = test_preset ("disc");
  g_autoptr (GError) error = NULL;

  g_assert_null (skc_varying_kernel_new (f, 64, 0.0, SKC_PRECISION_32, &error));
  g_assert_error (error, SKC_ERROR, SKC_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (skc_varying_kernel_new (f, 1e9, 0.25, SKC_PRECISION_32, &error));
  g_assert_nonnull (strstr (error->message, "at most 65536 levels"));
}

/* Lazily built levels: only those the map reaches, the same bytes as the
 * kernel with every level built, and kept when the max radius changes. */
static void
test_lazy_levels (void)
{
  const gint w = 96, h = 64, C = 3;
  g_autoptr (SkcFamily) f = test_preset ("hexagon");
  g_autofree guint8 *src = test_photo_u8 (w, h, C);
  g_autofree guint8 *a = g_malloc ((gsize) w * h * C), *b = g_malloc ((gsize) w * h * C);
  g_autofree gfloat *r = radius_map (w, h, 6, 0.5);
  g_autoptr (SkcVaryingKernel) eager = skc_varying_kernel_new (f, 6, 0.5, SKC_PRECISION_32, NULL);
  g_autoptr (SkcVaryingKernel) lazy = skc_varying_kernel_new_lazy (f, 0.5, SKC_PRECISION_32, 1, 1, w, h, NULL);
  g_autoptr (GError) error = NULL;
  SkcFixedKernel *kept;
  guint built = 0;

  g_assert_nonnull (lazy);
  /* Two radii only: 0 and 2.5 (level 5). */
  for (gint i = 0; i < w * h; i++)
    r[i] = i % 3 ? 2.5f : 0.0f;
  g_assert_true (skc_varying_kernel_prepare (lazy, 6, r, w, w, h, NULL, &error));
  for (guint q = 0; q < lazy->capacity; q++)
    built += lazy->levels[q] != NULL;
  g_assert_cmpuint (built, ==, 1);
  g_assert_nonnull (lazy->levels[5]);
  skc_filter_varying_u8 (eager, src, w * C, a, w * C, w, h, C, r, w, NULL);
  skc_filter_varying_u8 (lazy, src, w * C, b, w * C, w, h, C, r, w, NULL);
  g_assert_cmpmem (a, (gsize) w * h * C, b, (gsize) w * h * C);

  /* The whole map, and a smaller then larger max radius: levels stay. */
  g_free (r);
  r = radius_map (w, h, 6, 0.5);
  g_assert_true (skc_varying_kernel_prepare (lazy, 6, r, w, w, h, NULL, &error));
  kept = lazy->levels[5];
  skc_filter_varying_u8 (lazy, src, w * C, b, w * C, w, h, C, r, w, NULL);
  skc_filter_varying_u8 (eager, src, w * C, a, w * C, w, h, C, r, w, NULL);
  g_assert_cmpmem (a, (gsize) w * h * C, b, (gsize) w * h * C);
  g_assert_true (skc_varying_kernel_prepare (lazy, 3, r, w, w, h, NULL, &error));
  g_assert_cmpuint (lazy->n_levels, ==, 7);
  g_assert_true (skc_varying_kernel_prepare (lazy, 6, r, w, w, h, NULL, &error));
  g_assert_true (lazy->levels[5] == kept);
  g_assert_cmpuint (lazy->n_levels, ==, 13);
  /* Out of range: refused, the kernel keeps its levels. */
  g_assert_false (skc_varying_kernel_prepare (lazy, 1e9, r, w, w, h, NULL, &error));
  g_assert_error (error, SKC_ERROR, SKC_ERROR_INVALID);
  g_assert_cmpuint (lazy->n_levels, ==, 13);
}

static SkcFamily *
parse (const gchar *text)
{
  return skc_preset_load_data (text, strlen (text), NULL);
}

/* The load-time check: what the engine cannot run is named. */
static void
test_family_check (void)
{
  g_autoptr (SkcFamily) ok = test_preset ("hexagon");
  g_autoptr (SkcFamily) heavy = parse ("[skc]\nversion=1\nname=x\naxis=radius\nvalues=4\ntaps=2\n\n"
      "[member 0]\nlayer0-dx=1;-1\nlayer0-dy=0;0\nlayer0-w=3;-2\n");
  g_autoptr (SkcFamily) far = parse ("[skc]\nversion=1\nname=x\naxis=radius\nvalues=1\ntaps=2\n\n"
      "[member 0]\nlayer0-dx=2048;-2048\nlayer0-dy=2048;0\nlayer0-w=0.5;0.5\n");
  g_autoptr (GError) error = NULL;

  g_assert_true (skc_varying_family_check (ok, NULL));
  g_assert_nonnull (heavy);
  g_assert_false (skc_varying_family_check (heavy, &error));
  g_assert_nonnull (strstr (error->message, "member 0"));
  g_assert_nonnull (strstr (error->message, "|w| < 2"));
  /* Far offsets are not a reason: frames pull them in. */
  g_assert_nonnull (far);
  g_assert_true (skc_varying_family_check (far, NULL));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/varying/matches-reference-32", test_matches_reference_32);
  g_test_add_func ("/varying/matches-reference-16", test_matches_reference_16);
  g_test_add_func ("/varying/in-focus-is-copy", test_in_focus_is_copy);
  g_test_add_func ("/varying/constant-map-equals-fixed", test_constant_map_equals_fixed);
  g_test_add_func ("/varying/small-radius-blends-from-identity", test_small_radius_blends_from_identity);
  g_test_add_func ("/varying/bad-levels", test_bad_levels);
  g_test_add_func ("/varying/lazy-levels", test_lazy_levels);
  g_test_add_func ("/varying/family-check", test_family_check);
  return g_test_run ();
}
