/* libskc — fixed kernels for the engine.
 *
 * A fixed layer's fractional taps are expanded bilinearly into ≤ 4 integer
 * taps each — exactly the same operator — and taps landing on the same offset
 * merge.  Weights become Q14 (32-bit precision) or Q16 (16-bit precision)
 * integers; samples are Q6 16-bit (skc-plane.h). */
#pragma once

#include "skc-complex.h"
#include "skc-engine.h"
#include "skc-plane.h"

G_BEGIN_DECLS

#define SKC_WEIGHT_SHIFT 14

typedef struct {
  gint   dx, dy;
  gint32 w;          /* Q14 or Q16 */
} SkcIntTap;

/* Arithmetic between layers (see skc-fixed-kernel.c for the error bounds). */
typedef enum {
  SKC_PRECISION_32,  /* Q14 weights, int32 sums, one rounding a layer */
  SKC_PRECISION_16,  /* Q16 weights, each product rounded, int16 sums: faster */
} SkcPrecision;

typedef struct _SkcFixedKernel SkcFixedKernel;
typedef struct _SkcLayerTaps SkcLayerTaps;

/* One segment of one row of one layer (skc-loops.h). */
typedef void (*SkcLoopFunc) (const SkcLayerTaps *lt, const SkcPlane *src, gint y, gint x0, gsize n,
                             gint16 *out, gpointer acc);

/* One layer as the loops take it: its taps in the kernel's precision (taps16
 * at 16 bits), their pairs and the loop.  A flat value, so that the varying
 * path can keep a table of every level's (skc-varying.h) and reach a run's
 * taps in one load instead of a chain through the kernel. */
struct _SkcLayerTaps {
  const SkcIntTap *taps;
  const guint32   *pairs;
  guint            n_taps;
  SkcLoopFunc      loop;
};

struct _SkcFixedKernel {
  guint        n_layers;
  guint       *n_taps;
  SkcIntTap  **taps;    /* per layer, sorted by (dy, dx); Q14 */
  guint       *n_taps16;
  SkcIntTap  **taps16;  /* the same in Q16, taps of |w| ≥ ½ split in pieces */
  guint32    **pairs;   /* per layer: Q14 weights of taps 2p, 2p+1 packed low, high (AVX2) */
  gint         reach_x; /* largest |dx| of any layer: the planes' padding left and right (+ slack) */
  gint         reach_y; /* largest |dy|: the padding above and below */
  gint         reach;   /* the larger of the two */
  /* Set by skc_fixed_kernel_configure, never by hand: */
  SkcPrecision precision;
  SkcEngine    engine;  /* resolved: the loops that run (never DEFAULT or AUTO) */
  SkcLayerTaps *layer;  /* per layer: what the loops read, and the loop */
  /* Per layer or NULL: keys under which a varying kernel's levels share a
   * layer's taps (skc-oriented.c sets them; SkcVaryingKernel.run_keys). */
  guint32     *run_key;
};

/* Largest |dx|, |dy| the engine takes (a layer's reach pads the planes). */
#define SKC_FIXED_MAX_OFFSET 32768.0

/* NULL with an error for complexes with several branches (not yet supported
 * by the engine), weights too large for Q14 (|w| ≥ 2) or offsets beyond
 * SKC_FIXED_MAX_OFFSET (or not finite). */
SkcFixedKernel *skc_fixed_kernel_new        (const SkcComplex *c, GError **error);
/* The same for planes no larger than width × height (≤ 0: no limit on that
 * axis): offsets beyond ±(size − 1) are pulled in to it, which changes no
 * output pixel (every such tap reads the clamped edge) and bounds the planes'
 * padding by the frame: memory and time stay what the frame needs whatever
 * the kernel's reach (docs/ARCHITECTURE.md §4). */
SkcFixedKernel *skc_fixed_kernel_new_within (const SkcComplex *c, gint width, gint height, GError **error);
/* TRUE when plane p is padded enough for k (reach + SKC_PLANE_SLACK across,
 * reach above and below). */
gboolean        skc_fixed_kernel_fits_plane (const SkcFixedKernel *k, const SkcPlane *p);
/* Sets the precision and resolves the loops for the engine asked for
 * (skc_engine_resolve), once; logs the choice (g_debug, domain "skc").  A new
 * kernel is configured for SKC_PRECISION_32 and SKC_ENGINE_DEFAULT. */
void            skc_fixed_kernel_configure  (SkcFixedKernel *k, SkcPrecision precision, SkcEngine engine);
void            skc_fixed_kernel_free       (SkcFixedKernel *k);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SkcFixedKernel, skc_fixed_kernel_free)
/* Integer taps a pixel costs in the kernel's precision. */
guint           skc_fixed_kernel_total_taps (const SkcFixedKernel *k);

G_END_DECLS
