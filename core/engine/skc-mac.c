/* libskc — the engine's inner loops: one segment of one output row of one
 * layer, Σ_t w_t · in(y + dy_t, x + dx_t), in four variants (plain C or ORC,
 * 32- or 16-bit) of which the C and ORC ones give identical results. */
#include "skc-mac.h"

#include <string.h>
/* x86-64 only: the loops' assembly names 12 vector registers, i386 has 8. */
#if defined(__x86_64__)
#include <immintrin.h>
#define SKC_HAVE_X86 1
#endif

#include "skc-orc.h"

/* -1: not decided yet; else a SkcEngine. */
static gint engine = -1;

SkcEngine
skc_filter_get_engine (void)
{
  gint v = g_atomic_int_get (&engine);

  if (v < 0) {
    const gchar *env = g_getenv ("SKC_ENGINE");

    v = g_strcmp0 (env, "c") == 0 ? SKC_ENGINE_C : g_strcmp0 (env, "orc") == 0 ? SKC_ENGINE_ORC :
        g_strcmp0 (env, "avx2") == 0 ? SKC_ENGINE_AVX2 : g_strcmp0 (env, "vnni") == 0 ? SKC_ENGINE_VNNI :
        SKC_ENGINE_AUTO;
    g_atomic_int_set (&engine, v);
  }
  return (SkcEngine) v;
}

void
skc_filter_set_engine (SkcEngine e)
{
  g_atomic_int_set (&engine, (gint) e);
}

gboolean
skc_cpu_has_avx2 (void)
{
#ifdef SKC_HAVE_X86
  return __builtin_cpu_supports ("avx2");
#else
  return FALSE;
#endif
}

