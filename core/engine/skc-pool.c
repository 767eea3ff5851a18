/* libskc — worker threads for row stripes. */
#include "skc-pool.h"

struct _SkcPool {
  GThreadPool *threads;   /* NULL for a single-threaded pool */
  guint n;
  GMutex lock;
  GCond done;
};

/* One skc_pool_run: stripes are handed out one at a time to whoever is free,
 * the caller included, so a thread the machine slows down takes fewer. */
typedef struct {
  SkcPool *pool;
  SkcPoolJob job;
  gpointer data;
  guint n;
  gint next;         /* next stripe to hand out (atomic) */
  guint pending;     /* runners pushed to the pool and not finished (under lock) */
} Run;

static void
run_stripes (Run *run)
{
  for (;;) {
    guint i = (guint) g_atomic_int_add (&run->next, 1);

    if (i >= run->n)
      break;
    run->job (i, run->n, run->data);
  }
}

static void
worker (gpointer run_ptr, gpointer user_data)
{
  Run *run = run_ptr;
  SkcPool *pool = run->pool;

  run_stripes (run);
  g_mutex_lock (&pool->lock);
  if (--run->pending == 0)
    g_cond_broadcast (&pool->done);
  g_mutex_unlock (&pool->lock);
}

SkcPool *
skc_pool_new (guint n_threads)
{
  SkcPool *pool = g_new0 (SkcPool, 1);

  pool->n = n_threads ? n_threads : g_get_num_processors ();
  pool->n = CLAMP (pool->n, 1, 256);
  g_mutex_init (&pool->lock);
  g_cond_init (&pool->done);
  /* The caller works too, so n − 1 extra threads. */
  if (pool->n > 1)
    pool->threads = g_thread_pool_new (worker, NULL, pool->n - 1, TRUE, NULL);
  return pool;
}

void
skc_pool_free (SkcPool *pool)
{
  if (pool == NULL)
    return;
  if (pool->threads)
    g_thread_pool_free (pool->threads, FALSE, TRUE);
  g_mutex_clear (&pool->lock);
  g_cond_clear (&pool->done);
  g_free (pool);
}

guint
skc_pool_threads (const SkcPool *pool)
{
  return pool->n;
}

guint
skc_pool_stripes (const SkcPool *pool, gint height)
{
  if (pool == NULL || pool->n == 1 || height <= 1)
    return 1;
  return MIN (4 * pool->n, (guint) height);
}

void
skc_pool_run (SkcPool *pool, guint n, SkcPoolJob job, gpointer data)
{
  Run run = { pool, job, data, n, 0, 0 };
  guint helpers;

  if (pool == NULL || pool->threads == NULL || n <= 1) {
    for (guint i = 0; i < n; i++)
      job (i, n, data);
    return;
  }
  helpers = MIN (pool->n - 1, n - 1);
  run.pending = helpers;
  for (guint k = 0; k < helpers; k++)
    g_thread_pool_push (pool->threads, &run, NULL);
  run_stripes (&run);
  g_mutex_lock (&pool->lock);
  while (run.pending > 0)
    g_cond_wait (&pool->done, &pool->lock);
  g_mutex_unlock (&pool->lock);
}
