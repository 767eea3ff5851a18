/* Target shapes: unit sum, areas against geometry, symmetries, orientation,
 * and strict spec parsing. */
#include "skc.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

static SkcRaster *
render (const gchar *text, gdouble radius)
{
  SkcShapeSpec spec;
  g_autoptr (GError) error = NULL;
  SkcRaster *r;

  g_assert_true (skc_shape_spec_parse (text, &spec, &error));
  r = skc_shape_render (&spec, radius, &error);
  g_assert_no_error (error);
  skc_shape_spec_clear (&spec);
  return r;
}

/* Covered area in pixels: the raster is unit-sum coverage, so area = 1 / peak
 * when the peak pixel is fully covered. */
static gdouble
area (const SkcRaster *r)
{
  return 1.0 / skc_raster_max (r);
}

static void
test_unit_sum_and_centre (void)
{
  const gchar *shapes[] = { "disc", "hexagon", "octagon", "star", "heart", "ring", "gaussian", "triangle" };

  for (guint i = 0; i < G_N_ELEMENTS (shapes); i++) {
    g_autoptr (SkcRaster) r = render (shapes[i], 10.5);

    g_assert_cmpfloat_with_epsilon (skc_raster_sum (r), 1.0, 1e-12);
    g_assert_cmpint (r->width, ==, 2 * 11 + 3);
    g_assert_cmpint (r->cx, ==, 12);
    for (gint k = 0; k < r->width * r->height; k++)
      g_assert_cmpfloat (r->data[k], >=, 0);
  }
}

static void
test_areas_match_geometry (void)
{
  g_autoptr (SkcRaster) disc = render ("disc", 20);
  g_autoptr (SkcRaster) hex = render ("hexagon", 20);
  g_autoptr (SkcRaster) ring = render ("ring:inner=0.5", 20);
  g_autoptr (SkcRaster) star = render ("star:points=5,inner=0.5", 20);
  gdouble star_area = 5 * 20 * 10 * sin (2 * G_PI / 10);   /* 10 triangles R·r·sin(π/5)/2 ×2 */

  /* 16×16 supersampling: coverage error well under 0.5 %. */
  g_assert_cmpfloat (fabs (area (disc) / (G_PI * 400) - 1), <, 0.005);
  g_assert_cmpfloat (fabs (area (hex) / (1.5 * sqrt (3) * 400) - 1), <, 0.005);
  g_assert_cmpfloat (fabs (area (ring) / (G_PI * (400 - 100)) - 1), <, 0.005);
  g_assert_cmpfloat (fabs (area (star) / star_area - 1), <, 0.005);
  /* The ring is empty in the middle. */
  g_assert_cmpfloat (skc_raster_get (ring, 0, 0), ==, 0);
}

static void
test_symmetries (void)
{
  g_autoptr (SkcRaster) disc = render ("disc", 9.3);
  g_autoptr (SkcRaster) heart = render ("heart", 12);
  g_autoptr (SkcRaster) hex = render ("hexagon", 12);
  g_autoptr (SkcRaster) hex60 = render ("hexagon:rotation=60", 12);

  for (gint y = -10; y <= 10; y++)
    for (gint x = -10; x <= 10; x++) {
      gdouble v = skc_raster_get (disc, x, y);

      g_assert_cmpfloat_with_epsilon (v, skc_raster_get (disc, y, -x), 1e-15);
      g_assert_cmpfloat_with_epsilon (v, skc_raster_get (disc, -x, y), 1e-15);
      g_assert_cmpfloat_with_epsilon (skc_raster_get (heart, x, y), skc_raster_get (heart, -x, y), 1e-15);
    }
  /* Turning a hexagon by 60° gives the same hexagon, up to sample rounding. */
  for (gint k = 0; k < hex->width * hex->height; k++)
    g_assert_cmpfloat (fabs (hex->data[k] - hex60->data[k]), <, 1e-3 * skc_raster_max (hex));
}

/* First row (from the top) that holds anything. */
static gint
top_row (const SkcRaster *r)
{
  for (gint y = 0; y < r->height; y++)
    for (gint x = 0; x < r->width; x++)
      if (*skc_raster_at (r, x, y) > 0)
        return y - r->cy;
  return G_MAXINT;
}

static void
test_orientation (void)
{
  g_autoptr (SkcRaster) star = render ("star", 20);
  g_autoptr (SkcRaster) tri = render ("triangle", 20);
  g_autoptr (SkcRaster) heart = render ("heart", 20);
  gdouble upper = 0, lower = 0;

  /* A star's first point and a triangle's first vertex point up: the top
   * reaches −R, the bottom only R·cos(36°) resp. R/2. */
  g_assert_cmpint (top_row (star), ==, -20);
  g_assert_cmpfloat (skc_raster_get (star, 0, 19), ==, 0);
  g_assert_cmpint (top_row (tri), ==, -20);
  g_assert_cmpfloat (skc_raster_get (tri, 0, 11), ==, 0);
  /* Heart: lobes at the top (wide), tip at the bottom (narrow), no matter how
   * it is centred — compare row widths a quarter from each end. */
  for (gint x = -20; x <= 20; x++) {
    upper += skc_raster_get (heart, x, -8) > 0;
    lower += skc_raster_get (heart, x, 10) > 0;
  }
  g_assert_cmpfloat (upper, >, lower + 8);
  /* The heart fits the circle of radius R and touches it. */
  for (gint y = -22; y <= 22; y++)
    for (gint x = -22; x <= 22; x++)
      if (skc_raster_get (heart, x, y) > 0)
        g_assert_cmpfloat (hypot (x, y), <=, 20 + 1);
}

