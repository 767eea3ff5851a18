/* libskc — exact impulse response of a complex.
 *
 * A bilinear-gather layer is a discrete convolution with the raster made by
 * splatting each tap at −o; the cascade's PSF is the convolution of its
 * layers' rasters (docs/ARCHITECTURE.md §1) — not a splat of summed offsets. */
#include "skc-impulse.h"

#include <math.h>

SkcRaster *
skc_layer_raster (const SkcLayer *layer)
{
  gdouble mx = 0, my = 0;
  SkcRaster *r;

  for (guint i = 0; i < layer->n_taps; i++) {
    mx = MAX (mx, fabs (layer->taps[i].dx));
    my = MAX (my, fabs (layer->taps[i].dy));
  }
  r = skc_raster_new_centred ((gint) ceil (mx) + 1, (gint) ceil (my) + 1);
  for (guint i = 0; i < layer->n_taps; i++)
    skc_raster_splat (r, -layer->taps[i].dx, -layer->taps[i].dy, layer->taps[i].w);
  return r;
}

/* Adds src into dst, aligning centres; dst must hold src's frame. */
static void
accumulate (SkcRaster *dst, const SkcRaster *src)
{
  for (gint y = 0; y < src->height; y++) {
    const gdouble *s = skc_raster_at (src, 0, y);
    gdouble *d = skc_raster_at (dst, dst->cx - src->cx, y - src->cy + dst->cy);

    for (gint x = 0; x < src->width; x++)
      d[x] += s[x];
  }
}

SkcRaster *
skc_complex_impulse_response (const SkcComplex *c)
{
  GPtrArray *branches = g_ptr_array_new_with_free_func ((GDestroyNotify) skc_raster_free);
  SkcRaster *current = NULL, *sum;
  gint rx = 0, ry = 0;

  for (guint l = 0; l < c->n_layers; l++) {
    SkcRaster *layer = skc_layer_raster (&c->layers[l]);

    if (current && l > 0 && c->layers[l].branch != c->layers[l - 1].branch) {
      g_ptr_array_add (branches, current);
      current = NULL;
    }
    if (current == NULL) {
      current = layer;
    } else {
      SkcRaster *next = skc_raster_convolve (current, layer);

      skc_raster_free (current);
      skc_raster_free (layer);
      current = next;
    }
  }
  if (current)
    g_ptr_array_add (branches, current);

  if (branches->len == 1) {
    sum = g_ptr_array_steal_index (branches, 0);
    g_ptr_array_unref (branches);
    return sum;
  }

  /* Several branches: sum them on a frame that holds every one. */
  for (guint b = 0; b < branches->len; b++) {
    const SkcRaster *r = g_ptr_array_index (branches, b);

    rx = MAX (rx, MAX (r->cx, r->width - 1 - r->cx));
    ry = MAX (ry, MAX (r->cy, r->height - 1 - r->cy));
  }
  sum = skc_raster_new_centred (rx, ry);
  for (guint b = 0; b < branches->len; b++)
    accumulate (sum, g_ptr_array_index (branches, b));
  g_ptr_array_unref (branches);
  return sum;
}
