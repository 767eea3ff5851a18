/* libskc — occlusion-aware depth of field (see skc-occlusion.h). */
#include "skc-occlusion.h"
#include "skc-rows-isa.h"

#include <math.h>
#include <string.h>

/* Q6 1.0: the weight planes hold coverage on the colour planes' scale, so the
 * cascade's overshoot has the same headroom on both. */
#define ONE ((gfloat) (255 << SKC_PLANE_SHIFT))

/* The fields' radius maps around their pixels come from tiles this many
 * pixels wide: each tile's largest radius, spread as far as a cascade of that
 * radius reaches, its intermediate layers included (the layers' offsets add
 * up to about the radius; 1.25× and a tile of margin measured as alike as
 * 2× on the layered scenes, docs/ARCHITECTURE.md §7). */
#define TILE 16

typedef struct {
  gint    width, height, channels;
  gfloat *col, *w;   /* col: channels floats a pixel, not premultiplied; w ≤ 1 */
} Level;

struct _SkcOcclusion {
  gint     width, height;
  gfloat  *w_far, *w_near;    /* coverage of each field, per pixel */
  gfloat  *mix;               /* at the far pixels beside sharp ones: the sharp light's share */
  guint8  *tile_sharp;        /* tiles with a sharp pixel in or next to them */
  guint8  *row_opaque;        /* per row: the spare channel is Q6 255 throughout */
  gint     spare;             /* the plane's alpha or padding channel, or −1 */
  gboolean coverage_in_spare; /* … opaque everywhere: it carries each field's coverage */
  const gfloat *map;          /* the signed radius map, from split to prepare */
  gsize    map_stride;
  guint16 *level_far, *level_near;  /* each field's level map, shared by its planes */
  gboolean has_far, has_near;
  guint8  *used;              /* the last prepare's level flags: used_sets × used_levels */
  guint    used_levels, used_sets;
  /* tiles */
  gint     tw, th;
  gfloat  *tile_far, *tile_near, *spread_far, *spread_near;
  /* work planes of the last plane's geometry */
  SkcPlane *far, *far_w, *near, *near_w, *scratch, *scratch_w;
  /* push-pull pyramid of the background, levels 1 … n (level 0 is the plane) */
  Level    pyramid[24];
  guint    n_levels;
};

SkcOcclusion *
skc_occlusion_new (void)
{
  return g_new0 (SkcOcclusion, 1);
}

static void
free_planes (SkcOcclusion *oc)
{
  g_clear_pointer (&oc->far, skc_plane_free);
  g_clear_pointer (&oc->far_w, skc_plane_free);
  g_clear_pointer (&oc->near, skc_plane_free);
  g_clear_pointer (&oc->near_w, skc_plane_free);
  g_clear_pointer (&oc->scratch, skc_plane_free);
  g_clear_pointer (&oc->scratch_w, skc_plane_free);
  for (guint k = 0; k < G_N_ELEMENTS (oc->pyramid); k++) {
    g_clear_pointer (&oc->pyramid[k].col, g_free);
    g_clear_pointer (&oc->pyramid[k].w, g_free);
  }
  oc->n_levels = 0;
}

static void
free_maps (SkcOcclusion *oc)
{
  g_clear_pointer (&oc->w_far, g_free);
  g_clear_pointer (&oc->w_near, g_free);
  g_clear_pointer (&oc->mix, g_free);
  g_clear_pointer (&oc->tile_sharp, g_free);
  g_clear_pointer (&oc->row_opaque, g_free);
  g_clear_pointer (&oc->level_far, g_free);
  g_clear_pointer (&oc->level_near, g_free);
  g_clear_pointer (&oc->tile_far, g_free);
  g_clear_pointer (&oc->tile_near, g_free);
  g_clear_pointer (&oc->spread_far, g_free);
  g_clear_pointer (&oc->spread_near, g_free);
  g_clear_pointer (&oc->used, g_free);
  oc->used_levels = oc->used_sets = 0;
}

void
skc_occlusion_free (SkcOcclusion *oc)
{
  if (oc == NULL)
    return;
  free_maps (oc);
  free_planes (oc);
  g_free (oc);
}

/* ---- the split ------------------------------------------------------------ */

/* A map value as the split reads it: NaN in focus, the rest within ±65536 px
 * (no level reaches farther), so that tile spreads stay finite. */
static inline gfloat
signed_radius_at (const gfloat *map, gsize at)
{
  gfloat s = map[at];

  if (isnan (s))
    return 0;
  return CLAMP (s, -65536.0f, 65536.0f);
}

typedef struct {
  SkcOcclusion *oc;
  const gfloat *s;
  gsize stride;
  gfloat transition;
} SplitJob;

/* A row's weights, and the running maxima of its columns over the tile
 * row (a reduction a tile would not vectorise; max is exact in any order). */
SKC_ROWS_ISA static void
split_row (const gfloat *restrict sr, gfloat *restrict wf, gfloat *restrict wn, gint n, gfloat inv,
    gfloat *restrict hi, gfloat *restrict lo, guint8 *restrict sharp)
{
  for (gint x = 0; x < n; x++) {
    gfloat s = signed_radius_at (sr, x);

    wf[x] = s > 0 ? MIN (1.0f, s * inv) : 0;
    wn[x] = s < 0 ? MIN (1.0f, -s * inv) : 0;
    hi[x] = MAX (hi[x], s);
    lo[x] = MAX (lo[x], -s);
    sharp[x] |= s == 0;
  }
}

