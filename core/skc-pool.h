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

/* Calls job for every stripe, the caller's thread taking the first, and
 * returns when all are done. */
void     skc_pool_run     (SkcPool *pool, guint n, SkcPoolJob job, gpointer data);

G_END_DECLS
