/* Two-dimensional variance: the (radius, angle) grid against the per-pixel
 * reference (each pixel's own complex, turned exactly, bilinear, doubles),
 * its layout counted by hand, and its special cases. */
#include "skc.h"
#include "test-catseye.h"
#include "test-images.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Spin geometry about (cx, cy): the radius grows from 1 (the presets' first
 * member: below it the engine blends from the identity, the reference
 * clamps) to max_radius at the farthest corner; the kernel's x axis along
 * the direction from the centre, turned by turn degrees. */
static void
spin_maps (gint w, gint h, gdouble max_radius, gdouble turn, gfloat *radius, gfloat *angle)
{
  gdouble cx = 0.45 * w, cy = 0.55 * h, far = hypot (MAX (cx, w - cx), MAX (cy, h - cy));

  for (gint y = 0; y < h; y++)
    for (gint x = 0; x < w; x++) {
      gdouble dx = x + 0.5 - cx, dy = y + 0.5 - cy;

      gdouble r = 1 + (max_radius - 1) * hypot (dx, dy) / far;

      /* On the radius levels (0.25 px), so that only the angle is quantised. */
      radius[y * w + x] = (gfloat) (floor (r * 4 + 0.5) / 4);
      angle[y * w + x] = (gfloat) (atan2 (-dy, dx) * 180 / G_PI + turn);
    }
}

/* Runs a frame filter over packed pixels. */
static void
run_filter (SkcFrameFilter *ff, const SkcFamily *f, gdouble max_radius, gdouble arc, const guint8 *src, guint8 *dst,
    gint w, gint h, gint C, const gfloat *radius, const gfloat *angle, SkcEngine engine, SkcPool *pool)
{
  guint8 *in_data[] = { (guint8 *) src }, *out_data[] = { dst };
  gsize stride[] = { (gsize) w * C };
  SkcFrame in, out;
  g_autoptr (GError) error = NULL;

  g_assert_true (skc_frame_init (&in, SKC_LAYOUT_PACKED, w, h, C, 0, in_data, stride));
  g_assert_true (skc_frame_init (&out, SKC_LAYOUT_PACKED, w, h, C, 0, out_data, stride));
  skc_frame_filter_set_engine (ff, engine);
  g_assert_true (skc_frame_filter_run_oriented (ff, f, max_radius, 0.25, arc, radius, angle, w, 0, &in, &out,
      SKC_PRECISION_32, FALSE, pool, &error));
  g_assert_no_error (error);
}

static void
run_oriented (const SkcFamily *f, gdouble max_radius, gdouble arc, const guint8 *src, guint8 *dst, gint w, gint h,
    gint C, const gfloat *radius, const gfloat *angle, SkcEngine engine, SkcPool *pool)
{
  g_autoptr (SkcFrameFilter) ff = skc_frame_filter_new ();

  run_filter (ff, f, max_radius, arc, src, dst, w, h, C, radius, angle, engine, pool);
}

static void
run_with (SkcFrameFilter *ff, const SkcFamily *f, gdouble max_radius, const guint8 *src, guint8 *dst, gint w,
    gint h, gint C, const gfloat *radius, const gfloat *angle)
{
  run_filter (ff, f, max_radius, SKC_ORIENTED_DEFAULT_ARC, src, dst, w, h, C, radius, angle, SKC_ENGINE_DEFAULT,
      NULL);
}

static SkcImage *
to_image (const guint8 *px, gint w, gint h, gint C)
{
  SkcImage *img = skc_image_new (w, h, C);

  for (gint i = 0; i < w * h * C; i++)
    img->data[i] = px[i] / 255.0;
  return img;
}

/* Largest difference in 8-bit levels between dst and the reference. */
static gint
worst_error (const guint8 *dst, const SkcImage *ref, gint n, gint *off)
{
  gint worst = 0;

  *off = 0;
  for (gint i = 0; i < n; i++) {
    gint d = abs (dst[i] - (gint) CLAMP (round (ref->data[i] * 255), 0, 255));

    worst = MAX (worst, d);
    *off += d > 0;
  }
  return worst;
}

