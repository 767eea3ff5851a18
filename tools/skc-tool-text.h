/* The tools' text output, readable in any locale. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Help, messages and tables are written in UTF-8.  g_print converts them to
 * the locale's charset and, in the C locale, replaces every non-ASCII
 * character (×, —, ≤, …) by '?'.  This writes the UTF-8 bytes as they are
 * when the locale's charset cannot hold them — what a UTF-8 terminal, a
 * file or a pipe wants — and converts as GLib does otherwise. */
void skc_tool_text_init (void);

G_END_DECLS
