/* libskc — a night scene for highlights with an exact truth: point lights
 * of several colours and brightnesses (linear light, many above white) over
 * a dark photo, behind a dim in-focus foreground; the 8-bit input clips the
 * lights, the truth blurs them unclipped (docs/ARCHITECTURE.md §7). */
#pragma once

#include "skc-image.h"

G_BEGIN_DECLS

/* 24 lights, far: each light an anti-aliased disc over the background. */
#define SKC_NIGHT_N_LIGHTS 24

typedef struct {
  gdouble x, y;      /* centre, frame fractions */
  gdouble radius;    /* px */
  gdouble rgb[3];    /* linear light, × white: the brightest channel is the light's brightness */
} SkcNightLight;

/* Light i (0 … SKC_NIGHT_N_LIGHTS − 1): brightness 1, 2, 4 or 8 × white,
 * five colours (sodium, warm white, red, green, blue), radius 1.5–3.5 px,
 * on a jittered 6 × 4 grid.  FALSE for i out of range. */
gboolean skc_night_light (guint i, SkcNightLight *out);

typedef struct {
  SkcImage *input;        /* RGB, sRGB 8-bit codes / 255: a·F + (1 − a)·B, clipped at white */
  SkcImage *depth;        /* 1 channel, codes / 255: SKC_SCENE_NEAR_CODE where a ≥ 0.5, else FAR */
  SkcImage *truth_linear; /* RGB linear light, unclipped: skc_layered_render of B (blurred) and F (sharp) */
  SkcImage *truth;        /* RGB, sRGB 8-bit codes / 255: truth_linear clipped */
  SkcImage *probe;        /* 1 channel: i + 1 within light i's blurred reach (radius + its own + 2 px), else 0 */
} SkcNight;

/* The scene from sRGB photos ([0, 1], RGB, all of one size, e.g. from
 * skc_scene_fit_photo) and the foreground's coverage: the background dimmed
 * to night (× 0.03 in linear light) with the lights over it, far and
 * blurred by a disc of radius px; the foreground dimmed (× 0.06), in focus.
 * Focus on the foreground: skc_scene_focus_depth (SKC_SCENE_FOCUS_FRONT).
 * NULL on mismatched sizes or channels. */
SkcNight *skc_night_new  (const SkcImage *background, const SkcImage *foreground,
                          const SkcImage *coverage, gdouble radius);
void      skc_night_free (SkcNight *night);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SkcNight, skc_night_free)

G_END_DECLS
