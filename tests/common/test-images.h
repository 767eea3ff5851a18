/* Helpers shared by the core tests: images of known content. */
#pragma once

#include "skc.h"

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
