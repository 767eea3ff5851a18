/* libskc — exact pixel coverage of the oriented target shapes.
 *
 * A pixel square is taken into the shape's own frame (the turn undone).
 * The line's rectangle is then axis-aligned, so the square clipped by its
 * four sides is a convex polygon whose area is the coverage (shoelace).  The
 * disc's ellipse becomes the unit circle once each axis is divided by its
 * half-axis (area scales by hx·hy), and the area of a convex polygon inside
 * the unit circle is the sum over its edges of the signed area of triangle
 * (0, a, b) ∩ circle: triangles where the edge runs inside, circular sectors
 * where it runs outside.  No sampling, so the truth is the limit of
 * skc-shape's 16 × 16 supersampled coverage, and turning by 90° is a
 * transpose up to rounding.
 *
 * The cat's eye, two unit circles centred at (∓h, 0) in that frame, is as
 * exact: a point left of x = 0 is nearer the left centre, so it lies in the
 * left circle whenever it lies in the right one, and the lens left of x = 0
 * is the right circle there (and mirrored).  The square cut at x = 0 gives
 * two convex polygons, each measured against one circle as above. */
#include "skc-coverage.h"

#include <math.h>

#define MAX_POLY 12     /* a square clipped by four half-planes: ≤ 8 vertices */

typedef struct {
  gdouble x, y;
} Pt;

void
skc_coverage_init (SkcCoverage *cov, SkcOrientedShape shape, gdouble radius, gdouble angle_deg,
    gdouble aspect)
{
  gdouble a = angle_deg * G_PI / 180.0, cs = cos (a), sn = sin (a);

  *cov = (SkcCoverage) { shape, cs, sn, aspect * radius, shape == SKC_ORIENTED_LINE ? 0.5 : radius };
  if (shape == SKC_ORIENTED_DISC) {
    /* The shape frame is q = (cs·x − sn·y, sn·x + cs·y) (skc_complex_rotate
     * maps q to the screen; this is its inverse), and the ellipse is
     * (qx/hx)² + (qy/hy)² ≤ 1 there. */
    gdouble ix = 1 / (cov->hx * cov->hx), iy = 1 / (cov->hy * cov->hy);

    cov->qa = cs * cs * ix + sn * sn * iy;
    cov->qb = cs * sn * (iy - ix);
    cov->qc = sn * sn * ix + cs * cs * iy;
    /* Extremes of a quadratic form's ellipse: sqrt(qc / det) with
     * det = 1 / (hx·hy)², and likewise for y. */
    cov->xext = sqrt (cov->qc) * cov->hx * cov->hy;
    cov->yext = sqrt (cov->qa) * cov->hx * cov->hy;
  } else {
    cov->xext = cov->hx * fabs (cs) + cov->hy * fabs (sn);
    cov->yext = cov->hx * fabs (sn) + cov->hy * fabs (cs);
  }
}

void
skc_coverage_init_clipped (SkcCoverage *cov, SkcOrientedShape shape, gdouble radius, gdouble angle_deg,
    gdouble aspect, gdouble amount)
{
  skc_coverage_init (cov, shape, radius, angle_deg, aspect);
  if (shape != SKC_ORIENTED_DISC || !(amount > 0))
    return;
  /* The lens lies inside the unclipped ellipse (for |p ∓ h| ≤ 1,
   * |p|² = ½(|p − h|² + |p + h|²) − h² < 1), so its extents stand. */
  cov->h = 0.5 * amount;
  cov->ex = cov->cs * cov->h * cov->hx;
  cov->ey = -cov->sn * cov->h * cov->hx;
}

static Pt
to_shape (const SkcCoverage *cov, gdouble x, gdouble y)
{
  return (Pt) { cov->cs * x - cov->sn * y, cov->sn * x + cov->cs * y };
}

/* Sutherland–Hodgman against n·q ≤ c: keeps the inside part of a convex
 * polygon. */
