/* Half resolution (skc-halve.h): the 2× steps against hand-computed values
 * and a linear ramp, and large kernels run halved against the same kernel at
 * full resolution in doubles, on a photo. */
#include "skc.h"
#include "test-images.h"

#include <math.h>
#include <string.h>

static SkcPlane *
plane_from (const gint16 *v, gint w, gint h)
{
  SkcPlane *p = skc_plane_new (w, h, 1, 1);

  for (gint y = 0; y < h; y++)
    memcpy (skc_plane_row (p, y), v + y * w, sizeof (gint16) * w);
  return p;
}

static void
test_hand (void)
{
  /* 3 × 3 down to 2 × 2: the odd last column and row pair with themselves;
   * sums chosen so that rounding matters. */
  static const gint16 full[9] = { 0, 6, 8, 12, 16, 20, 24, 28, 33 };
  g_autoptr (SkcPlane) f = plane_from (full, 3, 3);
  g_autoptr (SkcPlane) h = skc_plane_new (2, 2, 1, 1);
  g_autoptr (SkcPlane) back = skc_plane_new (3, 3, 1, 1);

  skc_plane_halve (f, h, NULL);
  /* (0+6+12+16)/4 = 8.5 → 9, (8+8+20+20)/4 = 14, (24+28+24+28)/4 = 26,
   * (4·33)/4 = 33. */
  g_assert_cmpint (skc_plane_row (h, 0)[0], ==, 9);
  g_assert_cmpint (skc_plane_row (h, 0)[1], ==, 14);
  g_assert_cmpint (skc_plane_row (h, 1)[0], ==, 26);
  g_assert_cmpint (skc_plane_row (h, 1)[1], ==, 33);

  skc_plane_double (h, back, NULL);
  /* Full row 0 sits at half row −¼ (clamped to row 0), row 1 at ¼, row 2 at
   * ¾; columns alike.  (0, 0): 9.  (1, 0): ¾·9 + ¼·14 = 10.25 → 10.
   * (2, 0): ¾·14 + ¼·9 = 12.75 → 13.  (0, 1): ¾·9 + ¼·26 = 13.25 → 13.
   * (1, 1): (9·9 + 3·14 + 3·26 + 33)/16 = 14.625 → 15.
   * (2, 2): (9·33 + 3·26 + 3·14 + 9)/16 = 26.625 → 27. */
  g_assert_cmpint (skc_plane_row (back, 0)[0], ==, 9);
  g_assert_cmpint (skc_plane_row (back, 0)[1], ==, 10);
  g_assert_cmpint (skc_plane_row (back, 0)[2], ==, 13);
  g_assert_cmpint (skc_plane_row (back, 1)[0], ==, 13);
  g_assert_cmpint (skc_plane_row (back, 1)[1], ==, 15);
  g_assert_cmpint (skc_plane_row (back, 2)[2], ==, 27);
}

/* Averaging 2×2 then interpolating at the block centres reproduces any
 * linear function exactly away from the edges (both steps are exact on
 * linear functions), whatever the channel count. */
static void
test_ramp (void)
{
  for (gint c = 1; c <= 4; c++) {
    gint w = 37, hgt = 22;
    g_autoptr (SkcPlane) f = skc_plane_new (w, hgt, c, 2);
    g_autoptr (SkcPlane) h = skc_plane_new (skc_halve_size (w), skc_halve_size (hgt), c, 2);
    g_autoptr (SkcPlane) back = skc_plane_new (w, hgt, c, 2);

    for (gint y = 0; y < hgt; y++)
      for (gint x = 0; x < w; x++)
        for (gint ch = 0; ch < c; ch++)
          skc_plane_row (f, y)[x * c + ch] = (gint16) (64 * x + 32 * y + 1000 * ch);
    skc_plane_halve (f, h, NULL);
    skc_plane_double (h, back, NULL);
    for (gint y = 1; y < hgt - 2; y++)
      for (gint x = 1; x < w - 2; x++)
        for (gint ch = 0; ch < c; ch++)
          g_assert_cmpint (skc_plane_row (back, y)[x * c + ch], ==, 64 * x + 32 * y + 1000 * ch);
  }
}

/* Both steps on random planes, odd and even sizes, 1–4 channels, against
 * the definitions computed here pixel by pixel in integers: the mean of the
 * 2×2 block (edge repeated), and the bilinear weights ¼/¾ of the two half
 * samples nearest (x − ½)/2 along each axis, clamped, ÷16 rounded. */
