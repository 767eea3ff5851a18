/* Where the tools find the sample photo they filter by default. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The path of the bundled photo NAME (e.g. "astronaut.png"): the source
 * tree's tests/data/NAME when it is there (running from the build tree),
 * else the installed copy in DATADIR/skc-1.0/ (meson install). */
gchar *skc_tool_data_file (const gchar *name);

G_END_DECLS
