/* libskc — refining a family's members for the views the engine turns them
 * to (docs/ARCHITECTURE.md §10): each member, stretched and turned by a
 * linear map A of its offsets, should match the target stretched and turned
 * alike.  Small fitted members lean on the pixel grid — far taps whose
 * bilinear splats cancel on it — and turned off the axes those splats no
 * longer cancel (the disc at 3 px: 42 dB at 0°, 5 dB at 7°). */
#include "skc-fit.h"
#include "skc-fit-private.h"

#include <math.h>
#include <string.h>

/* The blends scored in every interval (t = ¼, ½, ¾) and their weight
 * together, as in the family's joint refinement (skc-fit-family.c). */
#define VIEW_BLENDS 3
#define VIEW_BLEND_WEIGHT 10.0

/* A (2×2, row-major) of a view, found by applying the family's own
 * stretch and turn to the unit offsets, so its convention is theirs. */
static void
view_matrix (const SkcFitView *v, gdouble A[4])
{
  guint taps[1] = { 2 };
  g_autoptr (SkcComplex) c = skc_complex_new (1, taps);

  c->layers[0].taps[0] = (SkcTap) { 1, 0, 0.5 };
  c->layers[0].taps[1] = (SkcTap) { 0, 1, 0.5 };
  skc_complex_scale_xy (c, v->aspect, 1);
  skc_complex_rotate (c, v->angle);
  A[0] = c->layers[0].taps[0].dx;
  A[2] = c->layers[0].taps[0].dy;
  A[1] = c->layers[0].taps[1].dx;
  A[3] = c->layers[0].taps[1].dy;
}

static void
apply (const gdouble A[4], const SkcComplex *src, SkcComplex *dst)
{
  for (guint l = 0; l < src->n_layers; l++)
    for (guint i = 0; i < src->layers[l].n_taps; i++) {
      const SkcTap *s = &src->layers[l].taps[i];

      dst->layers[l].taps[i] = (SkcTap) { A[0] * s->dx + A[1] * s->dy, A[2] * s->dx + A[3] * s->dy, s->w };
    }
}

/* dst += s · (Aᵀ on the offsets' part of g): the chain rule through o' = A·o. */
static void
add_pulled_back (gdouble *dst, const gdouble *g, guint n_taps, const gdouble A[4], gdouble s)
{
  for (guint i = 0; i < n_taps; i++) {
    gdouble gx = g[3 * i], gy = g[3 * i + 1];

    dst[3 * i] += s * (A[0] * gx + A[2] * gy);
    dst[3 * i + 1] += s * (A[1] * gx + A[3] * gy);
    dst[3 * i + 2] += s * g[3 * i + 2];
  }
}

gboolean
skc_fit_family_refine_views (SkcFamily *f, guint n_free, const SkcFitView *views, guint n_views,
    SkcFitViewTargetFunc target_func, gpointer user_data, const SkcFitOptions *opts, GError **error)
{
  const guint S = VIEW_BLENDS + 1;
  /* Slots: member k, then its blends towards k + 1 (k + 1 may be fixed). */
  guint n_int = MIN (n_free, f->n_members - 1), J = n_free + VIEW_BLENDS * n_int;
  guint n_taps = skc_complex_total_taps (f->members[0]), n = 3 * n_taps;
  g_autofree SkcRaster **targets = g_new0 (SkcRaster *, (gsize) J * n_views);
  g_autofree gdouble *scale = g_new0 (gdouble, (gsize) J * n_views), *A = g_new (gdouble, 4 * n_views);
  g_autofree gdouble *g = g_new (gdouble, n), *gsum = g_new (gdouble, n);
  g_autofree gdouble **grads = g_new0 (gdouble *, n_free);
  g_autofree SkcAdam *adam = g_new0 (SkcAdam, n_free);
  g_autoptr (SkcComplex) blend = skc_complex_copy (f->members[0]);
  g_autoptr (SkcComplex) seen = skc_complex_copy (f->members[0]);
  SkcFitOptions o = *opts;
  gboolean ok = n_free <= f->n_members && n_views > 0;

  o.steps = opts->family_refine_steps;
  for (guint v = 0; v < n_views; v++)
    view_matrix (&views[v], A + 4 * v);
  for (guint j = 0; j < J && ok; j++) {
    guint k = j / S, b = j % S;
    gdouble t = (gdouble) b / S, p = b ? (1 - t) * f->values[k] + t * f->values[k + 1] : f->values[k];

    for (guint v = 0; v < n_views && ok; v++) {
      SkcRaster **tg = &targets[(gsize) j * n_views + v];

      *tg = target_func (p, &views[v], user_data, error);
      ok = *tg != NULL;
      if (ok)
        scale[(gsize) j * n_views + v] = views[v].weight * (b ? VIEW_BLEND_WEIGHT / VIEW_BLENDS : 1.0) /
            skc_fit_target_energy (*tg);
    }
  }
  for (guint k = 0; k < n_free && ok; k++) {
    grads[k] = g_new0 (gdouble, n);
    skc_adam_init (&adam[k], f->members[k], skc_fit_offset_unit (targets[(gsize) S * k * n_views], &o), 0, &o);
  }
  for (guint step = 0; step < o.steps && ok; step++) {
    gdouble lr = skc_fit_learning_rate (&o, step), total = 0;

    for (guint k = 0; k < n_free; k++)
      memset (grads[k], 0, sizeof (gdouble) * n);
    for (guint j = 0; j < J; j++) {
      guint k = j / S, b = j % S;
      gdouble t = (gdouble) b / S;

      if (b == 0)
        skc_complex_lerp (f->members[k], f->members[k], 0, blend);
      else
        skc_complex_lerp (f->members[k], f->members[k + 1], t, blend);
      memset (gsum, 0, sizeof (gdouble) * n);
      for (guint v = 0; v < n_views; v++) {
        gsize jv = (gsize) j * n_views + v;

        apply (A + 4 * v, blend, seen);
        total += scale[jv] * skc_fit_loss_grad_opts (seen, targets[jv], &o, g);
        add_pulled_back (gsum, g, n_taps, A + 4 * v, scale[jv]);
      }
      for (guint i = 0; i < n; i++) {
        grads[k][i] += (1 - t) * gsum[i];
        if (b && k + 1 < n_free)
          grads[k + 1][i] += t * gsum[i];
      }
    }
    if (o.progress)
      o.progress (step, o.steps, total, o.progress_data);
    for (guint k = 0; k < n_free; k++)
      skc_adam_step (&adam[k], f->members[k], grads[k], lr, &o);
  }
  for (guint k = 0; k < n_free; k++) {
    if (grads[k])
      skc_adam_clear (&adam[k]);
    g_free (grads[k]);
  }
  for (gsize j = 0; j < (gsize) J * n_views; j++)
    g_clear_pointer (&targets[j], skc_raster_free);
  return ok;
}