/* Weights and tile maxima, a band of tile rows a stripe, row by row. */
SKC_ROWS_ISA static void
split_stripe (guint i, guint n, gpointer data)
{
  SplitJob *job = data;
  SkcOcclusion *oc = job->oc;
  gfloat inv = 1 / job->transition;
  gint t0, t1, w = oc->width;
  g_autofree gfloat *hi = g_new (gfloat, 2 * (gsize) w);
  g_autofree guint8 *col_sharp = g_new (guint8, w);
  gfloat *lo = hi + w;

  skc_pool_stripe (i, n, oc->th, &t0, &t1);
  for (gint ty = t0; ty < t1; ty++) {
    gfloat *mf = oc->tile_far + (gsize) ty * oc->tw, *mn = oc->tile_near + (gsize) ty * oc->tw;
    guint8 *sharp = oc->tile_sharp + (gsize) ty * oc->tw;

    memset (hi, 0, sizeof (gfloat) * 2 * w);
    memset (col_sharp, 0, w);
    for (gint y = ty * TILE; y < MIN ((ty + 1) * TILE, oc->height); y++)
      split_row (job->s + (gsize) y * job->stride, oc->w_far + (gsize) y * w, oc->w_near + (gsize) y * w, w, inv,
          hi, lo, col_sharp);
    for (gint t = 0; t < oc->tw; t++) {
      gfloat f = 0, m = 0;
      guint8 any = 0;

      for (gint x = t * TILE; x < MIN ((t + 1) * TILE, w); x++) {
        f = MAX (f, hi[x]);
        m = MAX (m, lo[x]);
        any |= col_sharp[x];
      }
      mf[t] = f;
      mn[t] = m;
      sharp[t] = any;
    }
  }
}

/* A tile is marked if it or a neighbour holds a sharp pixel: only there can a
 * far pixel touch one (serial, tiles are few). */
static void
mark_sharp_neighbours (SkcOcclusion *oc)
{
  gsize nt = (gsize) oc->tw * oc->th;
  g_autofree guint8 *own = g_memdup2 (oc->tile_sharp, nt);

  for (gint ty = 0; ty < oc->th; ty++)
    for (gint tx = 0; tx < oc->tw; tx++) {
      guint8 m = 0;

      for (gint y = MAX (0, ty - 1); y <= MIN (oc->th - 1, ty + 1); y++)
        for (gint x = MAX (0, tx - 1); x <= MIN (oc->tw - 1, tx + 1); x++)
          m |= own[(gsize) y * oc->tw + x];
      oc->tile_sharp[(gsize) ty * oc->tw + tx] = m;
    }
}

/* Every tile's radius over the tiles its cascade reaches (serial: tiles are
 * few, 8160 at 1080p). */
static gboolean
spread_tiles (const SkcOcclusion *oc, const gfloat *tile, gfloat *spread)
{
  gboolean any = FALSE;

  memset (spread, 0, sizeof (gfloat) * oc->tw * oc->th);
  for (gint ty = 0; ty < oc->th; ty++)
    for (gint tx = 0; tx < oc->tw; tx++) {
      gfloat m = tile[(gsize) ty * oc->tw + tx];
      gint k;

      if (m <= 0)
        continue;
      any = TRUE;
      k = (gint) ceilf (1.25f * m / TILE) + 1;
      for (gint y = MAX (0, ty - k); y <= MIN (oc->th - 1, ty + k); y++)
        for (gint x = MAX (0, tx - k); x <= MIN (oc->tw - 1, tx + k); x++) {
          gfloat *d = &spread[(gsize) y * oc->tw + x];

          *d = MAX (*d, m);
        }
    }
  return any;
}

typedef struct {
  SkcOcclusion *oc;
  gfloat inv_step;
  guint n_levels;
  guint8 *used_far, *used_near;   /* per stripe, n_levels flags */
} LevelJob;

/* A span's levels (see level_stripe); n a constant TILE in the common call,
 * so that the loop is unrolled into vectors. */
G_ALWAYS_INLINE static inline void
own_levels (const gfloat *restrict sr, guint16 *restrict lf, guint16 *restrict ln, gint n, guint16 a,
    guint16 b, gfloat inv_step, gfloat last)
{
  for (gint x = 0; x < n; x++) {
    gfloat s = sr[x], r = fabsf (s), v = r * inv_step + 0.5f;
    /* skc_varying_level_of, spelled without a conditional product and with a
     * signed conversion (v < last there), so that SSE2 has instructions. */
    gint q = (gint) MIN (r > 0 ? v : 0, last);

    lf[x] = (guint16) (s > 0 ? q : a);
    ln[x] = (guint16) (s < 0 ? q : b);
  }
}

/* The levels a row uses, a flag at each change: four levels a step compared
 * as one word (the runs are long). */
static void
mark_used (const guint16 *lv, gint width, guint8 *used)
{
  guint16 last = lv[0];
  gint x = 1;

  used[last] = 1;
  while (x < width) {
    guint64 v, all = last * G_GUINT64_CONSTANT (0x0001000100010001);

    if (x + 4 <= width) {
      memcpy (&v, lv + x, sizeof v);
      if (v == all) {
        x += 4;
        continue;
      }
    }
    if (lv[x] != last)
      used[last = lv[x]] = 1;
    x++;
  }
}

/* Each field's level map: its own pixels' radii, the spread tile radius
 * elsewhere, quantised as the varying path does. */