static void
test_gaussian_formula (void)
{
  g_autoptr (SkcRaster) g = render ("gaussian:sigma=3", 9);
  gdouble c = skc_raster_get (g, 0, 0);

  /* Supersampled: ratios match the analytic pixel averages closely. */
  g_assert_cmpfloat (fabs (skc_raster_get (g, 3, 0) / c - exp (-0.5)), <, 0.01);
  g_assert_cmpfloat (fabs (skc_raster_get (g, 3, 3) / c - exp (-1.0)), <, 0.01);
  g_assert_cmpfloat (skc_raster_get (g, 10, 0), ==, 0);
}

static void
test_image_target (void)
{
  g_autofree gchar *dir = g_dir_make_tmp ("skc-shape-XXXXXX", NULL);
  g_autofree gchar *path = g_build_filename (dir, "psf.pgm", NULL);
  /* 5×3: a bright pixel right of the centre (2,1), a dimmer one top-left. */
  static const guint8 pgm[] = "P5\n5 3\n255\n\0\0\0\0\0" "\0\0\0\xc0\0" "\0\0\0\0\0";
  g_autoptr (SkcRaster) own = NULL, scaled = NULL;
  g_autoptr (GError) error = NULL;
  guint8 data[sizeof (pgm)];

  memcpy (data, pgm, sizeof (pgm));
  data[11] = 64;   /* pixel (0,0) */
  g_assert_true (g_file_set_contents (path, (const gchar *) data, 11 + 15, NULL));
  own = skc_shape_from_image (path, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpint (own->width, ==, 5);
  g_assert_cmpint (own->cx, ==, 2);
  g_assert_cmpint (own->cy, ==, 1);
  g_assert_cmpfloat_with_epsilon (skc_raster_get (own, 1, 0), 0.75, 1e-12);
  g_assert_cmpfloat_with_epsilon (skc_raster_get (own, -2, -1), 0.25, 1e-12);
  /* With a radius: support reaches R, still unit sum. */
  scaled = skc_shape_from_image (path, 8, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (skc_raster_sum (scaled), 1.0, 1e-12);
  g_assert_cmpint (scaled->cx, ==, 9);
  g_unlink (path);
  g_rmdir (dir);
}

static void
expect_parse_error (const gchar *text, const gchar *message)
{
  SkcShapeSpec spec;
  g_autoptr (GError) error = NULL;

  g_assert_false (skc_shape_spec_parse (text, &spec, &error));
  g_assert_error (error, SKC_ERROR, SKC_ERROR_INVALID);
  if (strstr (error->message, message) == NULL)
    g_error ("expected '%s' in: %s", message, error->message);
}

static void
test_parse (void)
{
  SkcShapeSpec spec;
  g_autofree gchar *text = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_true (skc_shape_spec_parse ("star:points=6,inner=0.4,rotation=15", &spec, NULL));
  g_assert_cmpint (spec.kind, ==, SKC_SHAPE_STAR);
  g_assert_cmpuint (spec.sides, ==, 6);
  g_assert_cmpfloat (spec.inner, ==, 0.4);
  text = skc_shape_spec_to_string (&spec);
  g_assert_cmpstr (text, ==, "star:points=6,inner=0.4,rotation=15");
  g_assert_true (skc_shape_spec_parse ("octagon", &spec, NULL));
  g_assert_cmpuint (spec.sides, ==, 8);
  g_assert_true (skc_shape_spec_parse ("ring", &spec, NULL));
  g_assert_cmpfloat (spec.inner, ==, 0.7);

  expect_parse_error ("blob", "unknown shape 'blob'");
  expect_parse_error ("", "unknown shape ''");
  expect_parse_error ("star:colour=red", "shape key 'colour' is unknown");
  expect_parse_error ("disc:sides=4", "shape key 'sides' is unknown");
  expect_parse_error ("star:points=x", "shape key 'points': 'x' is not a number");
  expect_parse_error ("star:points=2", "shape key 'points': 2 is out of range");
  expect_parse_error ("ngon:sides=5.5", "not a whole number");
  expect_parse_error ("ring:inner=1", "must lie strictly between 0 and 1");
  expect_parse_error ("star:points", "is not key=value");
  expect_parse_error ("image", "needs path=FILE");
  expect_parse_error (NULL, "no shape given");

  g_assert_true (skc_shape_spec_parse ("disc", &spec, NULL));
  g_assert_null (skc_shape_render (&spec, 0, &error));
  g_assert_error (error, SKC_ERROR, SKC_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "radius 0 is out of range"));
  g_clear_error (&error);
  g_assert_null (skc_shape_render (&spec, NAN, &error));
  g_assert_error (error, SKC_ERROR, SKC_ERROR_INVALID);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/shape/unit-sum-and-centre", test_unit_sum_and_centre);
  g_test_add_func ("/shape/areas-match-geometry", test_areas_match_geometry);
  g_test_add_func ("/shape/symmetries", test_symmetries);
  g_test_add_func ("/shape/orientation", test_orientation);
  g_test_add_func ("/shape/gaussian-formula", test_gaussian_formula);
  g_test_add_func ("/shape/image-target", test_image_target);
  g_test_add_func ("/shape/parse", test_parse);
  return g_test_run ();
}
