/* libskc — the .skc preset format (GKeyFile text; see presets/README.md). */
#pragma once

#include "skc-family.h"

G_BEGIN_DECLS

/* The newest version read and written.  Version 2 adds [skc] decimation
 * (members run at half resolution); a family without halved members is
 * written as version 1, byte for byte as before. */
#define SKC_PRESET_VERSION 2

/* Strict parsing: every problem fails with a GError in SKC_ERROR naming the
 * group and key ("[member 2] layer1-dx: expected 24 values, found 23").
 * Never guesses, never crashes on any input. */
SkcFamily *skc_preset_load_data  (const gchar *data, gsize length, GError **error);
SkcFamily *skc_preset_load_file  (const gchar *path, GError **error);

/* Serialises so that loading gives back every double exactly. */
gchar     *skc_preset_save_data  (const SkcFamily *family, gsize *length);
gboolean   skc_preset_save_file  (const SkcFamily *family, const gchar *path, GError **error);

G_END_DECLS
