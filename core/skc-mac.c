/* libskc — the engine's inner loops: one segment of one output row of one
 * layer, Σ_t w_t · in(y + dy_t, x + dx_t), in four variants (plain C or ORC,
 * 32- or 16-bit) of which the C and ORC ones give identical results. */
#include "skc-mac.h"

#include <string.h>

#include "skc-orc.h"

/* -1: not decided yet; then 0 (plain C) or 1 (ORC). */
static gint engine_orc = -1;

gboolean
skc_filter_use_orc (void)
{
  gint v = g_atomic_int_get (&engine_orc);

  /* SKC_ENGINE=c selects the plain C loops (same results, for testing). */
  if (v < 0) {
    v = g_strcmp0 (g_getenv ("SKC_ENGINE"), "c") != 0;
    g_atomic_int_set (&engine_orc, v);
  }
  return v;
}

void
skc_filter_set_orc (gboolean use_orc)
{
  g_atomic_int_set (&engine_orc, use_orc ? 1 : 0);
}

static inline const gint16 *
tap_source (const SkcPlane *src, const SkcIntTap *t, gint y, gint x0)
{
  return skc_plane_row (src, y + t->dy) + (gssize) (x0 + t->dx) * src->channels;
}

static inline gint16
sat16 (gint32 v)
{
  return (gint16) CLAMP (v, G_MININT16, G_MAXINT16);
}

/* (x·w + 2¹⁵) >> 16: what ORC's mulhsw + (mullw >> 15) computes. */
static inline gint16
rprod (gint16 x, gint16 w)
{
  return (gint16) (((gint32) x * w + 32768) >> 16);
}

static void
segment_32_c (const SkcIntTap *taps, guint n_taps, const SkcPlane *src, gint y, gint x0, gsize n,
    gint16 *out, gint32 *acc)
{
  const gint32 half = 1 << (SKC_WEIGHT_SHIFT - 1);

  memset (acc, 0, sizeof (gint32) * n);
  /* Taps outer, pixels inner: a contiguous widening multiply-add the
   * compiler vectorises. */
  for (guint t = 0; t < n_taps; t++) {
    const gint16 *in = tap_source (src, &taps[t], y, x0);
    const gint32 w = taps[t].w;

    for (gsize i = 0; i < n; i++)
      acc[i] += w * in[i];
  }
  for (gsize i = 0; i < n; i++)
    out[i] = sat16 ((acc[i] + half) >> SKC_WEIGHT_SHIFT);
}

/* Four taps a call (ORC allows 8 sources), the int32 row passed between two
 * buffers: ORC's arguments are restrict, so no in-place calls. */
static void
segment_32_orc (const SkcIntTap *taps, guint n_taps, const SkcPlane *src, gint y, gint x0, gsize n,
    gint16 *out, gint32 *acc)
{
  gint32 *from = acc, *to = acc + n, *swap;
  guint t = 0;

  memset (from, 0, sizeof (gint32) * n);
  for (; t < n_taps; from = to, to = swap) {
    swap = from;
    if (t + 4 <= n_taps) {
      skc_orc_mac4 (to, from, tap_source (src, &taps[t], y, x0), tap_source (src, &taps[t + 1], y, x0),
          tap_source (src, &taps[t + 2], y, x0), tap_source (src, &taps[t + 3], y, x0),
          taps[t].w, taps[t + 1].w, taps[t + 2].w, taps[t + 3].w, n);
      t += 4;
    } else {
      skc_orc_mac1 (to, from, tap_source (src, &taps[t], y, x0), taps[t].w, n);
      t++;
    }
  }
  skc_orc_round_s32_s16 (out, from, n);
}

static void
segment_16_c (const SkcIntTap *taps, guint n_taps, const SkcPlane *src, gint y, gint x0, gsize n,
    gint16 *out)
{
  guint t = 0;

  memset (out, 0, sizeof (gint16) * n);
  /* Grouped exactly as the ORC functions, so saturation happens alike. */
  for (; t + 4 <= n_taps; t += 4) {
    const gint16 *s0 = tap_source (src, &taps[t], y, x0), *s1 = tap_source (src, &taps[t + 1], y, x0);
    const gint16 *s2 = tap_source (src, &taps[t + 2], y, x0), *s3 = tap_source (src, &taps[t + 3], y, x0);

    for (gsize i = 0; i < n; i++) {
      gint16 a = rprod (s0[i], taps[t].w);

      a = sat16 (a + rprod (s1[i], taps[t + 1].w));
      a = sat16 (a + rprod (s2[i], taps[t + 2].w));
      a = sat16 (a + rprod (s3[i], taps[t + 3].w));
      out[i] = sat16 (out[i] + a);
    }
  }
  for (; t < n_taps; t++) {
    const gint16 *in = tap_source (src, &taps[t], y, x0);

    for (gsize i = 0; i < n; i++)
      out[i] = sat16 (out[i] + rprod (in[i], taps[t].w));
  }
}

static void
segment_16_orc (const SkcIntTap *taps, guint n_taps, const SkcPlane *src, gint y, gint x0, gsize n,
    gint16 *out, gint16 *acc)
{
  gint16 *from = acc, *to = acc + n, *swap;
  guint t = 0;

  memset (from, 0, sizeof (gint16) * n);
  for (; t < n_taps; from = to, to = swap) {
    swap = from;
    if (t + 4 <= n_taps) {
      skc_orc_mac4_s16 (to, from, tap_source (src, &taps[t], y, x0), tap_source (src, &taps[t + 1], y, x0),
          tap_source (src, &taps[t + 2], y, x0), tap_source (src, &taps[t + 3], y, x0),
          taps[t].w, taps[t + 1].w, taps[t + 2].w, taps[t + 3].w, n);
      t += 4;
    } else {
      skc_orc_mac1_s16 (to, from, tap_source (src, &taps[t], y, x0), taps[t].w, n);
      t++;
    }
  }
  memcpy (out, from, sizeof (gint16) * n);
}

void
skc_mac_segment (const SkcIntTap *taps, guint n_taps, SkcPrecision precision, const SkcPlane *src,
    gint y, gint x0, gint x1, gint16 *out, gpointer acc)
{
  gsize n = (gsize) (x1 - x0) * src->channels;

  if (n == 0)
    return;
  if (precision == SKC_PRECISION_16) {
    if (skc_filter_use_orc ())
      segment_16_orc (taps, n_taps, src, y, x0, n, out, acc);
    else
      segment_16_c (taps, n_taps, src, y, x0, n, out);
  } else {
    if (skc_filter_use_orc ())
      segment_32_orc (taps, n_taps, src, y, x0, n, out, acc);
    else
      segment_32_c (taps, n_taps, src, y, x0, n, out, acc);
  }
}