/* Swirl bokeh on a photo: a disc stretched 2× along its x axis, turned per
 * pixel.  With the reference given the grid's own (radius, angle) per pixel
 * the engine may differ by its fixed-point rounding only (as the 1-D varying
 * path: one level); with the exact per-pixel angle, by the angle's
 * quantisation too (SKC_ORIENTED_DEFAULT_ARC: two levels). */
static void
test_swirl_matches_reference (void)
{
  const gint w = 72, h = 52, C = 3;
  const gdouble max_radius = 7;
  g_autoptr (SkcFamily) disc = test_preset ("disc");
  g_autoptr (SkcFamily) f = skc_family_shaped (disc, 0, 2, 0);
  g_autoptr (SkcOrientedKernel) ok = skc_oriented_kernel_new_lazy (f, 0.25, SKC_ORIENTED_DEFAULT_ARC,
      SKC_PRECISION_32, 1, 1, w, h, NULL);
  g_autofree guint8 *src = test_photo_u8 (w, h, C), *dst = g_malloc (w * h * C);
  g_autofree guint16 *level = g_new (guint16, w * h);
  g_autoptr (SkcImage) in = to_image (src, w, h, C), radius = skc_image_new (w, h, 1),
      angle = skc_image_new (w, h, 1), qradius = skc_image_new (w, h, 1), qangle = skc_image_new (w, h, 1);
  g_autoptr (SkcImage) quantised = NULL, exact = NULL;
  g_autofree gfloat *r = g_new (gfloat, w * h), *a = g_new (gfloat, w * h);
  gint worst, off;
  gdouble psnr;

  g_assert_nonnull (ok);
  /* A fitted disc is not symmetric tap by tap: angles span the whole turn. */
  g_assert_false (ok->half_turn);
  spin_maps (w, h, max_radius, 90, r, a);
  run_oriented (f, max_radius, SKC_ORIENTED_DEFAULT_ARC, src, dst, w, h, C, r, a, SKC_ENGINE_DEFAULT, NULL);
  g_assert_true (skc_oriented_kernel_prepare (ok, max_radius, r, a, w, w, h, level, NULL, NULL));
  for (gint i = 0; i < w * h; i++) {
    gdouble qr, qa;

    skc_oriented_level_params (ok, level[i], &qr, &qa);
    qradius->data[i] = qr;
    qangle->data[i] = qa;
    radius->data[i] = r[i];
    angle->data[i] = a[i];
  }
  quantised = skc_reference_convolve_oriented (in, qradius, qangle, f, 1);
  worst = worst_error (dst, quantised, w * h * C, &off);
  g_test_message ("against the grid's own (radius, angle): max error %d level(s), %d of %d samples off", worst,
      off, w * h * C);
  g_assert_cmpint (worst, <=, 1);

  exact = skc_reference_convolve_oriented (in, radius, angle, f, 1);
  worst = worst_error (dst, exact, w * h * C, &off);
  {
    g_autoptr (SkcImage) out = to_image (dst, w, h, C);

    psnr = skc_image_psnr (out, exact, 1, 0);
  }
  g_test_message ("against the exact per-pixel radius and angle: max error %d level(s), %d of %d off, %.2f dB",
      worst, off, w * h * C, psnr);
  g_assert_cmpint (worst, <=, 2);
  g_assert_cmpfloat (psnr, >=, 55);
}