static guint
clip (const Pt *in, guint n, gdouble nx, gdouble ny, gdouble c, Pt *out)
{
  guint m = 0;

  for (guint i = 0; i < n; i++) {
    Pt p = in[i], q = in[(i + 1) % n];
    gdouble fp = nx * p.x + ny * p.y - c, fq = nx * q.x + ny * q.y - c;

    if (fp <= 0)
      out[m++] = p;
    if ((fp < 0 && fq > 0) || (fp > 0 && fq < 0)) {
      gdouble t = fp / (fp - fq);

      out[m++] = (Pt) { p.x + t * (q.x - p.x), p.y + t * (q.y - p.y) };
    }
  }
  return m;
}

static gdouble
shoelace (const Pt *v, guint n)
{
  gdouble s = 0;

  for (guint i = 0; i < n; i++) {
    const Pt *p = &v[i], *q = &v[(i + 1) % n];

    s += p->x * q->y - q->x * p->y;
  }
  return 0.5 * fabs (s);
}

/* Signed area of the unit circle's sector between directions a and b. */
static gdouble
sector (Pt a, Pt b)
{
  return 0.5 * atan2 (a.x * b.y - a.y * b.x, a.x * b.x + a.y * b.y);
}

/* Signed area of triangle (0, a, b) ∩ unit circle: the edge a → b splits at
 * its crossings with the circle into pieces outside (sectors) and one inside
 * (a triangle). */
static gdouble
edge_in_circle (Pt a, Pt b)
{
  gdouble dx = b.x - a.x, dy = b.y - a.y;
  gdouble dd = dx * dx + dy * dy, pd = a.x * dx + a.y * dy, pp = a.x * a.x + a.y * a.y;
  gdouble disc, s, t1, t2, area = 0;
  Pt m1, m2;

  if (dd == 0)
    return 0;
  disc = pd * pd - dd * (pp - 1);
  if (disc <= 0)
    return sector (a, b);
  s = sqrt (disc);
  t1 = CLAMP ((-pd - s) / dd, 0.0, 1.0);
  t2 = CLAMP ((-pd + s) / dd, 0.0, 1.0);
  m1 = (Pt) { a.x + t1 * dx, a.y + t1 * dy };
  m2 = (Pt) { a.x + t2 * dx, a.y + t2 * dy };
  /* Pieces of zero length add nothing: skip their trigonometry. */
  if (t1 > 0)
    area += sector (a, m1);
  area += 0.5 * (m1.x * m2.y - m1.y * m2.x);
  if (t2 < 1)
    area += sector (m2, b);
  return area;
}

/* Area of convex polygon v (in the unit-circle frame) inside the unit
 * circle centred at (cx, 0). */
static gdouble
poly_in_circle (const Pt *v, guint n, gdouble cx)
{
  gdouble s = 0;

  for (guint k = 0; k < n; k++) {
    Pt a = { v[k].x - cx, v[k].y }, b = { v[(k + 1) % n].x - cx, v[(k + 1) % n].y };

    s += edge_in_circle (a, b);
  }
  return fabs (s);
}

/* The lens: left of x = 0 the circle at +h bounds it, right of it the one
 * at −h (see the top of the file). */
static gdouble
lens_pixel (const SkcCoverage *cov, const Pt *sq)
{
  Pt u[4], p[MAX_POLY];
  gdouble area = 0;
  guint n;

  for (gint k = 0; k < 4; k++)
    u[k] = (Pt) { sq[k].x / cov->hx, sq[k].y / cov->hy };
  n = clip (u, 4, 1, 0, 0, p);
  if (n >= 3)
    area += poly_in_circle (p, n, cov->h);
  n = clip (u, 4, -1, 0, 0, p);
  if (n >= 3)
    area += poly_in_circle (p, n, -cov->h);
  return area * cov->hx * cov->hy;
}

