/* libskc — a fixed kernel in one sweep down the frame's rows.
 *
 * Stage 0 loads rows (decimated: loads pairs of rows and averages them 2×2,
 * twice over at factor 4), stage 1 + l runs layer l, the last stage stores
 * rows (decimated: interpolates them back up, once or twice, and stores
 * them).  Stage s writes ring s, which stage s + 1 reads.
 * Time goes in steps; in step t stage s produces its rows
 * [t·B − lag_s, (t + 1)·B − lag_s), and every stage of a step runs at once
 * (one skc_pool_run, its blocks cut in parts for the threads), so a stage
 * may read only what earlier steps wrote: lag_s = lag_{s−1} + B + d_s, d_s
 * the rows beyond its own that stage s reads on each side.  One barrier a
 * step, and no row is computed twice.
 *
 * Ring s is read by stage s + 1 from row t·B − lag_{s+1} − d_{s+1} while
 * stage s writes up to (t + 1)·B − lag_s − 1 plus its d_{s+1} pad rows below
 * the last: 2·B + 3·d_{s+1} rows, which the ring's slots must exceed for no
 * row to be overwritten before it is read.  The slots are a power of two
 * (skc_plane_row masks), and B is what fits. */
#include "skc-sweep.h"
#include "skc-halve.h"
#include "skc-loops.h"
#include "skc-varying-run.h"

#include <stdlib.h>

/* Rows a stage advances a step, at least.  A step costs a barrier (tens of
 * µs), so more rows make fewer steps; fewer rows make smaller rings. */
#define SWEEP_MIN_BLOCK 24

/* A part's scratch, kept from step to step for the same stage and part. */
typedef struct {
  gint32   *acc;    /* layers: the loops' sums, 2 × width × channels */
  SkcPlane *pair;   /* decimated, first and last stage: two full rows (a ring of 2) */
  SkcPlane *half;   /* factor 4, first and last stage: half rows (a ring of 4) */
  gint32   *blend;  /* decimated, last stage: a coarser row blended down the columns */
} Part;

struct _SkcSweep {
  /* The geometry everything was made for: the working plane width × height
   * of factor (1, 2, 4) over full_w × full_h, half_w × half_h between. */
  gint       width, height, channels, full_w, full_h, half_w, half_h, pad_x, slots;
  guint      factor;
  guint      n_layers, parts;
  gint      *pad_y;   /* ring s: the rows its reader reaches above and below */
  SkcPlane **rings;   /* n_layers + 1 */
  Part      *part;    /* (n_layers + 2) × parts, stage-major */
};

typedef struct {
  guint stage, part;
  gint  y0, y1;       /* rows of the working plane (half rows when halved) */
} Item;

typedef struct {
  const SkcSweep       *s;
  const SkcFixedKernel *k;      /* the fixed kernel, or NULL and … */
  const SkcVaryingKernel *vk;   /* … the levels, … */
  const guint16        *level;  /* … and each pixel's level, width a row, */
  const SkcVaryingRuns *runs;   /* … or its runs (NULL: found as the rows run) */
  const guint8         *src;
  gsize                 src_stride;
  const SkcSampleFormat *in_fmt;
  guint8               *dst;
  gsize                 dst_stride;
  const SkcSampleFormat *out_fmt;
  const Item           *items;
} StepJob;

SkcSweep *
skc_sweep_new (void)
{
  return g_new0 (SkcSweep, 1);
}

static void
sweep_clear (SkcSweep *s)
{
  for (guint r = 0; s->rings && r <= s->n_layers; r++)
    skc_plane_free (s->rings[r]);
  for (guint i = 0; s->part && i < (s->n_layers + 2) * s->parts; i++) {
    g_free (s->part[i].acc);
    skc_plane_free (s->part[i].pair);
    skc_plane_free (s->part[i].half);
    g_free (s->part[i].blend);
  }
  g_clear_pointer (&s->rings, g_free);
  g_clear_pointer (&s->part, g_free);
  g_clear_pointer (&s->pad_y, g_free);
  s->width = 0;
}

void
skc_sweep_free (SkcSweep *s)
{
  if (s == NULL)
    return;
  sweep_clear (s);
  g_free (s);
}

