/* libskc — fixed kernels: a complex's layers as merged integer taps.
 *
 * Error bound against the double-precision reference (each layer a bilinear
 * gather in doubles): Q14 weights are rounded so that each layer's sum is
 * kept exactly (flat areas stay exact); per layer the rounding adds at most
 * ½ Q6 unit (1/128 of an 8-bit level) and the weight rounding at most
 * Σ|Δw|·|x| ≤ N·2⁻¹⁵·16320 Q6 units; the final conversion rounds to the
 * nearest level.  Four layers of ~100 merged taps stay within 1 level;
 * tests/core/test-filter.c checks that on photos.
 * In 16-bit precision every product is rounded to nearest (±½ Q6 unit each,
 * unbiased) and sums saturate in int16; also within 1 level, on a few % of
 * samples. */
#include "skc-fixed-kernel.h"
#include "skc-error.h"
#include "skc-loops.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
  gint dx, dy;
  gdouble w;
} RealTap;

static gint
compare_taps (gconstpointer a, gconstpointer b)
{
  const SkcIntTap *ta = a, *tb = b;

  if (ta->dy != tb->dy)
    return ta->dy < tb->dy ? -1 : 1;
  return ta->dx < tb->dx ? -1 : ta->dx > tb->dx;
}

/* Bilinear expansion and merge of one layer; returns the merged taps. */
static GArray *
expand_layer (const SkcLayer *layer)
{
  GHashTable *index = g_hash_table_new (g_int64_hash, g_int64_equal);
  GArray *taps = g_array_new (FALSE, FALSE, sizeof (RealTap));
  GArray *keys = g_array_new (FALSE, FALSE, sizeof (gint64));

  g_array_set_size (keys, 4 * layer->n_taps);
  for (guint i = 0, n = 0; i < layer->n_taps; i++) {
    const SkcTap *t = &layer->taps[i];
    gdouble fx0 = floor (t->dx), fy0 = floor (t->dy), fx = t->dx - fx0, fy = t->dy - fy0;
    const gdouble bw[4] = { (1 - fx) * (1 - fy), fx * (1 - fy), (1 - fx) * fy, fx * fy };

    for (gint k = 0; k < 4; k++, n++) {
      gint dx = (gint) fx0 + (k & 1), dy = (gint) fy0 + (k >> 1);
      gint64 *key = &g_array_index (keys, gint64, n);
      gpointer slot;

      if (bw[k] == 0)
        continue;
      *key = (gint64) (((guint64) (guint32) dy << 32) | (guint32) dx);
      if (g_hash_table_lookup_extended (index, key, NULL, &slot)) {
        g_array_index (taps, RealTap, GPOINTER_TO_UINT (slot)).w += t->w * bw[k];
      } else {
        RealTap rt = { dx, dy, t->w * bw[k] };

        g_hash_table_insert (index, key, GUINT_TO_POINTER (taps->len));
        g_array_append_val (taps, rt);
      }
    }
  }
  g_hash_table_unref (index);
  g_array_unref (keys);
  return taps;
}

/* Q16 taps for SKC_PRECISION_16: sum-preserving rounding as for Q14, then
 * every weight beyond int16 split into equal pieces at the same offset. */
static void
make_q16 (GArray *real, gdouble sum, SkcIntTap **out, guint *n_out)
{
  GArray *taps = g_array_new (FALSE, FALSE, sizeof (SkcIntTap));
  gint64 qsum = 0, largest = -1, target = (gint64) round (sum * 65536.0);
  g_autofree gint64 *q = g_new0 (gint64, MAX (real->len, 1));

  for (guint i = 0; i < real->len; i++) {
    q[i] = (gint64) round (g_array_index (real, RealTap, i).w * 65536.0);
    qsum += q[i];
    if (largest < 0 || llabs (q[i]) > llabs (q[largest]))
      largest = i;
  }
  if (largest >= 0)
    q[largest] += target - qsum;
  for (guint i = 0; i < real->len; i++) {
    const RealTap *rt = &g_array_index (real, RealTap, i);
    gint64 pieces = (llabs (q[i]) + 32766) / 32767, left = q[i];

    for (gint64 p = pieces; p > 0; p--) {
      SkcIntTap t = { rt->dx, rt->dy, (gint32) (left / p) };

      left -= t.w;
      g_array_append_val (taps, t);
    }
  }
  /* A layer of zero weights has no taps, and an empty GArray no data. */
  if (taps->len > 1)
    qsort (taps->data, taps->len, sizeof (SkcIntTap), compare_taps);
  *n_out = taps->len;
  *out = (SkcIntTap *) g_array_free (taps, FALSE);
}

