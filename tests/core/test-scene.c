/* The depth-of-field test scenes: band width on a straight outline, the
 * masks' shapes, and a uniform scene's input, depth and truth by hand. */
#include "skc.h"

#include <math.h>

/* Columns < 20 covered: the contour lies at x = 19.5. */
static SkcImage *
half_plane (gint w, gint h)
{
  SkcImage *a = skc_image_new (w, h, 1);

  for (gint y = 0; y < h; y++)
    for (gint x = 0; x < 20; x++)
      *skc_image_at (a, x, y) = 1;
  return a;
}

static void
assert_band_columns (const SkcImage *band, gint x0, gint x1)
{
  for (gint y = 0; y < band->height; y++)
    for (gint x = 0; x < band->width; x++)
      g_assert_cmpfloat (*skc_image_at (band, x, y), ==, x >= x0 && x <= x1);
}

/* Radius 5: columns 15 … 24, 2·5 wide (distance to x = 19.5 at most 4.5);
 * radius 4.5: 16 … 23, the centre-to-centre distance 5 of column 15 to 20
 * being over it. */
static void
test_band_width (void)
{
  g_autoptr (SkcImage) a = half_plane (40, 12);
  g_autoptr (SkcImage) b5 = skc_scene_band (a, 5);
  g_autoptr (SkcImage) b45 = skc_scene_band (a, 4.5);
  g_autoptr (SkcImage) b0 = skc_scene_band (a, 0);

  assert_band_columns (b5, 15, 24);
  assert_band_columns (b45, 16, 23);
  assert_band_columns (b0, 40, -1);
}

/* The longest run of a ≥ 0.5 along row y. */
static gint
longest_run (const SkcImage *a, gint y)
{
  gint best = 0, run = 0;

  for (gint x = 0; x < a->width; x++) {
    run = *skc_image_at (a, x, y) >= 0.5 ? run + 1 : 0;
    best = MAX (best, run);
  }
  return best;
}

static void
test_masks (void)
{
  g_autoptr (SkcImage) compact = skc_scene_mask (SKC_SCENE_COMPACT, 960, 640);
  g_autoptr (SkcImage) thin = skc_scene_mask (SKC_SCENE_THIN, 960, 640);
  gsize partial = 0;

  g_assert_cmpfloat (*skc_image_at (compact, 480, 333), ==, 1);
  g_assert_cmpfloat (*skc_image_at (compact, 5, 5), ==, 0);
  for (gsize i = 0; i < (gsize) 960 * 640; i++)
    partial += thin->data[i] > 0.05 && thin->data[i] < 0.95;
  g_assert_cmpuint (partial, >, 2000);           /* anti-aliased */
  /* The trunk near the bottom is 6 px wide there, 4 px at the top. */
  g_assert_cmpint (longest_run (thin, 630), >=, 5);
  g_assert_cmpint (longest_run (thin, 630), <=, 7);
}

/* Uniform photos, codes 51 (background) and 204 (foreground), over the
 * compact mask: far from the outline the input and the truth are the
 * photos themselves; the depth thresholds the coverage at ½. */
static void
test_uniform_scene (void)
{
  const gint w = 96, h = 64;
  g_autoptr (SkcImage) bg = skc_image_new (w, h, 3), fg = skc_image_new (w, h, 3);
  g_autoptr (SkcImage) a = skc_scene_mask (SKC_SCENE_COMPACT, w, h);
  g_autoptr (SkcScene) front = NULL, back = NULL;
  gsize spilt = 0;
  /* The blur reaches past the band: the anti-aliased rim of the coverage
   * (under ½, within a pixel of the contour) and of the disc (half a pixel). */
  g_autoptr (SkcImage) reach = skc_scene_band (a, 4 + 2);

  for (gsize i = 0; i < (gsize) w * h * 3; i++) {
    bg->data[i] = 51 / 255.0;
    fg->data[i] = 204 / 255.0;
  }
  front = skc_scene_new (bg, fg, a, SKC_SCENE_FOCUS_FRONT, 4);
  back = skc_scene_new (bg, fg, a, SKC_SCENE_FOCUS_BACK, 4);
  for (gint y = 0; y < h; y++)
    for (gint x = 0; x < w; x++) {
      gdouble cov = *skc_image_at (a, x, y);
      gdouble lin = cov * skc_srgb_to_linear (0.8) + (1 - cov) * skc_srgb_to_linear (0.2);

      g_assert_cmpfloat (*skc_image_at (front->depth, x, y), ==, (cov >= 0.5 ? 200 : 40) / 255.0);
      g_assert_cmpfloat_with_epsilon (skc_image_at (front->input, x, y)[1],
          round (255 * skc_srgb_from_linear (lin)) / 255, 1e-12);
      /* Background uniform: blurring it changes nothing, so front focus is the input. */
      g_assert_cmpfloat_with_epsilon (skc_image_at (front->truth, x, y)[0],
          skc_image_at (front->input, x, y)[0], 1e-12);
      if (!*skc_image_at (reach, x, y))
        g_assert_cmpfloat_with_epsilon (skc_image_at (back->truth, x, y)[2],
            cov >= 0.5 ? 0.8 : 0.2, 1e-12);
      /* Outside the subject, in the band, its blurred light brightens the background. */
      spilt += cov == 0 && *skc_image_at (back->band, x, y) && skc_image_at (back->truth, x, y)[0] > 0.21;
    }
  g_assert_cmpuint (spilt, >, 100);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/scene/band-width", test_band_width);
  g_test_add_func ("/scene/masks", test_masks);
  g_test_add_func ("/scene/uniform", test_uniform_scene);
  return g_test_run ();
}
