/* libskc — loss of a complex's impulse response and its analytic gradient.
 *
 * With layer rasters R_1..R_L (taps splatted at −o) the impulse response is
 * K = P_L, P_l = P_{l−1} ∗ R_l, P_0 = δ.  For a loss with pixel gradient
 * G = ∂loss/∂K, the gradient image of layer l is
 *     ∂loss/∂R_l(p) = Σ_y P_{l−1}(y) · C_l(p + y),
 * where C_L = G and C_{l−1}(z) = Σ_q R_l(q) · C_l(z + q): the correlation of
 * G with the convolution of all later layers, built backwards.  Each step is a
 * dense raster against a sparse one (≤ 4·N_l non-zeros), so one loss and
 * gradient costs O(L · N · |K|).  A tap's own derivatives follow from the
 * bilinear splat weights: ∂/∂w is the bilinear sample of the gradient image
 * at the tap, ∂/∂o its bilinear derivative (negated: the tap sits at −o).
 * See docs/ARCHITECTURE.md §1 (the model) and §2 (fitting).
 */
#include "skc-fit.h"
#include "skc-fit-private.h"
#include "skc-impulse.h"
#include "skc-halved.h"

#include <math.h>

static inline gdouble
loss_value (SkcLoss loss, gdouble d, gdouble eps)
{
  return loss == SKC_LOSS_L2 ? d * d : sqrt (d * d + eps * eps);
}

static inline gdouble
loss_derivative (SkcLoss loss, gdouble d, gdouble eps)
{
  return loss == SKC_LOSS_L2 ? 2 * d : d / sqrt (d * d + eps * eps);
}

/* C_{l−1} on the frame of P_{l−1} from C_l (frame of P_l = P_{l−1} ⊕ R_l). */
static SkcRaster *
correlate_back (const SkcRaster *c_next, const SkcRaster *prev_frame, const SkcRaster *layer)
{
  SkcRaster *out = skc_raster_new (prev_frame->width, prev_frame->height,
      prev_frame->cx, prev_frame->cy);

  for (gint qy = 0; qy < layer->height; qy++) {
    for (gint qx = 0; qx < layer->width; qx++) {
      gdouble v = *skc_raster_at (layer, qx, qy);

      if (v == 0.0)
        continue;
      for (gint zy = 0; zy < out->height; zy++) {
        const gdouble *src = skc_raster_at (c_next, qx, zy + qy);
        gdouble *dst = skc_raster_at (out, 0, zy);

        for (gint zx = 0; zx < out->width; zx++)
          dst[zx] += v * src[zx];
      }
    }
  }
  return out;
}

/* ∂loss/∂R_l at raster index (qx, qy) of the layer's raster. */
static gdouble
layer_gradient_at (const SkcRaster *prefix, const SkcRaster *c_l, gint qx, gint qy)
{
  gdouble s = 0;

  for (gint yy = 0; yy < prefix->height; yy++) {
    const gdouble *p = skc_raster_at (prefix, 0, yy);
    const gdouble *c = skc_raster_at (c_l, qx, yy + qy);

    for (gint yx = 0; yx < prefix->width; yx++)
      s += p[yx] * c[yx];
  }
  return s;
}

static void
tap_gradient (const SkcTap *tap, const SkcRaster *layer, const SkcRaster *prefix,
    const SkcRaster *c_l, gdouble *g)
{
  gdouble px = -tap->dx, py = -tap->dy;
  gdouble fx0 = floor (px), fy0 = floor (py);
  gdouble fx = px - fx0, fy = py - fy0;
  gint x0 = (gint) fx0 + layer->cx, y0 = (gint) fy0 + layer->cy;
  gdouble a[4];

  for (gint k = 0; k < 4; k++)
    a[k] = layer_gradient_at (prefix, c_l, x0 + (k & 1), y0 + (k >> 1));

  /* Splat weights (1−fx)(1−fy), fx(1−fy), (1−fx)fy, fx·fy at the 4 corners. */
  g[2] = (1 - fx) * (1 - fy) * a[0] + fx * (1 - fy) * a[1] + (1 - fx) * fy * a[2] + fx * fy * a[3];
  /* ∂/∂dx = −∂/∂px, ∂/∂dy = −∂/∂py. */
  g[0] = -tap->w * ((1 - fy) * (a[1] - a[0]) + fy * (a[3] - a[2]));
  g[1] = -tap->w * ((1 - fx) * (a[2] - a[0]) + fx * (a[3] - a[1]));
}

