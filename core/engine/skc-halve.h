/* libskc — large kernels on a plane of half the resolution: the plane is
 * averaged 2×2 down, filtered with the kernel at half size, and brought back
 * up by bilinear interpolation (docs/ARCHITECTURE.md §8, "Large radii at half
 * resolution").  A kernel of radius r costs about a quarter as much this way,
 * and on photos the result stays within 50 dB of the full-resolution one for
 * r ≥ 16 (tests/core/test-halve.c). */
#pragma once

#include "skc-plane.h"
#include "skc-pool.h"

G_BEGIN_DECLS

/* The radius from which the element runs a fixed kernel at half resolution,
 * chosen by measurement (docs/ARCHITECTURE.md §8). */
#define SKC_HALVE_DEFAULT_RADIUS 24.0

/* The size of the half plane for a full plane of w × h: ⌈w/2⌉ × ⌈h/2⌉. */
static inline gint
skc_halve_size (gint n)
{
  return (n + 1) / 2;
}

/* The factor a w × h plane takes when factor (1, 2, 4) is asked: 4 needs
 * 3 × 3 (a half plane of 2 × 2 to halve again), 2 needs 2 × 2, else 1. */
static inline guint
skc_decimation_fitting (guint factor, gint w, gint h)
{
  return factor >= 4 && w >= 3 && h >= 3 ? 4 : factor >= 2 && w >= 2 && h >= 2 ? 2 : 1;
}

/* A side of n pixels on the plane factor (1, 2, 4) times coarser. */
static inline gint
skc_decimated_size (gint n, guint factor)
{
  for (guint f = factor; f > 1; f /= 2)
    n = skc_halve_size (n);
  return n;
}

/* half(x, y) = the rounded mean of full's 2×2 block at (2x, 2y), the last
 * odd row or column repeated; half must be skc_halve_size of full, with the
 * same channels.  Rows in stripes on pool (NULL: this thread). */
void skc_plane_halve  (const SkcPlane *full, SkcPlane *half, SkcPool *pool);

/* The inverse step: full(x, y) = half bilinearly at ((x − ½)/2, (y − ½)/2),
 * which puts every half sample at the centre of the 2×2 block it came from
 * (weights ¼, ¾ along each axis; clamp to edge).  Rounded to nearest. */
void skc_plane_double (const SkcPlane *half, SkcPlane *full, SkcPool *pool);

/* The rows of both steps, for passes that fuse them with others
 * (skc-sweep.c): half row out from full rows a and b (the rows 2y and
 * 2y + 1, or 2y twice for an odd last row) of full_width pixels; and full
 * row y of full_width pixels from half, t scratch for
 * SKC_DOUBLE_SCRATCH (half->width, channels) sums.  The steps above are
 * these, row by row. */
#define SKC_DOUBLE_SCRATCH(half_width, channels) (((gsize) (half_width) + 2) * (channels))
void skc_halve_row    (const gint16 *a, const gint16 *b, gint16 *out, gint full_width, gint channels);
void skc_double_row   (const SkcPlane *half, gint y, gint full_width, gint32 *t, gint16 *out);

G_END_DECLS
