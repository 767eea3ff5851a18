/* The fixed-kernel engine against the double-precision reference: every
 * pixel, borders included (both clamp to the edge at every layer), within
 * one 8-bit level; exact on flat images and integer shifts. */
#include "skc.h"
#include "skc-loops.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* A crop of the test photo as 8-bit interleaved pixels with `channels`. */
static guint8 *
photo_u8 (gint w, gint h, gint channels, gsize stride, SkcImage **as_image)
{
  g_autofree gchar *path = g_build_filename (g_getenv ("SKC_TEST_DATA"), "astronaut.png", NULL);
  g_autoptr (SkcImage) photo = skc_image_load (path, NULL);
  guint8 *px = g_malloc0 (stride * h);
  SkcImage *img = skc_image_new (w, h, channels);

  g_assert_nonnull (photo);
  for (gint y = 0; y < h; y++)
    for (gint x = 0; x < w; x++)
      for (gint c = 0; c < channels; c++) {
        gdouble v = skc_image_at (photo, 150 + x, 100 + y)[c % 3];
        guint8 b = (guint8) round (v * 255);

        px[y * stride + x * channels + c] = b;
        skc_image_at (img, x, y)[c] = b / 255.0;
      }
  *as_image = img;
  return px;
}

static SkcComplex *
preset_member (const gchar *name, gdouble radius)
{
  g_autoptr (SkcFamily) f = skc_preset_lookup (name, NULL);
  SkcComplex *c;

  g_assert_nonnull (f);
  c = skc_complex_copy (f->members[0]);
  skc_family_eval (f, radius, c);
  return c;
}

static void
check_against_reference (const gchar *preset, gdouble radius, gint channels, SkcPrecision precision)
{
  const gint w = 96, h = 64;
  gsize stride = w * channels + 5;   /* an odd stride on purpose */
  SkcImage *ref_in = NULL;
  g_autofree guint8 *src = photo_u8 (w, h, channels, stride, &ref_in);
  g_autofree guint8 *dst = g_malloc0 (stride * h);
  g_autoptr (SkcImage) in = ref_in, ref = NULL;
  g_autoptr (SkcComplex) c = preset_member (preset, radius);
  g_autoptr (SkcFixedKernel) k = skc_fixed_kernel_new (c, NULL);
  gint worst = 0, off = 0;

  g_assert_nonnull (k);
  skc_fixed_kernel_configure (k, precision, SKC_ENGINE_DEFAULT);
  skc_filter_fixed_u8 (k, src, stride, dst, stride, w, h, channels, NULL);
  ref = skc_reference_filter_complex (in, c);
  for (gint y = 0; y < h; y++)
    for (gint x = 0; x < w; x++)
      for (gint ch = 0; ch < channels; ch++) {
        gint expected = (gint) CLAMP (round (skc_image_at (ref, x, y)[ch] * 255), 0, 255);
        gint d = abs (dst[y * stride + x * channels + ch] - expected);

        worst = MAX (worst, d);
        off += d > 0;
      }
  g_test_message ("%s r=%g, %d channels, %d-bit, %u integer taps: max error %d level(s), %d of %d samples off",
      preset, radius, channels, precision == SKC_PRECISION_16 ? 16 : 32, skc_fixed_kernel_total_taps (k),
      worst, off, w * h * channels);
  g_assert_cmpint (worst, <=, 1);
}

static void
test_hexagon_rgba (void)
{
  check_against_reference ("hexagon", 12, 4, SKC_PRECISION_32);
  check_against_reference ("hexagon", 12, 4, SKC_PRECISION_16);
}

static void
test_heart_rgb (void)
{
  check_against_reference ("heart", 7.3, 3, SKC_PRECISION_32);
  check_against_reference ("heart", 7.3, 3, SKC_PRECISION_16);
}

static void
test_gaussian_gray (void)
{
  check_against_reference ("gaussian", 20, 1, SKC_PRECISION_32);
  check_against_reference ("gaussian", 20, 1, SKC_PRECISION_16);
}

