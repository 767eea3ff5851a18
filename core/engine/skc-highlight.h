/* libskc — highlights: 8-bit video clips its lights at white, so a blurred
 * light comes out dull grey.  Before the blur, linear-light samples above a
 * threshold are expanded where the pixel is out of focus (so the light
 * energy the clip removed spreads as through a lens); after it, values above
 * white are folded back under a soft shoulder instead of a hard clip. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  gint   threshold; /* on the plane's scale (Q6: 16320 = white); ≥ white: off */
  gfloat gain;      /* slope above the threshold at full defocus; 1: off */
  gfloat ramp;      /* |radius| (px) from which the boost is whole (in focus: 0) */
} SkcHighlight;

/* TRUE when the settings change nothing (threshold ≥ white or gain ≤ 1). */
gboolean skc_highlight_is_off (const SkcHighlight *h, gint white);

/* One row of n pixels × channels interleaved samples, in place:
 * v' = v + (v − t)⁺ · (gain − 1) · min(|radius| / ramp, 1), saturating at
 * ceiling.  radius holds n values (NaN or 0: in focus, left untouched);
 * only channels whose bit is set in mask are boosted (alpha is not light). */
void skc_highlight_boost_row (gint16 *row, gint n, gint channels, guint mask, const gfloat *radius,
                              const SkcHighlight *h, gint ceiling);

/* The shoulder: a table over 0 … size − 1 mapping values up to knee to
 * themselves and those above smoothly (slope 1 at the knee, continuous)
 * into [knee, white).  Free with g_free. */
/* After the blur, one row as skc_highlight_boost_row's: positive samples of
 * the channels in mask, at pixels out of focus, through the shoulder table. */
void skc_highlight_shoulder_row (gint16 *row, gint n, gint channels, guint mask, const gfloat *radius,
                                 const gint16 *table);
gint16 *skc_highlight_shoulder_table (gint knee, gint white, gint size);

G_END_DECLS
