/* libskc — the sRGB transfer in double precision, for the references that
 * composite and blur in linear light (the engine has its own tables). */
#pragma once

#include "skc-image.h"

G_BEGIN_DECLS

/* IEC 61966-2-1, one value in [0, 1] (docs/ARCHITECTURE.md, Sources). */
gdouble   skc_srgb_to_linear   (gdouble c);
gdouble   skc_srgb_from_linear (gdouble l);

/* A decoded copy: every channel from sRGB to linear light. */
SkcImage *skc_image_srgb_decode (const SkcImage *img);
/* An encoded copy, clamped to [0, 1] and rounded to 8-bit codes (values
 * k/255): what a PNG of it holds, so comparisons see what a file would. */
SkcImage *skc_image_srgb_encode8 (const SkcImage *img);

G_END_DECLS
