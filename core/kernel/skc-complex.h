/* libskc — a sparse kernel complex: L layers of taps applied in cascade.
 *
 * Convention (used everywhere in the project):
 *   a layer is a *gather*  y(x) = Σ_i w_i · bilerp(prev, x + o_i),
 *   offsets o_i = (dx, dy) in pixels, x to the right, y down.
 * Layers of the same *branch* run in cascade; a complex with several branches
 * (only the low-rank baseline makes them) is the sum of its branches' cascades,
 * each branch filtering the same input.  A DISK complex has one branch.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Limits enforced by every constructor and by the preset parser. */
#define SKC_MAX_LAYERS      64
#define SKC_MAX_TAPS        4096    /* per layer */
#define SKC_MAX_OFFSET      2048.0  /* |dx|, |dy| in pixels */

typedef struct {
  gdouble dx, dy, w;
} SkcTap;

typedef struct {
  guint   n_taps;
  guint   branch;   /* 0 for ordinary complexes */
  SkcTap *taps;
} SkcLayer;

typedef struct {
  guint     n_layers;
  SkcLayer *layers;
} SkcComplex;

/* A complex with n_layers layers, layer l holding n_taps[l] zeroed taps, all
 * in branch 0.  Returns NULL if a count is 0 or above the limits. */
SkcComplex *skc_complex_new       (guint n_layers, const guint *n_taps);
SkcComplex *skc_complex_copy      (const SkcComplex *c);
void        skc_complex_free      (SkcComplex *c);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SkcComplex, skc_complex_free)

guint       skc_complex_total_taps (const SkcComplex *c);
guint       skc_complex_n_branches (const SkcComplex *c);
/* TRUE if both have the same number of layers, taps per layer and branches. */
gboolean    skc_complex_same_layout (const SkcComplex *a, const SkcComplex *b);

/* Largest |dx| and |dy| a pixel can reach through the whole cascade (sum over
 * the layers of a branch, max over branches), rounded up, plus one pixel for
 * the bilinear footprint. Planes padded by this never read out of bounds.
 * Saturates at SKC_REACH_MAX (scaled complexes may exceed SKC_MAX_OFFSET). */
#define SKC_REACH_MAX (G_MAXINT / 2)
void        skc_complex_reach     (const SkcComplex *c, gint *reach_x, gint *reach_y);

/* Sum of the weights of one layer; product over a branch's layers is its DC gain. */
gdouble     skc_layer_weight_sum  (const SkcLayer *layer);
gdouble     skc_complex_dc_gain   (const SkcComplex *c);

/* Exact linear maps of every offset: o' = A·o with A = [[a, b], [c, d]].
 * The impulse response K becomes K(A⁻¹·); weights are unchanged. */
void        skc_complex_transform (SkcComplex *c, gdouble a, gdouble b, gdouble cc, gdouble d);
void        skc_complex_scale     (SkcComplex *c, gdouble s);
/* Rotation by angle_deg, counter-clockwise as seen on screen (y down). */
void        skc_complex_rotate    (SkcComplex *c, gdouble angle_deg);
void        skc_complex_scale_xy  (SkcComplex *c, gdouble sx, gdouble sy);

/* Convex blend (1 - t)·a + t·b of offsets and weights, tap by tap; a and b must
 * have the same layout.  Writes into out (same layout). */
void        skc_complex_lerp      (const SkcComplex *a, const SkcComplex *b, gdouble t,
                                   SkcComplex *out);

G_END_DECLS
