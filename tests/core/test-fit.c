/* The fitter end to end on small targets: it must improve the impulse
 * response, keep the DC gain at 1, be deterministic, and place the initial
 * taps where the paper's initialisation says. */
#include "skc.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* A disc target drawn here independently of skc-shape: 8×8 coverage. */
static SkcRaster *
disc (gdouble R)
{
  gint h = (gint) ceil (R) + 1;
  SkcRaster *r = skc_raster_new_centred (h, h);

  for (gint y = 0; y < r->height; y++)
    for (gint x = 0; x < r->width; x++) {
      gint n = 0;

      for (gint s = 0; s < 64; s++) {
        gdouble px = x - h + (s % 8 + 0.5) / 8 - 0.5, py = y - h + (s / 8 + 0.5) / 8 - 0.5;

        n += px * px + py * py <= R * R;
      }
      *skc_raster_at (r, x, y) = n;
    }
  skc_raster_scale (r, 1.0 / skc_raster_sum (r));
  return r;
}

static gdouble
kernel_psnr (const SkcComplex *c, const SkcRaster *target)
{
  g_autoptr (SkcRaster) k = skc_complex_impulse_response (c);

  return skc_raster_psnr (k, target);
}

static void
test_improves_and_keeps_dc (void)
{
  const guint taps[3] = { 12, 8, 8 };
  g_autoptr (SkcRaster) target = disc (6);
  SkcFitOptions opts;
  g_autoptr (SkcComplex) c = NULL;
  gdouble before, after;

  skc_fit_options_init (&opts);
  opts.steps = 300;
  c = skc_fit_initial (target, 3, taps, &opts);
  before = kernel_psnr (c, target);
  skc_fit_optimise (c, target, &opts);
  after = kernel_psnr (c, target);
  g_test_message ("disc r=6, 3 layers: %.2f dB → %.2f dB", before, after);
  g_assert_cmpfloat (after, >, before + 3);
  g_assert_cmpfloat (after, >, 18);
  for (guint l = 0; l < c->n_layers; l++)
    g_assert_cmpfloat_with_epsilon (skc_layer_weight_sum (&c->layers[l]), 1.0, 1e-12);
}

static void
test_deterministic (void)
{
  const guint taps[2] = { 8, 6 };
  g_autoptr (SkcRaster) target = disc (4);
  SkcFitOptions opts;
  g_autoptr (SkcComplex) a = NULL, b = NULL, c = NULL;

  skc_fit_options_init (&opts);
  opts.steps = 50;
  a = skc_fit_initial (target, 2, taps, &opts);
  b = skc_fit_initial (target, 2, taps, &opts);
  skc_fit_optimise (a, target, &opts);
  skc_fit_optimise (b, target, &opts);
  for (guint l = 0; l < 2; l++)
    g_assert_cmpmem (a->layers[l].taps, sizeof (SkcTap) * taps[l],
        b->layers[l].taps, sizeof (SkcTap) * taps[l]);
  opts.seed = 2;
  c = skc_fit_initial (target, 2, taps, &opts);
  g_assert_true (memcmp (a->layers[0].taps, c->layers[0].taps, sizeof (SkcTap) * taps[0]) != 0);
}

static void
test_initial_layout (void)
{
  const guint taps[3] = { 16, 6, 8 };
  g_autoptr (SkcRaster) target = disc (10);
  SkcFitOptions opts;
  g_autoptr (SkcComplex) ir = NULL, ss = NULL;
  gdouble R = skc_target_radius (target), dr = 2 * R / (3 * 4.0);

  skc_fit_options_init (&opts);
  opts.sparse_init = FALSE;
  ir = skc_fit_initial (target, 3, taps, &opts);
  /* Increasing radial: layer l on a circle of radius (l+1)·Δr, weights 1/N. */
  for (guint l = 0; l < 3; l++)
    for (guint i = 0; i < taps[l]; i++) {
      const SkcTap *t = &ir->layers[l].taps[i];

      g_assert_cmpfloat_with_epsilon (hypot (t->dx, t->dy), (l + 1) * dr, 1e-12);
      g_assert_cmpfloat_with_epsilon (t->w, 1.0 / taps[l], 1e-15);
    }
  opts.sparse_init = TRUE;
  ss = skc_fit_initial (target, 3, taps, &opts);
  /* Sparse sampling: every first-layer tap on the support (PSF at −o),
   * pairwise apart, weights summing to 1. */
  for (guint i = 0; i < taps[0]; i++) {
    const SkcTap *t = &ss->layers[0].taps[i];

    g_assert_cmpfloat (hypot (t->dx, t->dy), <=, 10.0 + 1.0);
    for (guint j = 0; j < i; j++)
      g_assert_cmpfloat (hypot (t->dx - ss->layers[0].taps[j].dx, t->dy - ss->layers[0].taps[j].dy),
          >, 1.0);
  }
  g_assert_cmpfloat_with_epsilon (skc_layer_weight_sum (&ss->layers[0]), 1.0, 1e-12);
}

