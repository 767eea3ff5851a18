/* libskc — the sRGB transfer in double precision. */
#include "skc-image-srgb.h"

#include <math.h>

gdouble
skc_srgb_to_linear (gdouble c)
{
  return c <= 0.04045 ? c / 12.92 : pow ((c + 0.055) / 1.055, 2.4);
}

gdouble
skc_srgb_from_linear (gdouble l)
{
  return l <= 0.0031308 ? 12.92 * l : 1.055 * pow (l, 1 / 2.4) - 0.055;
}

SkcImage *
skc_image_srgb_decode (const SkcImage *img)
{
  SkcImage *out = skc_image_copy (img);
  gsize n = (gsize) img->width * img->height * img->channels;

  for (gsize i = 0; i < n; i++)
    out->data[i] = skc_srgb_to_linear (img->data[i]);
  return out;
}

SkcImage *
skc_image_srgb_encode8 (const SkcImage *img)
{
  SkcImage *out = skc_image_copy (img);
  gsize n = (gsize) img->width * img->height * img->channels;

  for (gsize i = 0; i < n; i++)
    out->data[i] = round (255 * CLAMP (skc_srgb_from_linear (img->data[i]), 0.0, 1.0)) / 255;
  return out;
}
