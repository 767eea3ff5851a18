/* libskc — centred double rasters: kernels, targets and impulse responses. */
#include "skc-raster.h"

#include <math.h>
#include <string.h>

#define SKC_RASTER_MAX_SIDE 16384

SkcRaster *
skc_raster_new (gint width, gint height, gint cx, gint cy)
{
  SkcRaster *r;

  if (width <= 0 || height <= 0 || width > SKC_RASTER_MAX_SIDE || height > SKC_RASTER_MAX_SIDE)
    return NULL;
  r = g_new0 (SkcRaster, 1);
  r->width = width;
  r->height = height;
  r->cx = cx;
  r->cy = cy;
  r->data = g_new0 (gdouble, (gsize) width * height);
  return r;
}

SkcRaster *
skc_raster_new_centred (gint rx, gint ry)
{
  if (rx < 0 || ry < 0)
    return NULL;
  return skc_raster_new (2 * rx + 1, 2 * ry + 1, rx, ry);
}

SkcRaster *
skc_raster_copy (const SkcRaster *r)
{
  SkcRaster *copy = skc_raster_new (r->width, r->height, r->cx, r->cy);

  memcpy (copy->data, r->data, sizeof (gdouble) * r->width * r->height);
  return copy;
}

void
skc_raster_free (SkcRaster *r)
{
  if (r == NULL)
    return;
  g_free (r->data);
  g_free (r);
}

gdouble
skc_raster_get (const SkcRaster *r, gint dx, gint dy)
{
  gint x = dx + r->cx, y = dy + r->cy;

  if (x < 0 || y < 0 || x >= r->width || y >= r->height)
    return 0.0;
  return *skc_raster_at (r, x, y);
}

gdouble
skc_raster_sum (const SkcRaster *r)
{
  gdouble s = 0;

  for (gsize i = 0; i < (gsize) r->width * r->height; i++)
    s += r->data[i];
  return s;
}

gdouble
skc_raster_max (const SkcRaster *r)
{
  gdouble m = -G_MAXDOUBLE;

  for (gsize i = 0; i < (gsize) r->width * r->height; i++)
    m = MAX (m, r->data[i]);
  return m;
}

void
skc_raster_scale (SkcRaster *r, gdouble s)
{
  for (gsize i = 0; i < (gsize) r->width * r->height; i++)
    r->data[i] *= s;
}

SkcRaster *
skc_raster_reframe (const SkcRaster *src, const SkcRaster *like)
{
  SkcRaster *out = skc_raster_new (like->width, like->height, like->cx, like->cy);

  for (gint y = 0; y < out->height; y++)
    for (gint x = 0; x < out->width; x++)
      *skc_raster_at (out, x, y) = skc_raster_get (src, x - out->cx, y - out->cy);
  return out;
}

void
skc_raster_extent (const SkcRaster *r, gdouble eps, gint *rx, gint *ry)
{
  gint ex = 0, ey = 0;

  for (gint y = 0; y < r->height; y++) {
    for (gint x = 0; x < r->width; x++) {
      if (fabs (*skc_raster_at (r, x, y)) > eps) {
        ex = MAX (ex, ABS (x - r->cx));
        ey = MAX (ey, ABS (y - r->cy));
      }
    }
  }
  if (rx)
    *rx = ex;
  if (ry)
    *ry = ey;
}

void
skc_raster_splat (SkcRaster *r, gdouble px, gdouble py, gdouble w)
{
  gdouble fx0 = floor (px), fy0 = floor (py);
  gdouble fx = px - fx0, fy = py - fy0;
  gint x0 = (gint) fx0 + r->cx, y0 = (gint) fy0 + r->cy;
  const gdouble bw[4] = { (1 - fx) * (1 - fy), fx * (1 - fy), (1 - fx) * fy, fx * fy };

  for (gint k = 0; k < 4; k++) {
    gint x = x0 + (k & 1), y = y0 + (k >> 1);

    if (x >= 0 && y >= 0 && x < r->width && y < r->height)
      *skc_raster_at (r, x, y) += w * bw[k];
  }
}

SkcRaster *
skc_raster_convolve (const SkcRaster *a, const SkcRaster *b)
{
  SkcRaster *out = skc_raster_new (a->width + b->width - 1, a->height + b->height - 1,
      a->cx + b->cx, a->cy + b->cy);

  /* Scatter each non-zero of b as a shifted, scaled copy of a: kernels here
   * are mostly sparse, and the inner loop runs along contiguous rows. */
  for (gint by = 0; by < b->height; by++) {
    for (gint bx = 0; bx < b->width; bx++) {
      gdouble v = *skc_raster_at (b, bx, by);

      if (v == 0.0)
        continue;
      for (gint ay = 0; ay < a->height; ay++) {
        const gdouble *src = skc_raster_at (a, 0, ay);
        gdouble *dst = skc_raster_at (out, bx, ay + by);

        for (gint ax = 0; ax < a->width; ax++)
          dst[ax] += v * src[ax];
      }
    }
  }
  return out;
}

gdouble
skc_raster_psnr (const SkcRaster *a, const SkcRaster *b)
{
  gint x0 = MIN (-a->cx, -b->cx), y0 = MIN (-a->cy, -b->cy);
  gint x1 = MAX (a->width - a->cx, b->width - b->cx);
  gint y1 = MAX (a->height - a->cy, b->height - b->cy);
  gdouble peak = skc_raster_max (b), se = 0;
  gsize n = (gsize) (x1 - x0) * (y1 - y0);

  for (gint y = y0; y < y1; y++) {
    for (gint x = x0; x < x1; x++) {
      gdouble d = skc_raster_get (a, x, y) - skc_raster_get (b, x, y);

      se += d * d;
    }
  }
  if (se == 0)
    return INFINITY;
  /* MSE over b's frame so that the figure does not depend on how large a's
   * canvas happens to be: the union only adds a's error energy. */
  n = (gsize) b->width * b->height;
  return 10.0 * log10 (peak * peak / (se / n));
}
