/* libskc — a kernel family: complexes fitted along a parameter axis with
 * corresponding taps, so any in-between kernel is a convex blend of taps. */
#pragma once

#include "skc-complex.h"

G_BEGIN_DECLS

typedef struct {
  gchar       *name;       /* e.g. "hexagon" */
  gchar       *axis;       /* what values mean, e.g. "radius" */
  guint        n_members;
  gdouble     *values;     /* p_1 < … < p_M */
  SkcComplex **members;    /* one per value, identical layout */
  gchar       *shape;      /* optional: target description, e.g. "star:points=5" */
  /* Optional, one per member: 1 — the member runs on the plane as it is;
   * 2 — it runs at half resolution, between the 2×2 mean and the bilinear
   * return, its taps in half pixels (fitted so: skc-halved.h).  Never
   * decreasing along the axis.  NULL: every member is 1. */
  guint8      *decimation;
} SkcFamily;

/* Takes ownership of nothing: copies name/axis, keeps members NULL until set. */
SkcFamily  *skc_family_new          (const gchar *name, const gchar *axis, guint n_members,
                                     const gdouble *values);
void        skc_family_free         (SkcFamily *f);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SkcFamily, skc_family_free)

/* Checks values strictly increasing and finite, every member present with
 * the same layout, decimations 1 or 2 and never decreasing. */
gboolean    skc_family_validate     (const SkcFamily *f, GError **error);

/* Convex interpolation weights for parameter p: the bracketing members
 * k and k+1 and t ∈ [0, 1] with result (1-t)·m_k + t·m_{k+1}.  Values
 * below p_1 or above p_M clamp to the end members (t = 0 at k = 0, or
 * k = M-1 with t = 0).  For a one-member family, k = 0, t = 0. */
void        skc_family_bracket      (const SkcFamily *f, gdouble p, guint *k, gdouble *t);

/* The complex at parameter p.  A family with several members blends the
 * bracketing members (clamped outside the axis).  A one-member family is a
 * fixed kernel: its offsets are scaled by p / value (exact), so any radius
 * works.  out must have the family's layout (e.g. a copy of member 0).
 * Always in full-resolution pixels: where skc_family_eval_native gives a
 * halved complex, it is scaled by 2 — the fallback for paths that cannot
 * run it halved (its PSF then only approximates the fitted one). */
void        skc_family_eval         (const SkcFamily *f, gdouble p, SkcComplex *out);

/* The grid skc_family_eval_native works on at p: 2 (half resolution) when a
 * member it blends at p is halved, else 1. */
guint       skc_family_decimation   (const SkcFamily *f, gdouble p);

/* The complex at p on that grid: as skc_family_eval, except that with
 * decimation 2 a full-resolution member blended with a halved one is first
 * scaled by ½ (exact), so the result is in half pixels, to run halved. */
void        skc_family_eval_native  (const SkcFamily *f, gdouble p, SkcComplex *out,
                                     guint *decimation);

/* A new family: every member stretched by aspect along x, then rotated by
 * angle_deg (counter-clockwise on screen, skc_complex_rotate) — exact, since
 * a linear map of the offsets commutes with the tap-wise blend.  When extent
 * exceeds the last member's value, one more member at extent: the last one
 * scaled up (exact as well); extent ≤ 0 adds none. */
SkcFamily  *skc_family_shaped       (const SkcFamily *f, gdouble angle_deg, gdouble aspect,
                                     gdouble extent);

G_END_DECLS