SKC_ROWS_ISA static void
level_stripe (guint i, guint n, gpointer data)
{
  LevelJob *job = data;
  SkcOcclusion *oc = job->oc;
  guint8 *uf = job->used_far + (gsize) i * job->n_levels, *un = job->used_near + (gsize) i * job->n_levels;
  gint y0, y1;

  g_autofree guint16 *tile_levels = g_new (guint16, 2 * (gsize) oc->tw);
  guint16 *tf = tile_levels, *tn = tile_levels + oc->tw;
  gfloat last = job->n_levels - 1.0f, inv_step = job->inv_step;

  skc_pool_stripe (i, n, oc->height, &y0, &y1);
  for (gint y = y0; y < y1; y++) {
    const gfloat *sr = oc->map + (gsize) y * oc->map_stride;
    guint16 *lf = oc->level_far + (gsize) y * oc->width, *ln = oc->level_near + (gsize) y * oc->width;

    /* Outside its own pixels a field's level is its tile's, once a tile row. */
    if (y == y0 || y % TILE == 0) {
      const gfloat *sf = oc->spread_far + (gsize) (y / TILE) * oc->tw;
      const gfloat *sn = oc->spread_near + (gsize) (y / TILE) * oc->tw;

      for (gint t = 0; t < oc->tw; t++) {
        tf[t] = (guint16) skc_varying_level_of (sf[t], job->inv_step, job->n_levels);
        tn[t] = (guint16) skc_varying_level_of (sn[t], job->inv_step, job->n_levels);
        uf[tf[t]] = un[tn[t]] = 1;
      }
    }
    /* Branch-free, so that it vectorises: a field's own pixels (s > 0 far,
     * s < 0 near; NaN and 0 neither) take their radius's level, the rest
     * their tile's.  |s| beyond the last level (or ±∞) is the last level, as
     * with signed_radius_at's clamp. */
    for (gint t = 0; t < oc->tw; t++) {
      guint16 a = tf[t], b = tn[t];
      gint x0 = t * TILE, nx = MIN (TILE, oc->width - x0);

      if (nx == TILE)
        own_levels (sr + x0, lf + x0, ln + x0, TILE, a, b, inv_step, last);
      else
        own_levels (sr + x0, lf + x0, ln + x0, nx, a, b, inv_step, last);
    }
    mark_used (lf, oc->width, uf);
    mark_used (ln, oc->width, un);
  }
}

void
skc_occlusion_split (SkcOcclusion *oc, const gfloat *signed_radius, gsize stride, gint width, gint height,
    gfloat transition, SkcPool *pool)
{
  SplitJob job = { oc, signed_radius, stride, MAX (transition, 1e-3f) };
  gsize n = (gsize) width * height;

  if (oc->width != width || oc->height != height || oc->w_far == NULL) {
    free_maps (oc);
    free_planes (oc);
    oc->width = width;
    oc->height = height;
    oc->tw = (width + TILE - 1) / TILE;
    oc->th = (height + TILE - 1) / TILE;
    oc->w_far = g_new (gfloat, n);
    oc->w_near = g_new (gfloat, n);
    oc->mix = g_new0 (gfloat, n);
    oc->tile_sharp = g_new (guint8, (gsize) oc->tw * oc->th);
    oc->row_opaque = g_new (guint8, height);
    oc->level_far = g_new (guint16, n);
    oc->level_near = g_new (guint16, n);
    oc->tile_far = g_new (gfloat, (gsize) oc->tw * oc->th);
    oc->tile_near = g_new (gfloat, (gsize) oc->tw * oc->th);
    oc->spread_far = g_new (gfloat, (gsize) oc->tw * oc->th);
    oc->spread_near = g_new (gfloat, (gsize) oc->tw * oc->th);
  }
  oc->map = signed_radius;
  oc->map_stride = stride;
  skc_pool_run (pool, skc_pool_stripes (pool, oc->th), split_stripe, &job);
  mark_sharp_neighbours (oc);
  oc->has_far = spread_tiles (oc, oc->tile_far, oc->spread_far);
  oc->has_near = spread_tiles (oc, oc->tile_near, oc->spread_near);
}

gboolean
skc_occlusion_prepare (SkcOcclusion *oc, SkcVaryingKernel *vk, gdouble max_radius, SkcPool *pool,
    GError **error)
{
  guint n = skc_varying_kernel_count_levels (vk, max_radius, error);
  guint stripes = skc_pool_stripes (pool, oc->height);
  LevelJob job;

  g_return_val_if_fail (oc->map != NULL, FALSE);
  g_clear_pointer (&oc->used, g_free);
  oc->used_levels = oc->used_sets = 0;
  if (n == 0)
    return FALSE;
  oc->used = g_new0 (guint8, (gsize) 2 * n * stripes);
  job = (LevelJob) { oc, (gfloat) (1 / vk->step), n, oc->used, oc->used + (gsize) n * stripes };
  skc_pool_run (pool, stripes, level_stripe, &job);
  oc->map = NULL;   /* borrowed for this call only */
  oc->used_levels = n;
  oc->used_sets = 2 * stripes;
  return skc_varying_kernel_build_used (vk, n, oc->used, oc->used_sets, error);
}

gboolean
skc_occlusion_prepare_like (const SkcOcclusion *oc, SkcVaryingKernel *vk, GError **error)
{
  g_return_val_if_fail (oc->used != NULL, FALSE);
  return skc_varying_kernel_build_used (vk, oc->used_levels, oc->used, oc->used_sets, error);
}

/* ---- filtering ------------------------------------------------------------ */

static gboolean
ensure_plane (SkcPlane **p, const SkcPlane *like, gint channels)
{
  if (*p && (*p)->width == like->width && (*p)->height == like->height && (*p)->channels == channels &&
      (*p)->pad_x == like->pad_x && (*p)->pad_y == like->pad_y)
    return TRUE;
  g_clear_pointer (p, skc_plane_free);
  *p = skc_plane_new_padded (like->width, like->height, channels, like->pad_x, like->pad_y);
  return *p != NULL;
}

/* The per-pixel passes: one function a row, rows in stripes on the pool. */
typedef void (*RowFunc) (SkcOcclusion *oc, SkcPlane *plane, gint y);

typedef struct {
  SkcOcclusion *oc;
  SkcPlane *plane;
  RowFunc row;
  gint rows;
} PlaneJob;

static void
rows_stripe (guint i, guint n, gpointer data)
{
  PlaneJob *job = data;
  gint y0, y1;

  skc_pool_stripe (i, n, job->rows, &y0, &y1);
  for (gint y = y0; y < y1; y++)
    job->row (job->oc, job->plane, y);
}

static void
run_rows (SkcOcclusion *oc, SkcPlane *plane, gint rows, RowFunc row, SkcPool *pool)
{
  PlaneJob job = { oc, plane, row, rows };

  skc_pool_run (pool, skc_pool_stripes (pool, rows), rows_stripe, &job);
}

