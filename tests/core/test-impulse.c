/* The impulse response equals filtering a one-pixel impulse with the cascade
 * of bilinear gathers — computed here independently, the obvious way. */
#include "skc.h"

#include <math.h>

#define SIZE 41   /* impulse image, impulse at its centre, zero around */

static gdouble
sample (const gdouble *img, gdouble x, gdouble y)
{
  gint x0 = (gint) floor (x), y0 = (gint) floor (y);
  gdouble fx = x - x0, fy = y - y0, s = 0;

  for (gint k = 0; k < 4; k++) {
    gint xx = x0 + (k & 1), yy = y0 + (k >> 1);
    gdouble w = ((k & 1) ? fx : 1 - fx) * ((k >> 1) ? fy : 1 - fy);

    if (xx >= 0 && yy >= 0 && xx < SIZE && yy < SIZE)
      s += w * img[yy * SIZE + xx];
  }
  return s;
}

static gdouble *
filter_impulse (const SkcComplex *c)
{
  gdouble *img = g_new0 (gdouble, SIZE * SIZE), *next;

  img[(SIZE / 2) * SIZE + SIZE / 2] = 1.0;
  for (guint l = 0; l < c->n_layers; l++) {
    next = g_new0 (gdouble, SIZE * SIZE);
    for (gint y = 0; y < SIZE; y++)
      for (gint x = 0; x < SIZE; x++)
        for (guint i = 0; i < c->layers[l].n_taps; i++) {
          const SkcTap *t = &c->layers[l].taps[i];

          next[y * SIZE + x] += t->w * sample (img, x + t->dx, y + t->dy);
        }
    g_free (img);
    img = next;
  }
  return img;
}

static void
test_matches_filtered_impulse (void)
{
  const guint taps[3] = { 5, 4, 3 };
  g_autoptr (GRand) rand = g_rand_new_with_seed (7);
  g_autoptr (SkcComplex) c = skc_complex_new (3, taps);
  g_autoptr (SkcRaster) k = NULL;
  g_autofree gdouble *img = NULL;

  for (guint l = 0; l < 3; l++)
    for (guint i = 0; i < taps[l]; i++)
      c->layers[l].taps[i] = (SkcTap) { g_rand_double_range (rand, -5, 5),
        g_rand_double_range (rand, -5, 5), g_rand_double_range (rand, -0.5, 1) };
  k = skc_complex_impulse_response (c);
  img = filter_impulse (c);
  for (gint y = 0; y < SIZE; y++)
    for (gint x = 0; x < SIZE; x++)
      g_assert_cmpfloat_with_epsilon (skc_raster_get (k, x - SIZE / 2, y - SIZE / 2),
          img[y * SIZE + x], 1e-13);
  /* Nothing of the response lies outside what the impulse image holds. */
  g_assert_cmpfloat_with_epsilon (skc_raster_sum (k), skc_complex_dc_gain (c), 1e-12);
}

static void
test_tap_lands_at_negated_offset (void)
{
  /* Gather y(x) = w·in(x + o): a bright pixel at 0 shows at x = −o. */
  const guint one = 1;
  g_autoptr (SkcComplex) c = skc_complex_new (1, &one);
  g_autoptr (SkcRaster) k = NULL;

  c->layers[0].taps[0] = (SkcTap) { 3, -2, 1 };
  k = skc_complex_impulse_response (c);
  g_assert_cmpfloat (skc_raster_get (k, -3, 2), ==, 1.0);
  g_assert_cmpfloat (skc_raster_sum (k), ==, 1.0);
}

static void
test_not_a_splat_of_summed_offsets (void)
{
  /* Two layers of one tap at 0.5: the response is the tent [¼ ½ ¼], not the
   * single splat of the summed offset 1.0. */
  const guint taps[2] = { 1, 1 };
  g_autoptr (SkcComplex) c = skc_complex_new (2, taps);
  g_autoptr (SkcRaster) k = NULL;

  c->layers[0].taps[0] = (SkcTap) { 0.5, 0, 1 };
  c->layers[1].taps[0] = (SkcTap) { 0.5, 0, 1 };
  k = skc_complex_impulse_response (c);
  g_assert_cmpfloat (skc_raster_get (k, 0, 0), ==, 0.25);
  g_assert_cmpfloat (skc_raster_get (k, -1, 0), ==, 0.5);
  g_assert_cmpfloat (skc_raster_get (k, -2, 0), ==, 0.25);
}

static void
test_branches_sum (void)
{
  const guint taps[3] = { 1, 1, 1 };
  g_autoptr (SkcComplex) c = skc_complex_new (3, taps);
  g_autoptr (SkcRaster) k = NULL;

  c->layers[0].taps[0] = (SkcTap) { 1, 0, 0.5 };
  c->layers[1].taps[0] = (SkcTap) { 0, 1, 2.0 };
  c->layers[2].taps[0] = (SkcTap) { -4, 0, 0.25 };
  c->layers[2].branch = 1;
  k = skc_complex_impulse_response (c);
  g_assert_cmpfloat (skc_raster_get (k, -1, -1), ==, 1.0);
  g_assert_cmpfloat (skc_raster_get (k, 4, 0), ==, 0.25);
  g_assert_cmpfloat (skc_raster_sum (k), ==, 1.25);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/impulse/matches-filtered-impulse", test_matches_filtered_impulse);
  g_test_add_func ("/impulse/tap-lands-at-negated-offset", test_tap_lands_at_negated_offset);
  g_test_add_func ("/impulse/not-a-splat-of-summed-offsets", test_not_a_splat_of_summed_offsets);
  g_test_add_func ("/impulse/branches-sum", test_branches_sum);
  return g_test_run ();
}
