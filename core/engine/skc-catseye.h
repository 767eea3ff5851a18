/* libskc — cat's-eye bokeh (optical vignetting): a kernel per (radius, clip)
 * for the oriented grid's third axis (docs/ARCHITECTURE.md §10).
 *
 * The aperture disc of radius r is intersected with an equal disc, the two
 * centred c·r/2 either side of the pixel along the direction to the frame's
 * centre: a lens (2 − c)·r wide along that direction and √(4 − c²)·r across,
 * centred on the pixel so that blurred light stays in register with the
 * sharp picture.  The shape depends on the clip c alone (scale invariant). */
#pragma once

#include "skc-family.h"

G_BEGIN_DECLS

/* The largest clip a kernel is built for; the element's vignetting ∈ [0, 0.9]
 * gives c = 2 · vignetting · ρ ≤ 1.8 (at 2 nothing of the aperture is left). */
#define SKC_CATSEYE_MAX_CLIP 1.8

/* The radius the built-in lens family (presets/clip/catseye.skc) was fitted
 * at: scaled down, its lenses keep 20–30 dB of kernel PSNR from 3 to 48 px;
 * fitted at 24 px and scaled up to 48 they fell to 13–17 dB
 * (docs/ARCHITECTURE.md §10). */
#define SKC_CATSEYE_LENS_RADIUS 48.0

/* Below this radius the squeeze serves even with a lens family: the disc's
 * own small members, fitted to the pixel grid there, beat scaled-down lenses
 * (kernel PSNR at 1.5–2 px: 25.7–33.9 dB against 22.5–27.4). */
#define SKC_CATSEYE_LENS_MIN_RADIUS 2.5

/* The semi-axes, in radii, of the ellipse with the lens's second moments:
 * across (along the clip) and along (perpendicular to it); 1, 1 at c = 0. */
void        skc_catseye_moments  (gdouble clip, gdouble *across, gdouble *along);

/* The cat's eye of a family's kernel at radius, clip in [0, SKC_CATSEYE_MAX_CLIP],
 * its clip along the axis turn degrees counter-clockwise from the kernel's x
 * axis, before any per-pixel turn:
 * - lens == NULL: the squeeze, exact to build for any aperture — the family at
 *   radius · along, scaled by across / along along the clip's axis (an
 *   ellipse for the disc, not the lens);
 * - lens: a family along the clip whose members are fitted lenses of radius
 *   lens_radius (short axis along x), blended at clip, scaled to radius and
 *   turned by turn; family is then not used.
 * A new complex. */
SkcComplex *skc_catseye_complex  (const SkcFamily *family, const SkcFamily *lens, gdouble lens_radius,
                                  gdouble radius, gdouble clip, gdouble turn);

G_END_DECLS
