/* The references checked by hand-computed cases, by slow per-pixel sums
 * written here, by identities (linearity, shifts) and against each other:
 * the dense convolution with a complex's impulse response must equal running
 * the complex's layers, away from the borders. */
#include "skc.h"
#include "test-images.h"

#include <math.h>

static gsize
n_samples (const SkcImage *img)
{
  return (gsize) img->width * img->height * img->channels;
}

static void
assert_images_close (const SkcImage *a, const SkcImage *b, gdouble tol)
{
  g_assert_nonnull (a);
  g_assert_nonnull (b);
  g_assert_cmpint (a->width, ==, b->width);
  g_assert_cmpint (a->height, ==, b->height);
  g_assert_cmpint (a->channels, ==, b->channels);
  for (gsize i = 0; i < n_samples (a); i++)
    if (tol == 0)
      g_assert_cmpfloat (a->data[i], ==, b->data[i]);
    else
      g_assert_cmpfloat_with_epsilon (a->data[i], b->data[i], tol);
}

/* Sample of channel c at (x, y) with clamp-to-edge, written independently of
 * skc_image_get_clamped. */
static gdouble
pixel (const SkcImage *img, gint x, gint y, gint c)
{
  x = x < 0 ? 0 : x >= img->width ? img->width - 1 : x;
  y = y < 0 ? 0 : y >= img->height ? img->height - 1 : y;
  return img->data[((gsize) y * img->width + x) * img->channels + c];
}

/* out(x) = Σ_k psf(k) · in(clamp(x − k)), one output sample at a time. */
static SkcImage *
naive_convolve (const SkcImage *src, const SkcRaster *psf)
{
  SkcImage *out = skc_image_new (src->width, src->height, src->channels);

  for (gint y = 0; y < src->height; y++)
    for (gint x = 0; x < src->width; x++)
      for (gint c = 0; c < src->channels; c++) {
        gdouble s = 0;

        for (gint ky = -psf->cy; ky < psf->height - psf->cy; ky++)
          for (gint kx = -psf->cx; kx < psf->width - psf->cx; kx++)
            s += skc_raster_get (psf, kx, ky) * pixel (src, x - kx, y - ky, c);
        skc_image_at (out, x, y)[c] = s;
      }
  return out;
}

/* ---- SkcImage ------------------------------------------------------------- */

static void
test_image_new (void)
{
  g_autoptr (SkcImage) img = skc_image_new (3, 2, 4);
  g_autoptr (SkcImage) copy = NULL;

  g_assert_nonnull (img);
  for (gsize i = 0; i < 24; i++)
    g_assert_cmpfloat (img->data[i], ==, 0.0);
  g_assert_null (skc_image_new (0, 2, 1));
  g_assert_null (skc_image_new (2, -1, 1));
  g_assert_null (skc_image_new (2, 2, 0));
  g_assert_null (skc_image_new (2, 2, 5));
  /* G_MAXINT² × 4 doubles cannot be counted in bytes by a 64-bit gsize. */
  g_assert_null (skc_image_new (G_MAXINT, G_MAXINT, 4));
  img->data[7] = 0.5;
  copy = skc_image_copy (img);
  g_assert_true (copy->data != img->data);
  assert_images_close (copy, img, 0);
}

static void
test_image_bilerp (void)
{
  g_autoptr (SkcImage) img = skc_image_new (3, 2, 2);

  for (gint i = 0; i < 12; i++)
    img->data[i] = i;   /* channel 0: rows 0 2 4 / 6 8 10; channel 1 = channel 0 + 1 */
  g_assert_cmpfloat (skc_image_get_clamped (img, -4, 9, 1), ==, 7);
  g_assert_cmpfloat (skc_image_get_clamped (img, 5, -1, 0), ==, 4);
  g_assert_cmpfloat (skc_image_bilerp (img, 1, 1, 0), ==, 8);
  /* (0.25, 0.5): 0.5·(0.75·0 + 0.25·2) + 0.5·(0.75·6 + 0.25·8) = 3.5. */
  g_assert_cmpfloat (skc_image_bilerp (img, 0.25, 0.5, 0), ==, 3.5);
  g_assert_cmpfloat (skc_image_bilerp (img, 0.25, 0.5, 1), ==, 4.5);
  /* Outside: the edge row/column, blended along the other axis. */
  g_assert_cmpfloat (skc_image_bilerp (img, 1.5, -3.7, 0), ==, 3);
  g_assert_cmpfloat (skc_image_bilerp (img, 2.5, 0.5, 0), ==, 7);
  g_assert_cmpfloat (skc_image_bilerp (img, 1e300, -INFINITY, 0), ==, 4);
  g_assert_cmpfloat (skc_image_bilerp (img, -INFINITY, INFINITY, 1), ==, 7);
  g_assert_true (isnan (skc_image_bilerp (img, NAN, 0, 0)));
}

