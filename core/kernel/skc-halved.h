/* libskc — what a kernel run at half resolution does at full resolution.
 *
 * The engine's halved path (core/engine/skc-halve.h) is down ∘ K ∘ up: the
 * 2×2 mean, a complex K on the half plane, the bilinear return at
 * ((x − ½)/2, (y − ½)/2).  It is not shift invariant: an impulse at full
 * pixel p = 2i + a (a ∈ {0, 1} per axis, the phase) comes back as
 *     A_a(d) = B(d + a),  B(x) = ¼ Σ_m k(m) u(x − 2m) (per axis product),
 * k the half-resolution PSF of K, u = [¼ ¾ ¾ ¼] at x − 2m = −1 … 2 (the
 * bilinear weights; the mean's ½ per axis is the ¼).  The mean of the 4
 * phases is exactly shift invariant:
 *     Ā(d) = Σ_m k(m) β(d − 2m),  β = [1 4 6 4 1]/16 at −2 … 2, per axis,
 * the half PSF spread onto the even pixels and blurred by the 5-tap binomial
 * (docs/ARCHITECTURE.md §8, "The decimation in the fit").  Borders are not
 * modelled: these are the responses far from the frame's edges. */
#pragma once

#include "skc-complex.h"
#include "skc-raster.h"

G_BEGIN_DECLS

/* A_(ax, ay) for the half-resolution PSF k: the full-resolution response to
 * an impulse at phase (ax, ay) ∈ {0, 1}², as displacements from it. */
SkcRaster *skc_halved_phase_response (const SkcRaster *k, gint ax, gint ay);

/* Ā: the mean of the 4 phases' responses, (k spread ×2) ∗ (β ⊗ β). */
SkcRaster *skc_halved_response       (const SkcRaster *k);

/* The adjoint of k ↦ Ā: for G on Ā's frame (∂loss/∂Ā), ∂loss/∂k on the
 * frame of like (k's): G_k(m) = Σ_x G(x) β(x − 2m), per axis product. */
SkcRaster *skc_halved_response_adjoint (const SkcRaster *G, const SkcRaster *like);

/* Ā of a complex whose taps are in half-resolution pixels. */
SkcRaster *skc_complex_halved_response (const SkcComplex *c);

/* Ā of a complex whose taps are in quarter-resolution pixels, run on the
 * half plane's half plane: the phases' mean of the halved path nested in
 * itself, the mean over a plane's 16 phases mod 4 per axis (each outer phase
 * meets every inner phase equally often), Ā_half spread ×2 and blurred by
 * β ⊗ β again. */
SkcRaster *skc_complex_quartered_response (const SkcComplex *c);

G_END_DECLS
