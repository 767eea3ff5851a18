/* libskc — spatially-varying filtering by quantised levels. */
#include "skc-varying.h"
#include "skc-rows-isa.h"
#include "skc-varying-run.h"
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

/* The largest frame whose pulled-in offsets stay within the engine's range. */
#define CHECK_FRAME ((gint) SKC_FIXED_MAX_OFFSET + 1)

gboolean
skc_varying_family_check (const SkcFamily *family, GError **error)
{
  for (guint m = 0; m < family->n_members; m++)
    for (guint half = 0; half < (m + 1 < family->n_members ? 2u : 1u); half++) {
      gdouble radius = half ? (family->values[m] + family->values[m + 1]) / 2 : family->values[m];
      g_autoptr (SkcComplex) c = skc_complex_copy (family->members[m]);
      g_autoptr (SkcFixedKernel) k = NULL;

      if (half)
        skc_family_eval (family, radius, c);
      k = skc_fixed_kernel_new_within (c, CHECK_FRAME, CHECK_FRAME, error);
      if (k == NULL) {
        g_prefix_error (error, "%s %u (%s %g): ", half ? "the blend after member" : "member", m,
            family->axis ? family->axis : "value", radius);
        return FALSE;
      }
    }
  return TRUE;
}

SkcVaryingKernel *
skc_varying_kernel_new (const SkcFamily *family, gdouble max_radius, gdouble step,
    SkcPrecision precision, GError **error)
{
  return skc_varying_kernel_new_scaled (family, max_radius, step, precision, 1.0, 1.0, error);
}

/* Levels for radii up to max_radius, or 0 with an error: the per-pixel
 * level index is 16-bit. */
static guint
count_levels (gdouble max_radius, gdouble step, GError **error)
{
  gdouble levels = floor (max_radius / step + 0.5) + 1;

  if (!(step > 0) || !isfinite (step) || !(max_radius >= 0) || !(levels <= 65536)) {
    g_set_error (error, SKC_ERROR, SKC_ERROR_INVALID,
        "radius levels: max radius %g in steps of %g is out of range (at most 65536 levels)", max_radius, step);
    return 0;
  }
  return (guint) levels;
}

SkcVaryingKernel *
skc_varying_kernel_new_lazy (const SkcFamily *family, gdouble step, SkcPrecision precision, gdouble scale_x,
    gdouble scale_y, gint within_w, gint within_h, GError **error)
{
  SkcVaryingKernel *vk;

  if (count_levels (0, step, error) == 0)
    return NULL;
  vk = g_new0 (SkcVaryingKernel, 1);
  vk->step = step;
  vk->n_levels = 1;
  vk->capacity = 1;
  vk->levels = g_new0 (SkcFixedKernel *, 1);
  vk->n_layers = family->members[0]->n_layers;
  vk->by_layer = g_new0 (SkcLayerTaps *, vk->n_layers);
  vk->run_keys = g_new0 (guint32 *, vk->n_layers);
  for (guint l = 0; l < vk->n_layers; l++) {
    vk->by_layer[l] = g_new0 (SkcLayerTaps, 1);
    vk->run_keys[l] = g_new0 (guint32, 1);
  }
  vk->precision = precision;
  vk->family = family;
  vk->scale_x = scale_x;
  vk->scale_y = scale_y;
  vk->within_w = within_w;
  vk->within_h = within_h;
  vk->engine = SKC_ENGINE_DEFAULT;
  return vk;
}

static void
grow_levels (SkcVaryingKernel *vk, guint n)
{
  if (n <= vk->capacity)
    return;
  vk->levels = g_renew (SkcFixedKernel *, vk->levels, n);
  memset (vk->levels + vk->capacity, 0, sizeof (SkcFixedKernel *) * (n - vk->capacity));
  for (guint l = 0; l < vk->n_layers; l++) {
    vk->by_layer[l] = g_renew (SkcLayerTaps, vk->by_layer[l], n);
    memset (vk->by_layer[l] + vk->capacity, 0, sizeof (SkcLayerTaps) * (n - vk->capacity));
    vk->run_keys[l] = g_renew (guint32, vk->run_keys[l], n);
    memset (vk->run_keys[l] + vk->capacity, 0, sizeof (guint32) * (n - vk->capacity));
  }
  vk->capacity = n;
}

/* by_layer's entries of level q from levels[q] (zero where it is NULL or has
 * fewer layers). */
