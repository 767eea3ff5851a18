/* The varying path's large levels at half resolution (skc_varying_kernel_set_halve,
 * docs/ARCHITECTURE.md §8): a rack focus through the switch radius against
 * the dense complex and the full-resolution path, per-pixel maps crossing
 * the switch against the full-resolution path and the per-pixel reference,
 * and the same bytes for every engine and thread count. */
#include "skc.h"
#include "skc-varying.h"
#include "test-images.h"

#include <math.h>
#include <string.h>

#define STEP 0.25
#define SWITCH 24.0
/* The first level that blends the halved result in. */
#define BAND_START (SWITCH - SKC_VARYING_HALVE_BAND * STEP)

static void
run (SkcFrameFilter *ff, const SkcFamily *family, gdouble max_radius, const gfloat *radius, const guint8 *src,
    guint8 *dst, gint w, gint h, gint c, SkcSamples samples, SkcPool *pool)
{
  gsize bytes = samples == SKC_SAMPLES_8 ? 1 : 2;
  guint8 *in_data[1] = { (guint8 *) src }, *out_data[1] = { dst };
  gsize stride[1] = { (gsize) w * c * bytes };
  SkcFrame in, out;
  g_autoptr (GError) error = NULL;

  g_assert_true (skc_frame_init_samples (&in, SKC_LAYOUT_PACKED, samples, w, h, c, 0, in_data, stride));
  g_assert_true (skc_frame_init_samples (&out, SKC_LAYOUT_PACKED, samples, w, h, c, 0, out_data, stride));
  g_assert_true (skc_frame_filter_run_varying (ff, family, max_radius, STEP, radius, w, &in, &out,
      SKC_PRECISION_32, FALSE, pool, &error));
  g_assert_no_error (error);
}

/* Mean absolute difference of 16-bit samples, in 8-bit levels. */
static gdouble
mad16 (const guint16 *a, const guint16 *b, gsize n)
{
  gdouble s = 0;

  for (gsize i = 0; i < n; i++)
    s += ABS (a[i] - b[i]);
  return s / n / 257;
}

/* How much the difference between two paths changes from one frame to the
 * next: the mean absolute change of (a1 − b1) − (a0 − b0), 8-bit levels. */
static gdouble
mad16_change (const guint16 *a1, const guint16 *b1, const guint16 *a0, const guint16 *b0, gsize n)
{
  gdouble s = 0;

  for (gsize i = 0; i < n; i++)
    s += ABS ((a1[i] - b1[i]) - (a0[i] - b0[i]));
  return s / n / 257;
}

/* PSNR of samples (8- or 16-bit, full scale one) against an image in [0, 1]. */
static gdouble
psnr_of (const guint8 *px8, const guint16 *px16, const SkcImage *ref)
{
  gsize n = (gsize) ref->width * ref->height * ref->channels;
  gdouble s = 0;

  for (gsize i = 0; i < n; i++) {
    gdouble d = (px8 ? px8[i] / 255.0 : px16[i] / 65535.0) - ref->data[i];

    s += d * d;
  }
  return 10 * log10 (n / s);
}

static gdouble
psnr_u8 (const guint8 *a, const guint8 *b, gsize n)
{
  gdouble s = 0;

  for (gsize i = 0; i < n; i++)
    s += (gdouble) (a[i] - b[i]) * (a[i] - b[i]);
  return s == 0 ? INFINITY : 10 * log10 (255.0 * 255.0 * n / s);
}

static SkcImage *
image_of (const guint8 *px, gint w, gint h, gint c)
{
  SkcImage *img = skc_image_new (w, h, c);

  for (gsize i = 0; i < (gsize) w * h * c; i++)
    img->data[i] = px[i] / 255.0;
  return img;
}