/* Round half up and clamp to a sample, without a libm call or a float
 * branch (so that loops over it vectorise).  The callers' values lie within
 * ±2^30 (weights ≤ ONE over a coverage ≥ 1 times a sample), where
 * v + 32768.5 truncates to floor for v ≥ −32768 and anything below clamps. */
static inline gint16
to_sample (gfloat v)
{
  gint i = (gint) (v + 32768.5f) - 32768;

  return (gint16) CLAMP (i, G_MININT16, G_MAXINT16);
}

/* ---- the sharp edge's mixed pixels ---------------------------------------
 * A hard split gives each pixel to one field, but the far pixels along a
 * sharp outline mix the sharp light with the far light (anti-aliasing, the
 * camera's own blur).  Left in the far field they carry the sharp colour into
 * the blur (a thin halo) and lose it at the outline.  Each such pixel is
 * unmixed as a two-colour blend I = a·S + (1 − a)·B, S the mean of its sharp
 * neighbours and B of the far pixels around that touch none (the colour-line
 * model of matting; Chuang et al., "A Bayesian approach to digital matting",
 * CVPR 2001, with the colours taken from the neighbours): the far field gets
 * (1 − a)·B, and the output a·S + (1 − a)·(far field). */

static inline gboolean
is_sharp (const SkcOcclusion *oc, gsize at)
{
  return oc->w_far[at] == 0 && oc->w_near[at] == 0;
}

static gboolean
touches_sharp (const SkcOcclusion *oc, gint x, gint y)
{
  for (gint yy = MAX (0, y - 1); yy <= MIN (oc->height - 1, y + 1); yy++)
    for (gint xx = MAX (0, x - 1); xx <= MIN (oc->width - 1, x + 1); xx++)
      if (is_sharp (oc, (gsize) yy * oc->width + xx))
        return TRUE;
  return FALSE;
}

/* The mean colour of the sharp pixels within reach px of (x, y) into out (C
 * values); FALSE if there are none. */
static gboolean
sharp_mean_within (const SkcOcclusion *oc, const SkcPlane *plane, gint x, gint y, gint reach, gfloat *out)
{
  gint C = plane->channels, n = 0;

  for (gint c = 0; c < C; c++)
    out[c] = 0;
  for (gint yy = MAX (0, y - reach); yy <= MIN (oc->height - 1, y + reach); yy++) {
    const gint16 *p = skc_plane_row (plane, yy);

    for (gint xx = MAX (0, x - reach); xx <= MIN (oc->width - 1, x + reach); xx++)
      if (is_sharp (oc, (gsize) yy * oc->width + xx)) {
        for (gint c = 0; c < C; c++)
          out[c] += p[xx * C + c];
        n++;
      }
  }
  for (gint c = 0; c < C; c++)
    out[c] /= MAX (n, 1);
  return n > 0;
}

/* The nearest ring of sharp pixels: 3×3, else 5×5 (a soft edge is wider). */
static gboolean
sharp_mean (const SkcOcclusion *oc, const SkcPlane *plane, gint x, gint y, gfloat *out)
{
  return sharp_mean_within (oc, plane, x, y, 1, out) || sharp_mean_within (oc, plane, x, y, 2, out);
}

/* The sharp light's share a of the far pixel (x, y) beside a sharp one; S
 * receives the sharp colour. */
static gfloat
unmix (const SkcOcclusion *oc, const SkcPlane *plane, gint x, gint y, gfloat *S)
{
  /* Below this colour distance (5 of 255 levels) the two colours do not tell
   * a share apart: a tends to 0, the far field as without unmixing. */
  const gfloat eps = (5.0f / 255 * ONE) * (5.0f / 255 * ONE);
  gint C = plane->channels, n = 0;
  gfloat B[4] = { 0 }, num = 0, den = eps;
  const gint16 *I = skc_plane_row (plane, y) + x * C;

  if (!sharp_mean_within (oc, plane, x, y, 1, S))
    return 0;
  for (gint yy = MAX (0, y - 2); yy <= MIN (oc->height - 1, y + 2); yy++) {
    const gint16 *p = skc_plane_row (plane, yy);

    for (gint xx = MAX (0, x - 2); xx <= MIN (oc->width - 1, x + 2); xx++)
      if (oc->w_far[(gsize) yy * oc->width + xx] == 1 && !touches_sharp (oc, xx, yy)) {
        for (gint c = 0; c < C; c++)
          B[c] += p[xx * C + c];
        n++;
      }
  }
  if (n == 0)
    return 0;
  for (gint c = 0; c < C; c++) {
    gfloat d = S[c] - B[c] / n;

    num += (I[c] - B[c] / n) * d;
    den += d * d;
  }
  return CLAMP (num / den, 0.0f, 1.0f);
}

/* w·v rounded: coverage and light are ≥ 0 here, so + 0.5 and truncation. */
static inline void
premultiply_span (gint16 *out, gint16 *out_w, const gint16 *p, const gfloat *w, gint n, gint C)
{
  if (C == 4) {
    /* The common case spelled out, so that the compiler vectorises it. */
    for (gint x = 0; x < n; x++)
      for (gint c = 0; c < 4; c++)
        out[x * 4 + c] = (gint16) (w[x] * p[x * 4 + c] + 0.5f);
  } else if (C == 1) {
    for (gint x = 0; x < n; x++)
      out[x] = (gint16) (w[x] * p[x] + 0.5f);
  } else {
    for (gint x = 0; x < n; x++)
      for (gint c = 0; c < C; c++)
        out[x * C + c] = (gint16) (w[x] * p[x * C + c] + 0.5f);
  }
  if (out_w)
    for (gint x = 0; x < n; x++)
      out_w[x] = (gint16) (w[x] * ONE + 0.5f);
}

/* Each field's light premultiplied by its coverage, and the coverage (not
 * needed where it rides in the spare channel); then the far pixels beside
 * sharp ones, found only in tiles marked sharp, unmixed. */
