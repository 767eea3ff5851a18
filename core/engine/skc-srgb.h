/* libskc — sRGB transfer by tables, for filtering in linear light (bokeh
 * highlights bloom as through a lens only when light adds linearly). */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Planes hold Q6 values: 0 … 16320 for 0 … 1.  decode[v] is the linear light
 * of the 8-bit sRGB code v in Q6; encode[q] the 8-bit sRGB code of the Q6
 * linear value q (q clamped to 0 … 16320 by the caller). */
#define SKC_SRGB_ENCODE_SIZE 16321

const gint16 *skc_srgb_decode_table (void);
const guint8 *skc_srgb_encode_table (void);

/* The same for 16-bit codes (RGBA64), on the 16-bit planes' scale 0 … 16383
 * for 0 … 1: decode16[v] for every code v, encode16[q] for q in 0 … 16383.
 * Built on first use, apart, so that 8-bit streams never pay for them.
 * 65536 codes cannot all survive 14 bits of linear light: the darkest, up to
 * ~52 codes apart where the curve is steepest, come back within 26 codes. */
#define SKC_SRGB16_ENCODE_SIZE 16384

const gint16  *skc_srgb_decode16_table (void);
const guint16 *skc_srgb_encode16_table (void);

G_END_DECLS
