/* skc-bench --geometry: the SA (PST-style) family the geometry tables compare
 * ours with — one skc_baseline_sa_family member per member of ours that the
 * grid reads, with the same layer/tap layout (equal taps) and the same values,
 * fitted here at the baseline's default budget (--sa-iterations changes it), so the bench needs no files
 * and one command reproduces it (docs/ARCHITECTURE.md §10). */
#include "bench.h"

#include <math.h>

typedef struct {
  SkcOrientedShape shape;
} SaTarget;

/* The truth's own kernel at radius p, unturned and unstretched: what the
 * dense reference gathers with, so the baseline is fitted to exactly what it
 * is judged against. */
static SkcRaster *
sa_target (gdouble p, gpointer user_data, GError **error)
{
  const SaTarget *t = user_data;

  (void) error;
  return skc_oriented_psf (t->shape, p, 0, 1);
}

/* Members up to the first at or above max_radius are all the grid reads;
 * fitting also those up to the anchor (the largest value ≤ 32, where the
 * family fitters start) keeps every member what it is in the whole family:
 * members at or below the anchor are searched before, and without, any above
 * it. */
static guint
members_read (const SkcFamily *f, gdouble max_radius)
{
  guint n = 1;

  for (guint k = 0; k < f->n_members; k++)
    if (f->values[k] <= 32 || f->values[k - (k > 0)] < max_radius)
      n = k + 1;
  return n;
}

SkcFamily *
bench_sa_family (const SkcFamily *like, gdouble max_radius, SkcOrientedShape shape, SkcSaOptions *opts,
    gdouble *seconds)
{
  const SkcComplex *m = like->members[0];
  g_autofree guint *taps = g_new (guint, m->n_layers);
  SaTarget t = { shape };
  g_autoptr (GError) error = NULL;
  gint64 t0 = g_get_monotonic_time ();
  guint n = members_read (like, max_radius);
  SkcFamily *f;

  for (guint l = 0; l < m->n_layers; l++)
    taps[l] = m->layers[l].n_taps;
  skc_sa_options_init (opts);
  /* The engine takes merged integer weights below 2 (Q14); unbounded, a
   * 4-tap layer wandered to 2.09 at radius 1.25.  Ours stay within
   * [−0.43, 0.75] (presets/disc.skc), so a bound of 1 leaves the baseline
   * the weights ours uses. */
  opts->max_weight = 1;
  opts->iterations = (guint) opt_sa_iterations;
  g_printerr ("skc-bench: fitting the SA family of %s (%u of %u members)…\n", like->name, n, like->n_members);
  f = skc_baseline_sa_family (like->name, like->axis, n, like->values, sa_target, &t, m->n_layers, taps, opts,
      &error);
  if (f == NULL)
    g_error ("skc-bench: the SA family of %s failed: %s", like->name, error->message);
  *seconds = (g_get_monotonic_time () - t0) / 1e6;
  return f;
}

/* Σ v·|x|² over a raster: a kernel's size as a photo sees it. */
static gdouble
second_moment (const SkcRaster *r)
{
  gdouble m = 0;

  for (gint y = 0; y < r->height; y++)
    for (gint x = 0; x < r->width; x++)
      m += skc_raster_at (r, x, y)[0] * ((x - r->cx) * (x - r->cx) + (y - r->cy) * (y - r->cy));
  return m;
}

gdouble
bench_member_psnr (const SkcFamily *f, gdouble max_radius, SkcOrientedShape shape, gdouble *moment_error)
{
  gdouble sum = 0, err = 0;
  guint n = 0;

  for (guint k = 0; k < f->n_members && (k == 0 || f->values[k - 1] < max_radius); k++) {
    g_autoptr (SkcRaster) t = skc_oriented_psf (shape, f->values[k], 0, 1);
    g_autoptr (SkcRaster) K = skc_complex_impulse_response (f->members[k]);

    sum += skc_raster_psnr (K, t);
    err += fabs (second_moment (K) / second_moment (t) - 1);
    n++;
  }
  *moment_error = err / n;
  return sum / n;
}
