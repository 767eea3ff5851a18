/* libskc — fixed-kernel filtering in 16-bit fixed point.
 *
 * Error bound against the double-precision reference (each layer a bilinear
 * gather in doubles): Q14 weights are rounded so that each layer's sum is
 * kept exactly (flat areas stay exact); per layer the rounding adds at most
 * ½ Q6 unit (1/128 of an 8-bit level) and the weight rounding at most
 * Σ|Δw|·|x| ≤ N·2⁻¹⁵·16320 Q6 units; the final conversion rounds to the
 * nearest level.  Four layers of ~100 merged taps stay within 1 level;
 * tests/test-filter.c checks that on photos. */
#include "skc-filter.h"
#include "skc-error.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "skc-orc.h"

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
  qsort (taps->data, taps->len, sizeof (SkcIntTap), compare_taps);
  *n_out = taps->len;
  *out = (SkcIntTap *) g_array_free (taps, FALSE);
}

SkcFixedKernel *
skc_fixed_kernel_new (const SkcComplex *c, GError **error)
{
  SkcFixedKernel *k;

  if (skc_complex_n_branches (c) != 1) {
    g_set_error (error, SKC_ERROR, SKC_ERROR_UNSUPPORTED,
        "the filtering engine runs one-branch complexes (this one has %u branches)",
        skc_complex_n_branches (c));
    return NULL;
  }
  k = g_new0 (SkcFixedKernel, 1);
  k->n_layers = c->n_layers;
  k->n_taps = g_new0 (guint, c->n_layers);
  k->taps = g_new0 (SkcIntTap *, c->n_layers);
  k->n_taps16 = g_new0 (guint, c->n_layers);
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
      if (fabs (rt->w) >= 2.0) {
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
      k->reach = MAX (k->reach, MAX (abs (rt->dx), abs (rt->dy)));
      n++;
    }
    /* Keep the layer's sum exact (flat areas unchanged): the rounding
     * remainder goes to the largest tap. */
    target = (gint64) round (sum * (1 << SKC_WEIGHT_SHIFT));
    if (n > 0)
      k->taps[l][largest].w += (gint32) (target - qsum);
    k->n_taps[l] = n;
    qsort (k->taps[l], n, sizeof (SkcIntTap), compare_taps);
    make_q16 (real, sum, &k->taps16[l], &k->n_taps16[l]);
  }
  return k;
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
  }
  g_free (k->taps);
  g_free (k->n_taps);
  g_free (k->taps16);
  g_free (k->n_taps16);
  g_free (k);
}

guint
skc_fixed_kernel_total_taps (const SkcFixedKernel *k)
{
  guint n = 0;

  for (guint l = 0; l < k->n_layers; l++)
    n += k->precision == SKC_PRECISION_16 ? k->n_taps16[l] : k->n_taps[l];
  return n;
}

static inline gint16
sat16 (gint32 v)
{
  return (gint16) CLAMP (v, G_MININT16, G_MAXINT16);
}

/* (x·w + 2¹⁵) >> 16: what ORC's mulhsw + (mullw >> 15) computes. */
static inline gint16
rprod (gint16 x, gint16 w)
{
  return (gint16) (((gint32) x * w + 32768) >> 16);
}

static void
layer_row_s16_c (const SkcIntTap *taps, guint n_taps, const SkcPlane *src, gint y, gint16 *out,
    gsize n)
{
  const gint16 *s[4];
  guint t = 0;

  memset (out, 0, sizeof (gint16) * n);
  /* Grouped exactly as the ORC functions, so saturation happens alike. */
  for (; t + 4 <= n_taps; t += 4) {
    for (gint j = 0; j < 4; j++)
      s[j] = skc_plane_row (src, y + taps[t + j].dy) + taps[t + j].dx * src->channels;
    for (gsize i = 0; i < n; i++) {
      gint16 a = rprod (s[0][i], taps[t].w);

      a = sat16 (a + rprod (s[1][i], taps[t + 1].w));
      a = sat16 (a + rprod (s[2][i], taps[t + 2].w));
      a = sat16 (a + rprod (s[3][i], taps[t + 3].w));
      out[i] = sat16 (out[i] + a);
    }
  }
  for (; t < n_taps; t++) {
    const gint16 *in = skc_plane_row (src, y + taps[t].dy) + taps[t].dx * src->channels;

    for (gsize i = 0; i < n; i++)
      out[i] = sat16 (out[i] + rprod (in[i], taps[t].w));
  }
}

