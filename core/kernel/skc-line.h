/* libskc — the motion-blur line, built exactly instead of fitted. */
#pragma once

#include "skc-complex.h"

G_BEGIN_DECLS

/* A straight line along x from −radius to +radius through the centre, unit
 * sum: a cascade of L layers, layer l holding taps ±radius/2^l of weight ½,
 * so the 2^L sums are the centres of 2^L equal cells of [−radius, radius]
 * (midpoint sampling of the line).  L is the fewest with cells ≤ one pixel
 * wide: 2L taps for 2^L points.  Exact (the dense anti-aliased line) when
 * 2·radius is a power of two, when every offset but the last (½) is whole;
 * otherwise each fractional layer's bilinear tent softens the two ends, by
 * up to ~15% of the line's height (tests/core/test-line.c).  radius must be in (0, SKC_MAX_OFFSET]; NULL otherwise. */
SkcComplex *skc_line_complex (gdouble radius);

G_END_DECLS