/* The largest |dy| of layer l in either precision. */
static gint
layer_reach (const SkcFixedKernel *k, guint l)
{
  gint r = 0;

  for (guint t = 0; t < k->n_taps[l]; t++)
    r = MAX (r, abs (k->taps[l][t].dy));
  for (guint t = 0; t < k->n_taps16[l]; t++)
    r = MAX (r, abs (k->taps16[l][t].dy));
  return r;
}

static gboolean
sweep_matches (const SkcSweep *s, const SkcSweep *want)
{
  if (s->width != want->width || s->height != want->height || s->channels != want->channels ||
      s->full_w != want->full_w || s->full_h != want->full_h || s->pad_x != want->pad_x ||
      s->slots != want->slots || s->factor != want->factor || s->n_layers != want->n_layers ||
      s->parts != want->parts)
    return FALSE;
  for (guint r = 0; r <= s->n_layers; r++)
    if (s->pad_y[r] != want->pad_y[r])
      return FALSE;
  return TRUE;
}

/* Rings and scratch for want's geometry (want->pad_y is taken over). */
static gboolean
sweep_prepare (SkcSweep *s, SkcSweep *want)
{
  guint L = want->n_layers, n_parts = (L + 2) * want->parts;
  gsize row = (gsize) want->width * want->channels;

  if (s->width != 0 && sweep_matches (s, want)) {
    g_free (want->pad_y);
    return TRUE;
  }
  sweep_clear (s);
  *s = *want;
  s->rings = g_new0 (SkcPlane *, L + 1);
  s->part = g_new0 (Part, n_parts);
  for (guint r = 0; r <= L; r++) {
    s->rings[r] = skc_plane_new_ring (s->width, s->height, s->channels, s->pad_x, s->pad_y[r], s->slots);
    if (s->rings[r] == NULL) {
      sweep_clear (s);
      return FALSE;
    }
  }
  for (guint i = 0; i < n_parts; i++) {
    guint stage = i / s->parts;
    Part *p = &s->part[i];

    if (stage >= 1 && stage <= L)
      p->acc = g_new (gint32, 2 * row);
    if (s->factor > 1 && (stage == 0 || stage == L + 1)) {
      p->pair = skc_plane_new_ring (s->full_w, s->full_h, s->channels, 0, 0, 2);
      if (s->factor == 4)
        p->half = skc_plane_new_ring (s->half_w, s->half_h, s->channels, 0, 0, 4);
      if (p->pair == NULL || (s->factor == 4 && p->half == NULL)) {
        sweep_clear (s);
        return FALSE;
      }
    }
    /* Sized for the widest row it blends: full rows come from half rows. */
    if (s->factor > 1 && stage == L + 1)
      p->blend = g_new (gint32, SKC_DOUBLE_SCRATCH (s->half_w, s->channels));
  }
  return TRUE;
}

/* Half row y (of the plane 2× down) into out's row: full rows 2y and
 * 2y + 1 (2y twice for an odd last row) loaded into the pair and averaged. */
static void
load_half_row (const StepJob *job, const Part *p, gint y, SkcPlane *out)
{
  const SkcSweep *s = job->s;
  gint b = MIN (2 * y + 1, s->full_h - 1);

  skc_plane_load (p->pair, job->src, job->src_stride, job->in_fmt, 2 * y, b + 1);
  skc_halve_row (skc_plane_row (p->pair, 2 * y), skc_plane_row (p->pair, b), skc_plane_row (out, y),
      s->full_w, s->channels);
}

/* Stage 0: samples in, the border of the rows filled for the first layer. */
static void
load_rows (const StepJob *job, const Part *p, gint y0, gint y1)
{
  const SkcSweep *s = job->s;
  SkcPlane *out = s->rings[0];

  if (s->factor == 1) {
    skc_plane_load (out, job->src, job->src_stride, job->in_fmt, y0, y1);
  } else if (s->factor == 2) {
    for (gint y = y0; y < y1; y++)
      load_half_row (job, p, y, out);
  } else {
    /* Factor 4: the 2×2 mean of two half rows, each made as above. */
    for (gint y = y0; y < y1; y++) {
      gint b = MIN (2 * y + 1, s->half_h - 1);

      load_half_row (job, p, 2 * y, p->half);
      if (b != 2 * y)
        load_half_row (job, p, b, p->half);
      skc_halve_row (skc_plane_row (p->half, 2 * y), skc_plane_row (p->half, b), skc_plane_row (out, y),
          s->half_w, s->channels);
    }
  }
  if (s->n_layers > 0)
    skc_plane_fill_border_rows (out, y0, y1);
}

