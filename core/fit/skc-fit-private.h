/* libskc — internals shared by the fitter's files. */
#pragma once

#include "skc-fit.h"

G_BEGIN_DECLS

/* Adam state for one complex (DISK's optimiser; units in skc-fit.c). */
typedef struct {
  gdouble *m, *v;
  gdouble  b1t, b2t;      /* β1^t, β2^t for bias correction */
  gdouble  gscale;        /* 1 / largest first gradient (set on the first step) */
  gdouble  H;             /* offset unit in pixels */
  gdouble *unit;          /* per layer: H, or less for a layer much smaller than the largest */
  guint64  frozen;        /* bit l set: layer l's offsets stay (snapped) */
  guint64  frozen_dy;     /* bit l set: layer l's dy stay (rows snapped); 0 after init */
  guint8  *frozen_dx;     /* per tap (all layers in order), or NULL: that tap's dx stays */
} SkcAdam;

/* frozen_layers: bit l keeps layer l's offsets; with opts->layer_units, each
 * layer's offset unit follows its size in c now (see skc-fit.c). */
void    skc_adam_init            (SkcAdam *adam, const SkcComplex *c, gdouble H,
                                  guint64 frozen_layers, const SkcFitOptions *opts);
void    skc_adam_clear           (SkcAdam *adam);
/* One update of every parameter from grad (3 per tap, pixels), then the
 * offset clamp and, with keep_dc, the unit-sum projection. */
void    skc_adam_step            (SkcAdam *adam, SkcComplex *c, const gdouble *grad,
                                  gdouble lr, const SkcFitOptions *opts);
gdouble skc_fit_learning_rate    (const SkcFitOptions *opts, guint step);
void    skc_fit_project_unit_sum (SkcComplex *c);

/* weight · Σ (B_σ ∗ (K − T))² over all pixels; with G (a raster on K's
 * frame) also adds its gradient ∂/∂K to G (skc-fit-lowpass.c). */
gdouble skc_fit_lowpass_term     (const SkcRaster *K, const SkcRaster *target, gdouble sigma,
                                  gdouble weight, SkcRaster *G);

/* One member of a family fitted to target at value p: from is its fitted
 * neighbour at p_from, or NULL (p_from 0) for the first member.  A new
 * complex, or NULL with an error. */
typedef SkcComplex *(*SkcFitMemberFunc) (const SkcRaster *target, const SkcComplex *from, gdouble p_from,
                                         gdouble p, gpointer data, GError **error);

/* What both family fitters hand their SkcFitMemberFunc: the layout and the
 * method's options (SkcFitOptions or SkcSaOptions). */
typedef struct {
  guint         n_layers;
  const guint  *n_taps;
  gconstpointer opts;
} SkcFitMemberLayout;

/* The members of a family, fitted by member in skc_fit_family's order: the
 * largest value ≤ 32 first, from nothing, then outward, each from its fitted
 * neighbour (skc-fit-family.c).  NULL with an error unless there are values,
 * positive and strictly increasing, and every target and member is made. */
SkcFamily *skc_family_fit_members (const gchar *name, const gchar *axis, guint n_values,
                                   const gdouble *values, SkcFitTargetFunc target_func,
                                   gpointer user_data, SkcFitMemberFunc member, gpointer member_data,
                                   GError **error);

/* Σ T² (1 for an empty target), what a family's joint losses divide each
 * target's loss by, so that members of any size weigh alike. */
gdouble skc_fit_target_energy    (const SkcRaster *t);

G_END_DECLS
