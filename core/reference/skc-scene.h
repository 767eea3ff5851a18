/* libskc — layered test scenes for depth of field with an exact truth: a
 * foreground photo cut out by an anti-aliased mask over a background photo,
 * two constant depths (docs/ARCHITECTURE.md §7). */
#pragma once

#include "skc-image.h"

G_BEGIN_DECLS

typedef enum {
  SKC_SCENE_COMPACT,   /* one ellipse: a subject */
  SKC_SCENE_THIN,      /* branches 3–6 px wide: outlines everywhere */
} SkcSceneShape;

typedef enum {
  SKC_SCENE_FOCUS_FRONT,  /* foreground sharp, background blurred */
  SKC_SCENE_FOCUS_BACK,   /* background sharp, foreground blurred */
} SkcSceneFocus;

/* Depth-map codes, near = white: 0.627 apart in nearness, so with the
 * element's default focus-range (0.1) the layer out of focus gets exactly
 * max-radius (the ramp saturates 0.55 from the focused value). */
#define SKC_SCENE_NEAR_CODE 200
#define SKC_SCENE_FAR_CODE  40

typedef struct {
  SkcImage *coverage;  /* 1 channel, the foreground's anti-aliased coverage a */
  SkcImage *input;     /* RGB, sRGB 8-bit codes / 255: a·F + (1 − a)·B in linear light */
  SkcImage *depth;     /* 1 channel, codes / 255: NEAR where a ≥ 0.5, else FAR */
  SkcImage *truth;     /* RGB, sRGB 8-bit codes / 255: skc_layered_render of the two layers */
  SkcImage *band;      /* 1 channel, 1 within the radius of the a = 0.5 contour, else 0 */
} SkcScene;

/* The foreground's coverage at width × height. */
SkcImage *skc_scene_mask      (SkcSceneShape shape, gint width, gint height);

/* The photo scaled (bilinear) to cover width × height, centred and cropped. */
SkcImage *skc_scene_fit_photo (const SkcImage *photo, gint width, gint height);

/* 1 where a pixel of the other side of the a ≥ 0.5 threshold lies within
 * radius px (centre to centre), else 0: the pixels whose distance to the
 * contour, half-way between the two, is below radius.  A straight edge
 * gives a band 2·radius pixels wide for an integer radius. */
SkcImage *skc_scene_band      (const SkcImage *coverage, gdouble radius);

/* The depth-map value (nearness 0..1) of the layer in focus. */
gdouble   skc_scene_focus_depth (SkcSceneFocus focus);

/* The scene from sRGB photos ([0, 1], RGB, width × height, e.g. from
 * skc_scene_fit_photo) and a coverage of their size; the layer out of focus
 * blurred by a disc of radius px.  NULL on mismatched sizes. */
SkcScene *skc_scene_new       (const SkcImage *background, const SkcImage *foreground,
                               const SkcImage *coverage, SkcSceneFocus focus, gdouble radius);
void      skc_scene_free      (SkcScene *scene);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SkcScene, skc_scene_free)

G_END_DECLS