/* A rack focus: uniform radii a level (0.25 px) apart from 22 to 26 px, on
 * the photo in 16-bit samples (so that rounding to 8 bits hides nothing).
 * Each frame against the complex of its radius applied densely in doubles:
 * ≥ 50 dB.  The halved path's difference from the full-resolution path
 * (d_i, mean absolute, 8-bit levels) is 0 below the band and grows across
 * it; the change of that difference from one frame to the next is the jump
 * the switch adds to the rack focus, and no step may jump by more than 1.25×
 * the largest of the neighbouring steps above the switch.  A hard switch
 * (band 0) jumps by the whole halving error in one step (0.27 levels against
 * at most 0.17 between halved levels) and fails. */
static void
test_rack_focus (void)
{
  enum { W = 192, H = 128, C = 3, N = 17 };
  gsize n = (gsize) W * H * C;
  g_autoptr (SkcFamily) family = test_preset ("disc");
  g_autofree guint8 *src8 = test_photo_u8 (W, H, C);
  g_autofree guint16 *src = g_new (guint16, n);
  g_autoptr (SkcImage) img = image_of (src8, W, H, C);
  g_autoptr (SkcFrameFilter) halved = skc_frame_filter_new ();
  g_autoptr (SkcFrameFilter) full = skc_frame_filter_new ();
  g_autofree gfloat *map = g_new (gfloat, W * H);
  guint16 *out_h[N], *out_f[N];
  gdouble d[N], change[N], above = 0, at_switch = 0;

  for (gsize i = 0; i < n; i++)
    src[i] = (guint16) (src8[i] * 257);
  skc_frame_filter_set_halve_radius (halved, SWITCH);
  for (guint i = 0; i < N; i++) {
    gdouble r = 22 + STEP * i, p;
    g_autoptr (SkcComplex) c = skc_varying_level_complex (family, r);
    g_autoptr (SkcImage) ref = skc_reference_filter_complex (img, c);

    for (gint k = 0; k < W * H; k++)
      map[k] = (gfloat) r;
    out_h[i] = g_new (guint16, n);
    out_f[i] = g_new (guint16, n);
    run (halved, family, 32, map, (guint8 *) src, (guint8 *) out_h[i], W, H, C, SKC_SAMPLES_16, NULL);
    run (full, family, 32, map, (guint8 *) src, (guint8 *) out_f[i], W, H, C, SKC_SAMPLES_16, NULL);
    p = psnr_of (NULL, out_h[i], ref);
    d[i] = mad16 (out_h[i], out_f[i], n);
    change[i] = i ? mad16_change (out_h[i], out_f[i], out_h[i - 1], out_f[i - 1], n) : 0;
    g_test_message ("r = %.2f: %.2f dB against the dense complex (full resolution %.2f dB); %.4f against full "
        "resolution, %.4f change from r − 0.25", r, p, psnr_of (NULL, out_f[i], ref), d[i], change[i]);
    g_assert_cmpfloat (p, >=, 50.0);
    if (r < BAND_START)
      g_assert_cmpmem (out_h[i], n * 2, out_f[i], n * 2);
    if (r == SWITCH)
      at_switch = d[i];
    if (i > 0 && r - STEP >= SWITCH)
      above = MAX (above, change[i]);
  }
  g_test_message ("largest change above the switch %.4f, error at the switch %.4f", above, at_switch);
  g_assert_cmpfloat (at_switch, >, 0);
  for (guint i = 1; i < N; i++)
    g_assert_cmpfloat (change[i], <=, 1.25 * above);
  for (guint i = 0; i < N; i++) {
    g_free (out_h[i]);
    g_free (out_f[i]);
  }
}

/* Radii on exact levels, each with more than 40 % of its pixels in the band
 * or above, where halving pays: 0, a ramp across the frame from 12 to 36 px;
 * 1, a disc of 30 px on 6 px (a depth edge across the switch); 2, 6 px left
 * of x = 32 and 30 px from there on (the edge on a boundary of the tiles the
 * runs skip by, so that a pixel kept at full resolution reads the first
 * tile of the halved side); 3, 32 px at the top and bottom rows through 0
 * half-way down (a gradient depth: two halved bands).  4, 30 px over the
 * top fifth of the rows, 6 px below: not worth halving. */