/* Plain C, ORC, AVX2 and AVX2 + VNNI run the same integer arithmetic: identical bytes. */
static void
engines_agree (gint channels)
{
  const gint w = 203, h = 41;
  SkcImage *unused = NULL;
  g_autofree guint8 *src = photo_u8 (w, h, channels, w * channels, &unused);
  g_autofree guint8 *a = g_malloc (w * h * channels), *b = g_malloc (w * h * channels);
  g_autoptr (SkcComplex) c = preset_member ("ring", 9.7);
  g_autoptr (SkcFixedKernel) k = skc_fixed_kernel_new (c, NULL);

  skc_image_free (unused);
  /* The vector loops split a row's tap pairs into groups: make sure there are several. */
  g_assert_cmpuint (k->n_taps[0], >, 2 * 2 * SKC_PAIR_GROUP);
  for (gint p = 0; p < 2; p++) {
    const SkcPrecision precision = p ? SKC_PRECISION_16 : SKC_PRECISION_32;

    skc_fixed_kernel_configure (k, precision, SKC_ENGINE_C);
    g_assert_cmpint (k->engine, ==, SKC_ENGINE_C);
    skc_filter_fixed_u8 (k, src, w * channels, a, w * channels, w, h, channels, NULL);
    for (guint e = 0; e < 3; e++) {
      static const SkcEngine engines[] = { SKC_ENGINE_ORC, SKC_ENGINE_AVX2, SKC_ENGINE_VNNI };

      skc_fixed_kernel_configure (k, precision, engines[e]);
      if (k->engine != engines[e]) {
        g_test_message ("%s %d-bit runs the %s loops here: compared as such", skc_engine_name (engines[e]),
            p ? 16 : 32, skc_engine_name (k->engine));
      }
      memset (b, 0, w * h * channels);
      skc_filter_fixed_u8 (k, src, w * channels, b, w * channels, w, h, channels, NULL);
      g_assert_cmpmem (a, w * h * channels, b, w * h * channels);
    }
#if defined(__x86_64__)  /* where meson builds the x86 loops */
    /* Both widths of the VNNI loop, whichever this CPU is given. */
    for (guint i = 0; i < 2 && !p && skc_cpu_has_vnni (); i++) {
      skc_fixed_kernel_configure (k, precision, SKC_ENGINE_VNNI);
      for (guint l = 0; l < k->n_layers; l++)
        k->layer[l].loop = i ? skc_loop_32_vnni512 : skc_loop_32_vnni;
      memset (b, 0, w * h * channels);
      skc_filter_fixed_u8 (k, src, w * channels, b, w * channels, w, h, channels, NULL);
      g_assert_cmpmem (a, w * h * channels, b, w * h * channels);
    }
#endif
  }
}

/* The loops are resolved once, from the request, the precision and the CPU:
 * hand-checked cases of skc_engine_resolve and what a kernel records. */
static void
test_engine_resolve (void)
{
  g_autoptr (SkcComplex) c = preset_member ("disc", 4);
  g_autoptr (SkcFixedKernel) k = skc_fixed_kernel_new (c, NULL);
  const SkcEngine best32 = skc_cpu_has_vnni () ? SKC_ENGINE_VNNI : skc_cpu_has_avx2 () ? SKC_ENGINE_AVX2 : SKC_ENGINE_ORC;

  g_assert_cmpint (skc_engine_resolve (SKC_ENGINE_C, FALSE), ==, SKC_ENGINE_C);
  g_assert_cmpint (skc_engine_resolve (SKC_ENGINE_C, TRUE), ==, SKC_ENGINE_C);
  g_assert_cmpint (skc_engine_resolve (SKC_ENGINE_ORC, FALSE), ==, SKC_ENGINE_ORC);
  /* No 16-bit loop in AVX2: ORC runs. */
  g_assert_cmpint (skc_engine_resolve (SKC_ENGINE_AVX2, TRUE), ==, SKC_ENGINE_ORC);
  g_assert_cmpint (skc_engine_resolve (SKC_ENGINE_AUTO, TRUE), ==, SKC_ENGINE_ORC);
  g_assert_cmpint (skc_engine_resolve (SKC_ENGINE_AUTO, FALSE), ==, best32);
  g_assert_cmpint (skc_engine_resolve (SKC_ENGINE_AVX2, FALSE), ==,
      skc_cpu_has_avx2 () ? SKC_ENGINE_AVX2 : SKC_ENGINE_ORC);
  g_assert_cmpint (skc_engine_resolve (SKC_ENGINE_VNNI, FALSE), ==, best32);
  g_assert_cmpstr (skc_engine_name (SKC_ENGINE_VNNI), ==, "vnni");
  /* Two kernels, two engines, side by side: no process-wide state. */
  {
    g_autoptr (SkcFixedKernel) k2 = skc_fixed_kernel_new (c, NULL);

    skc_fixed_kernel_configure (k, SKC_PRECISION_32, SKC_ENGINE_C);
    skc_fixed_kernel_configure (k2, SKC_PRECISION_16, SKC_ENGINE_ORC);
    g_assert_cmpint (k->engine, ==, SKC_ENGINE_C);
    g_assert_cmpint (k2->engine, ==, SKC_ENGINE_ORC);
    g_assert_true (k->layer[0].loop != k2->layer[0].loop);
  }
}