/* ---- dense convolution ---------------------------------------------------- */

static void
test_shift (void)
{
  g_autoptr (SkcImage) img = test_random_image (9, 7, 2, 1);
  g_autoptr (SkcRaster) psf = skc_raster_new_centred (3, 3);
  g_autoptr (SkcImage) out = NULL;

  /* PSF at displacement (2, −1): light moves right 2, up 1, so
   * out(x, y) = in(clamp(x − 2), clamp(y + 1)). */
  *skc_raster_at (psf, 3 + 2, 3 - 1) = 1;
  out = skc_reference_convolve (img, psf);
  for (gint y = 0; y < 7; y++)
    for (gint x = 0; x < 9; x++)
      for (gint c = 0; c < 2; c++)
        g_assert_cmpfloat (skc_image_at (out, x, y)[c], ==, pixel (img, x - 2, y + 1, c));
}

static void
test_hand_3x3 (void)
{
  /* in(x, y) = 1 + x + 3y; PSF: 0.5 at (+1, 0), 0.25 at (0, +1), 0.25 at
   * (−1, −1), so out = 0.5·in(x−1, y) + 0.25·in(x, y−1) + 0.25·in(x+1, y+1),
   * worked out by hand with clamped coordinates. */
  const gdouble expected[9] = { 2.0, 2.5, 3.25, 4.25, 4.75, 5.5, 6.5, 7.0, 7.75 };
  g_autoptr (SkcImage) img = skc_image_new (3, 3, 1);
  g_autoptr (SkcRaster) psf = skc_raster_new_centred (1, 1);
  g_autoptr (SkcImage) out = NULL;

  for (gint i = 0; i < 9; i++)
    img->data[i] = 1 + i;
  *skc_raster_at (psf, 2, 1) = 0.5;
  *skc_raster_at (psf, 1, 2) = 0.25;
  *skc_raster_at (psf, 0, 0) = 0.25;
  out = skc_reference_convolve (img, psf);
  for (gint i = 0; i < 9; i++)
    g_assert_cmpfloat (out->data[i], ==, expected[i]);
}

static void
test_matches_naive (void)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (11);
  /* An off-centre PSF wider than the image: displacements −2..10 in x. */
  g_autoptr (SkcRaster) wide = skc_raster_new (13, 3, 2, 1);
  g_autoptr (SkcRaster) box = skc_raster_new_centred (5, 5);
  g_autoptr (SkcImage) small = test_random_image (7, 5, 3, 12);
  /* Large enough for the rows to be split over threads. */
  g_autoptr (SkcImage) big = test_random_image (200, 150, 3, 13);
  g_autoptr (SkcImage) a = NULL, b = NULL, c = NULL, d = NULL;

  for (gint i = 0; i < 39; i++)
    wide->data[i] = i % 4 == 1 ? 0 : g_rand_double_range (rand, -1, 1);
  for (gint i = 0; i < 121; i++)
    box->data[i] = g_rand_double_range (rand, -0.5, 1);
  a = skc_reference_convolve (small, wide);
  b = naive_convolve (small, wide);
  assert_images_close (a, b, 1e-13);
  c = skc_reference_convolve (big, box);
  d = naive_convolve (big, box);
  assert_images_close (c, d, 1e-12);
}

