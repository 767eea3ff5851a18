/* libskc — the inner loops in ORC (orc/skc-orc.orc), four taps a call (ORC
 * allows 8 sources), the running sums passed between two buffers: ORC's
 * arguments are restrict, so no in-place calls. */
#include "skc-loops.h"

#include <string.h>

#include "skc-orc.h"

void
skc_loop_32_orc (const SkcFixedKernel *k, guint layer, const SkcPlane *src, gint y, gint x0, gsize n,
    gint16 *out, gpointer scratch)
{
  const SkcIntTap *taps = k->taps[layer];
  const guint n_taps = k->n_taps[layer];
  gint32 *from = scratch, *to = from + n, *swap;
  guint t = 0;

  memset (from, 0, sizeof (gint32) * n);
  for (; t < n_taps; from = to, to = swap) {
    swap = from;
    if (t + 4 <= n_taps) {
      skc_orc_mac4 (to, from, skc_loops_tap_source (src, &taps[t], y, x0),
          skc_loops_tap_source (src, &taps[t + 1], y, x0), skc_loops_tap_source (src, &taps[t + 2], y, x0),
          skc_loops_tap_source (src, &taps[t + 3], y, x0), taps[t].w, taps[t + 1].w, taps[t + 2].w,
          taps[t + 3].w, n);
      t += 4;
    } else {
      skc_orc_mac1 (to, from, skc_loops_tap_source (src, &taps[t], y, x0), taps[t].w, n);
      t++;
    }
  }
  skc_orc_round_s32_s16 (out, from, n);
}

void
skc_loop_16_orc (const SkcFixedKernel *k, guint layer, const SkcPlane *src, gint y, gint x0, gsize n,
    gint16 *out, gpointer scratch)
{
  const SkcIntTap *taps = k->taps16[layer];
  const guint n_taps = k->n_taps16[layer];
  gint16 *from = scratch, *to = from + n, *swap;
  guint t = 0;

  memset (from, 0, sizeof (gint16) * n);
  for (; t < n_taps; from = to, to = swap) {
    swap = from;
    if (t + 4 <= n_taps) {
      skc_orc_mac4_s16 (to, from, skc_loops_tap_source (src, &taps[t], y, x0),
          skc_loops_tap_source (src, &taps[t + 1], y, x0), skc_loops_tap_source (src, &taps[t + 2], y, x0),
          skc_loops_tap_source (src, &taps[t + 3], y, x0), taps[t].w, taps[t + 1].w, taps[t + 2].w,
          taps[t + 3].w, n);
      t += 4;
    } else {
      skc_orc_mac1_s16 (to, from, skc_loops_tap_source (src, &taps[t], y, x0), taps[t].w, n);
      t++;
    }
  }
  memcpy (out, from, sizeof (gint16) * n);
}