static void
index_level (SkcVaryingKernel *vk, guint q)
{
  const SkcFixedKernel *k = vk->levels[q];

  for (guint l = 0; l < vk->n_layers; l++)
    if (k != NULL && l < k->n_layers) {
      vk->by_layer[l][q] = k->layer[l];
      vk->run_keys[l][q] = k->run_key ? k->run_key[l] : 0;
    } else {
      memset (&vk->by_layer[l][q], 0, sizeof (SkcLayerTaps));
      vk->run_keys[l][q] = 0;
    }
}

void
skc_varying_kernel_drop_level (SkcVaryingKernel *vk, guint q)
{
  if (q >= vk->capacity)
    return;
  g_clear_pointer (&vk->levels[q], skc_fixed_kernel_free);
  index_level (vk, q);
}

static gboolean
build_level (SkcVaryingKernel *vk, guint q, GError **error)
{
  g_autoptr (SkcComplex) c = skc_varying_level_complex (vk->family, q * vk->step);
  SkcFixedKernel *k;

  skc_complex_scale_xy (c, vk->scale_x, vk->scale_y);
  k = skc_fixed_kernel_new_within (c, vk->within_w, vk->within_h, error);
  if (k == NULL) {
    g_prefix_error (error, "radius %g: ", q * vk->step);
    return FALSE;
  }
  skc_varying_kernel_install_level (vk, q, k);
  return TRUE;
}

void
skc_varying_kernel_install_level (SkcVaryingKernel *vk, guint q, SkcFixedKernel *k)
{
  grow_levels (vk, q + 1);
  skc_fixed_kernel_free (vk->levels[q]);
  skc_loops_choose (k, vk->precision, vk->engine);
  vk->levels[q] = k;
  index_level (vk, q);
  vk->reach_x = MAX (vk->reach_x, k->reach_x);
  vk->reach_y = MAX (vk->reach_y, k->reach_y);
  vk->reach = MAX (vk->reach_x, vk->reach_y);
  if (vk->layer_reach == NULL)
    vk->layer_reach = g_new0 (gint, vk->n_layers);
  for (guint l = 0; l < MIN (k->n_layers, vk->n_layers); l++)
    for (guint t = 0; t < k->n_taps[l]; t++)
      vk->layer_reach[l] = MAX (vk->layer_reach[l], MAX (ABS (k->taps[l][t].dx), ABS (k->taps[l][t].dy)));
}

void
skc_varying_kernel_set_halve (SkcVaryingKernel *vk, gdouble radius)
{
  gdouble per_level = vk->step * MAX (vk->scale_x, vk->scale_y);
  gdouble from = radius > 0 && per_level > 0 ? ceil (radius / per_level - 1e-9) : 0;

  if (!(from >= 1 && from < 65536)) {
    g_clear_pointer (&vk->half, skc_varying_kernel_free);
    vk->halve_from = 0;
    return;
  }
  vk->halve_from = (guint) from;
  vk->halve_band = MIN (SKC_VARYING_HALVE_BAND, vk->halve_from - 1);
  if (vk->half == NULL) {
    /* Half the plane and the kernel at half size; the radius map, and so
     * the level index, stay those of the full plane. */
    vk->half = skc_varying_kernel_new_lazy (vk->family, vk->step, vk->precision, vk->scale_x / 2,
        vk->scale_y / 2, vk->within_w > 0 ? (vk->within_w + 1) / 2 : 0,
        vk->within_h > 0 ? (vk->within_h + 1) / 2 : 0, NULL);
    vk->half->engine = vk->engine;
  }
}

SkcVaryingKernel *
skc_varying_kernel_new_scaled (const SkcFamily *family, gdouble max_radius, gdouble step,
    SkcPrecision precision, gdouble scale_x, gdouble scale_y, GError **error)
{
  guint n = count_levels (max_radius, step, error);
  g_autoptr (SkcVaryingKernel) vk = NULL;

  if (n == 0)
    return NULL;
  vk = skc_varying_kernel_new_lazy (family, step, precision, scale_x, scale_y, 0, 0, error);
  grow_levels (vk, n);
  vk->n_levels = n;
  for (guint q = 1; q < n; q++)
    if (!build_level (vk, q, error))
      return NULL;
  skc_varying_kernel_set_engine (vk, SKC_ENGINE_DEFAULT);
  return g_steal_pointer (&vk);
}