/* SKC_ENGINE sets the default for kernels that ask for none. */
static void
test_engine_from_environment (void)
{
  if (g_test_subprocess ()) {
    g_autoptr (SkcComplex) c = preset_member ("disc", 4);
    g_autoptr (SkcFixedKernel) k = skc_fixed_kernel_new (c, NULL);

    g_assert_cmpint (skc_engine_default (), ==, SKC_ENGINE_C);
    g_assert_cmpint (k->engine, ==, SKC_ENGINE_C);
    skc_fixed_kernel_configure (k, SKC_PRECISION_32, SKC_ENGINE_ORC);
    g_assert_cmpint (k->engine, ==, SKC_ENGINE_ORC);
    return;
  }
  {
    g_autofree gchar *saved = g_strdup (g_getenv ("SKC_ENGINE"));

    g_setenv ("SKC_ENGINE", "c", TRUE);
    g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
    if (saved)
      g_setenv ("SKC_ENGINE", saved, TRUE);
    else
      g_unsetenv ("SKC_ENGINE");
    g_test_trap_assert_passed ();
  }
}

/* Rows of 203·C samples: whole 64-sample blocks, 16-sample blocks and a
 * ragged tail; three channels put block edges inside pixels. */
static void
test_engines_identical (void)
{
  engines_agree (4);
  engines_agree (3);
}

/* 8-bit ↔ Q6 conversions, hand-computed at the edges of the range (Q6 sums
 * overshoot below 0 and above 255·64 between and after layers), in every
 * engine: plain C and the ORC loops the others use. */
static void
test_conversions_exact (void)
{
  static const gint16 q6[] = { G_MININT16, -33, -32, -1, 0, 31, 32, 95, 96, 16319, 16320, 16351, 16352,
    32735, 32736, G_MAXINT16 };
  static const guint8 expected[] = { 0, 0, 0, 0, 0, 0, 1, 1, 2, 255, 255, 255, 255, 255, 255, 255 };
  const gint n = G_N_ELEMENTS (q6);

  for (guint e = 0; e < 2; e++) {
    g_autoptr (SkcPlane) plane = skc_plane_new (n, 1, 1, 4);
    guint8 out[G_N_ELEMENTS (q6)], in[256];
    g_autoptr (SkcPlane) back = skc_plane_new (256, 1, 1, 4);

    const SkcSampleFormat fmt = { .engine = e ? SKC_ENGINE_ORC : SKC_ENGINE_C };

    memcpy (skc_plane_row (plane, 0), q6, sizeof q6);
    skc_filter_store (plane, out, n, &fmt, NULL);
    g_assert_cmpmem (out, n, expected, n);
    for (gint v = 0; v < 256; v++)
      in[v] = (guint8) v;
    skc_filter_load (back, in, 256, &fmt, NULL);
    for (gint v = 0; v < 256; v++)
      g_assert_cmpint (skc_plane_row (back, 0)[v], ==, v * 64);
  }
}

static void
count_stripe (guint i, guint n, gpointer data)
{
  gint *calls = data;

  g_assert_cmpuint (i, <, n);
  g_atomic_int_inc (&calls[i]);
}

/* The pool hands every stripe out exactly once, whatever the thread and
 * stripe counts, and skc_pool_stripes cuts a few stripes a thread. */
static void
test_pool_runs_each_stripe_once (void)
{
  const guint threads[] = { 1, 2, 3, 7 };

  for (guint t = 0; t < G_N_ELEMENTS (threads); t++) {
    g_autoptr (SkcPool) pool = skc_pool_new (threads[t]);

    for (guint n = 1; n <= 40; n++) {
      gint calls[40] = { 0 };

      skc_pool_run (pool, n, count_stripe, calls);
      for (guint i = 0; i < 40; i++)
        g_assert_cmpint (calls[i], ==, i < n ? 1 : 0);
    }
    g_assert_cmpuint (skc_pool_stripes (pool, 1080), ==, threads[t] == 1 ? 1 : 4 * threads[t]);
    g_assert_cmpuint (skc_pool_stripes (pool, 5), ==, threads[t] == 1 ? 1 : MIN (5, 4 * threads[t]));
  }
  g_assert_cmpuint (skc_pool_stripes (NULL, 1080), ==, 1);
}

