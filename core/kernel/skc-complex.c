/* libskc — sparse kernel complex: construction, layout and exact transforms. */
#include "skc-complex.h"

#include <math.h>
#include <string.h>

SkcComplex *
skc_complex_new (guint n_layers, const guint *n_taps)
{
  SkcComplex *c;

  if (n_layers == 0 || n_layers > SKC_MAX_LAYERS || n_taps == NULL)
    return NULL;
  for (guint l = 0; l < n_layers; l++)
    if (n_taps[l] == 0 || n_taps[l] > SKC_MAX_TAPS)
      return NULL;

  c = g_new0 (SkcComplex, 1);
  c->n_layers = n_layers;
  c->layers = g_new0 (SkcLayer, n_layers);
  for (guint l = 0; l < n_layers; l++) {
    c->layers[l].n_taps = n_taps[l];
    c->layers[l].taps = g_new0 (SkcTap, n_taps[l]);
  }
  return c;
}

SkcComplex *
skc_complex_copy (const SkcComplex *c)
{
  SkcComplex *copy = g_new0 (SkcComplex, 1);

  copy->n_layers = c->n_layers;
  copy->layers = g_new0 (SkcLayer, c->n_layers);
  for (guint l = 0; l < c->n_layers; l++) {
    copy->layers[l] = c->layers[l];
    copy->layers[l].taps = g_memdup2 (c->layers[l].taps, sizeof (SkcTap) * c->layers[l].n_taps);
  }
  return copy;
}

void
skc_complex_free (SkcComplex *c)
{
  if (c == NULL)
    return;
  for (guint l = 0; l < c->n_layers; l++)
    g_free (c->layers[l].taps);
  g_free (c->layers);
  g_free (c);
}

guint
skc_complex_total_taps (const SkcComplex *c)
{
  guint n = 0;

  for (guint l = 0; l < c->n_layers; l++)
    n += c->layers[l].n_taps;
  return n;
}

guint
skc_complex_n_branches (const SkcComplex *c)
{
  guint n = 0;

  for (guint l = 0; l < c->n_layers; l++)
    n = MAX (n, c->layers[l].branch + 1);
  return n;
}

gboolean
skc_complex_same_layout (const SkcComplex *a, const SkcComplex *b)
{
  if (a->n_layers != b->n_layers)
    return FALSE;
  for (guint l = 0; l < a->n_layers; l++)
    if (a->layers[l].n_taps != b->layers[l].n_taps || a->layers[l].branch != b->layers[l].branch)
      return FALSE;
  return TRUE;
}

void
skc_complex_reach (const SkcComplex *c, gint *reach_x, gint *reach_y)
{
  gdouble best_x = 0, best_y = 0, sum_x = 0, sum_y = 0;
  guint branch = c->n_layers ? c->layers[0].branch : 0;

  for (guint l = 0; l < c->n_layers; l++) {
    const SkcLayer *layer = &c->layers[l];
    gdouble mx = 0, my = 0;

    if (layer->branch != branch) {
      branch = layer->branch;
      sum_x = sum_y = 0;
    }
    /* NaN (a scaled 0 · ∞) counts as infinitely far, never as 0. */
    for (guint i = 0; i < layer->n_taps; i++) {
      mx = MAX (mx, isnan (layer->taps[i].dx) ? INFINITY : fabs (layer->taps[i].dx));
      my = MAX (my, isnan (layer->taps[i].dy) ? INFINITY : fabs (layer->taps[i].dy));
    }
    /* Each layer's bilinear footprint reaches ⌈|o|⌉, so sum the ceilings. */
    sum_x += ceil (mx);
    sum_y += ceil (my);
    best_x = MAX (best_x, sum_x);
    best_y = MAX (best_y, sum_y);
  }
  /* Scaled complexes (skc_family_eval, skc_complex_scale) can reach beyond
   * any int: saturate rather than overflow the conversion. */
  if (reach_x)
    *reach_x = (gint) MIN (best_x, SKC_REACH_MAX - 1) + 1;
  if (reach_y)
    *reach_y = (gint) MIN (best_y, SKC_REACH_MAX - 1) + 1;
}

gdouble
skc_layer_weight_sum (const SkcLayer *layer)
{
  gdouble s = 0;

  for (guint i = 0; i < layer->n_taps; i++)
    s += layer->taps[i].w;
  return s;
}

gdouble
skc_complex_dc_gain (const SkcComplex *c)
{
  gdouble total = 0, product = 1;
  guint branch = c->n_layers ? c->layers[0].branch : 0;

  for (guint l = 0; l < c->n_layers; l++) {
    if (c->layers[l].branch != branch) {
      total += product;
      product = 1;
      branch = c->layers[l].branch;
    }
    product *= skc_layer_weight_sum (&c->layers[l]);
  }
  return total + product;
}

void
skc_complex_transform (SkcComplex *c, gdouble a, gdouble b, gdouble cc, gdouble d)
{
  for (guint l = 0; l < c->n_layers; l++) {
    for (guint i = 0; i < c->layers[l].n_taps; i++) {
      SkcTap *t = &c->layers[l].taps[i];
      gdouble x = t->dx, y = t->dy;

      t->dx = a * x + b * y;
      t->dy = cc * x + d * y;
    }
  }
}

void
skc_complex_scale (SkcComplex *c, gdouble s)
{
  skc_complex_transform (c, s, 0, 0, s);
}

void
skc_complex_rotate (SkcComplex *c, gdouble angle_deg)
{
  /* With y pointing down, a counter-clockwise turn on screen is the matrix
   * [[cos, sin], [−sin, cos]] in (x, y) coordinates. */
  gdouble r = angle_deg * G_PI / 180.0;
  gdouble cs = cos (r), sn = sin (r);

  skc_complex_transform (c, cs, sn, -sn, cs);
}

void
skc_complex_scale_xy (SkcComplex *c, gdouble sx, gdouble sy)
{
  skc_complex_transform (c, sx, 0, 0, sy);
}

void
skc_complex_lerp (const SkcComplex *a, const SkcComplex *b, gdouble t, SkcComplex *out)
{
  g_return_if_fail (skc_complex_same_layout (a, b) && skc_complex_same_layout (a, out));

  for (guint l = 0; l < a->n_layers; l++) {
    for (guint i = 0; i < a->layers[l].n_taps; i++) {
      const SkcTap *ta = &a->layers[l].taps[i], *tb = &b->layers[l].taps[i];
      SkcTap *to = &out->layers[l].taps[i];

      to->dx = ta->dx + t * (tb->dx - ta->dx);
      to->dy = ta->dy + t * (tb->dy - ta->dy);
      to->w = ta->w + t * (tb->w - ta->w);
    }
  }
}
