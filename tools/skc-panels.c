/* Pictures of fits for people: target | fitted impulse response | error. */
#include "skc-panels.h"

#include <math.h>

/* One row per member: target | fit | |error| (heat), each normalised to the
 * target's peak, 1-px separators, upscaled to ≥ 600 px wide. */
gboolean
skc_panels_write (const gchar *path, SkcRaster **targets, SkcComplex **fits, guint n, GError **error)
{
  gint cell = 0, scale, W, H;
  g_autoptr (SkcImage) img = NULL;

  for (guint k = 0; k < n; k++) {
    gint rx, ry;

    skc_raster_extent (targets[k], 0, &rx, &ry);
    cell = MAX (cell, 2 * MAX (rx, ry) + 5);
  }
  scale = MAX (1, (600 + 3 * cell - 1) / (3 * cell));
  W = 3 * cell * scale + 2;
  H = n * cell * scale + (n - 1);
  img = skc_image_new (W, H, 3);
  if (img == NULL) {
    g_set_error (error, SKC_ERROR, SKC_ERROR_INVALID, "--png: image would be too large");
    return FALSE;
  }
  for (gsize i = 0; i < (gsize) W * H * 3; i++)
    img->data[i] = 0.25;   /* separators */
  for (guint k = 0; k < n; k++) {
    g_autoptr (SkcRaster) ir = skc_complex_impulse_response (fits[k]);
    gdouble peak = skc_raster_max (targets[k]);

    for (gint y = 0; y < cell * scale; y++)
      for (gint x = 0; x < cell * scale; x++) {
        gint dx = x / scale - cell / 2, dy = y / scale - cell / 2;
        gdouble t = skc_raster_get (targets[k], dx, dy) / peak;
        gdouble f = skc_raster_get (ir, dx, dy) / peak;
        gdouble e = fabs (f - t);
        gint oy = k * (cell * scale + 1) + y;
        gdouble *p0 = skc_image_at (img, x, oy);
        gdouble *p1 = skc_image_at (img, cell * scale + 1 + x, oy);
        gdouble *p2 = skc_image_at (img, 2 * (cell * scale + 1) + x, oy);

        for (gint c = 0; c < 3; c++) {
          p0[c] = t;
          p1[c] = f;
        }
        /* Heat: black → red → yellow → white as |error| goes 0 → 1. */
        p2[0] = MIN (1.0, 3 * e);
        p2[1] = CLAMP (3 * e - 1, 0.0, 1.0);
        p2[2] = CLAMP (3 * e - 2, 0.0, 1.0);
      }
  }
  return skc_image_save_png (img, path, error);
}

