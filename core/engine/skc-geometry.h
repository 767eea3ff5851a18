/* libskc — the per-pixel maps of a geometric blur: zoom (radial) and spin
 * (rotational) about a centre. */
#pragma once

#include <glib.h>

#include "skc-pool.h"

G_BEGIN_DECLS

typedef enum {
  SKC_GEOMETRY_NONE,        /* one angle for the whole frame */
  SKC_GEOMETRY_RADIAL,      /* the kernel's x axis along the direction from the centre */
  SKC_GEOMETRY_ROTATIONAL,  /* along the tangent: perpendicular to that direction */
} SkcGeometry;

typedef struct {
  SkcGeometry geometry;
  gdouble center_x, center_y;  /* 0 … 1 of the frame's width and height */
  gdouble par;                 /* pixel aspect ratio (width / height of a pixel) */
  gdouble angle;               /* degrees added to every pixel's angle */
  gdouble max_radius;          /* px, at the corner farthest from the centre */
  gdouble vignetting;          /* cat's eye: the clip map's slope (skc_geometry_maps_clipped) */
  gdouble fixed_radius;        /* > 0: the radius map holds this everywhere instead */
} SkcGeometrySpec;

/* For each pixel centre (x + ½, y + ½) of a width × height frame (width
 * floats a row, in stripes on pool): into angle, its kernel angle in degrees
 * counter-clockwise on screen, measured on the display (x stretched by par);
 * into radius (NULL: not wanted), the radius growing linearly with the
 * display distance from the centre, from 0 there to max_radius at the
 * farthest corner.  SKC_GEOMETRY_NONE gives angle everywhere. */
void skc_geometry_maps (const SkcGeometrySpec *spec, gint width, gint height, gfloat *radius, gfloat *angle,
                        SkcPool *pool);

/* As skc_geometry_maps, and into clip (NULL: not wanted) the cat's-eye clip
 * (skc-catseye.h) 2 · vignetting · ρ, with ρ the display distance from the
 * centre over that of the farthest corner: 0 at the centre, 2·vignetting
 * there. */
void skc_geometry_maps_clipped (const SkcGeometrySpec *spec, gint width, gint height, gfloat *radius,
                                gfloat *angle, gfloat *clip, SkcPool *pool);

G_END_DECLS
