/* libskc — spatially-varying filtering by quantised levels. */
#include "skc-varying.h"
#include "skc-error.h"
#include "skc-filter.h"
#include "skc-loops.h"
#include "skc-plane.h"

#include <math.h>
#include <string.h>

SkcComplex *
skc_varying_level_complex (const SkcFamily *family, gdouble radius)
{
  SkcComplex *c = skc_complex_copy (family->members[0]);
  gdouble first = family->values[0];

  if (radius >= first || first <= 0) {
    skc_family_eval (family, radius, c);
  } else {
    /* Blend from the identity: every tap at the pixel, weights 1/N (the
     * same layout, so the blend is the family's own tap-wise lerp). */
    g_autoptr (SkcComplex) identity = skc_complex_copy (c);

    for (guint l = 0; l < identity->n_layers; l++)
      for (guint i = 0; i < identity->layers[l].n_taps; i++)
        identity->layers[l].taps[i] = (SkcTap) { 0, 0, 1.0 / identity->layers[l].n_taps };
    skc_complex_lerp (identity, family->members[0], MAX (radius, 0) / first, c);
  }
  return c;
}

SkcVaryingKernel *
skc_varying_kernel_new (const SkcFamily *family, gdouble max_radius, gdouble step,
    SkcPrecision precision, GError **error)
{
  return skc_varying_kernel_new_scaled (family, max_radius, step, precision, 1.0, 1.0, error);
}

SkcVaryingKernel *
skc_varying_kernel_new_scaled (const SkcFamily *family, gdouble max_radius, gdouble step,
    SkcPrecision precision, gdouble scale_x, gdouble scale_y, GError **error)
{
  g_autoptr (SkcVaryingKernel) vk = NULL;
  gdouble levels = floor (max_radius / step + 0.5) + 1;

  if (!(step > 0) || !(max_radius >= 0) || !(levels <= 65536)) {
    g_set_error (error, SKC_ERROR, SKC_ERROR_INVALID,
        "radius levels: max radius %g in steps of %g is out of range (at most 65536 levels)", max_radius, step);
    return NULL;
  }
  vk = g_new0 (SkcVaryingKernel, 1);
  vk->step = step;
  vk->n_levels = (guint) levels;
  vk->levels = g_new0 (SkcFixedKernel *, vk->n_levels);
  vk->n_layers = family->members[0]->n_layers;
  for (guint q = 1; q < vk->n_levels; q++) {
    g_autoptr (SkcComplex) c = skc_varying_level_complex (family, q * step);

    skc_complex_scale_xy (c, scale_x, scale_y);
    vk->levels[q] = skc_fixed_kernel_new (c, error);
    if (vk->levels[q] == NULL)
      return NULL;
    vk->reach = MAX (vk->reach, vk->levels[q]->reach);
  }
  vk->precision = precision;
  skc_varying_kernel_set_engine (vk, SKC_ENGINE_DEFAULT);
  return g_steal_pointer (&vk);
}

void
skc_varying_kernel_set_engine (SkcVaryingKernel *vk, SkcEngine engine)
{
  for (guint q = 1; q < vk->n_levels; q++)
    skc_loops_choose (vk->levels[q], vk->precision, engine);
  g_debug ("varying kernel: %u levels of %g px, %d-bit precision, %s loops (asked for %s)", vk->n_levels,
      vk->step, vk->precision == SKC_PRECISION_16 ? 16 : 32,
      skc_engine_name (skc_engine_resolve (engine, vk->precision == SKC_PRECISION_16)), skc_engine_name (engine));
}

void
skc_varying_kernel_free (SkcVaryingKernel *vk)
{
  if (vk == NULL)
    return;
  for (guint q = 0; q < vk->n_levels; q++)
    skc_fixed_kernel_free (vk->levels[q]);
  g_free (vk->levels);
  g_free (vk);
}

typedef struct {
  const SkcVaryingKernel *vk;
  guint layer;
  guint16 *level;         /* per pixel; layer 0's stripes quantise their rows */
  const gfloat *radius;
  gsize radius_stride;
  gint width;
  const SkcPlane *src;
  SkcPlane *dst;
  gint32 *acc;
  gsize acc_len;
} VaryingJob;

