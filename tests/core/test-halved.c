/* Members run at half resolution (skc-halved.h, skc-reference-halved.h,
 * skc_frame_filter_run_halved): the 4 phases' responses against impulses
 * filtered pixel by pixel, hand-computed values, the family's grid rule, the
 * engine's path against its definition in doubles, the fit in that mode
 * improving its start, and the half/ family of a built-in name; the same
 * for the quartered path (the halved one nested in itself). */
#include "skc.h"
#include "test-images.h"

#include <math.h>
#include <string.h>

/* One tap at the pixel: Ā is β ⊗ β and phase (0, 0) is ¼·u ⊗ u, by hand. */
static void
test_hand (void)
{
  guint one = 1;
  g_autoptr (SkcComplex) c = skc_complex_new (1, &one);
  g_autoptr (SkcRaster) mean = NULL, p00 = NULL, p11 = NULL;

  c->layers[0].taps[0].w = 1;
  mean = skc_complex_halved_response (c);
  /* β = [1 4 6 4 1]/16 at −2 … 2. */
  g_assert_cmpfloat_with_epsilon (skc_raster_get (mean, 0, 0), 36 / 256.0, 1e-15);
  g_assert_cmpfloat_with_epsilon (skc_raster_get (mean, 1, 0), 24 / 256.0, 1e-15);
  g_assert_cmpfloat_with_epsilon (skc_raster_get (mean, -1, 1), 16 / 256.0, 1e-15);
  g_assert_cmpfloat_with_epsilon (skc_raster_get (mean, 2, -2), 1 / 256.0, 1e-15);
  g_assert_cmpfloat (skc_raster_get (mean, 3, 0), ==, 0);
  g_assert_cmpfloat_with_epsilon (skc_raster_sum (mean), 1, 1e-15);
  {
    g_autoptr (SkcRaster) k = skc_complex_impulse_response (c);

    /* An impulse at an even pixel: its 2×2 block holds ¼ of it, and the
     * outputs ¾·¾ of that next to it (the block: d = 0, 1), ¼·¾ one
     * further, down to ¼·¼ at d = (−1, −1) and (2, 2). */
    p00 = skc_halved_phase_response (k, 0, 0);
    g_assert_cmpfloat_with_epsilon (skc_raster_get (p00, 0, 0), 9 / 64.0, 1e-15);
    g_assert_cmpfloat_with_epsilon (skc_raster_get (p00, 1, 1), 9 / 64.0, 1e-15);
    g_assert_cmpfloat_with_epsilon (skc_raster_get (p00, -1, -1), 1 / 64.0, 1e-15);
    g_assert_cmpfloat_with_epsilon (skc_raster_get (p00, 2, 0), 3 / 64.0, 1e-15);
    g_assert_cmpfloat (skc_raster_get (p00, -2, 0), ==, 0);
    /* An odd pixel is the block's other corner: the same, one pixel back. */
    p11 = skc_halved_phase_response (k, 1, 1);
    g_assert_cmpfloat_with_epsilon (skc_raster_get (p11, -1, -1), 9 / 64.0, 1e-15);
    g_assert_cmpfloat_with_epsilon (skc_raster_get (p11, -2, -2), 1 / 64.0, 1e-15);
    g_assert_cmpfloat (skc_raster_get (p11, 2, 2), ==, 0);
  }
}

static SkcComplex *
two_layers (void)
{
  const guint taps[2] = { 3, 2 };
  SkcComplex *c = skc_complex_new (2, taps);
  static const SkcTap first[3] = { { 2.3, -1.6, 0.5 }, { -3.7, 0.4, 0.3 }, { 0.8, 2.9, 0.2 } };
  static const SkcTap second[2] = { { 0.45, -0.7, 0.6 }, { -1.2, 0.35, 0.4 } };

  memcpy (c->layers[0].taps, first, sizeof first);
  memcpy (c->layers[1].taps, second, sizeof second);
  return c;
}

/* An impulse at each phase through down ∘ K ∘ up, computed pixel by pixel
 * (skc_reference_filter_halved), equals that phase's response, and the
 * mean of the four is Ā. */
