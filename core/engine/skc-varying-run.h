/* libskc — inside the varying path: the layers run over part of a plane,
 * and the half-resolution run built on that (skc-varying-halve.c). */
#pragma once

#include "skc-varying.h"

G_BEGIN_DECLS

/* Which pixels a layer computes: the plane is cut in square tiles of
 * 1 << shift px, dist gives each tile's distance in tiles (Chebyshev) to the
 * nearest tile holding a pixel whose result is needed, and layer l computes
 * the tiles at distance ≤ k[l].  The others are left as they were: no needed
 * pixel reads them, however many layers away. */
typedef struct {
  const guint8 *dist;
  gint          tiles_x;
  guint         shift;
  const guint  *k;
} SkcVaryingSkip;

/* Pixels [xa, xb) of row y of layer l, each run of equal level (lv: the
 * row's levels) through that level's loops, from src into out (the row's
 * start); acc: scratch for 2 × width × channels.  Level 0 passes src: at
 * layer 0 only, or at every layer when every_layer_copies (a layer that
 * writes fresh rows each time: skc-sweep.h). */
void     skc_varying_row (const SkcVaryingKernel *vk, guint layer, const guint16 *lv, const SkcPlane *src, gint y,
                          gint xa, gint xb, gint16 *out, gint32 *acc, gboolean every_layer_copies);

/* skc_filter_plane_varying_levels' layers, over the tiles skip keeps (NULL:
 * all); bordered: plane's border is filled already (else repeats its edge). */
void     skc_varying_run_layers (const SkcVaryingKernel *vk, SkcPlane *plane, SkcPlane *scratch,
                                 const guint16 *level, gboolean bordered, const SkcVaryingSkip *skip,
                                 SkcPool *pool);

/* The plane with vk's halving (skc_varying_kernel_set_halve); FALSE, the
 * plane untouched, when no pixel's level reaches the band or the plane is
 * too small to halve: then the full-resolution path is the whole answer. */
gboolean skc_varying_run_halved (const SkcVaryingKernel *vk, SkcPlane *plane, SkcPlane *scratch,
                                 const guint16 *level, SkcPool *pool);

G_END_DECLS
