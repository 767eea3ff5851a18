/* Baselines: LowRank reconstructs the truncated SVD exactly; the annealing
 * baseline improves its start, is deterministic, and respects Σw = 1. */
#include "skc.h"

#include <math.h>
#include <string.h>

static SkcRaster *
random_target (gint h, guint32 seed)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (seed);
  SkcRaster *t = skc_raster_new_centred (h, h);

  for (gint i = 0; i < t->width * t->height; i++)
    t->data[i] = g_rand_double (rand);
  skc_raster_scale (t, 1.0 / skc_raster_sum (t));
  return t;
}

static void
test_lowrank_full_rank_exact (void)
{
  g_autoptr (SkcRaster) t = random_target (3, 1);
  g_autoptr (SkcComplex) c = skc_baseline_lowrank (t, 7, NULL);
  g_autoptr (SkcRaster) k = skc_complex_impulse_response (c);

  g_assert_cmpuint (skc_complex_n_branches (c), ==, 7);
  g_assert_cmpuint (skc_complex_total_taps (c), ==, 2 * 7 * 7);
  for (gint y = -3; y <= 3; y++)
    for (gint x = -3; x <= 3; x++)
      g_assert_cmpfloat_with_epsilon (skc_raster_get (k, x, y), skc_raster_get (t, x, y), 1e-12);
}

static void
test_lowrank_separable_is_rank_one (void)
{
  /* An outer product u vᵀ is reproduced by rank 1 exactly, and a higher
   * rank is clamped to the matrix rank. */
  g_autoptr (SkcRaster) t = skc_raster_new_centred (2, 2);
  const gdouble u[5] = { 1, 2, 3, 2, 1 }, v[5] = { 0, 1, 4, 1, 0.5 };
  g_autoptr (SkcComplex) c = NULL, c3 = NULL;
  g_autoptr (SkcRaster) k = NULL;

  for (gint y = 0; y < 5; y++)
    for (gint x = 0; x < 5; x++)
      *skc_raster_at (t, x, y) = u[y] * v[x];
  c = skc_baseline_lowrank (t, 1, NULL);
  k = skc_complex_impulse_response (c);
  for (gint y = -2; y <= 2; y++)
    for (gint x = -2; x <= 2; x++)
      g_assert_cmpfloat_with_epsilon (skc_raster_get (k, x, y), skc_raster_get (t, x, y), 1e-12);
  c3 = skc_baseline_lowrank (t, 3, NULL);
  g_assert_cmpuint (skc_complex_n_branches (c3), ==, 1);
}

static void
test_lowrank_truncation_error (void)
{
  /* Eckart–Young: the rank-r error energy is the sum of the discarded σ².
   * Check the monotone decrease and that rank 2 beats rank 1 on a disc. */
  SkcShapeSpec spec;
  g_autoptr (SkcRaster) t = NULL;
  gdouble prev = -INFINITY;

  g_assert_true (skc_shape_spec_parse ("disc", &spec, NULL));
  t = skc_shape_render (&spec, 6, NULL);
  for (guint r = 1; r <= 4; r++) {
    g_autoptr (SkcComplex) c = skc_baseline_lowrank (t, r, NULL);
    g_autoptr (SkcRaster) k = skc_complex_impulse_response (c);
    gdouble p = skc_raster_psnr (k, t);

    g_assert_cmpfloat (p, >, prev);
    prev = p;
  }
}

static void
test_lowrank_errors (void)
{
  g_autoptr (SkcRaster) t = random_target (2, 3);
  g_autoptr (GError) error = NULL;

  g_assert_null (skc_baseline_lowrank (t, 0, &error));
  g_assert_error (error, SKC_ERROR, SKC_ERROR_INVALID);
}

static void
test_sa (void)
{
  const guint taps[2] = { 8, 6 };
  SkcShapeSpec spec;
  SkcSaOptions opts;
  SkcFitOptions fit;
  g_autoptr (SkcRaster) t = NULL;
  g_autoptr (SkcComplex) start = NULL, a = NULL, b = NULL;
  g_autoptr (SkcRaster) ks = NULL, ka = NULL;

  g_assert_true (skc_shape_spec_parse ("disc", &spec, NULL));
  t = skc_shape_render (&spec, 6, NULL);
  skc_sa_options_init (&opts);
  g_assert_cmpuint (opts.candidates, ==, 10);
  g_assert_cmpuint (opts.iterations, ==, 10000);
  opts.candidates = 4;
  opts.iterations = 800;
  a = skc_baseline_sa (t, 2, taps, &opts, NULL);
  b = skc_baseline_sa (t, 2, taps, &opts, NULL);
  for (guint l = 0; l < 2; l++) {
    g_assert_cmpmem (a->layers[l].taps, sizeof (SkcTap) * taps[l], b->layers[l].taps, sizeof (SkcTap) * taps[l]);
    g_assert_cmpfloat_with_epsilon (skc_layer_weight_sum (&a->layers[l]), 1.0, 1e-9);
  }
  skc_fit_options_init (&fit);
  fit.sparse_init = FALSE;
  start = skc_fit_initial (t, 2, taps, &fit);
  ks = skc_complex_impulse_response (start);
  ka = skc_complex_impulse_response (a);
  g_test_message ("sa: %.2f dB → %.2f dB", skc_raster_psnr (ks, t), skc_raster_psnr (ka, t));
  g_assert_cmpfloat (skc_raster_psnr (ka, t), >, skc_raster_psnr (ks, t) + 2);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/baseline/lowrank/full-rank-exact", test_lowrank_full_rank_exact);
  g_test_add_func ("/baseline/lowrank/separable-is-rank-one", test_lowrank_separable_is_rank_one);
  g_test_add_func ("/baseline/lowrank/truncation-error", test_lowrank_truncation_error);
  g_test_add_func ("/baseline/lowrank/errors", test_lowrank_errors);
  g_test_add_func ("/baseline/sa", test_sa);
  return g_test_run ();
}
