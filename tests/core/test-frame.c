/* Frames: planar and packed layouts filtered plane by plane with the kernel
 * scaled to each plane, 16-bit samples, and linear light — each against the
 * double-precision reference. */
#include "skc.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static SkcComplex *
hexagon (gdouble radius)
{
  g_autoptr (SkcFamily) f = skc_preset_lookup ("hexagon", NULL);
  SkcComplex *c;

  g_assert_nonnull (f);
  c = skc_complex_copy (f->members[0]);
  skc_family_eval (f, radius, c);
  return c;
}

static guint8 *
noise (gsize n, guint32 seed)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (seed);
  guint8 *p = g_malloc (n);

  /* Smooth-ish content: a few sine waves, so nothing saturates. */
  for (gsize i = 0; i < n; i++)
    p[i] = (guint8) (128 + 60 * sin (i * 0.37) + 40 * sin (i * 0.011) + g_rand_int_range (rand, -20, 20));
  return p;
}

/* Max |engine − reference| in 8-bit levels for one 1-channel 8-bit plane. */
static gint
plane_error (const guint8 *in, const guint8 *out, gint w, gint h, gsize stride, const SkcComplex *c)
{
  g_autoptr (SkcImage) img = skc_image_new (w, h, 1), ref = NULL;
  gint worst = 0;

  for (gint y = 0; y < h; y++)
    for (gint x = 0; x < w; x++)
      img->data[y * w + x] = in[y * stride + x] / 255.0;
  ref = skc_reference_filter_complex (img, c);
  for (gint y = 0; y < h; y++)
    for (gint x = 0; x < w; x++)
      worst = MAX (worst, abs (out[y * stride + x] - (gint) CLAMP (round (ref->data[y * w + x] * 255), 0, 255)));
  return worst;
}

static void
test_i420_and_nv12 (void)
{
  const gint w = 63, h = 41, cw = 32, ch = 21;   /* odd sizes: chroma rounds up */
  const gsize ys = 64, cs = 40;
  g_autofree guint8 *y = noise (ys * h, 1), *u = noise (cs * ch, 2), *v = noise (cs * ch, 3);
  g_autofree guint8 *yo = g_malloc0 (ys * h), *uo = g_malloc0 (cs * ch), *vo = g_malloc0 (cs * ch);
  g_autofree guint8 *uv = g_malloc (2 * cs * ch), *uvo = g_malloc0 (2 * cs * ch), *yo2 = g_malloc0 (ys * h);
  g_autoptr (SkcComplex) c = hexagon (6);
  g_autoptr (SkcComplex) half = skc_complex_copy (c);
  guint8 *in_data[3] = { y, u, v }, *out_data[3] = { yo, uo, vo };
  const gsize strides[3] = { ys, cs, cs }, nv_strides[2] = { ys, 2 * cs };
  SkcFrame in, out;

  g_assert_true (skc_frame_init (&in, SKC_LAYOUT_I420, w, h, 0, 0, in_data, strides));
  g_assert_true (skc_frame_init (&out, SKC_LAYOUT_I420, w, h, 0, 0, out_data, strides));
  g_assert_cmpint (in.planes[1].width, ==, cw);
  g_assert_cmpint (in.planes[1].height, ==, ch);
  g_assert_true (skc_filter_frame_fixed (c, &in, &out, SKC_PRECISION_32, FALSE, NULL, NULL));
  skc_complex_scale (half, 0.5);
  g_assert_cmpint (plane_error (y, yo, w, h, ys, c), <=, 1);
  g_assert_cmpint (plane_error (u, uo, cw, ch, cs, half), <=, 1);
  g_assert_cmpint (plane_error (v, vo, cw, ch, cs, half), <=, 1);

  /* NV12: the same chroma interleaved gives the same bytes. */
  for (gint r = 0; r < ch; r++)
    for (gint x = 0; x < cw; x++) {
      uv[r * 2 * cs + 2 * x] = u[r * cs + x];
      uv[r * 2 * cs + 2 * x + 1] = v[r * cs + x];
    }
  {
    guint8 *nv_in[2] = { y, uv }, *nv_out[2] = { yo2, uvo };

    g_assert_true (skc_frame_init (&in, SKC_LAYOUT_NV12, w, h, 0, 0, nv_in, nv_strides));
    g_assert_true (skc_frame_init (&out, SKC_LAYOUT_NV12, w, h, 0, 0, nv_out, nv_strides));
    g_assert_true (skc_filter_frame_fixed (c, &in, &out, SKC_PRECISION_32, FALSE, NULL, NULL));
  }
  for (gint r = 0; r < h; r++)
    g_assert_cmpmem (yo + r * ys, w, yo2 + r * ys, w);
  for (gint r = 0; r < ch; r++)
    for (gint x = 0; x < cw; x++) {
      g_assert_cmpint (uvo[r * 2 * cs + 2 * x], ==, uo[r * cs + x]);
      g_assert_cmpint (uvo[r * 2 * cs + 2 * x + 1], ==, vo[r * cs + x]);
    }
}

