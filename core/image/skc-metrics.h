/* libskc — image fidelity measures. */
#pragma once

#include "skc-image.h"

G_BEGIN_DECLS

/* PSNR in dB over all channels of the pixels at least `border` from every
 * edge: 10·log10(peak² / MSE); +inf for identical images, NaN if sizes differ. */
gdouble skc_image_psnr (const SkcImage *a, const SkcImage *b, gdouble peak, gint border);

/* PSNR over the pixels whose mask value is ≥ 0.5 (a one-channel image of
 * the same size; NULL = every pixel), all channels: an edge band's figure.
 * NaN if no pixel is selected or the sizes differ. */
gdouble skc_image_psnr_masked (const SkcImage *a, const SkcImage *b, const SkcImage *mask,
                               gdouble peak);

/* Mean SSIM (Wang et al. 2004: 11×11 Gaussian window σ = 1.5, K1 = 0.01,
 * K2 = 0.03, L = peak) over the same region, averaged over channels. */
gdouble skc_image_ssim (const SkcImage *a, const SkcImage *b, gdouble peak, gint border);

G_END_DECLS
