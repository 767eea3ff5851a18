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

G_END_DECLS