static void
test_gray16 (void)
{
  const gint w = 40, h = 30;
  g_autofree guint16 *in = g_new (guint16, w * h), *out = g_new0 (guint16, w * h);
  g_autoptr (SkcComplex) c = hexagon (4);
  g_autoptr (SkcImage) img = skc_image_new (w, h, 1), ref = NULL;
  guint8 *di[1] = { (guint8 *) in }, *dout[1] = { (guint8 *) out };
  const gsize stride[1] = { w * 2 };
  SkcFrame fi, fo;
  gdouble worst = 0;

  for (gint i = 0; i < w * h; i++) {
    in[i] = (guint16) (30000 + 20000 * sin (i * 0.21));
    img->data[i] = in[i] / 65535.0;
  }
  g_assert_true (skc_frame_init (&fi, SKC_LAYOUT_GRAY16, w, h, 0, 0, di, stride));
  g_assert_true (skc_frame_init (&fo, SKC_LAYOUT_GRAY16, w, h, 0, 0, dout, stride));
  g_assert_true (skc_filter_frame_fixed (c, &fi, &fo, SKC_PRECISION_32, FALSE, NULL, NULL));
  ref = skc_reference_filter_complex (img, c);
  for (gint i = 0; i < w * h; i++)
    worst = MAX (worst, fabs (out[i] - ref->data[i] * 65535));
  g_test_message ("GRAY16: max error %.1f of 65535", worst);
  /* 14 bits inside: a few units of the 16-bit scale, far below one 8-bit level (257). */
  g_assert_cmpfloat (worst, <, 32);
}

static void
test_srgb_tables (void)
{
  const gint16 *dec = skc_srgb_decode_table ();
  const guint8 *enc = skc_srgb_encode_table ();

  /* Every code survives decode → encode, so flat areas stay exact. */
  for (gint v = 0; v < 256; v++)
    g_assert_cmpint (enc[dec[v]], ==, v);
  g_assert_cmpint (dec[0], ==, 0);
  g_assert_cmpint (dec[255], ==, 255 << SKC_PLANE_SHIFT);
  /* Mid-gray code 128 is about 21.6 % linear light (IEC 61966-2-1). */
  g_assert_cmpfloat (fabs (dec[128] / (gdouble) (255 << SKC_PLANE_SHIFT) - 0.2158605), <, 1e-4);
}

