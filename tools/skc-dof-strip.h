/* skc-dof-scenes' pictures: the same crop of several images, magnified and
 * side by side, for before/after comparisons in the docs. */
#pragma once

#include "skc.h"

G_BEGIN_DECLS

/* Crops x, y, w, h (clamped into each image) of images[0 … n−1] (all of one
 * size), magnifies each by zoom (nearest neighbour: pixels stay visible),
 * and writes them left to right, 6 px of white between them, as an RGB PNG.
 * Gray images are shown as gray; alpha is dropped by the loader. */
gboolean skc_dof_strip_write (const gchar *path, SkcImage **images, guint n, gint x, gint y, gint w, gint h,
                              gint zoom, GError **error);

G_END_DECLS