SKC_ROWS_ISA static void
premultiply_row (SkcOcclusion *oc, SkcPlane *plane, gint y)
{
  gint C = plane->channels;
  const gint16 *p = skc_plane_row (plane, y);
  gint16 *f = skc_plane_row (oc->far, y), *fw = skc_plane_row (oc->far_w, y);
  const gfloat *wf = oc->w_far + (gsize) y * oc->width, *wn = oc->w_near + (gsize) y * oc->width;
  gfloat *mix = oc->mix + (gsize) y * oc->width;
  const guint8 *sharp_tiles = oc->tile_sharp + (gsize) (y / TILE) * oc->tw;

  premultiply_span (f, fw, p, wf, oc->width, C);
  if (oc->has_near)
    premultiply_span (skc_plane_row (oc->near, y), skc_plane_row (oc->near_w, y), p, wn, oc->width, C);
  memset (mix, 0, sizeof (gfloat) * oc->width);
  for (gint tx = 0; tx < oc->tw; tx++) {
    if (!sharp_tiles[tx])
      continue;
    for (gint x = tx * TILE; x < MIN ((tx + 1) * TILE, oc->width); x++) {
      gfloat S[4], a = 0;

      if (wf[x] == 1 && touches_sharp (oc, x, y))
        a = unmix (oc, plane, x, y, S);
      else if (wf[x] > 0 && wf[x] < 1 && wn[x] == 0 && sharp_mean (oc, plane, x, y, S))
        a = 1 - wf[x];   /* a soft split (a mask's edge): the share is known */
      if (a <= 0)
        continue;
      mix[x] = a;
      fw[x] = (gint16) ((1 - a) * ONE + 0.5f);
      for (gint c = 0; c < C; c++)
        f[x * C + c] = (gint16) MAX (0.0f, p[x * C + c] - a * S[c] + 0.5f);
    }
  }
  if (oc->spare >= 0) {
    /* An OR of differences, not a chain of compares: it vectorises. */
    guint16 differs = 0;

    for (gint x = 0; x < oc->width; x++)
      differs |= (guint16) (p[x * C + oc->spare] ^ (gint16) ONE);
    oc->row_opaque[y] = differs == 0;
  }
}

/* The background seen where nothing near covers it: in-focus light as it
 * is, far light normalised over the far field; into the plane. */
SKC_ROWS_ISA static void
background_row (SkcOcclusion *oc, SkcPlane *plane, gint y)
{
  gint C = plane->channels;
  gint16 *p = skc_plane_row (plane, y);
  const gint16 *f = skc_plane_row (oc->far, y);
  /* The far field's coverage: its own plane, or its premultiplied alpha. */
  const gint16 *fw = oc->coverage_in_spare ? f + oc->spare : skc_plane_row (oc->far_w, y);
  gint fs = oc->coverage_in_spare ? C : 1;
  const gfloat *wf = oc->w_far + (gsize) y * oc->width, *wn = oc->w_near + (gsize) y * oc->width;
  const gfloat *mix = oc->mix + (gsize) y * oc->width;
  const guint8 *sharp_tiles = oc->tile_sharp + (gsize) (y / TILE) * oc->tw;

  /* ((1 − wf − wn)·v + wf·F) / (1 − wn) with F = f·ONE / fw: per pixel a
   * weight for the plane and one for the far field, then the samples; in
   * chunks, without branches, so that both loops vectorise.  In focus
   * (wf = 0) the weights are exactly 1 and 0: the input, exactly; without
   * far coverage, the input too. */
  for (gint x0 = 0; x0 < oc->width; x0 += 256) {
    gint n = MIN (256, oc->width - x0);
    gfloat keep[256], gain[256], cv[256];
    gboolean any = FALSE;

    for (gint i = 0; i < n; i++)
      any |= wf[x0 + i] > 0;
    if (!any)
      continue;   /* all in focus or near: the plane holds it already */
    for (gint i = 0; i < n; i++)
      cv[i] = fw[(x0 + i) * fs];
    for (gint i = 0; i < n; i++) {
      gint x = x0 + i;
      gfloat cover = cv[i], seen = MAX (1 - wn[x], 1e-6f), far = wf[x];
      gfloat inv = 1 / (MAX (cover, 1.0f) * seen);
      gboolean use = far > 0 && cover > 0;

      keep[i] = use ? (1 - far - wn[x]) * cover * inv : 1;
      gain[i] = use ? far * ONE * inv : 0;
    }
    if (C == 4) {
      gint16 *q = p + (gsize) x0 * 4;
      const gint16 *g = f + (gsize) x0 * 4;

      for (gint i = 0; i < n; i++)
        for (gint c = 0; c < 4; c++)
          q[i * 4 + c] = to_sample (keep[i] * q[i * 4 + c] + gain[i] * g[i * 4 + c]);
    } else {
      for (gint i = 0; i < n; i++)
        for (gint c = 0; c < C; c++)
          p[(x0 + i) * C + c] = to_sample (keep[i] * p[(x0 + i) * C + c] + gain[i] * f[(x0 + i) * C + c]);
    }
  }
  /* The unmixed edge pixels (no near share, only in sharp tiles): their
   * sharp share over the far field, F = f·ONE / fw. */
  for (gint tx = 0; tx < oc->tw; tx++) {
    if (!sharp_tiles[tx])
      continue;
    for (gint x = tx * TILE; x < MIN ((tx + 1) * TILE, oc->width); x++) {
      gfloat S[4], a = mix[x], cover = fw[x * fs], g = cover > 0 ? (1 - a) * ONE / cover : 0;

      if (a <= 0)
        continue;
      if (wf[x] == 1)
        sharp_mean_within (oc, plane, x, y, 1, S);
      else
        sharp_mean (oc, plane, x, y, S);
      for (gint c = 0; c < C; c++)
        p[x * C + c] = to_sample (a * S[c] + g * f[x * C + c]);
    }
  }
}

