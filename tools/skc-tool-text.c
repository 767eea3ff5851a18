/* The tools' text output, readable in any locale. */
#include "skc-tool-text.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>

/* The characters the tools' text uses (and a few neighbours), sorted by code
 * point for bsearch. */
typedef struct {
  gunichar c;
  const gchar *ascii;
} Spelling;

static const Spelling spellings[] = {
  {0x00A7, "S"}, {0x00B0, " deg"}, {0x00B1, "+/-"}, {0x00B2, "^2"}, {0x00B3, "^3"},
  {0x00B5, "u"}, {0x00B7, "*"}, {0x00B9, "^1"}, {0x00BC, "1/4"}, {0x00BD, "1/2"},
  {0x00BE, "3/4"}, {0x00D7, "x"}, {0x00F7, "/"},
  {0x0394, "Delta"}, {0x03A3, "Sigma"}, {0x03B1, "alpha"}, {0x03B2, "beta"},
  {0x03B3, "gamma"}, {0x03B4, "delta"}, {0x03B5, "epsilon"}, {0x03B8, "theta"},
  {0x03BB, "lambda"}, {0x03BC, "u"}, {0x03C0, "pi"}, {0x03C1, "rho"},
  {0x03C3, "sigma"}, {0x03C9, "omega"},
  {0x1D40, "^T"},
  {0x2010, "-"}, {0x2011, "-"}, {0x2012, "-"}, {0x2013, "-"}, {0x2014, "--"},
  {0x2018, "'"}, {0x2019, "'"}, {0x201C, "\""}, {0x201D, "\""}, {0x2026, "..."},
  {0x2032, "'"}, {0x2070, "^0"}, {0x2074, "^4"}, {0x2075, "^5"}, {0x2076, "^6"},
  {0x2077, "^7"}, {0x2078, "^8"}, {0x2079, "^9"}, {0x207B, "^-"},
  {0x2080, "_0"}, {0x2081, "_1"}, {0x2082, "_2"}, {0x2083, "_3"},
  {0x2190, "<-"}, {0x2192, "->"}, {0x2194, "<->"}, {0x21D2, "=>"},
  {0x2202, "d"}, {0x2207, "grad "}, {0x2208, " in "}, {0x2211, "Sum"},
  {0x2212, "-"}, {0x2217, "*"}, {0x221A, "sqrt"}, {0x221E, "inf"},
  {0x2248, "~"}, {0x2260, "!="}, {0x2264, "<="}, {0x2265, ">="},
  {0x2295, "(+)"}, {0x22C5, "*"},
  {0x2308, "ceil("}, {0x2309, ")"}, {0x230A, "floor("}, {0x230B, ")"},
};

static gint
compare_spelling (const void *key, const void *entry)
{
  gunichar a = *(const gunichar *) key, b = *(const gunichar *) entry;

  return a < b ? -1 : a > b;
}

gchar *
skc_tool_text_ascii (const gchar *text)
{
  GString *out = g_string_sized_new (strlen (text));
  const gchar *p = text;

  while (*p) {
    gunichar c;
    const gchar *next;

    if ((guchar) *p < 0x80) {
      g_string_append_c (out, *p++);
      continue;
    }
    c = g_utf8_get_char_validated (p, -1);
    if (c == (gunichar) -1 || c == (gunichar) -2) {
      g_string_append_printf (out, "<0x%02X>", (guchar) *p++);
      continue;
    }
    next = g_utf8_next_char (p);
    {
      const Spelling *hit = bsearch (&c, spellings, G_N_ELEMENTS (spellings), sizeof spellings[0], compare_spelling);
      g_autofree gchar *one = NULL;

      if (hit) {
        g_string_append (out, hit->ascii);
      } else {
        /* g_str_to_ascii drops accents (é → e) and gives '?' where it knows
         * no spelling; '?' is what this avoids. */
        g_autofree gchar *utf8 = g_strndup (p, next - p);

        one = g_str_to_ascii (utf8, "C");
        if (strchr (one, '?'))
          g_string_append_printf (out, "<U+%04X>", c);
        else
          g_string_append (out, one);
      }
    }
    p = next;
  }
  return g_string_free (out, FALSE);
}

static void
write_text (const gchar *text, FILE *stream)
{
  /* g_get_charset: TRUE when the locale is UTF-8. */
  if (g_get_charset (NULL)) {
    fputs (text, stream);
  } else {
    g_autofree gchar *ascii = skc_tool_text_ascii (text);

    fputs (ascii, stream);
  }
  fflush (stream);
}

static void
print_out (const gchar *text)
{
  write_text (text, stdout);
}

static void
print_err (const gchar *text)
{
  write_text (text, stderr);
}

void
skc_tool_text_init (void)
{
  setlocale (LC_ALL, "");
  g_set_print_handler (print_out);
  g_set_printerr_handler (print_err);
}
