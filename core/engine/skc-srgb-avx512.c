/* libskc — the 8-bit sRGB decode of four-channel rows with AVX-512BW.
 *
 * The decode table has 256 entries of 16 bits: eight registers.  Two-table
 * permutes look up 64 entries at a time, and the index's two top bits pick
 * among four of them, with no memory access; AVX2's gathers were no faster
 * than scalar loads here.  The same bytes as the scalar rows
 * (tests/core/test-frame.c checks every code).  Compiled with -mavx512bw
 * only; skc-plane.c calls it where the CPU has AVX-512BW. */
#include "skc-srgb-rows.h"
#include "skc-plane.h"

#include <immintrin.h>

void
skc_srgb_decode_row8_c4_avx512 (gint16 *d, const guint8 *s, gint width, const gint16 *lut, guint mask)
{
  __m512i t[8];
  __mmask32 lanes = 0;
  gint n = width * 4, i = 0;

  for (gint k = 0; k < 8; k++)
    t[k] = _mm512_loadu_si512 ((const void *) (lut + 32 * k));
  for (gint k = 0; k < 32; k++)
    if ((mask >> (k & 3)) & 1)
      lanes |= 1u << k;
  for (; i + 32 <= n; i += 32) {
    __m512i idx = _mm512_cvtepu8_epi16 (_mm256_loadu_si256 ((const __m256i *) (s + i)));
    __mmask32 b6 = _mm512_test_epi16_mask (idx, _mm512_set1_epi16 (64));
    __mmask32 b7 = _mm512_test_epi16_mask (idx, _mm512_set1_epi16 (128));
    __m512i q0 = _mm512_permutex2var_epi16 (t[0], idx, t[1]);
    __m512i q1 = _mm512_permutex2var_epi16 (t[2], idx, t[3]);
    __m512i q2 = _mm512_permutex2var_epi16 (t[4], idx, t[5]);
    __m512i q3 = _mm512_permutex2var_epi16 (t[6], idx, t[7]);
    __m512i lo = _mm512_mask_mov_epi16 (q0, b6, q1), hi = _mm512_mask_mov_epi16 (q2, b6, q3);
    __m512i dec = _mm512_mask_mov_epi16 (lo, b7, hi);

    _mm512_storeu_si512 ((void *) (d + i), _mm512_mask_mov_epi16 (_mm512_slli_epi16 (idx, SKC_PLANE_SHIFT), lanes, dec));
  }
  for (; i < n; i++)
    d[i] = (mask >> (i & 3)) & 1 ? lut[s[i]] : (gint16) (s[i] << SKC_PLANE_SHIFT);
}
