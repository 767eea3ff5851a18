/* The layered depth-of-field truth and the per-pixel scatter, against cases
 * worked out by hand: uniform layers, a straight outline, and normalised
 * convolutions written out here with the dense reference. */
#include "skc.h"
#include "test-images.h"

#include <math.h>

#define W 48
#define H 24
#define EDGE 24   /* the outline: columns < EDGE are covered */

/* Coverage 1 left of the outline, `on` in column EDGE, 0 right of it. */
static SkcImage *
half_plane (gdouble on)
{
  SkcImage *a = skc_image_new (W, H, 1);

  for (gint y = 0; y < H; y++)
    for (gint x = 0; x < W; x++)
      *skc_image_at (a, x, y) = x < EDGE ? 1 : x == EDGE ? on : 0;
  return a;
}

static void
assert_images_close (const SkcImage *a, const SkcImage *b, gdouble eps)
{
  g_assert_nonnull (a);
  g_assert_nonnull (b);
  g_assert_cmpint (a->width * a->height * a->channels, ==, b->width * b->height * b->channels);
  for (gsize i = 0; i < (gsize) a->width * a->height * a->channels; i++)
    g_assert_cmpfloat_with_epsilon (a->data[i], b->data[i], eps);
}

/* Sharp layers are the plain composite a·F + (1 − a)·B. */
static void
test_sharp (void)
{
  g_autoptr (SkcImage) b = test_random_image (W, H, 3, 1), f = test_random_image (W, H, 3, 2), a = test_random_image (W, H, 1, 3);
  SkcSceneLayer layers[2] = { { b, NULL, 0 }, { f, a, 0 } };
  g_autoptr (SkcImage) alpha = NULL;
  g_autoptr (SkcImage) r = skc_layered_render (layers, 2, &alpha);

  for (gsize i = 0; i < (gsize) W * H; i++) {
    g_assert_cmpfloat_with_epsilon (alpha->data[i], 1, 1e-15);
    for (gint c = 0; c < 3; c++)
      g_assert_cmpfloat_with_epsilon (r->data[3 * i + c],
          a->data[i] * f->data[3 * i + c] + (1 - a->data[i]) * b->data[3 * i + c], 1e-15);
  }
  /* One sharp layer is itself. */
  g_clear_pointer (&r, skc_image_free);
  r = skc_layered_render (layers, 1, NULL);
  assert_images_close (r, b, 1e-300);
}

/* Uniform B = 0.2 behind uniform F = 0.9 cut by a straight outline with an
 * anti-aliased column of coverage ½, radius 5.  Front sharp: K ∗ B = B, so
 * T = a·F + (1 − a)·B.  Back sharp: T = B + (F − B)·(K ∗ a); the disc is
 * symmetric, so K ∗ a = ½ on the outline column, 1 and 0 beyond the radius. */
static void
test_uniform (void)
{
  const gdouble bv = 0.2, fv = 0.9, r = 5;
  g_autoptr (SkcImage) b = test_constant_image (W, H, 3, bv), f = test_constant_image (W, H, 3, fv), a = half_plane (0.5);
  SkcSceneLayer front[2] = { { b, NULL, r }, { f, a, 0 } };
  SkcSceneLayer back[2] = { { b, NULL, 0 }, { f, a, r } };
  g_autoptr (SkcImage) tf = skc_layered_render (front, 2, NULL);
  g_autoptr (SkcImage) tb = skc_layered_render (back, 2, NULL);

  for (gint y = 0; y < H; y++)
    for (gint c = 0; c < 3; c++) {
      g_assert_cmpfloat_with_epsilon (skc_image_at (tf, EDGE - 1, y)[c], fv, 1e-12);
      g_assert_cmpfloat_with_epsilon (skc_image_at (tf, EDGE, y)[c], 0.5 * (fv + bv), 1e-12);
      g_assert_cmpfloat_with_epsilon (skc_image_at (tf, EDGE + 1, y)[c], bv, 1e-12);
      g_assert_cmpfloat_with_epsilon (skc_image_at (tb, EDGE, y)[c], 0.5 * (fv + bv), 1e-12);
      g_assert_cmpfloat_with_epsilon (skc_image_at (tb, EDGE - 7, y)[c], fv, 1e-12);
      g_assert_cmpfloat_with_epsilon (skc_image_at (tb, EDGE + 7, y)[c], bv, 1e-12);
      /* Inside the radius the blurred foreground spills over the outline. */
      g_assert_cmpfloat (skc_image_at (tb, EDGE + 3, y)[c], >, bv + 0.01);
      g_assert_cmpfloat (skc_image_at (tb, EDGE - 3, y)[c], <, fv - 0.01);
    }
}

/* Both layers at one radius over a uniform background: K ∗ (a·F) +
 * (1 − K ∗ a)·b is K ∗ (a·F + (1 − a)·b), the blurred composite.  (With a
 * textured background the two differ by K ∗ (a·B) − (K ∗ a)·(K ∗ B): slices
 * at one depth are not one surface, which is why the scatter merges equal
 * depths into one layer.) */
