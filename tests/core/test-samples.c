/* libskc — deep samples on the working planes: every 10-bit code (low- or
 * MSB-aligned) survives load → store exactly, 16-bit samples within the two
 * bits the plane drops, codes the formats cannot have are clamped, a flat
 * 10-bit frame stays exact through a filter, and the 16-bit sRGB tables'
 * round trip. */
#include "skc.h"

#include <stdlib.h>
#include <string.h>

#define N 1024

/* Loads n 16-bit samples into a one-row plane and stores them back. */
static void
round_trip (SkcSamples samples, const guint16 *in, guint16 *out, gint n, gint16 *q6)
{
  g_autoptr (SkcPlane) p = skc_plane_new (n, 1, 1, 0);
  SkcSampleFormat fmt = { .samples = samples };

  skc_plane_load (p, (const guint8 *) in, n * 2, &fmt, 0, 1);
  if (q6)
    memcpy (q6, p->data, sizeof (gint16) * n);
  skc_plane_store (p, (guint8 *) out, n * 2, &fmt, 0, 1);
}

static void
test_ten_bit_exact (void)
{
  guint16 in[N], msb[N], out[N];
  gint16 q6[N];

  for (gint v = 0; v < N; v++) {
    in[v] = (guint16) v;
    msb[v] = (guint16) (v << 6);
  }
  round_trip (SKC_SAMPLES_10, in, out, N, q6);
  for (gint v = 0; v < N; v++) {
    /* The Q6 scale of 8 bits: code × 16, so 8-bit code c and 10-bit 4c agree. */
    g_assert_cmpint (q6[v], ==, v * 16);
    g_assert_cmpint (out[v], ==, v);
  }
  round_trip (SKC_SAMPLES_10_MSB, msb, out, N, q6);
  for (gint v = 0; v < N; v++) {
    g_assert_cmpint (q6[v], ==, v * 16);
    g_assert_cmpint (out[v], ==, v << 6);
  }
}

static void
test_sixteen_bit_and_clamps (void)
{
  g_autofree guint16 *in = g_new (guint16, 65536), *out = g_new (guint16, 65536);
  guint16 wild[4] = { 1024, 40000, 65535, 1023 }, back[4];

  for (gint v = 0; v < 65536; v++)
    in[v] = (guint16) v;
  round_trip (SKC_SAMPLES_16, in, out, 65536, NULL);
  for (gint v = 0; v < 65536; v++)
    g_assert_cmpint (abs (out[v] - v), <=, 3);
  g_assert_cmpint (out[0], ==, 0);
  g_assert_cmpint (out[65535], ==, 65535);
  /* Beyond 10 bits in a …_10LE container: the largest code, no wrap-around. */
  round_trip (SKC_SAMPLES_10, wild, back, 4, NULL);
  for (gint i = 0; i < 4; i++)
    g_assert_cmpint (back[i], ==, 1023);
}

static void
test_flat_frame_exact (void)
{
  const gint w = 33, h = 21;
  g_autoptr (SkcFamily) family = skc_preset_lookup ("hexagon", NULL);
  g_autoptr (SkcComplex) c = skc_varying_level_complex (family, 6);
  const gint cw = (w + 1) / 2, n = w * h + 2 * cw * h;
  g_autofree guint16 *in = g_new (guint16, n), *out = g_new0 (guint16, n);
  guint8 *di[3] = { (guint8 *) in, (guint8 *) (in + w * h), (guint8 *) (in + w * h + cw * h) };
  guint8 *dout[3] = { (guint8 *) out, (guint8 *) (out + w * h), (guint8 *) (out + w * h + cw * h) };
  const gsize stride[3] = { w * 2, cw * 2, cw * 2 };
  SkcFrame fi, fo;

  for (gint i = 0; i < n; i++)
    in[i] = 601;
  g_assert_true (skc_frame_init_samples (&fi, SKC_LAYOUT_I422, SKC_SAMPLES_10, w, h, 0, 0, di, stride));
  g_assert_true (skc_frame_init_samples (&fo, SKC_LAYOUT_I422, SKC_SAMPLES_10, w, h, 0, 0, dout, stride));
  /* 4:2:2 chroma: half width, full height, kernel halved along x only. */
  g_assert_cmpint (fi.planes[1].width, ==, cw);
  g_assert_cmpint (fi.planes[1].height, ==, h);
  g_assert_cmpfloat (fi.planes[1].scale_x, ==, 0.5);
  g_assert_cmpfloat (fi.planes[1].scale_y, ==, 1.0);
  g_assert_true (skc_filter_frame_fixed (c, &fi, &fo, SKC_PRECISION_32, TRUE, NULL, NULL));
  for (gint i = 0; i < n; i++)
    g_assert_cmpint (out[i], ==, 601);
  /* Rows too short for 2-byte samples are refused. */
  {
    const gsize narrow[3] = { w, cw, cw };

    g_assert_false (skc_frame_init_samples (&fi, SKC_LAYOUT_I422, SKC_SAMPLES_10, w, h, 0, 0, di, narrow));
    g_assert_true (skc_frame_init_samples (&fi, SKC_LAYOUT_I422, SKC_SAMPLES_8, w, h, 0, 0, di, narrow));
  }
}

/* Every 16-bit sRGB code back from the 14-bit linear plane within 26: the
 * darkest, where the curve is steepest (12.92 × 65535 / 16383 ≈ 52 codes a
 * linear step), are the worst; from mid-grey up (≤ 4.4 codes a step) 2. */
static void
test_srgb16_round_trip (void)
{
  const gint16 *dec = skc_srgb_decode16_table ();
  const guint16 *enc = skc_srgb_encode16_table ();
  gint worst = 0, worst_light = 0;

  for (gint v = 0; v < 65536; v++) {
    gint e = abs (enc[dec[v]] - v);

    worst = MAX (worst, e);
    if (v >= 32768)
      worst_light = MAX (worst_light, e);
  }
  g_test_message ("16-bit sRGB decode → encode: within %d codes, %d from mid-grey up", worst, worst_light);
  g_assert_cmpint (worst, <=, 26);
  g_assert_cmpint (worst_light, <=, 2);
  g_assert_cmpint (dec[65535], ==, 16383);
  g_assert_cmpint (enc[16383], ==, 65535);
  g_assert_cmpint (enc[0], ==, 0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/samples/ten-bit-exact", test_ten_bit_exact);
  g_test_add_func ("/samples/sixteen-bit-and-clamps", test_sixteen_bit_and_clamps);
  g_test_add_func ("/samples/flat-frame-exact", test_flat_frame_exact);
  g_test_add_func ("/samples/srgb16-round-trip", test_srgb16_round_trip);
  return g_test_run ();
}
