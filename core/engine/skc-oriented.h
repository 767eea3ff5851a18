/* libskc — two-dimensional variance: a radius and a kernel angle per pixel.
 *
 * Rotation is an exact linear map of a complex's offsets, but neighbouring
 * pixels at different angles no longer share integer taps, so the fixed
 * kernel loops — which run a whole stretch of a row with one tap list —
 * cannot serve a continuous angle.  The angle is quantised instead, like the
 * radius: a grid of (radius level, angle level) fixed kernels, each the
 * family at that radius rotated to that angle, built when a frame first
 * reaches it, and run through the varying path's level loops
 * (skc_filter_plane_varying_levels).  The angle step of each radius level is
 * chosen so that rotating by one step moves no point of the kernel's support
 * by more than `arc` pixels: small kernels get few angles, large ones many
 * (docs/ARCHITECTURE.md §10 has the measurements behind the default). */
#pragma once

#include "skc-family.h"
#include "skc-frame.h"
#include "skc-pool.h"
#include "skc-varying.h"

G_BEGIN_DECLS

/* The largest displacement, in pixels, that one angle step makes on the
 * kernel's support: at this setting the result is within two 8-bit levels
 * of the exact per-pixel rotation on photos, one for the motion line, where
 * fixed-point rounding alone makes one (docs/ARCHITECTURE.md §10). */
#define SKC_ORIENTED_DEFAULT_ARC 0.25

/* At most this many grid levels per plane (a few KiB each: about 2 KiB for
 * the disc, 1 KiB for the motion line, skc_oriented_kernel_bytes), past which
 * the arc is coarsened; the per-pixel level index is 16-bit anyway. */
#define SKC_ORIENTED_MAX_LEVELS 32768u

typedef struct {
  SkcVaryingKernel *vk;       /* the grid's kernels as levels; level 0 is the identity */
  gdouble  radius_step;       /* px per radius level */
  gdouble  arc;               /* px: see above; coarser than asked past SKC_ORIENTED_MAX_LEVELS */
  gdouble  arc_asked;
  gdouble  period;            /* 360°, or 180° for kernels symmetric under a half turn */
  gboolean half_turn;
  guint    n_radius;          /* radius levels laid out so far (q = 0 … n_radius − 1) */
  guint   *first;             /* per radius level: its first grid level (q = 0: level 0) */
  guint   *n_angles;          /* per radius level: angle levels */
  guint    n_grid;            /* grid levels laid out: first[n_radius − 1] + n_angles[n_radius − 1] */
  gdouble *span;              /* per radius level: period × support reach, px (n_spans cached) */
  guint    n_spans;
  guint   *owner;             /* per grid level: its slot (below) */
  guint    owner_len;
  /* The cat's-eye axis (skc_oriented_kernel_set_clip; off: every radius
   * level is one slot, laid out as it comes).  On: radius level q has
   * n_clips[q] clip levels, slots clip_first[q] …, and first / n_angles are
   * per slot, first[s] G_MAXUINT until a frame reaches the slot. */
  gboolean clipped;
  gdouble  clip_turn;         /* degrees from the kernel's x axis to the clip's */
  const SkcFamily *lens;      /* NULL: the squeeze (skc-catseye.h) */
  gdouble  lens_radius;
  guint   *clip_first, *n_clips;   /* per radius level */
  guint   *slot_q;            /* per slot: its radius level */
  guint    n_slots;
  /* Layer sharing (skc_oriented_kernel_share_layers; NULL: off): per layer,
   * how many radius levels, and angle levels, one of its coarse cells spans. */
  guint   *layer_span;
  gboolean share_asked;       /* share_layers was called (whatever it found) */
} SkcOrientedKernel;

/* At most this many clip levels a radius level. */
#define SKC_ORIENTED_MAX_CLIPS 64u

/* No level built yet (skc_varying_kernel_new_lazy's arguments; the family
 * must outlive the kernel).  Families symmetric under a half turn
 * (skc_family_half_turn_symmetric) need angles over 180° only. */
SkcOrientedKernel *skc_oriented_kernel_new_lazy (const SkcFamily *family, gdouble radius_step, gdouble arc,
                                                 SkcPrecision precision, gdouble scale_x, gdouble scale_y,
                                                 gint within_w, gint within_h, GError **error);
void               skc_oriented_kernel_free     (SkcOrientedKernel *ok);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SkcOrientedKernel, skc_oriented_kernel_free)

/* Adds the cat's-eye axis (skc-catseye.h) to a kernel no frame has used:
 * each grid level is then skc_catseye_complex (family, lens, lens_radius,
 * radius, clip, turn), turned to its angle.  Radius level q gets
 * ⌈SKC_CATSEYE_MAX_CLIP · radius / arc⌉ + 1 clip levels (at most
 * SKC_ORIENTED_MAX_CLIPS), so that a clip step moves the lens's outline by
 * about the asked arc; slots (radius, clip) get their angle levels only when
 * a frame first reaches them, so the budget counts what frames use.  The
 * lens family (may be NULL) must outlive the kernel. */
