/* The night scene: the lights' table, a blurred light's energy (unclipped:
 * 10× a light of brightness 0.8 of the same shape), its clipped input, the
 * in-focus foreground, the depth codes and probes, bad sizes. */
#include "skc.h"

#include <math.h>

#define W 240
#define H 160
#define R 4.0

/* Sum of channel ch over light i's probe. */
static gdouble
probe_sum (const SkcImage *img, const SkcImage *probe, guint i, gint ch, gboolean decode)
{
  gdouble s = 0;

  for (gint y = 0; y < img->height; y++)
    for (gint x = 0; x < img->width; x++)
      if (*skc_image_at (probe, x, y) == i + 1) {
        gdouble v = skc_image_at (img, x, y)[ch];

        s += decode ? skc_srgb_to_linear (v) : v;
      }
  return s;
}

static void
test_lights (void)
{
  SkcNightLight l, m;
  gint above = 0;

  g_assert_false (skc_night_light (SKC_NIGHT_N_LIGHTS, &l));
  for (guint i = 0; i < SKC_NIGHT_N_LIGHTS; i++) {
    gdouble peak;

    g_assert_true (skc_night_light (i, &l));
    peak = MAX (l.rgb[0], MAX (l.rgb[1], l.rgb[2]));
    g_assert_true (peak == 0.8 || peak == 2 || peak == 4 || peak == 8);
    above += peak > 1;
    g_assert_cmpfloat (l.x, >, 0);
    g_assert_cmpfloat (l.x, <, 1);
    g_assert_cmpfloat (l.y, >, 0);
    g_assert_cmpfloat (l.y, <, 1);
  }
  g_assert_cmpint (above, ==, 18);
  /* 0 and 15: one shape and colour, brightness 0.8 and 8. */
  skc_night_light (0, &l);
  skc_night_light (15, &m);
  g_assert_cmpfloat (l.radius, ==, m.radius);
  for (gint c = 0; c < 3; c++)
    g_assert_cmpfloat (fabs (m.rgb[c] - 10 * l.rgb[c]), <, 1e-12);
}

static void
test_energy (void)
{
  g_autoptr (SkcImage) black = skc_image_new (W, H, 3);
  g_autoptr (SkcImage) none = skc_image_new (W, H, 1);
  g_autoptr (SkcNight) s = skc_night_new (black, black, none, R);
  SkcNightLight l;

  g_assert_nonnull (s);
  for (gint c = 0; c < 3; c++) {
    gdouble e0 = probe_sum (s->truth_linear, s->probe, 0, c, FALSE);
    gdouble e15 = probe_sum (s->truth_linear, s->probe, 15, c, FALSE);
    gdouble in0 = probe_sum (s->input, s->probe, 0, c, TRUE);
    gdouble in15 = probe_sum (s->input, s->probe, 15, c, TRUE);

    g_test_message ("channel %d: truth energy %.3f and %.3f, input %.3f and %.3f", c, e0, e15, in0, in15);
    /* Brightness 0.8: the input holds the light (8-bit rounding aside) and
     * the blur keeps its energy. */
    g_assert_cmpfloat (fabs (in0 / e0 - 1), <, 0.02);
    /* Brightness 8, same shape at another sub-pixel place: 10× the energy,
     * the lattice's area within 4 %. */
    g_assert_cmpfloat (fabs (e15 / e0 / 10 - 1), <, 0.04);
  }
  /* Its red and green clip (8, 3.6), blue (0.64) does not. */
  g_assert_cmpfloat (probe_sum (s->input, s->probe, 15, 0, TRUE), <, 0.3 * probe_sum (s->truth_linear, s->probe, 15, 0, FALSE));
  skc_night_light (15, &l);
  {
    const gdouble *centre = skc_image_at (s->input, (gint) (l.x * W), (gint) (l.y * H));

    g_assert_cmpfloat (centre[0], ==, 1);
    g_assert_cmpfloat (centre[1], ==, 1);
    g_assert_cmpfloat (fabs (centre[2] - round (skc_srgb_from_linear (l.rgb[2]) * 255) / 255), <, 1e-9);
    g_assert_cmpfloat (*skc_image_at (s->probe, (gint) (l.x * W), (gint) (l.y * H)), ==, 16);
  }
  /* Beyond every light's reach: black, probe 0. */
  g_assert_cmpfloat (*skc_image_at (s->probe, 0, 0), ==, 0);
  g_assert_cmpfloat (skc_image_at (s->truth_linear, 0, 0)[1], ==, 0);
}

static void
test_foreground (void)
{
  g_autoptr (SkcImage) grey = skc_image_new (W, H, 3);
  g_autoptr (SkcImage) white = skc_image_new (W, H, 3);
  g_autoptr (SkcImage) a = skc_image_new (W, H, 1);
  g_autoptr (SkcNight) s = NULL;
  gdouble f = round (skc_srgb_from_linear (0.06) * 255) / 255;

  for (gsize i = 0; i < (gsize) W * H * 3; i++) {
    grey->data[i] = 0.5;
    white->data[i] = 1;
  }
  /* The left quarter in front, in focus. */
  for (gint y = 0; y < H; y++)
    for (gint x = 0; x < W / 4; x++)
      *skc_image_at (a, x, y) = 1;
  s = skc_night_new (grey, white, a, R);
  g_assert_nonnull (s);
  for (gint y = 0; y < H; y++)
    for (gint x = 0; x < W; x++) {
      gdouble d = *skc_image_at (s->depth, x, y) * 255;

      g_assert_cmpfloat (fabs (d - (x < W / 4 ? SKC_SCENE_NEAR_CODE : SKC_SCENE_FAR_CODE)), <, 1e-9);
      if (x < W / 4)
        for (gint c = 0; c < 3; c++) {
          g_assert_cmpfloat (fabs (skc_image_at (s->input, x, y)[c] - f), <, 1e-9);
          g_assert_cmpfloat (fabs (skc_image_at (s->truth, x, y)[c] - f), <, 1e-9);
        }
    }
  /* The background far from lights: 0.03 of mid-grey in linear light. */
  g_assert_cmpfloat (fabs (skc_image_at (s->truth_linear, W - 1, 0)[0] - 0.03 * skc_srgb_to_linear (0.5)), <, 1e-9);
}

static void
test_bad (void)
{
  g_autoptr (SkcImage) rgb = skc_image_new (W, H, 3);
  g_autoptr (SkcImage) small = skc_image_new (W / 2, H, 3);
  g_autoptr (SkcImage) gray = skc_image_new (W, H, 1);

  g_assert_null (skc_night_new (rgb, small, gray, R));
  g_assert_null (skc_night_new (rgb, rgb, rgb, R));
  g_assert_null (skc_night_new (gray, gray, gray, R));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/night/lights", test_lights);
  g_test_add_func ("/night/energy", test_energy);
  g_test_add_func ("/night/foreground", test_foreground);
  g_test_add_func ("/night/bad", test_bad);
  return g_test_run ();
}
