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

typedef struct _SkcVaryingKernel SkcVaryingKernel;

struct _SkcVaryingKernel {
  gdouble          step;       /* px per level */
  guint            n_levels;   /* levels in use: radius q·step, q = 0 … n_levels − 1; larger radii clamp */
  SkcFixedKernel **levels;     /* levels[0] is NULL: the identity; NULL too where not built yet */
  guint            n_layers;
  /* by_layer[l][q]: level q's layer l as its loops take it (a copy of
   * levels[q]->layer[l]; taps NULL where levels[q] is NULL), capacity long:
   * a row's runs read their taps from one table, not through each kernel. */
  SkcLayerTaps   **by_layer;
  /* run_keys[l][q]: level q's key for layer l (SkcFixedKernel.run_key; 0:
   * none), capacity long: neighbouring runs of levels with the same nonzero
   * key hold the same taps there and run as one segment.  Apart from
   * by_layer, so that the check a run boundary makes reads 4 bytes a level. */
  guint32        **run_keys;
  gint             reach_x, reach_y, reach; /* of the levels built (reach: the larger) */
  gint            *layer_reach; /* per layer: the largest |dx| or |dy| of any level built */
  SkcPrecision     precision;
  /* How levels are built (skc_varying_kernel_new_lazy keeps them): */
  const SkcFamily *family;     /* borrowed: must outlive the kernel */
  gdouble          scale_x, scale_y;
  gint             within_w, within_h;  /* skc_fixed_kernel_new_within's frame, 0: none */
  SkcEngine        engine;
  guint            capacity;   /* length of levels: kept when n_levels shrinks */
  /* Half resolution (skc_varying_kernel_set_halve): the same levels at half
   * size for the half plane, built from level halve_from − halve_band + 1
   * up; NULL when off. */
  SkcVaryingKernel *half;
  guint            halve_from; /* the first level run wholly halved */
  guint            halve_band; /* the levels below it that blend both results */
  guint            used_top;   /* the highest level the last prepare found in use */
  SkcPlane        *half_work[8]; /* the half planes (plane, scratch) of 1–4 channels, kept across calls:
                                  * one plane at a time per kernel */
};

/* Frees level q (NULL afterwards), keeping by_layer in step. */
void              skc_varying_kernel_drop_level (SkcVaryingKernel *vk, guint q);

/* Levels up to max_radius (inclusive).  Fails for families whose members have
 * several branches, or max_radius / step above 65535 levels. */
SkcVaryingKernel *skc_varying_kernel_new  (const SkcFamily *family, gdouble max_radius, gdouble step,
                                           SkcPrecision precision, GError **error);
/* The same with every level's kernel scaled (chroma planes: 0.5); radii stay
 * in the units of the map (luma pixels). */
SkcVaryingKernel *skc_varying_kernel_new_scaled (const SkcFamily *family, gdouble max_radius, gdouble step,
                                                 SkcPrecision precision, gdouble scale_x, gdouble scale_y,
                                                 GError **error);
/* No level built yet: skc_varying_kernel_prepare builds, for each frame, the
 * levels its radius map uses, for planes no larger than within_w × within_h
 * (skc_fixed_kernel_new_within).  Levels stay built across frames and across
 * changes of the max radius, so an animated focus or max radius costs only
 * the levels it reaches for the first time (docs/ARCHITECTURE.md §4). */
SkcVaryingKernel *skc_varying_kernel_new_lazy (const SkcFamily *family, gdouble step, SkcPrecision precision,
                                               gdouble scale_x, gdouble scale_y, gint within_w, gint within_h,
                                               GError **error);
/* Sets the levels in use to max_radius and builds those the radius map
 * (width × height, radius_stride floats a row) needs; the map is read in
 * stripes on pool.  FALSE with an error when a level cannot be run (then
 * the kernel is unchanged and usable with its previous radius range). */
gboolean          skc_varying_kernel_prepare (SkcVaryingKernel *vk, gdouble max_radius, const gfloat *radius,
                                              gsize radius_stride, gint width, gint height, SkcPool *pool,
                                              GError **error);
/* The same, and each pixel's level into level (width × height, width a
 * row) for skc_filter_plane_varying_levels: a map used for several planes is
 * quantised once. */
gboolean          skc_varying_kernel_prepare_levels (SkcVaryingKernel *vk, gdouble max_radius,
                                                     const gfloat *radius, gsize radius_stride, gint width,
                                                     gint height, guint16 *level, SkcPool *pool, GError **error);
