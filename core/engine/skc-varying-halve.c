/* libskc — the varying path's large levels at half resolution
 * (skc_varying_kernel_set_halve; docs/ARCHITECTURE.md §8).
 *
 * With the switch level s and the band b below it, a pixel of level q takes
 *   q < s − b          the full-resolution result,
 *   s − b ≤ q < s      k/(b + 1) of the halved result and the rest of the
 *                      full one, k = q − (s − b) + 1,
 *   q ≥ s              the halved result,
 * where the halved result is the plane averaged 2×2 down, run with the
 * levels at half size, and brought back bilinearly (skc-halve.h).  Each half
 * sample's level is the rounded mean of its 2×2 block's, as chroma's radius
 * is (skc-frame.c).  Measured on a depth edge from 6 to 30 px against the
 * full-resolution path: 51.6 dB; 50.1 dB with the mean of the levels that
 * reach the band only; 38.9 dB with the band's first level where none does
 * (the later layers of the pixels beside a sample read it at its own level).
 * Neither run computes what no output takes: a tile is computed by a layer
 * only if it lies within the reach of the later layers of a tile whose
 * pixels are needed, so the full-resolution bytes below the band are those
 * of the full path, and a frame all above the switch costs a halved one. */
#include "skc-varying-run.h"
#include "skc-halve.h"

#include <string.h>

/* Tiles of 16 full px, 8 half px: the same grid on both planes. */
#define FULL_SHIFT 4
#define HALF_SHIFT 3
#define FAR 255

typedef struct {
  const guint16 *level;
  gint w, h, hw, hh, tiles_x;
  guint from, band_start;
  guint16 *half_level;
  guint8 *block;       /* half size: the 2×2 block has a pixel at or above the band */
  guint8 *need_full;   /* per tile: a pixel below the switch */
  guint8 *need_half;   /* per tile: a half sample some pixel of the band or above reads */
} ClassifyJob;

/* Half rows of tile row r: each half sample's level and block flag, and the
 * tiles holding full pixels below the switch. */
static void
classify_stripe (guint i, guint n, gpointer data)
{
  const ClassifyJob *job = data;
  gint r0, r1;

  skc_pool_stripe (i, n, (job->hh + (1 << HALF_SHIFT) - 1) >> HALF_SHIFT, &r0, &r1);
  for (gint y = r0 << HALF_SHIFT; y < MIN (r1 << HALF_SHIFT, job->hh); y++) {
    const guint16 *a = job->level + (gsize) (2 * y) * job->w;
    const guint16 *b = job->level + (gsize) MIN (2 * y + 1, job->h - 1) * job->w;
    guint8 *need = job->need_full + (gsize) (y >> HALF_SHIFT) * job->tiles_x;

    for (gint x = 0; x < job->hw; x++) {
      gint x1 = MIN (2 * x + 1, job->w - 1);
      guint q[4] = { a[2 * x], a[x1], b[2 * x], b[x1] };
      guint sum = q[0] + q[1] + q[2] + q[3];
      gboolean below = FALSE, reaches = FALSE;

      for (guint k = 0; k < 4; k++) {
        below |= q[k] < job->from;
        reaches |= q[k] >= job->band_start;
      }
      job->half_level[(gsize) y * job->hw + x] = (guint16) ((sum + 2) / 4);
      job->block[(gsize) y * job->hw + x] = reaches;
      if (below)
        need[x >> HALF_SHIFT] = 1;
    }
  }
}

/* A half sample is read by the full pixels of its block and of the blocks
 * beside it (the bilinear return's ¼ weights): a tile's samples are needed
 * if a block within one sample of the tile reaches the band. */
static void
half_need_stripe (guint i, guint n, gpointer data)
{
  const ClassifyJob *job = data;
  gint tiles_y = (job->hh + (1 << HALF_SHIFT) - 1) >> HALF_SHIFT;
  gint r0, r1;

  skc_pool_stripe (i, n, tiles_y, &r0, &r1);
  for (gint r = r0; r < r1; r++)
    for (gint t = 0; t < job->tiles_x; t++) {
      gint ya = MAX ((r << HALF_SHIFT) - 1, 0), yb = MIN ((r + 1) << HALF_SHIFT, job->hh - 1);
      gint xa = MAX ((t << HALF_SHIFT) - 1, 0), xb = MIN ((t + 1) << HALF_SHIFT, job->hw - 1);
      guint8 any = 0;

      for (gint y = ya; y <= yb && !any; y++)
        for (gint x = xa; x <= xb; x++)
          any |= job->block[(gsize) y * job->hw + x];
      job->need_half[(gsize) r * job->tiles_x + t] = any;
    }
}

