/* libskc — layered depth-of-field truth and the per-pixel scatter built on it. */
#include "skc-layered.h"
#include "skc-reference.h"
#include "skc-shape.h"

#include <math.h>

SkcRaster *
skc_layered_disc (gdouble radius)
{
  SkcShapeSpec spec = { .kind = SKC_SHAPE_DISC };

  if (!(radius > 0))
    return NULL;
  return skc_shape_render (&spec, radius, NULL);
}

/* K ∗ img, or a copy when the layer is sharp. */
static SkcImage *
skc_blur (const SkcImage *img, const SkcRaster *disc)
{
  return disc ? skc_reference_convolve (img, disc) : skc_image_copy (img);
}

static gboolean
skc_layers_fit (const SkcSceneLayer *layers, guint n)
{
  const SkcImage *f0 = n ? layers[0].colour : NULL;

  if (f0 == NULL)
    return FALSE;
  for (guint i = 0; i < n; i++) {
    const SkcImage *f = layers[i].colour, *a = layers[i].coverage;

    if (f == NULL || f->width != f0->width || f->height != f0->height || f->channels != f0->channels)
      return FALSE;
    if (a && (a->width != f0->width || a->height != f0->height || a->channels != 1))
      return FALSE;
  }
  return TRUE;
}

/* R ← K ∗ (a·F) + (1 − K ∗ a)·R and A likewise, for one layer. */
static void
skc_composite_layer (const SkcSceneLayer *layer, SkcImage *r, SkcImage *alpha)
{
  g_autoptr (SkcRaster) disc = skc_layered_disc (layer->radius);
  g_autoptr (SkcImage) pre = skc_image_copy (layer->colour);
  g_autoptr (SkcImage) cover = skc_image_new (r->width, r->height, 1);
  g_autoptr (SkcImage) pre_k = NULL, cover_k = NULL;
  gsize n = (gsize) r->width * r->height;
  gint c = r->channels;

  for (gsize i = 0; i < n; i++) {
    cover->data[i] = layer->coverage ? layer->coverage->data[i] : 1.0;
    for (gint ch = 0; ch < c; ch++)
      pre->data[i * c + ch] *= cover->data[i];
  }
  pre_k = skc_blur (pre, disc);
  cover_k = skc_blur (cover, disc);
  for (gsize i = 0; i < n; i++) {
    gdouble keep = 1 - cover_k->data[i];

    for (gint ch = 0; ch < c; ch++)
      r->data[i * c + ch] = pre_k->data[i * c + ch] + keep * r->data[i * c + ch];
    alpha->data[i] = cover_k->data[i] + keep * alpha->data[i];
  }
}

SkcImage *
skc_layered_render (const SkcSceneLayer *layers, guint n_layers, SkcImage **alpha)
{
  SkcImage *r;
  g_autoptr (SkcImage) a = NULL;

  if (!skc_layers_fit (layers, n_layers))
    return NULL;
  r = skc_image_new (layers[0].colour->width, layers[0].colour->height, layers[0].colour->channels);
  a = skc_image_new (r->width, r->height, 1);
  for (guint i = 0; i < n_layers; i++)
    skc_composite_layer (&layers[i], r, a);
  if (alpha)
    *alpha = g_steal_pointer (&a);
  return r;
}

static gint
skc_compare_doubles (gconstpointer pa, gconstpointer pb)
{
  gdouble a = *(const gdouble *) pa, b = *(const gdouble *) pb;

  return (a > b) - (a < b);
}

/* The distinct depth values, farthest (smallest) first. */
static GArray *
skc_depth_values (const SkcImage *depth)
{
  gsize n = (gsize) depth->width * depth->height;
  GArray *v = g_array_sized_new (FALSE, FALSE, sizeof (gdouble), n);
  guint k = 0;

  g_array_append_vals (v, depth->data, n);
  g_array_sort (v, skc_compare_doubles);
  for (guint i = 0; i < v->len; i++)
    if (k == 0 || g_array_index (v, gdouble, i) != g_array_index (v, gdouble, k - 1))
      g_array_index (v, gdouble, k++) = g_array_index (v, gdouble, i);
  g_array_set_size (v, k);
  return v;
}

SkcImage *
skc_reference_scatter (const SkcImage *src, const SkcImage *depth,
    SkcDepthRadiusFunc radius, gpointer user_data)
{
  g_autoptr (GArray) values = NULL;
  g_autoptr (SkcImage) alpha = NULL;
  SkcImage *r;
  gsize n;

  if (src == NULL || depth == NULL || depth->width != src->width ||
      depth->height != src->height || depth->channels != 1)
    return NULL;
  n = (gsize) src->width * src->height;
  values = skc_depth_values (depth);
  r = skc_image_new (src->width, src->height, src->channels);
  alpha = skc_image_new (src->width, src->height, 1);
  for (guint k = 0; k < values->len; k++) {
    gdouble v = g_array_index (values, gdouble, k);
    g_autoptr (SkcImage) mask = skc_image_new (src->width, src->height, 1);
    SkcSceneLayer layer = { src, mask, radius (v, user_data) };

    for (gsize i = 0; i < n; i++)
      mask->data[i] = depth->data[i] == v;
    skc_composite_layer (&layer, r, alpha);
  }
  /* Renormalise where a blurred near layer uncovers what the input lacks. */
  for (gsize i = 0; i < n; i++)
    if (alpha->data[i] > 0)
      for (gint ch = 0; ch < src->channels; ch++)
        r->data[i * src->channels + ch] /= alpha->data[i];
  return r;
}