static void
test_linear_light (void)
{
  /* A highlight on a dark RGBA background; alpha must not be linearised. */
  const gint w = 33, h = 33, C = 4;
  g_autofree guint8 *in = g_malloc (w * h * C), *lin = g_malloc (w * h * C), *plain = g_malloc (w * h * C);
  g_autoptr (SkcComplex) c = hexagon (5);
  g_autoptr (SkcImage) img = skc_image_new (w, h, C), ref = NULL;
  const gint16 *dec = skc_srgb_decode_table ();
  const guint8 *enc = skc_srgb_encode_table ();
  guint8 *di[1] = { in }, *dl[1] = { lin }, *dp[1] = { plain };
  const gsize stride[1] = { w * C };
  SkcFrame fi, fl, fp;
  gint worst = 0;

  for (gint i = 0; i < w * h; i++) {
    guint8 px[4] = { 20, 25, 30, 200 };

    if (i == (h / 2) * w + w / 2)
      px[0] = px[1] = px[2] = 255;
    memcpy (in + i * C, px, C);
    for (gint ch = 0; ch < C; ch++)
      img->data[i * C + ch] = ch < 3 ? dec[px[ch]] / (gdouble) (255 << SKC_PLANE_SHIFT) : px[ch] / 255.0;
  }
  g_assert_true (skc_frame_init (&fi, SKC_LAYOUT_PACKED, w, h, C, 0x7, di, stride));
  g_assert_true (skc_frame_init (&fl, SKC_LAYOUT_PACKED, w, h, C, 0x7, dl, stride));
  g_assert_true (skc_frame_init (&fp, SKC_LAYOUT_PACKED, w, h, C, 0x7, dp, stride));
  g_assert_true (skc_filter_frame_fixed (c, &fi, &fl, SKC_PRECISION_32, TRUE, NULL, NULL));
  g_assert_true (skc_filter_frame_fixed (c, &fi, &fp, SKC_PRECISION_32, FALSE, NULL, NULL));
  ref = skc_reference_filter_complex (img, c);
  for (gint i = 0; i < w * h; i++)
    for (gint ch = 0; ch < C; ch++) {
      gdouble r = ref->data[i * C + ch];
      gint expected = ch < 3 ? enc[(gint) CLAMP (round (r * (255 << SKC_PLANE_SHIFT)), 0, SKC_SRGB_ENCODE_SIZE - 1)]
          : (gint) round (r * 255);

      worst = MAX (worst, abs (lin[i * C + ch] - expected));
    }
  g_assert_cmpint (worst, <=, 1);
  /* The point of it: the halo of a highlight is brighter in linear light. */
  g_assert_cmpint (lin[((h / 2) * w + w / 2 + 3) * C], >, plain[((h / 2) * w + w / 2 + 3) * C] + 5);
  /* Alpha is the same either way. */
  for (gint i = 0; i < w * h; i++)
    g_assert_cmpint (lin[i * C + 3], ==, plain[i * C + 3]);
}

/* 8-bit linear-light rows for the layouts with their own inlined loops (RGB
 * then alpha, alpha first) and others (3 channels, a lone channel), each
 * against the obvious per-sample computation: every code decodes through
 * the table on the masked channels and shifts on the others; plane values
 * out of range, negative and past the table, clamp on the way back. */
static void
test_linear_light_layouts (void)
{
  const struct { gint C; guint mask; } cases[] = { { 4, 0x7 }, { 4, 0xe }, { 3, 0x7 }, { 4, 0x2 }, { 2, 0x1 } };
  const gint16 *dec = skc_srgb_decode_table ();
  const guint8 *enc = skc_srgb_encode_table ();
  const gint w = 97, h = 3;

  /* Plain C, AVX2 and the engine's own choice (the SIMD rows where the CPU has them). */
  for (guint k = 0; k < 3 * G_N_ELEMENTS (cases); k++) {
    static const SkcEngine engines[] = { SKC_ENGINE_C, SKC_ENGINE_AVX2, SKC_ENGINE_AUTO };
    gint C = cases[k / 3].C;
    guint mask = cases[k / 3].mask;
    SkcSampleFormat fmt = { SKC_SAMPLES_8, mask, engines[k % 3] };
    g_autoptr (SkcPlane) p = skc_plane_new (w, h, C, 0);
    g_autofree guint8 *src = g_malloc ((gsize) w * h * C), *dst = g_malloc ((gsize) w * h * C);

    for (gint i = 0; i < w * h * C; i++)
      src[i] = (guint8) (i * 7 + k);
    skc_plane_load (p, src, (gsize) w * C, &fmt, 0, h);
    for (gint y = 0; y < h; y++)
      for (gint i = 0; i < w * C; i++) {
        guint8 v = src[(gsize) y * w * C + i];

        g_assert_cmpint (skc_plane_row (p, y)[i], ==, (mask >> (i % C)) & 1 ? dec[v] : v << SKC_PLANE_SHIFT);
      }
    for (gint y = 0; y < h; y++)
      for (gint i = 0; i < w * C; i++)
        skc_plane_row (p, y)[i] = (gint16) ((y * w * C + i) * 211 % 20000 - 1500);
    skc_plane_store (p, dst, (gsize) w * C, &fmt, 0, h);
    for (gint y = 0; y < h; y++)
      for (gint i = 0; i < w * C; i++) {
        gint v = skc_plane_row (p, y)[i];
        gint plain = CLAMP ((v + (1 << (SKC_PLANE_SHIFT - 1))) >> SKC_PLANE_SHIFT, 0, 255);

        g_assert_cmpint (dst[(gsize) y * w * C + i], ==,
            (mask >> (i % C)) & 1 ? enc[CLAMP (v, 0, SKC_SRGB_ENCODE_SIZE - 1)] : plain);
      }
  }
}