static void
test_same_radius (void)
{
  const gdouble r = 4;
  g_autoptr (SkcImage) b = test_constant_image (W, H, 3, 0.3), f = test_random_image (W, H, 3, 5), a = test_random_image (W, H, 1, 6);
  g_autoptr (SkcImage) comp = skc_image_new (W, H, 3);
  g_autoptr (SkcRaster) disc = skc_layered_disc (r);
  SkcSceneLayer layers[2] = { { b, NULL, r }, { f, a, r } };
  g_autoptr (SkcImage) t = skc_layered_render (layers, 2, NULL);
  g_autoptr (SkcImage) blurred = NULL;

  for (gsize i = 0; i < (gsize) W * H; i++)
    for (gint c = 0; c < 3; c++)
      comp->data[3 * i + c] = a->data[i] * f->data[3 * i + c] + (1 - a->data[i]) * 0.3;
  blurred = skc_reference_convolve (comp, disc);
  assert_images_close (t, blurred, 1e-12);
  g_assert_cmpfloat_with_epsilon (skc_raster_sum (disc), 1, 1e-12);
  g_assert_null (skc_layered_disc (0));
}

static gdouble
radius_of_depth (gdouble depth, gpointer user_data)
{
  const gdouble *r = user_data;   /* { far radius, near radius } */

  return depth > 0.5 ? r[1] : r[0];
}

/* a·I, normalised: K ∗ (m·I) / K ∗ m, the light of the masked pixels only. */
static SkcImage *
normalised_blur (const SkcImage *img, const SkcImage *m, gdouble r)
{
  g_autoptr (SkcRaster) disc = skc_layered_disc (r);
  g_autoptr (SkcImage) pre = skc_image_copy (img);
  g_autoptr (SkcImage) pk = NULL, mk = NULL;

  for (gsize i = 0; i < (gsize) W * H; i++)
    for (gint c = 0; c < 3; c++)
      pre->data[3 * i + c] *= m->data[i];
  pk = skc_reference_convolve (pre, disc);
  mk = skc_reference_convolve (m, disc);
  for (gsize i = 0; i < (gsize) W * H; i++)
    for (gint c = 0; c < 3; c++)
      pk->data[3 * i + c] /= mk->data[i];
  return g_steal_pointer (&pk);
}

/* A two-depth photo (near = 0.8 left of the outline, far = 0.2 right).
 * Front sharp: near pixels stay, far pixels see only far light (no halo of
 * the subject).  Back sharp: far pixels are the layered truth with the input
 * as both layers, K ∗ (a·I) + (1 − K ∗ a)·I; near pixels, whose background is
 * not in the input, are the near light renormalised. */
static void
test_scatter_two_depths (void)
{
  gdouble radii_front[2] = { 5, 0 }, radii_back[2] = { 0, 5 };
  g_autoptr (SkcImage) img = test_random_image (W, H, 3, 7), a = half_plane (0), far = skc_image_new (W, H, 1);
  g_autoptr (SkcImage) depth = skc_image_new (W, H, 1);
  g_autoptr (SkcImage) sf = NULL, sb = NULL, nf = NULL, nn = NULL, tb = NULL;
  SkcSceneLayer back[2] = { { img, NULL, 0 }, { img, a, 5 } };

  for (gsize i = 0; i < (gsize) W * H; i++) {
    depth->data[i] = a->data[i] ? 0.8 : 0.2;
    far->data[i] = 1 - a->data[i];
  }
  sf = skc_reference_scatter (img, depth, radius_of_depth, radii_front);
  sb = skc_reference_scatter (img, depth, radius_of_depth, radii_back);
  nf = normalised_blur (img, far, 5);
  nn = normalised_blur (img, a, 5);
  tb = skc_layered_render (back, 2, NULL);
  for (gint y = 0; y < H; y++)
    for (gint x = 0; x < W; x++)
      for (gint c = 0; c < 3; c++) {
        gdouble want_f = x < EDGE ? skc_image_at (img, x, y)[c] : skc_image_at (nf, x, y)[c];
        gdouble want_b = x < EDGE ? skc_image_at (nn, x, y)[c] : skc_image_at (tb, x, y)[c];

        g_assert_cmpfloat_with_epsilon (skc_image_at (sf, x, y)[c], want_f, 1e-12);
        g_assert_cmpfloat_with_epsilon (skc_image_at (sb, x, y)[c], want_b, 1e-12);
      }
  g_assert_null (skc_reference_scatter (img, img, radius_of_depth, radii_front));
}

/* One depth everywhere is one layer: the blurred frame. */
static void
test_scatter_one_depth (void)
{
  gdouble radii[2] = { 3, 3 };
  g_autoptr (SkcImage) img = test_random_image (W, H, 3, 8), depth = test_constant_image (W, H, 1, 0.7);
  g_autoptr (SkcRaster) disc = skc_layered_disc (3);
  g_autoptr (SkcImage) s = skc_reference_scatter (img, depth, radius_of_depth, radii);
  g_autoptr (SkcImage) k = skc_reference_convolve (img, disc);

  assert_images_close (s, k, 1e-12);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/layered/sharp", test_sharp);
  g_test_add_func ("/layered/uniform", test_uniform);
  g_test_add_func ("/layered/same-radius", test_same_radius);
  g_test_add_func ("/layered/scatter/two-depths", test_scatter_two_depths);
  g_test_add_func ("/layered/scatter/one-depth", test_scatter_one_depth);
  return g_test_run ();
}