static gfloat *
crossing_map (gint w, gint h, gint kind)
{
  gfloat *map = g_new (gfloat, (gsize) w * h);

  for (gint y = 0; y < h; y++)
    for (gint x = 0; x < w; x++) {
      gdouble r = kind == 0 ? 12 + 24.0 * x / (w - 1) :
                  kind == 1 ? (hypot (x - w / 2.0, y - h / 2.0) < h / 2.2 ? 30 : 6) :
                  kind == 2 ? (x < 32 ? 6 : 30) :
                  kind == 3 ? MIN (80 * fabs (y / (h - 1.0) - 0.5), 32) :
                              (y < h / 5 ? 30 : 6);

      map[(gsize) y * w + x] = (gfloat) (round (r / STEP) * STEP);
    }
  return map;
}

static SkcComplex *
level_complex (gdouble p, gpointer family)
{
  return skc_varying_level_complex (family, p);
}

/* Per-pixel maps crossing the switch: pixels below the band keep the bytes
 * of the full-resolution path; the whole frame stays within 50 dB of it and
 * of the per-pixel reference (each pixel's own complex, bilinear, doubles). */
static void
test_crossing_maps (void)
{
  enum { C = 3 };
  g_autoptr (SkcFamily) family = test_preset ("disc");
  static const gchar *const names[] = { "ramp 12 to 36 px", "disc of 30 px on 6 px", "6 px, 30 px from x = 32",
    "32 px at the top and bottom, 0 half-way" };

  for (gint kind = 0; kind < 4; kind++) {
    /* The two bands of the last apart by more than the half plane's reach. */
    gint W = kind == 3 ? 64 : 160, H = kind == 3 ? 270 : 112;
    gsize n = (gsize) W * H * C;
    g_autofree guint8 *src = test_photo_u8 (W, H, C);
    g_autoptr (SkcImage) img = image_of (src, W, H, C);
    g_autofree gfloat *map = crossing_map (W, H, kind);
    g_autofree guint8 *out_h = g_malloc (n), *out_f = g_malloc (n);
    g_autoptr (SkcFrameFilter) halved = skc_frame_filter_new ();
    g_autoptr (SkcFrameFilter) full = skc_frame_filter_new ();
    g_autoptr (SkcImage) param = skc_image_new (W, H, 1), ref = NULL;
    gdouble p_full, p_ref, p_ref_full;
    gsize below = 0;

    skc_frame_filter_set_halve_radius (halved, SWITCH);
    run (halved, family, 36, map, src, out_h, W, H, C, SKC_SAMPLES_8, NULL);
    run (full, family, 36, map, src, out_f, W, H, C, SKC_SAMPLES_8, NULL);
    for (gint k = 0; k < W * H; k++) {
      param->data[k] = map[k];
      if (map[k] < BAND_START) {
        g_assert_cmpmem (out_h + k * C, C, out_f + k * C, C);
        below++;
      }
    }
    ref = skc_reference_filter_varying (img, param, level_complex, family);
    p_full = psnr_u8 (out_h, out_f, n);
    p_ref = psnr_of (out_h, NULL, ref);
    p_ref_full = psnr_of (out_f, NULL, ref);
    g_test_message ("%s: %zu of %d pixels below the band, same bytes; %.2f dB against full resolution; against "
        "the per-pixel reference %.2f dB (full resolution %.2f dB)", names[kind], below, W * H, p_full, p_ref,
        p_ref_full);
    g_assert_cmpuint (below, >, 0);
    g_assert_cmpfloat (p_full, >=, 50);
    g_assert_cmpfloat (p_ref, >=, 50);
  }
}

/* Every engine and thread count gives the same bytes, on odd and even sizes
 * and 1–4 channels; a map that never reaches the band gives the bytes of
 * halving off. */