SkcFixedKernel *
skc_fixed_kernel_new (const SkcComplex *c, GError **error)
{
  return skc_fixed_kernel_new_within (c, 0, 0, error);
}

/* Offsets pulled in to ±(size − 1): on a clamp-to-edge plane no larger than
 * size, x + dx ≥ size − 1 for every x when dx ≥ size − 1, so such a tap reads
 * the edge pixel wherever it lands — exactly what dx = size − 1 reads. */
static SkcComplex *
pull_in (const SkcComplex *c, gint width, gint height)
{
  SkcComplex *near = skc_complex_copy (c);
  const gdouble mx = width > 0 ? width - 1 : INFINITY, my = height > 0 ? height - 1 : INFINITY;

  for (guint l = 0; l < near->n_layers; l++)
    for (guint i = 0; i < near->layers[l].n_taps; i++) {
      SkcTap *t = &near->layers[l].taps[i];

      /* NaN stays NaN, for the range check to refuse. */
      if (fabs (t->dx) > mx)
        t->dx = copysign (mx, t->dx);
      if (fabs (t->dy) > my)
        t->dy = copysign (my, t->dy);
    }
  return near;
}

SkcFixedKernel *
skc_fixed_kernel_new_within (const SkcComplex *whole, gint width, gint height, GError **error)
{
  g_autoptr (SkcComplex) near = width > 0 || height > 0 ? pull_in (whole, width, height) : NULL;
  const SkcComplex *c = near ? near : whole;
  SkcFixedKernel *k;

  if (skc_complex_n_branches (c) != 1) {
    g_set_error (error, SKC_ERROR, SKC_ERROR_UNSUPPORTED,
        "the filtering engine runs one-branch complexes (this one has %u branches)",
        skc_complex_n_branches (c));
    return NULL;
  }
  /* A scaled complex (a one-member family at a radius far from its own)
   * may hold any offset, even ∞ or NaN; the integer taps and the planes'
   * padding (≤ 65536) need far less. */
  for (guint l = 0; l < c->n_layers; l++)
    for (guint i = 0; i < c->layers[l].n_taps; i++) {
      const SkcTap *t = &c->layers[l].taps[i];

      if (!(fabs (t->dx) <= SKC_FIXED_MAX_OFFSET && fabs (t->dy) <= SKC_FIXED_MAX_OFFSET)) {
        g_set_error (error, SKC_ERROR, SKC_ERROR_UNSUPPORTED,
            "layer %u: an offset of (%g, %g) px is beyond the engine's range (±%g)",
            l, t->dx, t->dy, SKC_FIXED_MAX_OFFSET);
        return NULL;
      }
    }
  k = g_new0 (SkcFixedKernel, 1);
  k->n_layers = c->n_layers;
  k->n_taps = g_new0 (guint, c->n_layers);
  k->taps = g_new0 (SkcIntTap *, c->n_layers);
  k->n_taps16 = g_new0 (guint, c->n_layers);
  k->pairs = g_new0 (guint32 *, c->n_layers);
  k->taps16 = g_new0 (SkcIntTap *, c->n_layers);
  for (guint l = 0; l < c->n_layers; l++) {
    g_autoptr (GArray) real = expand_layer (&c->layers[l]);
    gdouble sum = 0;
    gint64 qsum = 0, target;
    guint n = 0, largest = 0;

    k->taps[l] = g_new0 (SkcIntTap, MAX (real->len, 1));
    for (guint i = 0; i < real->len; i++) {
      const RealTap *rt = &g_array_index (real, RealTap, i);
      gdouble q = round (rt->w * (1 << SKC_WEIGHT_SHIFT));

      sum += rt->w;
      if (!(fabs (rt->w) < 2.0)) {
        g_set_error (error, SKC_ERROR, SKC_ERROR_UNSUPPORTED,
            "layer %u: a weight of %g is beyond the engine's range (|w| < 2)", l, rt->w);
        skc_fixed_kernel_free (k);
        return NULL;
      }
      if (q == 0)
        continue;
      k->taps[l][n] = (SkcIntTap) { rt->dx, rt->dy, (gint32) q };
      if (abs (k->taps[l][n].w) > abs (k->taps[l][largest].w))
        largest = n;
      qsum += (gint32) q;
      k->reach_x = MAX (k->reach_x, abs (rt->dx));
      k->reach_y = MAX (k->reach_y, abs (rt->dy));
      k->reach = MAX (k->reach_x, k->reach_y);
      n++;
    }
    /* Keep the layer's sum exact (flat areas unchanged): the rounding
     * remainder goes to the largest tap. */
    target = (gint64) round (sum * (1 << SKC_WEIGHT_SHIFT));
    if (n > 0)
      k->taps[l][largest].w += (gint32) (target - qsum);
    k->n_taps[l] = n;
    qsort (k->taps[l], n, sizeof (SkcIntTap), compare_taps);
    /* Weights in pairs, ready to broadcast; an odd last tap pairs with 0. */
    k->pairs[l] = g_new0 (guint32, n / 2 + 1);
    for (guint t = 0; t < n; t++)
      k->pairs[l][t / 2] |= (guint32) (guint16) (gint16) k->taps[l][t].w << (16 * (t % 2));
    make_q16 (real, sum, &k->taps16[l], &k->n_taps16[l]);
  }
  skc_loops_choose (k, SKC_PRECISION_32, SKC_ENGINE_DEFAULT);
  return k;
}

