/* Pictures of fits for people: target | fitted impulse response | error. */
#pragma once

#include "skc.h"

G_BEGIN_DECLS

/* One row per kernel: the target, the complex's impulse response, and the
 * |error| on a heat scale, each normalised to the target's peak, 1-px gray
 * separators, upscaled by a whole factor to at least 600 px wide. */
gboolean skc_panels_write (const gchar *path, SkcRaster **targets, SkcComplex **fits, guint n,
                           GError **error);

G_END_DECLS