static void
test_linear (void)
{
  g_autoptr (SkcImage) f = test_random_image (16, 11, 2, 20), g = test_random_image (16, 11, 2, 21);
  g_autoptr (SkcImage) mix = skc_image_new (16, 11, 2);
  g_autoptr (SkcRaster) p = skc_raster_new_centred (2, 3), q = skc_raster_new_centred (2, 3);
  g_autoptr (SkcRaster) pq = skc_raster_new_centred (2, 3);
  g_autoptr (GRand) rand = g_rand_new_with_seed (22);
  g_autoptr (SkcImage) cf = NULL, cg = NULL, cmix = NULL, fp = NULL, fq = NULL, fpq = NULL;

  for (gint i = 0; i < 35; i++) {
    p->data[i] = g_rand_double_range (rand, -1, 1);
    q->data[i] = g_rand_double_range (rand, -1, 1);
    pq->data[i] = p->data[i] + q->data[i];
  }
  for (gsize i = 0; i < n_samples (mix); i++)
    mix->data[i] = 2.5 * f->data[i] - 0.75 * g->data[i];
  cf = skc_reference_convolve (f, p);
  cg = skc_reference_convolve (g, p);
  cmix = skc_reference_convolve (mix, p);
  for (gsize i = 0; i < n_samples (mix); i++)
    g_assert_cmpfloat_with_epsilon (cmix->data[i], 2.5 * cf->data[i] - 0.75 * cg->data[i], 1e-12);
  /* Linear in the kernel too. */
  fp = skc_reference_convolve (f, p);
  fq = skc_reference_convolve (f, q);
  fpq = skc_reference_convolve (f, pq);
  for (gsize i = 0; i < n_samples (f); i++)
    g_assert_cmpfloat_with_epsilon (fpq->data[i], fp->data[i] + fq->data[i], 1e-12);
}

static void
test_constant_preserved (void)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (23);
  g_autoptr (SkcImage) img = skc_image_new (20, 10, 3);
  g_autoptr (SkcRaster) psf = skc_raster_new_centred (4, 6);
  g_autoptr (SkcImage) out = NULL;
  gdouble sum = 0;

  for (gsize i = 0; i < n_samples (img); i++)
    img->data[i] = 0.1 * (i % 3) + 0.3;
  for (gint i = 0; i < 9 * 13; i++)
    sum += psf->data[i] = g_rand_double (rand);
  skc_raster_scale (psf, 1 / sum);
  out = skc_reference_convolve (img, psf);
  for (gsize i = 0; i < n_samples (img); i++)
    g_assert_cmpfloat_with_epsilon (out->data[i], img->data[i], 1e-14);
}

/* ---- complexes ------------------------------------------------------------ */

static void
test_complex_taps (void)
{
  const guint one = 1;
  g_autoptr (SkcImage) img = test_random_image (8, 6, 2, 2);
  g_autoptr (SkcComplex) c = skc_complex_new (1, &one);
  g_autoptr (SkcImage) out = NULL;

  /* A gather tap at (3, 0) reads 3 to the right: a shift by −3. */
  c->layers[0].taps[0] = (SkcTap) { 3, 0, 1 };
  out = skc_reference_filter_complex (img, c);
  for (gint y = 0; y < 6; y++)
    for (gint x = 0; x < 8; x++)
      for (gint ch = 0; ch < 2; ch++)
        g_assert_cmpfloat (skc_image_at (out, x, y)[ch], ==, pixel (img, x + 3, y, ch));
  skc_image_free (out);

  /* Tap (0.25, −0.5), weight 2, at pixel (4, 3): reads (4.25, 2.5). */
  c->layers[0].taps[0] = (SkcTap) { 0.25, -0.5, 2 };
  out = skc_reference_filter_complex (img, c);
  for (gint ch = 0; ch < 2; ch++) {
    gdouble expected = 2 * (0.5 * (0.75 * pixel (img, 4, 2, ch) + 0.25 * pixel (img, 5, 2, ch)) +
        0.5 * (0.75 * pixel (img, 4, 3, ch) + 0.25 * pixel (img, 5, 3, ch)));

    g_assert_cmpfloat_with_epsilon (skc_image_at (out, 4, 3)[ch], expected, 1e-15);
  }
  /* At the top-left corner (0.25, −0.5) clamps to row 0. */
  for (gint ch = 0; ch < 2; ch++)
    g_assert_cmpfloat_with_epsilon (skc_image_at (out, 0, 0)[ch],
        2 * (0.75 * pixel (img, 0, 0, ch) + 0.25 * pixel (img, 1, 0, ch)), 1e-15);
}

