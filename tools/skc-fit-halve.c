/* skc-fit --halve: large members refitted for the halved path. */
#include "skc-fit-halve.h"

#include <math.h>
#include <stdio.h>

static SkcRaster *
make_target (gdouble radius, gpointer user_data, GError **error)
{
  return skc_shape_render (user_data, radius, error);
}

static gdouble
halved_psnr (const SkcComplex *c, const SkcRaster *target)
{
  g_autoptr (SkcRaster) k = skc_complex_halved_response (c);

  return skc_raster_psnr (k, target);
}

gint
skc_fit_halve (const gchar *name, gdouble from, const SkcFitOptions *opts, const gchar *out)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SkcFamily) f = skc_preset_lookup (name, &error);
  g_autoptr (SkcFamily) tail = NULL;
  g_auto (SkcShapeSpec) spec = { 0 };
  SkcFitOptions o = *opts;
  gdouble t0 = g_get_monotonic_time () / 1e6, worst = INFINITY;
  guint first = 0;

  if (f == NULL || f->shape == NULL || !skc_shape_spec_parse (f->shape, &spec, &error)) {
    fprintf (stderr, "skc-fit: --halve %s: %s\n", name, error ? error->message : "the family names no shape");
    return 1;
  }
  while (first < f->n_members && f->values[first] < from)
    first++;
  if (first == f->n_members) {
    fprintf (stderr, "skc-fit: --halve-from %g: the family's last member is at %g\n", from,
        f->values[f->n_members - 1]);
    return 2;
  }
  o.halved = TRUE;
  /* The halved members as a family of their own, for the joint refinement. */
  tail = skc_family_new (f->name, f->axis, f->n_members - first, f->values + first);
  for (guint k = first; k < f->n_members; k++) {
    g_autoptr (SkcRaster) target = skc_shape_render (&spec, f->values[k], &error);
    SkcComplex *c = skc_complex_copy (f->members[k]);

    if (target == NULL) {
      skc_complex_free (c);
      fprintf (stderr, "skc-fit: %s\n", error->message);
      return 1;
    }
    if (f->decimation == NULL || f->decimation[k] == 1)
      skc_complex_scale (c, 0.5);
    skc_fit_optimise (c, target, &o);
    tail->members[k - first] = c;
  }
  if (tail->n_members > 1 && o.family_refine_steps > 0 &&
      !skc_fit_family_refine (tail, make_target, &spec, &o, &error)) {
    fprintf (stderr, "skc-fit: %s\n", error->message);
    return 1;
  }
  if (f->decimation == NULL)
    f->decimation = g_new0 (guint8, f->n_members);
  for (guint k = 0; k < f->n_members; k++) {
    g_autoptr (SkcRaster) target = skc_shape_render (&spec, f->values[k], NULL);
    g_autoptr (SkcComplex) start = skc_complex_copy (f->members[k]);
    gboolean was_full = f->decimation[k] <= 1;

    if (k < first) {
      f->decimation[k] = MAX (f->decimation[k], 1);
      continue;
    }
    if (was_full) {
      g_autoptr (SkcRaster) ir = skc_complex_impulse_response (f->members[k]);

      skc_complex_scale (start, 0.5);
      printf ("member %g: full resolution %.2f dB, halved as it was %.2f dB, ", f->values[k],
          skc_raster_psnr (ir, target), halved_psnr (start, target));
    } else {
      printf ("member %g: halved as it was %.2f dB, ", f->values[k], halved_psnr (start, target));
    }
    skc_complex_free (f->members[k]);
    f->members[k] = g_steal_pointer (&tail->members[k - first]);
    f->decimation[k] = 2;
    printf ("fitted halved %.2f dB\n", halved_psnr (f->members[k], target));
    worst = MIN (worst, halved_psnr (f->members[k], target));
  }
  if (!skc_preset_save_file (f, out, &error)) {
    fprintf (stderr, "skc-fit: %s\n", error->message);
    return 1;
  }
  printf ("psnr %.2f dB  taps %u  time %.2f s\n", worst, skc_complex_total_taps (f->members[0]),
      g_get_monotonic_time () / 1e6 - t0);
  return 0;
}
