/* libskc — zoom and spin maps. */
#include "skc-geometry.h"

#include <math.h>

typedef struct {
  const SkcGeometrySpec *spec;
  gint width, height;
  gfloat *radius, *angle, *clip;
} MapJob;

static void
map_stripe (guint i, guint n, gpointer data)
{
  const MapJob *job = data;
  const SkcGeometrySpec *s = job->spec;
  gdouble cx = s->center_x * job->width, cy = s->center_y * job->height;
  /* The farthest corner, on the display. */
  gdouble far = hypot (MAX (cx, job->width - cx) * s->par, MAX (cy, job->height - cy));
  gdouble per_px = far > 0 ? s->max_radius / far : 0, clip_per_px = far > 0 ? 2 * s->vignetting / far : 0;
  gdouble turn = s->angle + (s->geometry == SKC_GEOMETRY_ROTATIONAL ? 90 : 0);
  gint y0, y1;

  skc_pool_stripe (i, n, job->height, &y0, &y1);
  for (gint y = y0; y < y1; y++) {
    gdouble dy = y + 0.5 - cy;
    gfloat *a = job->angle + (gsize) y * job->width;
    gfloat *r = job->radius ? job->radius + (gsize) y * job->width : NULL;
    gfloat *c = job->clip ? job->clip + (gsize) y * job->width : NULL;

    for (gint x = 0; x < job->width; x++) {
      gdouble dx = (x + 0.5 - cx) * s->par;

      /* Screen y points down: counter-clockwise on screen is atan2 (−dy, dx).
       * At the centre itself atan2 (0, 0) = 0, where the radius is 0. */
      a[x] = (gfloat) (s->geometry == SKC_GEOMETRY_NONE ? s->angle : atan2 (-dy, dx) * (180 / G_PI) + turn);
      if (r)
        r[x] = (gfloat) (s->fixed_radius > 0 ? s->fixed_radius : hypot (dx, dy) * per_px);
      if (c)
        c[x] = (gfloat) (hypot (dx, dy) * clip_per_px);
    }
  }
}

void
skc_geometry_maps (const SkcGeometrySpec *spec, gint width, gint height, gfloat *radius, gfloat *angle,
    SkcPool *pool)
{
  skc_geometry_maps_clipped (spec, width, height, radius, angle, NULL, pool);
}

void
skc_geometry_maps_clipped (const SkcGeometrySpec *spec, gint width, gint height, gfloat *radius, gfloat *angle,
    gfloat *clip, SkcPool *pool)
{
  MapJob job = { spec, width, height, radius, angle, clip };

  skc_pool_run (pool, skc_pool_stripes (pool, height), map_stripe, &job);
}
