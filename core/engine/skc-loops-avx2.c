/* libskc — the 32-bit inner loop in AVX2 (this file is compiled with -mavx2;
 * it runs only where skc_cpu_has_avx2). */
#include "skc-loops-x86.h"

#define SKC_MAC_MADD(acc, x, w) _mm256_add_epi32 ((acc), _mm256_madd_epi16 ((x), (w)))

SKC_DEFINE_LOOP_32 (skc_loop_32_avx2, SKC_MAC_MADD, SKC_PAIR64_MADD)
