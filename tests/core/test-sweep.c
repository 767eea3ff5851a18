/* The one-sweep fixed path (skc-sweep.h) against the pass-by-pass one it
 * replaces — load the whole plane, each layer over the whole plane, store
 * (decimated: with skc_plane_halve and skc_plane_double between, once or
 * twice) — byte for
 * byte: sizes from one pixel to more rows than a ring holds, 1–4 channels,
 * 8-bit, sRGB and 16-bit samples, both precisions, 1–3 threads, in place;
 * and rings of rows against whole planes.  The same for levels, a pixel
 * each (the varying paths' grids), against their layers over whole planes. */
#include "skc.h"

#include <string.h>

/* Samples with detail at every scale (a hash, then a third of it smoothed
 * by a ramp), so that rounding and clamping show. */
static guint8 *
make_samples (gsize bytes, guint seed)
{
  guint8 *s = g_malloc (bytes);

  for (gsize i = 0; i < bytes; i++)
    s[i] = (guint8) (((i + seed) * 2654435761u) >> 24);
  for (gsize i = 0; i < bytes / 3; i++)
    s[i] = (guint8) (i / 7);
  return s;
}

static SkcFixedKernel *
member_kernel (gdouble radius, guint factor, gint w, gint h, SkcPrecision precision)
{
  g_autoptr (SkcFamily) f = skc_preset_lookup ("hexagon", NULL);
  g_autoptr (SkcComplex) c = NULL;
  SkcFixedKernel *k;
  gint kw = skc_decimated_size (w, factor), kh = skc_decimated_size (h, factor);

  g_assert_nonnull (f);
  c = skc_complex_copy (f->members[0]);
  skc_family_eval (f, radius, c);
  if (factor > 1)
    skc_complex_scale_xy (c, 1.0 / factor, 1.0 / factor);
  k = skc_fixed_kernel_new_within (c, kw, kh, NULL);
  g_assert_nonnull (k);
  skc_fixed_kernel_configure (k, precision, SKC_ENGINE_DEFAULT);
  return k;
}

/* The path before the sweep, pass by pass over whole planes; at factor 4
 * the 2×2 mean and the bilinear return each twice. */
static void
by_passes (const SkcFixedKernel *k, guint factor, const guint8 *src, guint8 *dst, gsize stride,
    const SkcSampleFormat *fmt, gint w, gint h, gint c)
{
  gint pw = skc_decimated_size (w, factor), ph = skc_decimated_size (h, factor);
  g_autoptr (SkcPlane) plane = skc_plane_new_padded (pw, ph, c, k->reach_x + SKC_PLANE_SLACK, k->reach_y);
  g_autoptr (SkcPlane) full = factor > 1 ? skc_plane_new (w, h, c, 0) : NULL;
  g_autoptr (SkcPlane) half = factor == 4 ? skc_plane_new (skc_halve_size (w), skc_halve_size (h), c, 0) : NULL;

  if (factor == 1) {
    skc_filter_load (plane, src, stride, fmt, NULL);
  } else {
    skc_filter_load (full, src, stride, fmt, NULL);
    skc_plane_halve (full, half ? half : plane, NULL);
    if (half)
      skc_plane_halve (half, plane, NULL);
  }
  skc_filter_plane_fixed (k, plane, NULL, NULL);
  if (factor == 1) {
    skc_filter_store (plane, dst, stride, fmt, NULL);
  } else {
    if (half)
      skc_plane_double (plane, half, NULL);
    skc_plane_double (half ? half : plane, full, NULL);
    skc_filter_store (full, dst, stride, fmt, NULL);
  }
}