static void
test_snap_integer_offsets (void)
{
  const guint taps[2] = { 8, 6 };
  g_autoptr (SkcRaster) target = disc (4);
  SkcFitOptions opts;
  g_autoptr (SkcComplex) c = NULL;

  skc_fit_options_init (&opts);
  opts.steps = 100;
  c = skc_fit_initial (target, 2, taps, &opts);
  skc_fit_optimise (c, target, &opts);
  skc_fit_snap (c, target, &opts);
  for (guint l = 0; l < 2; l++)
    for (guint i = 0; i < taps[l]; i++) {
      g_assert_cmpfloat (c->layers[l].taps[i].dx, ==, round (c->layers[l].taps[i].dx));
      g_assert_cmpfloat (c->layers[l].taps[i].dy, ==, round (c->layers[l].taps[i].dy));
    }
  g_assert_cmpfloat_with_epsilon (skc_complex_dc_gain (c), 1.0, 1e-12);
}

/* Best of N seeds is the fit of the best seed, bit for bit, and no worse
 * than any single seed. */
static void
test_restarts (void)
{
  const guint taps[2] = { 10, 4 };
  g_autoptr (SkcRaster) target = disc (5);
  SkcFitOptions opts;
  g_autoptr (SkcComplex) best = NULL;
  gdouble best_loss, losses[4];
  guint argbest = 0;

  skc_fit_options_init (&opts);
  opts.steps = 60;
  for (guint k = 0; k < 4; k++) {
    g_autoptr (SkcComplex) c = NULL;

    opts.seed = 7 + k;
    c = skc_fit_initial (target, 2, taps, &opts);
    losses[k] = skc_fit_optimise (c, target, &opts);
    if (losses[k] < losses[argbest])
      argbest = k;
  }
  opts.seed = 7;
  opts.restarts = 4;
  best = skc_fit_complex (target, 2, taps, &opts);
  best_loss = skc_fit_loss_grad (best, target, opts.loss, 0, NULL);
  g_test_message ("seeds 7–10: %g %g %g %g; best of 4: %g", losses[0], losses[1], losses[2], losses[3], best_loss);
  g_assert_cmpfloat (best_loss, ==, losses[argbest]);
  g_assert_true (losses[0] != losses[1] || losses[1] != losses[2]);   /* the seeds differ */
}

/* Relative standard deviation of an impulse response over the pixels
 * nearer than r to the centre. */
static gdouble
interior_deviation (const SkcComplex *c, gdouble r, guint *count)
{
  g_autoptr (SkcRaster) k = skc_complex_impulse_response (c);
  gdouble sum = 0, sum2 = 0;
  guint n = 0;

  for (gint y = 0; y < k->height; y++)
    for (gint x = 0; x < k->width; x++)
      if (hypot (x - k->cx, y - k->cy) < r) {
        gdouble v = *skc_raster_at (k, x, y);

        sum += v;
        sum2 += v * v;
        n++;
      }
  *count = n;
  return sqrt (MAX (sum2 / n - (sum / n) * (sum / n), 0)) / (sum / n);
}

/* The lattice start is the shape sampled every d and box-filtered by d: on a
 * large flat disc its impulse response is nearly flat well inside the disc
 * (the 2 × 2 layers of half-width d/4, d/8, d/16 tile each cell; what is
 * left is the ripple of bilinear splats d/8 apart), where Poisson-disk darts
 * leave holes and clumps. */