typedef struct {
  const gfloat *radius;
  gsize stride;
  gint width, height;
  gfloat inv_step;
  guint n_levels;
  guint8 *used;        /* per stripe, n_levels flags */
  guint16 *level;      /* NULL, or each pixel's level (width a row) */
} ScanJob;

/* One row's levels: a loop without stores to a computed address, so the
 * compiler vectorises it (at AVX2 width where the CPU has it). */
static SKC_ROWS_ISA void
level_row (const gfloat *radius, guint16 *level, gint width, gfloat inv_step, guint n_levels)
{
  for (gint x = 0; x < width; x++)
    level[x] = (guint16) skc_varying_level_of (radius[x], inv_step, n_levels);
}

static void
scan_stripe (guint i, guint n, gpointer data)
{
  ScanJob *job = data;
  guint8 *used = job->used + (gsize) i * job->n_levels;
  g_autofree guint16 *own = job->level ? NULL : g_new (guint16, job->width);
  gint y0, y1;

  skc_pool_stripe (i, n, job->height, &y0, &y1);
  for (gint y = y0; y < y1; y++) {
    guint16 *lv = job->level ? job->level + (gsize) y * job->width : own;

    level_row (job->radius + (gsize) y * job->stride, lv, job->width, job->inv_step, job->n_levels);
    /* A level is marked where a run of it starts. */
    for (gint x = 0; x < job->width; x++)
      if (x == 0 || lv[x] != lv[x - 1])
        used[lv[x]] = 1;
  }
}

gboolean
skc_varying_kernel_prepare (SkcVaryingKernel *vk, gdouble max_radius, const gfloat *radius, gsize radius_stride,
    gint width, gint height, SkcPool *pool, GError **error)
{
  return skc_varying_kernel_prepare_levels (vk, max_radius, radius, radius_stride, width, height, NULL, pool,
      error);
}

gboolean
skc_varying_kernel_prepare_levels (SkcVaryingKernel *vk, gdouble max_radius, const gfloat *radius,
    gsize radius_stride, gint width, gint height, guint16 *level, SkcPool *pool, GError **error)
{
  guint n = skc_varying_kernel_count_levels (vk, max_radius, error);
  guint stripes = skc_pool_stripes (pool, height);
  g_autofree guint8 *used = NULL;
  ScanJob job;

  if (n == 0)
    return FALSE;
  used = g_new0 (guint8, (gsize) n * stripes);
  job = (ScanJob) { radius, radius_stride, width, height, (gfloat) (1 / vk->step), n, used, level };
  skc_pool_run (pool, stripes, scan_stripe, &job);
  return skc_varying_kernel_build_used (vk, n, used, stripes, error);
}

guint
skc_varying_kernel_count_levels (const SkcVaryingKernel *vk, gdouble max_radius, GError **error)
{
  return count_levels (max_radius, vk->step, error);
}

gboolean
skc_varying_kernel_build_used (SkcVaryingKernel *vk, guint n_levels, const guint8 *used, guint n_sets,
    GError **error)
{
  guint top = 0;

  grow_levels (vk, n_levels);
  for (guint q = 1; q < n_levels; q++) {
    gboolean needed = FALSE;

    for (guint i = 0; i < n_sets && !needed; i++)
      needed = used[(gsize) i * n_levels + q];
    if (needed && vk->levels[q] == NULL && !build_level (vk, q, error))
      return FALSE;
    if (needed)
      top = q;
  }
  /* The half plane's levels are means of the full ones (skc-varying-halve.c):
   * once a level reaches the band, any level up to the highest used may be
   * asked for there (the lowest too when level 0 is in the mean). */
  if (vk->half && top >= vk->halve_from - vk->halve_band) {
    grow_levels (vk->half, n_levels);
    for (guint q = 1; q <= top; q++)
      if (vk->half->levels[q] == NULL && !build_level (vk->half, q, error))
        return FALSE;
  }
  if (vk->half)
    vk->half->n_levels = n_levels;
  vk->used_top = top;
  vk->n_levels = n_levels;
  return TRUE;
}

gboolean
skc_varying_kernel_fits_plane (const SkcVaryingKernel *vk, const SkcPlane *p)
{
  return p->pad_x >= vk->reach_x + SKC_PLANE_SLACK && p->pad_y >= vk->reach_y;
}

