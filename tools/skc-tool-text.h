/* The tools' text output, readable in any locale. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Help, messages and tables are written in UTF-8.  g_print converts them to
 * the locale's charset and, in the C locale, replaces every non-ASCII
 * character (×, —, ≤, …) by '?'.  After this, a UTF-8 locale gets the UTF-8
 * text as it is and any other locale its ASCII spelling
 * (skc_tool_text_ascii), which every charset holds. */
void skc_tool_text_init (void);

/* text (UTF-8) with each non-ASCII character spelled in ASCII: × → x,
 * − → -, σ → sigma, ≤ → <=, — → --, ° → deg, …; a character the table lacks
 * loses its accent (é → e) or becomes <U+XXXX>, never '?'.  Invalid UTF-8
 * bytes become <0xNN>.  Free with g_free. */
gchar *skc_tool_text_ascii (const gchar *text);

G_END_DECLS
