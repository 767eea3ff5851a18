/* libskc — the engine's inner loops (internal). */
#pragma once

#include "skc-fixed-kernel.h"
#include "skc-plane.h"

G_BEGIN_DECLS

/* Output row y, pixels [x0, x1) of one layer of k: out[(x − x0)·C + c] =
 * Σ_t w_t · src(y + dy_t, x + dx_t, c) in k's precision; src's border must be
 * filled.  acc is scratch for 2·(x1 − x0)·C 32-bit values. */
void     skc_mac_segment    (const SkcFixedKernel *k, guint layer, const SkcPlane *src, gint y,
                             gint x0, gint x1, gint16 *out, gpointer acc);

/* The AVX2 loops take a row's tap pairs in groups of this many, keeping the
 * int32 sums in acc between groups: the source rows one group reads stay in
 * L1 from one 64-sample block to the next (sorted taps: a few rows a group).
 * 16–32 measured alike on the hexagon at 32 px; all pairs at once 17 % slower. */
#define SKC_PAIR_GROUP 24

/* Which inner loops run.  All give identical results; AUTO picks the AVX2
 * loop where the CPU has it and the loop exists (32-bit precision) — with
 * VNNI's fused multiply-add where the CPU has AVX-512 VNNI — else ORC. */
typedef enum {
  SKC_ENGINE_AUTO,
  SKC_ENGINE_C,      /* plain C, the compiler's vectoriser */
  SKC_ENGINE_ORC,    /* orc/skc-orc.orc */
  SKC_ENGINE_AVX2,   /* hand-written, 32-bit precision only; ORC elsewhere */
  SKC_ENGINE_VNNI,   /* the AVX2 loop with vpdpwssd (AVX-512 VNNI, 256-bit); AVX2 without it */
} SkcEngine;

/* The engine in use: set by skc_filter_set_engine, else from the environment
 * variable SKC_ENGINE=c|orc|avx2|vnni (anything else: auto). */
SkcEngine skc_filter_get_engine (void);
void      skc_filter_set_engine (SkcEngine engine);
/* TRUE where the running CPU can run the AVX2 loops. */
gboolean  skc_cpu_has_avx2      (void);
/* TRUE where it can also run the VNNI variant (AVX-512 VNNI + VL). */
gboolean  skc_cpu_has_vnni      (void);

G_END_DECLS
