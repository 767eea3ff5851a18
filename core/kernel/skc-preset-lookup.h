/* libskc — kernel families by built-in name or by path: the one lookup the
 * element, the tools and the tests share. */
#pragma once

#include <glib.h>
#include "skc-family.h"

G_BEGIN_DECLS

/* A built-in name ("hexagon", "fast/hexagon-r32") or a path to a .skc file.
 * Names are tried first; a string ending in ".skc" or starting with '/' or
 * '.' is always a path.  Fails with the parser's GError, or "no built-in
 * preset 'x' (built in: …) and no such file" — never a half-read family. */
SkcFamily *skc_preset_lookup          (const gchar *name_or_path, GError **error);

/* The built-in family refitted for turned use (presets/turned/: its small
 * members match when stretched and turned, docs/ARCHITECTURE.md §10) of the
 * built-in NAME, or NULL when there is none (or NAME is a path). */
SkcFamily *skc_preset_lookup_turned   (const gchar *name);

/* The built-in family fitted at half resolution (presets/half/: every
 * member of decimation 2, docs/ARCHITECTURE.md §8) of the built-in NAME —
 * "half/hexagon" for "hexagon" — or NULL when there is none (or NAME is a
 * path or already under a folder). */
SkcFamily *skc_preset_lookup_halved   (const gchar *name);

/* TRUE when NAME is one of the built-in names. */
gboolean   skc_preset_is_builtin      (const gchar *name);

/* The built-in family names, comma-separated and sorted (for help texts and
 * messages); the fast complexes under "fast/" are not listed. */
gchar     *skc_preset_builtin_names   (void);

G_END_DECLS
