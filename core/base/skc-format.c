/* libskc — numbers as text. */
#include "skc-format.h"

gchar *
skc_format_double (gchar buf[SKC_FORMAT_BUF_SIZE], gdouble v)
{
  /* 17 significant digits always round-trip a double; fewer usually do, and
   * read better (0.4 rather than 0.40000000000000002). */
  for (gint digits = 15; digits <= 17; digits++) {
    g_ascii_formatd (buf, SKC_FORMAT_BUF_SIZE, digits == 15 ? "%.15g" : digits == 16 ? "%.16g" : "%.17g", v);
    if (g_ascii_strtod (buf, NULL) == v)
      break;
  }
  return buf;
}
