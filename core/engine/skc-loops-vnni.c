/* libskc — the 32-bit inner loop with AVX-512 VNNI's vpdpwssd at 256 bits
 * (this file is compiled with -mavx2 -mavx512vnni -mavx512vl; it runs only
 * where skc_cpu_has_vnni). */
#include "skc-loops-x86.h"

#define SKC_MAC_VNNI(acc, x, w) _mm256_dpwssd_epi32 ((acc), (x), (w))

void
skc_loop_32_vnni (const SkcFixedKernel *k, guint layer, const SkcPlane *src, gint y, gint x0, gsize n,
    gint16 *out, gpointer scratch)
{
  const SkcIntTap *taps = k->taps[layer];
  const guint n_taps = k->n_taps[layer];
  const guint32 *pairs_w = k->pairs[layer];
  gint32 *acc = scratch;

  SKC_SEGMENT_32_BODY (SKC_MAC_VNNI, SKC_PAIR64_VNNI)
}