/* Angle 0 everywhere is the 1-D varying path, byte for byte. */
static void
test_angle_zero_is_varying (void)
{
  const gint w = 60, h = 44, C = 4;
  g_autoptr (SkcFamily) f = test_preset ("hexagon");
  g_autoptr (SkcVaryingKernel) vk = skc_varying_kernel_new (f, 9, 0.25, SKC_PRECISION_32, NULL);
  g_autofree guint8 *src = test_photo_u8 (w, h, C), *a = g_malloc (w * h * C), *b = g_malloc (w * h * C);
  g_autofree gfloat *r = g_new (gfloat, w * h), *ang = g_new (gfloat, w * h);

  spin_maps (w, h, 9, 0, r, ang);
  for (gint i = 0; i < w * h; i++)
    ang[i] = i % 7 == 0 ? 360.0f : (i % 11 == 0 ? -720.0f : 0.0f);
  run_oriented (f, 9, SKC_ORIENTED_DEFAULT_ARC, src, a, w, h, C, r, ang, SKC_ENGINE_DEFAULT, NULL);
  skc_filter_varying_u8 (vk, src, w * C, b, w * C, w, h, C, r, w, NULL);
  g_assert_cmpmem (a, w * h * C, b, w * h * C);
}

/* Every engine and thread count gives the same bytes: the spin blur, and
 * the swirl with the disc refitted for turned kernels (turned/disc). */
static void
test_engines_and_threads_agree (void)
{
  const gint w = 96, h = 64, C = 3;
  g_autoptr (SkcFamily) motion = test_preset ("motion"), turned = test_preset ("turned/disc");
  g_autoptr (SkcFamily) swirl = skc_family_shaped (turned, 0, 2, 0);
  const SkcFamily *families[] = { motion, swirl };
  g_autoptr (SkcPool) pool = skc_pool_new (2);
  g_autofree guint8 *src = test_photo_u8 (w, h, C), *a = g_malloc (w * h * C), *b = g_malloc (w * h * C);
  g_autofree gfloat *r = g_new (gfloat, w * h), *ang = g_new (gfloat, w * h);

  spin_maps (w, h, 12, 0, r, ang);
  for (guint i = 0; i < G_N_ELEMENTS (families); i++) {
    run_oriented (families[i], 12, SKC_ORIENTED_DEFAULT_ARC, src, a, w, h, C, r, ang, SKC_ENGINE_DEFAULT, NULL);
    for (SkcEngine e = SKC_ENGINE_C; e <= SKC_ENGINE_VNNI; e++) {
      run_oriented (families[i], 12, SKC_ORIENTED_DEFAULT_ARC, src, b, w, h, C, r, ang, e, pool);
      g_assert_cmpmem (a, w * h * C, b, w * h * C);
    }
  }
}

static SkcComplex *
grid_level_complex (gdouble p, gpointer user_data)
{
  return skc_oriented_level_complex (user_data, (guint) p);
}

/* Layer sharing on the motion line, at the element's arc (1 px): each
 * layer's span is R_max / R_l; the runs of levels sharing a layer's cell
 * join, and the result is still each level's own complex (its layers from
 * their cells) applied per pixel — what a wrong key or a wrong join would
 * break — on every engine and thread count. */