static void
test_phases (void)
{
  g_autoptr (SkcComplex) c = two_layers ();
  g_autoptr (SkcRaster) k = skc_complex_impulse_response (c);
  g_autoptr (SkcRaster) mean = skc_halved_response (k);
  g_autoptr (SkcRaster) sum = skc_raster_new (mean->width, mean->height, mean->cx, mean->cy);
  const gint n = 72, at = 36;
  gdouble worst = 0;

  for (gint a = 0; a < 4; a++) {
    gint ax = a & 1, ay = a >> 1;
    g_autoptr (SkcImage) img = skc_image_new (n, n, 1);
    g_autoptr (SkcImage) out = NULL;
    g_autoptr (SkcRaster) phase = skc_halved_phase_response (k, ax, ay);

    *skc_image_at (img, at + ax, at + ay) = 1;
    out = skc_reference_filter_halved (img, c);
    for (gint y = 0; y < n; y++)
      for (gint x = 0; x < n; x++)
        worst = MAX (worst, fabs (*skc_image_at (out, x, y) - skc_raster_get (phase, x - at - ax, y - at - ay)));
    for (gint i = 0; i < sum->width * sum->height; i++)
      sum->data[i] += phase->data[i] / 4;
  }
  g_test_message ("largest difference from the pixel-by-pixel impulses: %.3g", worst);
  g_assert_cmpfloat (worst, <, 1e-14);
  for (gint i = 0; i < sum->width * sum->height; i++)
    g_assert_cmpfloat_with_epsilon (sum->data[i], mean->data[i], 1e-15);
  /* The phases differ: the path is not shift invariant. */
  {
    g_autoptr (SkcRaster) p0 = skc_halved_phase_response (k, 0, 0);
    gdouble apart = 0;

    for (gint i = 0; i < p0->width * p0->height; i++)
      apart = MAX (apart, fabs (p0->data[i] - mean->data[i]));
    g_assert_cmpfloat (apart, >, 0.1 * skc_raster_max (mean));
  }
}

/* Members of decimation 1, 2, 2: the grid and the taps at each radius. */
static void
test_family (void)
{
  const gdouble values[3] = { 8, 16, 24 };
  guint one = 1;
  g_autoptr (SkcFamily) f = skc_family_new ("t", "radius", 3, values);
  g_autoptr (SkcComplex) c = NULL;
  guint d = 0;

  for (guint m = 0; m < 3; m++) {
    f->members[m] = skc_complex_new (1, &one);
    f->members[m]->layers[0].taps[0] = (SkcTap) { m == 0 ? 8 : 4.0 * m, 0, 1 };
  }
  f->decimation = g_new (guint8, 3);
  f->decimation[0] = 1;
  f->decimation[1] = f->decimation[2] = 2;
  g_assert_true (skc_family_validate (f, NULL));
  c = skc_complex_copy (f->members[0]);
  g_assert_cmpuint (skc_family_decimation (f, 8), ==, 1);
  g_assert_cmpuint (skc_family_decimation (f, 4), ==, 1);
  g_assert_cmpuint (skc_family_decimation (f, 8.5), ==, 2);
  g_assert_cmpuint (skc_family_decimation (f, 100), ==, 2);
  /* Between the full member (8 px) and the halved one (4 half px): the
   * first on the half grid (4), blended with the second (4). */
  skc_family_eval_native (f, 12, c, &d);
  g_assert_cmpuint (d, ==, 2);
  g_assert_cmpfloat (c->layers[0].taps[0].dx, ==, 4);
  skc_family_eval_native (f, 20, c, &d);
  g_assert_cmpfloat (c->layers[0].taps[0].dx, ==, 6);
  /* In full pixels: twice that. */
  skc_family_eval (f, 20, c);
  g_assert_cmpfloat (c->layers[0].taps[0].dx, ==, 12);
  skc_family_eval_native (f, 8, c, &d);
  g_assert_cmpuint (d, ==, 1);
  g_assert_cmpfloat (c->layers[0].taps[0].dx, ==, 8);
  /* Shaping keeps every member's grid, the extension the last one's. */
  {
    g_autoptr (SkcFamily) s = skc_family_shaped (f, 30, 1.5, 48);

    g_assert_cmpuint (s->n_members, ==, 4);
    g_assert_cmpuint (s->decimation[0], ==, 1);
    g_assert_cmpuint (s->decimation[3], ==, 2);
  }
  f->decimation[2] = 1;
  g_assert_false (skc_family_validate (f, NULL));
}

