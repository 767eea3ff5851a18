/* libskc — a level map's runs, found once for the frames that share it.
 *
 * Each layer of the varying path cuts every row into runs of equal level
 * (levels sharing the layer's cell join: skc-oriented.h) and sends each run
 * through the fixed-kernel loops.  Finding the runs reads every pixel's
 * level once a layer; for a grid's short runs that scan cost about a third
 * of the loops' time on the zoom blur.  A still geometry keeps its level map
 * from frame to frame, so the runs can be kept too: the layers then only
 * walk a list (docs/ARCHITECTURE.md §10). */
#pragma once

#include "skc-plane.h"
#include "skc-varying.h"

G_BEGIN_DECLS

typedef struct {
  guint     n_layers;
  gint      width, height;
  guint32 **row_start;  /* per layer: height + 1 offsets into end and level */
  guint16 **end;        /* per layer: each run's end (exclusive) … */
  guint16 **level;      /* … and its level (its first pixel's) */
} SkcVaryingRuns;

/* The runs of level (width × height, width a row; every level it holds
 * built) for each layer of vk, rows in stripes on pool.  NULL when they
 * would pass max_runs in all, or the width 65535: then the rows are scanned
 * as they run, which gives the same bytes. */
SkcVaryingRuns *skc_varying_runs_new  (const SkcVaryingKernel *vk, const guint16 *level, gint width, gint height,
                                       gsize max_runs, SkcPool *pool);
void            skc_varying_runs_free (SkcVaryingRuns *runs);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SkcVaryingRuns, skc_varying_runs_free)

/* Row y of layer l through its runs: the bytes of skc_varying_row over the
 * whole row. */
void            skc_varying_row_runs  (const SkcVaryingKernel *vk, guint layer, const SkcVaryingRuns *runs,
                                       const SkcPlane *src, gint y, gint16 *out, gint32 *acc,
                                       gboolean every_layer_copies);

G_END_DECLS
