/* libskc — the optimiser: Adam on every offset and weight, families, snapping.
 *
 * Units: offsets are optimised as u = o / H with H = the target's support
 * radius, weights as they are.  The learning rate decays linearly from
 * lr_start to lr_end (DISK: 1e-3 → 1e-4 over 1000 steps) for the weights; the
 * offsets' rate is offset_lr_gain (30) times that, in units of H.  Measured on
 * a disc of radius 24, 4 × 24 taps, 1000 steps (kernel PSNR): gain 1 → 15.9 dB,
 * 3 → 16.4, 10 → 16.7, 30 → 17.4, 60 → 16.2, 100 → 15.9 — docs/ARCHITECTURE.md §6 found
 * the same need for a much larger offset step.  Gradients are divided by the largest
 * magnitude of the first step's gradient, a constant, so Adam's ε means the
 * same for any target size; Adam is otherwise invariant to that scale.
 * keep_dc projects each layer's weights back onto Σw = 1 after every step
 * (docs/ARCHITECTURE.md §6: a drifting DC gain costs 20 dB on photos).
 */
#include "skc-fit.h"
#include "skc-fit-private.h"
#include "skc-error.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

void
skc_fit_options_init (SkcFitOptions *opts)
{
  memset (opts, 0, sizeof (*opts));
  opts->steps = 1000;
  opts->lr_start = 1e-3;
  opts->lr_end = 1e-4;
  opts->offset_lr_gain = 30;
  opts->beta1 = 0.9;
  opts->beta2 = 0.999;
  opts->adam_eps = 1e-8;
  opts->loss = SKC_LOSS_L2;
  opts->charbonnier_eps = 1e-3;
  opts->seed = 1;
  opts->sparse_init = TRUE;
  opts->keep_dc = TRUE;
  opts->family_refine_steps = 4000;
  opts->lowpass_sigma = 0;
  opts->lowpass_weight = 0;
  opts->restarts = 1;
  opts->layer_units = TRUE;
}

gdouble
skc_fit_offset_unit (const SkcRaster *target, const SkcFitOptions *opts)
{
  return skc_target_radius (target) * (opts->halved ? 0.5 : 1.0);
}

void
skc_fit_project_unit_sum (SkcComplex *c)
{
  for (guint l = 0; l < c->n_layers; l++) {
    SkcLayer *layer = &c->layers[l];
    gdouble shift = (1.0 - skc_layer_weight_sum (layer)) / layer->n_taps;

    for (guint i = 0; i < layer->n_taps; i++)
      layer->taps[i].w += shift;
  }
}

static void adam_use_layer_units (SkcAdam *adam, const SkcComplex *c);

void
skc_adam_init (SkcAdam *adam, const SkcComplex *c, gdouble H, guint64 frozen_layers,
    const SkcFitOptions *opts)
{
  guint n = 3 * skc_complex_total_taps (c);

  adam->m = g_new0 (gdouble, n);
  adam->v = g_new0 (gdouble, n);
  adam->b1t = adam->b2t = 1;
  adam->gscale = 0;
  adam->H = H;
  adam->frozen = frozen_layers;
  adam->frozen_dy = 0;
  adam->frozen_dx = NULL;
  adam->unit = g_new (gdouble, c->n_layers);
  for (guint l = 0; l < c->n_layers; l++)
    adam->unit[l] = H;
  if (opts->layer_units)
    adam_use_layer_units (adam, c);
}

/* Layer l's offsets step in units of H·min(1, ρ_l / ρ_max), ρ the RMS tap
 * distance of a layer at the start: Adam moves every parameter by about the
 * learning rate whatever its gradient, so one unit for all layers throws a
 * layer of 2-px taps about by the step that suits a 48-px layer. */
static void
adam_use_layer_units (SkcAdam *adam, const SkcComplex *c)
{
  gdouble rho_max = 0, *rho = g_new0 (gdouble, c->n_layers);

  for (guint l = 0; l < c->n_layers; l++) {
    const SkcLayer *layer = &c->layers[l];

    for (guint i = 0; i < layer->n_taps; i++)
      rho[l] += layer->taps[i].dx * layer->taps[i].dx + layer->taps[i].dy * layer->taps[i].dy;
    rho[l] = sqrt (rho[l] / layer->n_taps);
    rho_max = MAX (rho_max, rho[l]);
  }
  for (guint l = 0; l < c->n_layers && rho_max > 0; l++)
    adam->unit[l] = adam->H * CLAMP (rho[l] / rho_max, 1.0 / 64, 1.0);
  g_free (rho);
}