/* The engine's halved-member path against its definition in doubles on the
 * photo (an odd-sized crop, so the edges' odd row and column count), the
 * hexagon's 48-px member on the half grid: within 1 level.  Its bytes are
 * today's halved path's for the member at full size (the same operator), on
 * any thread count and loops; a plane too small to halve runs the member
 * at twice its size at full resolution. */
static void
test_engine (void)
{
  g_autofree gchar *path = g_build_filename (g_getenv ("SKC_TEST_DATA"), "astronaut.png", NULL);
  g_autoptr (SkcImage) photo = skc_image_load (path, NULL);
  g_autoptr (SkcFamily) family = skc_preset_lookup ("hexagon", NULL);
  g_autoptr (SkcComplex) c = NULL, full = NULL;
  g_autoptr (SkcFrameFilter) ff = skc_frame_filter_new (), ff2 = skc_frame_filter_new ();
  g_autoptr (SkcImage) img = NULL, ref = NULL;
  const gint w = 201, h = 143, n = w * h * 3;
  g_autofree guint8 *src = g_malloc (n), *dst = g_malloc (n), *dst2 = g_malloc (n);
  SkcPool *pool = skc_pool_new (2);
  glong worst = 0;

  g_assert_nonnull (photo);
  g_assert_nonnull (family);
  c = skc_complex_copy (family->members[0]);
  skc_family_eval (family, 48, c);
  full = skc_complex_copy (c);
  skc_complex_scale (c, 0.5);
  img = skc_image_new (w, h, 3);
  for (gint y = 0; y < h; y++)
    for (gint x = 0; x < w * 3; x++) {
      src[y * w * 3 + x] = (guint8) lround (CLAMP (skc_image_at (photo, 150, 150 + y)[x], 0, 1) * 255);
      img->data[y * w * 3 + x] = src[y * w * 3 + x] / 255.0;
    }
  test_run_rgb (ff, c, 2, src, dst, w, h, NULL);
  g_assert_true (skc_frame_filter_halved (ff));
  ref = skc_reference_filter_halved (img, c);
  for (gint i = 0; i < n; i++)
    worst = MAX (worst, labs (dst[i] - lround (CLAMP (ref->data[i], 0, 1) * 255)));
  g_test_message ("halved member against its definition in doubles: %ld level(s) at most", worst);
  g_assert_cmpint (worst, <=, 1);

  skc_frame_filter_set_halve_radius (ff2, 1);
  test_run_rgb (ff2, full, 1, src, dst2, w, h, NULL);
  g_assert_true (skc_frame_filter_halved (ff2));
  g_assert_cmpmem (dst, n, dst2, n);
  skc_frame_filter_set_engine (ff2, SKC_ENGINE_C);
  test_run_rgb (ff2, c, 2, src, dst2, w, h, pool);
  g_assert_cmpmem (dst, n, dst2, n);

  /* 1 × h: no half plane; the member at twice its size, full resolution. */
  {
    g_autoptr (SkcFrameFilter) a = skc_frame_filter_new (), b = skc_frame_filter_new ();

    test_run_rgb (a, c, 2, src, dst, 1, h, NULL);
    g_assert_false (skc_frame_filter_halved (a));
    test_run_rgb (b, full, 1, src, dst2, 1, h, NULL);
    g_assert_cmpmem (dst, h * 3, dst2, h * 3);
  }
  skc_pool_free (pool);
}

