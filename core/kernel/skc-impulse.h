/* libskc — the exact impulse response of a complex. */
#pragma once

#include "skc-complex.h"
#include "skc-raster.h"

G_BEGIN_DECLS

/* PSF raster of one layer: each tap splatted bilinearly at -o with weight w,
 * on a canvas just large enough for the layer. */
SkcRaster *skc_layer_raster            (const SkcLayer *layer);

/* Impulse response (PSF) of the whole complex: for each branch the discrete
 * convolution of its layer rasters, summed over branches, on a canvas sized
 * automatically to hold every non-zero value.  Equals filtering a one-pixel
 * impulse with the cascade (tests check that). */
SkcRaster *skc_complex_impulse_response (const SkcComplex *c);

G_END_DECLS