static void
test_lattice_init (void)
{
  const guint taps[4] = { 60, 4, 4, 4 };
  const gdouble R = 20;
  g_autoptr (SkcRaster) target = disc (R);
  g_autoptr (SkcComplex) c = NULL, poisson = NULL;
  SkcFitOptions opts;
  gdouble d, half, dev_lattice, dev_poisson;
  guint n;

  skc_fit_options_init (&opts);
  poisson = skc_fit_initial (target, 4, taps, &opts);
  opts.lattice_init = TRUE;
  c = skc_fit_initial (target, 4, taps, &opts);
  /* The 4-tap layers: a 2 × 2 grid each, half-widths halving. */
  half = fabs (c->layers[1].taps[0].dx);
  d = 4 * half;
  for (guint l = 1; l < 4; l++, half /= 2)
    for (guint i = 0; i < 4; i++) {
      g_assert_cmpfloat_with_epsilon (fabs (c->layers[l].taps[i].dx), half, 1e-9);
      g_assert_cmpfloat_with_epsilon (fabs (c->layers[l].taps[i].dy), half, 1e-9);
    }
  /* Layer 0 on a lattice of spacing d: every difference a multiple of d. */
  for (guint i = 1; i < taps[0]; i++) {
    gdouble ex = (c->layers[0].taps[i].dx - c->layers[0].taps[0].dx) / d;
    gdouble ey = (c->layers[0].taps[i].dy - c->layers[0].taps[0].dy) / d;

    g_assert_cmpfloat_with_epsilon (ex, round (ex), 1e-9);
    g_assert_cmpfloat_with_epsilon (ey, round (ey), 1e-9);
  }
  dev_lattice = interior_deviation (c, R - 1.5 * d, &n);
  dev_poisson = interior_deviation (poisson, R - 1.5 * d, &n);
  g_test_message ("d = %.2f px; interior (%u pixels) relative deviation: lattice %.4f, Poisson %.4f",
      d, n, dev_lattice, dev_poisson);
  g_assert_cmpuint (n, >, 300);
  g_assert_cmpfloat (dev_lattice, <, 0.06);
  g_assert_cmpfloat (dev_lattice, <, 0.5 * dev_poisson);
}

/* Per-layer offset units: with 84 + 4 + 4 + 4 taps on a disc of radius 32,
 * one offset unit for all layers throws the small layers about (measured
 * 12.9 dB); their own units let them fill between the samples. */
static void
test_layer_units (void)
{
  const guint taps[4] = { 84, 4, 4, 4 };
  g_autoptr (SkcRaster) target = disc (32);
  g_autoptr (SkcComplex) a = NULL, b = NULL;
  SkcFitOptions opts;
  gdouble global, own;

  skc_fit_options_init (&opts);
  opts.steps = 300;
  opts.layer_units = FALSE;
  a = skc_fit_complex (target, 4, taps, &opts);
  opts.layer_units = TRUE;
  b = skc_fit_complex (target, 4, taps, &opts);
  global = kernel_psnr (a, target);
  own = kernel_psnr (b, target);
  g_test_message ("disc r=32, 84+4+4+4, 300 steps: %.2f dB global units, %.2f dB layer units", global, own);
  g_assert_cmpfloat (own, >, global + 3);
}

/* Snapping layer 0 alone: its offsets integral, the others still free and
 * fractional, the DC gain kept. */
/* A quick 3-layer fit of a 7 px disc, for the snapping tests. */
static SkcComplex *
quick_fit (const guint *taps, const SkcRaster *target, SkcFitOptions *opts)
{
  skc_fit_options_init (opts);
  opts->steps = 100;
  return skc_fit_complex (target, 3, taps, opts);
}

static void
test_snap_first_layer (void)
{
  const guint taps[3] = { 16, 4, 4 };
  g_autoptr (SkcRaster) target = disc (7);
  g_autoptr (SkcComplex) c = NULL;
  SkcFitOptions opts;
  gboolean fractional = FALSE;
  SkcComplex *before;

  c = quick_fit (taps, target, &opts);
  before = skc_complex_copy (c);
  skc_fit_snap_layers (c, target, &opts, 1);
  for (guint i = 0; i < taps[0]; i++) {
    g_assert_cmpfloat (c->layers[0].taps[i].dx, ==, round (before->layers[0].taps[i].dx));
    g_assert_cmpfloat (c->layers[0].taps[i].dy, ==, round (before->layers[0].taps[i].dy));
  }
  for (guint l = 1; l < 3; l++)
    for (guint i = 0; i < taps[l]; i++)
      fractional |= c->layers[l].taps[i].dx != round (c->layers[l].taps[i].dx) ||
          c->layers[l].taps[i].dx != before->layers[l].taps[i].dx;
  g_assert_true (fractional);
  g_assert_cmpfloat_with_epsilon (skc_complex_dc_gain (c), 1.0, 1e-12);
  skc_complex_free (before);
}

