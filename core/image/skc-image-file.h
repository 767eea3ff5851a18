/* libskc — reading and writing image files (PNG through libpng, binary PGM). */
#pragma once

#include "skc-image.h"

G_BEGIN_DECLS

/* Loads a PNG (8 or 16 bit; gray, gray+alpha, RGB, RGBA, palette) or a PGM
 * (P5, maxval ≤ 65535) into values scaled to [0, 1].  Alpha is dropped.
 * Files are recognised by content, not by name.  Errors: SKC_ERROR_IO for an
 * unreadable file, SKC_ERROR_INVALID for a malformed or absurd one (more than
 * 2^28 pixels), each naming the file. */
SkcImage *skc_image_load       (const gchar *path, GError **error);
/* As skc_image_load, from memory (used by the fuzzer). */
SkcImage *skc_image_load_data  (const guint8 *data, gsize len, GError **error);

/* Mean of the channels: a one-channel copy. */
SkcImage *skc_image_to_gray    (const SkcImage *img);

/* Writes an 8-bit PNG (gray, RGB or RGBA by channel count) of the values
 * clamped to [0, 1] and rounded. */
gboolean  skc_image_save_png   (const SkcImage *img, const gchar *path, GError **error);

G_END_DECLS
