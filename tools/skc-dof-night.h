/* skc-dof-scenes --night: the night scene of core/reference/skc-night run
 * through the engine as the element runs it, with and without highlight
 * bloom, and measured against its unclipped truth (docs/ARCHITECTURE.md §7). */
#pragma once

#include "skc.h"

G_BEGIN_DECLS

typedef struct {
  const gchar *dir;             /* written: night-{input,depth,truth,plain,bloom,clip}.png */
  const SkcImage *background;   /* sRGB photos fitted to the frame */
  const SkcImage *foreground;
  gdouble radius;               /* disc radius of the far layer, px (the element's max-radius) */
  gdouble threshold, gain;      /* highlight-threshold, highlight-gain of the bloom run */
} SkcDofNight;

/* Writes the scene, its depth map, the truth and the element's outputs
 * (occlusion-aware, RGBA, linear light): plain (no bloom), bloom (the
 * settings above) and clip (the same with a hard clip for the shoulder);
 * prints per brightness the lights' mean brightness against the truth and
 * the PSNR over the lights' neighbourhood, for both paths. */
gboolean skc_dof_night_write (const SkcDofNight *night, GError **error);

G_END_DECLS
