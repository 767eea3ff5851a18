/* libskc — plain double images for references, metrics and tools. */
#include "skc-image.h"

#include <math.h>
#include <string.h>

/* Number of samples, or 0 when the sizes are out of range or the byte count
 * would not fit in a gsize. */
static gsize
skc_image_n_samples (gint width, gint height, gint channels)
{
  if (width <= 0 || height <= 0 || channels < 1 || channels > 4)
    return 0;
  if ((gsize) width > G_MAXSIZE / sizeof (gdouble) / (gsize) channels / (gsize) height)
    return 0;
  return (gsize) width * (gsize) height * (gsize) channels;
}

SkcImage *
skc_image_new (gint width, gint height, gint channels)
{
  gsize n = skc_image_n_samples (width, height, channels);
  SkcImage *img;

  if (n == 0)
    return NULL;
  img = g_new0 (SkcImage, 1);
  img->width = width;
  img->height = height;
  img->channels = channels;
  /* g_try_: a frame too large for memory is a NULL result, not an abort. */
  img->data = g_try_new0 (gdouble, n);
  if (img->data == NULL) {
    g_free (img);
    return NULL;
  }
  return img;
}

SkcImage *
skc_image_copy (const SkcImage *img)
{
  SkcImage *copy;

  g_return_val_if_fail (img != NULL, NULL);
  copy = skc_image_new (img->width, img->height, img->channels);
  if (copy)
    memcpy (copy->data, img->data,
        sizeof (gdouble) * skc_image_n_samples (img->width, img->height, img->channels));
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

static inline gdouble
skc_image_clamped (const SkcImage *img, gint x, gint y, gint ch)
{
  x = CLAMP (x, 0, img->width - 1);
  y = CLAMP (y, 0, img->height - 1);
  return skc_image_at (img, x, y)[ch];
}

gdouble
skc_image_get_clamped (const SkcImage *img, gint x, gint y, gint ch)
{
  g_return_val_if_fail (ch >= 0 && ch < img->channels, NAN);
  return skc_image_clamped (img, x, y, ch);
}

gdouble
skc_image_bilerp (const SkcImage *img, gdouble x, gdouble y, gint ch)
{
  gdouble fx0, fy0, fx, fy;
  gint x0, y0;

  g_return_val_if_fail (ch >= 0 && ch < img->channels, NAN);
  if (isnan (x) || isnan (y))
    return NAN;
  /* Beyond one pixel outside, every neighbour clamps to the edge anyway;
   * clamping the coordinate first keeps the integer conversion defined. */
  x = CLAMP (x, -1.0, (gdouble) img->width);
  y = CLAMP (y, -1.0, (gdouble) img->height);
  fx0 = floor (x);
  fy0 = floor (y);
  fx = x - fx0;
  fy = y - fy0;
  x0 = (gint) fx0;
  y0 = (gint) fy0;
  return (1 - fy) * ((1 - fx) * skc_image_clamped (img, x0, y0, ch) +
      fx * skc_image_clamped (img, x0 + 1, y0, ch)) +
      fy * ((1 - fx) * skc_image_clamped (img, x0, y0 + 1, ch) +
      fx * skc_image_clamped (img, x0 + 1, y0 + 1, ch));
}

guint8 *
skc_image_to_u8 (const SkcImage *img, gint channels)
{
  gsize n = (gsize) img->width * img->height;
  guint8 *px;

  g_return_val_if_fail (channels >= 1 && channels <= 4, NULL);
  px = g_malloc (n * channels);
  for (gsize i = 0; i < n; i++)
    for (gint c = 0; c < channels; c++)
      px[i * channels + c] = c < img->channels ?
          (guint8) CLAMP (lround (img->data[i * img->channels + c] * 255), 0, 255) : 255;
  return px;
}

SkcImage *
skc_image_from_u8 (const guint8 *px, gint width, gint height, gint stride, gint channels)
{
  SkcImage *img = channels <= stride ? skc_image_new (width, height, channels) : NULL;

  if (img == NULL)
    return NULL;
  for (gsize i = 0; i < (gsize) width * height; i++)
    for (gint c = 0; c < channels; c++)
      img->data[i * channels + c] = px[i * stride + c] / 255.0;
  return img;
}
