/* libskc — worker threads for row stripes. */
#include "skc-pool.h"

struct _SkcPool {
  GThreadPool *threads;   /* NULL for a single-threaded pool */
  guint n;
  GMutex lock;
  GCond done;
};

typedef struct {
  SkcPool *pool;
  SkcPoolJob job;
  gpointer data;
  guint i, n;
  guint *pending;
} Task;

static void
worker (gpointer task_ptr, gpointer user_data)
{
  Task *task = task_ptr;
  SkcPool *pool = task->pool;

  task->job (task->i, task->n, task->data);
  g_mutex_lock (&pool->lock);
  if (--*task->pending == 0)
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

void
skc_pool_run (SkcPool *pool, guint n, SkcPoolJob job, gpointer data)
{
  g_autofree Task *tasks = NULL;
  guint pending;

  if (pool == NULL || pool->threads == NULL || n <= 1) {
    for (guint i = 0; i < n; i++)
      job (i, n, data);
    return;
  }
  tasks = g_new (Task, n);
  pending = n - 1;
  for (guint i = 1; i < n; i++) {
    tasks[i] = (Task) { pool, job, data, i, n, &pending };
    g_thread_pool_push (pool->threads, &tasks[i], NULL);
  }
  job (0, n, data);
  g_mutex_lock (&pool->lock);
  while (pending > 0)
    g_cond_wait (&pool->done, &pool->lock);
  g_mutex_unlock (&pool->lock);
}
