/* Helpers shared by the core tests: images of known content. */
#pragma once

#include "skc.h"

#include <math.h>

/* Uniform random samples in [0, 1), reproducible from the seed. */
static inline SkcImage *
test_random_image (gint w, gint h, gint c, guint32 seed)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (seed);
  SkcImage *img = skc_image_new (w, h, c);

  for (gsize i = 0; i < (gsize) w * h * c; i++)
    img->data[i] = g_rand_double (rand);
  return img;
}

/* Every sample v. */
static inline SkcImage *
test_constant_image (gint w, gint h, gint c, gdouble v)
{
  SkcImage *img = skc_image_new (w, h, c);

  for (gsize i = 0; i < (gsize) w * h * c; i++)
    img->data[i] = v;
  return img;
}

/* A built-in preset; the test fails if it does not load. */
static inline SkcFamily *
test_preset (const gchar *name)
{
  SkcFamily *f = skc_preset_lookup (name, NULL);

  g_assert_nonnull (f);
  return f;
}

/* A w × h crop of the bundled coffee photo (from 200, 120) as interleaved
 * 8-bit samples, channel c taking the photo's channel c mod 3. */
static inline guint8 *
test_photo_u8 (gint w, gint h, gint channels)
{
  g_autofree gchar *path = g_build_filename (g_getenv ("SKC_TEST_DATA"), "coffee.png", NULL);
  g_autoptr (SkcImage) photo = skc_image_load (path, NULL);
  guint8 *px = g_malloc ((gsize) w * h * channels);

  g_assert_nonnull (photo);
  for (gint y = 0; y < h; y++)
    for (gint x = 0; x < w; x++)
      for (gint c = 0; c < channels; c++)
        px[(y * w + x) * channels + c] = (guint8) round (skc_image_at (photo, 200 + x, 120 + y)[c % 3] * 255);
  return px;
}

/* w × h packed RGB 8-bit frames src → dst (stride 3w) through ff's fixed
 * path: skc_frame_filter_run_quartered at decimation 4 (c in quarter
 * pixels), skc_frame_filter_run_halved at 2 (half pixels), else
 * skc_frame_filter_run. */
static inline void
test_run_rgb (SkcFrameFilter *ff, const SkcComplex *c, guint decimation, const guint8 *src, guint8 *dst, gint w,
    gint h, SkcPool *pool)
{
  guint8 *in_data[1] = { (guint8 *) src }, *out_data[1] = { dst };
  gsize stride[1] = { (gsize) w * 3 };
  SkcFrame in, out;

  g_assert_true (skc_frame_init (&in, SKC_LAYOUT_PACKED, w, h, 3, 0x7, in_data, stride));
  g_assert_true (skc_frame_init (&out, SKC_LAYOUT_PACKED, w, h, 3, 0x7, out_data, stride));
  if (decimation == 4)
    g_assert_true (skc_frame_filter_run_quartered (ff, c, &in, &out, SKC_PRECISION_32, FALSE, pool, NULL));
  else if (decimation == 2)
    g_assert_true (skc_frame_filter_run_halved (ff, c, &in, &out, SKC_PRECISION_32, FALSE, pool, NULL));
  else
    g_assert_true (skc_frame_filter_run (ff, c, &in, &out, SKC_PRECISION_32, FALSE, pool, NULL));
}