/* Pixels at which no layer but the first reads an intermediate image outside
 * the frame: each later layer's bilinear footprint reaches ⌊max |o|⌋ + 1. */
static void
cascade_margin (const SkcComplex *c, gint *mx, gint *my)
{
  *mx = *my = 0;
  for (guint l = 1; l < c->n_layers; l++) {
    gdouble ax = 0, ay = 0;

    for (guint i = 0; i < c->layers[l].n_taps; i++) {
      ax = MAX (ax, fabs (c->layers[l].taps[i].dx));
      ay = MAX (ay, fabs (c->layers[l].taps[i].dy));
    }
    *mx += (gint) floor (ax) + 1;
    *my += (gint) floor (ay) + 1;
  }
}

static void
check_complex_vs_dense (guint n_layers, guint32 seed)
{
  const gint W = 44, H = 36, C = 3;
  guint taps[3];
  g_autoptr (GRand) rand = g_rand_new_with_seed (seed);
  g_autoptr (SkcImage) img = test_random_image (W, H, C, seed + 100);
  g_autoptr (SkcComplex) c = NULL;
  g_autoptr (SkcRaster) k = NULL;
  g_autoptr (SkcImage) a = NULL, b = NULL;
  gint mx, my, checked = 0;

  for (guint l = 0; l < n_layers; l++)
    taps[l] = g_rand_int_range (rand, 3, 7);
  c = skc_complex_new (n_layers, taps);
  for (guint l = 0; l < n_layers; l++)
    for (guint i = 0; i < taps[l]; i++)
      c->layers[l].taps[i] = (SkcTap) { g_rand_double_range (rand, -3, 3),
        g_rand_double_range (rand, -3, 3), g_rand_double_range (rand, -0.3, 0.6) };
  k = skc_complex_impulse_response (c);
  a = skc_reference_filter_complex (img, c);
  b = skc_reference_convolve (img, k);
  cascade_margin (c, &mx, &my);
  for (gint y = my; y < H - my; y++)
    for (gint x = mx; x < W - mx; x++)
      for (gint ch = 0; ch < C; ch++, checked++)
        g_assert_cmpfloat_with_epsilon (skc_image_at (a, x, y)[ch], skc_image_at (b, x, y)[ch], 1e-9);
  g_assert_cmpint (checked, >=, 100);
}

static void
test_complex_equals_dense_impulse (void)
{
  for (guint32 seed = 1; seed <= 4; seed++) {
    check_complex_vs_dense (2, seed);
    check_complex_vs_dense (3, seed + 10);
  }
}

/* Gather with one layer, written out here with its own bilinear weights. */
static gdouble
naive_gather (const SkcImage *img, const SkcLayer *layer, gint x, gint y, gint c)
{
  gdouble s = 0;

  for (guint i = 0; i < layer->n_taps; i++) {
    gdouble px = x + layer->taps[i].dx, py = y + layer->taps[i].dy;
    gint x0 = (gint) floor (px), y0 = (gint) floor (py);
    gdouble fx = px - x0, fy = py - y0;

    s += layer->taps[i].w * ((1 - fx) * (1 - fy) * pixel (img, x0, y0, c) +
        fx * (1 - fy) * pixel (img, x0 + 1, y0, c) + (1 - fx) * fy * pixel (img, x0, y0 + 1, c) +
        fx * fy * pixel (img, x0 + 1, y0 + 1, c));
  }
  return s;
}