static void
test_shared_layers_match_reference (void)
{
  const gint w = 96, h = 64, C = 3;
  const guint spans[] = { 1, 2, 4, 8, 16, 16, 16 };
  g_autoptr (SkcFamily) motion = test_preset ("motion");
  g_autoptr (SkcFrameFilter) ff = skc_frame_filter_new ();
  g_autoptr (SkcPool) pool = skc_pool_new (2);
  g_autofree guint8 *src = test_photo_u8 (w, h, C), *dst = g_malloc (w * h * C), *b = g_malloc (w * h * C);
  g_autofree gfloat *r = g_new (gfloat, w * h), *ang = g_new (gfloat, w * h);
  g_autofree guint16 *level = g_new (guint16, w * h);
  g_autoptr (SkcImage) in = to_image (src, w, h, C), param = skc_image_new (w, h, 1), ref = NULL;
  g_autoptr (GHashTable) levels = g_hash_table_new (NULL, NULL), keys = g_hash_table_new (NULL, NULL);
  SkcOrientedKernel *ok;
  gint worst, off;

  spin_maps (w, h, 12, 0, r, ang);
  skc_frame_filter_set_layer_sharing (ff, TRUE);
  run_filter (ff, motion, 12, 1.0, src, dst, w, h, C, r, ang, SKC_ENGINE_DEFAULT, NULL);
  ok = skc_frame_filter_oriented_grid (ff, 0);
  g_assert_nonnull (ok->layer_span);
  g_assert_cmpmem (ok->layer_span, motion->members[0]->n_layers * sizeof (guint), spans, sizeof spans);
  g_assert_true (skc_oriented_kernel_prepare (ok, 12, r, ang, w, w, h, level, NULL, NULL));
  for (gint i = 0; i < w * h; i++) {
    const SkcFixedKernel *k = ok->vk->levels[level[i]];

    param->data[i] = level[i];
    g_hash_table_add (levels, GUINT_TO_POINTER (level[i]));
    if (k != NULL)
      g_hash_table_add (keys, GUINT_TO_POINTER (k->run_key[6]));
  }
  ref = skc_reference_filter_varying (in, param, grid_level_complex, ok);
  worst = worst_error (dst, ref, w * h * C, &off);
  g_test_message ("shared layers against each level's complex: max error %d level(s), %d of %d off; %u levels "
      "used, %u cells of the last layer", worst, off, w * h * C, g_hash_table_size (levels),
      g_hash_table_size (keys));
  g_assert_cmpint (worst, <=, 1);
  /* The last layer's cells are 16 levels wide on both axes. */
  g_assert_cmpuint (4 * g_hash_table_size (keys), <, g_hash_table_size (levels));

  for (SkcEngine e = SKC_ENGINE_C; e <= SKC_ENGINE_VNNI; e++) {
    g_autoptr (SkcFrameFilter) other = skc_frame_filter_new ();

    skc_frame_filter_set_layer_sharing (other, TRUE);
    run_filter (other, motion, 12, 1.0, src, b, w, h, C, r, ang, e, pool);
    g_assert_cmpmem (dst, w * h * C, b, w * h * C);
  }
  /* Maps that stay: from the second frame the layers walk the runs found
   * once (skc-varying-runs.h) — the same bytes, frame after frame. */
  {
    g_autoptr (SkcFrameFilter) still = skc_frame_filter_new ();

    skc_frame_filter_set_layer_sharing (still, TRUE);
    for (gint frame = 0; frame < 3; frame++) {
      guint8 *in_data[] = { src }, *out_data[] = { b };
      gsize stride[] = { (gsize) w * C };
      SkcFrame fin, fout;

      memset (b, 0, w * h * C);
      g_assert_true (skc_frame_init (&fin, SKC_LAYOUT_PACKED, w, h, C, 0, in_data, stride));
      g_assert_true (skc_frame_init (&fout, SKC_LAYOUT_PACKED, w, h, C, 0, out_data, stride));
      g_assert_true (skc_frame_filter_run_oriented (still, motion, 12, 0.25, 1.0, r, ang, w, 7, &fin, &fout,
          SKC_PRECISION_32, FALSE, frame == 2 ? pool : NULL, NULL));
      g_assert_cmpmem (dst, w * h * C, b, w * h * C);
    }
  }
}

/* A fitted family's layers are fitted together: the disc refuses sharing,
 * and asking for it changes no byte. */
static void
test_shared_layers_refused_for_fitted (void)
{
  const gint w = 64, h = 48, C = 3;
  g_autoptr (SkcFamily) disc = test_preset ("turned/disc"), motion = test_preset ("motion");
  g_autoptr (SkcOrientedKernel) fitted = skc_oriented_kernel_new_lazy (disc, 0.5, 1, SKC_PRECISION_32, 1, 1, w, h,
      NULL);
  g_autoptr (SkcOrientedKernel) line = skc_oriented_kernel_new_lazy (motion, 0.5, 1, SKC_PRECISION_32, 1, 1, w, h,
      NULL);
  g_autoptr (SkcFrameFilter) ff = skc_frame_filter_new ();
  g_autofree guint8 *src = test_photo_u8 (w, h, C), *a = g_malloc (w * h * C), *b = g_malloc (w * h * C);
  g_autofree gfloat *r = g_new (gfloat, w * h), *ang = g_new (gfloat, w * h);

  g_assert_false (skc_oriented_kernel_share_layers (fitted));
  g_assert_null (fitted->layer_span);
  g_assert_true (skc_oriented_kernel_share_layers (line));
  spin_maps (w, h, 8, 30, r, ang);
  run_oriented (disc, 8, 1.0, src, a, w, h, C, r, ang, SKC_ENGINE_DEFAULT, NULL);
  skc_frame_filter_set_layer_sharing (ff, TRUE);
  run_filter (ff, disc, 8, 1.0, src, b, w, h, C, r, ang, SKC_ENGINE_DEFAULT, NULL);
  g_assert_cmpmem (a, w * h * C, b, w * h * C);
}