void               skc_oriented_kernel_set_clip (SkcOrientedKernel *ok, gdouble turn, const SkcFamily *lens,
                                                 gdouble lens_radius);

/* Coarser cells for the layers that reach less, on a kernel no frame has
 * used and without the clip axis.  Every grid boundary ends a run of every
 * layer, yet a layer that reaches a quarter as far moves a quarter as much
 * when the radius or the angle changes by a step.  So layer l's taps come
 * from a coarser grid: radius levels m_l apart (the nearest multiple of m_l,
 * or the level itself below m_l / 2) and m_l times fewer angles, with
 * m_l = round (R_max / R_l) (at most 16) for the layer reaches R_l of the
 * family's member: every layer may move its taps about as far as the
 * farthest does.  Levels with the same coarse cell for a layer hold the same
 * taps there and carry its key (SkcLayerTaps.run_key), so their runs join.
 * The worst movement of a point of the kernel grows from Σ R_l · step / 2 to
 * Σ R_l · m_l · step / 2, for each axis alike (about 3.5× for the motion
 * line); docs/ARCHITECTURE.md §10 measures what it costs on photos.
 *
 * Only for a family of one member, whose levels are all scaled copies of one
 * complex (the motion line), so that a layer from another radius or angle is
 * the same layer moved: FALSE, and no sharing, otherwise.  Fitted members'
 * layers are fitted together, and mixing them broke the swirl (49.16 →
 * 39.58 dB). */
gboolean           skc_oriented_kernel_share_layers (SkcOrientedKernel *ok);

/* The complex grid level g runs (new): its radius and angle, or with layer
 * sharing each layer from its coarse cell; turned, then scaled to the plane.
 * NULL for the cat's-eye axis's levels (skc_catseye_complex builds those). */
SkcComplex        *skc_oriented_level_complex (const SkcOrientedKernel *ok, guint g);

/* Each pixel's grid level into level (width a row) from its radius (NaN or
 * ≤ 0: the identity; beyond max_radius: clamped) and angle (degrees,
 * counter-clockwise on screen; any finite value, wrapped; NaN counts as 0),
 * both radius_stride floats a row, in stripes on pool; then builds the levels
 * the frame uses.  Past SKC_ORIENTED_MAX_LEVELS the arc is coarsened (and
 * the levels built so far dropped).  FALSE with an error when the radius
 * levels alone pass that or a level cannot be built (the kernel stays usable
 * as it was). */
gboolean           skc_oriented_kernel_prepare  (SkcOrientedKernel *ok, gdouble max_radius, const gfloat *radius,
                                                 const gfloat *angle, gsize stride, gint width, gint height,
                                                 guint16 *level, SkcPool *pool, GError **error);
/* With the clip axis: also each pixel's clip (stride floats a row, 0 …
 * SKC_CATSEYE_MAX_CLIP, clamped; NaN counts as 0; NULL: 0 everywhere).
 * Past the budget the arc coarsens and the levels built are dropped, as
 * above; FALSE with an error when the slots a frame reaches alone pass it. */
gboolean           skc_oriented_kernel_prepare_clipped (SkcOrientedKernel *ok, gdouble max_radius,
                                                        const gfloat *radius, const gfloat *angle,
                                                        const gfloat *clip, gsize stride, gint width,
                                                        gint height, guint16 *level, SkcPool *pool,
                                                        GError **error);
/* The grid level of one (radius, angle) — what prepare writes per pixel
 * (n_radius: the radius levels in use for the max radius); without the clip
 * axis. */
guint              skc_oriented_level_of        (const SkcOrientedKernel *ok, guint n_radius, gfloat radius,
                                                 gfloat angle);
/* The radius and angle a grid level stands for (tests, references). */
void               skc_oriented_level_params    (const SkcOrientedKernel *ok, guint level, gdouble *radius,
                                                 gdouble *angle);
/* … and its clip (0 without the clip axis). */
void               skc_oriented_level_clip      (const SkcOrientedKernel *ok, guint level, gdouble *clip);
/* Bytes held by the levels built (for the docs' memory bound and logs). */
gsize              skc_oriented_kernel_bytes    (const SkcOrientedKernel *ok);

/* The grid plane p's last skc_frame_filter_run_oriented used, or NULL (tests). */
SkcOrientedKernel *skc_frame_filter_oriented_grid (SkcFrameFilter *ff, guint p);

/* TRUE when every member's impulse response equals its half-turn rotation
 * to within 2 % of its mass — exact constructions such as the motion line.
 * Fitted members of symmetric shapes (discs) are not: their fitting error is
 * not symmetric, and sharing one kernel between θ and θ + 180° puts a seam
 * where the angle wraps (measured: 41 levels at worst on a photo). */
gboolean           skc_family_half_turn_symmetric (const SkcFamily *family);

G_END_DECLS
