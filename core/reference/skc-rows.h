/* libskc — the references' row threading: output rows handed out to one
 * GLib thread per processor. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Computes rows [y0, y1) of the job's output. */
typedef void (*SkcRowsFunc) (gpointer job, gint y0, gint y1);

/* Runs func over rows [0, height) in chunks of consecutive rows, each taken
 * by whichever thread is free, so rows of uneven cost (a radius growing
 * towards the corners) still share out evenly.  One thread when work (the
 * multiply-adds, roughly) is small; a thread that cannot start leaves its
 * share to the others.  func must compute each row from the job alone, so
 * results do not depend on the threads. */
void skc_rows_run (gint height, gdouble work, SkcRowsFunc func, gpointer job);

G_END_DECLS
