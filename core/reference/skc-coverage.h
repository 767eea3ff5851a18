/* libskc — exact pixel coverage of the oriented target shapes (the 2-D
 * variance truths): how much of each pixel's square a stretched, turned disc
 * or line covers, by exact geometry rather than by sampling. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  /* Disc of radius r stretched by aspect along its x axis: the ellipse with
   * semi-axes aspect·r (x) and r (y). */
  SKC_ORIENTED_DISC,
  /* The motion line: a segment along x from −aspect·r to +aspect·r, one pixel
   * wide — the rectangle [−aspect·r, aspect·r] × [−½, ½]. */
  SKC_ORIENTED_LINE,
} SkcOrientedShape;

/* The shape at one radius, angle and aspect, ready to measure. */
typedef struct {
  SkcOrientedShape shape;
  gdouble cs, sn;         /* the turn */
  gdouble hx, hy;         /* half-axes along the shape's own x and y */
  gdouble qa, qb, qc;     /* DISC: the ellipse as qa·x² + 2·qb·x·y + qc·y² ≤ 1 on screen */
  gdouble h;              /* DISC clipped: each disc's centre offset, in its own radii (clip / 2) */
  gdouble ex, ey;         /* … that offset (along the shape's x axis) on screen, px */
  gdouble xext, yext;     /* largest |x|, |y| the shape reaches on screen */
} SkcCoverage;

/* Pixels x right and y down, the shape centred on (0, 0), turned by
 * angle_deg counter-clockwise on screen after the stretch (the turn of
 * skc_complex_rotate).  radius and aspect must be > 0 and finite. */
void    skc_coverage_init  (SkcCoverage *cov, SkcOrientedShape shape, gdouble radius,
                            gdouble angle_deg, gdouble aspect);

/* The cat's eye (docs/ARCHITECTURE.md §10): the disc (shape DISC only)
 * intersected with an equal disc, the two centred at ∓clip/2 radii along the
 * shape's x axis — a lens centred on (0, 0), (2 − clip)·r wide along that
 * axis and √(4 − clip²)·r across, stretched and turned as the disc.  clip in
 * [0, 2); 0 is skc_coverage_init. */
void    skc_coverage_init_clipped (SkcCoverage *cov, SkcOrientedShape shape, gdouble radius,
                                   gdouble angle_deg, gdouble aspect, gdouble clip);

/* Area of the shape inside the pixel square [x − ½, x + ½] × [y − ½, y + ½],
 * exact up to rounding. */
gdouble skc_coverage_pixel (const SkcCoverage *cov, gint x, gint y);

/* The coverage of pixels x0 … x0 + n − 1 of row y into out: skc_coverage_pixel's
 * values (to rounding: a pixel wholly inside is exactly 1, outside exactly 0),
 * but those pixels are found from the shape's chords along the row's edges,
 * so only the pixels the outline crosses cost the exact computation. */
void    skc_coverage_row   (const SkcCoverage *cov, gint y, gint x0, gint n, gdouble *out);

G_END_DECLS