static void
test_layer_matches_naive (void)
{
  const guint n = 20;
  g_autoptr (GRand) rand = g_rand_new_with_seed (30);
  /* 200 × 150 × 3 with 20 taps is split over threads. */
  g_autoptr (SkcImage) img = test_random_image (200, 150, 3, 31);
  g_autoptr (SkcComplex) c = skc_complex_new (1, &n);
  g_autoptr (SkcImage) out = NULL;

  for (guint i = 0; i < n; i++)
    c->layers[0].taps[i] = (SkcTap) { g_rand_double_range (rand, -7, 7),
      g_rand_double_range (rand, -7, 7), g_rand_double_range (rand, -1, 1) };
  out = skc_reference_filter_complex (img, c);
  for (gint y = 0; y < 150; y++)
    for (gint x = 0; x < 200; x++)
      for (gint ch = 0; ch < 3; ch++)
        g_assert_cmpfloat_with_epsilon (skc_image_at (out, x, y)[ch],
            naive_gather (img, &c->layers[0], x, y, ch), 1e-12);
}

static void
test_branches_add (void)
{
  const guint taps[3] = { 2, 2, 3 };
  g_autoptr (SkcImage) img = test_random_image (12, 12, 2, 4);
  g_autoptr (SkcComplex) both = skc_complex_new (3, taps);
  g_autoptr (SkcComplex) first = skc_complex_new (1, taps);
  g_autoptr (SkcComplex) second = skc_complex_new (2, taps + 1);
  g_autoptr (SkcImage) ab = NULL, a = NULL, b = NULL;

  both->layers[0].taps[0] = first->layers[0].taps[0] = (SkcTap) { 1.5, 0, 0.5 };
  both->layers[0].taps[1] = first->layers[0].taps[1] = (SkcTap) { 0, 0, 0.5 };
  both->layers[1].taps[0] = second->layers[0].taps[0] = (SkcTap) { 0, -2, 1 };
  both->layers[1].taps[1] = second->layers[0].taps[1] = (SkcTap) { 0.5, 0.5, -0.25 };
  both->layers[2].taps[0] = second->layers[1].taps[0] = (SkcTap) { -1.25, 0.75, 0.6 };
  both->layers[2].taps[1] = second->layers[1].taps[1] = (SkcTap) { 2, 0, 0.3 };
  both->layers[2].taps[2] = second->layers[1].taps[2] = (SkcTap) { 0, 1, 0.1 };
  /* Branch 0: layer 0 alone; branch 1: layers 1 → 2 in cascade. */
  both->layers[1].branch = both->layers[2].branch = 1;
  ab = skc_reference_filter_complex (img, both);
  a = skc_reference_filter_complex (img, first);
  b = skc_reference_filter_complex (img, second);
  for (gsize i = 0; i < n_samples (img); i++)
    g_assert_cmpfloat_with_epsilon (ab->data[i], a->data[i] + b->data[i], 1e-15);
}

/* ---- spatially varying ------------------------------------------------------ */

typedef struct {
  guint calls;
} Counter;

/* A (2r+1)² PSF, r = |p|, with a tilt so that a flip would show. */
static SkcRaster *
tilted_box (gdouble p, gpointer user_data)
{
  Counter *counter = user_data;
  gint r = isnan (p) ? 0 : (gint) fabs (p);
  SkcRaster *psf = skc_raster_new_centred (r, r);

  if (counter)
    counter->calls++;
  for (gint y = 0; y < psf->height; y++)
    for (gint x = 0; x < psf->width; x++)
      *skc_raster_at (psf, x, y) = 1 + 0.1 * x + 0.05 * y;
  skc_raster_scale (psf, 1 / skc_raster_sum (psf));
  return psf;
}

static void
test_varying_constant (void)
{
  g_autoptr (SkcImage) img = test_random_image (23, 17, 3, 40);
  g_autoptr (SkcImage) param = skc_image_new (23, 17, 1);
  g_autoptr (SkcRaster) k = tilted_box (2, NULL);
  g_autoptr (SkcImage) out = NULL, dense = NULL;
  Counter counter = { 0 };

  for (gint i = 0; i < 23 * 17; i++)
    param->data[i] = 2;
  out = skc_reference_convolve_varying (img, param, tilted_box, &counter);
  dense = skc_reference_convolve (img, k);
  assert_images_close (out, dense, 1e-14);
  g_assert_cmpuint (counter.calls, ==, 1);
}

