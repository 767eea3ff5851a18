/* The SA (PST-style) family: the warm start, the visiting order and scaling
 * by hand, members below the anchor independent of those above, the weight
 * bound, and on small discs the layout, unit sums, no member worse than its
 * starts, and corresponding taps (half-way blends as good as the members,
 * which members searched from cold starts are not). */
#include "skc.h"

#include <math.h>

static SkcRaster *
disc_target (gdouble p, gpointer user_data, GError **error)
{
  return skc_shape_render (user_data, p, error);
}

static gdouble
psnr_of (const SkcComplex *c, const SkcRaster *t)
{
  g_autoptr (SkcRaster) k = skc_complex_impulse_response (c);

  return skc_raster_psnr (k, t);
}

static SkcComplex *
radial_start (const SkcRaster *t, guint L, const guint *taps)
{
  SkcFitOptions fit;

  skc_fit_options_init (&fit);
  fit.sparse_init = FALSE;
  return skc_fit_initial (t, L, taps, &fit);
}

static void
assert_same_taps (const SkcComplex *a, const SkcComplex *b, gdouble eps)
{
  g_assert_true (skc_complex_same_layout (a, b));
  for (guint l = 0; l < a->n_layers; l++)
    for (guint i = 0; i < a->layers[l].n_taps; i++) {
      g_assert_cmpfloat_with_epsilon (a->layers[l].taps[i].dx, b->layers[l].taps[i].dx, eps);
      g_assert_cmpfloat_with_epsilon (a->layers[l].taps[i].dy, b->layers[l].taps[i].dy, eps);
      g_assert_cmpfloat_with_epsilon (a->layers[l].taps[i].w, b->layers[l].taps[i].w, eps);
    }
}

static void
test_warm_start (void)
{
  const guint taps[2] = { 8, 4 }, other[2] = { 8, 5 };
  g_auto (SkcShapeSpec) spec = { 0 };
  g_autoptr (SkcRaster) t = NULL;
  g_autoptr (SkcComplex) start = NULL, same = NULL, better = NULL, bad = NULL;
  g_autoptr (GError) error = NULL;
  SkcSaOptions opts;

  g_assert_true (skc_shape_spec_parse ("disc", &spec, NULL));
  t = skc_shape_render (&spec, 5, NULL);
  skc_sa_options_init (&opts);
  g_assert_null (opts.start);
  /* A start far from the radial one: the radial start at another radius. */
  {
    g_autoptr (SkcRaster) t3 = skc_shape_render (&spec, 3, NULL);

    start = radial_start (t3, 2, taps);
  }
  opts.start = start;
  opts.iterations = 0;
  same = skc_baseline_sa (t, 2, taps, &opts, NULL);
  assert_same_taps (same, start, 1e-12);

  opts.candidates = 4;
  opts.iterations = 600;
  better = skc_baseline_sa (t, 2, taps, &opts, NULL);
  g_test_message ("warm start %.2f dB → %.2f dB", psnr_of (start, t), psnr_of (better, t));
  g_assert_cmpfloat (psnr_of (better, t), >, psnr_of (start, t) + 1);

  bad = skc_baseline_sa (t, 2, other, &opts, &error);
  g_assert_null (bad);
  g_assert_error (error, SKC_ERROR, SKC_ERROR_INVALID);
}

/* With no search, the family is its first member's start scaled along the
 * visiting order: the largest value ≤ 32 first, then outward. */
static void
test_order_by_hand (void)
{
  const guint taps[2] = { 6, 3 };
  const gdouble values[] = { 2, 4, 8, 40, 64 };
  g_auto (SkcShapeSpec) spec = { 0 };
  g_autoptr (SkcRaster) t8 = NULL;
  g_autoptr (SkcComplex) anchor = NULL;
  g_autoptr (SkcFamily) f = NULL;
  SkcSaOptions opts;

  g_assert_true (skc_shape_spec_parse ("disc", &spec, NULL));
  skc_sa_options_init (&opts);
  opts.iterations = 0;
  f = skc_baseline_sa_family ("sa", "radius", G_N_ELEMENTS (values), values, disc_target, &spec, 2, taps,
      &opts, NULL);
  g_assert_nonnull (f);
  g_assert_cmpuint (f->n_members, ==, 5);
  t8 = skc_shape_render (&spec, 8, NULL);
  anchor = radial_start (t8, 2, taps);
  for (guint k = 0; k < f->n_members; k++) {
    g_autoptr (SkcComplex) want = skc_complex_copy (anchor);

    g_assert_cmpfloat (f->values[k], ==, values[k]);
    skc_complex_scale (want, values[k] / 8);
    assert_same_taps (f->members[k], want, 1e-9);
  }
}