/* Stage 1 + l: layer l; the border filled for the next layer, if any. */
static void
layer_rows (const StepJob *job, guint l, const Part *p, gint y0, gint y1)
{
  const SkcPlane *in = job->s->rings[l];
  SkcPlane *out = job->s->rings[l + 1];

  for (gint y = y0; y < y1; y++)
    if (job->k != NULL)
      skc_loops_segment (job->k, l, in, y, 0, in->width, skc_plane_row (out, y), p->acc);
    else if (job->runs != NULL)
      skc_varying_row_runs (job->vk, l, job->runs, in, y, skc_plane_row (out, y), p->acc, TRUE);
    else
      skc_varying_row (job->vk, l, job->level + (gsize) y * in->width, in, y, 0, in->width, skc_plane_row (out, y),
          p->acc, TRUE);
  if (l + 1 < job->s->n_layers)
    skc_plane_fill_border_rows (out, y0, y1);
}

/* The last stage: samples out (halved: half row j gives full rows 2j,
 * 2j + 1; factor 4: quarter row j gives half rows 2j, 2j + 1, and those and
 * their neighbours full rows 4j … 4j + 3). */
static void
store_rows (const StepJob *job, const Part *p, gint y0, gint y1)
{
  const SkcSweep *s = job->s;
  const SkcPlane *in = s->rings[s->n_layers];

  if (s->factor == 1) {
    skc_plane_store (in, job->dst, job->dst_stride, job->out_fmt, y0, y1);
    return;
  }
  if (s->factor == 4) {
    /* Full rows 4j … 4j + 3 read half rows 2j − 1 … 2j + 2 (skc_double_row
     * clamps to the plane), four in a row: they fit the ring of 4, and
     * each is made once a call. */
    gint made = -1;

    for (gint j = y0; j < y1; j++) {
      gint f1 = MIN (4 * j + 4, s->full_h);

      for (gint h = MAX (made + 1, MAX (0, 2 * j - 1)); h <= MIN (2 * j + 2, s->half_h - 1); h++)
        skc_double_row (in, h, s->half_w, p->blend, skc_plane_row (p->half, h));
      made = MIN (2 * j + 2, s->half_h - 1);
      for (gint y = 4 * j; y < f1; y += 2) {
        gint y2 = MIN (y + 2, f1);

        for (gint r = y; r < y2; r++)
          skc_double_row (p->half, r, s->full_w, p->blend, skc_plane_row (p->pair, r));
        skc_plane_store (p->pair, job->dst, job->dst_stride, job->out_fmt, y, y2);
      }
    }
    return;
  }
  for (gint j = y0; j < y1; j++) {
    gint f1 = MIN (2 * j + 2, s->full_h);

    for (gint y = 2 * j; y < f1; y++)
      skc_double_row (in, y, s->full_w, p->blend, skc_plane_row (p->pair, y));
    skc_plane_store (p->pair, job->dst, job->dst_stride, job->out_fmt, 2 * j, f1);
  }
}

static void
sweep_item (guint i, guint n, gpointer data)
{
  const StepJob *job = data;
  const Item *it = &job->items[i];
  const Part *p = &job->s->part[it->stage * job->s->parts + it->part];

  if (it->stage == 0)
    load_rows (job, p, it->y0, it->y1);
  else if (it->stage <= job->s->n_layers)
    layer_rows (job, it->stage - 1, p, it->y0, it->y1);
  else
    store_rows (job, p, it->y0, it->y1);
}

/* The sweep of L layers that read d[1 + l] rows beyond their own, each side,
 * and reach_x samples across; job gives the kernel. */