/* Each tile's Chebyshev distance in tiles to a needed one, up to k_max
 * (FAR beyond); FALSE when no tile is needed. */
static gboolean
tile_distances (const guint8 *need, guint8 *dist, gint tx, gint ty, guint k_max)
{
  gboolean any = FALSE;

  for (gsize t = 0; t < (gsize) tx * ty; t++) {
    dist[t] = need[t] ? 0 : FAR;
    any |= need[t];
  }
  for (guint k = 1; k <= MIN (k_max, FAR - 1u) && any; k++)
    for (gint y = 0; y < ty; y++)
      for (gint x = 0; x < tx; x++) {
        guint8 *d = dist + (gsize) y * tx + x;

        for (gint v = MAX (y - 1, 0); v <= MIN (y + 1, ty - 1) && *d == FAR; v++)
          for (gint u = MAX (x - 1, 0); u <= MIN (x + 1, tx - 1); u++)
            if (dist[(gsize) v * tx + u] == k - 1) {
              *d = (guint8) k;
              break;
            }
      }
  return any;
}

/* Layer l must compute what the later layers of a needed pixel read: the
 * sum of their reaches, in tiles (rounded up). */
static guint
layer_tiles (const SkcVaryingKernel *vk, guint shift, guint *k)
{
  gint d = 0;

  for (guint l = vk->n_layers; l-- > 0;) {
    k[l] = (guint) MIN ((d + (1 << shift) - 1) >> shift, FAR - 1);
    if (l > 0)
      d += vk->layer_reach ? vk->layer_reach[l] : 0;
  }
  return k[0];
}

/* The half plane's border as the 2×2 mean of the full plane extended to
 * edge, not the half plane's own edge repeated: a pixel near the frame's
 * edge then reads, beyond it, the full plane's edge samples as the full path
 * does (repeating the half edge, the mean of the last two columns, cost
 * 4–6 dB on a 192 × 128 photo at r = 23–26 px).  Only the first layer reads this border;
 * the later layers' borders repeat their own edges, as at full resolution. */
static void
border_span (const gint16 *a, const gint16 *b, gint16 *out, gint x0, gint x1, gint w, gint C)
{
  for (gint x = x0; x < x1; x++) {
    gint xa = CLAMP (2 * x, 0, w - 1), xb = CLAMP (2 * x + 1, 0, w - 1);

    for (gint c = 0; c < C; c++)
      out[x * C + c] = (gint16) ((a[xa * C + c] + a[xb * C + c] + b[xa * C + c] + b[xb * C + c] + 2) >> 2);
  }
}

typedef struct {
  const SkcPlane *full;
  SkcPlane *half;
  gint y0, y1;
} HalveJob;

/* Half rows [y0, y1) with their left and right border. */
static void
halve_stripe (guint i, guint n, gpointer data)
{
  const HalveJob *job = data;
  const SkcPlane *f = job->full;
  SkcPlane *h = job->half;
  gint r0, r1;

  skc_pool_stripe (i, n, job->y1 - job->y0, &r0, &r1);
  for (gint y = job->y0 + r0; y < job->y0 + r1; y++) {
    const gint16 *a = skc_plane_row (f, 2 * y), *b = skc_plane_row (f, MIN (2 * y + 1, f->height - 1));
    gint16 *out = skc_plane_row (h, y);

    skc_halve_row (a, b, out, f->width, f->channels);
    border_span (a, b, out, -h->pad_x, 0, f->width, f->channels);
    border_span (a, b, out, h->width, h->width + h->pad_x, f->width, f->channels);
  }
}

/* The half plane's rows [y0, y1), and the rows above or below it when the
 * range reaches an edge: only what the computed tiles' first layer reads. */
static void
halve_rows (const SkcPlane *full, SkcPlane *half, gint y0, gint y1, SkcPool *pool)
{
  HalveJob job = { full, half, y0, y1 };
  gint C = half->channels;

  skc_pool_run (pool, skc_pool_stripes (pool, y1 - y0), halve_stripe, &job);
  for (gint k = 1; k <= half->pad_y; k++) {
    if (y0 == 0) {
      const gint16 *row = skc_plane_row (full, 0);

      border_span (row, row, skc_plane_row (half, -k), -half->pad_x, half->width + half->pad_x, full->width, C);
    }
    if (y1 == half->height) {
      const gint16 *row = skc_plane_row (full, full->height - 1);

      border_span (row, row, skc_plane_row (half, half->height - 1 + k), -half->pad_x, half->width + half->pad_x,
          full->width, C);
    }
  }
}

