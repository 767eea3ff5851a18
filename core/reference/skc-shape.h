/* libskc — target kernels: anti-aliased, unit-sum point-spread functions. */
#pragma once

#include "skc-raster.h"
#include "skc-image.h"

G_BEGIN_DECLS

typedef enum {
  SKC_SHAPE_DISC,
  SKC_SHAPE_NGON,       /* regular polygon: sides, rotation */
  SKC_SHAPE_STAR,       /* points, inner (inner radius / outer radius), rotation */
  SKC_SHAPE_HEART,
  SKC_SHAPE_RING,       /* inner (inner radius / outer radius) */
  SKC_SHAPE_GAUSSIAN,   /* sigma (px; 0 = radius / 3), truncated at radius */
  SKC_SHAPE_IMAGE,      /* a grayscale image file */
} SkcShapeKind;

typedef struct {
  SkcShapeKind kind;
  guint   sides;        /* NGON, STAR (points) */
  gdouble rotation;     /* degrees, counter-clockwise on screen */
  gdouble inner;        /* STAR, RING: ratio in (0, 1) */
  gdouble sigma;        /* GAUSSIAN: pixels, 0 = radius / 3 */
  gchar  *path;         /* IMAGE */
} SkcShapeSpec;

/* Parses "NAME[:key=value,…]".  Names: disc, ngon, triangle, square,
 * pentagon, hexagon, heptagon, octagon, star, heart, ring, gaussian,
 * image (needs path=FILE).  Keys: sides, points, rotation, inner, sigma, path.
 * Unknown names/keys and out-of-range values fail with SKC_ERROR_INVALID,
 * naming them; so does a NULL text (a preset without a shape), leaving *spec
 * cleared.  Defaults: star points=5 inner=0.5, ring inner=0.7, ngon sides=6. */
gboolean   skc_shape_spec_parse  (const gchar *text, SkcShapeSpec *spec, GError **error);
void       skc_shape_spec_clear  (SkcShapeSpec *spec);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (SkcShapeSpec, skc_shape_spec_clear)
/* Canonical text for the spec (parses back to the same spec). */
gchar     *skc_shape_spec_to_string (const SkcShapeSpec *spec);

/* Renders the PSF: the shape's support reaches `radius` pixels from the centre
 * pixel (a disc of radius R; polygons and stars with circumradius R; the heart
 * fits a circle of radius R), supersampled 16×16 per pixel for coverage,
 * upright as seen on screen (y down): a star's first point and a polygon's
 * first vertex point up (−y) at rotation 0, the heart's lobes are at the top
 * and its tip at the bottom.  Normalised to unit sum, centred on the middle pixel
 * of a (2⌈R⌉+3)² raster.  Radius must be in (0, 1024].
 * IMAGE: at the image's own pixel size when radius ≤ 0, else resampled so its
 * support reaches radius pixels. */
SkcRaster *skc_shape_render      (const SkcShapeSpec *spec, gdouble radius, GError **error);

/* A grayscale image as a PSF: centred on its centre pixel, unit sum.
 * radius ≤ 0 keeps the image's pixel size. */
SkcRaster *skc_shape_from_image  (const gchar *path, gdouble radius, GError **error);
/* The same from an image already in memory (its channel mean); errors do not
 * name a file. */
SkcRaster *skc_shape_from_pixels (const SkcImage *img, gdouble radius, GError **error);

G_END_DECLS
