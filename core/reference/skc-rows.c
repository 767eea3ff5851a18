/* libskc — the references' row threading. */
#include "skc-rows.h"

/* Below this many multiply-adds a thread costs more than it saves. */
#define SKC_ROWS_THREAD_WORK 4000000.0
/* Chunks a thread: enough that one slow chunk at the end costs little,
 * few enough that handing them out costs nothing. */
#define SKC_ROWS_CHUNKS_PER_THREAD 8

typedef struct {
  SkcRowsFunc func;
  gpointer job;
  gint height, chunk;
  gint next;            /* first row not yet handed out (atomic) */
} SkcRows;

static gpointer
skc_rows_worker (gpointer data)
{
  SkcRows *r = data;
  gint y0;

  while ((y0 = g_atomic_int_add (&r->next, r->chunk)) < r->height)
    r->func (r->job, y0, MIN (y0 + r->chunk, r->height));
  return NULL;
}

void
skc_rows_run (gint height, gdouble work, SkcRowsFunc func, gpointer job)
{
  gint n = work < SKC_ROWS_THREAD_WORK ? 1 : MIN ((gint) g_get_num_processors (), height);
  g_autofree GThread **threads = NULL;
  SkcRows rows;

  if (n <= 1) {
    func (job, 0, height);
    return;
  }
  rows = (SkcRows) { func, job, height, MAX (1, height / (n * SKC_ROWS_CHUNKS_PER_THREAD)), 0 };
  threads = g_new0 (GThread *, n);
  for (gint i = 1; i < n; i++)
    threads[i] = g_thread_try_new ("skc-reference", skc_rows_worker, &rows, NULL);
  /* This thread works too, and alone if no other could start. */
  skc_rows_worker (&rows);
  for (gint i = 1; i < n; i++)
    if (threads[i])
      g_thread_join (threads[i]);
}
