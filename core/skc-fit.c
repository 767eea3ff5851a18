/* libskc — the optimiser: Adam on every offset and weight, families, snapping.
 *
 * Units: offsets are optimised as u = o / H with H = the target's support
 * radius, weights as they are.  The learning rate decays linearly from
 * lr_start to lr_end (DISK: 1e-3 → 1e-4 over 1000 steps) for the weights; the
 * offsets' rate is offset_lr_gain (30) times that, in units of H.  Measured on
 * a disc of radius 24, 4 × 24 taps, 1000 steps (kernel PSNR): gain 1 → 15.9 dB,
 * 3 → 16.4, 10 → 16.7, 30 → 17.4, 60 → 16.2, 100 → 15.9 — DESIGN.md §6 found
 * the same need for a much larger offset step.  Gradients are divided by the largest
 * magnitude of the first step's gradient, a constant, so Adam's ε means the
 * same for any target size; Adam is otherwise invariant to that scale.
 * keep_dc projects each layer's weights back onto Σw = 1 after every step
 * (DESIGN.md §6: a drifting DC gain costs 20 dB on photos).
 */
#include "skc-fit.h"
#include "skc-error.h"

#include <math.h>
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
}

static void
project_unit_sum (SkcComplex *c)
{
  for (guint l = 0; l < c->n_layers; l++) {
    SkcLayer *layer = &c->layers[l];
    gdouble shift = (1.0 - skc_layer_weight_sum (layer)) / layer->n_taps;

    for (guint i = 0; i < layer->n_taps; i++)
      layer->taps[i].w += shift;
  }
}

/* Adam over the 3 parameters of every tap; move_offsets = FALSE freezes
 * offsets (the snapping stage). */
static gdouble
adam (SkcComplex *c, const SkcRaster *target, const SkcFitOptions *opts, gboolean move_offsets)
{
  guint n = skc_complex_total_taps (c), steps = opts->steps;
  gdouble H = skc_target_radius (target);
  gdouble eps = opts->charbonnier_eps * skc_raster_max (target);
  gdouble *grad = g_new0 (gdouble, 3 * n);
  gdouble *m = g_new0 (gdouble, 3 * n), *v = g_new0 (gdouble, 3 * n);
  gdouble gscale = 0, loss = 0, b1t = 1, b2t = 1;

  if (opts->keep_dc)
    project_unit_sum (c);

  for (guint step = 0; step < steps; step++) {
    gdouble lr = opts->lr_start + (opts->lr_end - opts->lr_start) * step / MAX (steps - 1, 1);
    guint k = 0;

    loss = skc_fit_loss_grad (c, target, opts->loss, eps, grad);
    if (opts->progress)
      opts->progress (step, steps, loss, opts->progress_data);
    if (step == 0) {
      for (guint i = 0; i < 3 * n; i++)
        gscale = MAX (gscale, fabs (grad[i]) * (i % 3 < 2 ? H : 1));
      gscale = gscale > 0 ? 1 / gscale : 1;
    }
    b1t *= opts->beta1;
    b2t *= opts->beta2;
    for (guint l = 0; l < c->n_layers; l++) {
      for (guint i = 0; i < c->layers[l].n_taps; i++, k++) {
        gdouble *params[3] = { &c->layers[l].taps[i].dx, &c->layers[l].taps[i].dy,
          &c->layers[l].taps[i].w };

        for (guint p = move_offsets ? 0 : 2; p < 3; p++) {
          guint j = 3 * k + p;
          /* The chain rule for u = o / H: ∂/∂u = H·∂/∂o, and a step Δu is H·Δu px. */
          gdouble unit = p < 2 ? H : 1;
          gdouble lrp = p < 2 ? lr * opts->offset_lr_gain : lr;
          gdouble g = grad[j] * unit * gscale, mhat, vhat;

          m[j] = opts->beta1 * m[j] + (1 - opts->beta1) * g;
          v[j] = opts->beta2 * v[j] + (1 - opts->beta2) * g * g;
          mhat = m[j] / (1 - b1t);
          vhat = v[j] / (1 - b2t);
          *params[p] -= unit * lrp * mhat / (sqrt (vhat) + opts->adam_eps);
        }
      }
    }
    for (guint l = 0; l < c->n_layers; l++)
      for (guint i = 0; i < c->layers[l].n_taps; i++) {
        SkcTap *t = &c->layers[l].taps[i];

        t->dx = CLAMP (t->dx, -SKC_MAX_OFFSET, SKC_MAX_OFFSET);
        t->dy = CLAMP (t->dy, -SKC_MAX_OFFSET, SKC_MAX_OFFSET);
      }
    if (opts->keep_dc)
      project_unit_sum (c);
  }
  loss = skc_fit_loss_grad (c, target, opts->loss, eps, NULL);
  if (opts->progress)
    opts->progress (steps, steps, loss, opts->progress_data);
  g_free (grad);
  g_free (m);
  g_free (v);
  return loss;
}

