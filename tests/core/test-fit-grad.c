/* The analytic gradient of the fitting loss against central finite
 * differences, on random complexes, for both losses. */
#include "skc.h"

#include <math.h>

static SkcComplex *
random_complex (GRand *rand, guint n_layers, guint n_taps, gdouble reach)
{
  guint taps[8];
  SkcComplex *c;

  for (guint l = 0; l < n_layers; l++)
    taps[l] = n_taps;
  c = skc_complex_new (n_layers, taps);
  for (guint l = 0; l < n_layers; l++) {
    for (guint i = 0; i < n_taps; i++) {
      SkcTap *t = &c->layers[l].taps[i];

      /* Keep clear of integer positions, where the bilinear derivative jumps. */
      do {
        t->dx = g_rand_double_range (rand, -reach, reach);
        t->dy = g_rand_double_range (rand, -reach, reach);
      } while (fabs (t->dx - round (t->dx)) < 0.05 || fabs (t->dy - round (t->dy)) < 0.05);
      t->w = g_rand_double_range (rand, -0.2, 0.8) / n_taps;
    }
  }
  return c;
}

static SkcRaster *
random_target (GRand *rand, gint radius)
{
  SkcRaster *t = skc_raster_new_centred (radius, radius);

  for (gint i = 0; i < t->width * t->height; i++)
    t->data[i] = g_rand_double (rand);
  skc_raster_scale (t, 1.0 / skc_raster_sum (t));
  return t;
}

/* Set by the halved tests: the loss of the complex run at half resolution. */
static gboolean halved_loss;

/* The loss under test: the plain one, or with lowpass_sigma > 0 the
 * fitter's full loss with the low-pass term (L2 base). */
static gdouble
loss_of (const SkcComplex *c, const SkcRaster *target, SkcLoss loss, gdouble eps, gdouble lowpass_sigma,
    gdouble *grad)
{
  SkcFitOptions opts;

  if (lowpass_sigma == 0 && !halved_loss)
    return skc_fit_loss_grad (c, target, loss, eps, grad);
  skc_fit_options_init (&opts);
  opts.halved = halved_loss;
  opts.loss = SKC_LOSS_L2;
  opts.lowpass_sigma = lowpass_sigma;
  opts.lowpass_weight = 30;
  return skc_fit_loss_grad_opts (c, target, &opts, grad);
}

/* offset_step: the finite-difference step of offsets, px. */
static void
check_gradient (SkcLoss loss, gdouble eps, gdouble lowpass_sigma, gdouble offset_step, guint n_layers,
    guint n_taps, guint32 seed)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (seed);
  g_autoptr (SkcComplex) c = random_complex (rand, n_layers, n_taps, 4.0);
  g_autoptr (SkcRaster) target = random_target (rand, 7);
  guint n = skc_complex_total_taps (c);
  g_autofree gdouble *grad = g_new0 (gdouble, 3 * n);
  gdouble max_rel = 0;
  guint flat = 0;

  loss_of (c, target, loss, eps, lowpass_sigma, grad);

  for (guint l = 0, k = 0; l < c->n_layers; l++) {
    for (guint i = 0; i < c->layers[l].n_taps; i++, k++) {
      SkcTap *t = &c->layers[l].taps[i];
      gdouble *params[3] = { &t->dx, &t->dy, &t->w };

      for (guint p = 0; p < 3; p++) {
        gdouble keep = *params[p], h = p < 2 ? offset_step : 1e-7, up, down, fd, err, scale;

        *params[p] = keep + h;
        up = loss_of (c, target, loss, eps, lowpass_sigma, NULL);
        *params[p] = keep - h;
        down = loss_of (c, target, loss, eps, lowpass_sigma, NULL);
        *params[p] = keep;
        fd = (up - down) / (2 * h);
        scale = MAX (fabs (fd), fabs (grad[3 * k + p]));
        if (scale < 1e-12) {
          flat++;
          continue;
        }
        err = fabs (fd - grad[3 * k + p]) / scale;
        max_rel = MAX (max_rel, err);
        if (err >= 1e-4)
          g_test_message ("layer %u tap %u param %u: analytic %.10g, finite difference %.10g",
              l, i, p, grad[3 * k + p], fd);
      }
    }
  }
  g_test_message ("max relative error %.3g over %u parameters (%u flat)", max_rel, 3 * n, flat);
  g_assert_cmpfloat (max_rel, <, 1e-4);
  /* Random taps on a random target: nearly every parameter must matter. */
  g_assert_cmpuint (flat, <, n);
}

static void
test_l2_two_layers (void)
{
  check_gradient (SKC_LOSS_L2, 0, 0, 1e-6, 2, 5, 11);
}

static void
test_l2_four_layers (void)
{
  check_gradient (SKC_LOSS_L2, 0, 0, 1e-6, 4, 6, 12);
}

static void
test_charbonnier (void)
{
  /* ε comparable to the residuals so the loss is genuinely non-quadratic. */
  check_gradient (SKC_LOSS_CHARBONNIER, 1e-3, 0, 1e-6, 3, 6, 13);
}

static void
test_lowpass_gradient (void)
{
  /* The term sums many small squares, so its rounding noise exceeds what an
   * offset step of 1e-6 resolves on the smallest components; 1e-4 stays
   * 500× inside the 0.05 px kept clear of the bilinear kinks. */
  check_gradient (SKC_LOSS_L2, 0, 1.5, 1e-4, 3, 5, 14);
}

/* Run at half resolution: the loss on the 4-phase mean through the adjoint
 * (skc-halved.h), alone and with the low-pass term on the full grid.  The
 * loss spans a wider canvas than the taps' own, so its rounding noise needs
 * the larger offset step, as the low-pass term does. */
