/* The cat's-eye per-pixel reference shared by the core and element tests:
 * each pixel gathers, layer by layer in doubles, with its own kernel built as
 * documented (skc_catseye_complex at its radius and clip, turned by its
 * angle) — skc_reference_filter_varying with the pixel's index as parameter. */
#pragma once

#include "skc.h"

typedef struct {
  const SkcFamily *family, *lens;
  const gfloat *radius, *angle, *clip;   /* per pixel */
  gdouble turn;
} TestCatseyePixels;

static inline SkcComplex *
test_catseye_pixel (gdouble p, gpointer data)
{
  const TestCatseyePixels *cp = data;
  gsize i = (gsize) p;
  SkcComplex *c = skc_catseye_complex (cp->family, cp->lens, SKC_CATSEYE_LENS_RADIUS, cp->radius[i], cp->clip[i], cp->turn);

  skc_complex_rotate (c, cp->angle[i]);
  return c;
}

/* lens: the built-in lens family (presets/clip/catseye.skc), or NULL for the
 * squeeze. */
static inline SkcImage *
test_catseye_reference (const SkcImage *in, const SkcFamily *family, const SkcFamily *lens, const gfloat *radius,
    const gfloat *angle, const gfloat *clip, gdouble turn)
{
  TestCatseyePixels cp = { family, lens, radius, angle, clip, turn };
  g_autoptr (SkcImage) index = skc_image_new (in->width, in->height, 1);

  for (gint i = 0; i < in->width * in->height; i++)
    index->data[i] = i;
  return skc_reference_filter_varying (in, index, test_catseye_pixel, &cp);
}
