/* libskc — plain double images for references, metrics and tools. */
#include "skc-image.h"

#include <math.h>
#include <string.h>

SkcImage *
skc_image_new (gint width, gint height, gint channels)
{
  SkcImage *img;

  if (width <= 0 || height <= 0 || channels < 1 || channels > 4 ||
      (gsize) width > G_MAXSIZE / sizeof (gdouble) / 4 / (gsize) height)
    return NULL;
  img = g_new0 (SkcImage, 1);
  img->width = width;
  img->height = height;
  img->channels = channels;
  img->data = g_try_new0 (gdouble, (gsize) width * height * channels);
  if (img->data == NULL) {
    g_free (img);
    return NULL;
  }
  return img;
}

SkcImage *
skc_image_copy (const SkcImage *img)
{
  SkcImage *copy = skc_image_new (img->width, img->height, img->channels);

  memcpy (copy->data, img->data, sizeof (gdouble) * img->width * img->height * img->channels);
  return copy;
}

void
skc_image_free (SkcImage *img)
{
  if (img == NULL)
    return;
  g_free (img->data);
  g_free (img);
}

gdouble
skc_image_get_clamped (const SkcImage *img, gint x, gint y, gint ch)
{
  x = CLAMP (x, 0, img->width - 1);
  y = CLAMP (y, 0, img->height - 1);
  return skc_image_at (img, x, y)[ch];
}

gdouble
skc_image_bilerp (const SkcImage *img, gdouble x, gdouble y, gint ch)
{
  gdouble fx0 = floor (x), fy0 = floor (y), fx = x - fx0, fy = y - fy0;
  gint x0 = (gint) CLAMP (fx0, -1.0, (gdouble) img->width), y0 = (gint) CLAMP (fy0, -1.0, (gdouble) img->height);

  return (1 - fy) * ((1 - fx) * skc_image_get_clamped (img, x0, y0, ch) +
      fx * skc_image_get_clamped (img, x0 + 1, y0, ch)) +
      fy * ((1 - fx) * skc_image_get_clamped (img, x0, y0 + 1, ch) +
      fx * skc_image_get_clamped (img, x0 + 1, y0 + 1, ch));
}