/* The kept half plane of kind k (0 the plane, 1 the scratch) for C channels,
 * reallocated when the shape changes. */
static SkcPlane *
work_plane (const SkcVaryingKernel *vk, gint k, gint w, gint h, gint C)
{
  const SkcVaryingKernel *hk = vk->half;
  SkcPlane **p = (SkcPlane **) &vk->half_work[2 * (C - 1) + k];
  gint px = hk->reach_x + SKC_PLANE_SLACK, py = hk->reach_y;

  if (*p == NULL || (*p)->width != w || (*p)->height != h || (*p)->pad_x != px || (*p)->pad_y != py) {
    skc_plane_free (*p);
    *p = skc_plane_new_padded (w, h, C, px, py);
  }
  return *p;
}

typedef struct {
  const SkcPlane *half;
  SkcPlane *plane;
  const guint16 *level;
  guint from, band_start, band;
  gint32 *rows;        /* per stripe: skc_double_row's sums, then a row of the return */
  gsize rows_len;
} ReturnJob;

/* The first x ≥ x0 whose level is below q, or width. */
static inline gint
run_end_at_least (const guint16 *lv, gint x0, gint width, guint q)
{
  while (x0 < width && lv[x0] >= q)
    x0++;
  return x0;
}

static void
return_stripe (guint i, guint n, gpointer data)
{
  const ReturnJob *job = data;
  SkcPlane *p = job->plane;
  gint C = p->channels, y0, y1;
  gint32 *t = job->rows + i * job->rows_len;
  gint16 *up = (gint16 *) (t + SKC_DOUBLE_SCRATCH (job->half->width, C));
  gint n_w = (gint) job->band + 1;

  skc_pool_stripe (i, n, p->height, &y0, &y1);
  for (gint y = y0; y < y1; y++) {
    const guint16 *lv = job->level + (gsize) y * p->width;
    gint16 *out = skc_plane_row (p, y);
    gint x = 0;

    while (x < p->width && lv[x] < job->band_start)
      x++;
    if (x == p->width)
      continue;
    if (x == 0 && run_end_at_least (lv, 0, p->width, job->from) == p->width) {
      skc_double_row (job->half, y, p->width, t, out);   /* all halved: straight in */
      continue;
    }
    skc_double_row (job->half, y, p->width, t, up);
    for (; x < p->width; x++) {
      guint q = lv[x];

      if (q >= job->from) {
        gint x1 = run_end_at_least (lv, x, p->width, job->from);

        memcpy (out + (gsize) x * C, up + (gsize) x * C, sizeof (gint16) * C * (x1 - x));
        x = x1 - 1;
      } else if (q >= job->band_start) {
        gint k = (gint) (q - job->band_start) + 1;

        /* Rounded to nearest; the offset keeps the dividend positive. */
        for (gint c = 0; c < C; c++) {
          gint v = out[x * C + c] * (n_w - k) + up[x * C + c] * k + 32768 * n_w + n_w / 2;

          out[x * C + c] = (gint16) (v / n_w - 32768);
        }
      }
    }
  }
  skc_plane_fill_border_rows (p, y0, y1);
}

/* Halving costs passes over the whole plane (the levels' classification,
 * the 2×2 mean, the return) and a margin of tiles computed both ways, and
 * saves about three quarters of the cascade where it applies: measured at
 * 1080p (one and two threads, 1 and 4 channels), it pays once about a third
 * of the pixels reach the band; below SKC_HALVE_SHARE of them (every eighth
 * row counted) the plane runs at full resolution. */
#define SKC_HALVE_SHARE 0.4

static gboolean
worth_halving (const guint16 *level, gint w, gint h, guint band_start)
{
  gsize reach = 0, all = 0;

  for (gint y = 0; y < h; y += 8) {
    const guint16 *lv = level + (gsize) y * w;

    for (gint x = 0; x < w; x++)
      reach += lv[x] >= band_start;
    all += w;
  }
  return reach >= SKC_HALVE_SHARE * all;
}