static void
test_varying_regions (void)
{
  g_autoptr (SkcImage) img = test_random_image (30, 20, 2, 6);
  g_autoptr (SkcImage) param = skc_image_new (30, 20, 1);
  g_autoptr (SkcRaster) k1 = tilted_box (1, NULL), k3 = tilted_box (3, NULL);
  g_autoptr (SkcImage) out = NULL, d1 = NULL, d3 = NULL;
  Counter counter = { 0 };

  /* Left radius 1, right radius 3 (written as −3 and 3: one kernel, but two
   * keys), a column of −0 and +0 (one key) and one NaN pixel. */
  for (gint y = 0; y < 20; y++)
    for (gint x = 0; x < 30; x++)
      skc_image_at (param, x, y)[0] = x < 15 ? 1 : y % 2 ? 3 : -3;
  out = skc_reference_convolve_varying (img, param, tilted_box, &counter);
  d1 = skc_reference_convolve (img, k1);
  d3 = skc_reference_convolve (img, k3);
  /* Each pixel gathers with its own kernel from the whole input, so the
   * match holds up to the boundary between the regions. */
  for (gint y = 0; y < 20; y++)
    for (gint x = 0; x < 30; x++)
      for (gint c = 0; c < 2; c++)
        g_assert_cmpfloat_with_epsilon (skc_image_at (out, x, y)[c],
            skc_image_at (x < 15 ? d1 : d3, x, y)[c], 1e-14);
  g_assert_cmpuint (counter.calls, ==, 3);

  skc_image_free (out);
  counter.calls = 0;
  for (gint y = 0; y < 20; y++)
    skc_image_at (param, 0, y)[0] = y % 2 ? 0.0 : -0.0;
  skc_image_at (param, 1, 0)[0] = NAN;
  skc_image_at (param, 2, 0)[0] = -NAN;
  out = skc_reference_convolve_varying (img, param, tilted_box, &counter);
  g_assert_nonnull (out);
  g_assert_cmpuint (counter.calls, ==, 5);
  g_assert_cmpfloat (skc_image_at (out, 0, 5)[1], ==, skc_image_at (img, 0, 5)[1]);
}

static SkcRaster *
no_psf (G_GNUC_UNUSED gdouble p, G_GNUC_UNUSED gpointer user_data)
{
  return NULL;
}

static void
test_varying_bad_input (void)
{
  g_autoptr (SkcImage) img = test_random_image (8, 8, 1, 7);
  g_autoptr (SkcImage) small = skc_image_new (8, 7, 1);
  g_autoptr (SkcImage) param = skc_image_new (8, 8, 1);

  g_test_expect_message ("skc", G_LOG_LEVEL_CRITICAL, "*same_frame*");
  g_assert_null (skc_reference_convolve_varying (img, small, tilted_box, NULL));
  g_test_assert_expected_messages ();
  g_test_expect_message ("skc", G_LOG_LEVEL_CRITICAL, "*nothing for parameter 0*");
  g_assert_null (skc_reference_convolve_varying (img, param, no_psf, NULL));
  g_test_assert_expected_messages ();
}

/* p < 0.5: a shift by one pixel to the right (tap (−1, 0)); else a
 * two-layer blur; p = 9: three layers (a mismatch). */
static SkcComplex *
varying_complex (gdouble p, G_GNUC_UNUSED gpointer user_data)
{
  const guint taps[3] = { 2, 3, 1 };
  SkcComplex *c = skc_complex_new (p == 9 ? 3 : 2, taps);

  if (p < 0.5) {
    c->layers[0].taps[0] = (SkcTap) { -1, 0, 1 };
    c->layers[1].taps[0] = (SkcTap) { 0, 0, 1 };
  } else {
    c->layers[0].taps[0] = (SkcTap) { 0.5, 0.25, 0.5 };
    c->layers[0].taps[1] = (SkcTap) { -1.5, 0, 0.5 };
    c->layers[1].taps[0] = (SkcTap) { 0, 1, 0.25 };
    c->layers[1].taps[1] = (SkcTap) { 0, -0.75, 0.5 };
    c->layers[1].taps[2] = (SkcTap) { 1, 0, 0.25 };
  }
  return c;
}

