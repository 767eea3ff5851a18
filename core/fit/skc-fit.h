/* libskc — the differentiable fitter (DISK, Wu et al., ICLR 2026).
 *
 * Parameters: every tap's offset and weight of every layer.  Offsets are
 * optimised in normalised units u = o / H (H = the target's support radius in
 * pixels, at least 1), with offset_lr_gain times the weights' learning rate
 * (see skc-fit.c for the measurement behind the default).
 */
#pragma once

#include "skc-complex.h"
#include "skc-family.h"
#include "skc-raster.h"

G_BEGIN_DECLS

typedef enum {
  SKC_LOSS_L2,            /* Σ (K − T)² */
  SKC_LOSS_CHARBONNIER,   /* Σ sqrt((K − T)² + ε²), ε = eps_rel · max T */
} SkcLoss;

typedef void (*SkcFitProgressFunc) (guint step, guint n_steps, gdouble loss,
                                    gpointer user_data);

typedef struct {
  guint    steps;            /* Adam steps (default 1000) */
  gdouble  lr_start, lr_end; /* weights: linear decay (default 1e-3 → 1e-4) */
  gdouble  offset_lr_gain;   /* offsets (in units of H): gain × lr (default 30) */
  gdouble  beta1, beta2;     /* default 0.9, 0.999 */
  gdouble  adam_eps;         /* default 1e-8 (in gradient units, scaled: see skc-fit.c) */
  SkcLoss  loss;             /* default SKC_LOSS_L2 (measured better) */
  gdouble  charbonnier_eps;  /* relative to the target peak; default 1e-3 */
  guint64  seed;             /* default 1 */
  gboolean sparse_init;      /* Poisson-disk first layer (default TRUE) */
  gboolean lattice_init;     /* with sparse_init: a lattice instead of Poisson-disk darts (FALSE) */
  gboolean layer_units;      /* offsets of small layers step in their own scale (TRUE; skc-fit.c) */
  guint    restarts;         /* skc_fit_complex: best of this many seeds (default 1) */
  gboolean keep_dc;          /* project every layer's weights to unit sum (default TRUE) */
  gdouble  lowpass_sigma;    /* px; > 0 adds lowpass_weight · Σ (B_σ ∗ (K − T))² to the loss, */
  gdouble  lowpass_weight;   /* the residual as a photo sees it (0, 0: off; skc-fit-lowpass.c) */
  guint    family_refine_steps; /* joint refinement of a family with its half-way blends (4000) */
  gboolean halved;           /* the complex runs at half resolution: its taps are in half pixels and the
                              * loss takes its 4-phase-mean response at full resolution (skc-halved.h)
                              * against the full-resolution target (FALSE) */
  SkcFitProgressFunc progress;
  gpointer progress_data;
} SkcFitOptions;

void        skc_fit_options_init (SkcFitOptions *opts);

/* Loss of the complex's impulse response against the target (a unit-sum PSF)
 * and, if grad is not NULL, its exact gradient: grad[3·i + 0/1/2] =
 * ∂loss/∂dx, ∂dy, ∂w for tap i counted over all layers in order.  Offsets in
 * pixels here (the optimiser converts).  Supports one-branch complexes. */
gdouble     skc_fit_loss_grad    (const SkcComplex *c, const SkcRaster *target,
                                  SkcLoss loss, gdouble charbonnier_eps_abs,
                                  gdouble *grad);

/* The loss the fitter descends for opts: skc_fit_loss_grad with opts' loss
 * and ε, plus lowpass_weight · Σ (B_σ ∗ (K − T))² when lowpass_sigma > 0. */
gdouble     skc_fit_loss_grad_opts (const SkcComplex *c, const SkcRaster *target,
                                    const SkcFitOptions *opts, gdouble *grad);

/* The offsets' unit for opts: the target's support radius, halved with
 * opts->halved (the taps then live on the half grid). */
gdouble     skc_fit_offset_unit  (const SkcRaster *target, const SkcFitOptions *opts);

/* Support radius of a target: largest distance of a pixel with value
 * > 1e-6·max from the centre, at least 1. */
gdouble     skc_target_radius    (const SkcRaster *target);

/* The initial complex: *increasing radial* rings for every layer (layer l on
 * a circle of radius l·Δr, Δr = 2R / (L(L+1)), weights 1/N_l, each ring
 * turned by half a tap spacing from the previous one), and, with sparse_init,
 * the first layer Poisson-disk sampled on the target support from
 * r = sqrt(S / (N·π)), the later rings then sized to fill between samples
 * (details in skc-fit-init.c).  Taps sit at the negated PSF positions. */
SkcComplex *skc_fit_initial      (const SkcRaster *target, guint n_layers, const guint *n_taps,
                                  const SkcFitOptions *opts);

/* Optimises c in place.  Returns the final loss. */
gdouble     skc_fit_optimise     (SkcComplex *c, const SkcRaster *target,
                                  const SkcFitOptions *opts);

/* skc_fit_initial + skc_fit_optimise, opts->restarts times with seeds seed,
 * seed + 1, …; returns the fit of lowest loss (the first on ties), or NULL
 * for invalid layer or tap counts.  Deterministic for a given seed. */
SkcComplex *skc_fit_complex      (const SkcRaster *target, guint n_layers, const guint *n_taps,
                                  const SkcFitOptions *opts);

/* Snaps every offset to the nearest integer and re-fits the weights alone
 * (same loss, Adam, unit-sum layers).  Returns the final loss. */
gdouble     skc_fit_snap         (SkcComplex *c, const SkcRaster *target,
                                  const SkcFitOptions *opts);