/* halved: the loss is taken on Ā, the 4-phase mean of the complex run at
 * half resolution (skc-halved.h), which is linear in the half PSF: its
 * gradient goes back through the adjoint, and the chain below is unchanged. */
static gdouble
loss_grad (const SkcComplex *c, const SkcRaster *target, SkcLoss loss, gdouble eps,
    gdouble lowpass_sigma, gdouble lowpass_weight, gboolean halved, gdouble *grad)
{
  guint L = c->n_layers;
  SkcRaster **layers = g_new0 (SkcRaster *, L);
  SkcRaster **prefix = g_new0 (SkcRaster *, L + 1);   /* prefix[l] = P_l */
  SkcRaster *K, *G, *c_l, *full = NULL;
  gdouble total = 0;
  guint tap_index;

  g_return_val_if_fail (skc_complex_n_branches (c) == 1, NAN);

  prefix[0] = skc_raster_new (1, 1, 0, 0);
  prefix[0]->data[0] = 1.0;
  for (guint l = 0; l < L; l++) {
    layers[l] = skc_layer_raster (&c->layers[l]);
    prefix[l + 1] = skc_raster_convolve (prefix[l], layers[l]);
  }
  K = prefix[L];
  if (halved)
    K = full = skc_halved_response (prefix[L]);

  /* Loss over the union of K's and the target's frames: the target outside
   * K's frame contributes a constant, K outside the target compares with 0. */
  G = skc_raster_new (K->width, K->height, K->cx, K->cy);
  for (gint y = 0; y < K->height; y++) {
    for (gint x = 0; x < K->width; x++) {
      gdouble d = *skc_raster_at (K, x, y) - skc_raster_get (target, x - K->cx, y - K->cy);

      total += loss_value (loss, d, eps);
      *skc_raster_at (G, x, y) = loss_derivative (loss, d, eps);
    }
  }
  for (gint y = 0; y < target->height; y++) {
    for (gint x = 0; x < target->width; x++) {
      gint kx = x - target->cx + K->cx, ky = y - target->cy + K->cy;

      if (kx < 0 || ky < 0 || kx >= K->width || ky >= K->height)
        total += loss_value (loss, -*skc_raster_at (target, x, y), eps);
    }
  }

  if (lowpass_sigma > 0 && lowpass_weight > 0)
    total += skc_fit_lowpass_term (K, target, lowpass_sigma, lowpass_weight, grad ? G : NULL);

  if (grad) {
    c_l = halved ? skc_halved_response_adjoint (G, prefix[L]) : G;
    if (!halved)
      G = NULL;
    tap_index = skc_complex_total_taps (c);
    for (guint l = L; l-- > 0;) {
      const SkcLayer *layer = &c->layers[l];

      tap_index -= layer->n_taps;
      for (guint i = 0; i < layer->n_taps; i++)
        tap_gradient (&layer->taps[i], layers[l], prefix[l], c_l, grad + 3 * (tap_index + i));
      if (l > 0) {
        SkcRaster *c_prev = correlate_back (c_l, prefix[l], layers[l]);

        skc_raster_free (c_l);
        c_l = c_prev;
      }
    }
    skc_raster_free (c_l);
  }

  skc_raster_free (G);
  skc_raster_free (full);
  for (guint l = 0; l < L; l++)
    skc_raster_free (layers[l]);
  for (guint l = 0; l <= L; l++)
    skc_raster_free (prefix[l]);
  g_free (layers);
  g_free (prefix);
  return total;
}

gdouble
skc_fit_loss_grad (const SkcComplex *c, const SkcRaster *target, SkcLoss loss,
    gdouble eps, gdouble *grad)
{
  return loss_grad (c, target, loss, eps, 0, 0, FALSE, grad);
}

gdouble
skc_fit_loss_grad_opts (const SkcComplex *c, const SkcRaster *target, const SkcFitOptions *opts,
    gdouble *grad)
{
  return loss_grad (c, target, opts->loss, opts->charbonnier_eps * skc_raster_max (target),
      opts->lowpass_sigma, opts->lowpass_weight, opts->halved, grad);
}