static void
test_filter_varying (void)
{
  g_autoptr (SkcImage) img = test_random_image (24, 10, 2, 50);
  g_autoptr (SkcImage) param = skc_image_new (24, 10, 1);
  g_autoptr (SkcComplex) shift = varying_complex (0, NULL), blur = varying_complex (1, NULL);
  g_autoptr (SkcImage) out = NULL, a = NULL, b = NULL;
  gint mx, my;

  /* Left half shifts, right half blurs; each matches its own complex away
   * from the boundary (the cascade reads the neighbours' intermediates). */
  for (gint y = 0; y < 10; y++)
    for (gint x = 0; x < 24; x++)
      skc_image_at (param, x, y)[0] = x < 12 ? 0 : 1;
  out = skc_reference_filter_varying (img, param, varying_complex, NULL);
  a = skc_reference_filter_complex (img, shift);
  b = skc_reference_filter_complex (img, blur);
  cascade_margin (blur, &mx, &my);
  for (gint y = 0; y < 10; y++)
    for (gint x = 0; x < 24; x++)
      for (gint c = 0; c < 2; c++) {
        if (x < 12 - 1)
          g_assert_cmpfloat (skc_image_at (out, x, y)[c], ==, pixel (img, x - 1, y, c));
        if (x < 12 - 1)
          g_assert_cmpfloat (skc_image_at (out, x, y)[c], ==, skc_image_at (a, x, y)[c]);
        if (x >= 12 + mx)
          g_assert_cmpfloat_with_epsilon (skc_image_at (out, x, y)[c], skc_image_at (b, x, y)[c],
              1e-15);
      }
  /* Layers disagree: refused. */
  skc_image_at (param, 3, 3)[0] = 9;
  g_test_expect_message ("skc", G_LOG_LEVEL_CRITICAL, "*differ in layers*");
  g_assert_null (skc_reference_filter_varying (img, param, varying_complex, NULL));
  g_test_assert_expected_messages ();
}

/* A one-member family of one tap at (dx, dy), weight 1, at radius 1: member
 * scaled by radius (exact), then stretched and turned per pixel. */
static SkcFamily *
one_tap_family (gdouble dx, gdouble dy)
{
  const gdouble value = 1;
  const guint n_taps = 1;
  SkcFamily *f = skc_family_new ("tap", "radius", 1, &value);

  f->members[0] = skc_complex_new (1, &n_taps);
  f->members[0]->layers[0].taps[0] = (SkcTap) { dx, dy, 1 };
  return f;
}

static void
fill_maps (SkcImage *radius, SkcImage *angle, gdouble r, gdouble a)
{
  for (gsize i = 0; i < n_samples (radius); i++) {
    radius->data[i] = r;
    angle->data[i] = a;
  }
}

/* Hand-computed: tap (1, 0) at radius r, angle θ (counter-clockwise on screen,
 * y down) gathers from (x + r·cos θ, y − r·sin θ); with aspect 2 the tap is
 * (2r, 0) first.  Tap (1, 1), aspect 2, 90°: (2, 1) turned is (1, −2) — the
 * stretch before the turn (after it would give (2, −1)). */
