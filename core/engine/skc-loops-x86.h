/* libskc — the body shared by the AVX2 and AVX2+VNNI inner loops (internal;
 * included by skc-loops-avx2.c and skc-loops-vnni.c, each compiled with its
 * own instruction-set flags). */
#pragma once

#include <immintrin.h>
#include <string.h>

#include "skc-loops.h"

/* 64 samples at a time with the sums in registers across all taps: taps go in
 * pairs through a 16-bit multiply-add into int32 (x₁·w₁ + x₂·w₂, exact, so the
 * result is the plain C one), the last odd tap paired with a zero weight.
 * Eight independent sums hide the multiply-add's latency; 16-sample blocks
 * and one whole vector into scratch (the plane's tail makes the over-read
 * safe) finish the row.  The int32 lanes come out of the unpacks in lane
 * order; vpackssdw puts them back.  MAC(acc, x, w) is acc + madd(x, w): two
 * instructions in AVX2, one (vpdpwssd) with AVX-512 VNNI at 256 bits.
 * Measured on the hexagon's 296 integer taps at 1080p RGBA (2 vCPU EPYC):
 * 16 → 64-sample blocks 70 → 64 ms, vpdpwssd 64 → 58 ms.  Rows longer than
 * one block go through the pairs SKC_PAIR_GROUP at a time, the sums kept in
 * acc (int32, exact) between groups. */
/* Where an ISA file defines them, SKC_WIDE_BLOCKS runs the blocks it can at
 * twice the width first (i in steps of 128, the same sums) and leaves i at
 * the first sample it did not do; SKC_TAIL_START is where the tail begins
 * (the 64-sample blocks stop there), and SKC_WIDE_TAIL, an expression, does
 * the tail from i to n itself and gives TRUE, or gives FALSE for the 256-bit
 * tail below. */
#ifndef SKC_WIDE_BLOCKS
#define SKC_WIDE_BLOCKS
#endif
#ifndef SKC_TAIL_START
#define SKC_TAIL_START (n & ~(gsize) 63)
#endif
#ifndef SKC_WIDE_TAIL
#define SKC_WIDE_TAIL FALSE
#endif