gdouble
skc_coverage_pixel (const SkcCoverage *cov, gint x, gint y)
{
  const gdouble cx[4] = { -0.5, 0.5, 0.5, -0.5 }, cy[4] = { -0.5, -0.5, 0.5, 0.5 };
  Pt sq[4];

  for (gint k = 0; k < 4; k++)
    sq[k] = to_shape (cov, x + cx[k], y + cy[k]);
  if (cov->shape == SKC_ORIENTED_DISC && cov->h > 0) {
    return lens_pixel (cov, sq);
  } else if (cov->shape == SKC_ORIENTED_DISC) {
    gdouble s = 0;

    for (gint k = 0; k < 4; k++) {
      Pt a = { sq[k].x / cov->hx, sq[k].y / cov->hy };
      Pt b = { sq[(k + 1) % 4].x / cov->hx, sq[(k + 1) % 4].y / cov->hy };

      s += edge_in_circle (a, b);
    }
    return fabs (s) * cov->hx * cov->hy;
  } else {
    Pt p[MAX_POLY], q[MAX_POLY];
    guint n;

    n = clip (sq, 4, 1, 0, cov->hx, p);
    n = clip (p, n, -1, 0, cov->hx, q);
    n = clip (q, n, 0, 1, cov->hy, p);
    n = clip (p, n, 0, -1, cov->hy, q);
    return n < 3 ? 0 : shoelace (q, n);
  }
}

/* The shape's chord along the horizontal line at height y, as [*lo, *hi];
 * FALSE if the line misses it. */
static gboolean
ellipse_chord (const SkcCoverage *cov, gdouble y, gdouble *lo, gdouble *hi)
{
  /* qa·x² + 2·qb·y·x + qc·y² − 1 = 0 */
  gdouble d = cov->qb * cov->qb * y * y - cov->qa * (cov->qc * y * y - 1);

  if (d < 0)
    return FALSE;
  *lo = (-cov->qb * y - sqrt (d)) / cov->qa;
  *hi = (-cov->qb * y + sqrt (d)) / cov->qa;
  return TRUE;
}

static gboolean
chord (const SkcCoverage *cov, gdouble y, gdouble *lo, gdouble *hi)
{
  if (cov->shape == SKC_ORIENTED_DISC && cov->h > 0) {
    /* The lens: where the chords of the two shifted ellipses overlap. */
    gdouble l0, h0, l1, h1;

    if (!ellipse_chord (cov, y - cov->ey, &l0, &h0) || !ellipse_chord (cov, y + cov->ey, &l1, &h1))
      return FALSE;
    *lo = MAX (l0 + cov->ex, l1 - cov->ex);
    *hi = MIN (h0 + cov->ex, h1 - cov->ex);
    return *lo <= *hi;
  } else if (cov->shape == SKC_ORIENTED_DISC) {
    return ellipse_chord (cov, y, lo, hi);
  } else {
    /* |cs·x − sn·y| ≤ hx and |sn·x + cs·y| ≤ hy: each an interval in x, or
     * all of it or none when its coefficient vanishes. */
    const gdouble k[2] = { cov->cs, cov->sn }, c0[2] = { -cov->sn * y, cov->cs * y };
    const gdouble h[2] = { cov->hx, cov->hy };

    *lo = -G_MAXDOUBLE;
    *hi = G_MAXDOUBLE;
    for (gint i = 0; i < 2; i++) {
      if (k[i] == 0) {
        if (fabs (c0[i]) > h[i])
          return FALSE;
        continue;
      }
      {
        gdouble e0 = (-h[i] - c0[i]) / k[i], e1 = (h[i] - c0[i]) / k[i];

        *lo = MAX (*lo, MIN (e0, e1));
        *hi = MIN (*hi, MAX (e0, e1));
      }
    }
    return *lo <= *hi;
  }
}

static gboolean
in_ellipse (const SkcCoverage *cov, gdouble x, gdouble y)
{
  return cov->qa * x * x + 2 * cov->qb * x * y + cov->qc * y * y <= 1 + 1e-9;
}

/* The lens's candidates for its leftmost and rightmost points: each shifted
 * ellipse's own extremes that lie in the other, and the two cusps. */