static void
test_oriented_hand (void)
{
  g_autoptr (SkcImage) img = test_random_image (11, 9, 2, 17);
  g_autoptr (SkcImage) radius = skc_image_new (11, 9, 1), angle = skc_image_new (11, 9, 1);
  g_autoptr (SkcFamily) along_x = one_tap_family (1, 0), diagonal = one_tap_family (1, 1);
  g_autoptr (SkcImage) out = NULL, out2 = NULL, half = NULL;
  static const gint turn[4][2] = { { 1, 0 }, { 0, -1 }, { -1, 0 }, { 0, 1 } };

  for (gint y = 0; y < 9; y++)
    for (gint x = 0; x < 11; x++) {
      skc_image_at (radius, x, y)[0] = 1 + (x + y) % 2;
      skc_image_at (angle, x, y)[0] = 90 * ((x + 2 * y) % 4);
    }
  out = skc_reference_convolve_oriented (img, radius, angle, along_x, 2.0);
  for (gint y = 0; y < 9; y++)
    for (gint x = 0; x < 11; x++) {
      gint d = 2 * (1 + (x + y) % 2), q = (x + 2 * y) % 4;

      for (gint c = 0; c < 2; c++)
        g_assert_cmpfloat_with_epsilon (skc_image_at (out, x, y)[c],
            pixel (img, x + d * turn[q][0], y + d * turn[q][1], c), 1e-12);
    }

  fill_maps (radius, angle, 1, 90);
  out2 = skc_reference_convolve_oriented (img, radius, angle, diagonal, 2.0);
  for (gint y = 0; y < 9; y++)
    for (gint x = 0; x < 11; x++)
      for (gint c = 0; c < 2; c++)
        g_assert_cmpfloat_with_epsilon (skc_image_at (out2, x, y)[c],
            pixel (img, x + 1, y - 2, c), 1e-12);

  /* Half a pixel along x: the bilinear mean of two neighbours. */
  fill_maps (radius, angle, 0.5, 0);
  half = skc_reference_convolve_oriented (img, radius, angle, along_x, 1.0);
  for (gint y = 0; y < 9; y++)
    for (gint x = 0; x < 11; x++)
      for (gint c = 0; c < 2; c++)
        g_assert_cmpfloat_with_epsilon (skc_image_at (half, x, y)[c],
            0.5 * (pixel (img, x, y, c) + pixel (img, x + 1, y, c)), 1e-12);
}

/* Constant radius and angle: the same as the whole frame filtered with the
 * one shaped complex. */
static void
test_oriented_constant (void)
{
  g_autoptr (SkcImage) img = test_random_image (20, 14, 1, 23);
  g_autoptr (SkcImage) radius = skc_image_new (20, 14, 1), angle = skc_image_new (20, 14, 1);
  g_autoptr (SkcComplex) blur = varying_complex (1, NULL);
  g_autoptr (SkcComplex) shaped = skc_complex_copy (blur);
  g_autoptr (SkcImage) out = NULL, want = NULL;
  const gdouble value = 1;
  g_autoptr (SkcFamily) f = skc_family_new ("blur", "radius", 1, &value);

  f->members[0] = skc_complex_copy (blur);
  fill_maps (radius, angle, 1.5, 30);
  skc_complex_scale (shaped, 1.5);
  skc_complex_scale_xy (shaped, 1.7, 1.0);
  skc_complex_rotate (shaped, 30);
  out = skc_reference_convolve_oriented (img, radius, angle, f, 1.7);
  want = skc_reference_filter_complex (img, shaped);
  assert_images_close (out, want, 1e-12);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/reference/image/new", test_image_new);
  g_test_add_func ("/reference/image/bilerp", test_image_bilerp);
  g_test_add_func ("/reference/convolve/shift", test_shift);
  g_test_add_func ("/reference/convolve/hand-3x3", test_hand_3x3);
  g_test_add_func ("/reference/convolve/matches-naive", test_matches_naive);
  g_test_add_func ("/reference/convolve/linear", test_linear);
  g_test_add_func ("/reference/convolve/constant-preserved", test_constant_preserved);
  g_test_add_func ("/reference/complex/taps", test_complex_taps);
  g_test_add_func ("/reference/complex/equals-dense-impulse", test_complex_equals_dense_impulse);
  g_test_add_func ("/reference/complex/layer-matches-naive", test_layer_matches_naive);
  g_test_add_func ("/reference/complex/branches-add", test_branches_add);
  g_test_add_func ("/reference/varying/constant", test_varying_constant);
  g_test_add_func ("/reference/varying/regions", test_varying_regions);
  g_test_add_func ("/reference/varying/bad-input", test_varying_bad_input);
  g_test_add_func ("/reference/varying/complex", test_filter_varying);
  g_test_add_func ("/reference/oriented/hand", test_oriented_hand);
  g_test_add_func ("/reference/oriented/constant", test_oriented_constant);
  return g_test_run ();
}
