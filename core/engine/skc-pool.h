/* libskc — a small pool of worker threads for row stripes, owned by the
 * caller (the element sizes it from its max-threads property). */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _SkcPool SkcPool;

/* Runs job(i, n, data) for i = 0 … n−1, one call per stripe. */
typedef void (*SkcPoolJob) (guint i, guint n, gpointer data);

/* n_threads 0 means one per processor; 1 runs everything in the caller. */
SkcPool *skc_pool_new     (guint n_threads);
void     skc_pool_free    (SkcPool *pool);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SkcPool, skc_pool_free)
guint    skc_pool_threads (const SkcPool *pool);
/* How many row stripes to cut height rows into for pool: a few per thread so
 * that a thread the machine slows down hands its share to the others (1 for a
 * NULL pool). */
guint    skc_pool_stripes (const SkcPool *pool, gint height);

/* Calls job for every stripe, each taken by whichever thread is free (the
 * caller's too), and returns when all are done.  Stripes may run in any
 * order and on any thread: a job must depend on i alone. */
void     skc_pool_run     (SkcPool *pool, guint n, SkcPoolJob job, gpointer data);

/* Rows [*y0, *y1) of stripe i of n over height rows: as even as can be. */
static inline void
skc_pool_stripe (guint i, guint n, gint height, gint *y0, gint *y1)
{
  *y0 = (gint) ((gint64) height * i / n);
  *y1 = (gint) ((gint64) height * (i + 1) / n);
}

G_END_DECLS