/* The parts of skc_varying_kernel_prepare_levels, for a caller that
 * quantises its own maps (the occlusion path, while it builds them): the
 * level count for max_radius (0 with an error), the level of one radius, and
 * the build of the levels flagged in any of n_sets rows of n_levels flags. */
guint             skc_varying_kernel_count_levels (const SkcVaryingKernel *vk, gdouble max_radius,
                                                   GError **error);
gboolean          skc_varying_kernel_build_used   (SkcVaryingKernel *vk, guint n_levels, const guint8 *used,
                                                   guint n_sets, GError **error);

/* Levels whose radius on the plane (radius × the larger scale) is at least
 * radius run on the plane averaged 2×2 down, with the kernel at half size,
 * and come back bilinearly (skc-halve.h); the SKC_VARYING_HALVE_BAND levels
 * below cross-fade from the full-resolution result to the halved one, so a
 * radius sweeping through the switch shows no step (docs/ARCHITECTURE.md §8,
 * "The varying path at half resolution").  Pixels below the band keep the
 * full-resolution bytes.  radius ≤ 0 (the default): off, today's path.
 * Applies from the next prepare, which builds the half levels. */
#define SKC_VARYING_HALVE_BAND 3
void              skc_varying_kernel_set_halve (SkcVaryingKernel *vk, gdouble radius);

/* Installs k (owned; configured for the kernel's precision and engine) as
 * level q, growing the table: for callers whose levels are not radii of the
 * family (skc-oriented.h: a grid of radius × angle).  The reach grows to k's. */
void              skc_varying_kernel_install_level (SkcVaryingKernel *vk, guint q, SkcFixedKernel *k);

/* What the filter's quantisation and every level scan must agree on;
 * inv_step = 1 / step in single precision (a multiply, not a division, a
 * pixel: the boundaries between levels move by at most an ulp). */
static inline guint
skc_varying_level_of (gfloat r, gfloat inv_step, guint n_levels)
{
  /* NaN and r ≤ 0 fail the test: in focus.  For q ≥ 0.5 truncation is
   * floor (r / step + 0.5), without a libm call. */
  gfloat q = r > 0 ? r * inv_step + 0.5f : 0;

  return q >= n_levels - 1.0f ? n_levels - 1 : (guint) q;
}

/* TRUE when plane p is padded enough for every level built. */
gboolean          skc_varying_kernel_fits_plane (const SkcVaryingKernel *vk, const SkcPlane *p);
/* Every level's loops for the engine asked for (a new kernel runs
 * SKC_ENGINE_DEFAULT); logs the choice once (g_debug). */
void              skc_varying_kernel_set_engine (SkcVaryingKernel *vk, SkcEngine engine);
void              skc_varying_kernel_free (SkcVaryingKernel *vk);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SkcVaryingKernel, skc_varying_kernel_free)

/* What the engine can run, checked when a family loads rather than on the
 * first frame that needs it: one branch, and every member and the blend
 * half-way between neighbours expands to weights the fixed-point loops hold
 * (|w| < 2).  Offsets are never a reason: kernels are pulled in to the frame
 * (skc_fixed_kernel_new_within).  FALSE with an error naming the member. */
gboolean          skc_varying_family_check (const SkcFamily *family, GError **error);

/* The complex a level stands for (new; for tests and references). */
SkcComplex       *skc_varying_level_complex (const SkcFamily *family, gdouble radius);

/* Filters interleaved 8-bit pixels with the radius map (one float per pixel,
 * radius_stride floats a row; NaN and values ≤ 0 mean in focus, values
 * beyond the last level clamp to it). */
void              skc_filter_varying_u8   (const SkcVaryingKernel *vk, const guint8 *src, gsize src_stride,
                                           guint8 *dst, gsize dst_stride, gint width, gint height,
                                           gint channels, const gfloat *radius, gsize radius_stride,
                                           SkcPool *pool);

/* A loaded plane in place (skc_varying_kernel_fits_plane; every level the
 * map uses built); scratch is a plane of the same geometry to reuse, or
 * NULL.  With an odd number of layers plane and scratch trade their memory
 * (no pointer into either survives the call). */
void              skc_filter_plane_varying (const SkcVaryingKernel *vk, SkcPlane *plane, SkcPlane *scratch,
                                            const gfloat *radius, gsize radius_stride, SkcPool *pool);
/* The same with the levels of skc_varying_kernel_prepare_levels. */
void              skc_filter_plane_varying_levels (const SkcVaryingKernel *vk, SkcPlane *plane,
                                                   SkcPlane *scratch, const guint16 *level, SkcPool *pool);

G_END_DECLS
