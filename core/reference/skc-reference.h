/* libskc — the slow, obviously right references everything is tested against.
 * All use clamp-to-edge borders and double precision. */
#pragma once

#include "skc-complex.h"
#include "skc-family.h"
#include "skc-image.h"
#include "skc-raster.h"

G_BEGIN_DECLS

/* Dense convolution with a PSF: out(x) = Σ_k psf(k) · in(clamp(x − k)).
 * This is the gather out(x) = Σ_o g(o) · in(x + o) with g(o) = psf(−o),
 * i.e. the same convention as a complex whose impulse response is psf. */
SkcImage *skc_reference_convolve         (const SkcImage *src, const SkcRaster *psf);

/* The complex applied as written: each layer a bilinear gather
 * y(x) = Σ w · bilerp(prev, x + o) with clamp-to-edge, branches summed. */
SkcImage *skc_reference_filter_complex   (const SkcImage *src, const SkcComplex *c);

/* Returns the PSF for parameter p (new raster; the reference frees it). */
typedef SkcRaster *(*SkcTargetFunc) (gdouble p, gpointer user_data);

/* Spatially varying dense reference: pixel x gathers with the PSF at its own
 * parameter param(x) (a one-channel image of the frame's size):
 * out(x) = Σ_k psf_{param(x)}(k) · in(clamp(x − k)).  PSFs are built once
 * per distinct parameter value and cached. */
SkcImage *skc_reference_convolve_varying (const SkcImage *src, const SkcImage *param,
                                          SkcTargetFunc target, gpointer user_data);

/* Returns the complex for parameter p (new; the reference frees it). */
typedef SkcComplex *(*SkcComplexFunc) (gdouble p, gpointer user_data);

/* Spatially varying complex: layer by layer, pixel x gathers bilinearly
 * (clamp-to-edge) with the taps of layer l of complex(param(x)) — the
 * parameters read at the output pixel, as the engine does. */
SkcImage *skc_reference_filter_varying   (const SkcImage *src, const SkcImage *param,
                                          SkcComplexFunc complex, gpointer user_data);

/* Two-dimensional variance, densely: pixel x gathers, layer by layer as
 * skc_reference_filter_varying does, with its own complex — the family member
 * at radius(x) (skc_family_eval), stretched by aspect along its x axis, then
 * rotated by angle(x) degrees (counter-clockwise on screen).  radius and angle
 * are one-channel images of the frame's size.  Slow on purpose: the pixel's
 * complex is built again for every layer wherever (radius, angle) differs
 * from the pixel to its left; memory is one complex a thread. */
SkcImage *skc_reference_convolve_oriented (const SkcImage *src, const SkcImage *radius,
                                           const SkcImage *angle, const SkcFamily *family,
                                           gdouble aspect);

G_END_DECLS