/* The motion line at radius r has layers ±r/2, ±r/4, … ±r/128: its support
 * reaches r·127/128, so at radius 8 one step of π/n rad may move it by at
 * most ½ px: n = ⌈π·7.9375/0.5⌉ = 50 angles over half a turn. */
static void
test_layout_by_hand (void)
{
  g_autoptr (SkcFamily) motion = test_preset ("motion"), star = test_preset ("star");
  g_autoptr (SkcOrientedKernel) ok = skc_oriented_kernel_new_lazy (motion, 0.5, 0.5, SKC_PRECISION_32, 1, 1, 0,
      0, NULL);
  g_autoptr (SkcOrientedKernel) ok_star = skc_oriented_kernel_new_lazy (star, 0.5, 0.5, SKC_PRECISION_32, 1, 1, 0,
      0, NULL);
  gfloat r = 8, a = 0;
  guint16 level;
  gdouble pr, pa;
  guint g;

  g_assert_true (skc_family_half_turn_symmetric (motion));
  g_assert_false (skc_family_half_turn_symmetric (star));
  g_assert_cmpfloat (ok_star->period, ==, 360);
  g_assert_true (skc_oriented_kernel_prepare (ok, 8, &r, &a, 1, 1, 1, &level, NULL, NULL));
  g_assert_cmpuint (ok->n_radius, ==, 17);
  g_assert_cmpuint (ok->n_angles[16], ==, 50);
  g_assert_cmpuint (ok->n_angles[1], ==, (guint) ceil (G_PI * 0.5 * 127 / 128 / 0.5));
  g_assert_cmpuint (level, ==, ok->first[16]);
  /* 3.6° per level at radius 8: 5.3° is level 1, 5.5° level 2, half and
   * whole turns wrap, negatives too. */
  g_assert_cmpuint (skc_oriented_level_of (ok, 17, 8, 5.3f), ==, ok->first[16] + 1);
  g_assert_cmpuint (skc_oriented_level_of (ok, 17, 8, 5.5f), ==, ok->first[16] + 2);
  g_assert_cmpuint (skc_oriented_level_of (ok, 17, 8, 5.3f + 180), ==, ok->first[16] + 1);
  g_assert_cmpuint (skc_oriented_level_of (ok, 17, 8, -3.6f), ==, ok->first[16] + 49);
  g_assert_cmpuint (skc_oriented_level_of (ok, 17, 8, NAN), ==, ok->first[16]);
  g_assert_cmpuint (skc_oriented_level_of (ok, 17, NAN, 30), ==, 0);
  g_assert_cmpuint (skc_oriented_level_of (ok, 17, 100, 0), ==, ok->first[16]);
  g = skc_oriented_level_of (ok, 17, 3.9f, 90);
  skc_oriented_level_params (ok, g, &pr, &pa);
  g_assert_cmpfloat (pr, ==, 4);
  g_assert_cmpfloat (fabs (pa - 90), <=, 180.0 / ok->n_angles[8] / 2);
  /* Only the level used is built. */
  g_assert_cmpuint (ok->vk->capacity, >, ok->first[16]);
  for (guint i = 0; i < ok->vk->capacity; i++)
    g_assert_true ((ok->vk->levels[i] != NULL) == (i == ok->first[16]));
  g_assert_cmpuint (skc_oriented_kernel_bytes (ok), >, 0);
}

