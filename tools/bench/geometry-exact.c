/* skc-bench --geometry: the ceiling of a grid's quantisation — every level
 * the grid built replaced by the truth's own kernel at the level's radius
 * and angle (skc_oriented_psf as one layer of integer taps), so that what
 * is left of the error against the dense truth is the grid's alone; and the
 * members' kernel PSNR as the grid uses them, stretched and turned. */
#include "bench.h"

/* The truth's kernel as a complex of the family's layer count: the first
 * layer its entries (a tap at −k gathers what the PSF holds at k), the
 * others the identity. */
static SkcComplex *
exact_complex (SkcOrientedShape shape, gdouble radius, gdouble angle, gdouble aspect, guint n_layers)
{
  g_autoptr (SkcRaster) t = skc_oriented_psf (shape, radius, angle, aspect);
  g_autofree guint *taps = g_new (guint, n_layers);
  SkcComplex *c;
  guint n = 0;

  for (gint i = 0; i < t->width * t->height; i++)
    n += t->data[i] != 0;
  taps[0] = n;
  for (guint l = 1; l < n_layers; l++)
    taps[l] = 1;
  c = skc_complex_new (n_layers, taps);
  n = 0;
  for (gint y = 0; y < t->height; y++)
    for (gint x = 0; x < t->width; x++)
      if (*skc_raster_at (t, x, y) != 0)
        c->layers[0].taps[n++] = (SkcTap) { t->cx - x, t->cy - y, *skc_raster_at (t, x, y) };
  for (guint l = 1; l < n_layers; l++)
    c->layers[l].taps[0] = (SkcTap) { 0, 0, 1 };
  return c;
}

void
bench_grid_exact_levels (SkcFrameFilter *ff, SkcOrientedShape shape, gdouble aspect)
{
  for (guint p = 0; p < SKC_FRAME_MAX_PLANES; p++) {
    SkcOrientedKernel *ok = skc_frame_filter_oriented_grid (ff, p);

    for (guint g = 1; ok != NULL && g < ok->n_grid; g++) {
      g_autoptr (SkcComplex) c = NULL;
      g_autoptr (GError) error = NULL;
      SkcFixedKernel *k;
      gdouble radius, angle;

      if (g >= ok->vk->capacity || ok->vk->levels[g] == NULL)
        continue;
      skc_oriented_level_params (ok, g, &radius, &angle);
      c = exact_complex (shape, radius, angle, aspect, ok->vk->n_layers);
      k = skc_fixed_kernel_new_within (c, ok->vk->within_w, ok->vk->within_h, &error);
      if (k == NULL)
        g_error ("skc-bench: the exact kernel at radius %g, %g°: %s", radius, angle, error->message);
      skc_varying_kernel_install_level (ok->vk, g, k);
    }
  }
}

gdouble
bench_member_psnr_turned (const SkcFamily *f, gdouble max_radius, SkcOrientedShape shape, gdouble aspect)
{
  gdouble sum = 0;
  guint n = 0;

  /* Angles off the axes and the diagonals, where a grid-bound kernel is at its worst. */
  for (guint k = 0; k < f->n_members && (k == 0 || f->values[k - 1] < max_radius); k++)
    for (gdouble a = 7.5; a < 360; a += 15) {
      g_autoptr (SkcComplex) c = skc_complex_copy (f->members[k]);
      g_autoptr (SkcRaster) t = skc_oriented_psf (shape, f->values[k], a, aspect);
      g_autoptr (SkcRaster) K = NULL;

      skc_complex_scale_xy (c, aspect, 1);
      skc_complex_rotate (c, a);
      K = skc_complex_impulse_response (c);
      sum += skc_raster_psnr (K, t);
      n++;
    }
  return sum / n;
}