static void
test_identical (void)
{
  static const gint sizes[][2] = { { 97, 61 }, { 64, 40 }, { 3, 70 } };
  static const SkcEngine engines[] = { SKC_ENGINE_C, SKC_ENGINE_ORC, SKC_ENGINE_AVX2, SKC_ENGINE_VNNI };
  static const guint threads[] = { 2, 3, 7 };
  g_autoptr (SkcFamily) family = test_preset ("hexagon");

  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    for (gint c = 1; c <= 4; c++) {
      gint w = sizes[s][0], h = sizes[s][1];
      gsize n = (gsize) w * h * c;
      g_autofree guint8 *src = test_photo_u8 (w, h, c), *first = g_malloc (n), *got = g_malloc (n);
      g_autofree gfloat *map = crossing_map (w, h, (gint) s);

      for (guint e = 0; e < G_N_ELEMENTS (engines); e++) {
        g_autoptr (SkcFrameFilter) ff = skc_frame_filter_new ();

        skc_frame_filter_set_halve_radius (ff, SWITCH);
        skc_frame_filter_set_engine (ff, engines[e]);
        run (ff, family, 36, map, src, e ? got : first, w, h, c, SKC_SAMPLES_8, NULL);
        if (e)
          g_assert_cmpmem (got, n, first, n);
      }
      for (guint t = 0; t < G_N_ELEMENTS (threads); t++) {
        g_autoptr (SkcFrameFilter) ff = skc_frame_filter_new ();
        SkcPool *pool = skc_pool_new (threads[t]);

        skc_frame_filter_set_halve_radius (ff, SWITCH);
        run (ff, family, 36, map, src, got, w, h, c, SKC_SAMPLES_8, pool);
        g_assert_cmpmem (got, n, first, n);
        skc_pool_free (pool);
      }
      /* On, with every radius below the band, and with a fifth of the frame
       * above: the bytes of halving off. */
      g_test_message ("%d × %d, %d channels: the same bytes for every engine and thread count", w, h, c);
      for (gint small = 0; small < 2; small++) {
        g_autoptr (SkcFrameFilter) off = skc_frame_filter_new ();
        g_autoptr (SkcFrameFilter) on = skc_frame_filter_new ();
        g_autofree gfloat *few = crossing_map (w, h, 4);

        for (gint k = 0; k < w * h; k++)
          map[k] = MIN (map[k], (gfloat) (BAND_START - STEP));
        run (off, family, 36, small ? few : map, src, first, w, h, c, SKC_SAMPLES_8, NULL);
        skc_frame_filter_set_halve_radius (on, SWITCH);
        run (on, family, 36, small ? few : map, src, got, w, h, c, SKC_SAMPLES_8, NULL);
        g_assert_cmpmem (got, n, first, n);
      }
    }
}

/* One frame of 4:2:0 (occlusion FALSE: gather) or RGBA (TRUE: the
 * occlusion-aware path with a signed map) with halving at SWITCH or off. */
static void
run_kind (gboolean occlusion, gboolean halve, SkcEngine engine, const SkcFamily *family, const gfloat *map,
    const guint8 *src, guint8 *dst, gint w, gint h, SkcPool *pool)
{
  g_autoptr (SkcFrameFilter) ff = skc_frame_filter_new ();
  g_autoptr (GError) error = NULL;
  gint cw = (w + 1) / 2, ch = (h + 1) / 2;
  guint8 *in_data[3], *out_data[3];
  gsize stride[3];
  SkcFrame in, out;

  if (occlusion) {
    in_data[0] = (guint8 *) src;
    out_data[0] = dst;
    stride[0] = (gsize) w * 4;
    g_assert_true (skc_frame_init (&in, SKC_LAYOUT_PACKED, w, h, 4, 0x7, in_data, stride));
    g_assert_true (skc_frame_init (&out, SKC_LAYOUT_PACKED, w, h, 4, 0x7, out_data, stride));
  } else {
    for (gint p = 0; p < 3; p++) {
      gsize at = p == 0 ? 0 : (gsize) w * h + (gsize) (p - 1) * cw * ch;

      in_data[p] = (guint8 *) src + at;
      out_data[p] = dst + at;
      stride[p] = p == 0 ? (gsize) w : (gsize) cw;
    }
    g_assert_true (skc_frame_init (&in, SKC_LAYOUT_I420, w, h, 0, 0, in_data, stride));
    g_assert_true (skc_frame_init (&out, SKC_LAYOUT_I420, w, h, 0, 0, out_data, stride));
  }
  skc_frame_filter_set_halve_radius (ff, halve ? SWITCH : 0);
  skc_frame_filter_set_engine (ff, engine);
  if (occlusion)
    g_assert_true (skc_frame_filter_run_occlusion (ff, family, 64, STEP, map, w, 1.0f, &in, &out,
        SKC_PRECISION_32, TRUE, pool, &error));
  else
    g_assert_true (skc_frame_filter_run_varying (ff, family, 64, STEP, map, w, &in, &out, SKC_PRECISION_32,
        FALSE, pool, &error));
  g_assert_no_error (error);
}