/* Snaps the offsets of the layers whose bit is set in layers (bit l = layer
 * l) and re-fits everything else: the other layers' offsets and all weights.
 * Snapping only the large first layer keeps the fixed path's integer taps few
 * while the small layers keep the edge soft where the target's is. */
gdouble     skc_fit_snap_layers  (SkcComplex *c, const SkcRaster *target,
                                  const SkcFitOptions *opts, guint64 layers);

/* Rounds the dy of the chosen layers' taps to whole rows and keeps them
 * there while everything else is refitted (dx, the other layers, all
 * weights).  A fractional tap on a whole row expands to 2 integer taps in the
 * fixed path instead of 4.  Measured on the hexagon at 32 px, 84+4+4+4, first
 * layer: 318 → 192 integer taps for 20.87 → 20.28 dB kernel PSNR (within
 * docs/ARCHITECTURE.md §6's 1 dB, where snapping both axes lost 1.9 dB). */
gdouble     skc_fit_snap_rows    (SkcComplex *c, const SkcRaster *target,
                                  const SkcFitOptions *opts, guint64 layers);

/* After skc_fit_snap_rows: also snaps the dx of the fraction of the chosen
 * layers' taps nearest a whole column (those taps then cost 1 integer tap,
 * not 2) and refits the rest, rows still held.  Hexagon 32 px, 84+4+4+4,
 * first layer, best of 4: rows alone 192 integer taps at 20.28 dB kernel
 * PSNR, with 3/4 of the columns 143 at 20.13 (all columns: 1.9 dB lost). */
gdouble     skc_fit_snap_columns (SkcComplex *c, const SkcRaster *target,
                                  const SkcFitOptions *opts, guint64 layers, gdouble fraction);

/* Returns the PSF for parameter p (new raster). */
typedef SkcRaster *(*SkcFitTargetFunc) (gdouble p, gpointer user_data, GError **error);

/* One member of a family fitted at value p from its fitted neighbour at
 * value p_from: the neighbour's offsets scaled by p / p_from (exact), then
 * refined at a tenth of the learning rate so its taps keep corresponding
 * with the neighbour's.  The step skc_fit_family takes for every member but
 * the first; also what "a member fitted at p" means when a half-way blend is
 * judged (skc-fidelity --family).  Returns a new complex. */
SkcComplex *skc_fit_member_from  (const SkcComplex *neighbour, gdouble p_from, gdouble p,
                                  const SkcRaster *target, const SkcFitOptions *opts);

/* The joint refinement skc_fit_family ends with, on its own: family_refine_steps
 * of Adam over every member of f (in place) against its target and every
 * half-way blend against the target half-way.  With opts->halved every
 * member is a half-resolution one.  FALSE when a target cannot be made. */
gboolean    skc_fit_family_refine (SkcFamily *f, SkcFitTargetFunc target, gpointer user_data,
                                   const SkcFitOptions *opts, GError **error);

/* Fits one member per value: the largest value ≤ 32 first, from
 * skc_fit_initial, then outward, each member warm-started from its fitted
 * neighbour (offsets scaled by p_k / p_neighbour) and refined gently, so taps
 * correspond along the axis.  Then family_refine_steps of joint Adam over all
 * members on their own targets and on the targets half-way between
 * neighbours, against their half-way blends. */
SkcFamily  *skc_fit_family       (const gchar *name, const gchar *axis,
                                  guint n_values, const gdouble *values,
                                  SkcFitTargetFunc target, gpointer user_data,
                                  guint n_layers, const guint *n_taps,
                                  const SkcFitOptions *opts, GError **error);

/* How a member's start is made from its fitted neighbour's copy c (fitted at
 * p_from) for value p: skc_fit_family scales by p / p_from; other axes
 * (the cat's eye's clip) have their own exact or near map. */
typedef void (*SkcFitWarmFunc) (SkcComplex *c, gdouble p_from, gdouble p, gpointer user_data);

/* skc_fit_family along any axis: values ≥ 0 strictly increasing, member
 * anchor fitted first (from skc_fit_initial), the others outward, each
 * started by warm from its neighbour and refined at a tenth of the rate,
 * then the same joint refinement. */
SkcFamily  *skc_fit_family_warm  (const gchar *name, const gchar *axis,
                                  guint n_values, const gdouble *values, guint anchor,
                                  SkcFitTargetFunc target, SkcFitWarmFunc warm, gpointer user_data,
                                  guint n_layers, const guint *n_taps,
                                  const SkcFitOptions *opts, GError **error);

/* A view of a complex as the engine runs it: stretched by aspect along x,
 * then turned by angle (degrees, skc_complex_rotate), its loss weighted. */
typedef struct {
  gdouble aspect, angle, weight;
} SkcFitView;

/* The target at p as seen in a view (stretched and turned alike). */
typedef SkcRaster *(*SkcFitViewTargetFunc) (gdouble p, const SkcFitView *view, gpointer user_data,
                                            GError **error);

/* Joint Adam (opts->family_refine_steps) over members 0 … n_free − 1 of f,
 * in place, on Σ over views of the loss of each member and of the blends at
 * ¼, ½, ¾ towards the next member (which may be a fixed one), each in the
 * view against the view's target: the offsets' gradient reaches the member
 * through the view's linear map (skc-fit-views.c).  FALSE when a target
 * cannot be made. */
gboolean    skc_fit_family_refine_views (SkcFamily *f, guint n_free, const SkcFitView *views, guint n_views,
                                         SkcFitViewTargetFunc target, gpointer user_data,
                                         const SkcFitOptions *opts, GError **error);

G_END_DECLS
