/* libskc — the 32-bit inner loop with AVX-512 VNNI's vpdpwssd at 256 bits
 * (this file is compiled with -mavx2 -mavx512vnni -mavx512vl; it runs only
 * where skc_cpu_has_vnni). */
#include "skc-loops-x86.h"

#define SKC_MAC_VNNI(acc, x, w) _mm256_dpwssd_epi32 ((acc), (x), (w))

SKC_DEFINE_LOOP_32 (skc_loop_32_vnni, SKC_MAC_VNNI, SKC_PAIR64_VNNI)