static void
test_halved_gradient (void)
{
  halved_loss = TRUE;
  check_gradient (SKC_LOSS_L2, 0, 0, 1e-4, 3, 5, 16);
  check_gradient (SKC_LOSS_L2, 0, 1.5, 1e-4, 2, 5, 17);
  halved_loss = FALSE;
}

/* Its value: Σ (Ā − T)² over the union of both frames, summed here the
 * obvious way from the response's definition. */
static void
test_halved_value (void)
{
  SkcFitOptions opts;
  gdouble expected = 0;
  g_autoptr (GRand) rand = g_rand_new_with_seed (18);
  g_autoptr (SkcComplex) c = random_complex (rand, 2, 4, 3.0);
  g_autoptr (SkcRaster) A = skc_complex_halved_response (c);
  g_autoptr (SkcRaster) target = random_target (rand, 9);

  /* A 41² canvas holds both frames: the half PSF reaches 2·(3 + 1) px, Ā
   * twice that and 2 more. */
  for (gint i = 0; i < 41 * 41; i++) {
    gdouble d = skc_raster_get (A, i % 41 - 20, i / 41 - 20) - skc_raster_get (target, i % 41 - 20, i / 41 - 20);

    expected += d * d;
  }
  skc_fit_options_init (&opts);
  opts.halved = TRUE;
  g_assert_cmpfloat_with_epsilon (skc_fit_loss_grad_opts (c, target, &opts, NULL), expected, 1e-12);
  /* … which the full-resolution loss of the same taps is not. */
  g_assert_cmpfloat (fabs (skc_fit_loss_grad (c, target, SKC_LOSS_L2, 0, NULL) - expected), >, 1e-6);
}

/* The low-pass term's value the slow, obvious way: the residual on a canvas
 * wide enough for everything, blurred by a 2-D Gaussian sum per pixel. */
static void
test_lowpass_value (void)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (15);
  g_autoptr (SkcComplex) c = random_complex (rand, 2, 4, 3.0);
  g_autoptr (SkcRaster) target = random_target (rand, 6);
  g_autoptr (SkcRaster) K = skc_complex_impulse_response (c);
  const gdouble sigma = 1.2, weight = 30;
  const gint half = 24, r = 4;   /* 3σ rounded up, as the fitter truncates */
  SkcFitOptions opts;
  gdouble expected = 0, norm = 0;

  for (gint i = -r; i <= r; i++)
    norm += exp (-0.5 * i * i / (sigma * sigma));
  for (gint py = -half; py <= half; py++)
    for (gint px = -half; px <= half; px++) {
      gdouble b = 0;

      for (gint qy = py - r; qy <= py + r; qy++)
        for (gint qx = px - r; qx <= px + r; qx++) {
          gdouble d = skc_raster_get (K, qx, qy) - skc_raster_get (target, qx, qy);

          b += exp (-0.5 * ((px - qx) * (px - qx) + (py - qy) * (py - qy)) / (sigma * sigma)) / (norm * norm) * d;
        }
      expected += weight * b * b;
    }
  skc_fit_options_init (&opts);
  opts.loss = SKC_LOSS_L2;
  opts.lowpass_sigma = sigma;
  opts.lowpass_weight = weight;
  g_assert_cmpfloat (expected, >, 1e-6);
  g_assert_cmpfloat_with_epsilon (skc_fit_loss_grad_opts (c, target, &opts, NULL) -
      skc_fit_loss_grad (c, target, SKC_LOSS_L2, 0, NULL), expected, 1e-12 + 1e-9 * expected);
}

static void
test_single_layer_hand (void)
{
  /* One tap at gather offset (−0.25, 0): PSF 0.75 at (0,0), 0.25 at (1,0)
   * times w.  Target: δ at (0,0).  L2 loss = (0.75w − 1)² + (0.25w)². */
  guint one = 1;
  g_autoptr (SkcComplex) c = skc_complex_new (1, &one);
  g_autoptr (SkcRaster) target = skc_raster_new_centred (1, 1);
  gdouble g[3], w = 0.9, expected;

  c->layers[0].taps[0] = (SkcTap) { -0.25, 0.0, w };
  *skc_raster_at (target, 1, 1) = 1.0;
  expected = pow (0.75 * w - 1, 2) + pow (0.25 * w, 2);
  g_assert_cmpfloat_with_epsilon (skc_fit_loss_grad (c, target, SKC_LOSS_L2, 0, g), expected, 1e-15);
  /* ∂/∂w = 2(0.75w − 1)·0.75 + 2(0.25w)·0.25 */
  g_assert_cmpfloat_with_epsilon (g[2], 2 * (0.75 * w - 1) * 0.75 + 2 * 0.25 * w * 0.25, 1e-15);
  /* PSF position px = 0.25 = fx: value (1−fx)w at 0, fx·w at 1.
   * ∂/∂fx = 2(0.75w−1)(−w) + 2(0.25w)(w); ∂/∂dx = −∂/∂fx. */
  g_assert_cmpfloat_with_epsilon (g[0], -(2 * (0.75 * w - 1) * (-w) + 2 * 0.25 * w * w), 1e-15);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/fit-grad/hand-computed", test_single_layer_hand);
  g_test_add_func ("/fit-grad/l2/two-layers", test_l2_two_layers);
  g_test_add_func ("/fit-grad/l2/four-layers", test_l2_four_layers);
  g_test_add_func ("/fit-grad/charbonnier", test_charbonnier);
  g_test_add_func ("/fit-grad/halved", test_halved_gradient);
  g_test_add_func ("/fit-grad/halved-value", test_halved_value);
  g_test_add_func ("/fit-grad/lowpass/value", test_lowpass_value);
  g_test_add_func ("/fit-grad/lowpass/gradient", test_lowpass_gradient);
  return g_test_run ();
}