#define SKC_SEGMENT_32_BODY(MAC, PAIR64)                                                       \
  const gint16 **rows = g_alloca (sizeof (gint16 *) * (n_taps + 1));                   \
  const __m256i half = _mm256_set1_epi32 (1 << (SKC_WEIGHT_SHIFT - 1));                \
  guint pairs = (n_taps + 1) / 2;                                                      \
  gsize i = 0;                                                                         \
                                                                                       \
  for (guint t = 0; t < n_taps; t++)                                                   \
    rows[t] = skc_loops_tap_source (src, &taps[t], y, x0);                             \
  rows[n_taps] = rows[0];                                                              \
  for (guint p0 = 0; p0 < pairs; p0 += SKC_PAIR_GROUP) {                              \
    guint p1 = MIN (p0 + SKC_PAIR_GROUP, pairs);                                       \
                                                                                       \
    i = 0;                                                                             \
    SKC_WIDE_BLOCKS                                                                    \
    for (; i + 64 <= SKC_TAIL_START; i += 64) {                                        \
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
  /* The tail, up to 63 samples: its 16-sample blocks side by side through \
   * one pass over the pairs, so that short segments (the varying paths'   \
   * runs) keep up to eight independent sums instead of two. */           \
  i = SKC_TAIL_START;                                                      \
  if (i < n && SKC_WIDE_TAIL) {                                            \
  } else if (i < n) {                                                      \
    const guint nb = (guint) ((n - i + 15) / 16);                          \
    __m256i lo[4], hi[4];                                                  \
                                                                           \
    for (guint b = 0; b < 4; b++)                                          \
      lo[b] = hi[b] = _mm256_setzero_si256 ();                             \
    for (guint p = 0; p < pairs; p++) {                                    \
      const __m256i wp = _mm256_set1_epi32 ((gint32) pairs_w[p]);          \
      const gint16 *ra = rows[2 * p] + i, *rb = rows[2 * p + 1] + i;       \
                                                                           \
      for (guint b = 0; b < 4; b++)                                        \
        if (b < nb) {                                                      \
          __m256i a = _mm256_loadu_si256 ((const __m256i *) (ra + 16 * b)); \
          __m256i c = _mm256_loadu_si256 ((const __m256i *) (rb + 16 * b)); \
                                                                           \
          lo[b] = MAC (lo[b], _mm256_unpacklo_epi16 (a, c), wp);           \
          hi[b] = MAC (hi[b], _mm256_unpackhi_epi16 (a, c), wp);           \
        }                                                                  \
    }                                                                      \
    for (guint b = 0; b < nb; b++, i += 16) {                              \
      __m256i v = _mm256_packs_epi32 (                                     \
          _mm256_srai_epi32 (_mm256_add_epi32 (lo[b], half), SKC_WEIGHT_SHIFT), \
          _mm256_srai_epi32 (_mm256_add_epi32 (hi[b], half), SKC_WEIGHT_SHIFT)); \
                                                                           \
      if (i + 16 <= n) {                                                   \
        _mm256_storeu_si256 ((__m256i *) (out + i), v);                    \
      } else {                                                             \
        gint16 block[16];                                                  \
                                                                           \
        _mm256_storeu_si256 ((__m256i *) block, v);                        \
        memcpy (out + i, block, sizeof (gint16) * (n - i));                \
      }                                                                    \
    }                                                                      \
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

/* The VNNI pair's instructions, for any register width: MOV loads a vector,
 * O1 … O3 are the byte offsets of the second to fourth vectors. */
#define SKC_VNNI_PAIR_ASM(MOV, O1, O2, O3)                                 \
  MOV " (%[pa]), %[a]\n\t"                                                \
  MOV " (%[pb]), %[b]\n\t"                                                \
  "vpunpcklwd %[b], %[a], %[t]\n\t"                                       \
  "vpdpwssd %[w], %[t], %[s0]\n\t"                                        \
  "vpunpckhwd %[b], %[a], %[t]\n\t"                                       \
  "vpdpwssd %[w], %[t], %[s1]\n\t"                                        \
  MOV " " #O1 "(%[pa]), %[a]\n\t"                                         \
  MOV " " #O1 "(%[pb]), %[b]\n\t"                                         \
  "vpunpcklwd %[b], %[a], %[t]\n\t"                                       \
  "vpdpwssd %[w], %[t], %[s2]\n\t"                                        \
  "vpunpckhwd %[b], %[a], %[t]\n\t"                                       \
  "vpdpwssd %[w], %[t], %[s3]\n\t"                                        \
  MOV " " #O2 "(%[pa]), %[a]\n\t"                                         \
  MOV " " #O2 "(%[pb]), %[b]\n\t"                                         \
  "vpunpcklwd %[b], %[a], %[t]\n\t"                                       \
  "vpdpwssd %[w], %[t], %[s4]\n\t"                                        \
  "vpunpckhwd %[b], %[a], %[t]\n\t"                                       \
  "vpdpwssd %[w], %[t], %[s5]\n\t"                                        \
  MOV " " #O3 "(%[pa]), %[a]\n\t"                                         \
  MOV " " #O3 "(%[pb]), %[b]\n\t"                                         \
  "vpunpcklwd %[b], %[a], %[t]\n\t"                                       \
  "vpdpwssd %[w], %[t], %[s6]\n\t"                                        \
  "vpunpckhwd %[b], %[a], %[t]\n\t"                                       \
  "vpdpwssd %[w], %[t], %[s7]"

/* The pair into the sums S0 … S7, vectors of type VEC. */
#define SKC_VNNI_PAIR(VEC, MOV, O1, O2, O3, S0, S1, S2, S3, S4, S5, S6, S7, ra, rb, wp) \
  do {                                                                     \
    VEC a_, b_, t_;                                                        \
    __asm__ (SKC_VNNI_PAIR_ASM (MOV, O1, O2, O3)                           \
        : [s0] "+v" (S0), [s1] "+v" (S1), [s2] "+v" (S2), [s3] "+v" (S3),  \
          [s4] "+v" (S4), [s5] "+v" (S5), [s6] "+v" (S6), [s7] "+v" (S7),  \
          [a] "=&v" (a_), [b] "=&v" (b_), [t] "=&v" (t_)                   \
        : [pa] "r" (ra), [pb] "r" (rb), [w] "v" (wp)                       \
        : "memory");                                                       \
  } while (0)

#define SKC_PAIR64_VNNI(ra, rb, wp) \
  SKC_VNNI_PAIR (__m256i, "vmovdqu", 32, 64, 96, s0, s1, s2, s3, s4, s5, s6, s7, ra, rb, wp)

/* Rounds two int32 vectors of sums back to Q0 and stores them as 16 samples. */
#define SKC_STORE_16(dst, lo, hi)                                                                  \
  _mm256_storeu_si256 ((__m256i *) (dst),                                                          \
      _mm256_packs_epi32 (_mm256_srai_epi32 (_mm256_add_epi32 ((lo), half), SKC_WEIGHT_SHIFT),     \
          _mm256_srai_epi32 (_mm256_add_epi32 ((hi), half), SKC_WEIGHT_SHIFT)))

/* One 32-bit loop: NAME with MAC and PAIR64 as the multiply-add. */
#define SKC_DEFINE_LOOP_32(NAME, MAC, PAIR64)                                                  \
  SKC_LOOP_DEFINITION (NAME)                                                                  \
  {                                                                                            \
    const SkcIntTap *taps = lt->taps;                                                          \
    const guint n_taps = lt->n_taps;                                                           \
    const guint32 *pairs_w = lt->pairs;                                                        \
    gint32 *acc = scratch;                                                                     \
                                                                                               \
    SKC_SEGMENT_32_BODY (MAC, PAIR64)                                                          \
  }
