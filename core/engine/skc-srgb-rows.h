/* libskc — 8-bit sRGB rows of four-channel planes in SIMD (the same bytes
 * as skc-plane.c's scalar rows).  mask: the channels that take the
 * transfer, 0x7 or 0xe; the others are plain samples.  The tables are
 * skc_srgb_encode_table/decode_table.  Call the _avx2 row only where
 * skc_cpu_has_avx2, the _avx512 one only where skc_cpu_has_avx512bw. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

void skc_srgb_encode_row8_c4_avx2 (guint8 *d, const gint16 *s, gint width, const guint8 *lut, guint mask);

void skc_srgb_decode_row8_c4_avx512 (gint16 *d, const guint8 *s, gint width, const gint16 *lut, guint mask);

G_END_DECLS
