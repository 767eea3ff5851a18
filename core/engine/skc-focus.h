/* libskc — the focus model: from a depth map or mask to the per-pixel blur
 * radius, and its resampling onto the frame. */
#pragma once

#include <glib.h>

#include "skc-pool.h"

G_BEGIN_DECLS

typedef enum {
  SKC_FOCUS_MODE_DEPTH,  /* a focus model over a depth map */
  SKC_FOCUS_MODE_MASK,   /* radius = value × max-radius */
} SkcFocusMode;

typedef struct {
  SkcFocusMode mode;
  gdouble focus_depth;   /* nearness in focus, 0 = far … 1 = near */
  gdouble focus_range;   /* width of the in-focus band, in nearness */
  gdouble max_radius;    /* px */
  gboolean near_is_white;
  gboolean signed_radius; /* depth mode: radii nearer than the focused plane negative (skc-occlusion.h) */
} SkcFocus;

/* The radius for one normalised map value v ∈ [0, 1].
 *
 * Depth mode reads the map as nearness n (v, or 1 − v when near is black) —
 * inverse distance, as disparity-like maps are.  A thin lens's circle of
 * confusion grows linearly in inverse distance away from the focused plane
 * (CoC ∝ |1/z − 1/z_f|), so the radius grows linearly outside the in-focus
 * band: it reaches max-radius half the nearness range beyond the band's
 * edge, and stays there.  The slope does not depend on focus-depth, so a
 * rack focus changes nothing but where the sharp band is. */
gdouble skc_focus_radius (const SkcFocus *focus, gdouble v);

/* Resamples a depth map (8- or 16-bit samples, native endianness,
 * src_stride bytes a row) bilinearly onto width × height pixel centres and
 * writes the radius of each into radius (width floats a row), rows in
 * stripes on pool (NULL: this thread). */
void    skc_focus_radius_map (const SkcFocus *focus, const guint8 *src,
                              gsize src_stride, gint src_width, gint src_height,
                              gboolean sixteen_bit, gfloat *radius, gint width, gint height,
                              SkcPool *pool);

G_END_DECLS
