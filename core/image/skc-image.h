/* libskc — a plain multi-channel double image, the currency of the reference
 * paths, metrics and tools (the fast engine has its own planes). */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  gint     width, height, channels;   /* channels 1..4, interleaved */
  gdouble *data;                      /* row-major, width × height × channels */
} SkcImage;

/* Zeroed image; NULL if a size is ≤ 0, channels ∉ 1..4 or the total overflows. */
SkcImage *skc_image_new   (gint width, gint height, gint channels);
SkcImage *skc_image_copy  (const SkcImage *img);
void      skc_image_free  (SkcImage *img);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SkcImage, skc_image_free)

static inline gdouble *
skc_image_at (const SkcImage *img, gint x, gint y)
{
  return img->data + ((gsize) y * img->width + x) * img->channels;
}

/* Clamp-to-edge sample of channel ch at integer (x, y). */
gdouble   skc_image_get_clamped (const SkcImage *img, gint x, gint y, gint ch);
/* Bilinear sample of channel ch at real (x, y), clamp-to-edge. */
gdouble   skc_image_bilerp      (const SkcImage *img, gdouble x, gdouble y, gint ch);

/* As 8-bit interleaved samples of `channels` (1..4) a pixel: each value ×
 * 255 rounded and clamped, channels the image lacks opaque (255) — a frame
 * as the engine and the element take it.  g_free the result. */
guint8   *skc_image_to_u8       (const SkcImage *img, gint channels);
/* The first `channels` of 8-bit interleaved pixels `stride` samples apart,
 * as codes / 255; NULL on bad sizes or channels > stride. */
SkcImage *skc_image_from_u8     (const guint8 *px, gint width, gint height, gint stride, gint channels);

G_END_DECLS
