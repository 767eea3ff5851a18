/* libskc — the filtering engine's fixed-kernel path.
 *
 * A fixed layer's fractional taps are expanded bilinearly into ≤ 4 integer
 * taps each — exactly the same operator — and taps landing on the same offset
 * merge.  Weights become Q14 integers; samples are Q6 16-bit (skc-plane.h);
 * each layer accumulates in 32 bits and rounds back to 16. */
#pragma once

#include "skc-complex.h"
#include "skc-plane.h"
#include "skc-pool.h"

G_BEGIN_DECLS

#define SKC_WEIGHT_SHIFT 14

typedef struct {
  gint   dx, dy;
  gint32 w;          /* Q14 */
} SkcIntTap;

/* Arithmetic between layers (see skc-filter.c for the error bounds). */
typedef enum {
  SKC_PRECISION_32,  /* Q14 weights, int32 sums, one rounding a layer */
  SKC_PRECISION_16,  /* Q16 weights, each product rounded, int16 sums: ~2× faster */
} SkcPrecision;

typedef struct {
  guint        n_layers;
  guint       *n_taps;
  SkcIntTap  **taps;    /* per layer, sorted by (dy, dx); Q14 */
  guint       *n_taps16;
  SkcIntTap  **taps16;  /* the same in Q16, taps of |w| ≥ ½ split in pieces */
  gint         reach;   /* largest |dx| or |dy| of any layer: the planes' padding */
  SkcPrecision precision;
} SkcFixedKernel;

/* NULL with an error for complexes with several branches (not yet supported
 * by the engine) or weights too large for Q14 (|w| ≥ 2). */
SkcFixedKernel *skc_fixed_kernel_new        (const SkcComplex *c, GError **error);
void            skc_fixed_kernel_free       (SkcFixedKernel *k);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SkcFixedKernel, skc_fixed_kernel_free)
guint           skc_fixed_kernel_total_taps (const SkcFixedKernel *k);

/* Filters interleaved 8-bit pixels (channels 1–4, any strides) with the
 * kernel; src and dst may not overlap.  Row stripes run on pool (NULL: the
 * calling thread alone); the bytes are the same for any thread count. */
void            skc_filter_fixed_u8         (const SkcFixedKernel *k, const guint8 *src, gsize src_stride,
                                             guint8 *dst, gsize dst_stride, gint width, gint height,
                                             gint channels, SkcPool *pool);

/* TRUE unless the environment says SKC_ENGINE=c: the ORC inner loops, else
 * the plain C ones.  Both give identical results. */
gboolean        skc_filter_use_orc          (void);
/* Overrides the environment (benchmarks and tests compare the two). */
void            skc_filter_set_orc          (gboolean use_orc);

/* One layer, plane to plane: dst rows [y0, y1) from src (border filled);
 * acc is scratch for 2 × width × channels values. */
void            skc_filter_layer_rows       (const SkcIntTap *taps, guint n_taps, const SkcPlane *src,
                                             SkcPlane *dst, gint y0, gint y1, gint32 *acc);
/* The same in SKC_PRECISION_16 with Q16 taps; acc holds 2 × width × channels. */
void            skc_filter_layer_rows_s16   (const SkcIntTap *taps, guint n_taps, const SkcPlane *src,
                                             SkcPlane *dst, gint y0, gint y1, gint16 *acc);

G_END_DECLS
