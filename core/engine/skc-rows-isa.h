/* libskc — per-pixel row passes built twice: for the baseline CPU and for AVX2.
 *
 * The passes beside the cascades (premultiply, background, composite, the
 * level maps) are plain C loops that the compiler vectorises; at the
 * baseline's 128-bit width the float ↔ int16 conversions they are made of
 * cost a tenth of depth of field's time.  target_clones makes an AVX2 copy
 * that the loader picks where the CPU has it (an ifunc).  FMA is not asked
 * for, so no multiply-add is contracted and both copies give the same bytes. */
#pragma once

#if defined(SKC_HAVE_X86_LOOPS) && defined(__GNUC__) && !defined(__clang__) && defined(__ELF__)
#define SKC_ROWS_ISA __attribute__ ((target_clones ("avx2", "default")))
#else
#define SKC_ROWS_ISA
#endif