/* The quartered path: an impulse at each of the 16 phases (mod 4 per axis)
 * through its definition pixel by pixel (skc_reference_filter_quartered),
 * averaged, is skc_complex_quartered_response; by hand, one tap at the
 * pixel spreads as β ⊗ β blurred by β spread ×2, β4 = [1 4 10 20 31 40 44
 * 40 31 20 10 4 1]/256 per axis (the convolution of [1 0 4 0 6 0 4 0 1]/16
 * with [1 4 6 4 1]/16). */
static void
test_quartered_phases (void)
{
  g_autoptr (SkcComplex) c = two_layers ();
  g_autoptr (SkcRaster) mean = skc_complex_quartered_response (c);
  g_autoptr (SkcRaster) sum = skc_raster_new (mean->width, mean->height, mean->cx, mean->cy);
  const gint n = 96, at = 48;
  gdouble worst = 0;

  for (gint a = 0; a < 16; a++) {
    gint ax = a & 3, ay = a >> 2;
    g_autoptr (SkcImage) img = skc_image_new (n, n, 1);
    g_autoptr (SkcImage) out = NULL;

    *skc_image_at (img, at + ax, at + ay) = 1;
    out = skc_reference_filter_quartered (img, c);
    for (gint y = 0; y < n; y++)
      for (gint x = 0; x < n; x++) {
        gint dx = x - at - ax + mean->cx, dy = y - at - ay + mean->cy;
        gdouble v = *skc_image_at (out, x, y);

        if (dx >= 0 && dy >= 0 && dx < sum->width && dy < sum->height)
          *skc_raster_at (sum, dx, dy) += v / 16;
        else
          worst = MAX (worst, fabs (v));   /* nothing outside Ā's frame */
      }
  }
  for (gint i = 0; i < sum->width * sum->height; i++)
    worst = MAX (worst, fabs (sum->data[i] - mean->data[i]));
  g_test_message ("largest difference from the 16 phases' mean, pixel by pixel: %.3g", worst);
  g_assert_cmpfloat (worst, <, 1e-14);
  {
    static const gdouble b4[13] = { 1, 4, 10, 20, 31, 40, 44, 40, 31, 20, 10, 4, 1 };
    guint one = 1;
    g_autoptr (SkcComplex) tap = skc_complex_new (1, &one);
    g_autoptr (SkcRaster) r = NULL;

    tap->layers[0].taps[0].w = 1;
    r = skc_complex_quartered_response (tap);
    for (gint y = -6; y <= 6; y++)
      for (gint x = -6; x <= 6; x++)
        g_assert_cmpfloat_with_epsilon (skc_raster_get (r, x, y), b4[x + 6] * b4[y + 6] / 65536.0, 1e-15);
    g_assert_cmpfloat (skc_raster_get (r, 7, 0), ==, 0);
    g_assert_cmpfloat_with_epsilon (skc_raster_sum (r), 1, 1e-14);
  }
}

/* The engine's quartered path against its definition in doubles on the
 * photo (odd sizes, so both levels' odd rows and columns count), the half
 * hexagon's 16-px member in quarter pixels (a 32-px kernel): within 1
 * level, the same bytes on 1 and 2 threads and the C loops; planes too small
 * to quarter run it at twice its size halved (4 × 2 and 2 × 2 take the 2×2
 * mean once) or 4× at full resolution (1 × h). */
