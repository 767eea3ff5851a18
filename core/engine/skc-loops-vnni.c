/* libskc — the 32-bit inner loops with AVX-512 VNNI's vpdpwssd (this file is
 * compiled with -mavx2 -mavx512f -mavx512bw -mavx512vnni -mavx512vl; they
 * run only where skc_cpu_has_vnni).  skc_loop_32_vnni works at 256 bits;
 * skc_loop_32_vnni512 takes rows 128 samples at a time in 512-bit registers
 * and the rest in 32-sample 512-bit blocks.  The same exact int32 sums, so
 * the same bytes: the unpacks and the final pack work within 128-bit lanes
 * at either width, so lane order comes back the same way.  Which is faster
 * depends on the core (docs/ARCHITECTURE.md §8): skc_loops_choose asks
 * skc_cpu_prefers_512. */
#include <immintrin.h>

/* One tap pair over 128 samples into the sums z[0] … z[7]. */
#define SKC_PAIR128_VNNI(ra, rb, wp) \
  SKC_VNNI_PAIR (__m512i, "vmovdqu64", 64, 128, 192, z[0], z[1], z[2], z[3], z[4], z[5], z[6], z[7], ra, rb, wp)

/* 128-sample blocks of the pairs p0 … p1 − 1: sums from acc (or zero for the
 * first group), into acc (or rounded into out for the last). */
#define SKC_WIDE_BLOCKS_512                                                                        \
  for (; i + 128 <= n; i += 128) {                                                             \
    __m512i z[8];                                                                              \
                                                                                               \
    for (guint j = 0; j < 8; j++)                                                              \
      z[j] = p0 == 0 ? _mm512_setzero_si512 () : _mm512_loadu_si512 ((const void *) (acc + i + 16 * j)); \
    for (guint p = p0; p < p1; p++) {                                                          \
      const __m512i wp = _mm512_set1_epi32 ((gint32) pairs_w[p]);                              \
      SKC_PAIR128_VNNI (rows[2 * p] + i, rows[2 * p + 1] + i, wp);                             \
    }                                                                                          \
    if (p1 == pairs) {                                                                         \
      const __m512i half_ = _mm512_set1_epi32 (1 << (SKC_WEIGHT_SHIFT - 1));                   \
                                                                                               \
      for (guint j = 0; j < 4; j++)                                                            \
        _mm512_storeu_si512 ((void *) (out + i + 32 * j),                                      \
            _mm512_packs_epi32 (_mm512_srai_epi32 (_mm512_add_epi32 (z[2 * j], half_), SKC_WEIGHT_SHIFT), \
                _mm512_srai_epi32 (_mm512_add_epi32 (z[2 * j + 1], half_), SKC_WEIGHT_SHIFT)));  \
    } else {                                                                                   \
      for (guint j = 0; j < 8; j++)                                                            \
        _mm512_storeu_si512 ((void *) (acc + i + 16 * j), z[j]);                               \
    }                                                                                          \
  }

#include "skc-loops-x86.h"

#define SKC_MAC_VNNI(acc, x, w) _mm256_dpwssd_epi32 ((acc), (x), (w))

SKC_DEFINE_LOOP_32 (skc_loop_32_vnni, SKC_MAC_VNNI, SKC_PAIR64_VNNI)

/* The last n − i < 128 samples in 32-sample blocks side by side through one
 * pass over the pairs (the varying paths' runs are mostly this): half the
 * instructions of the 256-bit tail.  The loads read up to 31 samples past n
 * (SKC_PLANE_TAIL); the last block's store is masked. */
G_ALWAYS_INLINE static inline gboolean
tail_512 (gsize i, gsize n, guint pairs, const gint16 **rows, const guint32 *pairs_w, gint16 *out)
{
  const guint nb = (guint) ((n - i + 31) / 32);
  const __m512i half = _mm512_set1_epi32 (1 << (SKC_WEIGHT_SHIFT - 1));
  __m512i lo[4], hi[4];

  for (guint b = 0; b < 4; b++)
    lo[b] = hi[b] = _mm512_setzero_si512 ();
  for (guint p = 0; p < pairs; p++) {
    const __m512i wp = _mm512_set1_epi32 ((gint32) pairs_w[p]);
    const gint16 *ra = rows[2 * p] + i, *rb = rows[2 * p + 1] + i;

    for (guint b = 0; b < 4; b++)
      if (b < nb) {
        __m512i a = _mm512_loadu_si512 ((const void *) (ra + 32 * b));
        __m512i c = _mm512_loadu_si512 ((const void *) (rb + 32 * b));

        lo[b] = _mm512_dpwssd_epi32 (lo[b], _mm512_unpacklo_epi16 (a, c), wp);
        hi[b] = _mm512_dpwssd_epi32 (hi[b], _mm512_unpackhi_epi16 (a, c), wp);
      }
  }
  for (guint b = 0; b < nb; b++, i += 32) {
    __m512i v = _mm512_packs_epi32 (_mm512_srai_epi32 (_mm512_add_epi32 (lo[b], half), SKC_WEIGHT_SHIFT),
        _mm512_srai_epi32 (_mm512_add_epi32 (hi[b], half), SKC_WEIGHT_SHIFT));

    if (i + 32 <= n)
      _mm512_storeu_si512 ((void *) (out + i), v);
    else
      _mm512_mask_storeu_epi16 ((void *) (out + i), (__mmask32) ((1u << (n - i)) - 1), v);
  }
  return TRUE;
}

#undef SKC_WIDE_BLOCKS
#undef SKC_TAIL_START
#undef SKC_WIDE_TAIL
#define SKC_WIDE_BLOCKS SKC_WIDE_BLOCKS_512
#define SKC_TAIL_START (n & ~(gsize) 127)
#define SKC_WIDE_TAIL tail_512 (i, n, pairs, rows, pairs_w, out)
SKC_DEFINE_LOOP_32 (skc_loop_32_vnni512, SKC_MAC_VNNI, SKC_PAIR64_VNNI)