static SkcRaster *
disc_target (gdouble p, gpointer user_data, GError **error)
{
  return disc (p);
}

static gdouble
blend_psnr (const SkcFamily *f, gdouble p)
{
  g_autoptr (SkcComplex) mid = skc_complex_copy (f->members[0]);
  g_autoptr (SkcRaster) t = disc (p);

  skc_family_eval (f, p, mid);
  return kernel_psnr (mid, t);
}

static void
test_family_corresponds (void)
{
  const guint taps[2] = { 8, 6 };
  const gdouble values[3] = { 3, 4, 5 };
  SkcFitOptions opts;
  g_autoptr (SkcFamily) plain = NULL, refined = NULL;
  g_autoptr (SkcRaster) t4 = disc (4);
  g_autoptr (GError) error = NULL;
  gdouble before, after;

  skc_fit_options_init (&opts);
  opts.steps = 150;
  opts.family_refine_steps = 0;
  plain = skc_fit_family ("disc", "radius", 3, values, disc_target, NULL, 2, taps, &opts, &error);
  g_assert_no_error (error);
  g_assert_true (skc_family_validate (plain, NULL));
  /* Members are ordinary fits; member 1 was warm-started from member 0 or 2. */
  g_assert_cmpfloat (kernel_psnr (plain->members[1], t4), >, 14);
  opts.family_refine_steps = 150;
  refined = skc_fit_family ("disc", "radius", 3, values, disc_target, NULL, 2, taps, &opts, &error);
  g_assert_no_error (error);
  before = MIN (blend_psnr (plain, 3.5), blend_psnr (plain, 4.5));
  after = MIN (blend_psnr (refined, 3.5), blend_psnr (refined, 4.5));
  g_test_message ("worst half-way blend: %.2f dB sequential, %.2f dB after joint refinement", before, after);
  /* The joint refinement exists to make half-way blends good. */
  g_assert_cmpfloat (after, >, before + 1);
}

/* The low-pass term must do what it is for: leave less low-frequency
 * residual (what a photo sees) than the plain loss does. */
static void
test_lowpass_term (void)
{
  const guint taps[3] = { 24, 4, 4 };
  g_autoptr (SkcRaster) target = disc (10);
  g_autoptr (SkcComplex) plain = NULL, lowpass = NULL;
  SkcFitOptions opts, probe;
  gdouble lf_plain, lf_lowpass;

  skc_fit_options_init (&opts);
  opts.steps = 300;
  plain = skc_fit_complex (target, 3, taps, &opts);
  opts.lowpass_sigma = 2;
  opts.lowpass_weight = 100;
  lowpass = skc_fit_complex (target, 3, taps, &opts);
  /* Σ (B₂ ∗ (K − T))², read off as the difference of the two losses. */
  probe = opts;
  lf_plain = skc_fit_loss_grad_opts (plain, target, &probe, NULL) - skc_fit_loss_grad (plain, target, SKC_LOSS_L2, 0, NULL);
  lf_lowpass = skc_fit_loss_grad_opts (lowpass, target, &probe, NULL) -
      skc_fit_loss_grad (lowpass, target, SKC_LOSS_L2, 0, NULL);
  g_test_message ("low-frequency residual %.3g plain, %.3g with the term; kernel PSNR %.2f / %.2f dB",
      lf_plain, lf_lowpass, kernel_psnr (plain, target), kernel_psnr (lowpass, target));
  g_assert_cmpfloat (lf_lowpass, <, 0.75 * lf_plain);   /* measured 0.58 */
  /* It is a trade, not a ruin: the kernel stays within a few dB. */
  g_assert_cmpfloat (kernel_psnr (lowpass, target), >, kernel_psnr (plain, target) - 5);
}

/* Rows snapped: layer 0's dy sit on whole rows where rounding put them, its
 * dx stay free and move; the fixed path then needs ≤ 2 integer taps a tap. */