/* Each pixel's radius → its level; every layer reads the level at the
 * output pixel, so a stripe's rows are all any layer's stripe needs. */
static void
quantise_rows (VaryingJob *job, gint y0, gint y1)
{
  const SkcVaryingKernel *vk = job->vk;

  for (gint y = y0; y < y1; y++)
    for (gint x = 0; x < job->width; x++) {
      gfloat r = job->radius[(gsize) y * job->radius_stride + x];
      /* NaN and r ≤ 0 fail the test: in focus. */
      gdouble q = r > 0 ? floor (r / vk->step + 0.5) : 0;

      job->level[(gsize) y * job->width + x] = (guint16) MIN (q, vk->n_levels - 1.0);
    }
}

static void
varying_stripe (guint i, guint n, gpointer data)
{
  VaryingJob *job = data;
  gint h = job->dst->height, C = job->src->channels;
  gint y0, y1;

  skc_pool_stripe (i, n, h, &y0, &y1);

  if (job->layer == 0)
    quantise_rows (job, y0, y1);
  for (gint y = y0; y < y1; y++) {
    const guint16 *lv = job->level + (gsize) y * job->width;
    gint16 *out = skc_plane_row (job->dst, y);

    /* Runs of equal level go through the fixed-kernel loops as one segment. */
    for (gint x0 = 0, x1; x0 < job->width; x0 = x1) {
      guint q = lv[x0];

      for (x1 = x0 + 1; x1 < job->width && lv[x1] == q; x1++)
        ;
      if (q == 0) {
        memcpy (out + (gsize) x0 * C, skc_plane_row (job->src, y) + (gsize) x0 * C,
            sizeof (gint16) * (gsize) (x1 - x0) * C);
      } else {
        skc_loops_segment (job->vk->levels[q], job->layer, job->src, y, x0, x1, out + (gsize) x0 * C,
            job->acc + i * job->acc_len);
      }
    }
  }
  /* The next layer reads this plane's border (see skc-filter.c). */
  skc_plane_fill_border_rows (job->dst, y0, y1);
}

void
skc_filter_plane_varying (const SkcVaryingKernel *vk, SkcPlane *plane, SkcPlane *scratch, const gfloat *radius,
    gsize radius_stride, SkcPool *pool)
{
  gint width = plane->width, height = plane->height;
  g_autoptr (SkcPlane) own = scratch ? NULL : skc_plane_new (width, height, plane->channels, plane->pad);
  g_autofree guint16 *level = g_new (guint16, (gsize) width * height);
  guint stripes = skc_pool_stripes (pool, height);
  gsize acc_len = 2 * (gsize) width * plane->channels;
  g_autofree gint32 *acc = g_new (gint32, acc_len * stripes);
  SkcPlane *in = plane, *out = scratch ? scratch : own, *t;

  g_return_if_fail (out != NULL && plane->pad >= vk->reach + SKC_PLANE_SLACK);
  skc_plane_fill_border (plane);
  for (guint l = 0; l < vk->n_layers; l++) {
    VaryingJob job = { vk, l, level, radius, radius_stride, width, in, out, acc, acc_len };

    skc_pool_run (pool, stripes, varying_stripe, &job);
    t = in;
    in = out;
    out = t;
  }
  /* An odd number of layers ends in the scratch plane. */
  if (in != plane)
    for (gint y = 0; y < height; y++)
      memcpy (skc_plane_row (plane, y), skc_plane_row (in, y), sizeof (gint16) * width * plane->channels);
}

void
skc_filter_varying_u8 (const SkcVaryingKernel *vk, const guint8 *src, gsize src_stride, guint8 *dst,
    gsize dst_stride, gint width, gint height, gint channels, const gfloat *radius, gsize radius_stride,
    SkcPool *pool)
{
  g_autoptr (SkcPlane) plane = skc_plane_new (width, height, channels, vk->reach + SKC_PLANE_SLACK);

  g_return_if_fail (plane != NULL);
  skc_filter_load (plane, src, src_stride, NULL, pool);
  skc_filter_plane_varying (vk, plane, NULL, radius, radius_stride, pool);
  skc_filter_store (plane, dst, dst_stride, NULL, pool);
}
