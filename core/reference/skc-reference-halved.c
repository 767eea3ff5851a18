/* libskc — the halved path's double-precision definition (skc-reference-halved.h). */
#include "skc-reference-halved.h"
#include "skc-reference.h"

SkcImage *
skc_reference_filter_halved (const SkcImage *src, const SkcComplex *c)
{
  gint w = src->width, h = src->height, ch = src->channels;
  g_autoptr (SkcImage) half = skc_image_new ((w + 1) / 2, (h + 1) / 2, ch);
  g_autoptr (SkcImage) filtered = NULL;
  SkcImage *out = skc_image_new (w, h, ch);

  for (gint y = 0; y < half->height; y++)
    for (gint x = 0; x < half->width; x++)
      for (gint k = 0; k < ch; k++)
        skc_image_at (half, x, y)[k] = 0.25 * (skc_image_get_clamped (src, 2 * x, 2 * y, k) +
            skc_image_get_clamped (src, 2 * x + 1, 2 * y, k) + skc_image_get_clamped (src, 2 * x, 2 * y + 1, k) +
            skc_image_get_clamped (src, 2 * x + 1, 2 * y + 1, k));
  filtered = skc_reference_filter_complex (half, c);
  for (gint y = 0; y < h; y++)
    for (gint x = 0; x < w; x++)
      for (gint k = 0; k < ch; k++)
        skc_image_at (out, x, y)[k] = skc_image_bilerp (filtered, (x - 0.5) / 2, (y - 0.5) / 2, k);
  return out;
}