static guint
lens_extremes (const SkcCoverage *cov, Pt *pts)
{
  gdouble yr = -cov->qb * cov->xext / cov->qc, cusp = cov->hy * sqrt (1 - cov->h * cov->h);
  guint n = 0;

  for (gint e = 0; e < 2; e++) {
    gdouble sx = e ? -cov->ex : cov->ex, sy = e ? -cov->ey : cov->ey;

    for (gint side = 0; side < 2; side++) {
      gdouble px = (side ? -cov->xext : cov->xext) + sx, py = (side ? -yr : yr) + sy;

      /* The other ellipse is centred at (−sx, −sy). */
      if (in_ellipse (cov, px + sx, py + sy))
        pts[n++] = (Pt) { px, py };
    }
  }
  pts[n++] = (Pt) { cov->sn * cusp, cov->cs * cusp };
  pts[n++] = (Pt) { -cov->sn * cusp, -cov->cs * cusp };
  return n;
}

/* x-range of the shape within the band [y0, y1]: the chords at the band's
 * edges and the shape's leftmost and rightmost points (the ellipse's
 * extremes, the rectangle's corners) that lie in the band.  The part of a
 * convex shape in a band is convex, so its extremes are among these. */
static gboolean
band (const SkcCoverage *cov, gdouble y0, gdouble y1, gdouble *lo, gdouble *hi)
{
  gdouble l, h;
  gboolean any = FALSE;
  Pt pts[6];
  guint n = 0;

  *lo = G_MAXDOUBLE;
  *hi = -G_MAXDOUBLE;
  for (gint e = 0; e < 2; e++)
    if (chord (cov, e ? y1 : y0, &l, &h)) {
      *lo = MIN (*lo, l);
      *hi = MAX (*hi, h);
      any = TRUE;
    }
  if (cov->shape == SKC_ORIENTED_DISC && cov->h > 0) {
    n = lens_extremes (cov, pts);
  } else if (cov->shape == SKC_ORIENTED_DISC) {
    /* The rightmost point (xext, −qb·xext / qc), the leftmost its mirror. */
    gdouble yr = -cov->qb * cov->xext / cov->qc;

    pts[n++] = (Pt) { cov->xext, yr };
    pts[n++] = (Pt) { -cov->xext, -yr };
  } else {
    for (gint k = 0; k < 4; k++) {
      gdouble qx = (k & 1) ? cov->hx : -cov->hx, qy = (k & 2) ? cov->hy : -cov->hy;

      /* Screen point of shape-frame q: the turn of skc_complex_rotate. */
      pts[n++] = (Pt) { cov->cs * qx + cov->sn * qy, -cov->sn * qx + cov->cs * qy };
    }
  }
  for (guint i = 0; i < n; i++)
    if (pts[i].y >= y0 && pts[i].y <= y1) {
      *lo = MIN (*lo, pts[i].x);
      *hi = MAX (*hi, pts[i].x);
      any = TRUE;
    }
  return any;
}

void
skc_coverage_row (const SkcCoverage *cov, gint y, gint x0, gint n, gdouble *out)
{
  gdouble l0, h0, l1, h1, full_lo = 1, full_hi = 0, lo, hi;

  for (gint i = 0; i < n; i++)
    out[i] = 0;
  if (!band (cov, y - 0.5, y + 0.5, &lo, &hi))
    return;
  /* A square lies in a convex shape when its corners do, and its corners lie
   * on the row's two edges: it is whole when it sits in both chords. */
  if (chord (cov, y - 0.5, &l0, &h0) && chord (cov, y + 0.5, &l1, &h1)) {
    full_lo = MAX (l0, l1);
    full_hi = MIN (h0, h1);
  }
  for (gint i = 0; i < n; i++) {
    gint x = x0 + i;

    if (x + 0.5 <= lo || x - 0.5 >= hi)
      continue;
    if (x - 0.5 >= full_lo && x + 0.5 <= full_hi)
      out[i] = 1;
    else
      out[i] = skc_coverage_pixel (cov, x, y);
  }
}