static void
check_case (gint w, gint h, gint c, guint factor, gdouble radius, SkcSamples samples, guint linear_mask,
    SkcPrecision precision)
{
  /* A row padding that is odd in bytes at 8 bits, and keeps 16-bit rows aligned. */
  gsize bps = samples == SKC_SAMPLES_8 ? 1 : 2, stride = (gsize) w * c * bps + 3 * bps;
  gsize bytes = stride * h;
  /* A plane one pixel wide or high is never halved, one under 3 × 3 never
   * quartered (skc-frame.c neither). */
  guint fits = skc_decimation_fitting (factor, w, h);
  g_autofree guint8 *src = make_samples (bytes, (guint) (w * 131 + h * 7 + c));
  g_autofree guint8 *want = g_malloc0 (bytes), *got = g_malloc0 (bytes), *inplace = NULL;
  g_autoptr (SkcFixedKernel) k = member_kernel (radius, fits, w, h, precision);
  SkcSampleFormat fmt = { samples, linear_mask, SKC_ENGINE_DEFAULT };
  g_autoptr (SkcSweep) sweep = skc_sweep_new ();

  if (samples != SKC_SAMPLES_8)  /* 16-bit containers: keep 10-bit codes in range */
    for (gsize i = 1; i < bytes; i += 2)
      src[i] &= samples == SKC_SAMPLES_10 ? 0x03 : 0xff;
  by_passes (k, fits, src, want, stride, &fmt, w, h, c);
  for (guint threads = 1; threads <= 3; threads++) {
    SkcPool *pool = threads > 1 ? skc_pool_new (threads) : NULL;

    memset (got, 0, bytes);
    g_assert_true (skc_sweep_run (sweep, k, factor, src, stride, &fmt, got, stride, &fmt, w, h, c, pool));
    for (gint y = 0; y < h; y++)
      if (memcmp (want + y * stride, got + y * stride, (gsize) w * c * bps) != 0)
        g_error ("%d×%d×%d factor %u r=%g samples %d mask %#x, %u threads: row %d differs", w, h, c,
            factor, radius, samples, linear_mask, threads, y);
    skc_pool_free (pool);
  }
  /* In place: each row is read before it is written. */
  inplace = g_memdup2 (src, bytes);
  g_assert_true (skc_sweep_run (sweep, k, factor, inplace, stride, &fmt, inplace, stride, &fmt, w, h, c, NULL));
  for (gint y = 0; y < h; y++)
    g_assert_cmpmem (want + y * stride, (gsize) w * c * bps, inplace + y * stride, (gsize) w * c * bps);
}

/* Sizes below, at and above what one step, one ring and the lag between the
 * first and last stage span, odd and even both ways. */
static void
test_sizes (void)
{
  static const gint sizes[][2] = { { 1, 1 }, { 2, 2 }, { 3, 1 }, { 1, 5 }, { 3, 3 }, { 5, 3 }, { 6, 7 },
    { 17, 9 }, { 40, 33 }, { 63, 130 }, { 97, 301 }, { 21, 517 } };

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    for (guint factor = 1; factor <= 4; factor *= 2) {
      gint w = sizes[i][0], h = sizes[i][1];

      check_case (w, h, 4, factor, 6, SKC_SAMPLES_8, 0, SKC_PRECISION_32);
      check_case (w, h, 1, factor, 12, SKC_SAMPLES_8, 0, SKC_PRECISION_32);
    }
}

static void
test_formats (void)
{
  for (gint c = 1; c <= 4; c++)
    for (guint factor = 1; factor <= 4; factor *= 2) {
      check_case (45, 150, c, factor, 8, SKC_SAMPLES_8, 0, SKC_PRECISION_32);
      check_case (45, 150, c, factor, 8, SKC_SAMPLES_8, c >= 3 ? 0x7 : 0x1, SKC_PRECISION_32);
      check_case (45, 150, c, factor, 8, SKC_SAMPLES_16, 0, SKC_PRECISION_16);
      check_case (45, 150, c, factor, 8, SKC_SAMPLES_10, 0, SKC_PRECISION_32);
    }
}

/* A sweep kept across frames of other sizes rebuilds its rings: the bytes
 * are those of a fresh one. */
