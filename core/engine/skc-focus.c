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
} MapJob;

/* Rows of the map, a stripe on the pool. */
static void
map_stripe (guint i, guint n, gpointer data)
{
  const MapJob *job = data;
  gint y0, y1;

  skc_pool_stripe (i, n, job->height, &y0, &y1);
  for (gint y = y0; y < y1; y++) {
    const guint8 *r0 = job->src + (gsize) job->yi[y] * job->src_stride;
    const guint8 *r1 = job->src + (gsize) MIN (job->yi[y] + 1, job->src_height - 1) * job->src_stride;
    gfloat *out = job->radius + (gsize) y * job->width;
    gfloat fy = job->yf[y];

    for (gint x = 0; x < job->width; x++) {
      gint x0 = job->xi[x], x1 = MIN (x0 + 1, job->src_width - 1);
      gfloat fx = job->xf[x];
      gdouble v;

      if (!job->sixteen_bit && fx == 0 && fy == 0) {
        out[x] = job->lut[r0[x0]];
        continue;
      }
      v = (1 - fy) * ((1 - fx) * sample (r0, x0, job->sixteen_bit) + fx * sample (r0, x1, job->sixteen_bit)) +
          fy * ((1 - fx) * sample (r1, x0, job->sixteen_bit) + fx * sample (r1, x1, job->sixteen_bit));
      out[x] = (gfloat) focus_radius (job->focus, v);
    }
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
    xi, yi, xf, yf, lut };

  for (gint v = 0; v < 256; v++)
    lut[v] = (gfloat) skc_focus_radius (focus, v / 255.0);
  resample_axis (src_width, width, xi, xf);
  resample_axis (src_height, height, yi, yf);
  skc_pool_run (pool, skc_pool_stripes (pool, height), map_stripe, &job);
}
