/* libskc — an SA (PST-style) family: one skc_baseline_sa complex per member,
 * with corresponding taps so that tap-wise interpolation between members
 * means what it means for a DISK family (docs/ARCHITECTURE.md §3, §10).
 *
 * PST fits one kernel; it has no families.  Correspondence comes from the
 * visiting order and warm start of skc_fit_family: the member at the largest
 * value ≤ 32 is searched from the radial start, every other one from its
 * searched neighbour with the offsets scaled by p / p_neighbour (exact for the
 * shape, so the search starts where the neighbour ended and its taps keep
 * their roles).  There is no joint refinement of the blends: that is DISK's,
 * done by gradient, and the baseline's search has no gradient to share. */
#include "skc-baseline.h"
#include "skc-fit-private.h"

static SkcComplex *
sa_member (const SkcRaster *target, const SkcComplex *from, gdouble p_from, gdouble p, gpointer data,
    GError **error)
{
  const SkcFitMemberLayout *d = data;
  const SkcSaOptions *opts = d->opts;
  g_autoptr (SkcComplex) start = NULL;
  SkcSaOptions o = *opts;

  if (from != NULL) {
    start = skc_complex_copy (from);
    skc_complex_scale (start, p / p_from);
    o.start = start;
  }
  return skc_baseline_sa (target, d->n_layers, d->n_taps, &o, error);
}

SkcFamily *
skc_baseline_sa_family (const gchar *name, const gchar *axis, guint n_values, const gdouble *values,
    SkcFitTargetFunc target_func, gpointer user_data, guint n_layers, const guint *n_taps,
    const SkcSaOptions *opts, GError **error)
{
  SkcFitMemberLayout d = { n_layers, n_taps, opts };

  return skc_family_fit_members (name, axis, n_values, values, target_func, user_data, sa_member, &d, error);
}
