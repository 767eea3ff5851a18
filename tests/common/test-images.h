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