/* Row stripes on any number of threads give the same bytes. */
static void
test_threads_identical (void)
{
  const gint w = 77, h = 53, channels = 3;
  const guint counts[4] = { 1, 2, 3, 7 };
  SkcImage *unused = NULL;
  g_autofree guint8 *src = photo_u8 (w, h, channels, w * channels, &unused);
  g_autofree guint8 *first = g_malloc (w * h * channels), *other = g_malloc (w * h * channels);
  g_autoptr (SkcComplex) c = preset_member ("octagon", 6.2);
  g_autoptr (SkcFixedKernel) k = skc_fixed_kernel_new (c, NULL);

  skc_image_free (unused);
  skc_filter_fixed_u8 (k, src, w * channels, first, w * channels, w, h, channels, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (counts); i++) {
    g_autoptr (SkcPool) pool = skc_pool_new (counts[i]);

    g_assert_cmpuint (skc_pool_threads (pool), ==, counts[i]);
    memset (other, 0, w * h * channels);
    skc_filter_fixed_u8 (k, src, w * channels, other, w * channels, w, h, channels, pool);
    g_assert_cmpmem (first, w * h * channels, other, w * h * channels);
  }
}

static void
test_flat_is_exact (void)
{
  g_autoptr (SkcComplex) c = preset_member ("star", 9.5);
  g_autoptr (SkcFixedKernel) k = skc_fixed_kernel_new (c, NULL);
  guint8 src[40 * 30 * 2], dst[40 * 30 * 2];

  for (guint i = 0; i < sizeof (src); i++)
    src[i] = i % 2 ? 200 : 17;
  skc_filter_fixed_u8 (k, src, 80, dst, 80, 40, 30, 2, NULL);
  g_assert_cmpmem (src, sizeof (src), dst, sizeof (dst));
}

static void
test_integer_shift_is_exact (void)
{
  const guint one[2] = { 1, 1 };
  g_autoptr (SkcComplex) c = skc_complex_new (2, one);
  g_autoptr (SkcFixedKernel) k = NULL;
  guint8 src[16 * 8], dst[16 * 8];

  c->layers[0].taps[0] = (SkcTap) { 3, 0, 1 };
  c->layers[1].taps[0] = (SkcTap) { 0, -2, 1 };
  k = skc_fixed_kernel_new (c, NULL);
  g_assert_cmpint (k->reach, ==, 3);
  for (guint i = 0; i < sizeof (src); i++)
    src[i] = (guint8) (i * 7);
  skc_filter_fixed_u8 (k, src, 16, dst, 16, 16, 8, 1, NULL);
  for (gint y = 0; y < 8; y++)
    for (gint x = 0; x < 16; x++)
      g_assert_cmpint (dst[y * 16 + x], ==, src[CLAMP (y - 2, 0, 7) * 16 + CLAMP (x + 3, 0, 15)]);
}

/* Taps far beyond a small frame, fractional and on both axes, through the
 * pulled-in kernel (padding bounded by the frame) and through the whole one
 * (padding by its reach, 2 MiB planes here): the same bytes, and both the
 * hand-computed clamp-to-edge gather of a pure shift. */
static void
test_pull_in_is_exact (void)
{
  const gint w = 13, h = 7, C = 3;
  const guint n[2] = { 4, 3 };
  g_autoptr (SkcComplex) c = skc_complex_new (2, n);
  g_autoptr (SkcComplex) shift = skc_complex_new (1, n);
  g_autoptr (SkcFixedKernel) whole = NULL, near = NULL, far_shift = NULL;
  guint8 src[13 * 7 * 3], a[13 * 7 * 3], b[13 * 7 * 3];

  c->layers[0].taps[0] = (SkcTap) { 300.25, -2.5, 0.25 };
  c->layers[0].taps[1] = (SkcTap) { -250.75, 1, 0.25 };
  c->layers[0].taps[2] = (SkcTap) { 0.5, 0.5, 0.25 };
  c->layers[0].taps[3] = (SkcTap) { 5, -400.5, 0.25 };
  c->layers[1].taps[0] = (SkcTap) { 12.5, 6.5, 0.5 };
  c->layers[1].taps[1] = (SkcTap) { -13, 0, 0.25 };
  c->layers[1].taps[2] = (SkcTap) { 1, 900, 0.25 };
  for (guint i = 0; i < sizeof (src); i++)
    src[i] = (guint8) (i * 37 + (i >> 3) * 11);
  whole = skc_fixed_kernel_new (c, NULL);
  near = skc_fixed_kernel_new_within (c, w, h, NULL);
  g_assert_cmpint (whole->reach, >=, 900);
  g_assert_cmpint (near->reach_x, <=, w - 1);
  g_assert_cmpint (near->reach_y, <=, h - 1);
  skc_filter_fixed_u8 (whole, src, w * C, a, w * C, w, h, C, NULL);
  skc_filter_fixed_u8 (near, src, w * C, b, w * C, w, h, C, NULL);
  g_assert_cmpmem (a, sizeof a, b, sizeof b);

  /* One tap at (+1000, −1000): every pixel reads the top-right corner. */
  shift->layers[0].n_taps = 1;
  shift->layers[0].taps[0] = (SkcTap) { 1000, -1000, 1 };
  far_shift = skc_fixed_kernel_new_within (shift, w, h, NULL);
  skc_filter_fixed_u8 (far_shift, src, w * C, b, w * C, w, h, C, NULL);
  for (gint i = 0; i < w * h; i++)
    for (gint ch = 0; ch < C; ch++)
      g_assert_cmpint (b[i * C + ch], ==, src[(w - 1) * C + ch]);
}