gboolean
skc_cpu_has_vnni (void)
{
#ifdef SKC_HAVE_X86
  return __builtin_cpu_supports ("avx2") && __builtin_cpu_supports ("avx512vnni") &&
      __builtin_cpu_supports ("avx512vl");
#else
  return FALSE;
#endif
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

#ifdef SKC_HAVE_X86
/* 64 samples at a time with the sums in registers across all taps: taps go in
 * pairs through a 16-bit multiply-add into int32 (x₁·w₁ + x₂·w₂, exact, so the
 * result is the plain C one), the last odd tap paired with a zero weight.
 * Eight independent sums hide the multiply-add's latency; 16-sample blocks
 * and one whole vector into scratch (the plane's slack makes the over-read
 * safe) finish the row.  The int32 lanes come out of the unpacks in lane
 * order; vpackssdw puts them back.  MAC(acc, x, w) is acc + madd(x, w): two
 * instructions in AVX2, one (vpdpwssd) with AVX-512 VNNI at 256 bits.
 * Measured on the hexagon's 296 integer taps at 1080p RGBA (2 vCPU EPYC):
 * 16 → 64-sample blocks 70 → 64 ms, vpdpwssd 64 → 58 ms.  Rows longer than
 * one block go through the pairs SKC_PAIR_GROUP at a time, the sums kept in
 * acc (int32, exact) between groups. */
#define SKC_SEGMENT_32_BODY(MAC, PAIR64)                                                       \
  const gint16 **rows = g_alloca (sizeof (gint16 *) * (n_taps + 1));                   \
  const __m256i half = _mm256_set1_epi32 (1 << (SKC_WEIGHT_SHIFT - 1));                \
  guint pairs = (n_taps + 1) / 2;                                                      \
  gsize i = 0;                                                                         \
                                                                                       \
  for (guint t = 0; t < n_taps; t++)                                                   \
    rows[t] = tap_source (src, &taps[t], y, x0);                                       \
  rows[n_taps] = rows[0];                                                              \
  for (guint p0 = 0; p0 < pairs; p0 += SKC_PAIR_GROUP) {                              \
    guint p1 = MIN (p0 + SKC_PAIR_GROUP, pairs);                                       \
                                                                                       \
    for (i = 0; i + 64 <= n; i += 64) {                                                \
      __m256i s0, s1, s2, s3, s4, s5, s6, s7;                                          \
                                                                                       \
      if (p0 == 0) {                                                                   \
        s0 = _mm256_setzero_si256 ();                                                  \
        s1 = s2 = s3 = s4 = s5 = s6 = s7 = s0;                                         \
      } else {                                                                         \
        s0 = _mm256_loadu_si256 ((const __m256i *) (acc + i));                          \
        s1 = _mm256_loadu_si256 ((const __m256i *) (acc + i + 8));                      \
        s2 = _mm256_loadu_si256 ((const __m256i *) (acc + i + 16));                     \
        s3 = _mm256_loadu_si256 ((const __m256i *) (acc + i + 24));                     \
        s4 = _mm256_loadu_si256 ((const __m256i *) (acc + i + 32));                     \
        s5 = _mm256_loadu_si256 ((const __m256i *) (acc + i + 40));                     \
        s6 = _mm256_loadu_si256 ((const __m256i *) (acc + i + 48));                     \
        s7 = _mm256_loadu_si256 ((const __m256i *) (acc + i + 56));                     \
      }                                                                                \
      for (guint p = p0; p < p1; p++) {                                                \
        const __m256i wp = _mm256_set1_epi32 ((gint32) pairs_w[p]);                    \
        const gint16 *ra = rows[2 * p] + i, *rb = rows[2 * p + 1] + i;                 \
        PAIR64 (ra, rb, wp);                                                           \
      }                                                                                \
      if (p1 == pairs) {                                                               \
        SKC_STORE_16 (out + i, s0, s1);                                                \
        SKC_STORE_16 (out + i + 16, s2, s3);                                           \
        SKC_STORE_16 (out + i + 32, s4, s5);                                           \
        SKC_STORE_16 (out + i + 48, s6, s7);                                           \
      } else {                                                                         \
        _mm256_storeu_si256 ((__m256i *) (acc + i), s0);                                \
        _mm256_storeu_si256 ((__m256i *) (acc + i + 8), s1);                            \
        _mm256_storeu_si256 ((__m256i *) (acc + i + 16), s2);                           \
        _mm256_storeu_si256 ((__m256i *) (acc + i + 24), s3);                           \
        _mm256_storeu_si256 ((__m256i *) (acc + i + 32), s4);                           \
        _mm256_storeu_si256 ((__m256i *) (acc + i + 40), s5);                           \
        _mm256_storeu_si256 ((__m256i *) (acc + i + 48), s6);                           \
        _mm256_storeu_si256 ((__m256i *) (acc + i + 56), s7);                           \
      }                                                                                \
    }                                                                                  \
  }                                                                                    \
  for (i = n & ~(gsize) 63; i < n; i += 16) {                                          \
    __m256i lo = _mm256_setzero_si256 (), hi = _mm256_setzero_si256 ();                \
    gint16 block[16];                                                                  \
                                                                                       \
    for (guint p = 0; p < pairs; p++) {                                                \
      const __m256i wp = _mm256_set1_epi32 ((gint32) pairs_w[p]);                      \
      __m256i a = _mm256_loadu_si256 ((const __m256i *) (rows[2 * p] + i));            \
      __m256i b = _mm256_loadu_si256 ((const __m256i *) (rows[2 * p + 1] + i));        \
                                                                                       \
      lo = MAC (lo, _mm256_unpacklo_epi16 (a, b), wp);                                 \
      hi = MAC (hi, _mm256_unpackhi_epi16 (a, b), wp);                                 \
    }                                                                                  \
    lo = _mm256_srai_epi32 (_mm256_add_epi32 (lo, half), SKC_WEIGHT_SHIFT);            \
    hi = _mm256_srai_epi32 (_mm256_add_epi32 (hi, half), SKC_WEIGHT_SHIFT);            \
    if (i + 16 <= n) {                                                                 \
      _mm256_storeu_si256 ((__m256i *) (out + i), _mm256_packs_epi32 (lo, hi));        \
    } else {                                                                           \
      _mm256_storeu_si256 ((__m256i *) block, _mm256_packs_epi32 (lo, hi));            \
      memcpy (out + i, block, sizeof (gint16) * (n - i));                              \
    }                                                                                  \
  }

/* One tap pair over 64 samples into the sums s0…s7, written out in assembly:
 * the loop is bound by loads, and GCC 12 turns the intrinsics into a second
 * load of every vector it folds into both unpacks, copies of the sums around
 * vpdpwssd and, with AVX2's 16 registers, spills.  Measured on the hexagon's
 * 339 integer taps at 1080p RGBA (2 vCPU EPYC), with SKC_PAIR_GROUP:
 * VNNI 69.6 → 59.9 ms, AVX2 94.2 → 65.0 ms. */
#define SKC_PAIR64_MADD(ra, rb, wp)                                        \
  do {                                                                     \
    __m256i a_, b_, t_;                                                    \
    __asm__ ("vmovdqu (%[pa]), %[a]\n\t"                                   \
        "vmovdqu (%[pb]), %[b]\n\t"                                        \
        "vpunpcklwd %[b], %[a], %[t]\n\t"                                  \
        "vpmaddwd %[w], %[t], %[t]\n\t"                                    \
        "vpaddd %[t], %[s0], %[s0]\n\t"                                    \
        "vpunpckhwd %[b], %[a], %[t]\n\t"                                  \
        "vpmaddwd %[w], %[t], %[t]\n\t"                                    \
        "vpaddd %[t], %[s1], %[s1]\n\t"                                    \
        "vmovdqu 32(%[pa]), %[a]\n\t"                                      \
        "vmovdqu 32(%[pb]), %[b]\n\t"                                      \
        "vpunpcklwd %[b], %[a], %[t]\n\t"                                  \
        "vpmaddwd %[w], %[t], %[t]\n\t"                                    \
        "vpaddd %[t], %[s2], %[s2]\n\t"                                    \
        "vpunpckhwd %[b], %[a], %[t]\n\t"                                  \
        "vpmaddwd %[w], %[t], %[t]\n\t"                                    \
        "vpaddd %[t], %[s3], %[s3]\n\t"                                    \
        "vmovdqu 64(%[pa]), %[a]\n\t"                                      \
        "vmovdqu 64(%[pb]), %[b]\n\t"                                      \
        "vpunpcklwd %[b], %[a], %[t]\n\t"                                  \
        "vpmaddwd %[w], %[t], %[t]\n\t"                                    \
        "vpaddd %[t], %[s4], %[s4]\n\t"                                    \
        "vpunpckhwd %[b], %[a], %[t]\n\t"                                  \
        "vpmaddwd %[w], %[t], %[t]\n\t"                                    \
        "vpaddd %[t], %[s5], %[s5]\n\t"                                    \
        "vmovdqu 96(%[pa]), %[a]\n\t"                                      \
        "vmovdqu 96(%[pb]), %[b]\n\t"                                      \
        "vpunpcklwd %[b], %[a], %[t]\n\t"                                  \
        "vpmaddwd %[w], %[t], %[t]\n\t"                                    \
        "vpaddd %[t], %[s6], %[s6]\n\t"                                    \
        "vpunpckhwd %[b], %[a], %[t]\n\t"                                  \
        "vpmaddwd %[w], %[t], %[t]\n\t"                                    \
        "vpaddd %[t], %[s7], %[s7]"                                        \
        : [s0] "+x" (s0), [s1] "+x" (s1), [s2] "+x" (s2), [s3] "+x" (s3),  \
          [s4] "+x" (s4), [s5] "+x" (s5), [s6] "+x" (s6), [s7] "+x" (s7),  \
          [a] "=&x" (a_), [b] "=&x" (b_), [t] "=&x" (t_)                   \
        : [pa] "r" (ra), [pb] "r" (rb), [w] "x" (wp)                       \
        : "memory");                                                       \
  } while (0)

#define SKC_PAIR64_VNNI(ra, rb, wp)                                        \
  do {                                                                     \
    __m256i a_, b_, t_;                                                    \
    __asm__ ("vmovdqu (%[pa]), %[a]\n\t"                                   \
        "vmovdqu (%[pb]), %[b]\n\t"                                        \
        "vpunpcklwd %[b], %[a], %[t]\n\t"                                  \
        "vpdpwssd %[w], %[t], %[s0]\n\t"                                   \
        "vpunpckhwd %[b], %[a], %[t]\n\t"                                  \
        "vpdpwssd %[w], %[t], %[s1]\n\t"                                   \
        "vmovdqu 32(%[pa]), %[a]\n\t"                                      \
        "vmovdqu 32(%[pb]), %[b]\n\t"                                      \
        "vpunpcklwd %[b], %[a], %[t]\n\t"                                  \
        "vpdpwssd %[w], %[t], %[s2]\n\t"                                   \
        "vpunpckhwd %[b], %[a], %[t]\n\t"                                  \
        "vpdpwssd %[w], %[t], %[s3]\n\t"                                   \
        "vmovdqu 64(%[pa]), %[a]\n\t"                                      \
        "vmovdqu 64(%[pb]), %[b]\n\t"                                      \
        "vpunpcklwd %[b], %[a], %[t]\n\t"                                  \
        "vpdpwssd %[w], %[t], %[s4]\n\t"                                   \
        "vpunpckhwd %[b], %[a], %[t]\n\t"                                  \
        "vpdpwssd %[w], %[t], %[s5]\n\t"                                   \
        "vmovdqu 96(%[pa]), %[a]\n\t"                                      \
        "vmovdqu 96(%[pb]), %[b]\n\t"                                      \
        "vpunpcklwd %[b], %[a], %[t]\n\t"                                  \
        "vpdpwssd %[w], %[t], %[s6]\n\t"                                   \
        "vpunpckhwd %[b], %[a], %[t]\n\t"                                  \
        "vpdpwssd %[w], %[t], %[s7]"                                       \
        : [s0] "+v" (s0), [s1] "+v" (s1), [s2] "+v" (s2), [s3] "+v" (s3),  \
          [s4] "+v" (s4), [s5] "+v" (s5), [s6] "+v" (s6), [s7] "+v" (s7),  \
          [a] "=&v" (a_), [b] "=&v" (b_), [t] "=&v" (t_)                   \
        : [pa] "r" (ra), [pb] "r" (rb), [w] "v" (wp)                       \
        : "memory");                                                       \
  } while (0)

/* Rounds two int32 vectors of sums back to Q0 and stores them as 16 samples. */
#define SKC_STORE_16(dst, lo, hi)                                                                  \
  _mm256_storeu_si256 ((__m256i *) (dst),                                                          \
      _mm256_packs_epi32 (_mm256_srai_epi32 (_mm256_add_epi32 ((lo), half), SKC_WEIGHT_SHIFT),     \
          _mm256_srai_epi32 (_mm256_add_epi32 ((hi), half), SKC_WEIGHT_SHIFT)))

#define SKC_MAC_MADD(acc, x, w) _mm256_add_epi32 ((acc), _mm256_madd_epi16 ((x), (w)))
#define SKC_MAC_VNNI(acc, x, w) _mm256_dpwssd_epi32 ((acc), (x), (w))

__attribute__ ((target ("avx2"))) static void
segment_32_avx2 (const SkcIntTap *taps, guint n_taps, const guint32 *pairs_w, const SkcPlane *src, gint y,
    gint x0, gsize n, gint16 *out, gint32 *acc)
{
  SKC_SEGMENT_32_BODY (SKC_MAC_MADD, SKC_PAIR64_MADD)
}

__attribute__ ((target ("avx2,avx512vnni,avx512vl"))) static void
segment_32_vnni (const SkcIntTap *taps, guint n_taps, const guint32 *pairs_w, const SkcPlane *src, gint y,
    gint x0, gsize n, gint16 *out, gint32 *acc)
{
  SKC_SEGMENT_32_BODY (SKC_MAC_VNNI, SKC_PAIR64_VNNI)
}
#endif

void
skc_mac_segment (const SkcFixedKernel *k, guint layer, const SkcPlane *src, gint y, gint x0, gint x1,
    gint16 *out, gpointer acc)
{
  gsize n = (gsize) (x1 - x0) * src->channels;
  SkcPrecision precision = k->precision;
  gboolean s16 = precision == SKC_PRECISION_16;
  const SkcIntTap *taps = s16 ? k->taps16[layer] : k->taps[layer];
  guint n_taps = s16 ? k->n_taps16[layer] : k->n_taps[layer];
  SkcEngine e;

  if (n == 0)
    return;
  e = skc_filter_get_engine ();
  if (precision == SKC_PRECISION_16) {
    if (e == SKC_ENGINE_C)
      segment_16_c (taps, n_taps, src, y, x0, n, out);
    else
      segment_16_orc (taps, n_taps, src, y, x0, n, out, acc);
    return;
  }
#ifdef SKC_HAVE_X86
  if ((e == SKC_ENGINE_AUTO || e == SKC_ENGINE_VNNI) && skc_cpu_has_vnni ()) {
    segment_32_vnni (taps, n_taps, k->pairs[layer], src, y, x0, n, out, acc);
    return;
  }
  if ((e == SKC_ENGINE_AUTO || e == SKC_ENGINE_AVX2 || e == SKC_ENGINE_VNNI) && skc_cpu_has_avx2 ()) {
    segment_32_avx2 (taps, n_taps, k->pairs[layer], src, y, x0, n, out, acc);
    return;
  }
#endif
  if (e == SKC_ENGINE_C)
    segment_32_c (taps, n_taps, src, y, x0, n, out, acc);
  else
    segment_32_orc (taps, n_taps, src, y, x0, n, out, acc);
}