gdouble
skc_fit_optimise (SkcComplex *c, const SkcRaster *target, const SkcFitOptions *opts)
{
  return adam (c, target, opts, TRUE);
}

gdouble
skc_fit_snap (SkcComplex *c, const SkcRaster *target, const SkcFitOptions *opts)
{
  for (guint l = 0; l < c->n_layers; l++)
    for (guint i = 0; i < c->layers[l].n_taps; i++) {
      c->layers[l].taps[i].dx = round (c->layers[l].taps[i].dx);
      c->layers[l].taps[i].dy = round (c->layers[l].taps[i].dy);
    }
  return adam (c, target, opts, FALSE);
}

SkcFamily *
skc_fit_family (const gchar *name, const gchar *axis, guint n_values, const gdouble *values,
    SkcFitTargetFunc target_func, gpointer user_data, guint n_layers, const guint *n_taps,
    const SkcFitOptions *opts, GError **error)
{
  g_autoptr (SkcFamily) family = NULL;
  guint anchor = 0;

  if (n_values == 0) {
    g_set_error (error, SKC_ERROR, SKC_ERROR_INVALID, "a family needs at least one value");
    return NULL;
  }
  for (guint k = 0; k < n_values; k++) {
    if (!isfinite (values[k]) || values[k] <= 0 || (k > 0 && values[k] <= values[k - 1])) {
      g_set_error (error, SKC_ERROR, SKC_ERROR_INVALID,
          "family values must be positive and increase strictly (value %u is %g)", k, values[k]);
      return NULL;
    }
  }
  family = skc_family_new (name, axis, n_values, values);

  /* Fit first the largest member up to 32 px, where a shape is resolved but
   * the fit is still quick; warm-start outward from it, so small members
   * inherit the shape's structure instead of large ones inheriting a blob. */
  for (guint k = 0; k < n_values; k++)
    if (values[k] <= 32)
      anchor = k;

  for (guint step = 0; step < n_values; step++) {
    /* Visit anchor, anchor−1 … 0, then anchor+1 … M−1. */
    guint k = step <= anchor ? anchor - step : step;
    gint from = step == 0 ? -1 : (k < anchor ? (gint) k + 1 : (gint) k - 1);
    g_autoptr (SkcRaster) target = target_func (values[k], user_data, error);
    SkcComplex *c;

    if (target == NULL)
      return NULL;
    if (from < 0) {
      c = skc_fit_initial (target, n_layers, n_taps, opts);
      if (c == NULL) {
        g_set_error (error, SKC_ERROR, SKC_ERROR_INVALID, "invalid layer or tap counts");
        return NULL;
      }
    } else {
      c = skc_complex_copy (family->members[from]);
      skc_complex_scale (c, values[k] / values[from]);
    }
    skc_fit_optimise (c, target, opts);
    family->members[k] = c;
  }
  return g_steal_pointer (&family);
}
