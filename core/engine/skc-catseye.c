/* libskc — cat's-eye kernels: the squeezed aperture or a fitted lens family. */
#include "skc-catseye.h"
#include "skc-varying.h"

#include <math.h>

/* Samples of the midpoint rule below: the half-height has a square-root
 * edge, so the error falls as n^-1.5 — below 1e-5 of the moments here. */
#define MOMENT_SAMPLES 4096

void
skc_catseye_moments (gdouble clip, gdouble *across, gdouble *along)
{
  /* The lens of unit circles centred at (±h, 0): over x ∈ [0, 1 − h] (one
   * quarter, by symmetry) its half-height is y(x) = √(1 − (x + h)²).  Per
   * quarter: area ∫y, ∫x²·y and ∫y³/3 give the second moments, and a uniform
   * ellipse of semi-axis a has a²/4 along it. */
  gdouble h = 0.5 * CLAMP (clip, 0, SKC_CATSEYE_MAX_CLIP), w = 1 - h, dx = w / MOMENT_SAMPLES;
  gdouble area = 0, ixx = 0, iyy = 0;

  for (guint i = 0; i < MOMENT_SAMPLES; i++) {
    gdouble x = (i + 0.5) * dx, u = x + h, y = sqrt (MAX (0, 1 - u * u));

    area += y;
    ixx += x * x * y;
    iyy += y * y * y / 3;
  }
  *across = 2 * sqrt (ixx / area);
  *along = 2 * sqrt (iyy / area);
}

/* The member nearest radius (in ratio), scaled to it — exact (§1); below the
 * first member, the varying path's blend from the identity.  Not the
 * family's blend: measured on the built-in disc, blends are good at the
 * members and half-way between them, where the joint refinement fits them,
 * but not a quarter of the way (docs/ARCHITECTURE.md §10). */
static SkcComplex *
nearest_member (const SkcFamily *family, gdouble radius)
{
  guint best = 0;
  SkcComplex *c;

  if (radius <= family->values[0] || family->values[0] <= 0)
    return skc_varying_level_complex (family, radius);
  for (guint m = 1; m < family->n_members; m++)
    if (fabs (log (family->values[m] / radius)) < fabs (log (family->values[best] / radius)))
      best = m;
  c = skc_complex_copy (family->members[best]);
  skc_complex_scale (c, radius / family->values[best]);
  return c;
}

SkcComplex *
skc_catseye_complex (const SkcFamily *family, const SkcFamily *lens, gdouble lens_radius, gdouble radius,
    gdouble clip, gdouble turn)
{
  SkcComplex *c;

  if (lens != NULL && radius >= SKC_CATSEYE_LENS_MIN_RADIUS) {
    c = skc_complex_copy (lens->members[0]);
    skc_family_eval (lens, clip, c);
    skc_complex_scale (c, radius / lens_radius);
    skc_complex_rotate (c, turn);
  } else {
    gdouble across, along;

    skc_catseye_moments (clip, &across, &along);
    c = nearest_member (family, radius * along);
    /* Scaling along an axis at turn: turned onto x, scaled, turned back. */
    skc_complex_rotate (c, -turn);
    skc_complex_scale_xy (c, across / along, 1);
    skc_complex_rotate (c, turn);
  }
  return c;
}