/* ---- push-pull fill of what near pixels hide (Gortler et al., "The
 * Lumigraph", SIGGRAPH 1996): averages of what is seen, coarser and coarser,
 * then each level's holes filled from the next coarser one. */

static gboolean
ensure_level (Level *l, gint w, gint h, gint C)
{
  if (l->col && l->width == w && l->height == h && l->channels == C)
    return TRUE;
  g_clear_pointer (&l->col, g_free);
  g_clear_pointer (&l->w, g_free);
  l->width = w;
  l->height = h;
  l->channels = C;
  l->col = g_try_new (gfloat, (gsize) w * h * C);
  l->w = g_try_new (gfloat, (gsize) w * h);
  return l->col && l->w;
}

/* One coarse pixel from up to 2×2 finer ones of weight w and colour col. */
static inline void
pool_block (gfloat *col, gfloat *w, gint C, const gfloat *wi, const gfloat *ci[4], guint n)
{
  gfloat sw = 0, sc[4] = { 0 };

  for (guint k = 0; k < n; k++) {
    sw += wi[k];
    for (gint c = 0; c < C; c++)
      sc[c] += wi[k] * ci[k][c];
  }
  *w = MIN (1.0f, sw);
  for (gint c = 0; c < C; c++)
    col[c] = sw > 0 ? sc[c] / sw : 0;
}

/* Level 1 from the plane (weights 1 − w_near), in stripes. */
SKC_ROWS_ISA static void
push_first_row (SkcOcclusion *oc, SkcPlane *plane, gint y)
{
  Level *l = &oc->pyramid[0];
  gint C = plane->channels, whole = 0;

  if (C == 4 && 2 * y + 1 < oc->height) {
    /* The blocks of four pixels, four channels: spelled out for the compiler. */
    const gint16 *p0 = skc_plane_row (plane, 2 * y), *p1 = skc_plane_row (plane, 2 * y + 1);
    const gfloat *n0 = oc->w_near + (gsize) 2 * y * oc->width, *n1 = n0 + oc->width;
    gfloat *col = l->col + (gsize) y * l->width * 4, *w = l->w + (gsize) y * l->width;

    whole = oc->width / 2;
    for (gint x = 0; x < whole; x++) {
      gfloat a = 1 - n0[2 * x], b = 1 - n0[2 * x + 1], c = 1 - n1[2 * x], d = 1 - n1[2 * x + 1];
      gfloat sw = a + b + c + d, inv = sw > 0 ? 1 / sw : 0;

      w[x] = MIN (1.0f, sw);
      for (gint k = 0; k < 4; k++)
        col[x * 4 + k] = (a * p0[8 * x + k] + b * p0[8 * x + 4 + k] + c * p1[8 * x + k] + d * p1[8 * x + 4 + k]) *
            inv;
    }
  }
  if (C == 1 && 2 * y + 1 < oc->height) {
    /* One channel (a plane of I420, NV12, gray): the same sums and the same
     * division as pool_block, so the bytes do not change, without its
     * gathering of a block a pixel. */
    const gint16 *p0 = skc_plane_row (plane, 2 * y), *p1 = skc_plane_row (plane, 2 * y + 1);
    const gfloat *n0 = oc->w_near + (gsize) 2 * y * oc->width, *n1 = n0 + oc->width;
    gfloat *col = l->col + (gsize) y * l->width, *w = l->w + (gsize) y * l->width;

    whole = oc->width / 2;
    for (gint x = 0; x < whole; x++) {
      gfloat a = 1 - n0[2 * x], b = 1 - n0[2 * x + 1], c = 1 - n1[2 * x], d = 1 - n1[2 * x + 1];
      gfloat sw = a + b + c + d, sc = a * p0[2 * x] + b * p0[2 * x + 1] + c * p1[2 * x] + d * p1[2 * x + 1];

      w[x] = MIN (1.0f, sw);
      col[x] = sw > 0 ? sc / sw : 0;
    }
  }
  for (gint x = whole; x < l->width; x++) {
    gfloat wi[4], cv[4][4];
    const gfloat *ci[4];
    guint k = 0;

    for (gint dy = 0; dy < 2; dy++)
      for (gint dx = 0; dx < 2; dx++) {
        gint sx = 2 * x + dx, sy = 2 * y + dy;
        const gint16 *p;

        if (sx >= oc->width || sy >= oc->height)
          continue;
        p = skc_plane_row (plane, sy) + sx * C;
        wi[k] = 1 - oc->w_near[(gsize) sy * oc->width + sx];
        for (gint c = 0; c < C; c++)
          cv[k][c] = p[c];
        ci[k] = cv[k];
        k++;
      }
    pool_block (l->col + ((gsize) y * l->width + x) * C, l->w + (gsize) y * l->width + x, C, wi, ci, k);
  }
}

/* Coarse pixels [0, n) of row y from whole 2×2 blocks: pool_block's sums in
 * its order, without its gathering; C a constant in the calls, so that the
 * channel loops unroll. */
G_ALWAYS_INLINE static inline void
push_whole (const Level *fine, Level *coarse, gint y, gint n, gint C)
{
  const gfloat *w0 = fine->w + (gsize) 2 * y * fine->width, *w1 = w0 + fine->width;
  const gfloat *c0 = fine->col + (gsize) 2 * y * fine->width * C, *c1 = c0 + (gsize) fine->width * C;
  gfloat *col = coarse->col + (gsize) y * coarse->width * C, *w = coarse->w + (gsize) y * coarse->width;

  for (gint x = 0; x < n; x++) {
    gfloat a = w0[2 * x], b = w0[2 * x + 1], c = w1[2 * x], d = w1[2 * x + 1];
    gfloat sw = 0;

    sw += a;
    sw += b;
    sw += c;
    sw += d;
    w[x] = MIN (1.0f, sw);
    for (gint k = 0; k < C; k++) {
      gfloat sc = 0;

      sc += a * c0[2 * x * C + k];
      sc += b * c0[(2 * x + 1) * C + k];
      sc += c * c1[2 * x * C + k];
      sc += d * c1[(2 * x + 1) * C + k];
      col[x * C + k] = sw > 0 ? sc / sw : 0;
    }
  }
}

