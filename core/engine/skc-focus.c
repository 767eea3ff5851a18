/* libskc — the focus model: depth map or mask → per-pixel blur radius. */
#include "skc-focus.h"

#include <math.h>

/* Inlined into the map's per-pixel loop, where a call a pixel was a tenth
 * of an I420 depth-of-field frame. */
G_ALWAYS_INLINE static inline gdouble
focus_radius (const SkcFocus *focus, gdouble v)
{
  gdouble n, beyond;

  v = CLAMP (v, 0.0, 1.0);
  if (focus->mode == SKC_FOCUS_MODE_MASK)
    return v * focus->max_radius;
  n = focus->near_is_white ? v : 1.0 - v;
  beyond = fabs (n - focus->focus_depth) - 0.5 * focus->focus_range;
  if (beyond <= 0)
    return 0;
  return (focus->signed_radius && n > focus->focus_depth ? -1 : 1) * focus->max_radius * MIN (1.0, 2.0 * beyond);
}

gdouble
skc_focus_radius (const SkcFocus *focus, gdouble v)
{
  return focus_radius (focus, v);
}

/* Source sample index and weight of the next one for each destination
 * position: centres aligned, clamped at the edges. */
static void
resample_axis (gint src_n, gint dst_n, gint *index, gfloat *frac)
{
  gdouble scale = (gdouble) src_n / dst_n;

  for (gint i = 0; i < dst_n; i++) {
    gdouble s = CLAMP ((i + 0.5) * scale - 0.5, 0.0, src_n - 1.0);
    gint k = MIN ((gint) s, src_n - 1);

    index[i] = k;
    frac[i] = (gfloat) (s - k);
  }
}

static inline gdouble
sample (const guint8 *row, gint x, gboolean sixteen_bit)
{
  return sixteen_bit ? ((const guint16 *) row)[x] / 65535.0 : row[x] / 255.0;
}

typedef struct {
  const SkcFocus *focus;
  const guint8 *src;
  gsize src_stride;
  gint src_width, src_height;
  gboolean sixteen_bit;
  gfloat *radius;
  gint width, height;
  const gint *xi, *yi;
  const gfloat *xf, *yf;
  const gfloat *lut;
  gboolean same_width;     /* the source is as wide as the map: xi[x] = x, xf[x] = 0 */
} MapJob;

/* A source row interpolated across to the map's width, in double as the
 * per-pixel expression had it, so the values do not change. */
static void
across (const MapJob *job, gint sy, gdouble *out)
{
  const guint8 *row = job->src + (gsize) sy * job->src_stride;

  for (gint x = 0; x < job->width; x++) {
    gint x0 = job->xi[x], x1 = MIN (x0 + 1, job->src_width - 1);
    gfloat fx = job->xf[x];

    out[x] = (1 - fx) * sample (row, x0, job->sixteen_bit) + fx * sample (row, x1, job->sixteen_bit);
  }
}

/* Rows of the map, a stripe on the pool.  A resized map is interpolated
 * across once a source row (a row of a quarter-size map serves four of the
 * map's), then down a pixel at a time. */
static void
map_stripe (guint i, guint n, gpointer data)
{
  const MapJob *job = data;
  g_autofree gdouble *h0 = g_new (gdouble, job->width), *h1 = g_new (gdouble, job->width);
  gint y0, y1, have0 = -1, have1 = -1;

  skc_pool_stripe (i, n, job->height, &y0, &y1);
  for (gint y = y0; y < y1; y++) {
    gint s0 = job->yi[y], s1 = MIN (s0 + 1, job->src_height - 1);
    const guint8 *r0 = job->src + (gsize) s0 * job->src_stride;
    gfloat *out = job->radius + (gsize) y * job->width;
    gfloat fy = job->yf[y];

    if (!job->sixteen_bit && fy == 0 && job->same_width) {
      /* Same width, on a source row: the value of every map code. */
      for (gint x = 0; x < job->width; x++)
        out[x] = job->lut[r0[x]];
      continue;
    }
    if (have0 != s0) {
      if (have1 == s0) {
        gdouble *t = h0;

        h0 = h1;
        h1 = t;
        have1 = -1;
      } else {
        across (job, s0, h0);
      }
      have0 = s0;
    }
    if (have1 != s1) {
      across (job, s1, h1);
      have1 = s1;
    }
    for (gint x = 0; x < job->width; x++)
      out[x] = (gfloat) focus_radius (job->focus, (1 - fy) * h0[x] + fy * h1[x]);
  }
}

void
skc_focus_radius_map (const SkcFocus *focus, const guint8 *src, gsize src_stride,
    gint src_width, gint src_height, gboolean sixteen_bit, gfloat *radius, gint width, gint height,
    SkcPool *pool)
{
  g_autofree gint *xi = g_new (gint, width);
  g_autofree gfloat *xf = g_new (gfloat, width);
  g_autofree gint *yi = g_new (gint, height);
  g_autofree gfloat *yf = g_new (gfloat, height);
  /* Radius of every map value, so the per-pixel work is a lookup for maps
   * that need no interpolation (the common same-size 8-bit case). */
  gfloat lut[256];
  MapJob job = { focus, src, src_stride, src_width, src_height, sixteen_bit, radius, width, height,
    xi, yi, xf, yf, lut, src_width == width };

  for (gint v = 0; v < 256; v++)
    lut[v] = (gfloat) skc_focus_radius (focus, v / 255.0);
  resample_axis (src_width, width, xi, xf);
  resample_axis (src_height, height, yi, yf);
  skc_pool_run (pool, skc_pool_stripes (pool, height), map_stripe, &job);
}
