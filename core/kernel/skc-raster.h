/* libskc — a small double-precision raster holding a kernel centred on a pixel.
 *
 * Pixel (x, y) holds the kernel's value at displacement (x - cx, y - cy).
 * Kernels are stored as point-spread functions (what one bright pixel becomes);
 * a gather tap at offset o appears in a PSF raster at -o.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  gint     width, height;
  gint     cx, cy;        /* pixel that holds displacement (0, 0) */
  gdouble *data;          /* row-major, width × height */
} SkcRaster;

/* A zeroed raster; width/height > 0 and ≤ 16384, else NULL. */
SkcRaster *skc_raster_new      (gint width, gint height, gint cx, gint cy);
/* A zeroed (2rx+1) × (2ry+1) raster centred on its middle pixel. */
SkcRaster *skc_raster_new_centred (gint rx, gint ry);
SkcRaster *skc_raster_copy     (const SkcRaster *r);
void       skc_raster_free     (SkcRaster *r);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SkcRaster, skc_raster_free)

static inline gdouble *
skc_raster_at (const SkcRaster *r, gint x, gint y)
{
  return r->data + (gsize) y * r->width + x;
}

/* Value at displacement (dx, dy); 0 outside the raster. */
gdouble    skc_raster_get      (const SkcRaster *r, gint dx, gint dy);
gdouble    skc_raster_sum      (const SkcRaster *r);
gdouble    skc_raster_max      (const SkcRaster *r);
void       skc_raster_scale    (SkcRaster *r, gdouble s);
/* Copy of src resampled onto the frame of like (same size and centre), zero
 * where src has nothing. */
SkcRaster *skc_raster_reframe  (const SkcRaster *src, const SkcRaster *like);
/* Half-widths of the smallest centred box holding every |value| > eps. */
void       skc_raster_extent   (const SkcRaster *r, gdouble eps, gint *rx, gint *ry);

/* Add w bilinearly at displacement (px, py); parts outside are dropped. */
void       skc_raster_splat    (SkcRaster *r, gdouble px, gdouble py, gdouble w);

/* Full discrete convolution a * b; the result's centre is the sum of centres. */
SkcRaster *skc_raster_convolve (const SkcRaster *a, const SkcRaster *b);

/* PSNR of a against the reference b, peak = max of b: 10·log10(peak² / MSE)
 * where MSE = (squared error summed over the union of both frames) / (pixels
 * in b's frame), so the figure does not depend on a's canvas size but still
 * charges every bit of a that falls outside b.  +inf for identical rasters. */
gdouble    skc_raster_psnr     (const SkcRaster *a, const SkcRaster *b);

G_END_DECLS
