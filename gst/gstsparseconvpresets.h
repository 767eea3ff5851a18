/* sparseconv — kernel families by name (built in) or by path (.skc file). */
#pragma once

#include <glib.h>
#include "skc-family.h"

G_BEGIN_DECLS

/* A built-in family name ("hexagon") or a path to a .skc file.  Names are
 * tried first; a string with a '/' or ending in ".skc" is always a path.
 * Fails with the parser's GError (or "no built-in preset 'x' and no such
 * file") — never returns a half-read family. */
SkcFamily *gst_sparseconv_preset_load  (const gchar *name_or_path, GError **error);

/* The built-in names, comma-separated (for documentation and messages). */
gchar     *gst_sparseconv_preset_names (void);

G_END_DECLS
