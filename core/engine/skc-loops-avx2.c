/* libskc — the 32-bit inner loop in AVX2 (this file is compiled with -mavx2;
 * it runs only where skc_cpu_has_avx2). */
#include "skc-loops-x86.h"

#define SKC_MAC_MADD(acc, x, w) _mm256_add_epi32 ((acc), _mm256_madd_epi16 ((x), (w)))

void
skc_loop_32_avx2 (const SkcFixedKernel *k, guint layer, const SkcPlane *src, gint y, gint x0, gsize n,
    gint16 *out, gpointer scratch)
{
  const SkcIntTap *taps = k->taps[layer];
  const guint n_taps = k->n_taps[layer];
  const guint32 *pairs_w = k->pairs[layer];
  gint32 *acc = scratch;

  SKC_SEGMENT_32_BODY (SKC_MAC_MADD, SKC_PAIR64_MADD)
}