/* Rows [y0, y1) of a coarser level from the finer one. */
static void
push_rows (const Level *fine, Level *coarse, gint y0, gint y1)
{
  gint C = fine->channels;

  for (gint y = y0; y < y1; y++) {
    gint x = 0;

    if (2 * y + 1 < fine->height) {
      x = fine->width / 2;
      if (C == 1)
        push_whole (fine, coarse, y, x, 1);
      else if (C == 4)
        push_whole (fine, coarse, y, x, 4);
      else
        x = 0;
    }
    for (; x < coarse->width; x++) {
      gfloat wi[4];
      const gfloat *ci[4];
      guint k = 0;

      for (gint dy = 0; dy < 2; dy++)
        for (gint dx = 0; dx < 2; dx++) {
          gint sx = 2 * x + dx, sy = 2 * y + dy;

          if (sx >= fine->width || sy >= fine->height)
            continue;
          wi[k] = fine->w[(gsize) sy * fine->width + sx];
          ci[k] = fine->col + ((gsize) sy * fine->width + sx) * C;
          k++;
        }
      pool_block (coarse->col + ((gsize) y * coarse->width + x) * C, coarse->w + (gsize) y * coarse->width + x,
          C, wi, ci, k);
    }
  }
}

/* Bilinear sample of a level at the centre of pixel (x, y) of the level twice
 * its size. */
static inline void
sample_coarse (const Level *l, gint x, gint y, gfloat *out)
{
  gfloat fx = CLAMP ((x + 0.5f) * 0.5f - 0.5f, 0.0f, l->width - 1.0f);
  gfloat fy = CLAMP ((y + 0.5f) * 0.5f - 0.5f, 0.0f, l->height - 1.0f);
  gint x0 = (gint) fx, y0 = (gint) fy, x1 = MIN (x0 + 1, l->width - 1), y1 = MIN (y0 + 1, l->height - 1);
  gfloat ax = fx - x0, ay = fy - y0;
  gint C = l->channels;

  for (gint c = 0; c < C; c++) {
    gfloat top = (1 - ax) * l->col[((gsize) y0 * l->width + x0) * C + c] +
        ax * l->col[((gsize) y0 * l->width + x1) * C + c];
    gfloat bottom = (1 - ax) * l->col[((gsize) y1 * l->width + x0) * C + c] +
        ax * l->col[((gsize) y1 * l->width + x1) * C + c];

    out[c] = (1 - ay) * top + ay * bottom;
  }
}

/* Level 1 is not pulled in bulk: only the few pixels that show what near
 * light half hides read it.  One of its texels, filled from level 2. */
static inline void
filled_texel (const SkcOcclusion *oc, gint x, gint y, gfloat *out)
{
  const Level *l = &oc->pyramid[0];
  gsize at = (gsize) y * l->width + x;
  gfloat w = l->w[at], up[4];
  gint C = l->channels;

  if (w >= 1 || oc->n_levels < 2) {
    for (gint c = 0; c < C; c++)
      out[c] = l->col[at * C + c];
    return;
  }
  sample_coarse (&oc->pyramid[1], x, y, up);
  for (gint c = 0; c < C; c++)
    out[c] = w * l->col[at * C + c] + (1 - w) * up[c];
}

/* sample_coarse of level 1 as if it had been pulled. */
static inline void
sample_fill (const SkcOcclusion *oc, gint x, gint y, gfloat *out)
{
  const Level *l = &oc->pyramid[0];
  gfloat fx = CLAMP ((x + 0.5f) * 0.5f - 0.5f, 0.0f, l->width - 1.0f);
  gfloat fy = CLAMP ((y + 0.5f) * 0.5f - 0.5f, 0.0f, l->height - 1.0f);
  gint x0 = (gint) fx, y0 = (gint) fy, x1 = MIN (x0 + 1, l->width - 1), y1 = MIN (y0 + 1, l->height - 1);
  gfloat ax = fx - x0, ay = fy - y0, t00[4], t01[4], t10[4], t11[4];

  filled_texel (oc, x0, y0, t00);
  filled_texel (oc, x1, y0, t01);
  filled_texel (oc, x0, y1, t10);
  filled_texel (oc, x1, y1, t11);
  for (gint c = 0; c < l->channels; c++)
    out[c] = (1 - ay) * ((1 - ax) * t00[c] + ax * t01[c]) + ay * ((1 - ax) * t10[c] + ax * t11[c]);
}

/* Rows [y0, y1) of a level filled from the coarser one (complete): its
 * colour becomes w·col + (1 − w)·(the coarser level). */
static void
pull_rows (Level *l, const Level *coarser, gint y0, gint y1)
{
  gint C = l->channels;

  for (gint y = y0; y < y1; y++)
    for (gint x = 0; x < l->width; x++) {
      gsize at = (gsize) y * l->width + x;
      gfloat w = l->w[at], up[4];

      if (w >= 1)
        continue;
      sample_coarse (coarser, x, y, up);
      for (gint c = 0; c < C; c++)
        l->col[at * C + c] = w * l->col[at * C + c] + (1 - w) * up[c];
    }
}

typedef struct {
  SkcOcclusion *oc;
  guint k;          /* the level written */
  gboolean pull;
} LevelRowsJob;

static void
level_rows_stripe (guint i, guint n, gpointer data)
{
  LevelRowsJob *job = data;
  Level *l = &job->oc->pyramid[job->k];
  gint y0, y1;

  skc_pool_stripe (i, n, l->height, &y0, &y1);
  if (job->pull)
    pull_rows (l, &job->oc->pyramid[job->k + 1], y0, y1);
  else
    push_rows (&job->oc->pyramid[job->k - 1], l, y0, y1);
}

/* Level k pushed from k − 1 (or pulled from k + 1): its rows in stripes,
 * where a level is large enough to pay for a hand-off to the pool. */