static gboolean
sweep_run (SkcSweep *s, StepJob proto, guint L, gint *d, gint reach_x, guint factor, gint width, gint height,
    gint channels, SkcPool *pool)
{
  guint S = L + 2;
  g_autofree gint *lag = g_new0 (gint, S);
  g_autofree Item *items = NULL;
  SkcSweep want = { 0 };
  gint dmax = 0, block, steps;

  g_return_val_if_fail (width > 0 && height > 0 && channels >= 1 && channels <= 4, FALSE);
  /* A plane too small to take the factor takes what it can (the caller's
   * kernel is for the factor asked: frame filters fall back before this). */
  want.factor = skc_decimation_fitting (factor, width, height);
  want.full_w = width;
  want.full_h = height;
  want.half_w = skc_decimated_size (width, MIN (want.factor, 2));
  want.half_h = skc_decimated_size (height, MIN (want.factor, 2));
  want.width = skc_decimated_size (width, want.factor);
  want.height = skc_decimated_size (height, want.factor);
  want.channels = channels;
  want.pad_x = reach_x + SKC_PLANE_SLACK;
  want.n_layers = L;
  want.parts = pool ? 2 * skc_pool_threads (pool) : 1;
  /* The bilinear step reads one half row either side (clamped by itself, so
   * its ring has no pads). */
  d[S - 1] = want.factor > 1 ? 1 : 0;
  want.pad_y = g_new0 (gint, L + 1);
  for (guint r = 0; r < L; r++)
    want.pad_y[r] = d[r + 1];
  for (guint st = 0; st < S; st++)
    dmax = MAX (dmax, d[st]);
  want.slots = 1;
  while (want.slots < 2 * SWEEP_MIN_BLOCK + 3 * dmax + 1)
    want.slots *= 2;
  block = (want.slots - 1 - 3 * dmax) / 2;
  if (!sweep_prepare (s, &want))
    return FALSE;
  for (guint st = 1; st < S; st++)
    lag[st] = lag[st - 1] + block + d[st];
  steps = (s->height + lag[S - 1] + block - 1) / block;
  items = g_new (Item, S * s->parts);
  proto.s = s;
  proto.items = items;
  for (gint t = 0; t < steps; t++) {
    guint n = 0;

    for (guint st = 0; st < S; st++) {
      gint lo = MAX (0, t * block - lag[st]), hi = MIN (s->height, (t + 1) * block - lag[st]);
      guint np;

      if (lo >= hi)
        continue;
      np = MIN (s->parts, (guint) (hi - lo));
      for (guint p = 0; p < np; p++)
        items[n++] = (Item) { st, p, lo + (gint) ((gint64) (hi - lo) * p / np),
          lo + (gint) ((gint64) (hi - lo) * (p + 1) / np) };
    }
    skc_pool_run (pool, n, sweep_item, &proto);
  }
  return TRUE;
}

gboolean
skc_sweep_run (SkcSweep *s, const SkcFixedKernel *k, guint factor, const guint8 *src, gsize src_stride,
    const SkcSampleFormat *in_fmt, guint8 *dst, gsize dst_stride, const SkcSampleFormat *out_fmt, gint width,
    gint height, gint channels, SkcPool *pool)
{
  StepJob job = { NULL, k, NULL, NULL, NULL, src, src_stride, in_fmt, dst, dst_stride, out_fmt, NULL };
  g_autofree gint *d = g_new0 (gint, k->n_layers + 2);

  for (guint l = 0; l < k->n_layers; l++)
    d[1 + l] = layer_reach (k, l);
  return sweep_run (s, job, k->n_layers, d, k->reach_x, factor, width, height, channels, pool);
}

gboolean
skc_sweep_run_levels (SkcSweep *s, const SkcVaryingKernel *vk, const guint16 *level, const SkcVaryingRuns *runs,
    const guint8 *src, gsize src_stride, const SkcSampleFormat *in_fmt, guint8 *dst, gsize dst_stride,
    const SkcSampleFormat *out_fmt, gint width, gint height, gint channels, SkcPool *pool)
{
  StepJob job = { NULL, NULL, vk, level, runs, src, src_stride, in_fmt, dst, dst_stride, out_fmt, NULL };
  g_autofree gint *d = NULL;

  g_return_val_if_fail (runs == NULL || (runs->width == width && runs->height == height &&
      runs->n_layers == vk->n_layers), FALSE);
  d = g_new0 (gint, vk->n_layers + 2);

  /* Every level's rows in both precisions: what any pixel's level reads. */
  for (guint q = 1; q < MIN (vk->n_levels, vk->capacity); q++)
    if (vk->levels[q] != NULL)
      for (guint l = 0; l < MIN (vk->n_layers, vk->levels[q]->n_layers); l++)
        d[1 + l] = MAX (d[1 + l], layer_reach (vk->levels[q], l));
  return sweep_run (s, job, vk->n_layers, d, vk->reach_x, 1, width, height, channels, pool);
}