static void
test_definition (void)
{
  static const gint sizes[][2] = { { 2, 2 }, { 3, 5 }, { 17, 8 }, { 40, 31 }, { 600, 3 } };

  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    for (gint c = 1; c <= 4; c++) {
      gint w = sizes[s][0], hgt = sizes[s][1], hw = skc_halve_size (w), hh = skc_halve_size (hgt);
      g_autoptr (SkcPlane) f = skc_plane_new (w, hgt, c, 0);
      g_autoptr (SkcPlane) h = skc_plane_new (hw, hh, c, 0);
      g_autoptr (SkcPlane) back = skc_plane_new (w, hgt, c, 0);
      guint32 r = 12345u + s * 7 + c;

      for (gint y = 0; y < hgt; y++)
        for (gint i = 0; i < w * c; i++) {
          r = r * 1103515245u + 12345u;
          skc_plane_row (f, y)[i] = (gint16) ((r >> 16) % 17000) - 300;
        }
      skc_plane_halve (f, h, NULL);
      for (gint y = 0; y < hh; y++)
        for (gint x = 0; x < hw; x++)
          for (gint ch = 0; ch < c; ch++) {
            gint sum = 0;

            for (gint k = 0; k < 4; k++)
              sum += skc_plane_row (f, MIN (2 * y + k / 2, hgt - 1))[MIN (2 * x + k % 2, w - 1) * c + ch];
            g_assert_cmpint (skc_plane_row (h, y)[x * c + ch], ==, (sum + 2) >> 2);
          }
      skc_plane_double (h, back, NULL);
      for (gint y = 0; y < hgt; y++)
        for (gint x = 0; x < w; x++)
          for (gint ch = 0; ch < c; ch++) {
            /* Full x sits at half (x − ½)/2: ¾ on half x/2, ¼ on the side x
             * came from (x even: the one before, odd: after). */
            gint nx = x / 2, fx = CLAMP (x & 1 ? nx + 1 : nx - 1, 0, hw - 1);
            gint ny = y / 2, fy = CLAMP (y & 1 ? ny + 1 : ny - 1, 0, hh - 1);
            gint v = 9 * skc_plane_row (h, ny)[nx * c + ch] + 3 * skc_plane_row (h, ny)[fx * c + ch] +
                3 * skc_plane_row (h, fy)[nx * c + ch] + skc_plane_row (h, fy)[fx * c + ch];

            g_assert_cmpint (skc_plane_row (back, y)[x * c + ch], ==, (v + 8) >> 4);
          }
    }
}

/* The photo, radius 16 (full resolution) and 24, 32, 48 (halved), against
 * the same complex at full resolution in doubles: ≥ 50 dB; every thread
 * count and engine gives the same bytes. */
static void
test_photo (void)
{
  g_autofree gchar *path = g_build_filename (g_getenv ("SKC_TEST_DATA"), "astronaut.png", NULL);
  g_autoptr (SkcImage) photo = skc_image_load (path, NULL);
  g_autoptr (SkcFamily) family = skc_preset_lookup ("hexagon", NULL);
  static const gdouble radii[] = { 16, 24, 32, 48 };

  g_assert_nonnull (photo);
  g_assert_nonnull (family);
  for (guint i = 0; i < G_N_ELEMENTS (radii); i++) {
    gint w = photo->width, h = photo->height, n = w * h * 3;
    g_autoptr (SkcComplex) c = skc_complex_copy (family->members[0]);
    g_autoptr (SkcFrameFilter) ff = skc_frame_filter_new ();
    g_autoptr (SkcFrameFilter) ff_c = skc_frame_filter_new ();
    g_autoptr (SkcImage) ref = NULL, got = skc_image_new (w, h, 3);
    g_autofree guint8 *src = g_malloc (n), *dst = g_malloc (n), *dst2 = g_malloc (n);
    SkcPool *pool = skc_pool_new (2);
    gdouble psnr;

    skc_family_eval (family, radii[i], c);
    for (gint k = 0; k < n; k++)
      src[k] = (guint8) lround (CLAMP (photo->data[k], 0, 1) * 255);
    skc_frame_filter_set_halve_radius (ff, SKC_HALVE_DEFAULT_RADIUS);
    test_run_rgb (ff, c, 1, src, dst, w, h, NULL);
    g_assert_cmpint (skc_frame_filter_halved (ff), ==, radii[i] >= SKC_HALVE_DEFAULT_RADIUS);
    for (gint k = 0; k < n; k++)
      got->data[k] = dst[k] / 255.0;
    {
      g_autoptr (SkcImage) img = skc_image_new (w, h, 3);

      for (gint k = 0; k < n; k++)
        img->data[k] = src[k] / 255.0;
      ref = skc_reference_filter_complex (img, c);
    }
    psnr = skc_image_psnr (got, ref, 1.0, 0);
    g_test_message ("hexagon r = %g, %s: %.2f dB against full resolution in doubles", radii[i],
        skc_frame_filter_halved (ff) ? "halved" : "full resolution", psnr);
    g_assert_cmpfloat (psnr, >=, 50.0);

    /* Two threads and plain C loops: the same bytes. */
    skc_frame_filter_set_halve_radius (ff_c, SKC_HALVE_DEFAULT_RADIUS);
    skc_frame_filter_set_engine (ff_c, SKC_ENGINE_C);
    test_run_rgb (ff_c, c, 1, src, dst2, w, h, pool);
    g_assert_cmpmem (dst, n, dst2, n);
    skc_pool_free (pool);
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/halve/hand", test_hand);
  g_test_add_func ("/halve/ramp", test_ramp);
  g_test_add_func ("/halve/definition", test_definition);
  g_test_add_func ("/halve/photo", test_photo);
  return g_test_run ();
}
