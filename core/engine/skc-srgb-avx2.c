/* libskc — the 8-bit sRGB encode of four-channel rows at AVX2 width.
 *
 * The transfer is a table lookup per sample (skc-srgb.c), which the compiler
 * leaves scalar: at 4K the two conversions took a quarter of the element's
 * CPU.  Here eight lookups are one gather from the same table, so the bytes
 * are the scalar rows' bytes (tests/core/test-frame.c checks every value).
 * The decode's 256 entries gain nothing from gathers (skc-srgb-avx512.c).
 * Compiled with -mavx2 only; skc-plane.c calls it where the CPU has AVX2. */
#include "skc-srgb-rows.h"
#include "skc-plane.h"
#include "skc-srgb.h"

#include <immintrin.h>

/* The 16-bit lanes, in a run of four-channel samples, that take the table:
 * channels 0–2 for mask 0x7 (RGB then alpha), 1–3 for 0xe (alpha first). */
static __m256i
lanes_of (guint mask)
{
  gint16 m[16];

  for (gint i = 0; i < 16; i++)
    m[i] = (mask >> (i & 3)) & 1 ? -1 : 0;
  return _mm256_loadu_si256 ((const __m256i *) m);
}

/* The 16 encoded codes of 16 Q6 samples, as 16-bit lanes in order.  The
 * gather reads four bytes at each code, so the table has three bytes of
 * padding past its end (skc_srgb_encode_table). */
static inline __m256i
encode16 (__m256i v, const guint8 *lut)
{
  const __m256i lo8 = _mm256_set1_epi32 (0xff);
  __m256i q = _mm256_min_epi16 (_mm256_max_epi16 (v, _mm256_setzero_si256 ()),
      _mm256_set1_epi16 (SKC_SRGB_ENCODE_SIZE - 1));
  __m256i a = _mm256_cvtepi16_epi32 (_mm256_castsi256_si128 (q));
  __m256i b = _mm256_cvtepi16_epi32 (_mm256_extracti128_si256 (q, 1));

  a = _mm256_and_si256 (_mm256_i32gather_epi32 ((const int *) lut, a, 1), lo8);
  b = _mm256_and_si256 (_mm256_i32gather_epi32 ((const int *) lut, b, 1), lo8);
  /* packus works within 128-bit halves: the permute puts them back in order. */
  return _mm256_permute4x64_epi64 (_mm256_packus_epi32 (a, b), 0xd8);
}

/* Plain samples: (v + 32) >> 6, which packus later clamps to 0 … 255; the
 * saturating add changes nothing that the clamp would not. */
static inline __m256i
plain16 (__m256i v)
{
  return _mm256_srai_epi16 (_mm256_adds_epi16 (v, _mm256_set1_epi16 (1 << (SKC_PLANE_SHIFT - 1))),
      SKC_PLANE_SHIFT);
}

void
skc_srgb_encode_row8_c4_avx2 (guint8 *d, const gint16 *s, gint width, const guint8 *lut, guint mask)
{
  const __m256i lanes = lanes_of (mask);
  gint n = width * 4, i = 0;

  for (; i + 32 <= n; i += 32) {
    __m256i v0 = _mm256_loadu_si256 ((const __m256i *) (s + i));
    __m256i v1 = _mm256_loadu_si256 ((const __m256i *) (s + i + 16));
    __m256i r0 = _mm256_blendv_epi8 (plain16 (v0), encode16 (v0, lut), lanes);
    __m256i r1 = _mm256_blendv_epi8 (plain16 (v1), encode16 (v1, lut), lanes);

    _mm256_storeu_si256 ((__m256i *) (d + i), _mm256_permute4x64_epi64 (_mm256_packus_epi16 (r0, r1), 0xd8));
  }
  for (; i < n; i++) {
    gint v = s[i];

    if ((mask >> (i & 3)) & 1) {
      d[i] = lut[CLAMP (v, 0, SKC_SRGB_ENCODE_SIZE - 1)];
    } else {
      v = (v + (1 << (SKC_PLANE_SHIFT - 1))) >> SKC_PLANE_SHIFT;
      d[i] = (guint8) CLAMP (v, 0, 255);
    }
  }
}