static void
test_quartered_engine (void)
{
  g_autofree gchar *path = g_build_filename (g_getenv ("SKC_TEST_DATA"), "astronaut.png", NULL);
  g_autoptr (SkcImage) photo = skc_image_load (path, NULL);
  g_autoptr (SkcFamily) half = skc_preset_lookup_halved ("hexagon");
  g_autoptr (SkcComplex) q = NULL, x2 = NULL, x4 = NULL;
  g_autoptr (SkcFrameFilter) ff = skc_frame_filter_new (), ff2 = skc_frame_filter_new ();
  g_autoptr (SkcImage) img = NULL, ref = NULL;
  const gint w = 203, h = 147, n = w * h * 3;
  g_autofree guint8 *src = g_malloc (n), *dst = g_malloc (n), *dst2 = g_malloc (n);
  SkcPool *pool = skc_pool_new (2);
  glong worst = 0, moved = 0;
  guint d = 0;

  g_assert_nonnull (photo);
  g_assert_nonnull (half);
  q = skc_complex_copy (half->members[0]);
  skc_family_eval_native (half, 16, q, &d);
  g_assert_cmpuint (d, ==, 2);
  img = skc_image_new (w, h, 3);
  for (gint y = 0; y < h; y++)
    for (gint x = 0; x < w * 3; x++) {
      src[y * w * 3 + x] = (guint8) lround (CLAMP (skc_image_at (photo, 140, 120 + y)[x], 0, 1) * 255);
      img->data[y * w * 3 + x] = src[y * w * 3 + x] / 255.0;
    }
  test_run_rgb (ff, q, 4, src, dst, w, h, NULL);
  g_assert_cmpuint (skc_frame_filter_factor (ff), ==, 4);
  ref = skc_reference_filter_quartered (img, q);
  for (gint i = 0; i < n; i++) {
    worst = MAX (worst, labs (dst[i] - lround (CLAMP (ref->data[i], 0, 1) * 255)));
    moved = MAX (moved, labs (dst[i] - src[i]));
  }
  g_test_message ("quartered member against its definition in doubles: %ld level(s) at most", worst);
  g_assert_cmpint (worst, <=, 1);
  g_assert_cmpint (moved, >, 20);   /* it did blur */
  test_run_rgb (ff2, q, 4, src, dst2, w, h, pool);
  g_assert_cmpmem (dst, n, dst2, n);
  skc_frame_filter_set_engine (ff2, SKC_ENGINE_C);
  test_run_rgb (ff2, q, 4, src, dst2, w, h, pool);
  g_assert_cmpmem (dst, n, dst2, n);

  x2 = skc_complex_copy (q);
  skc_complex_scale (x2, 2);
  x4 = skc_complex_copy (q);
  skc_complex_scale (x4, 4);
  {
    static const gint small[][3] = { { 4, 2, 2 }, { 2, 2, 2 }, { 2, 9, 2 }, { 1, 9, 1 }, { 3, 3, 4 } };

    for (guint i = 0; i < G_N_ELEMENTS (small); i++) {
      g_autoptr (SkcFrameFilter) a = skc_frame_filter_new (), b = skc_frame_filter_new ();
      gint sw = small[i][0], sh = small[i][1], m = sw * sh * 3;
      guint f = (guint) small[i][2];

      test_run_rgb (a, q, 4, src, dst, sw, sh, NULL);
      g_assert_cmpuint (skc_frame_filter_factor (a), ==, f);
      test_run_rgb (b, f == 4 ? q : f == 2 ? x2 : x4, f, src, dst2, sw, sh, NULL);
      g_assert_cmpmem (dst, m, dst2, m);
    }
  }
  skc_pool_free (pool);
}

/* The fit in the halved mode from the member the engine halved until now
 * (the 48-px hexagon scaled by ½): the loss falls, and so does the kernel
 * PSNR of the 4-phase mean against the full-resolution target rise. */
static void
test_fit (void)
{
  g_autoptr (SkcFamily) family = skc_preset_lookup ("hexagon", NULL);
  g_autoptr (SkcRaster) target = NULL;
  g_autoptr (SkcComplex) c = NULL;
  g_autoptr (SkcRaster) before = NULL, after = NULL;
  SkcShapeSpec spec = { 0 };
  SkcFitOptions opts;
  gdouble start, end;

  g_assert_true (skc_shape_spec_parse ("hexagon", &spec, NULL));
  target = skc_shape_render (&spec, 48, NULL);
  skc_shape_spec_clear (&spec);
  c = skc_complex_copy (family->members[0]);
  skc_family_eval (family, 48, c);
  skc_complex_scale (c, 0.5);
  skc_fit_options_init (&opts);
  opts.halved = TRUE;
  opts.steps = 300;
  /* From a fitted start, gently: the default rate throws the taps about. */
  opts.lr_start = 3e-4;
  opts.lr_end = 3e-5;
  start = skc_fit_loss_grad_opts (c, target, &opts, NULL);
  before = skc_complex_halved_response (c);
  end = skc_fit_optimise (c, target, &opts);
  after = skc_complex_halved_response (c);
  g_test_message ("loss %.4g → %.4g; 4-phase kernel PSNR %.2f → %.2f dB", start, end,
      skc_raster_psnr (before, target), skc_raster_psnr (after, target));
  g_assert_cmpfloat (end, <, 0.85 * start);
  g_assert_cmpfloat (skc_raster_psnr (after, target), >, skc_raster_psnr (before, target) + 0.5);
  for (guint l = 0; l < c->n_layers; l++)
    g_assert_cmpfloat_with_epsilon (skc_layer_weight_sum (&c->layers[l]), 1, 1e-9);
}

