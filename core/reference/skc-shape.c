/* libskc — target kernels (PSFs): anti-aliased by 16×16 supersampled
 * coverage, unit sum, centred on the middle pixel.
 *
 * Geometry is in pixels with x right and y down, origin at the centre pixel's
 * centre.  Angles turn counter-clockwise as seen on screen and start from
 * "up" (−y): direction(a) = (−sin a, −cos a). */
#include "skc-shape.h"
#include "skc-error.h"
#include "skc-image-file.h"
#include "skc-format.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define SUPERSAMPLE 16
#define MAX_RADIUS  1024.0

typedef struct {
  const SkcShapeSpec *spec;
  gdouble R;
  gdouble *poly;        /* star/ngon vertices, x0 y0 x1 y1 … */
  guint n_poly;
  gdouble heart_cx, heart_cy, heart_scale;
} Shape;

static const struct {
  const gchar *name;
  SkcShapeKind kind;
  guint sides;
} names[] = {
  { "disc", SKC_SHAPE_DISC, 0 },
  { "ngon", SKC_SHAPE_NGON, 6 },
  { "triangle", SKC_SHAPE_NGON, 3 },
  { "square", SKC_SHAPE_NGON, 4 },
  { "pentagon", SKC_SHAPE_NGON, 5 },
  { "hexagon", SKC_SHAPE_NGON, 6 },
  { "heptagon", SKC_SHAPE_NGON, 7 },
  { "octagon", SKC_SHAPE_NGON, 8 },
  { "star", SKC_SHAPE_STAR, 5 },
  { "heart", SKC_SHAPE_HEART, 0 },
  { "ring", SKC_SHAPE_RING, 0 },
  { "gaussian", SKC_SHAPE_GAUSSIAN, 0 },
  { "image", SKC_SHAPE_IMAGE, 0 },
};

static gboolean
parse_number (const gchar *key, const gchar *text, gdouble lo, gdouble hi, gdouble *out,
    GError **error)
{
  gchar *end;
  gdouble v = g_ascii_strtod (text, &end);

  if (*text == '\0' || *end != '\0' || !isfinite (v)) {
    g_set_error (error, SKC_ERROR, SKC_ERROR_INVALID, "shape key '%s': '%s' is not a number", key, text);
    return FALSE;
  }
  if (v < lo || v > hi) {
    g_set_error (error, SKC_ERROR, SKC_ERROR_INVALID, "shape key '%s': %s is out of range %g..%g",
        key, text, lo, hi);
    return FALSE;
  }
  *out = v;
  return TRUE;
}

static gboolean
apply_key (SkcShapeSpec *spec, const gchar *key, const gchar *value, GError **error)
{
  gdouble v;

  if ((g_str_equal (key, "sides") && spec->kind == SKC_SHAPE_NGON) ||
      (g_str_equal (key, "points") && spec->kind == SKC_SHAPE_STAR)) {
    if (!parse_number (key, value, 3, 64, &v, error))
      return FALSE;
    if (v != floor (v)) {
      g_set_error (error, SKC_ERROR, SKC_ERROR_INVALID, "shape key '%s': %s is not a whole number", key, value);
      return FALSE;
    }
    spec->sides = (guint) v;
    return TRUE;
  }
  if (g_str_equal (key, "rotation") &&
      (spec->kind == SKC_SHAPE_NGON || spec->kind == SKC_SHAPE_STAR))
    return parse_number (key, value, -3600, 3600, &spec->rotation, error);
  if (g_str_equal (key, "inner") && (spec->kind == SKC_SHAPE_STAR || spec->kind == SKC_SHAPE_RING)) {
    if (!parse_number (key, value, 0, 1, &spec->inner, error))
      return FALSE;
    if (spec->inner <= 0 || spec->inner >= 1) {
      g_set_error (error, SKC_ERROR, SKC_ERROR_INVALID, "shape key 'inner': %s must lie strictly between 0 and 1", value);
      return FALSE;
    }
    return TRUE;
  }
  if (g_str_equal (key, "sigma") && spec->kind == SKC_SHAPE_GAUSSIAN)
    return parse_number (key, value, 0, MAX_RADIUS, &spec->sigma, error);
  if (g_str_equal (key, "path") && spec->kind == SKC_SHAPE_IMAGE) {
    g_free (spec->path);
    spec->path = g_strdup (value);
    return TRUE;
  }
  g_set_error (error, SKC_ERROR, SKC_ERROR_INVALID, "shape key '%s' is unknown for this shape", key);
  return FALSE;
}

