/* libskc — the baselines DISK is compared with, fitted to the same targets
 * and written as complexes so every tool reads them. */
#pragma once

#include "skc-complex.h"
#include "skc-family.h"
#include "skc-fit.h"
#include "skc-raster.h"

G_BEGIN_DECLS

/* LowRank (McGraw, Vis. Comput. 2015): rank-r SVD of the target,
 * K ≈ Σ_k σ_k u_k v_kᵀ, written as r branches of two 1-D layers
 * (horizontal then vertical, integer offsets); cost 2·M·r taps for an M×M
 * target.  rank ≥ 1; a rank above the matrix rank is clamped. */
SkcComplex *skc_baseline_lowrank (const SkcRaster *target, guint rank, GError **error);

typedef struct {
  guint   candidates;   /* parallel chains (default 10) */
  guint   iterations;   /* per chain (default 10000) */
  guint64 seed;         /* default 1 */
  gboolean keep_dc;     /* unit-sum layers (default TRUE, as DISK) */
  gdouble max_weight;   /* > 0: a proposal leaving a tap's |w| above it is
                         * rejected (default 0: no bound) */
  const SkcComplex *start; /* warm start (NULL, the default: the radial start);
                            * must have the requested layout, one branch */
} SkcSaOptions;

void        skc_sa_options_init  (SkcSaOptions *opts);

/* PST-style search (Schuster et al., HPG 2020): parallel tempering over tap
 * offsets and weights — `candidates` chains at geometrically spaced
 * temperatures, each proposing a random change of one tap per iteration,
 * accepted by the Metropolis rule, neighbouring chains swapping states —
 * minimising the same L2 loss of the impulse response as DISK.  Starts from
 * opts->start, or else skc_fit_initial without sparse sampling.  Returns the
 * best state seen, so never worse than the start (projected to unit sum with
 * keep_dc).  NULL for invalid layer or tap counts or a start of another
 * layout. */
SkcComplex *skc_baseline_sa      (const SkcRaster *target, guint n_layers, const guint *n_taps,
                                  const SkcSaOptions *opts, GError **error);

/* An SA family (skc-baseline-sa-family.c): one skc_baseline_sa complex per
 * value, all with the layout n_taps, visited in skc_fit_family's order — the
 * largest value ≤ 32 from opts->start or the radial start, every other from its
 * neighbour's result scaled by p / p_neighbour (opts->start then ignored) —
 * so that taps correspond from member to member.  No joint refinement.  NULL
 * with an error for values that are not positive and strictly increasing, a
 * failed target or invalid counts. */
SkcFamily  *skc_baseline_sa_family (const gchar *name, const gchar *axis,
                                    guint n_values, const gdouble *values,
                                    SkcFitTargetFunc target, gpointer user_data,
                                    guint n_layers, const guint *n_taps,
                                    const SkcSaOptions *opts, GError **error);

G_END_DECLS
