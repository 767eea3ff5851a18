/* libskc — the slow, obviously right references (clamp-to-edge, doubles).
 * Only the loop order is chosen for speed: non-zero kernel entries outer,
 * rows inner, so a 512² photo with a 49² kernel takes about a second. */
#include "skc-reference.h"

#include <math.h>
#include <string.h>

typedef struct {
  gint dx, dy;        /* displacement k of the PSF entry */
  gdouble v;
} Entry;

static GArray *
nonzero_entries (const SkcRaster *psf)
{
  GArray *entries = g_array_new (FALSE, FALSE, sizeof (Entry));

  for (gint y = 0; y < psf->height; y++)
    for (gint x = 0; x < psf->width; x++) {
      Entry e = { x - psf->cx, y - psf->cy, *skc_raster_at (psf, x, y) };

      if (e.v != 0.0)
        g_array_append_val (entries, e);
    }
  return entries;
}

SkcImage *
skc_reference_convolve (const SkcImage *src, const SkcRaster *psf)
{
  SkcImage *out = skc_image_new (src->width, src->height, src->channels);
  g_autoptr (GArray) entries = nonzero_entries (psf);
  gint C = src->channels;

  /* out(x) = Σ_k psf(k) · in(clamp(x − k)) */
  for (guint e = 0; e < entries->len; e++) {
    const Entry *en = &g_array_index (entries, Entry, e);

    for (gint y = 0; y < src->height; y++) {
      gint sy = CLAMP (y - en->dy, 0, src->height - 1);
      gdouble *dst = skc_image_at (out, 0, y);

      for (gint x = 0; x < src->width; x++) {
        const gdouble *s = skc_image_at (src, CLAMP (x - en->dx, 0, src->width - 1), sy);

        for (gint c = 0; c < C; c++)
          dst[x * C + c] += en->v * s[c];
      }
    }
  }
  return out;
}

static SkcImage *
gather_layer (const SkcImage *src, const SkcLayer *layer)
{
  SkcImage *out = skc_image_new (src->width, src->height, src->channels);

  for (gint y = 0; y < src->height; y++)
    for (gint x = 0; x < src->width; x++) {
      gdouble *d = skc_image_at (out, x, y);

      for (guint i = 0; i < layer->n_taps; i++) {
        const SkcTap *t = &layer->taps[i];

        for (gint c = 0; c < src->channels; c++)
          d[c] += t->w * skc_image_bilerp (src, x + t->dx, y + t->dy, c);
      }
    }
  return out;
}

SkcImage *
skc_reference_filter_complex (const SkcImage *src, const SkcComplex *c)
{
  SkcImage *sum = NULL, *current = NULL;

  for (guint l = 0; l <= c->n_layers; l++) {
    gboolean branch_ends = l == c->n_layers || (l > 0 && c->layers[l].branch != c->layers[l - 1].branch);

    if (branch_ends && current) {
      if (sum == NULL) {
        sum = current;
      } else {
        for (gsize i = 0; i < (gsize) src->width * src->height * src->channels; i++)
          sum->data[i] += current->data[i];
        skc_image_free (current);
      }
      current = NULL;
    }
    if (l < c->n_layers) {
      SkcImage *next = gather_layer (current ? current : src, &c->layers[l]);

      skc_image_free (current);
      current = next;
    }
  }
  return sum;
}

SkcImage *
skc_reference_convolve_varying (const SkcImage *src, const SkcImage *param,
    SkcTargetFunc target, gpointer user_data)
{
  SkcImage *out = skc_image_new (src->width, src->height, src->channels);
  g_autoptr (GHashTable) cache = g_hash_table_new_full (g_double_hash, g_double_equal, g_free,
      (GDestroyNotify) g_array_unref);
  gint C = src->channels;

  g_return_val_if_fail (param->width == src->width && param->height == src->height, NULL);

  for (gint y = 0; y < src->height; y++)
    for (gint x = 0; x < src->width; x++) {
      gdouble p = skc_image_at (param, x, y)[0];
      GArray *entries = g_hash_table_lookup (cache, &p);
      gdouble *d = skc_image_at (out, x, y);

      if (entries == NULL) {
        g_autoptr (SkcRaster) psf = target (p, user_data);

        entries = nonzero_entries (psf);
        g_hash_table_insert (cache, g_memdup2 (&p, sizeof (p)), entries);
      }
      for (guint e = 0; e < entries->len; e++) {
        const Entry *en = &g_array_index (entries, Entry, e);
        const gdouble *s = skc_image_at (src, CLAMP (x - en->dx, 0, src->width - 1),
            CLAMP (y - en->dy, 0, src->height - 1));

        for (gint c = 0; c < C; c++)
          d[c] += en->v * s[c];
      }
    }
  return out;
}

SkcImage *
skc_reference_filter_varying (const SkcImage *src, const SkcImage *param, SkcComplexFunc complex_at,
    gpointer user_data)
{
  g_autoptr (GHashTable) cache = g_hash_table_new_full (g_double_hash, g_double_equal, g_free,
      (GDestroyNotify) skc_complex_free);
  SkcImage *current = skc_image_copy (src);
  guint n_layers = 0;

  g_return_val_if_fail (param->width == src->width && param->height == src->height, NULL);

  for (guint l = 0; l == 0 || l < n_layers; l++) {
    SkcImage *next = skc_image_new (src->width, src->height, src->channels);

    for (gint y = 0; y < src->height; y++)
      for (gint x = 0; x < src->width; x++) {
        gdouble p = skc_image_at (param, x, y)[0];
        SkcComplex *c = g_hash_table_lookup (cache, &p);
        gdouble *d = skc_image_at (next, x, y);

        if (c == NULL) {
          c = complex_at (p, user_data);
          g_hash_table_insert (cache, g_memdup2 (&p, sizeof (p)), c);
        }
        n_layers = c->n_layers;
        for (guint i = 0; i < c->layers[l].n_taps; i++) {
          const SkcTap *t = &c->layers[l].taps[i];

          for (gint ch = 0; ch < src->channels; ch++)
            d[ch] += t->w * skc_image_bilerp (current, x + t->dx, y + t->dy, ch);
        }
      }
    skc_image_free (current);
    current = next;
  }
  return current;
}