/* Past the level budget the arc coarsens, the levels built for the finer
 * one are dropped, and the grid fits; radius levels alone past the budget
 * fail with an error and leave the kernel usable. */
static void
test_level_budget (void)
{
  g_autoptr (SkcFamily) f = test_preset ("disc");
  g_autoptr (SkcOrientedKernel) ok = skc_oriented_kernel_new_lazy (f, 0.25, 0.01, SKC_PRECISION_32, 1, 1, 0, 0,
      NULL);
  gfloat r[2] = { 2, 50 }, a[2] = { 10, 10 };
  guint16 level[2];
  guint built = 0;
  g_autoptr (GError) error = NULL;

  g_assert_true (skc_oriented_kernel_prepare (ok, 2, r, a, 1, 1, 1, level, NULL, NULL));
  g_assert_cmpfloat (ok->arc, ==, 0.01);
  g_assert_true (skc_oriented_kernel_prepare (ok, 60, r, a, 2, 2, 1, level, NULL, NULL));
  g_test_message ("arc 0.01 px asked, %g px used: %u levels", ok->arc, ok->n_grid);
  g_assert_cmpfloat (ok->arc, >, 0.01);
  g_assert_cmpuint (ok->n_grid, <=, SKC_ORIENTED_MAX_LEVELS);
  for (guint g = 0; g < ok->vk->capacity; g++)
    built += ok->vk->levels[g] != NULL;
  g_assert_cmpuint (built, ==, 2);
  g_assert_nonnull (ok->vk->levels[level[0]]);
  g_assert_nonnull (ok->vk->levels[level[1]]);

  g_assert_false (skc_oriented_kernel_prepare (ok, 9000, r, a, 2, 2, 1, level, NULL, &error));
  g_assert_error (error, SKC_ERROR, SKC_ERROR_INVALID);
  g_test_message ("%s", error->message);
  g_assert_true (skc_oriented_kernel_prepare (ok, 60, r, a, 2, 2, 1, level, NULL, NULL));
  g_assert_null (skc_oriented_kernel_new_lazy (f, 0.25, 0, SKC_PRECISION_32, 1, 1, 0, 0, NULL));
  g_assert_null (skc_oriented_kernel_new_lazy (f, 0.25, NAN, SKC_PRECISION_32, 1, 1, 0, 0, NULL));
}

/* The lens's second moments (skc_catseye_moments) against a direct count
 * over a fine grid of the points inside both unit discs at ∓c/2. */
static void
test_catseye_moments (void)
{
  const gdouble clips[] = { 0, 0.5, 1.2, 1.8 };

  for (guint t = 0; t < G_N_ELEMENTS (clips); t++) {
    gdouble h = clips[t] / 2, n = 0, xx = 0, yy = 0, across, along;
    const gint N = 800;

    for (gint j = 0; j < N; j++)
      for (gint i = 0; i < N; i++) {
        gdouble x = -1 + (i + 0.5) * 2 / N, y = -1 + (j + 0.5) * 2 / N;

        if (hypot (x - h, y) <= 1 && hypot (x + h, y) <= 1) {
          n++;
          xx += x * x;
          yy += y * y;
        }
      }
    skc_catseye_moments (clips[t], &across, &along);
    g_test_message ("clip %g: across %.4f along %.4f (count %.4f %.4f)", clips[t], across, along,
        2 * sqrt (xx / n), 2 * sqrt (yy / n));
    g_assert_cmpfloat_with_epsilon (across, 2 * sqrt (xx / n), 2e-3);
    g_assert_cmpfloat_with_epsilon (along, 2 * sqrt (yy / n), 2e-3);
  }
}

/* Cat's eye on a photo, zoom geometry, clip growing with the distance from
 * the centre to 1.6 at the corners, the clip across the tangent (turn 90):
 * the grid against the per-pixel reference given the grid's own (radius,
 * angle, clip) — fixed-point rounding only — and the exact ones. */