static void
layer_row_s16_orc (const SkcIntTap *taps, guint n_taps, const SkcPlane *src, gint y, gint16 *out,
    gint16 *acc, gsize n)
{
  gint16 *from = acc, *to = acc + n, *swap;
  guint t = 0;

  memset (from, 0, sizeof (gint16) * n);
  for (; t < n_taps; from = to, to = swap) {
    swap = from;
    if (t + 4 <= n_taps) {
      const gint16 *s[4];

      for (gint j = 0; j < 4; j++)
        s[j] = skc_plane_row (src, y + taps[t + j].dy) + taps[t + j].dx * src->channels;
      skc_orc_mac4_s16 (to, from, s[0], s[1], s[2], s[3], taps[t].w, taps[t + 1].w, taps[t + 2].w,
          taps[t + 3].w, n);
      t += 4;
    } else {
      skc_orc_mac1_s16 (to, from, skc_plane_row (src, y + taps[t].dy) + taps[t].dx * src->channels,
          taps[t].w, n);
      t++;
    }
  }
  memcpy (out, from, sizeof (gint16) * n);
}

void
skc_filter_layer_rows_s16 (const SkcIntTap *taps, guint n_taps, const SkcPlane *src, SkcPlane *dst,
    gint y0, gint y1, gint16 *acc)
{
  gsize n = (gsize) src->width * src->channels;

  for (gint y = y0; y < y1; y++) {
    if (skc_filter_use_orc ())
      layer_row_s16_orc (taps, n_taps, src, y, skc_plane_row (dst, y), acc, n);
    else
      layer_row_s16_c (taps, n_taps, src, y, skc_plane_row (dst, y), n);
  }
}

/* -1: not decided yet; then 0 (plain C) or 1 (ORC). */
static gint engine_orc = -1;

gboolean
skc_filter_use_orc (void)
{
  gint v = g_atomic_int_get (&engine_orc);

  /* SKC_ENGINE=c selects the plain C loops (same results, for testing). */
  if (v < 0) {
    v = g_strcmp0 (g_getenv ("SKC_ENGINE"), "c") != 0;
    g_atomic_int_set (&engine_orc, v);
  }
  return v;
}

void
skc_filter_set_orc (gboolean use_orc)
{
  g_atomic_int_set (&engine_orc, use_orc ? 1 : 0);
}

/* One output row through ORC: four taps a call, the int32 row passed
 * between two buffers (ORC's arguments are restrict: no in-place calls). */
static void
layer_row_orc (const SkcIntTap *taps, guint n_taps, const SkcPlane *src, gint y, gint16 *out,
    gint32 *acc, gsize n)
{
  gint32 *from = acc, *to = acc + n, *swap;
  guint t = 0;

  memset (from, 0, sizeof (gint32) * n);
  for (; t < n_taps; from = to, to = swap) {
    swap = from;
    if (t + 4 <= n_taps) {
      const gint16 *s[4];

      for (gint j = 0; j < 4; j++)
        s[j] = skc_plane_row (src, y + taps[t + j].dy) + taps[t + j].dx * src->channels;
      skc_orc_mac4 (to, from, s[0], s[1], s[2], s[3], taps[t].w, taps[t + 1].w, taps[t + 2].w,
          taps[t + 3].w, n);
      t += 4;
    } else {
      skc_orc_mac1 (to, from, skc_plane_row (src, y + taps[t].dy) + taps[t].dx * src->channels,
          taps[t].w, n);
      t++;
    }
  }
  skc_orc_round_s32_s16 (out, from, n);
}