gboolean
skc_shape_spec_parse (const gchar *text, SkcShapeSpec *spec, GError **error)
{
  g_auto (GStrv) head = NULL;
  g_auto (GStrv) pairs = NULL;
  gboolean found = FALSE;

  memset (spec, 0, sizeof (*spec));
  /* The `shape` key of a preset is optional: callers pass family->shape
   * straight through, so a missing shape is an error, not a crash. */
  if (text == NULL) {
    g_set_error (error, SKC_ERROR, SKC_ERROR_INVALID, "no shape given (the preset has no 'shape' key)");
    return FALSE;
  }
  head = g_strsplit (text, ":", 2);
  for (guint i = 0; i < G_N_ELEMENTS (names) && head[0]; i++) {
    if (g_str_equal (head[0], names[i].name)) {
      spec->kind = names[i].kind;
      spec->sides = names[i].sides;
      found = TRUE;
    }
  }
  if (!found) {
    g_set_error (error, SKC_ERROR, SKC_ERROR_INVALID,
        "unknown shape '%s' (known: disc, ngon, triangle, square, pentagon, hexagon, heptagon, "
        "octagon, star, heart, ring, gaussian, image)", head[0] ? head[0] : "");
    return FALSE;
  }
  spec->inner = spec->kind == SKC_SHAPE_RING ? 0.7 : 0.5;
  if (head[1] && *head[1]) {
    pairs = g_strsplit (head[1], ",", -1);
    for (guint i = 0; pairs[i]; i++) {
      g_auto (GStrv) kv = g_strsplit (pairs[i], "=", 2);

      if (kv[0] == NULL || kv[1] == NULL) {
        g_set_error (error, SKC_ERROR, SKC_ERROR_INVALID, "shape option '%s' is not key=value", pairs[i]);
        skc_shape_spec_clear (spec);
        return FALSE;
      }
      if (!apply_key (spec, g_strstrip (kv[0]), g_strstrip (kv[1]), error)) {
        skc_shape_spec_clear (spec);
        return FALSE;
      }
    }
  }
  if (spec->kind == SKC_SHAPE_IMAGE && spec->path == NULL) {
    g_set_error (error, SKC_ERROR, SKC_ERROR_INVALID, "shape 'image' needs path=FILE");
    return FALSE;
  }
  return TRUE;
}

void
skc_shape_spec_clear (SkcShapeSpec *spec)
{
  g_clear_pointer (&spec->path, g_free);
}

gchar *
skc_shape_spec_to_string (const SkcShapeSpec *spec)
{
  gchar a[SKC_FORMAT_BUF_SIZE], b[SKC_FORMAT_BUF_SIZE];

  switch (spec->kind) {
    case SKC_SHAPE_DISC:
      return g_strdup ("disc");
    case SKC_SHAPE_NGON:
      return g_strdup_printf ("ngon:sides=%u,rotation=%s", spec->sides,
          skc_format_double (a, spec->rotation));
    case SKC_SHAPE_STAR:
      return g_strdup_printf ("star:points=%u,inner=%s,rotation=%s", spec->sides,
          skc_format_double (a, spec->inner), skc_format_double (b, spec->rotation));
    case SKC_SHAPE_HEART:
      return g_strdup ("heart");
    case SKC_SHAPE_RING:
      return g_strdup_printf ("ring:inner=%s", skc_format_double (a, spec->inner));
    case SKC_SHAPE_GAUSSIAN:
      return g_strdup_printf ("gaussian:sigma=%s", skc_format_double (a, spec->sigma));
    case SKC_SHAPE_IMAGE:
    default:
      return g_strdup_printf ("image:path=%s", spec->path);
  }
}

