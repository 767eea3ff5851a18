/* libFuzzer target: the target-image loader (PNG through libpng, PGM) and the
 * image-to-PSF path that skc-fit --shape image:path=… runs next.
 *
 * Any input must either load or fail with a GError; a loaded image must have
 * sane sizes and values in [0, 1], and a PSF made from it must have unit sum. */
#include "skc-image-file.h"
#include "skc-shape.h"
#include "skc-error.h"

#include <math.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

static void
check_psf (const SkcImage *img, gdouble radius)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SkcRaster) r = skc_shape_from_pixels (img, radius, &error);

  if (r == NULL) {
    if (error == NULL || error->domain != SKC_ERROR)
      abort ();
    return;
  }
  if (r->cx < 0 || r->cx >= r->width || r->cy < 0 || r->cy >= r->height ||
      fabs (skc_raster_sum (r) - 1) > 1e-9)
    abort ();
}

int
LLVMFuzzerTestOneInput (const guint8 *data, size_t size)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SkcImage) img = skc_image_load_data (data, size, &error);

  if (img == NULL) {
    if (error == NULL || error->domain != SKC_ERROR || error->message == NULL)
      abort ();
    return 0;
  }
  if (error != NULL || img->width < 1 || img->height < 1 || img->channels < 1 || img->channels > 4)
    abort ();
  for (gsize i = 0; i < (gsize) img->width * img->height * img->channels; i++)
    if (!(img->data[i] >= 0 && img->data[i] <= 1))
      abort ();
  /* A small radius as the fitter uses; the image's own size only when small
   * enough to stay quick. */
  check_psf (img, 3.5);
  if ((gsize) img->width * img->height <= 64 * 64)
    check_psf (img, 0);
  return 0;
}
