/* skc-fidelity --half: the switch-radius table. */
#include "skc-fidelity-halved.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

typedef struct {
  gdouble kernel, photo, taps;
} Row;

/* Integer taps of c on its plane, ÷ 4 when that plane is the half one,
 * ÷ 16 the quarter one (factor 1, 2, 4). */
static gdouble
cost (const SkcComplex *c, gint factor)
{
  g_autoptr (SkcFixedKernel) k = skc_fixed_kernel_new (c, NULL);
  guint n = 0;

  for (guint l = 0; k && l < k->n_layers; l++)
    n += k->n_taps[l];
  return n / (gdouble) (factor * factor);
}

/* c's kernel and photo PSNR, its taps in pixels of a plane factor (1, 2, 4)
 * times coarser than the photo. */
static Row
measure (const SkcComplex *c, gint factor, const SkcRaster *target, const SkcImage *photo,
    const SkcImage *dense, gint trim)
{
  g_autoptr (SkcRaster) k = factor == 4 ? skc_complex_quartered_response (c)
      : factor == 2 ? skc_complex_halved_response (c) : skc_complex_impulse_response (c);
  g_autoptr (SkcImage) ours = factor == 4 ? skc_reference_filter_quartered (photo, c)
      : factor == 2 ? skc_reference_filter_halved (photo, c) : skc_reference_filter_complex (photo, c);
  Row r = { skc_raster_psnr (k, target), skc_image_psnr (ours, dense, 1.0, trim), cost (c, factor) };

  return r;
}

gint
skc_fidelity_halved (const gchar *full_name, const gchar *half_name, const SkcImage *photo, const gchar *at)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SkcFamily) full = skc_preset_lookup (full_name, &error);
  g_autoptr (SkcFamily) half = full ? skc_preset_lookup (half_name, &error) : NULL;
  g_auto (SkcShapeSpec) spec = { 0 };
  g_auto (GStrv) radii = NULL;

  if (half == NULL || full->shape == NULL || !skc_shape_spec_parse (full->shape, &spec, &error)) {
    g_printerr ("skc-fidelity: %s\n", error ? error->message : "the family names no shape");
    return 1;
  }
  if (at) {
    radii = g_strsplit (at, ",", -1);
  } else {
    radii = g_new0 (gchar *, half->n_members + 1);
    for (guint k = 0; k < half->n_members; k++)
      radii[k] = g_strdup_printf ("%g", half->values[k]);
  }
  printf ("| radius | full: kernel / photo PSNR (dB), taps | halved as before: kernel / photo, taps | halved, fitted: kernel / photo, taps "
      "| quartered (fitted at r/2): kernel / photo, taps |\n");
  printf ("|---:|---:|---:|---:|---:|\n");
  for (guint i = 0; radii[i]; i++) {
    gdouble r = g_ascii_strtod (radii[i], NULL);
    g_autoptr (SkcRaster) target = NULL;
    g_autoptr (SkcImage) dense = NULL;
    g_autoptr (SkcComplex) a = skc_complex_copy (full->members[0]), b = NULL, q = NULL;
    gint rx, ry, trim;
    guint d;
    Row rows[4];

    if (!(r > 0) || (target = skc_shape_render (&spec, r, &error)) == NULL) {
      g_printerr ("skc-fidelity: --at: '%s' %s\n", radii[i], error ? error->message : "is not a radius");
      return 2;
    }
    dense = skc_reference_convolve (photo, target);
    skc_family_eval (full, r, a);
    /* Past the reach (and the return's pixel), borders of the cascades and
     * of the dense kernel agree. */
    skc_complex_reach (a, &rx, &ry);
    trim = MAX (rx, ry) + 2;
    rows[0] = measure (a, 1, target, photo, dense, trim);
    skc_complex_scale (a, 0.5);
    rows[1] = measure (a, 2, target, photo, dense, trim);
    b = skc_complex_copy (half->members[0]);
    skc_family_eval_native (half, r, b, &d);
    rows[2] = measure (b, d == 2 ? 2 : 1, target, photo, dense, trim);
    /* The half family's member at r/2 on the quarter plane: its taps, in
     * half pixels of a plane of half the size, are quarter pixels here. */
    q = skc_complex_copy (half->members[0]);
    skc_family_eval_native (half, r / 2, q, &d);
    rows[3] = d == 2 ? measure (q, 4, target, photo, dense, trim) : (Row) { NAN, NAN, NAN };
    printf ("| %g |", r);
    for (guint k = 0; k < 4; k++)
      printf (" %.2f / %.2f, %.0f |", rows[k].kernel, rows[k].photo, rows[k].taps);
    printf ("\n");
    fflush (stdout);
  }
  return 0;
}
