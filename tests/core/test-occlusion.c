/* The occlusion-aware path on two-layer scenes whose answer is known by hand:
 * a far field that never takes in-focus light, a near field that spreads
 * over its outline as the fixed kernel of its radius spreads its coverage,
 * and in-focus pixels that no near light reaches left exactly as they were. */
#include "skc.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define W 64
#define H 48
#define STEP 0.5

static SkcFamily *
disc (void)
{
  SkcFamily *f = skc_preset_lookup ("disc", NULL);

  g_assert_nonnull (f);
  return f;
}

/* A GRAY8 frame over pixels (W × H, one byte each). */
static SkcFrame
gray_frame (guint8 *px)
{
  guint8 *data[1] = { px };
  gsize stride[1] = { W };
  SkcFrame f;

  g_assert_true (skc_frame_init (&f, SKC_LAYOUT_PACKED, W, H, 1, 0, data, stride));
  return f;
}

/* Left of column W/2 one layer, right of it the other. */
static void
halves (guint8 *px, gfloat *radius, guint8 left_v, gfloat left_r, guint8 right_v, gfloat right_r)
{
  for (gint y = 0; y < H; y++)
    for (gint x = 0; x < W; x++) {
      px[y * W + x] = x < W / 2 ? left_v : right_v;
      radius[y * W + x] = x < W / 2 ? left_r : right_r;
    }
}

static void
run (const SkcFamily *family, gboolean occlusion, guint8 *in, const gfloat *radius, guint8 *out)
{
  g_autoptr (SkcFrameFilter) ff = skc_frame_filter_new ();
  g_autoptr (GError) error = NULL;
  SkcFrame fi = gray_frame (in), fo = gray_frame (out);
  gboolean ok = occlusion ?
      skc_frame_filter_run_occlusion (ff, family, 8, STEP, radius, W, 1.0f, &fi, &fo, SKC_PRECISION_32, FALSE,
          NULL, &error) :
      skc_frame_filter_run_varying (ff, family, 8, STEP, radius, W, &fi, &fo, SKC_PRECISION_32, FALSE, NULL,
          &error);

  g_assert_no_error (error);
  g_assert_true (ok);
}

/* A sharp white subject in front of a grey background blurred by 8 px: the
 * background stays its grey to the outline, normalised over the far light
 * only (gather pulls the white in), and the subject stays as it is. */
static void
test_far_takes_no_focused_light (void)
{
  g_autoptr (SkcFamily) family = disc ();
  guint8 in[W * H], out[W * H], gather[W * H];
  gfloat radius[W * H];

  halves (in, radius, 255, 0, 100, 8);
  run (family, TRUE, in, radius, out);
  run (family, FALSE, in, radius, gather);
  for (gint y = 0; y < H; y++)
    for (gint x = 0; x < W; x++) {
      if (x < W / 2)
        g_assert_cmpint (out[y * W + x], ==, 255);
      else
        g_assert_cmpint (abs (out[y * W + x] - 100), <=, 1);
    }
  /* The test can tell: gather has a halo next to the outline. */
  g_assert_cmpint (gather[10 * W + W / 2 + 1], >, 120);
}

/* A white foreground blurred by 8 px in front of a sharp black background:
 * beyond the outline the result is the coverage the fixed kernel of radius 8
 * spreads, K ∗ n (gather stops at the outline); farther than the kernel
 * reaches, the background exactly. */
static void
test_near_spreads_over_its_outline (void)
{
  g_autoptr (SkcFamily) family = disc ();
  g_autoptr (SkcComplex) k = skc_varying_level_complex (family, 8);
  g_autoptr (GError) error = NULL;
  guint8 in[W * H], out[W * H], gather[W * H], want[W * H];
  gfloat radius[W * H];
  SkcFrame fi, fw;

  halves (in, radius, 255, -8, 0, 0);
  run (family, TRUE, in, radius, out);
  run (family, FALSE, in, radius, gather);
  fi = gray_frame (in);
  fw = gray_frame (want);
  g_assert_true (skc_filter_frame_fixed (k, &fi, &fw, SKC_PRECISION_32, FALSE, NULL, &error));
  g_assert_no_error (error);
  for (gint y = 0; y < H; y++)
    for (gint x = W / 2; x < W; x++) {
      g_assert_cmpint (abs (out[y * W + x] - want[y * W + x]), <=, 1);
      if (x >= W / 2 + 12)
        g_assert_cmpint (out[y * W + x], ==, 0);
    }
  g_assert_cmpint (out[10 * W + W / 2 + 2], >, 40);
  g_assert_cmpint (gather[10 * W + W / 2 + 2], ==, 0);
}

/* Nothing out of focus: the frame as it came, byte for byte. */
static void
test_all_in_focus_is_the_input (void)
{
  g_autoptr (SkcFamily) family = disc ();
  guint8 in[W * H], out[W * H];
  gfloat radius[W * H];

  for (gint i = 0; i < W * H; i++) {
    in[i] = (guint8) (i * 37 % 251);
    radius[i] = (i % 3) ? 0 : NAN;
  }
  run (family, TRUE, in, radius, out);
  g_assert_cmpmem (in, sizeof in, out, sizeof out);
}

/* A ramp of signed radius through focus (a floor seen at a slant): the
 * passage from far through in focus to near shows no step; on a uniform
 * frame every unit-sum field and the fill give the uniform value. */
static void
test_ramp_through_focus_is_smooth (void)
{
  g_autoptr (SkcFamily) family = disc ();
  guint8 in[W * H], out[W * H];
  gfloat radius[W * H];

  for (gint y = 0; y < H; y++)
    for (gint x = 0; x < W; x++) {
      in[y * W + x] = 140;
      radius[y * W + x] = (gfloat) (8.0 * (x - W / 2) / (W / 2));
    }
  run (family, TRUE, in, radius, out);
  for (gint i = 0; i < W * H; i++)
    g_assert_cmpint (abs (out[i] - 140), <=, 1);
}

/* Maps no focus model gives — NaN, ±infinity, ±1e30, denormals, in random
 * places over a random frame — run without a fault, and NaN alone (in
 * focus) gives the input. */
static void
test_hostile_maps (void)
{
  g_autoptr (SkcFamily) family = disc ();
  g_autoptr (GRand) rand = g_rand_new_with_seed (11);
  const gfloat odd[] = { NAN, INFINITY, -INFINITY, 1e30f, -1e30f, 1e-40f, -1e-40f, 0, 8, -8, 1e6f };
  guint8 in[W * H], out[W * H];
  gfloat radius[W * H];

  for (guint round = 0; round < 20; round++) {
    for (gint i = 0; i < W * H; i++) {
      in[i] = (guint8) g_rand_int_range (rand, 0, 256);
      radius[i] = odd[g_rand_int_range (rand, 0, G_N_ELEMENTS (odd))];
    }
    run (family, TRUE, in, radius, out);
  }
  for (gint i = 0; i < W * H; i++)
    radius[i] = NAN;
  run (family, TRUE, in, radius, out);
  g_assert_cmpmem (in, sizeof in, out, sizeof out);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/occlusion/far-takes-no-focused-light", test_far_takes_no_focused_light);
  g_test_add_func ("/occlusion/near-spreads-over-its-outline", test_near_spreads_over_its_outline);
  g_test_add_func ("/occlusion/all-in-focus-is-the-input", test_all_in_focus_is_the_input);
  g_test_add_func ("/occlusion/ramp-through-focus-is-smooth", test_ramp_through_focus_is_smooth);
  g_test_add_func ("/occlusion/hostile-maps", test_hostile_maps);
  return g_test_run ();
}