/* The zoom maps with a clip growing from 0 to 1.6 as the radius does. */
static void
catseye_maps (gint w, gint h, gdouble max_radius, gfloat *r, gfloat *a, gfloat *c)
{
  spin_maps (w, h, max_radius, 0, r, a);
  for (gint i = 0; i < w * h; i++)
    c[i] = (gfloat) (1.6 * (r[i] - 1) / (max_radius - 1));
}

static void
test_catseye_matches_reference (void)
{
  const gint w = 64, h = 48, C = 3, n = w * h;
  g_autoptr (SkcFamily) f = test_preset ("disc");
  g_autoptr (SkcFrameFilter) ff = skc_frame_filter_new ();
  g_autofree guint8 *src = test_photo_u8 (w, h, C), *dst = g_malloc (n * C);
  g_autofree guint16 *level = g_new (guint16, n);
  g_autofree gfloat *maps = g_new (gfloat, 6 * n);
  gfloat *r = maps, *a = maps + n, *c = maps + 2 * n, *qr = maps + 3 * n, *qa = maps + 4 * n, *qc = maps + 5 * n;
  g_autoptr (SkcImage) in = to_image (src, w, h, C), quantised = NULL, exact = NULL, out = NULL;
  SkcOrientedKernel *ok;
  gint worst, off;
  gdouble psnr;

  catseye_maps (w, h, 7, r, a, c);
  skc_frame_filter_set_catseye (ff, c, 90, NULL, 0);
  run_with (ff, f, 7, src, dst, w, h, C, r, a);
  /* The luma plane's grid, as the frame filter quantised it. */
  ok = skc_frame_filter_oriented_grid (ff, 0);
  g_assert_nonnull (ok);
  g_assert_true (skc_oriented_kernel_prepare_clipped (ok, 7, r, a, c, w, w, h, level, NULL, NULL));
  for (gint i = 0; i < n; i++) {
    gdouble pr, pa, pcl;

    skc_oriented_level_params (ok, level[i], &pr, &pa);
    skc_oriented_level_clip (ok, level[i], &pcl);
    qr[i] = (gfloat) pr;
    qa[i] = (gfloat) pa;
    qc[i] = (gfloat) pcl;
    g_assert_cmpfloat (fabs (pcl - c[i]), <=, 0.5 * SKC_CATSEYE_MAX_CLIP / (ok->n_clips[(guint) (pr * 4)] - 1) + 1e-6);
  }
  quantised = test_catseye_reference (in, f, NULL, qr, qa, qc, 90);
  worst = worst_error (dst, quantised, n * C, &off);
  g_test_message ("against the grid's own (radius, angle, clip): max error %d level(s), %d of %d off", worst, off,
      n * C);
  g_assert_cmpint (worst, <=, 1);
  exact = test_catseye_reference (in, f, NULL, r, a, c, 90);
  out = to_image (dst, w, h, C);
  worst = worst_error (dst, exact, n * C, &off);
  psnr = skc_image_psnr (out, exact, 1, 0);
  g_test_message ("against the exact (radius, angle, clip): max error %d level(s), %.2f dB", worst, psnr);
  g_assert_cmpint (worst, <=, 3);
  g_assert_cmpfloat (psnr, >=, 50);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/oriented/swirl-matches-reference", test_swirl_matches_reference);
  g_test_add_func ("/oriented/angle-zero-is-varying", test_angle_zero_is_varying);
  g_test_add_func ("/oriented/engines-and-threads-agree", test_engines_and_threads_agree);
  g_test_add_func ("/oriented/layout-by-hand", test_layout_by_hand);
  g_test_add_func ("/oriented/shared-layers-match-reference", test_shared_layers_match_reference);
  g_test_add_func ("/oriented/shared-layers-refused-for-fitted", test_shared_layers_refused_for_fitted);
  g_test_add_func ("/oriented/level-budget", test_level_budget);
  g_test_add_func ("/oriented/catseye-moments", test_catseye_moments);
  g_test_add_func ("/oriented/catseye-matches-reference", test_catseye_matches_reference);
  return g_test_run ();
}
