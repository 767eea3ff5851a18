/* libskc — fitting a kernel family: members with corresponding taps, refined
 * jointly so that blends (at ¼, ½, ¾ of every interval) are as good as
 * fitted members. */
#include "skc-fit.h"
#include "skc-fit-private.h"
#include "skc-error.h"

#include <math.h>
#include <string.h>

gdouble
skc_fit_target_energy (const SkcRaster *t)
{
  gdouble e = 0;

  for (gint i = 0; i < t->width * t->height; i++)
    e += t->data[i] * t->data[i];
  return e > 0 ? e : 1;
}

static void
add_scaled (gdouble *dst, const gdouble *src, guint n, gdouble s)
{
  for (guint i = 0; i < n; i++)
    dst[i] += s * src[i];
}

/* Blends weigh this much more than members in the joint loss: what a depth
 * map shows is mostly blends.  Measured on discs 2.5–8 px, 4 × 24 taps, 1000
 * joint steps, half-way blends only — the worst loss of a half-way blend
 * against a member fitted afresh there: weight 1 → 6.3 dB, 3 → 5.5, 10 →
 * 3.0, 30 → 5.4, 100 → 4.3; radii ≥ 6 px stay within 1 dB from weight 10 on.
 * Now the weight of an interval's blends together (each BLEND_WEIGHT / N). */
#define BLEND_WEIGHT 10.0

/* The blends scored in every member interval, at t = b / (N + 1), b = 1 … N.
 * Half-way alone (N = 1) is gamed: taps cross between members so that
 * t = ½ fits (better than the members) while t = ¼ and ¾ fall apart — the
 * shipped disc was 0–10 dB at quarter points, 17–90 dB at members and
 * halves (skc-fidelity --family disc --sweep).  N = 3 scores ¼, ½, ¾; a
 * path that is good at those three is smooth between them (the sweep checks
 * eighths). */
#define BLENDS_PER_INTERVAL 3

/* Joint Adam over all members on Σ_k loss(m_k, T(p_k)) + (w/N)·Σ_k Σ_b
 * loss((1 − t_b) m_k + t_b m_{k+1}, T((1 − t_b) p_k + t_b p_{k+1})): a blend
 * is linear in both neighbours' taps, so its gradient reaches them with
 * factors 1 − t_b and t_b.  Without blends tiny members (radius 1–3 px,
 * where 96 taps fit almost exactly) are exact but their blends are not. */
gboolean
skc_fit_family_refine (SkcFamily *f, SkcFitTargetFunc target_func, gpointer user_data,
    const SkcFitOptions *opts, GError **error)
{
  const guint S = BLENDS_PER_INTERVAL + 1;   /* slots per interval: the member, then its blends */
  guint M = f->n_members, n = 3 * skc_complex_total_taps (f->members[0]), J = S * (M - 1) + 1;
  SkcRaster **targets = g_new0 (SkcRaster *, J);
  gdouble *scale = g_new0 (gdouble, J), **grads = g_new0 (gdouble *, M);
  gdouble *g = g_new0 (gdouble, n);
  SkcAdam *adam = g_new0 (SkcAdam, M);
  SkcComplex *blend = skc_complex_copy (f->members[0]);
  SkcFitOptions o = *opts;
  gboolean ok = TRUE;

  o.steps = opts->family_refine_steps;
  for (guint j = 0; j < J && ok; j++) {
    guint k = j / S, b = j % S;
    gdouble t = (gdouble) b / S;
    gdouble p = b == 0 ? f->values[k] : (1 - t) * f->values[k] + t * f->values[k + 1];

    targets[j] = target_func (p, user_data, error);
    ok = targets[j] != NULL;
    if (ok)
      scale[j] = (b ? BLEND_WEIGHT / BLENDS_PER_INTERVAL : 1.0) / skc_fit_target_energy (targets[j]);
  }
  for (guint k = 0; k < M && ok; k++) {
    grads[k] = g_new0 (gdouble, n);
    skc_adam_init (&adam[k], f->members[k], skc_fit_offset_unit (targets[S * k], &o), 0, &o);
  }
  for (guint step = 0; step < o.steps && ok; step++) {
    gdouble lr = skc_fit_learning_rate (&o, step), total = 0;

    for (guint k = 0; k < M; k++)
      memset (grads[k], 0, sizeof (gdouble) * n);
    for (guint j = 0; j < J; j++) {
      const SkcRaster *tg = targets[j];
      guint k = j / S, b = j % S;
      gdouble t = (gdouble) b / S;

      if (b == 0) {
        total += scale[j] * skc_fit_loss_grad_opts (f->members[k], tg, &o, g);
        add_scaled (grads[k], g, n, scale[j]);
      } else {
        skc_complex_lerp (f->members[k], f->members[k + 1], t, blend);
        total += scale[j] * skc_fit_loss_grad_opts (blend, tg, &o, g);
        add_scaled (grads[k], g, n, (1 - t) * scale[j]);
        add_scaled (grads[k + 1], g, n, t * scale[j]);
      }
    }
    if (o.progress)
      o.progress (step, o.steps, total, o.progress_data);
    for (guint k = 0; k < M; k++)
      skc_adam_step (&adam[k], f->members[k], grads[k], lr, &o);
  }
  for (guint k = 0; k < M; k++) {
    skc_adam_clear (&adam[k]);
    g_free (grads[k]);
  }
  for (guint j = 0; j < J; j++)
    skc_raster_free (targets[j]);
  skc_complex_free (blend);
  g_free (adam);
  g_free (grads);
  g_free (g);
  g_free (scale);
  g_free (targets);
  return ok;
}

