/* libskc — the inner loops in plain C, left to the compiler's vectoriser:
 * the reference the other instruction sets must match bit for bit. */
#include "skc-loops.h"

#include <string.h>

/* (x·w + 2¹⁵) >> 16: what ORC's mulhsw + (mullw >> 15) computes. */
static inline gint16
rprod (gint16 x, gint16 w)
{
  return (gint16) (((gint32) x * w + 32768) >> 16);
}

SKC_LOOP_DEFINITION (skc_loop_32_c)
{
  const SkcIntTap *taps = lt->taps;
  const guint n_taps = lt->n_taps;
  const gint32 half = 1 << (SKC_WEIGHT_SHIFT - 1);
  gint32 *acc = scratch;

  memset (acc, 0, sizeof (gint32) * n);
  /* Taps outer, pixels inner: a contiguous widening multiply-add the
   * compiler vectorises. */
  for (guint t = 0; t < n_taps; t++) {
    const gint16 *in = skc_loops_tap_source (src, &taps[t], y, x0);
    const gint32 w = taps[t].w;

    for (gsize i = 0; i < n; i++)
      acc[i] += w * in[i];
  }
  for (gsize i = 0; i < n; i++)
    out[i] = skc_loops_sat16 ((acc[i] + half) >> SKC_WEIGHT_SHIFT);
}

SKC_LOOP_DEFINITION (skc_loop_16_c)
{
  const SkcIntTap *taps = lt->taps;   /* the Q16 taps */
  const guint n_taps = lt->n_taps;
  guint t = 0;

  (void) scratch;
  memset (out, 0, sizeof (gint16) * n);
  /* Grouped exactly as the ORC functions, so saturation happens alike. */
  for (; t + 4 <= n_taps; t += 4) {
    const gint16 *s0 = skc_loops_tap_source (src, &taps[t], y, x0);
    const gint16 *s1 = skc_loops_tap_source (src, &taps[t + 1], y, x0);
    const gint16 *s2 = skc_loops_tap_source (src, &taps[t + 2], y, x0);
    const gint16 *s3 = skc_loops_tap_source (src, &taps[t + 3], y, x0);

    for (gsize i = 0; i < n; i++) {
      gint16 a = rprod (s0[i], taps[t].w);

      a = skc_loops_sat16 (a + rprod (s1[i], taps[t + 1].w));
      a = skc_loops_sat16 (a + rprod (s2[i], taps[t + 2].w));
      a = skc_loops_sat16 (a + rprod (s3[i], taps[t + 3].w));
      out[i] = skc_loops_sat16 (out[i] + a);
    }
  }
  for (; t < n_taps; t++) {
    const gint16 *in = skc_loops_tap_source (src, &taps[t], y, x0);

    for (gsize i = 0; i < n; i++)
      out[i] = skc_loops_sat16 (out[i] + rprod (in[i], taps[t].w));
  }
}