void
skc_loops_choose (SkcFixedKernel *k, SkcPrecision precision, SkcEngine engine)
{
  gboolean s16 = precision == SKC_PRECISION_16;
  SkcEngine e = skc_engine_resolve (engine, s16);
  SkcLoopFunc loop;

  k->precision = precision;
  k->engine = e;
  switch (e) {
#ifdef SKC_HAVE_X86_LOOPS
    case SKC_ENGINE_VNNI:
      loop = skc_cpu_prefers_512 () ? skc_loop_32_vnni512 : skc_loop_32_vnni;
      break;
    case SKC_ENGINE_AVX2:
      loop = skc_loop_32_avx2;
      break;
#endif
    case SKC_ENGINE_C:
      loop = s16 ? skc_loop_16_c : skc_loop_32_c;
      break;
    default:
      loop = s16 ? skc_loop_16_orc : skc_loop_32_orc;
      break;
  }
  if (k->layer == NULL)
    k->layer = g_new0 (SkcLayerTaps, k->n_layers);
  for (guint l = 0; l < k->n_layers; l++) {
    k->layer[l].taps = s16 ? k->taps16[l] : k->taps[l];
    k->layer[l].n_taps = s16 ? k->n_taps16[l] : k->n_taps[l];
    k->layer[l].pairs = k->pairs ? k->pairs[l] : NULL;
    k->layer[l].loop = loop;
  }
}

void
skc_fixed_kernel_configure (SkcFixedKernel *k, SkcPrecision precision, SkcEngine engine)
{
  skc_loops_choose (k, precision, engine);
  g_debug ("fixed kernel: %u layers, %u taps, %d-bit precision, %s loops (asked for %s)", k->n_layers,
      skc_fixed_kernel_total_taps (k), precision == SKC_PRECISION_16 ? 16 : 32, skc_engine_name (k->engine),
      skc_engine_name (engine));
}

void
skc_fixed_kernel_free (SkcFixedKernel *k)
{
  if (k == NULL)
    return;
  for (guint l = 0; l < k->n_layers; l++) {
    g_free (k->taps[l]);
    if (k->taps16)
      g_free (k->taps16[l]);
    if (k->pairs)
      g_free (k->pairs[l]);
  }
  g_free (k->pairs);
  g_free (k->layer);
  g_free (k->run_key);
  g_free (k->taps);
  g_free (k->n_taps);
  g_free (k->taps16);
  g_free (k->n_taps16);
  g_free (k);
}

gboolean
skc_fixed_kernel_fits_plane (const SkcFixedKernel *k, const SkcPlane *p)
{
  return p->pad_x >= k->reach_x + SKC_PLANE_SLACK && p->pad_y >= k->reach_y;
}

guint
skc_fixed_kernel_total_taps (const SkcFixedKernel *k)
{
  guint n = 0;

  for (guint l = 0; l < k->n_layers; l++)
    n += k->precision == SKC_PRECISION_16 ? k->n_taps16[l] : k->n_taps[l];
  return n;
}

