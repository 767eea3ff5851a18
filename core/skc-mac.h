/* libskc — the engine's inner loops (internal). */
#pragma once

#include "skc-fixed-kernel.h"
#include "skc-plane.h"

G_BEGIN_DECLS

/* Output row y, pixels [x0, x1) of one layer: out[(x − x0)·C + c] =
 * Σ_t w_t · src(y + dy_t, x + dx_t, c) in the given precision; src's border
 * must be filled.  acc is scratch for 2·(x1 − x0)·C 32-bit values. */
void     skc_mac_segment    (const SkcIntTap *taps, guint n_taps, SkcPrecision precision,
                             const SkcPlane *src, gint y, gint x0, gint x1, gint16 *out, gpointer acc);

/* TRUE unless SKC_ENGINE=c is set or skc_filter_set_orc (FALSE) was called:
 * the ORC loops, else the plain C ones; both give identical results. */
gboolean skc_filter_use_orc (void);
void     skc_filter_set_orc (gboolean use_orc);

G_END_DECLS
