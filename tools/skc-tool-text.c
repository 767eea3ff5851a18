/* The tools' text output, readable in any locale. */
#include "skc-tool-text.h"

#include <locale.h>
#include <stdio.h>

static void
write_converted (const gchar *text, FILE *stream)
{
  const gchar *charset;
  g_autofree gchar *local = NULL;

  /* g_get_charset: TRUE when the locale is UTF-8; ASCII ("ANSI_X3.4-1968")
   * cannot hold the text, so it gets the UTF-8 bytes. */
  if (g_get_charset (&charset) || g_ascii_strcasecmp (charset, "ANSI_X3.4-1968") == 0 ||
      g_ascii_strcasecmp (charset, "ASCII") == 0 ||
      (local = g_convert (text, -1, charset, "UTF-8", NULL, NULL, NULL)) == NULL) {
    fputs (text, stream);
  } else
    fputs (local, stream);
  fflush (stream);
}

static void
print_out (const gchar *text)
{
  write_converted (text, stdout);
}

static void
print_err (const gchar *text)
{
  write_converted (text, stderr);
}

void
skc_tool_text_init (void)
{
  setlocale (LC_ALL, "");
  g_set_print_handler (print_out);
  g_set_printerr_handler (print_err);
}