/* Every 16-bit plane value in every channel of a four-channel row, and every
 * code, through the AVX2 rows and the engine's choice (AVX-512 where the CPU
 * has it) against the obvious computation. */
static void
test_linear_light_every_code (void)
{
  const guint masks[] = { 0x7, 0xe };
  const gint16 *dec = skc_srgb_decode_table ();
  const guint8 *enc = skc_srgb_encode_table ();
  const gint w = 4096, h = 16, C = 4;

  for (guint k = 0; k < 2 * G_N_ELEMENTS (masks); k++) {
    SkcSampleFormat fmt = { SKC_SAMPLES_8, masks[k / 2], k % 2 ? SKC_ENGINE_AUTO : SKC_ENGINE_AVX2 };
    g_autoptr (SkcPlane) p = skc_plane_new (w, h, C, 0);
    g_autofree guint8 *src = g_malloc ((gsize) w * h * C), *dst = g_malloc ((gsize) w * h * C);
    gsize bad = 0;

    /* An odd multiplier walks every value of 16 bits once per channel. */
    for (gint y = 0; y < h; y++)
      for (gint x = 0; x < w; x++)
        for (gint c = 0; c < C; c++)
          skc_plane_row (p, y)[x * C + c] = (gint16) (guint16) ((guint) ((y * w + x) * 40503u + c * 16411u));
    skc_plane_store (p, dst, (gsize) w * C, &fmt, 0, h);
    for (gint y = 0; y < h; y++)
      for (gint i = 0; i < w * C; i++) {
        gint v = skc_plane_row (p, y)[i];
        gint plain = CLAMP ((v + (1 << (SKC_PLANE_SHIFT - 1))) >> SKC_PLANE_SHIFT, 0, 255);
        gint want = (masks[k / 2] >> (i % C)) & 1 ? enc[CLAMP (v, 0, SKC_SRGB_ENCODE_SIZE - 1)] : plain;

        bad += dst[(gsize) y * w * C + i] != want;
      }
    g_assert_cmpuint (bad, ==, 0);
    for (gint i = 0; i < w * h * C; i++)
      src[i] = (guint8) (i / C * 13 + i % C * 101);
    skc_plane_load (p, src, (gsize) w * C, &fmt, 0, h);
    for (gint y = 0; y < h; y++)
      for (gint i = 0; i < w * C; i++) {
        guint8 v = src[(gsize) y * w * C + i];

        bad += skc_plane_row (p, y)[i] != ((masks[k / 2] >> (i % C)) & 1 ? dec[v] : v << SKC_PLANE_SHIFT);
      }
    g_assert_cmpuint (bad, ==, 0);
  }
}

/* A filter kept across frames gives the same bytes as one-shot calls while
 * the complex, the precision and the frame size change under it. */
static void
test_frame_filter_reuse (void)
{
  g_autoptr (SkcFrameFilter) ff = skc_frame_filter_new ();
  const gdouble radii[4] = { 4, 4, 6, 6 };
  const gint widths[4] = { 30, 30, 30, 22 };

  for (gint i = 0; i < 4; i++) {
    gint w = widths[i], h = 17;
    g_autoptr (SkcComplex) c = hexagon (radii[i]);
    g_autofree guint8 *src = noise (w * h * 3, 10 + i), *a = g_malloc0 (w * h * 3), *b = g_malloc0 (w * h * 3);
    guint8 *ds[1] = { src }, *da[1] = { a }, *db[1] = { b };
    const gsize stride[1] = { w * 3 };
    SkcPrecision precision = i == 1 ? SKC_PRECISION_16 : SKC_PRECISION_32;
    SkcFrame in, fa, fb;

    g_assert_true (skc_frame_init (&in, SKC_LAYOUT_PACKED, w, h, 3, 0x7, ds, stride));
    g_assert_true (skc_frame_init (&fa, SKC_LAYOUT_PACKED, w, h, 3, 0x7, da, stride));
    g_assert_true (skc_frame_init (&fb, SKC_LAYOUT_PACKED, w, h, 3, 0x7, db, stride));
    g_assert_true (skc_frame_filter_run (ff, c, &in, &fa, precision, i == 3, NULL, NULL));
    g_assert_true (skc_filter_frame_fixed (c, &in, &fb, precision, i == 3, NULL, NULL));
    g_assert_cmpmem (a, w * h * 3, b, w * h * 3);
  }
}

