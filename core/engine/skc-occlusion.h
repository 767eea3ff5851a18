/* libskc — occlusion-aware depth of field: the spatially-varying path split
 * into a far and a near field around the in-focus band.
 *
 * Gather (skc_filter_plane_varying) lets every output pixel average its
 * neighbours with its own radius, so a sharp subject smears into the blurred
 * background behind it and a blurred foreground stops at its outline.  A
 * thin lens does neither: each depth blurs by its own radius and nearer light
 * covers farther light.  With a signed radius s (negative nearer than the
 * focused plane) and coverage weights of the far, in-focus and near pixels
 * (w_far + w_focus + w_near = 1, the passage `transition` px of radius wide):
 *   far field   F  = V(w_far·P) / V(w_far)        normalised: only far light
 *   background  Bg = (w_focus·P + w_far·F) / (1 − w_near), and where near
 *                    pixels hide it, filled from its surroundings (push-pull)
 *   near field  N  = V(w_near·P),  coverage A = V(w_near)
 *   out         = N + (1 − A)·Bg                   the near field over the rest
 * V is the varying cascade, each field with its own radius map: its pixels'
 * own radii, and around them the largest radius of the field nearby, so that
 * a blurred foreground spreads beyond its outline (the scatter a gather
 * cannot do).  For two layers at constant depths this is the layered truth
 * T = a·F + (1 − a)·(K ∗ B) (focus in front) and T = K ∗ (a·F) + (1 − K ∗ a)·B
 * (focus behind) up to the normalisation at the hidden background
 * (docs/ARCHITECTURE.md §7).  Pixels in focus that no near light reaches
 * come out exactly as they went in. */
#pragma once

#include "skc-varying.h"

G_BEGIN_DECLS

/* The per-pixel split of one plane, kept across frames by the caller. */
typedef struct _SkcOcclusion SkcOcclusion;

SkcOcclusion *skc_occlusion_new  (void);
void          skc_occlusion_free (SkcOcclusion *oc);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SkcOcclusion, skc_occlusion_free)

/* Splits the signed radius map (width × height, stride floats a row; NaN is
 * in focus) into the fields' weights; transition > 0.  Then
 * skc_occlusion_prepare quantises each field's radius map and builds the
 * levels both need; it reads the same map, which must live until then. */
void          skc_occlusion_split   (SkcOcclusion *oc, const gfloat *signed_radius, gsize stride, gint width,
                                     gint height, gfloat transition, SkcPool *pool);
gboolean      skc_occlusion_prepare (SkcOcclusion *oc, SkcVaryingKernel *vk, gdouble max_radius, SkcPool *pool,
                                     GError **error);
/* The levels the last skc_occlusion_prepare found, built in another varying
 * kernel of the same family, step and plane size: a second plane on the
 * same map (V after U) shares the split instead of making it again. */
gboolean      skc_occlusion_prepare_like (const SkcOcclusion *oc, SkcVaryingKernel *vk, GError **error);
/* A loaded plane (of the split's size, skc_varying_kernel_fits_plane) in
 * place.  spare is the channel of a four-channel plane that holds alpha or
 * padding, or −1: where it is opaque (Q6 255) over the whole plane, each
 * field's premultiplied alpha is its coverage, so the coverage needs no
 * cascade of its own. */
void          skc_filter_plane_occlusion (SkcOcclusion *oc, const SkcVaryingKernel *vk, SkcPlane *plane,
                                          gint spare, SkcPool *pool);

G_END_DECLS
