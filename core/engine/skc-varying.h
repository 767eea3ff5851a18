/* libskc — the spatially-varying path: a kernel family applied with a radius
 * read per pixel.
 *
 * The radius axis is quantised into levels `step` px apart; each level is a
 * fixed kernel (the family blended at that radius, expanded to integer taps),
 * and every row runs its stretches of equal level through the fixed-kernel
 * inner loops, layer by layer, with each layer's taps chosen by the level at
 * the output pixel (docs/ARCHITECTURE.md §1: parameters read at the output pixel).
 * Level 0 is radius 0: those pixels are copied.  Below the family's first
 * member the taps are blended from the identity (all taps at the pixel), so
 * the blur grows continuously from nothing. */
#pragma once

#include "skc-family.h"
#include "skc-fixed-kernel.h"
#include "skc-plane.h"
#include "skc-pool.h"

G_BEGIN_DECLS

typedef struct {
  gdouble          step;       /* px per level */
  guint            n_levels;   /* level q is radius q·step, q = 0 … n_levels − 1 */
  SkcFixedKernel **levels;     /* levels[0] is NULL: the identity */
  guint            n_layers;
  gint             reach;
  SkcPrecision     precision;
} SkcVaryingKernel;

/* Levels up to max_radius (inclusive).  Fails for families whose members have
 * several branches, or max_radius / step above 65535 levels. */
SkcVaryingKernel *skc_varying_kernel_new  (const SkcFamily *family, gdouble max_radius, gdouble step,
                                           SkcPrecision precision, GError **error);
/* The same with every level's kernel scaled (chroma planes: 0.5); radii stay
 * in the units of the map (luma pixels). */
SkcVaryingKernel *skc_varying_kernel_new_scaled (const SkcFamily *family, gdouble max_radius, gdouble step,
                                                 SkcPrecision precision, gdouble scale_x, gdouble scale_y,
                                                 GError **error);
/* Every level's loops for the engine asked for (a new kernel runs
 * SKC_ENGINE_DEFAULT); logs the choice once (g_debug). */
void              skc_varying_kernel_set_engine (SkcVaryingKernel *vk, SkcEngine engine);
void              skc_varying_kernel_free (SkcVaryingKernel *vk);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SkcVaryingKernel, skc_varying_kernel_free)

/* The complex a level stands for (new; for tests and references). */
SkcComplex       *skc_varying_level_complex (const SkcFamily *family, gdouble radius);

/* Filters interleaved 8-bit pixels with the radius map (one float per pixel,
 * radius_stride floats a row; NaN and values ≤ 0 mean in focus, values
 * beyond the last level clamp to it). */
void              skc_filter_varying_u8   (const SkcVaryingKernel *vk, const guint8 *src, gsize src_stride,
                                           guint8 *dst, gsize dst_stride, gint width, gint height,
                                           gint channels, const gfloat *radius, gsize radius_stride,
                                           SkcPool *pool);

/* A loaded plane in place (padding ≥ vk->reach + SKC_PLANE_SLACK); scratch
 * is a plane of the same geometry to reuse, or NULL. */
void              skc_filter_plane_varying (const SkcVaryingKernel *vk, SkcPlane *plane, SkcPlane *scratch,
                                            const gfloat *radius, gsize radius_stride, SkcPool *pool);

G_END_DECLS