static void
level_pass (SkcOcclusion *oc, guint k, gboolean pull, SkcPool *pool)
{
  LevelRowsJob job = { oc, k, pull };
  Level *l = &oc->pyramid[k];

  if ((gsize) l->width * l->height < 16384)
    level_rows_stripe (0, 1, &job);
  else
    skc_pool_run (pool, skc_pool_stripes (pool, l->height), level_rows_stripe, &job);
}

static gboolean
build_pyramid (SkcOcclusion *oc, SkcPlane *plane, SkcPool *pool)
{
  gint w = oc->width, h = oc->height, C = plane->channels;
  oc->n_levels = 0;
  do {
    w = (w + 1) / 2;
    h = (h + 1) / 2;
    if (oc->n_levels == G_N_ELEMENTS (oc->pyramid) || !ensure_level (&oc->pyramid[oc->n_levels], w, h, C))
      return FALSE;
    oc->n_levels++;
  } while (w > 1 || h > 1);
  run_rows (oc, plane, oc->pyramid[0].height, push_first_row, pool);
  for (guint k = 1; k < oc->n_levels; k++)
    level_pass (oc, k, FALSE, pool);
  for (gint k = (gint) oc->n_levels - 2; k >= 1; k--)
    level_pass (oc, (guint) k, TRUE, pool);
  return TRUE;
}

/* The near field over the background (hidden parts filled from level 1).
 * Pixels are independent, so each chunk first takes the near light where it
 * covers (a select that vectorises), then blends only the pixels that mix. */
SKC_ROWS_ISA static void
composite_row (SkcOcclusion *oc, SkcPlane *plane, gint y)
{
  gint C = plane->channels;
  gint16 *p = skc_plane_row (plane, y);
  const gint16 *nr = skc_plane_row (oc->near, y);
  const gint16 *nw = oc->coverage_in_spare ? nr + oc->spare : skc_plane_row (oc->near_w, y);
  gint ns = oc->coverage_in_spare ? C : 1;
  const gfloat *wn = oc->w_near + (gsize) y * oc->width;
  /* Covered by near light: what lies behind adds at most one Q6 unit (1/64
   * of an 8-bit level), so neither fill nor blend is needed. */
  const gint16 covered = (gint16) ONE - 1;

  for (gint x0 = 0; x0 < oc->width; x0 += 256) {
    gint n = MIN (256, oc->width - x0);
    guint8 mixed[256];
    gboolean any = FALSE;

    for (gint i = 0; i < n; i++) {
      gint16 a = nw[(x0 + i) * ns];

      /* Neither untouched by near light nor covered by it. */
      mixed[i] = !(a == 0 && 1 - wn[x0 + i] == 1) && a < covered;
      any |= mixed[i];
    }
    if (C == 1 && ns == 1) {
      for (gint x = x0; x < x0 + n; x++)
        p[x] = nw[x] >= covered ? nr[x] : p[x];
    } else {
      for (gint x = x0; x < x0 + n; x++)
        if (nw[x * ns] >= covered)
          for (gint c = 0; c < C; c++)
            p[x * C + c] = nr[x * C + c];
    }
    for (gint i = 0; any && i < n; i++) {
      gint x = x0 + i;
      gfloat seen = 1 - wn[x], a, fill[4];

      if (!mixed[i])
        continue;
      a = CLAMP (nw[x * ns] / ONE, 0.0f, 1.0f);
      if (seen < 1)
        sample_fill (oc, x, y, fill);
      for (gint c = 0; c < C; c++) {
        gfloat bg = seen < 1 ? seen * p[x * C + c] + (1 - seen) * fill[c] : p[x * C + c];

        p[x * C + c] = to_sample (nr[x * C + c] + (1 - a) * bg);
      }
    }
  }
}

void
skc_filter_plane_occlusion (SkcOcclusion *oc, const SkcVaryingKernel *vk, SkcPlane *plane, gint spare,
    SkcPool *pool)
{
  gint C = plane->channels;

  g_return_if_fail (plane->width == oc->width && plane->height == oc->height);
  if (!oc->has_far && !oc->has_near)
    return;   /* all in focus: the input, exactly */
  if (!ensure_plane (&oc->far, plane, C) || !ensure_plane (&oc->far_w, plane, 1) ||
      !ensure_plane (&oc->scratch, plane, C) || !ensure_plane (&oc->scratch_w, plane, 1) ||
      (oc->has_near && (!ensure_plane (&oc->near, plane, C) || !ensure_plane (&oc->near_w, plane, 1)))) {
    g_warning ("skc_filter_plane_occlusion: out of memory for %d×%d work planes", plane->width, plane->height);
    return;
  }
  oc->spare = spare >= 0 && spare < C && C == 4 ? spare : -1;
  oc->coverage_in_spare = FALSE;
  run_rows (oc, plane, plane->height, premultiply_row, pool);
  if (oc->spare >= 0) {
    oc->coverage_in_spare = TRUE;
    for (gint y = 0; y < plane->height; y++)
      oc->coverage_in_spare &= oc->row_opaque[y];
  }
  if (oc->has_far) {
    skc_filter_plane_varying_levels (vk, oc->far, oc->scratch, oc->level_far, pool);
    if (!oc->coverage_in_spare)
      skc_filter_plane_varying_levels (vk, oc->far_w, oc->scratch_w, oc->level_far, pool);
    run_rows (oc, plane, plane->height, background_row, pool);
  }
  if (oc->has_near) {
    skc_filter_plane_varying_levels (vk, oc->near, oc->scratch, oc->level_near, pool);
    if (!oc->coverage_in_spare)
      skc_filter_plane_varying_levels (vk, oc->near_w, oc->scratch_w, oc->level_near, pool);
    if (!build_pyramid (oc, plane, pool)) {
      g_warning ("skc_filter_plane_occlusion: out of memory for the fill");
      return;
    }
    run_rows (oc, plane, plane->height, composite_row, pool);
  }
}