/* Members at or below the anchor are searched before any above it: a family
 * that stops at the anchor holds the same members, tap for tap (what lets
 * skc-bench fit only the members its grid reads). */
static void
test_prefix (void)
{
  const guint taps[2] = { 6, 3 };
  const gdouble values[] = { 8, 16, 40 };
  g_auto (SkcShapeSpec) spec = { 0 };
  g_autoptr (SkcFamily) whole = NULL, prefix = NULL;
  SkcSaOptions opts;

  g_assert_true (skc_shape_spec_parse ("disc", &spec, NULL));
  skc_sa_options_init (&opts);
  opts.candidates = 3;
  opts.iterations = 300;
  whole = skc_baseline_sa_family ("sa", "radius", 3, values, disc_target, &spec, 2, taps, &opts, NULL);
  prefix = skc_baseline_sa_family ("sa", "radius", 2, values, disc_target, &spec, 2, taps, &opts, NULL);
  for (guint k = 0; k < 2; k++) {
    g_assert_true (skc_complex_same_layout (prefix->members[k], whole->members[k]));
    for (guint l = 0; l < 2; l++)
      g_assert_cmpmem (prefix->members[k]->layers[l].taps, sizeof (SkcTap) * taps[l],
          whole->members[k]->layers[l].taps, sizeof (SkcTap) * taps[l]);
  }
}

/* Two points, 0.8 at the centre and 0.2 three pixels left (taps sit at the
 * negated PSF positions), and one layer of two taps: unbounded, the search
 * finds weights near 0.8 and 0.2; bounded by 0.6, no weight passes 0.6. */
static void
test_max_weight (void)
{
  const guint taps[1] = { 2 };
  g_autoptr (SkcRaster) t = skc_raster_new_centred (4, 4);
  g_autoptr (SkcComplex) free_fit = NULL, bounded = NULL;
  SkcSaOptions opts;
  gdouble wmax = 0;

  *skc_raster_at (t, t->cx, t->cy) = 0.8;
  *skc_raster_at (t, t->cx - 3, t->cy) = 0.2;
  skc_sa_options_init (&opts);
  g_assert_cmpfloat (opts.max_weight, ==, 0);
  opts.candidates = 4;
  opts.iterations = 3000;
  free_fit = skc_baseline_sa (t, 1, taps, &opts, NULL);
  for (guint i = 0; i < 2; i++)
    wmax = MAX (wmax, free_fit->layers[0].taps[i].w);
  g_test_message ("unbounded: largest weight %.3f", wmax);
  g_assert_cmpfloat (wmax, >, 0.7);
  opts.max_weight = 0.6;
  bounded = skc_baseline_sa (t, 1, taps, &opts, NULL);
  for (guint i = 0; i < 2; i++) {
    g_test_message ("bounded: tap %u at (%.2f, %.2f), w %.3f", i, bounded->layers[0].taps[i].dx,
        bounded->layers[0].taps[i].dy, bounded->layers[0].taps[i].w);
    g_assert_cmpfloat (fabs (bounded->layers[0].taps[i].w), <=, 0.6);
  }
}

