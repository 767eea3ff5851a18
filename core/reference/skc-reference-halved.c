/* libskc — the halved path's double-precision definition (skc-reference-halved.h). */
#include "skc-reference-halved.h"
#include "skc-reference.h"

/* The 2×2 mean, the last odd row or column repeated. */
static SkcImage *
down (const SkcImage *src)
{
  gint w = src->width, h = src->height, ch = src->channels;
  SkcImage *half = skc_image_new ((w + 1) / 2, (h + 1) / 2, ch);

  for (gint y = 0; y < half->height; y++)
    for (gint x = 0; x < half->width; x++)
      for (gint k = 0; k < ch; k++)
        skc_image_at (half, x, y)[k] = 0.25 * (skc_image_get_clamped (src, 2 * x, 2 * y, k) +
            skc_image_get_clamped (src, 2 * x + 1, 2 * y, k) + skc_image_get_clamped (src, 2 * x, 2 * y + 1, k) +
            skc_image_get_clamped (src, 2 * x + 1, 2 * y + 1, k));
  return half;
}

/* The bilinear return to w × h at ((x − ½)/2, (y − ½)/2), clamp-to-edge. */
static SkcImage *
up (const SkcImage *filtered, gint w, gint h)
{
  gint ch = filtered->channels;
  SkcImage *out = skc_image_new (w, h, ch);

  for (gint y = 0; y < h; y++)
    for (gint x = 0; x < w; x++)
      for (gint k = 0; k < ch; k++)
        skc_image_at (out, x, y)[k] = skc_image_bilerp (filtered, (x - 0.5) / 2, (y - 0.5) / 2, k);
  return out;
}

SkcImage *
skc_reference_filter_halved (const SkcImage *src, const SkcComplex *c)
{
  g_autoptr (SkcImage) half = down (src);
  g_autoptr (SkcImage) filtered = skc_reference_filter_complex (half, c);

  return up (filtered, src->width, src->height);
}

SkcImage *
skc_reference_filter_quartered (const SkcImage *src, const SkcComplex *c)
{
  g_autoptr (SkcImage) half = down (src);
  g_autoptr (SkcImage) filtered = skc_reference_filter_halved (half, c);

  return up (filtered, src->width, src->height);
}
