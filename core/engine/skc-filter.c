/* libskc — frame drivers of the filtering engine. */
#include "skc-filter.h"
#include "skc-loops.h"
#include "skc-sweep.h"

#include <string.h>

typedef struct {
  SkcPlane *plane;
  const guint8 *src;
  guint8 *dst;
  gsize stride;
  SkcSampleFormat format;
} ConvertJob;

static void
convert_stripe (guint i, guint n, gpointer data)
{
  ConvertJob *job = data;
  gint h = job->plane->height;
  gint y0, y1;

  skc_pool_stripe (i, n, h, &y0, &y1);

  if (job->src)
    skc_plane_load (job->plane, job->src, job->stride, &job->format, y0, y1);
  else
    skc_plane_store (job->plane, job->dst, job->stride, &job->format, y0, y1);
}

void
skc_filter_load (SkcPlane *plane, const guint8 *src, gsize src_stride, const SkcSampleFormat *fmt, SkcPool *pool)
{
  ConvertJob job = { plane, src, NULL, src_stride, { 0 } };

  if (fmt)
    job.format = *fmt;
  skc_pool_run (pool, skc_pool_stripes (pool, plane->height), convert_stripe, &job);
}

void
skc_filter_store (const SkcPlane *plane, guint8 *dst, gsize dst_stride, const SkcSampleFormat *fmt,
    SkcPool *pool)
{
  ConvertJob job = { (SkcPlane *) plane, NULL, dst, dst_stride, { 0 } };

  if (fmt)
    job.format = *fmt;
  skc_pool_run (pool, skc_pool_stripes (pool, plane->height), convert_stripe, &job);
}

typedef struct {
  const SkcFixedKernel *k;
  guint layer;
  const SkcPlane *src;
  SkcPlane *dst;
  gint32 *acc;        /* 2 × width × channels per stripe */
  gsize acc_len;
} LayerJob;

static void
layer_stripe (guint i, guint n, gpointer data)
{
  LayerJob *job = data;
  gint h = job->dst->height;
  gint y0, y1;

  skc_pool_stripe (i, n, h, &y0, &y1);

  /* Rows are independent: the result is the same for any stripe count. */
  for (gint y = y0; y < y1; y++)
    skc_loops_segment (job->k, job->layer, job->src, y, 0, job->src->width, skc_plane_row (job->dst, y),
        job->acc + i * job->acc_len);
  /* The next layer reads this plane's border: fill it here, in parallel,
   * rather than once serially between layers. */
  skc_plane_fill_border_rows (job->dst, y0, y1);
}

void
skc_filter_plane_fixed (const SkcFixedKernel *k, SkcPlane *plane, SkcPlane *scratch, SkcPool *pool)
{
  g_autoptr (SkcPlane) own = scratch ? NULL : skc_plane_new_like (plane);
  SkcPlane *other = scratch ? scratch : own;
  guint stripes = skc_pool_stripes (pool, plane->height);
  gsize acc_len = 2 * (gsize) plane->width * plane->channels;
  g_autofree gint32 *acc = g_new (gint32, acc_len * stripes);
  SkcPlane *in = plane, *out = other, *t;

  g_return_if_fail (other != NULL && skc_fixed_kernel_fits_plane (k, plane));
  g_return_if_fail (skc_plane_same_shape (other, plane));
  skc_plane_fill_border (plane);
  for (guint l = 0; l < k->n_layers; l++) {
    LayerJob job = { k, l, in, out, acc, acc_len };

    skc_pool_run (pool, stripes, layer_stripe, &job);
    t = in;
    in = out;
    out = t;
  }
  /* An odd number of layers ends in the scratch plane. */
  if (in != plane)
    for (gint y = 0; y < plane->height; y++)
      memcpy (skc_plane_row (plane, y), skc_plane_row (in, y), sizeof (gint16) * plane->width * plane->channels);
}

void
skc_filter_fixed_u8 (const SkcFixedKernel *k, const guint8 *src, gsize src_stride, guint8 *dst,
    gsize dst_stride, gint width, gint height, gint channels, SkcPool *pool)
{
  g_autoptr (SkcSweep) sweep = skc_sweep_new ();
  const SkcSampleFormat plain = { 0 };

  /* One sweep, the rows in cache: the same bytes as load, plane, store. */
  if (!skc_sweep_run (sweep, k, 1, src, src_stride, &plain, dst, dst_stride, &plain, width, height, channels,
          pool))
    g_critical ("skc_filter_fixed_u8: %d×%d×%d is too large", width, height, channels);
}