void
skc_varying_kernel_set_engine (SkcVaryingKernel *vk, SkcEngine engine)
{
  vk->engine = engine;
  if (vk->half)
    skc_varying_kernel_set_engine (vk->half, engine);
  for (guint q = 1; q < vk->capacity; q++)
    if (vk->levels[q]) {
      skc_loops_choose (vk->levels[q], vk->precision, engine);
      index_level (vk, q);
    }
  g_debug ("varying kernel: %u levels of %g px, %d-bit precision, %s loops (asked for %s)", vk->n_levels,
      vk->step, vk->precision == SKC_PRECISION_16 ? 16 : 32,
      skc_engine_name (skc_engine_resolve (engine, vk->precision == SKC_PRECISION_16)), skc_engine_name (engine));
}

void
skc_varying_kernel_free (SkcVaryingKernel *vk)
{
  if (vk == NULL)
    return;
  for (guint q = 0; q < vk->capacity; q++)
    skc_fixed_kernel_free (vk->levels[q]);
  skc_varying_kernel_free (vk->half);
  for (guint i = 0; i < G_N_ELEMENTS (vk->half_work); i++)
    skc_plane_free (vk->half_work[i]);
  g_free (vk->layer_reach);
  for (guint l = 0; l < vk->n_layers; l++) {
    g_free (vk->by_layer[l]);
    g_free (vk->run_keys[l]);
  }
  g_free (vk->by_layer);
  g_free (vk->run_keys);
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
  gboolean quantised;     /* level given by the caller: no layer quantises */
  const SkcVaryingSkip *skip;  /* NULL: every pixel */
} VaryingJob;

/* Each pixel's radius → its level; every layer reads the level at the
 * output pixel, so a stripe's rows are all any layer's stripe needs. */
static void
quantise_rows (VaryingJob *job, gint y0, gint y1)
{
  const SkcVaryingKernel *vk = job->vk;
  gfloat inv_step = (gfloat) (1 / vk->step);

  for (gint y = y0; y < y1; y++)
    level_row (job->radius + (gsize) y * job->radius_stride, job->level + (gsize) y * job->width, job->width,
        inv_step, vk->n_levels);
}

void
skc_varying_row (const SkcVaryingKernel *vk, guint layer, const guint16 *lv, const SkcPlane *src, gint y, gint xa,
    gint xb, gint16 *out, gint32 *acc, gboolean every_layer_copies)
{
  const guint32 *keys = vk->run_keys[layer];

  /* Runs of equal level go through the fixed-kernel loops as one segment. */
  for (gint x0 = xa, x1; x0 < xb; x0 = x1) {
    guint next, after;

    x1 = skc_varying_next_run (lv, keys, x0, xb);
    next = x1 < xb ? lv[x1] : lv[x0];
    after = x1 < xb ? lv[MIN (x1 + (x1 - x0), xb - 1)] : lv[x0];
    skc_varying_segment (vk, layer, lv[x0], next, after, src, y, x0, x1, out, acc, every_layer_copies);
  }
}

/* Pixels [xa, xb) of row y of one layer.  Ping-ponging between two planes,
 * after the first layer both hold the input where the level is 0. */
static void
row_span (const VaryingJob *job, guint i, gint y, gint xa, gint xb)
{
  skc_varying_row (job->vk, job->layer, job->level + (gsize) y * job->width, job->src, y, xa, xb,
      skc_plane_row (job->dst, y), job->acc + i * job->acc_len, FALSE);
}

/* Row y with skipping: the spans of consecutive tiles near enough to a
 * needed pixel for this layer. */
static void
row_skipping (const VaryingJob *job, guint i, gint y)
{
  const SkcVaryingSkip *sk = job->skip;
  const guint8 *dist = sk->dist + (gsize) (y >> sk->shift) * sk->tiles_x;
  guint k = sk->k[job->layer];

  for (gint t0 = 0, t1; t0 < sk->tiles_x; t0 = t1) {
    gboolean on = dist[t0] <= k;

    for (t1 = t0 + 1; t1 < sk->tiles_x && (dist[t1] <= k) == on; t1++)
      ;
    if (on)
      row_span (job, i, y, t0 << sk->shift, MIN (t1 << sk->shift, job->width));
  }
}

static void
varying_stripe (guint i, guint n, gpointer data)
{
  VaryingJob *job = data;
  gint h = job->dst->height;
  gint y0, y1;

  skc_pool_stripe (i, n, h, &y0, &y1);

  if (job->layer == 0 && !job->quantised)
    quantise_rows (job, y0, y1);
  for (gint y = y0; y < y1; y++)
    if (job->skip)
      row_skipping (job, i, y);
    else
      row_span (job, i, y, 0, job->width);
  /* The next layer reads this plane's border (see skc-filter.c). */
  skc_plane_fill_border_rows (job->dst, y0, y1);
}