void
skc_adam_clear (SkcAdam *adam)
{
  g_clear_pointer (&adam->m, g_free);
  g_clear_pointer (&adam->v, g_free);
  g_clear_pointer (&adam->unit, g_free);
  g_clear_pointer (&adam->frozen_dx, g_free);
}

void
skc_adam_step (SkcAdam *adam, SkcComplex *c, const gdouble *grad, gdouble lr,
    const SkcFitOptions *opts)
{
  guint k = 0, n = 3 * skc_complex_total_taps (c);
  /* A tap far outside the target's support only spreads energy where the
   * target has none; bounding offsets at a few supports also keeps the
   * impulse-response canvas small when a too-large learning rate throws
   * taps about (at 2048 px it took minutes a step). */
  const gdouble limit = MIN (SKC_MAX_OFFSET, 4 * adam->H + 4);

  if (adam->gscale == 0) {
    for (guint i = 0; i < n; i++)
      adam->gscale = MAX (adam->gscale, fabs (grad[i]) * (i % 3 < 2 ? adam->H : 1));
    adam->gscale = adam->gscale > 0 ? 1 / adam->gscale : 1;
  }
  adam->b1t *= opts->beta1;
  adam->b2t *= opts->beta2;
  for (guint l = 0; l < c->n_layers; l++) {
    for (guint i = 0; i < c->layers[l].n_taps; i++, k++) {
      SkcTap *t = &c->layers[l].taps[i];
      gdouble *params[3] = { &t->dx, &t->dy, &t->w };

      const guint64 bit = G_GUINT64_CONSTANT (1) << l;

      for (guint p = adam->frozen & bit ? 2 : 0; p < 3; p++) {
        guint j = 3 * k + p;
        /* The chain rule for u = o / H: ∂/∂u = H·∂/∂o, and a step Δu is H·Δu px. */
        gdouble unit = p < 2 ? adam->unit[l] : 1;
        gdouble rate = p < 2 ? lr * opts->offset_lr_gain : lr;
        gdouble g = grad[j] * unit * adam->gscale, mhat, vhat;

        if (p == 1 && (adam->frozen_dy & bit))
          continue;   /* rows snapped */
        if (p == 0 && adam->frozen_dx && adam->frozen_dx[k])
          continue;   /* that tap's column snapped */

        adam->m[j] = opts->beta1 * adam->m[j] + (1 - opts->beta1) * g;
        adam->v[j] = opts->beta2 * adam->v[j] + (1 - opts->beta2) * g * g;
        mhat = adam->m[j] / (1 - adam->b1t);
        vhat = adam->v[j] / (1 - adam->b2t);
        *params[p] -= unit * rate * mhat / (sqrt (vhat) + opts->adam_eps);
      }
      t->dx = CLAMP (t->dx, -limit, limit);
      t->dy = CLAMP (t->dy, -limit, limit);
    }
  }
  if (opts->keep_dc)
    skc_fit_project_unit_sum (c);
}

gdouble
skc_fit_learning_rate (const SkcFitOptions *opts, guint step)
{
  return opts->lr_start + (opts->lr_end - opts->lr_start) * step / MAX (opts->steps - 1, 1);
}

/* Adam over the 3 parameters of every tap; the offsets of the layers in
 * frozen stay (the snapping stage). */
static gdouble
adam_frozen (SkcComplex *c, const SkcRaster *target, const SkcFitOptions *opts, guint64 frozen,
    guint64 frozen_dy, guint8 *frozen_dx)
{
  gdouble *grad = g_new0 (gdouble, 3 * skc_complex_total_taps (c));
  gdouble loss;
  SkcAdam state;

  skc_adam_init (&state, c, skc_fit_offset_unit (target, opts), frozen, opts);
  state.frozen_dy = frozen_dy;
  state.frozen_dx = frozen_dx;
  if (opts->keep_dc)
    skc_fit_project_unit_sum (c);
  for (guint step = 0; step < opts->steps; step++) {
    loss = skc_fit_loss_grad_opts (c, target, opts, grad);
    if (opts->progress)
      opts->progress (step, opts->steps, loss, opts->progress_data);
    skc_adam_step (&state, c, grad, skc_fit_learning_rate (opts, step), opts);
  }
  loss = skc_fit_loss_grad_opts (c, target, opts, NULL);
  if (opts->progress)
    opts->progress (opts->steps, opts->steps, loss, opts->progress_data);
  skc_adam_clear (&state);
  g_free (grad);
  return loss;
}

