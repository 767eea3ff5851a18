/* libskc — the engine's halved path in doubles: its definition, step by step. */
#pragma once

#include "skc-complex.h"
#include "skc-image.h"

G_BEGIN_DECLS

/* down ∘ c ∘ up of src: each half pixel the mean of a 2×2 block (the last odd
 * row or column repeated), c applied on the half image as
 * skc_reference_filter_complex does (its taps in half pixels), and every
 * full pixel read back bilinearly at ((x − ½)/2, (y − ½)/2), clamp-to-edge.
 * What the engine computes in fixed point (core/engine/skc-halve.h). */
SkcImage *skc_reference_filter_halved (const SkcImage *src, const SkcComplex *c);

/* The halved path around the halved path: c on a quarter-resolution image
 * (its taps in quarter pixels), the 2×2 mean twice down and the bilinear
 * return twice up.  What the engine's quartered path computes. */
SkcImage *skc_reference_filter_quartered (const SkcImage *src, const SkcComplex *c);

G_END_DECLS
