/* The depth → radius mapping: the focus model and the mask against hand
 * computation, and the bilinear resampling of the map onto the video. */
#include "skc-focus.h"

#include <math.h>

static void
test_focus_model (void)
{
  SkcFocus f = { SKC_FOCUS_MODE_DEPTH, 0.5, 0.2, 10, TRUE };

  /* Inside the band |n − 0.5| ≤ 0.1: sharp. */
  g_assert_cmpfloat (skc_focus_radius (&f, 0.5), ==, 0);
  g_assert_cmpfloat (skc_focus_radius (&f, 0.6), ==, 0);
  g_assert_cmpfloat (skc_focus_radius (&f, 0.4), ==, 0);
  /* 0.15 beyond the band edge (0.6 or 0.4): 10 · 2 · 0.15 = 3 px, both sides. */
  g_assert_cmpfloat_with_epsilon (skc_focus_radius (&f, 0.75), 3.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (skc_focus_radius (&f, 0.25), 3.0, 1e-12);
  /* Saturates at max-radius. */
  g_assert_cmpfloat (skc_focus_radius (&f, 0.0), ==, 10 * MIN (1.0, 2 * 0.4));
  f.focus_depth = 1.0;
  f.focus_range = 0;
  g_assert_cmpfloat (skc_focus_radius (&f, 0.0), ==, 10);
  /* Black is near: the map value 0.9 is nearness 0.1. */
  f.near_is_white = FALSE;
  f.focus_depth = 0.1;
  g_assert_cmpfloat_with_epsilon (skc_focus_radius (&f, 0.9), 0, 1e-12);
  g_assert_cmpfloat_with_epsilon (skc_focus_radius (&f, 0.7), 4.0, 1e-12);
  /* Out-of-range values clamp. */
  g_assert_cmpfloat (skc_focus_radius (&f, 7.0), ==, skc_focus_radius (&f, 1.0));
}

static void
test_mask (void)
{
  SkcFocus f = { SKC_FOCUS_MODE_MASK, 0.5, 0.1, 12, TRUE };

  g_assert_cmpfloat (skc_focus_radius (&f, 0), ==, 0);
  g_assert_cmpfloat (skc_focus_radius (&f, 0.25), ==, 3);
  g_assert_cmpfloat (skc_focus_radius (&f, 1), ==, 12);
}

/* A 2×1 mask [0, 255] stretched to 4×2: pixel centres at source positions
 * −0.25 (clamped to 0), 0.25, 0.75, 1.25 (clamped to 1). */
static void
test_resample_8bit (void)
{
  SkcFocus f = { SKC_FOCUS_MODE_MASK, 0, 0, 8, TRUE };
  const guint8 map[4] = { 0, 255, 0, 0 };   /* stride 4 */
  gfloat r[8];
  const gfloat expect[4] = { 0, 2, 6, 8 };

  skc_focus_radius_map (&f, map, 4, 2, 1, FALSE, r, 4, 2, NULL);
  for (gint y = 0; y < 2; y++)
    for (gint x = 0; x < 4; x++)
      g_assert_cmpfloat_with_epsilon (r[y * 4 + x], expect[x], 1e-5);
}

/* 16-bit, same size: the value itself; and a 2×2 map halved to 1×1 takes
 * the mean (centre at source position 0.5, 0.5). */
static void
test_resample_16bit (void)
{
  SkcFocus f = { SKC_FOCUS_MODE_MASK, 0, 0, 1, TRUE };
  const guint16 map[4] = { 0, 65535, 65535, 32768 };
  gfloat r[4], one;

  skc_focus_radius_map (&f, (const guint8 *) map, 4, 2, 2, TRUE, r, 2, 2, NULL);
  for (gint i = 0; i < 4; i++)
    g_assert_cmpfloat_with_epsilon (r[i], map[i] / 65535.0, 1e-6);
  skc_focus_radius_map (&f, (const guint8 *) map, 4, 2, 2, TRUE, &one, 1, 1, NULL);
  g_assert_cmpfloat_with_epsilon (one, (0 + 65535 + 65535 + 32768) / 4.0 / 65535.0, 1e-6);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/focus/focus-model", test_focus_model);
  g_test_add_func ("/focus/mask", test_mask);
  g_test_add_func ("/focus/resample-8bit", test_resample_8bit);
  g_test_add_func ("/focus/resample-16bit", test_resample_16bit);
  return g_test_run ();
}