static void
test_reuse (void)
{
  g_autoptr (SkcSweep) kept = skc_sweep_new ();
  static const gint sizes[][2] = { { 80, 120 }, { 33, 17 }, { 80, 120 }, { 41, 59 }, { 80, 120 } };
  static const guint factors[] = { 1, 2, 1, 4, 2 };
  SkcSampleFormat fmt = { 0 };

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++) {
    gint w = sizes[i][0], h = sizes[i][1];
    gsize bytes = (gsize) w * h * 3;
    g_autofree guint8 *src = make_samples (bytes, i), *a = g_malloc (bytes), *b = g_malloc (bytes);
    g_autoptr (SkcFixedKernel) k = member_kernel (10, factors[i], w, h, SKC_PRECISION_32);
    g_autoptr (SkcSweep) fresh = skc_sweep_new ();

    g_assert_true (skc_sweep_run (kept, k, factors[i], src, w * 3, &fmt, a, w * 3, &fmt, w, h, 3, NULL));
    g_assert_true (skc_sweep_run (fresh, k, factors[i], src, w * 3, &fmt, b, w * 3, &fmt, w, h, 3, NULL));
    g_assert_cmpmem (a, bytes, b, bytes);
  }
}

/* Each pixel its own level of a family — level 0 (the input) in patches,
 * runs from one pixel to many — through skc_sweep_run_levels and through
 * load, skc_filter_plane_varying_levels and store: the same bytes, for the
 * seven-layer motion line turned 30° and the four-layer disc, 1–3 threads;
 * with the runs found as the rows run and found once (skc-varying-runs.h),
 * which counts them as the scan does (one run a pixel at most) and gives
 * up past its budget. */
static void
check_levels (const gchar *preset, gdouble angle, gint w, gint h, gint c, guint linear_mask)
{
  g_autoptr (SkcFamily) f = skc_preset_lookup (preset, NULL);
  gsize stride = (gsize) w * c + 5, bytes = stride * h;
  g_autofree guint8 *src = make_samples (bytes, (guint) (w + 3 * h + c)), *want = g_malloc0 (bytes);
  g_autofree guint8 *got = g_malloc0 (bytes);
  g_autofree gfloat *radius = g_new (gfloat, (gsize) w * h);
  g_autofree guint16 *level = g_new (guint16, (gsize) w * h);
  g_autoptr (SkcVaryingKernel) vk = NULL;
  g_autoptr (SkcPlane) plane = NULL;
  g_autoptr (SkcSweep) sweep = skc_sweep_new ();
  SkcSampleFormat fmt = { SKC_SAMPLES_8, linear_mask, SKC_ENGINE_DEFAULT };

  g_assert_nonnull (f);
  /* The lookup is the caller's own copy: turned in place. */
  for (guint m = 0; m < f->n_members; m++)
    skc_complex_rotate (f->members[m], angle);
  vk = skc_varying_kernel_new_scaled (f, 10, 0.5, SKC_PRECISION_32, 1, 1, NULL);
  g_assert_nonnull (vk);
  for (gint y = 0; y < h; y++)
    for (gint x = 0; x < w; x++) {
      /* Bands of a few pixels across, a hash in places, in focus in a square. */
      guint hsh = (guint) ((y * w + x) * 2654435761u) >> 28;
      gfloat r = (gfloat) (((x / 3 + y / 5) % 21) * 0.5);

      if ((x / 7 + y) % 11 == 0)
        r = (gfloat) hsh * 0.6f;
      if (x % 29 < 6 && y % 31 < 6)
        r = 0;
      radius[(gsize) y * w + x] = r;
    }
  g_assert_true (skc_varying_kernel_prepare_levels (vk, 10, radius, w, w, h, level, NULL, NULL));
  plane = skc_plane_new_padded (w, h, c, vk->reach_x + SKC_PLANE_SLACK, vk->reach_y);
  skc_filter_load (plane, src, stride, &fmt, NULL);
  skc_filter_plane_varying_levels (vk, plane, NULL, level, NULL);
  skc_filter_store (plane, want, stride, &fmt, NULL);
  for (guint threads = 1; threads <= 3; threads++) {
    SkcPool *pool = threads > 1 ? skc_pool_new (threads) : NULL;
    g_autoptr (SkcVaryingRuns) runs = skc_varying_runs_new (vk, level, w, h, (gsize) w * h * vk->n_layers, pool);
    gsize total = 0;

    g_assert_nonnull (runs);
    for (guint l = 0; l < vk->n_layers; l++) {
      gsize n = runs->row_start[l][h];

      /* Every row's runs tile it: the last ends at the width. */
      for (gint y = 0; y < h; y++) {
        g_assert_cmpuint (runs->row_start[l][y + 1], >, runs->row_start[l][y]);
        g_assert_cmpuint (runs->end[l][runs->row_start[l][y + 1] - 1], ==, w);
      }
      total += n;
    }
    g_assert_null (skc_varying_runs_new (vk, level, w, h, total - 1, pool));
    for (guint with_runs = 0; with_runs <= 1; with_runs++) {
      memset (got, 0, bytes);
      g_assert_true (skc_sweep_run_levels (sweep, vk, level, with_runs ? runs : NULL, src, stride, &fmt, got, stride,
          &fmt, w, h, c, pool));
      for (gint y = 0; y < h; y++)
        if (memcmp (want + y * stride, got + y * stride, (gsize) w * c) != 0)
          g_error ("levels of %s at %g°, %d×%d×%d, %u threads%s: row %d differs", preset, angle, w, h, c, threads,
              with_runs ? ", runs found once" : "", y);
    }
    skc_pool_free (pool);
  }
}

