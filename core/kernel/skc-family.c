/* libskc — kernel families: members along a parameter axis, blended tap by tap. */
#include "skc-family.h"
#include "skc-error.h"

#include <math.h>
#include <string.h>

SkcFamily *
skc_family_new (const gchar *name, const gchar *axis, guint n_members, const gdouble *values)
{
  SkcFamily *f = g_new0 (SkcFamily, 1);

  f->name = g_strdup (name);
  f->axis = g_strdup (axis);
  f->n_members = n_members;
  f->values = g_memdup2 (values, sizeof (gdouble) * n_members);
  f->members = g_new0 (SkcComplex *, MAX (n_members, 1));
  return f;
}

void
skc_family_free (SkcFamily *f)
{
  if (f == NULL)
    return;
  for (guint k = 0; k < f->n_members; k++)
    skc_complex_free (f->members[k]);
  g_free (f->members);
  g_free (f->values);
  g_free (f->name);
  g_free (f->axis);
  g_free (f->shape);
  g_free (f->decimation);
  g_free (f);
}

gboolean
skc_family_validate (const SkcFamily *f, GError **error)
{
  if (f->n_members == 0) {
    g_set_error (error, SKC_ERROR, SKC_ERROR_INVALID, "family '%s' has no members", f->name);
    return FALSE;
  }
  for (guint k = 0; k < f->n_members; k++) {
    if (!isfinite (f->values[k])) {
      g_set_error (error, SKC_ERROR, SKC_ERROR_INVALID,
          "family '%s': value %u is not finite", f->name, k);
      return FALSE;
    }
    if (k > 0 && !(f->values[k] > f->values[k - 1])) {
      g_set_error (error, SKC_ERROR, SKC_ERROR_INVALID,
          "family '%s': values must increase strictly, but value %u (%g) follows %g",
          f->name, k, f->values[k], f->values[k - 1]);
      return FALSE;
    }
    if (f->members[k] == NULL) {
      g_set_error (error, SKC_ERROR, SKC_ERROR_MISSING, "family '%s': member %u is missing",
          f->name, k);
      return FALSE;
    }
    if (f->decimation && (f->decimation[k] < 1 || f->decimation[k] > 2 ||
            (k > 0 && f->decimation[k] < f->decimation[k - 1]))) {
      g_set_error (error, SKC_ERROR, SKC_ERROR_INVALID,
          "family '%s': member %u's decimation %u is not 1 or 2, or below the member before", f->name, k,
          f->decimation[k]);
      return FALSE;
    }
    if (!skc_complex_same_layout (f->members[k], f->members[0])) {
      g_set_error (error, SKC_ERROR, SKC_ERROR_INVALID,
          "family '%s': member %u has another layout than member 0", f->name, k);
      return FALSE;
    }
  }
  return TRUE;
}

void
skc_family_bracket (const SkcFamily *f, gdouble p, guint *k, gdouble *t)
{
  guint lo = 0, hi = f->n_members - 1;

  /* Outside the axis the end member is used as it is (documented clamping);
   * NaN falls to the first member. */
  if (f->n_members == 1 || !(p > f->values[0])) {
    *k = 0;
    *t = 0;
    return;
  }
  if (p >= f->values[hi]) {
    *k = hi;
    *t = 0;
    return;
  }
  while (hi - lo > 1) {
    guint mid = (lo + hi) / 2;

    if (f->values[mid] <= p)
      lo = mid;
    else
      hi = mid;
  }
  *k = lo;
  *t = (p - f->values[lo]) / (f->values[hi] - f->values[lo]);
}

static void
copy_taps (const SkcComplex *src, SkcComplex *dst)
{
  for (guint l = 0; l < src->n_layers; l++)
    for (guint i = 0; i < src->layers[l].n_taps; i++)
      dst->layers[l].taps[i] = src->layers[l].taps[i];
}

static guint
member_decimation (const SkcFamily *f, guint k)
{
  return f->decimation ? f->decimation[k] : 1;
}

guint
skc_family_decimation (const SkcFamily *f, gdouble p)
{
  guint k;
  gdouble t;

  skc_family_bracket (f, p, &k, &t);
  return MAX (member_decimation (f, k), t > 0 ? member_decimation (f, k + 1) : 1);
}

void
skc_family_eval_native (const SkcFamily *f, gdouble p, SkcComplex *out, guint *decimation)
{
  guint k, d = skc_family_decimation (f, p);
  gdouble t;

  g_return_if_fail (f->n_members > 0 && skc_complex_same_layout (f->members[0], out));

  if (decimation)
    *decimation = d;
  if (f->n_members == 1) {
    copy_taps (f->members[0], out);
    if (f->values[0] > 0 && isfinite (p))
      skc_complex_scale (out, p / f->values[0]);
    return;
  }
  skc_family_bracket (f, p, &k, &t);
  if (t == 0) {
    copy_taps (f->members[k], out);
  } else if (member_decimation (f, k) == member_decimation (f, k + 1)) {
    skc_complex_lerp (f->members[k], f->members[k + 1], t, out);
  } else {
    /* The switch: the full-resolution member on the half grid. */
    g_autoptr (SkcComplex) below = skc_complex_copy (f->members[k]);

    skc_complex_scale (below, 0.5);
    skc_complex_lerp (below, f->members[k + 1], t, out);
  }
}

void
skc_family_eval (const SkcFamily *f, gdouble p, SkcComplex *out)
{
  guint d = 1;

  skc_family_eval_native (f, p, out, &d);
  if (d == 2)
    skc_complex_scale (out, 2.0);
}

SkcFamily *
skc_family_shaped (const SkcFamily *f, gdouble angle_deg, gdouble aspect, gdouble extent)
{
  gdouble last = f->values[f->n_members - 1];
  gboolean extend = extent > last;
  guint n = f->n_members + (extend ? 1 : 0);
  g_autofree gdouble *values = g_new (gdouble, n);
  SkcFamily *shaped;

  memcpy (values, f->values, f->n_members * sizeof (gdouble));
  if (extend)
    values[n - 1] = extent;
  shaped = skc_family_new (f->name, f->axis, n, values);
  if (f->decimation) {
    shaped->decimation = g_new (guint8, n);
    for (guint k = 0; k < n; k++)
      shaped->decimation[k] = f->decimation[MIN (k, f->n_members - 1)];
  }
  for (guint k = 0; k < n; k++) {
    SkcComplex *c = skc_complex_copy (f->members[MIN (k, f->n_members - 1)]);

    if (k == f->n_members)
      skc_complex_scale (c, extent / last);
    if (aspect != 1.0)
      skc_complex_scale_xy (c, aspect, 1.0);
    if (angle_deg != 0.0)
      skc_complex_rotate (c, angle_deg);
    shaped->members[k] = c;
  }
  return shaped;
}