/* The occlusion-aware path (RGBA, linear light, a signed map: a near disc
 * at −30 px over a background ramping from in focus to +40 px) and 4:2:0
 * gather with radii to 64 px (the chroma planes, at half scale, halve from
 * 48 px): within 45 dB (occlusion) and 50 dB (4:2:0) of the paths at full
 * resolution, and the same bytes for every engine and for 1, 2 and 3
 * threads. */
static void
test_occlusion_and_chroma (void)
{
  enum { W = 131, H = 90 };
  static const SkcEngine engines[] = { SKC_ENGINE_ORC, SKC_ENGINE_AVX2, SKC_ENGINE_VNNI };
  g_autoptr (SkcFamily) family = test_preset ("disc");

  for (gint occlusion = 0; occlusion < 2; occlusion++) {
    gsize n = occlusion ? (gsize) W * H * 4 : (gsize) W * H + 2 * (gsize) ((W + 1) / 2) * ((H + 1) / 2);
    /* 4:2:0: the three planes' bytes from a gray crop of twice the rows. */
    g_autofree guint8 *src = test_photo_u8 (W, occlusion ? H : 2 * H, occlusion ? 4 : 1);
    g_autofree guint8 *full = g_malloc (n), *first = g_malloc (n), *got = g_malloc (n);
    g_autofree gfloat *map = g_new (gfloat, W * H);
    gdouble p;

    for (gint y = 0; y < H; y++)
      for (gint x = 0; x < W; x++) {
        gdouble r = occlusion ? (hypot (x - W / 2.0, y - H / 2.0) < H / 4.0 ? -30 : 40.0 * x / (W - 1))
                              : 64.0 * x / (W - 1);

        map[y * W + x] = (gfloat) (round (r / STEP) * STEP);
      }
    run_kind (occlusion, FALSE, SKC_ENGINE_C, family, map, src, full, W, H, NULL);
    run_kind (occlusion, TRUE, SKC_ENGINE_C, family, map, src, first, W, H, NULL);
    p = psnr_u8 (first, full, n);
    g_test_message ("%s: %.2f dB against full resolution", occlusion ? "occlusion-aware, RGBA" : "gather, I420",
        p);
    g_assert_cmpfloat (p, >=, occlusion ? 45 : 50);
    for (guint e = 0; e < G_N_ELEMENTS (engines); e++) {
      run_kind (occlusion, TRUE, engines[e], family, map, src, got, W, H, NULL);
      g_assert_cmpmem (got, n, first, n);
    }
    for (guint t = 1; t <= 3; t++) {
      SkcPool *pool = skc_pool_new (t);

      run_kind (occlusion, TRUE, SKC_ENGINE_C, family, map, src, got, W, H, pool);
      g_assert_cmpmem (got, n, first, n);
      skc_pool_free (pool);
    }
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/varying-halve/rack-focus", test_rack_focus);
  g_test_add_func ("/varying-halve/crossing-maps", test_crossing_maps);
  g_test_add_func ("/varying-halve/identical", test_identical);
  g_test_add_func ("/varying-halve/occlusion-and-chroma", test_occlusion_and_chroma);
  return g_test_run ();
}