static void
test_levels (void)
{
  static const gint sizes[][2] = { { 1, 1 }, { 3, 2 }, { 17, 9 }, { 63, 130 }, { 97, 301 } };

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++) {
    check_levels ("motion", 30, sizes[i][0], sizes[i][1], 4, 0x7);
    check_levels ("disc", 0, sizes[i][0], sizes[i][1], 1, 0);
  }
  check_levels ("motion", 0, 45, 150, 3, 0);
}

/* A ring of 8 slots: rows 8 apart share a slot, pad rows above land in the
 * last slots, and a border fill writes what a whole plane's would. */
static void
test_ring (void)
{
  g_autoptr (SkcPlane) ring = skc_plane_new_ring (5, 20, 2, 3, 2, 8);
  g_autoptr (SkcPlane) whole = skc_plane_new_padded (5, 20, 2, 3, 2);

  g_assert_null (skc_plane_new_ring (5, 20, 2, 3, 2, 6));
  g_assert_nonnull (ring);
  g_assert_true (skc_plane_row (ring, 3) == skc_plane_row (ring, 11));
  g_assert_true (skc_plane_row (ring, -1) == skc_plane_row (ring, 7));
  g_assert_true (skc_plane_row (ring, 1) - skc_plane_row (ring, 0) == (gssize) ring->stride);
  for (gint y = 0; y < 3; y++)
    for (gint i = 0; i < 10; i++) {
      skc_plane_row (ring, y)[i] = (gint16) (y * 100 + i);
      skc_plane_row (whole, y)[i] = (gint16) (y * 100 + i);
    }
  skc_plane_fill_border_rows (ring, 0, 3);
  skc_plane_fill_border_rows (whole, 0, 3);
  for (gint y = -2; y < 3; y++)
    g_assert_cmpmem (skc_plane_row (ring, y) - 6, 22, skc_plane_row (whole, y) - 6, 22);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/sweep/ring", test_ring);
  g_test_add_func ("/sweep/sizes", test_sizes);
  g_test_add_func ("/sweep/formats", test_formats);
  g_test_add_func ("/sweep/reuse", test_reuse);
  g_test_add_func ("/sweep/levels", test_levels);
  return g_test_run ();
}