static SkcComplex *
half_level (gdouble p, gpointer family)
{
  SkcComplex *c = skc_varying_level_complex (family, p);

  skc_complex_scale (c, 0.5);
  return c;
}

/* The varying path on I420: luma as the plain varying filter does it, chroma
 * with half-size kernels driven by the 2×2 mean of the map, against the
 * per-pixel reference. */
static void
test_varying_i420 (void)
{
  const gint w = 48, h = 32, cw = 24, ch = 16;
  g_autoptr (SkcFamily) f = skc_preset_lookup ("disc", NULL);
  g_autofree guint8 *y = noise (w * h, 21), *u = noise (cw * ch, 22), *v = noise (cw * ch, 23);
  g_autofree guint8 *yo = g_malloc0 (w * h), *uo = g_malloc0 (cw * ch), *vo = g_malloc0 (cw * ch);
  g_autofree guint8 *yref = g_malloc0 (w * h);
  g_autofree gfloat *radius = g_new (gfloat, w * h);
  g_autoptr (SkcFrameFilter) ff = skc_frame_filter_new ();
  g_autoptr (SkcVaryingKernel) vk = NULL;
  g_autoptr (SkcImage) uimg = skc_image_new (cw, ch, 1), param = skc_image_new (cw, ch, 1), ref = NULL;
  guint8 *din[3] = { y, u, v }, *dout[3] = { yo, uo, vo };
  const gsize strides[3] = { w, cw, cw };
  SkcFrame in, out;
  gint worst = 0;

  /* Whole-level radii (step 0.5 luma px) whose 2×2 means are whole levels of
   * a 0.5 step too: constant 2×2 blocks. */
  for (gint r = 0; r < h; r++)
    for (gint x = 0; x < w; x++)
      radius[r * w + x] = (gfloat) (0.5 * ((x / 2 + r / 2) % 12));
  g_assert_true (skc_frame_init (&in, SKC_LAYOUT_I420, w, h, 0, 0, din, strides));
  g_assert_true (skc_frame_init (&out, SKC_LAYOUT_I420, w, h, 0, 0, dout, strides));
  g_assert_true (skc_frame_filter_run_varying (ff, f, 6, 0.5, radius, w, &in, &out, SKC_PRECISION_32, FALSE,
          NULL, NULL));
  vk = skc_varying_kernel_new (f, 6, 0.5, SKC_PRECISION_32, NULL);
  skc_filter_varying_u8 (vk, y, w, yref, w, w, h, 1, radius, w, NULL);
  g_assert_cmpmem (yo, w * h, yref, w * h);
  for (gint i = 0; i < cw * ch; i++) {
    gint cx = i % cw, cy = i / cw;

    uimg->data[i] = u[i] / 255.0;
    param->data[i] = radius[(2 * cy) * w + 2 * cx];
  }
  ref = skc_reference_filter_varying (uimg, param, half_level, f);
  for (gint i = 0; i < cw * ch; i++)
    worst = MAX (worst, abs (uo[i] - (gint) CLAMP (round (ref->data[i] * 255), 0, 255)));
  g_assert_cmpint (worst, <=, 1);
}

static void
test_bad_geometry (void)
{
  guint8 buf[64];
  guint8 *d[3] = { buf, buf, buf };
  const gsize small[3] = { 3, 1, 1 };
  SkcFrame f;

  g_assert_false (skc_frame_init (&f, SKC_LAYOUT_PACKED, 4, 2, 4, 0, d, small));
  g_assert_false (skc_frame_init (&f, SKC_LAYOUT_I420, 0, 2, 0, 0, d, small));
  g_assert_false (skc_frame_init (&f, SKC_LAYOUT_PACKED, 1, 1, 5, 0, d, small));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/frame/i420-and-nv12", test_i420_and_nv12);
  g_test_add_func ("/frame/gray16", test_gray16);
  g_test_add_func ("/frame/srgb-tables", test_srgb_tables);
  g_test_add_func ("/frame/linear-light-every-code", test_linear_light_every_code);
  g_test_add_func ("/frame/linear-light", test_linear_light);
  g_test_add_func ("/frame/linear-light-layouts", test_linear_light_layouts);
  g_test_add_func ("/frame/frame-filter-reuse", test_frame_filter_reuse);
  g_test_add_func ("/frame/varying-i420", test_varying_i420);
  g_test_add_func ("/frame/bad-geometry", test_bad_geometry);
  return g_test_run ();
}