static void
test_errors (void)
{
  const guint taps[1] = { 4 }, none[1] = { 0 };
  const gdouble down[] = { 4, 2 }, one[] = { 4 };
  g_auto (SkcShapeSpec) spec = { 0 };
  SkcSaOptions opts;
  GError *error = NULL;

  g_assert_true (skc_shape_spec_parse ("disc", &spec, NULL));
  skc_sa_options_init (&opts);
  opts.iterations = 10;
  g_assert_null (skc_baseline_sa_family ("sa", "radius", 2, down, disc_target, &spec, 1, taps, &opts, &error));
  g_assert_error (error, SKC_ERROR, SKC_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (skc_baseline_sa_family ("sa", "radius", 0, one, disc_target, &spec, 1, taps, &opts, &error));
  g_assert_error (error, SKC_ERROR, SKC_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (skc_baseline_sa_family ("sa", "radius", 1, one, disc_target, &spec, 1, none, &opts, &error));
  g_assert_error (error, SKC_ERROR, SKC_ERROR_INVALID);
  g_clear_error (&error);
}

/* Worst over the half-way blends of (lower member PSNR − blend PSNR). */
static gdouble
worst_blend_loss (const SkcFamily *f, const SkcShapeSpec *spec)
{
  gdouble worst = -INFINITY;

  for (guint k = 0; k + 1 < f->n_members; k++) {
    gdouble p = 0.5 * (f->values[k] + f->values[k + 1]);
    g_autoptr (SkcRaster) t = skc_shape_render (spec, p, NULL);
    g_autoptr (SkcRaster) ta = skc_shape_render (spec, f->values[k], NULL);
    g_autoptr (SkcRaster) tb = skc_shape_render (spec, f->values[k + 1], NULL);
    g_autoptr (SkcComplex) blend = skc_complex_copy (f->members[0]);
    gdouble lower, mid;

    skc_family_eval (f, p, blend);
    lower = MIN (psnr_of (f->members[k], ta), psnr_of (f->members[k + 1], tb));
    mid = psnr_of (blend, t);
    g_test_message ("  blend %g: %.2f dB, members %.2f dB", p, mid, lower);
    worst = MAX (worst, lower - mid);
  }
  return worst;
}

static void
test_discs (void)
{
  const guint taps[3] = { 12, 4, 4 };
  const gdouble values[] = { 3, 4, 5, 6, 8 };
  const guint M = G_N_ELEMENTS (values);
  g_auto (SkcShapeSpec) spec = { 0 };
  g_autoptr (SkcFamily) f = NULL, cold = NULL;
  SkcSaOptions opts;
  gdouble warm_loss, cold_loss;

  g_assert_true (skc_shape_spec_parse ("disc", &spec, NULL));
  skc_sa_options_init (&opts);
  opts.candidates = 4;
  opts.iterations = 1500;
  f = skc_baseline_sa_family ("sa-disc", "radius", M, values, disc_target, &spec, 3, taps, &opts, NULL);
  g_assert_nonnull (f);
  g_assert_cmpstr (f->name, ==, "sa-disc");
  cold = skc_family_new ("cold", "radius", M, values);
  for (guint k = 0; k < M; k++) {
    const SkcComplex *c = f->members[k];
    g_autoptr (SkcRaster) t = skc_shape_render (&spec, values[k], NULL);
    g_autoptr (SkcComplex) unwarmed = radial_start (t, 3, taps);
    gdouble got = psnr_of (c, t);

    g_assert_cmpuint (c->n_layers, ==, 3);
    for (guint l = 0; l < 3; l++) {
      g_assert_cmpuint (c->layers[l].n_taps, ==, taps[l]);
      g_assert_cmpfloat_with_epsilon (skc_layer_weight_sum (&c->layers[l]), 1.0, 1e-9);
    }
    /* No worse than the start it would have had without the warm start. */
    g_test_message ("member %g: %.2f dB (radial start %.2f dB)", values[k], got, psnr_of (unwarmed, t));
    g_assert_cmpfloat (got, >=, psnr_of (unwarmed, t));
    if (k + 1 < M) {
      /* … and no worse than its warm start, the searched neighbour scaled
       * (the anchor, 8, is the last value). */
      g_autoptr (SkcComplex) warm = skc_complex_copy (f->members[k + 1]);

      skc_complex_scale (warm, values[k] / values[k + 1]);
      g_assert_cmpfloat (got, >=, psnr_of (warm, t) - 1e-9);
    }
    cold->members[k] = skc_baseline_sa (t, 3, taps, &opts, NULL);
  }
  /* Corresponding taps: a blend is about as good as its members; members
   * searched each from its own cold start blend worse. */
  g_test_message ("warm family:");
  warm_loss = worst_blend_loss (f, &spec);
  g_test_message ("cold members:");
  cold_loss = worst_blend_loss (cold, &spec);
  g_test_message ("worst blend loss: warm %.2f dB, cold %.2f dB", warm_loss, cold_loss);
  g_assert_cmpfloat (warm_loss, <, 1.0);
  g_assert_cmpfloat (cold_loss, >, warm_loss + 1.0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/sa-family/warm-start", test_warm_start);
  g_test_add_func ("/sa-family/order-by-hand", test_order_by_hand);
  g_test_add_func ("/sa-family/prefix", test_prefix);
  g_test_add_func ("/sa-family/max-weight", test_max_weight);
  g_test_add_func ("/sa-family/errors", test_errors);
  g_test_add_func ("/sa-family/discs", test_discs);
  return g_test_run ();
}