gboolean
skc_varying_run_halved (const SkcVaryingKernel *vk, SkcPlane *plane, SkcPlane *scratch, const guint16 *level,
    SkcPool *pool)
{
  const SkcVaryingKernel *hk = vk->half;
  gint w = plane->width, h = plane->height, hw = skc_halve_size (w), hh = skc_halve_size (h), C = plane->channels;
  gint tiles_x = (hw + (1 << HALF_SHIFT) - 1) >> HALF_SHIFT, tiles_y = (hh + (1 << HALF_SHIFT) - 1) >> HALF_SHIFT;
  gsize n_tiles = (gsize) tiles_x * tiles_y;
  g_autofree guint16 *half_level = NULL;
  g_autofree guint8 *block = NULL, *tiles = NULL;
  g_autofree guint *k_full = NULL, *k_half = NULL;
  g_autofree gint32 *rows = NULL;
  SkcPlane *half, *half_scratch;
  gint rows0 = 0, rows1 = 0;
  guint8 *need_full, *need_half, *dist_full, *dist_half;
  ClassifyJob cj;
  ReturnJob rj;
  guint stripes;
  gsize rows_len;
  gboolean any_full, any_half;

  /* No level in use reaches the band (chroma at half scale, mostly): no
   * pass over the levels to find out. */
  if (hk == NULL || vk->halve_from == 0 || vk->used_top < vk->halve_from - vk->halve_band || w < 2 || h < 2 ||
      !worth_halving (level, w, h, vk->halve_from - vk->halve_band))
    return FALSE;
  half_level = g_new (guint16, (gsize) hw * hh);
  block = g_new (guint8, (gsize) hw * hh);
  tiles = g_new0 (guint8, 4 * n_tiles);
  need_full = tiles;
  need_half = tiles + n_tiles;
  dist_full = tiles + 2 * n_tiles;
  dist_half = tiles + 3 * n_tiles;
  cj = (ClassifyJob) { level, w, h, hw, hh, tiles_x, vk->halve_from, vk->halve_from - vk->halve_band,
    half_level, block, need_full, need_half };
  stripes = skc_pool_stripes (pool, tiles_y);
  skc_pool_run (pool, stripes, classify_stripe, &cj);
  skc_pool_run (pool, stripes, half_need_stripe, &cj);

  k_full = g_new (guint, vk->n_layers);
  k_half = g_new (guint, hk->n_layers);
  any_full = tile_distances (need_full, dist_full, tiles_x, tiles_y, layer_tiles (vk, FULL_SHIFT, k_full));
  any_half = tile_distances (need_half, dist_half, tiles_x, tiles_y, layer_tiles (hk, HALF_SHIFT, k_half));
  if (!any_half)
    return FALSE;   /* nothing reaches the band: the full path, as it is */

  half = work_plane (vk, 0, hw, hh, C);
  half_scratch = work_plane (vk, 1, hw, hh, C);
  if (half == NULL || half_scratch == NULL)
    return FALSE;
  /* Only the rows the first layer of the computed tiles reads: the tile
   * rows with a computed tile, ± the reach, in ranges. */
  for (gint r = 0; r <= tiles_y; r++) {
    gboolean on = FALSE;

    for (gint t = 0; t < tiles_x && r < tiles_y && !on; t++)
      on = dist_half[(gsize) r * tiles_x + t] <= k_half[0];
    if (on && rows1 < (r << HALF_SHIFT) - hk->reach_y && rows1 > 0) {
      halve_rows (plane, half, rows0, MIN (rows1, hh), pool);   /* a gap: the range so far */
      rows1 = 0;
    }
    if (on) {
      if (rows1 == 0)
        rows0 = MAX ((r << HALF_SHIFT) - hk->reach_y, 0);
      rows1 = MIN (((r + 1) << HALF_SHIFT) + hk->reach_y, hh);
    }
  }
  if (rows1 > 0)
    halve_rows (plane, half, rows0, rows1, pool);
  if (any_full) {
    SkcVaryingSkip skip = { dist_full, tiles_x, FULL_SHIFT, k_full };

    skc_varying_run_layers (vk, plane, scratch, level, FALSE, &skip, pool);
  }
  {
    SkcVaryingSkip skip = { dist_half, tiles_x, HALF_SHIFT, k_half };

    skc_varying_run_layers (hk, half, half_scratch, half_level, TRUE, &skip, pool);
  }

  stripes = skc_pool_stripes (pool, h);
  /* The sums, and the interpolated row as int16 pairs after them. */
  rows_len = SKC_DOUBLE_SCRATCH (hw, C) + ((gsize) w * C + 1) / 2;
  rows = g_new (gint32, rows_len * stripes);
  rj = (ReturnJob) { half, plane, level, vk->halve_from, vk->halve_from - vk->halve_band, vk->halve_band, rows,
    rows_len };
  skc_pool_run (pool, stripes, return_stripe, &rj);
  return TRUE;
}
