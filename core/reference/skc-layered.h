/* libskc — the exact truth for depth of field on layered scenes, and a slow
 * per-pixel scatter for any RGB-D frame (docs/ARCHITECTURE.md §7).
 *
 * Thin lens, one constant radius a layer: every layer is blurred by its own
 * disc and the blurred layers are composited back to front, premultiplied,
 * in linear light.  A per-pixel gather is not this: it cannot let a blurred
 * near layer cover a sharp far one, and it mixes a sharp subject's colour
 * into the background blurred around it. */
#pragma once

#include "skc-image.h"
#include "skc-raster.h"

G_BEGIN_DECLS

typedef struct {
  const SkcImage *colour;    /* linear light, the frame's channels */
  const SkcImage *coverage;  /* one channel, 0..1, anti-aliased; NULL = 1 everywhere */
  gdouble radius;            /* disc blur radius in px; 0 = sharp */
} SkcSceneLayer;

/* The disc PSF of a layer: the anti-aliased unit-sum disc of skc-shape (the
 * presets' disc target); NULL for radius ≤ 0 (sharp: no convolution). */
SkcRaster *skc_layered_disc   (gdouble radius);

/* Composites layers[0] (farthest) … layers[n − 1] (nearest), starting from
 * nothing: R ← K_i ∗ (a_i·F_i) + (1 − K_i ∗ a_i)·R, and the coverage
 * A ← K_i ∗ a_i + (1 − K_i ∗ a_i)·A alike; K_i ∗ is skc_reference_convolve
 * with the disc (clamp-to-edge).  With the farthest layer's coverage 1,
 * R is the image (A = 1).  Returns R, premultiplied; *alpha (if not NULL)
 * receives A.  Two layers, back B (coverage 1), front F with coverage a:
 * front sharp, T = a·F + (1 − a)·(K ∗ B); back sharp,
 * T = K ∗ (a·F) + (1 − K ∗ a)·B.  Every colour must have the same size and
 * channels, every coverage that size and one channel; else NULL. */
SkcImage  *skc_layered_render (const SkcSceneLayer *layers, guint n_layers, SkcImage **alpha);

/* Radius in px for one depth-map value (a nearness: larger is nearer). */
typedef gdouble (*SkcDepthRadiusFunc) (gdouble depth, gpointer user_data);

/* Per-pixel scatter: each pixel spreads its own disc of its own radius
 * radius(depth(x)), nearer over farther.  "Nearer over farther" means: the
 * pixels of one depth value form a layer with hard coverage (1 on its
 * pixels, 0 elsewhere), colour src, and the layers are composited back to
 * front by skc_layered_render — so a near pixel's disc hides the discs of
 * farther pixels in proportion to its coverage, and on a layered frame of
 * hard-edged layers this is that frame's exact layered composite.  What lies
 * behind a near pixel is not in the input: where a blurred near layer
 * uncovers it (A < 1) the result is R / A, the visible light renormalised.
 * depth is one channel of src's size, its values the nearness (invert a
 * near-is-black map first); an 8-bit map gives at most 256 layers, each one
 * dense convolution.  NULL on mismatched sizes. */
SkcImage  *skc_reference_scatter (const SkcImage *src, const SkcImage *depth,
                                  SkcDepthRadiusFunc radius, gpointer user_data);

G_END_DECLS