static void
scale_warm (SkcComplex *c, gdouble p_from, gdouble p, gpointer user_data)
{
  skc_complex_scale (c, p / p_from);
}

/* The neighbour, mapped by warm, refined gently (see below). */
static SkcComplex *
member_from (const SkcComplex *neighbour, gdouble p_from, gdouble p, const SkcRaster *target,
    SkcFitWarmFunc warm, gpointer user_data, const SkcFitOptions *opts)
{
  SkcFitOptions gentle = *opts;
  SkcComplex *c = skc_complex_copy (neighbour);

  warm (c, p_from, p, user_data);
  gentle.lr_start *= 0.1;
  gentle.lr_end *= 0.1;
  skc_fit_optimise (c, target, &gentle);
  return c;
}

SkcComplex *
skc_fit_member_from (const SkcComplex *neighbour, gdouble p_from, gdouble p, const SkcRaster *target,
    const SkcFitOptions *opts)
{
  /* A scaled neighbour is already a good fit (scaling is exact): refine it
   * gently, so taps keep corresponding along the axis.  Measured on discs
   * 20/22/24 px: full rate → half-way blend 10.8 dB below the fitted member,
   * 0.3× → 0.37 dB, 0.1× → 0.14 dB.  On discs 1–7 px a 0.3× or 1× rate for
   * the small members alone made them and their blends no better (measured
   * with skc-fidelity --family: 14 and 13 of 26 pairs within 1 dB, against
   * 19 at 0.1×). */
  return member_from (neighbour, p_from, p, target, scale_warm, NULL, opts);
}

/* The members in order from anchor outward, each made by member from its
 * fitted neighbour (the anchor from nothing).  Values ≥ 0, strictly
 * increasing (the caller checks anything stricter). */
static SkcFamily *
fit_members_from_anchor (const gchar *name, const gchar *axis, guint n_values, const gdouble *values, guint anchor,
    SkcFitTargetFunc target_func, gpointer user_data, SkcFitMemberFunc member, gpointer member_data,
    GError **error)
{
  g_autoptr (SkcFamily) family = NULL;

  if (n_values == 0) {
    g_set_error (error, SKC_ERROR, SKC_ERROR_INVALID, "a family needs at least one value");
    return NULL;
  }
  g_return_val_if_fail (anchor < n_values, NULL);
  for (guint k = 0; k < n_values; k++) {
    if (!isfinite (values[k]) || values[k] < 0 || (k > 0 && values[k] <= values[k - 1])) {
      g_set_error (error, SKC_ERROR, SKC_ERROR_INVALID,
          "family values must be ≥ 0 and increase strictly (value %u is %g)", k, values[k]);
      return NULL;
    }
  }
  family = skc_family_new (name, axis, n_values, values);

  for (guint step = 0; step < n_values; step++) {
    /* Visit anchor, anchor−1 … 0, then anchor+1 … M−1. */
    guint k = step <= anchor ? anchor - step : step;
    gint from = step == 0 ? -1 : (k < anchor ? (gint) k + 1 : (gint) k - 1);
    g_autoptr (SkcRaster) target = target_func (values[k], user_data, error);

    if (target == NULL)
      return NULL;
    family->members[k] = member (target, from < 0 ? NULL : family->members[from], from < 0 ? 0 : values[from],
        values[k], member_data, error);
    if (family->members[k] == NULL) {
      g_prefix_error (error, "member %u (%s %g): ", k, axis ? axis : "value", values[k]);
      return NULL;
    }
  }
  return g_steal_pointer (&family);
}

