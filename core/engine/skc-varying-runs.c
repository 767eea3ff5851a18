/* libskc — a level map's runs, found once (skc-varying-runs.h). */
#include "skc-varying-runs.h"
#include "skc-varying-run.h"

typedef struct {
  const SkcVaryingKernel *vk;
  const guint16 *level;
  gint width, height;
  SkcVaryingRuns *runs;   /* row_start holds each row's count in the first pass */
  gboolean fill;
} RunsJob;

static void
runs_stripe (guint i, guint n, gpointer data)
{
  const RunsJob *job = data;
  SkcVaryingRuns *runs = job->runs;
  gint y0, y1;

  skc_pool_stripe (i, n, job->height, &y0, &y1);
  for (guint l = 0; l < runs->n_layers; l++) {
    const guint32 *keys = job->vk->run_keys[l];

    for (gint y = y0; y < y1; y++) {
      const guint16 *lv = job->level + (gsize) y * job->width;
      guint32 k = job->fill ? runs->row_start[l][y] : 0;

      for (gint x0 = 0, x1; x0 < job->width; x0 = x1, k++) {
        x1 = skc_varying_next_run (lv, keys, x0, job->width);
        if (job->fill) {
          runs->end[l][k] = (guint16) x1;
          runs->level[l][k] = lv[x0];
        }
      }
      if (!job->fill)
        runs->row_start[l][y + 1] = k;
    }
  }
}

SkcVaryingRuns *
skc_varying_runs_new (const SkcVaryingKernel *vk, const guint16 *level, gint width, gint height, gsize max_runs,
    SkcPool *pool)
{
  g_autoptr (SkcVaryingRuns) runs = NULL;
  RunsJob job = { vk, level, width, height, NULL, FALSE };
  guint stripes = skc_pool_stripes (pool, height);
  gsize total = 0;

  if (width <= 0 || height <= 0 || width > G_MAXUINT16)
    return NULL;
  runs = g_new0 (SkcVaryingRuns, 1);
  runs->n_layers = vk->n_layers;
  runs->width = width;
  runs->height = height;
  runs->row_start = g_new0 (guint32 *, vk->n_layers);
  runs->end = g_new0 (guint16 *, vk->n_layers);
  runs->level = g_new0 (guint16 *, vk->n_layers);
  for (guint l = 0; l < vk->n_layers; l++)
    runs->row_start[l] = g_new0 (guint32, (gsize) height + 1);
  job.runs = runs;
  /* Counts, then offsets (a row has at most width runs: 32 bits hold a
   * layer's), then the runs. */
  skc_pool_run (pool, stripes, runs_stripe, &job);
  for (guint l = 0; l < vk->n_layers; l++) {
    guint32 *rs = runs->row_start[l];

    for (gint y = 0; y < height; y++)
      rs[y + 1] += rs[y];
    total += rs[height];
  }
  if (total > max_runs)
    return NULL;
  for (guint l = 0; l < vk->n_layers; l++) {
    runs->end[l] = g_new (guint16, MAX (runs->row_start[l][height], 1));
    runs->level[l] = g_new (guint16, MAX (runs->row_start[l][height], 1));
  }
  job.fill = TRUE;
  skc_pool_run (pool, stripes, runs_stripe, &job);
  return g_steal_pointer (&runs);
}

void
skc_varying_runs_free (SkcVaryingRuns *runs)
{
  if (runs == NULL)
    return;
  for (guint l = 0; l < runs->n_layers; l++) {
    g_free (runs->row_start[l]);
    g_free (runs->end[l]);
    g_free (runs->level[l]);
  }
  g_free (runs->row_start);
  g_free (runs->end);
  g_free (runs->level);
  g_free (runs);
}

void
skc_varying_row_runs (const SkcVaryingKernel *vk, guint layer, const SkcVaryingRuns *runs, const SkcPlane *src,
    gint y, gint16 *out, gint32 *acc, gboolean every_layer_copies)
{
  const guint16 *end = runs->end[layer], *lv = runs->level[layer];
  guint32 k0 = runs->row_start[layer][y], k1 = runs->row_start[layer][y + 1];

  for (guint32 k = k0, x0 = 0; k < k1; x0 = end[k], k++) {
    /* As skc_varying_row: the next run's taps, and the entry after it. */
    guint next = k + 1 < k1 ? lv[k + 1] : lv[k], after = k + 2 < k1 ? lv[k + 2] : next;

    skc_varying_segment (vk, layer, lv[k], next, after, src, y, (gint) x0, end[k], out, acc, every_layer_copies);
  }
}