/* The element's switch: every built-in shape finds its half/ family by its
 * own name (every member decimation 2); names already under a folder,
 * paths and names without one find none.  skc_frame_filter_would_halve
 * says beforehand what skc_frame_filter_halved says after the run. */
static void
test_lookup (void)
{
  static const gchar *shapes[] = { "hexagon", "disc", "octagon", "star", "heart", "ring", "gaussian" };
  static const gchar *none[] = { "motion", "half/hexagon", "turned/disc", "fast/hexagon-r32", "./hexagon.skc",
    "hexagon.skc", "no-such" };
  g_autoptr (SkcFamily) hexagon = skc_preset_lookup ("hexagon", NULL);
  g_autofree guint8 *src = test_photo_u8 (64, 48, 3), *dst = g_malloc (64 * 48 * 3);

  for (guint i = 0; i < G_N_ELEMENTS (shapes); i++) {
    g_autofree gchar *name = g_strconcat ("half/", shapes[i], NULL);
    g_autoptr (SkcFamily) h = skc_preset_lookup_halved (shapes[i]);
    g_autoptr (SkcFamily) named = skc_preset_lookup (name, NULL);

    g_assert_nonnull (h);
    g_assert_cmpuint (h->n_members, ==, named->n_members);
    for (guint k = 0; k < h->n_members; k++) {
      g_assert_cmpfloat (h->values[k], ==, named->values[k]);
      g_assert_cmpuint (skc_family_decimation (h, h->values[k]), ==, 2);
    }
  }
  for (guint i = 0; i < G_N_ELEMENTS (none); i++)
    g_assert_null (skc_preset_lookup_halved (none[i]));
  g_assert_null (skc_preset_lookup_halved (NULL));

  for (gdouble r = 10; r <= 30; r += 2.5) {
    g_autoptr (SkcComplex) c = skc_varying_level_complex (hexagon, r);
    g_autoptr (SkcFrameFilter) ff = skc_frame_filter_new ();
    guint8 *in_data[1] = { src };
    gsize stride[1] = { 64 * 3 };
    SkcFrame frame;
    gboolean would;

    g_assert_true (skc_frame_init (&frame, SKC_LAYOUT_PACKED, 64, 48, 3, 0x7, in_data, stride));
    skc_frame_filter_set_halve_radius (ff, SKC_HALVE_DEFAULT_RADIUS);
    would = skc_frame_filter_would_halve (ff, c, &frame);
    test_run_rgb (ff, c, 1, src, dst, 64, 48, NULL);
    g_assert_cmpint (would, ==, skc_frame_filter_halved (ff));
    skc_frame_filter_set_halve_radius (ff, 0);
    g_assert_false (skc_frame_filter_would_halve (ff, c, &frame));
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/halved/hand", test_hand);
  g_test_add_func ("/halved/phases", test_phases);
  g_test_add_func ("/halved/family", test_family);
  g_test_add_func ("/halved/engine", test_engine);
  g_test_add_func ("/halved/quartered-phases", test_quartered_phases);
  g_test_add_func ("/halved/quartered-engine", test_quartered_engine);
  g_test_add_func ("/halved/fit", test_fit);
  g_test_add_func ("/halved/lookup", test_lookup);
  return g_test_run ();
}
