/* libskc — which inner loops run (the engine's instruction sets).
 *
 * Every fixed kernel resolves its loops once, when it is configured
 * (skc_fixed_kernel_configure): pixman-style, a function pointer chosen from
 * the precision, the requested engine and the CPU, never re-chosen per row.
 * All engines give identical bytes; they differ only in speed. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  SKC_ENGINE_DEFAULT, /* what the environment asks for: SKC_ENGINE=auto|c|orc|avx2|vnni, else AUTO */
  SKC_ENGINE_AUTO,    /* the fastest loop the CPU runs for the precision */
  SKC_ENGINE_C,       /* plain C, the compiler's vectoriser */
  SKC_ENGINE_ORC,     /* orc/skc-orc.orc */
  SKC_ENGINE_AVX2,    /* hand-written, 32-bit precision only; ORC elsewhere */
  SKC_ENGINE_VNNI,    /* the AVX2 loop with vpdpwssd (AVX-512 VNNI, 256-bit); AVX2 without it */
} SkcEngine;

/* The engine SKC_ENGINE names, read once per process (AUTO when unset or
 * not one of the names). */
SkcEngine    skc_engine_default (void);
/* The loops that run for a request at a precision on this CPU: DEFAULT is
 * replaced by skc_engine_default(), AUTO by the best available, and an
 * instruction set the CPU lacks (or that has no loop at the precision) falls
 * back to the next one down: VNNI → AVX2 → ORC.  Never DEFAULT or AUTO. */
SkcEngine    skc_engine_resolve (SkcEngine requested, gboolean sixteen_bit);
/* "c", "orc", "avx2", "vnni", "auto" or "default". */
const gchar *skc_engine_name    (SkcEngine engine);

/* TRUE where the running CPU can run the AVX2 loops. */
gboolean     skc_cpu_has_avx2   (void);
/* TRUE where it has AVX-512F and BW (the sRGB decode's permutes). */
gboolean     skc_cpu_has_avx512bw (void);
/* TRUE where the VNNI loops should take 512-bit blocks (skc-loops-vnni.c). */
gboolean     skc_cpu_prefers_512 (void);
/* TRUE where it can also run the VNNI variant (AVX-512 F, BW, VL and VNNI). */
gboolean     skc_cpu_has_vnni   (void);

G_END_DECLS