/* Even-odd rule against the polygon's edges. */
static gboolean
inside_polygon (const gdouble *v, guint n, gdouble x, gdouble y)
{
  gboolean in = FALSE;

  for (guint i = 0, j = n - 1; i < n; j = i++) {
    gdouble xi = v[2 * i], yi = v[2 * i + 1], xj = v[2 * j], yj = v[2 * j + 1];

    if ((yi > y) != (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi)
      in = !in;
  }
  return in;
}

/* The classic implicit heart (x² + y² − 1)³ − x²y³ ≤ 0, with y up (Taubin's
 * heart surface in 2-D, see e.g. Weisstein, "Heart Curve", MathWorld). */
static gboolean
inside_heart_unit (gdouble x, gdouble y_up)
{
  gdouble q = x * x + y_up * y_up - 1;

  return q * q * q - x * x * y_up * y_up * y_up <= 0;
}

static void
heart_frame (Shape *s)
{
  /* Bounding box and farthest boundary point from its centre, measured once
   * on a fine grid (the curve has no closed-form extent worth the trouble). */
  gdouble x0 = G_MAXDOUBLE, x1 = -G_MAXDOUBLE, y0 = G_MAXDOUBLE, y1 = -G_MAXDOUBLE, far = 0;
  const gint n = 600;

  for (gint j = 0; j <= n; j++)
    for (gint i = 0; i <= n; i++) {
      gdouble x = -1.5 + 3.0 * i / n, y = -1.5 + 3.0 * j / n;

      if (inside_heart_unit (x, -y)) {
        x0 = MIN (x0, x); x1 = MAX (x1, x);
        y0 = MIN (y0, y); y1 = MAX (y1, y);
      }
    }
  s->heart_cx = 0.5 * (x0 + x1);
  s->heart_cy = 0.5 * (y0 + y1);
  for (gint j = 0; j <= n; j++)
    for (gint i = 0; i <= n; i++) {
      gdouble x = -1.5 + 3.0 * i / n, y = -1.5 + 3.0 * j / n;

      if (inside_heart_unit (x, -y))
        far = MAX (far, hypot (x - s->heart_cx, y - s->heart_cy));
    }
  s->heart_scale = far / s->R;
}

static void
make_polygon (Shape *s)
{
  const SkcShapeSpec *spec = s->spec;
  gboolean star = spec->kind == SKC_SHAPE_STAR;
  guint n = star ? 2 * spec->sides : spec->sides;
  gdouble rot = spec->rotation * G_PI / 180;

  s->n_poly = n;
  s->poly = g_new (gdouble, 2 * n);
  for (guint k = 0; k < n; k++) {
    gdouble a = rot + 2 * G_PI * k / n, r = (star && k % 2) ? spec->inner * s->R : s->R;

    s->poly[2 * k] = -r * sin (a);
    s->poly[2 * k + 1] = -r * cos (a);
  }
}

static gdouble
shape_value (const Shape *s, gdouble x, gdouble y)
{
  gdouble r2 = x * x + y * y, R = s->R;

  switch (s->spec->kind) {
    case SKC_SHAPE_DISC:
      return r2 <= R * R;
    case SKC_SHAPE_RING:
      return r2 <= R * R && r2 >= s->spec->inner * s->spec->inner * R * R;
    case SKC_SHAPE_GAUSSIAN: {
      gdouble sigma = s->spec->sigma > 0 ? s->spec->sigma : R / 3;

      return r2 <= R * R ? exp (-r2 / (2 * sigma * sigma)) : 0;
    }
    case SKC_SHAPE_HEART:
      return inside_heart_unit (x * s->heart_scale + s->heart_cx, -(y * s->heart_scale + s->heart_cy));
    case SKC_SHAPE_NGON:
    case SKC_SHAPE_STAR:
      return inside_polygon (s->poly, s->n_poly, x, y);
    case SKC_SHAPE_IMAGE:
    default:
      return 0;
  }
}

SkcRaster *
skc_shape_render (const SkcShapeSpec *spec, gdouble radius, GError **error)
{
  Shape s = { spec, radius, NULL, 0, 0, 0, 1 };
  SkcRaster *r;
  gint h;
  gdouble sum;

  g_return_val_if_fail (spec != NULL, NULL);
  if (spec->kind == SKC_SHAPE_IMAGE)
    return skc_shape_from_image (spec->path, radius, error);
  if (!(radius > 0 && radius <= MAX_RADIUS)) {
    g_set_error (error, SKC_ERROR, SKC_ERROR_INVALID, "shape radius %g is out of range (0, %g]",
        radius, MAX_RADIUS);
    return NULL;
  }
  if (spec->kind == SKC_SHAPE_NGON || spec->kind == SKC_SHAPE_STAR)
    make_polygon (&s);
  if (spec->kind == SKC_SHAPE_HEART)
    heart_frame (&s);

  h = (gint) ceil (radius) + 1;
  r = skc_raster_new_centred (h, h);
  for (gint py = 0; py < r->height; py++) {
    for (gint px = 0; px < r->width; px++) {
      gdouble acc = 0;

      for (gint j = 0; j < SUPERSAMPLE; j++)
        for (gint i = 0; i < SUPERSAMPLE; i++)
          acc += shape_value (&s, px - h - 0.5 + (i + 0.5) / SUPERSAMPLE,
              py - h - 0.5 + (j + 0.5) / SUPERSAMPLE);
      *skc_raster_at (r, px, py) = acc;
    }
  }
  g_free (s.poly);
  sum = skc_raster_sum (r);
  if (sum <= 0) {
    skc_raster_free (r);
    g_set_error (error, SKC_ERROR, SKC_ERROR_INVALID, "shape is empty at radius %g", radius);
    return NULL;
  }
  skc_raster_scale (r, 1.0 / sum);
  return r;
}

SkcRaster *
skc_shape_from_pixels (const SkcImage *img, gdouble radius, GError **error)
{
  g_autoptr (SkcImage) gray = skc_image_to_gray (img);
  SkcRaster *r;
  gint cx, cy;
  gdouble peak = 0, support = 0, sum;

  cx = (gray->width - 1) / 2;
  cy = (gray->height - 1) / 2;
  for (gsize i = 0; i < (gsize) gray->width * gray->height; i++)
    peak = MAX (peak, gray->data[i]);
  if (peak <= 0) {
    g_set_error (error, SKC_ERROR, SKC_ERROR_INVALID, "the image is black: no PSF to fit");
    return NULL;
  }
  if (!(radius > 0)) {
    if (gray->width > 4095 || gray->height > 4095) {
      g_set_error (error, SKC_ERROR, SKC_ERROR_INVALID, "%d×%d is too large for a PSF (give a radius)",
          gray->width, gray->height);
      return NULL;
    }
    r = skc_raster_new (gray->width, gray->height, cx, cy);
    memcpy (r->data, gray->data, sizeof (gdouble) * gray->width * gray->height);
  } else {
    gdouble scale, step;
    gint h, ss;

    if (radius > MAX_RADIUS) {
      g_set_error (error, SKC_ERROR, SKC_ERROR_INVALID, "PSF radius %g is out of range (0, %g]", radius, MAX_RADIUS);
      return NULL;
    }
    for (gint y = 0; y < gray->height; y++)
      for (gint x = 0; x < gray->width; x++)
        if (skc_image_at (gray, x, y)[0] > 1e-3 * peak)
          support = MAX (support, hypot (x - cx, y - cy) + 0.5);
    /* Output pixel p samples the image at p / scale around its centre;
     * supersampling keeps a strong reduction area-correct. */
    scale = radius / support;
    ss = CLAMP ((gint) ceil (4 / scale), 4, 16);
    step = 1.0 / ss;
    h = (gint) ceil (radius) + 1;
    r = skc_raster_new_centred (h, h);
    for (gint py = 0; py < r->height; py++)
      for (gint px = 0; px < r->width; px++) {
        gdouble acc = 0;

        for (gint j = 0; j < ss; j++)
          for (gint i = 0; i < ss; i++) {
            gdouble ix = cx + (px - h - 0.5 + (i + 0.5) * step) / scale;
            gdouble iy = cy + (py - h - 0.5 + (j + 0.5) * step) / scale;

            if (ix > -1 && iy > -1 && ix < gray->width && iy < gray->height)
              acc += skc_image_bilerp (gray, ix, iy, 0) *
                  (ix >= 0 && iy >= 0 && ix <= gray->width - 1 && iy <= gray->height - 1);
          }
        *skc_raster_at (r, px, py) = acc;
      }
  }
  sum = skc_raster_sum (r);
  if (sum <= 0) {
    skc_raster_free (r);
    g_set_error (error, SKC_ERROR, SKC_ERROR_INVALID, "the PSF is empty at radius %g", radius);
    return NULL;
  }
  skc_raster_scale (r, 1.0 / sum);
  return r;
}

SkcRaster *
skc_shape_from_image (const gchar *path, gdouble radius, GError **error)
{
  g_autoptr (SkcImage) img = skc_image_load (path, error);
  GError *inner = NULL;
  SkcRaster *r;

  if (img == NULL)
    return NULL;
  r = skc_shape_from_pixels (img, radius, &inner);
  if (r == NULL) {
    g_set_error (error, SKC_ERROR, inner->code, "%s: %s", path, inner->message);
    g_error_free (inner);
  }
  return r;
}
