/* libskc — numbers as text. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define SKC_FORMAT_BUF_SIZE 32

/* The shortest "%.Ng" text (C locale) that reads back to exactly v. */
gchar *skc_format_double (gchar buf[SKC_FORMAT_BUF_SIZE], gdouble v);

G_END_DECLS
