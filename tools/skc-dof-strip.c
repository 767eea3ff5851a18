/* skc-dof-scenes' pictures (see skc-dof-strip.h). */
#include "skc-dof-strip.h"

#define GAP 6

gboolean
skc_dof_strip_write (const gchar *path, SkcImage **images, guint n, gint x, gint y, gint w, gint h,
    gint zoom, GError **error)
{
  g_autoptr (SkcImage) strip = NULL;
  gint W, H;

  if (n == 0 || zoom < 1 || zoom > 16 || w < 1 || h < 1) {
    g_set_error (error, SKC_ERROR, SKC_ERROR_INVALID, "strip: nothing to draw (images, crop or zoom)");
    return FALSE;
  }
  for (guint i = 1; i < n; i++)
    if (images[i]->width != images[0]->width || images[i]->height != images[0]->height) {
      g_set_error (error, SKC_ERROR, SKC_ERROR_INVALID, "strip: image %u is %d×%d, the first %d×%d", i + 1,
          images[i]->width, images[i]->height, images[0]->width, images[0]->height);
      return FALSE;
    }
  /* The crop within the frame. */
  x = CLAMP (x, 0, images[0]->width - 1);
  y = CLAMP (y, 0, images[0]->height - 1);
  w = MIN (w, images[0]->width - x);
  h = MIN (h, images[0]->height - y);
  W = (gint) n * w * zoom + (gint) (n - 1) * GAP;
  H = h * zoom;
  strip = skc_image_new (W, H, 3);
  if (strip == NULL) {
    g_set_error (error, SKC_ERROR, SKC_ERROR_INVALID, "strip: %d×%d is too large", W, H);
    return FALSE;
  }
  for (gsize k = 0; k < (gsize) W * H * 3; k++)
    strip->data[k] = 1;
  for (guint i = 0; i < n; i++) {
    const SkcImage *img = images[i];
    gint left = (gint) i * (w * zoom + GAP);

    for (gint Y = 0; Y < H; Y++)
      for (gint X = 0; X < w * zoom; X++) {
        const gdouble *src = skc_image_at (img, x + X / zoom, y + Y / zoom);
        gdouble *dst = skc_image_at (strip, left + X, Y);

        for (gint c = 0; c < 3; c++)
          dst[c] = src[img->channels >= 3 ? c : 0];
      }
  }
  return skc_image_save_png (strip, path, error);
}