/* The padding follows each axis: a wide kernel pads across, not down. */
static void
test_padding_per_axis (void)
{
  const guint one = 1;
  g_autoptr (SkcComplex) c = skc_complex_new (1, &one);
  g_autoptr (SkcFixedKernel) k = NULL;

  c->layers[0].taps[0] = (SkcTap) { 40, 2, 1 };
  k = skc_fixed_kernel_new_within (c, 100, 100, NULL);
  g_assert_cmpint (k->reach_x, ==, 40);
  g_assert_cmpint (k->reach_y, ==, 2);
  {
    g_autoptr (SkcPlane) p = skc_plane_new_padded (100, 100, 1, 40 + SKC_PLANE_SLACK, 2);
    g_autoptr (SkcPlane) tight = skc_plane_new_padded (100, 100, 1, 40, 2);

    g_assert_true (skc_fixed_kernel_fits_plane (k, p));
    g_assert_false (skc_fixed_kernel_fits_plane (k, tight));
  }
}

static void
test_expansion_merges (void)
{
  /* Two taps half a pixel apart share two integer corners. */
  const guint two = 2;
  g_autoptr (SkcComplex) c = skc_complex_new (1, &two);
  g_autoptr (SkcFixedKernel) k = NULL;
  g_autoptr (GError) error = NULL;

  c->layers[0].taps[0] = (SkcTap) { 0.5, 0, 0.5 };
  c->layers[0].taps[1] = (SkcTap) { 1.5, 0, 0.5 };
  k = skc_fixed_kernel_new (c, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (k->n_taps[0], ==, 3);   /* 0: ¼, 1: ½, 2: ¼ */
  g_assert_cmpint (k->taps[0][1].dx, ==, 1);
  g_assert_cmpint (k->taps[0][1].w, ==, 1 << (SKC_WEIGHT_SHIFT - 1));
  g_assert_cmpint (k->taps[0][0].w + k->taps[0][1].w + k->taps[0][2].w, ==, 1 << SKC_WEIGHT_SHIFT);
  /* Several branches are refused with a clear error. */
  c->layers[0].branch = 1;
  {
    const guint taps[2] = { 1, 1 };
    g_autoptr (SkcComplex) b = skc_complex_new (2, taps);

    b->layers[1].branch = 1;
    g_assert_null (skc_fixed_kernel_new (b, &error));
    g_assert_error (error, SKC_ERROR, SKC_ERROR_UNSUPPORTED);
    g_assert_nonnull (strstr (error->message, "2 branches"));
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/filter/hexagon-rgba", test_hexagon_rgba);
  g_test_add_func ("/filter/heart-rgb", test_heart_rgb);
  g_test_add_func ("/filter/gaussian-gray", test_gaussian_gray);
  g_test_add_func ("/filter/engines-identical", test_engines_identical);
  g_test_add_func ("/filter/engine-resolve", test_engine_resolve);
  g_test_add_func ("/filter/engine-from-environment", test_engine_from_environment);
  g_test_add_func ("/filter/conversions-exact", test_conversions_exact);
  g_test_add_func ("/filter/pool-runs-each-stripe-once", test_pool_runs_each_stripe_once);
  g_test_add_func ("/filter/threads-identical", test_threads_identical);
  g_test_add_func ("/filter/flat-is-exact", test_flat_is_exact);
  g_test_add_func ("/filter/integer-shift-is-exact", test_integer_shift_is_exact);
  g_test_add_func ("/filter/expansion-merges", test_expansion_merges);
  g_test_add_func ("/filter/pull-in-is-exact", test_pull_in_is_exact);
  g_test_add_func ("/filter/padding-per-axis", test_padding_per_axis);
  return g_test_run ();
}
