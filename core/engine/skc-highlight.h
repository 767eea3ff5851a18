/* libskc — highlights: 8-bit video clips its lights at white, so a blurred
 * light comes out dull grey.  Before the blur, linear-light samples above a
 * threshold are expanded where the pixel is out of focus (so the light
 * energy the clip removed spreads as through a lens); after it, values above
 * white are folded back under a soft shoulder instead of a hard clip.
 *
 * Headroom: the int16 planes hold about 2× white, a light boosted to 4–16×
 * would saturate there.  So a boost that needs it holds the light channels
 * at 2^−shift from the boost to the shoulder (the blur is linear, so scaling
 * commutes with it), and the shoulder scales them back. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  gint   threshold; /* on the plane's scale (Q6: 16320 = white); ≥ white: off */
  gfloat gain;      /* slope above the threshold at full defocus; 1: off */
  gfloat ramp;      /* |radius| (px) from which the boost is whole (in focus: 0) */
  gint   shift;     /* headroom: light channels held at 2^−shift (0: as loaded) */
} SkcHighlight;

/* TRUE when the settings change nothing (threshold ≥ white or gain ≤ 1). */
gboolean skc_highlight_is_off (const SkcHighlight *h, gint white);

/* The smallest shift (0 … 8) at which a sample at white, boosted whole,
 * stays at or below ceiling: 0 while the boost fits the plane as it is, so
 * moderate gains keep the bytes they had without headroom. */
gint skc_highlight_shift (const SkcHighlight *h, gint white, gint ceiling);

/* v at 2^−shift, rounded half up (v ≥ 0): how unboosted samples are held. */
static inline gint
skc_highlight_down (gint v, gint shift)
{
  return shift > 0 ? (v + (1 << (shift - 1))) >> shift : v;
}

/* One row of n pixels × channels interleaved samples, in place:
 * v' = (v + (v − t)⁺ · (gain − 1) · min(|radius| / ramp, 1)) · 2^−shift,
 * saturating at ceiling.  radius holds n values (NaN or 0: in focus, not
 * boosted); only channels whose bit is set in mask are boosted and scaled
 * (alpha is not light). */
void skc_highlight_boost_row (gint16 *row, gint n, gint channels, guint mask, const gfloat *radius,
                              const SkcHighlight *h, gint ceiling);

/* The shoulder: a table over held values 0 … size − 1 giving, for u = v ·
 * 2^shift, u itself up to knee and above it a smooth fold (slope 1 at the
 * knee, continuous) into [knee, white].  knee ≥ white: a hard clip at white.
 * Free with g_free. */
gint16 *skc_highlight_shoulder_table (gint knee, gint white, gint size, gint shift);

/* After the blur, one row as skc_highlight_boost_row's, the channels in
 * mask: out-of-focus samples through the table (negative ones only scaled
 * back), in-focus ones scaled back by 2^shift — except those the filter left
 * as they were held (skc_highlight_down of orig, the row as loaded; orig may
 * be NULL when shift is 0), which get orig back: in-focus pixels keep their
 * bytes whatever the headroom. */
void skc_highlight_shoulder_row (gint16 *row, const gint16 *orig, gint n, gint channels, guint mask,
                                 const gfloat *radius, const gint16 *table, gint shift);

G_END_DECLS