static gdouble
adam (SkcComplex *c, const SkcRaster *target, const SkcFitOptions *opts, guint64 frozen, guint64 frozen_dy)
{
  return adam_frozen (c, target, opts, frozen, frozen_dy, NULL);
}

gdouble
skc_fit_optimise (SkcComplex *c, const SkcRaster *target, const SkcFitOptions *opts)
{
  return adam (c, target, opts, 0, 0);
}

SkcComplex *
skc_fit_complex (const SkcRaster *target, guint n_layers, const guint *n_taps,
    const SkcFitOptions *opts)
{
  SkcComplex *best = NULL;
  gdouble best_loss = INFINITY;

  for (guint k = 0; k < MAX (opts->restarts, 1); k++) {
    SkcFitOptions o = *opts;
    SkcComplex *c;
    gdouble loss;

    o.seed = opts->seed + k;
    c = skc_fit_initial (target, n_layers, n_taps, &o);
    if (c == NULL)
      return NULL;
    /* Halved: the same start on the half grid (scaling is exact, §1). */
    if (o.halved)
      skc_complex_scale (c, 0.5);
    loss = skc_fit_optimise (c, target, &o);
    if (loss < best_loss) {
      g_clear_pointer (&best, skc_complex_free);
      best = c;
      best_loss = loss;
    } else {
      skc_complex_free (c);
    }
  }
  return best;
}

gdouble
skc_fit_snap_layers (SkcComplex *c, const SkcRaster *target, const SkcFitOptions *opts,
    guint64 layers)
{
  for (guint l = 0; l < c->n_layers; l++) {
    if (!(layers & (G_GUINT64_CONSTANT (1) << l)))
      continue;
    for (guint i = 0; i < c->layers[l].n_taps; i++) {
      c->layers[l].taps[i].dx = round (c->layers[l].taps[i].dx);
      c->layers[l].taps[i].dy = round (c->layers[l].taps[i].dy);
    }
  }
  return adam (c, target, opts, layers, 0);
}

gdouble
skc_fit_snap_rows (SkcComplex *c, const SkcRaster *target, const SkcFitOptions *opts, guint64 layers)
{
  for (guint l = 0; l < c->n_layers; l++)
    if (layers & (G_GUINT64_CONSTANT (1) << l))
      for (guint i = 0; i < c->layers[l].n_taps; i++)
        c->layers[l].taps[i].dy = round (c->layers[l].taps[i].dy);
  return adam (c, target, opts, 0, layers);
}

static gint
by_distance (gconstpointer a, gconstpointer b)
{
  const gdouble *x = a, *y = b;

  return (x[0] > y[0]) - (x[0] < y[0]);
}

gdouble
skc_fit_snap_columns (SkcComplex *c, const SkcRaster *target, const SkcFitOptions *opts, guint64 layers,
    gdouble fraction)
{
  guint n = skc_complex_total_taps (c), k = 0;
  guint8 *frozen_dx = g_new0 (guint8, n);

  for (guint l = 0; l < c->n_layers; l++) {
    SkcLayer *layer = &c->layers[l];
    guint snap = (guint) ceil (CLAMP (fraction, 0, 1) * layer->n_taps);
    gdouble (*order)[2];

    if (!((layers >> l) & 1)) {
      k += layer->n_taps;
      continue;
    }
    /* (distance to the nearest column, tap index): the nearest move least. */
    order = g_malloc_n (layer->n_taps, sizeof *order);
    for (guint i = 0; i < layer->n_taps; i++) {
      layer->taps[i].dy = round (layer->taps[i].dy);
      order[i][0] = fabs (layer->taps[i].dx - round (layer->taps[i].dx));
      order[i][1] = i;
    }
    qsort (order, layer->n_taps, sizeof order[0], by_distance);
    for (guint j = 0; j < snap; j++) {
      guint i = (guint) order[j][1];

      layer->taps[i].dx = round (layer->taps[i].dx);
      frozen_dx[k + i] = 1;
    }
    k += layer->n_taps;
    g_free (order);
  }
  return adam_frozen (c, target, opts, 0, layers, frozen_dx);
}

gdouble
skc_fit_snap (SkcComplex *c, const SkcRaster *target, const SkcFitOptions *opts)
{
  return skc_fit_snap_layers (c, target, opts, G_MAXUINT64);
}

