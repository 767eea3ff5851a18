/* libskc — the baselines DISK is compared with, fitted to the same targets
 * and written as complexes so every tool reads them. */
#pragma once

#include "skc-complex.h"
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
} SkcSaOptions;

void        skc_sa_options_init  (SkcSaOptions *opts);

/* PST-style search (Schuster et al., HPG 2020): parallel tempering over tap
 * offsets and weights — `candidates` chains at geometrically spaced
 * temperatures, each proposing a random change of one tap per iteration,
 * accepted by the Metropolis rule, neighbouring chains swapping states —
 * minimising the same L2 loss of the impulse response as DISK.  Starts from
 * skc_fit_initial without sparse sampling.  Returns the best state seen. */
SkcComplex *skc_baseline_sa      (const SkcRaster *target, guint n_layers, const guint *n_taps,
                                  const SkcSaOptions *opts, GError **error);

G_END_DECLS