void
skc_filter_layer_rows (const SkcIntTap *taps, guint n_taps, const SkcPlane *src, SkcPlane *dst,
    gint y0, gint y1, gint32 *acc)
{
  gsize n = (gsize) src->width * src->channels;
  const gint32 half = 1 << (SKC_WEIGHT_SHIFT - 1);

  for (gint y = y0; y < y1; y++) {
    gint16 *out = skc_plane_row (dst, y);

    if (skc_filter_use_orc ()) {
      layer_row_orc (taps, n_taps, src, y, out, acc, n);
      continue;
    }
    memset (acc, 0, sizeof (gint32) * n);
    /* Taps outer, pixels inner: the inner loop is a contiguous widening
     * multiply-add the compiler vectorises. */
    for (guint t = 0; t < n_taps; t++) {
      const gint16 *in = skc_plane_row (src, y + taps[t].dy) + taps[t].dx * src->channels;
      const gint32 w = taps[t].w;

      for (gsize i = 0; i < n; i++)
        acc[i] += w * in[i];
    }
    for (gsize i = 0; i < n; i++) {
      gint32 v = (acc[i] + half) >> SKC_WEIGHT_SHIFT;

      out[i] = (gint16) CLAMP (v, G_MININT16, G_MAXINT16);
    }
  }
}

typedef struct {
  const SkcIntTap *taps;
  guint n_taps;
  const SkcPlane *src;
  SkcPlane *dst;
  gint32 *acc;        /* 2 × width × channels per stripe */
  gsize acc_len;
  gboolean s16;
} LayerJob;

static void
layer_stripe (guint i, guint n, gpointer data)
{
  LayerJob *job = data;
  gint h = job->dst->height;

  gint y0 = (gint) ((gint64) h * i / n), y1 = (gint) ((gint64) h * (i + 1) / n);

  /* Rows are independent: the result is the same for any stripe count. */
  if (job->s16)
    skc_filter_layer_rows_s16 (job->taps, job->n_taps, job->src, job->dst, y0, y1,
        (gint16 *) (job->acc + i * job->acc_len));
  else
    skc_filter_layer_rows (job->taps, job->n_taps, job->src, job->dst, y0, y1, job->acc + i * job->acc_len);
}

void
skc_filter_fixed_u8 (const SkcFixedKernel *k, const guint8 *src, gsize src_stride, guint8 *dst,
    gsize dst_stride, gint width, gint height, gint channels, SkcPool *pool)
{
  g_autoptr (SkcPlane) a = skc_plane_new (width, height, channels, k->reach);
  g_autoptr (SkcPlane) b = skc_plane_new (width, height, channels, k->reach);
  guint stripes = pool ? MIN (skc_pool_threads (pool), (guint) height) : 1;
  gsize acc_len = 2 * (gsize) width * channels;
  g_autofree gint32 *acc = g_new (gint32, acc_len * stripes);
  SkcPlane *in = a, *out = b, *t;

  g_return_if_fail (a != NULL && b != NULL);
  skc_plane_from_u8 (in, src, src_stride);
  for (guint l = 0; l < k->n_layers; l++) {
    gboolean s16 = k->precision == SKC_PRECISION_16;
    LayerJob job = { s16 ? k->taps16[l] : k->taps[l], s16 ? k->n_taps16[l] : k->n_taps[l], in, out,
      acc, acc_len, s16 };

    skc_plane_fill_border (in);
    skc_pool_run (pool, stripes, layer_stripe, &job);
    t = in;
    in = out;
    out = t;
  }
  skc_plane_to_u8 (in, dst, dst_stride);
}
