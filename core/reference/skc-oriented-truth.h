/* libskc — the dense truth for two-dimensional spatial variance: every pixel
 * gathers with the exact anti-aliased target at its own radius and angle. */
#pragma once

#include "skc-coverage.h"
#include "skc-image.h"
#include "skc-raster.h"

G_BEGIN_DECLS

/* Largest reach, aspect·radius and radius, of a shape these accept (px). */
#define SKC_ORIENTED_MAX_REACH 2048.0
/* Largest cat's-eye clip these accept (skc_coverage_init_clipped; at 2 the
 * lens is gone). */
#define SKC_ORIENTED_MAX_CLIP 1.9

/* The target PSF: the shape's exact coverage of each pixel (skc-coverage.h),
 * stretched by aspect along its x axis, then turned by angle_deg
 * (counter-clockwise on screen, as skc_complex_rotate), normalised to unit
 * sum, on a raster centred on the pixel holding displacement (0, 0) and just
 * large enough.  radius ≤ 0 is no blur (a one-pixel unit raster): the disc's
 * limit, and what a family gives at radius 0.  NULL (with a critical) for a
 * non-finite radius or angle, aspect ≤ 0, or a reach above
 * SKC_ORIENTED_MAX_REACH. */
SkcRaster *skc_oriented_psf (SkcOrientedShape shape, gdouble radius, gdouble angle_deg,
                             gdouble aspect);

/* out(x) = Σ_k psf_x(k) · in(clamp(x − k)) with psf_x = skc_oriented_psf
 * (shape, radius(x), angle(x), aspect): the convention of
 * skc_reference_convolve_varying, whose result it equals bit for bit when
 * handed these PSFs.  radius and angle are one-channel images of the frame's
 * size.  Every pixel's PSF is built afresh at its exact radius and angle — no
 * quantisation — and dropped once used: memory is the output plus one PSF a
 * thread (≤ (2·reach + 3)² entries).  Rows are shared over the processors.
 * NULL (with a critical) for a radius or angle the PSF refuses. */
SkcImage  *skc_reference_dense_oriented (const SkcImage *src, const SkcImage *radius,
                                         const SkcImage *angle, SkcOrientedShape shape,
                                         gdouble aspect);

/* The cat's eye: as skc_oriented_psf and skc_reference_dense_oriented with
 * the disc clipped by clip (skc_coverage_init_clipped, along the shape's x
 * axis; 0 … SKC_ORIENTED_MAX_CLIP, a per-pixel map of the frame's size, or
 * NULL for none — then the results equal the unclipped ones bit for bit). */
SkcRaster *skc_oriented_psf_clipped (SkcOrientedShape shape, gdouble radius, gdouble angle_deg,
                                     gdouble aspect, gdouble clip);
SkcImage  *skc_reference_dense_catseye (const SkcImage *src, const SkcImage *radius,
                                        const SkcImage *angle, const SkcImage *clip,
                                        SkcOrientedShape shape, gdouble aspect);

G_END_DECLS