static void
test_snap_rows (void)
{
  const guint taps[3] = { 16, 4, 4 };
  g_autoptr (SkcRaster) target = disc (7);
  g_autoptr (SkcComplex) c = NULL, before = NULL;
  g_autoptr (SkcFixedKernel) k = NULL;
  SkcFitOptions opts;
  guint moved = 0;

  c = quick_fit (taps, target, &opts);
  before = skc_complex_copy (c);
  skc_fit_snap_rows (c, target, &opts, 1);
  for (guint i = 0; i < taps[0]; i++) {
    g_assert_cmpfloat (c->layers[0].taps[i].dy, ==, round (before->layers[0].taps[i].dy));
    moved += c->layers[0].taps[i].dx != before->layers[0].taps[i].dx;
  }
  g_assert_cmpuint (moved, >, taps[0] / 2);
  g_assert_cmpfloat_with_epsilon (skc_complex_dc_gain (c), 1.0, 1e-12);
  k = skc_fixed_kernel_new (c, NULL);
  g_assert_nonnull (k);
  g_assert_cmpuint (k->n_taps[0], <=, 2 * taps[0]);
  /* The refit recovers most of what rounding the rows cost. */
  g_test_message ("kernel PSNR %.2f dB before, %.2f after", kernel_psnr (before, target), kernel_psnr (c, target));
  g_assert_cmpfloat (kernel_psnr (c, target), >, kernel_psnr (before, target) - 3);
}

static gint
compare_doubles (gconstpointer a, gconstpointer b)
{
  const gdouble *x = a, *y = b;

  return (*x > *y) - (*x < *y);
}

/* Half the columns: the taps nearest a column are snapped and stay there, the
 * others move, rows stay whole, and the expansion costs 1 integer tap for each
 * snapped tap and ≤ 2 for the others. */
static void
test_snap_columns (void)
{
  const guint taps[3] = { 16, 4, 4 };
  g_autoptr (SkcRaster) target = disc (7);
  g_autoptr (SkcComplex) c = NULL, rows = NULL;
  g_autoptr (SkcFixedKernel) k = NULL;
  gdouble nearest[16];
  SkcFitOptions opts;
  guint snapped = 0, moved = 0;

  c = quick_fit (taps, target, &opts);
  skc_fit_snap_rows (c, target, &opts, 1);
  rows = skc_complex_copy (c);
  /* The 8 taps nearest a column, by hand. */
  for (guint i = 0; i < taps[0]; i++)
    nearest[i] = fabs (rows->layers[0].taps[i].dx - round (rows->layers[0].taps[i].dx));
  qsort (nearest, taps[0], sizeof nearest[0], compare_doubles);
  skc_fit_snap_columns (c, target, &opts, 1, 0.5);
  for (guint i = 0; i < taps[0]; i++) {
    const SkcTap *was = &rows->layers[0].taps[i], *now = &c->layers[0].taps[i];
    gboolean near = fabs (was->dx - round (was->dx)) <= nearest[taps[0] / 2 - 1];

    g_assert_cmpfloat (now->dy, ==, was->dy);
    if (near) {
      g_assert_cmpfloat (now->dx, ==, round (was->dx));
      snapped++;
    } else {
      moved += now->dx != was->dx;
    }
  }
  g_assert_cmpuint (snapped, ==, taps[0] / 2);
  g_assert_cmpuint (moved, >, taps[0] / 4);
  g_assert_cmpfloat_with_epsilon (skc_complex_dc_gain (c), 1.0, 1e-12);
  k = skc_fixed_kernel_new (c, NULL);
  g_assert_nonnull (k);
  g_assert_cmpuint (k->n_taps[0], <=, taps[0] / 2 + 2 * (taps[0] / 2));
  g_test_message ("kernel PSNR %.2f dB rows snapped, %.2f with half the columns", kernel_psnr (rows, target),
      kernel_psnr (c, target));
  g_assert_cmpfloat (kernel_psnr (c, target), >, kernel_psnr (rows, target) - 3);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/fit/improves-and-keeps-dc", test_improves_and_keeps_dc);
  g_test_add_func ("/fit/deterministic", test_deterministic);
  g_test_add_func ("/fit/initial-layout", test_initial_layout);
  g_test_add_func ("/fit/snap-integer-offsets", test_snap_integer_offsets);
  g_test_add_func ("/fit/family-corresponds", test_family_corresponds);
  g_test_add_func ("/fit/restarts", test_restarts);
  g_test_add_func ("/fit/lowpass-term", test_lowpass_term);
  g_test_add_func ("/fit/lattice-init", test_lattice_init);
  g_test_add_func ("/fit/layer-units", test_layer_units);
  g_test_add_func ("/fit/snap-first-layer", test_snap_first_layer);
  g_test_add_func ("/fit/snap-rows", test_snap_rows);
  g_test_add_func ("/fit/snap-columns", test_snap_columns);
  return g_test_run ();
}
