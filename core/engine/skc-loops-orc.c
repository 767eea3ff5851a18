/* libskc — the inner loops in ORC (orc/skc-orc.orc), four taps a call (ORC
 * allows 8 sources), the running sums passed between two buffers: ORC's
 * arguments are restrict, so no in-place calls. */
#include "skc-loops.h"

#include <string.h>

#include "skc-orc.h"

/* One loop: sums of type T, MAC4 and MAC1 the ORC multiply-adds, FINISH(out,
 * sums, n) the store. */
#define SKC_DEFINE_LOOP_ORC(NAME, T, MAC4, MAC1, FINISH)                                        \
  SKC_LOOP_DEFINITION (NAME)                                                                  \
  {                                                                                             \
    const SkcIntTap *taps = lt->taps;                                                           \
    const guint n_taps = lt->n_taps;                                                            \
    T *from = scratch, *to = from + n, *swap;                                                   \
    guint t = 0;                                                                                \
                                                                                                \
    memset (from, 0, sizeof (T) * n);                                                           \
    for (; t < n_taps; from = to, to = swap) {                                                  \
      swap = from;                                                                              \
      if (t + 4 <= n_taps) {                                                                    \
        MAC4 (to, from, skc_loops_tap_source (src, &taps[t], y, x0),                            \
            skc_loops_tap_source (src, &taps[t + 1], y, x0),                                    \
            skc_loops_tap_source (src, &taps[t + 2], y, x0),                                    \
            skc_loops_tap_source (src, &taps[t + 3], y, x0), taps[t].w, taps[t + 1].w,          \
            taps[t + 2].w, taps[t + 3].w, n);                                                   \
        t += 4;                                                                                 \
      } else {                                                                                  \
        MAC1 (to, from, skc_loops_tap_source (src, &taps[t], y, x0), taps[t].w, n);             \
        t++;                                                                                    \
      }                                                                                         \
    }                                                                                           \
    FINISH (out, from, n);                                                                      \
  }

#define SKC_COPY_S16(out, from, n) memcpy ((out), (from), sizeof (gint16) * (n))

SKC_DEFINE_LOOP_ORC (skc_loop_32_orc, gint32, skc_orc_mac4, skc_orc_mac1, skc_orc_round_s32_s16)
SKC_DEFINE_LOOP_ORC (skc_loop_16_orc, gint16, skc_orc_mac4_s16, skc_orc_mac1_s16, SKC_COPY_S16)