SkcFamily *
skc_family_fit_members (const gchar *name, const gchar *axis, guint n_values, const gdouble *values,
    SkcFitTargetFunc target_func, gpointer user_data, SkcFitMemberFunc member, gpointer member_data,
    GError **error)
{
  guint anchor = 0;

  for (guint k = 0; k < n_values; k++) {
    if (!isfinite (values[k]) || values[k] <= 0) {
      g_set_error (error, SKC_ERROR, SKC_ERROR_INVALID,
          "family values must be positive and increase strictly (value %u is %g)", k, values[k]);
      return NULL;
    }
    /* Fit first the largest member up to 32 px, where a shape is resolved
     * but the fit is still quick; warm-start outward from it, so small
     * members inherit the shape's structure instead of large ones
     * inheriting a blob. */
    if (values[k] <= 32)
      anchor = k;
  }
  return fit_members_from_anchor (name, axis, n_values, values, anchor, target_func, user_data, member,
      member_data, error);
}

/* DISK's member: the first fitted afresh, every other from its neighbour
 * mapped by the warm function, refined gently. */
typedef struct {
  SkcFitMemberLayout layout;
  SkcFitWarmFunc warm;
  gpointer warm_data;
} DiskMember;

static SkcComplex *
disk_member (const SkcRaster *target, const SkcComplex *from, gdouble p_from, gdouble p, gpointer data,
    GError **error)
{
  const DiskMember *d = data;
  const SkcFitOptions *opts = d->layout.opts;
  SkcComplex *c;

  if (from != NULL)
    return member_from (from, p_from, p, target, d->warm, d->warm_data, opts);
  c = skc_fit_complex (target, d->layout.n_layers, d->layout.n_taps, opts);
  if (c == NULL)
    g_set_error (error, SKC_ERROR, SKC_ERROR_INVALID, "invalid layer or tap counts");
  return c;
}

static SkcFamily *
refined (SkcFamily *family, SkcFitTargetFunc target_func, gpointer user_data, const SkcFitOptions *opts,
    GError **error)
{
  g_autoptr (SkcFamily) f = family;

  if (f == NULL)
    return NULL;
  if (f->n_members > 1 && opts->family_refine_steps > 0 &&
      !skc_fit_family_refine (f, target_func, user_data, opts, error))
    return NULL;
  return g_steal_pointer (&f);
}

SkcFamily *
skc_fit_family (const gchar *name, const gchar *axis, guint n_values, const gdouble *values,
    SkcFitTargetFunc target_func, gpointer user_data, guint n_layers, const guint *n_taps,
    const SkcFitOptions *opts, GError **error)
{
  DiskMember d = { { n_layers, n_taps, opts }, scale_warm, NULL };

  return refined (skc_family_fit_members (name, axis, n_values, values, target_func, user_data, disk_member, &d,
      error), target_func, user_data, opts, error);
}

SkcFamily *
skc_fit_family_warm (const gchar *name, const gchar *axis, guint n_values, const gdouble *values, guint anchor,
    SkcFitTargetFunc target_func, SkcFitWarmFunc warm, gpointer user_data, guint n_layers, const guint *n_taps,
    const SkcFitOptions *opts, GError **error)
{
  DiskMember d = { { n_layers, n_taps, opts }, warm, user_data };

  return refined (fit_members_from_anchor (name, axis, n_values, values, anchor, target_func, user_data,
      disk_member, &d, error), target_func, user_data, opts, error);
}