/* The layers in turn, ping-ponging between plane and the scratch; level is
 * quantised by the first layer's stripes unless given. */
static void
run_layers (const SkcVaryingKernel *vk, SkcPlane *plane, SkcPlane *scratch, guint16 *level, gboolean quantised,
    const gfloat *radius, gsize radius_stride, gboolean bordered, const SkcVaryingSkip *skip, SkcPool *pool)
{
  gint width = plane->width;
  g_autoptr (SkcPlane) own = scratch ? NULL : skc_plane_new_like (plane);
  guint stripes = skc_pool_stripes (pool, plane->height);
  gsize acc_len = 2 * (gsize) width * plane->channels;
  g_autofree gint32 *acc = g_new (gint32, acc_len * stripes);
  SkcPlane *in = plane, *out = scratch ? scratch : own, *t;

  g_return_if_fail (out != NULL && skc_varying_kernel_fits_plane (vk, plane) && skc_plane_same_shape (plane, out));
  if (!bordered)
    skc_plane_fill_border (plane);
  for (guint l = 0; l < vk->n_layers; l++) {
    VaryingJob job = { vk, l, level, radius, radius_stride, width, in, out, acc, acc_len, quantised, skip };

    skc_pool_run (pool, stripes, varying_stripe, &job);
    t = in;
    in = out;
    out = t;
  }
  /* An odd number of layers ends in the other plane: the two of one shape
   * trade their memory rather than copy a frame. */
  if (in != plane) {
    gint16 *alloc = plane->alloc, *data = plane->data;

    plane->alloc = in->alloc;
    plane->data = in->data;
    in->alloc = alloc;
    in->data = data;
  }
}

void
skc_varying_run_layers (const SkcVaryingKernel *vk, SkcPlane *plane, SkcPlane *scratch, const guint16 *level,
    gboolean bordered, const SkcVaryingSkip *skip, SkcPool *pool)
{
  run_layers (vk, plane, scratch, (guint16 *) level, TRUE, NULL, 0, bordered, skip, pool);
}

static void
quantise_stripe (guint i, guint n, gpointer data)
{
  VaryingJob *job = data;
  gint y0, y1;

  skc_pool_stripe (i, n, job->dst->height, &y0, &y1);
  quantise_rows (job, y0, y1);
}

void
skc_filter_plane_varying (const SkcVaryingKernel *vk, SkcPlane *plane, SkcPlane *scratch, const gfloat *radius,
    gsize radius_stride, SkcPool *pool)
{
  g_autofree guint16 *level = g_new (guint16, (gsize) plane->width * plane->height);

  if (vk->half) {
    /* Halving reads every level before the first layer: quantised first. */
    VaryingJob job = { vk, 0, level, radius, radius_stride, plane->width, plane, plane, NULL, 0, FALSE, NULL };

    skc_pool_run (pool, skc_pool_stripes (pool, plane->height), quantise_stripe, &job);
    skc_filter_plane_varying_levels (vk, plane, scratch, level, pool);
    return;
  }
  run_layers (vk, plane, scratch, level, FALSE, radius, radius_stride, FALSE, NULL, pool);
}

void
skc_filter_plane_varying_levels (const SkcVaryingKernel *vk, SkcPlane *plane, SkcPlane *scratch,
    const guint16 *level, SkcPool *pool)
{
  if (vk->half && skc_varying_run_halved (vk, plane, scratch, level, pool))
    return;
  run_layers (vk, plane, scratch, (guint16 *) level, TRUE, NULL, 0, FALSE, NULL, pool);
}

void
skc_filter_varying_u8 (const SkcVaryingKernel *vk, const guint8 *src, gsize src_stride, guint8 *dst,
    gsize dst_stride, gint width, gint height, gint channels, const gfloat *radius, gsize radius_stride,
    SkcPool *pool)
{
  g_autoptr (SkcPlane) plane = skc_plane_new_padded (width, height, channels, vk->reach_x + SKC_PLANE_SLACK,
      vk->reach_y);

  g_return_if_fail (plane != NULL);
  skc_filter_load (plane, src, src_stride, NULL, pool);
  skc_filter_plane_varying (vk, plane, NULL, radius, radius_stride, pool);
  skc_filter_store (plane, dst, dst_stride, NULL, pool);
}
