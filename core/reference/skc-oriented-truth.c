/* libskc — the dense per-pixel truth for two-dimensional spatial variance.
 *
 * Building a pixel's PSF costs about as much as using it (only the pixels its
 * outline crosses need the exact geometry, skc_coverage_row), so nothing is
 * cached: each output pixel gets the PSF of its own exact radius and angle,
 * which needs no quantisation to be judged and keeps memory to one PSF a
 * thread. */
#include "skc-oriented-truth.h"
#include "skc-rows.h"

#include <math.h>

typedef struct {
  gint dx, dy;          /* displacement k */
  gdouble v;
} SkcTruthEntry;

/* A thread's scratch: the current PSF's non-zero entries and one row of
 * coverage. */
typedef struct {
  GArray *entries;
  gdouble *row;
  gint row_len;
} SkcTruthScratch;

static gboolean
skc_truth_params_ok (gdouble radius, gdouble angle_deg, gdouble aspect, gdouble clip)
{
  return isfinite (radius) && isfinite (angle_deg) && aspect > 0 && isfinite (aspect) &&
      radius <= SKC_ORIENTED_MAX_REACH && aspect * radius <= SKC_ORIENTED_MAX_REACH &&
      clip >= 0 && clip <= SKC_ORIENTED_MAX_CLIP;
}

/* Half-widths of the raster that holds every pixel the shape touches. */
static void
skc_truth_extent (const SkcCoverage *cov, gint *rx, gint *ry)
{
  *rx = (gint) ceil (cov->xext + 0.5);
  *ry = (gint) ceil (cov->yext + 0.5);
}

/* Fills s->entries with the PSF's non-zero entries, normalised, in raster
 * order (dy, then dx, increasing): the order skc_reference_convolve_varying
 * accumulates a raster's entries in, and the same scaling as a raster
 * normalised by skc_raster_scale (v · (1 / Σ)). */
static void
skc_truth_build (SkcTruthScratch *s, SkcOrientedShape shape, gdouble radius, gdouble angle_deg,
    gdouble aspect, gdouble clip)
{
  SkcCoverage cov;
  gint rx, ry;
  gdouble sum = 0, inv;

  g_array_set_size (s->entries, 0);
  if (!(radius > 0)) {
    SkcTruthEntry one = { 0, 0, 1 };

    g_array_append_val (s->entries, one);
    return;
  }
  skc_coverage_init_clipped (&cov, shape, radius, angle_deg, aspect, clip);
  skc_truth_extent (&cov, &rx, &ry);
  if (s->row_len < 2 * rx + 1) {
    s->row_len = 2 * rx + 1;
    s->row = g_renew (gdouble, s->row, s->row_len);
  }
  for (gint y = -ry; y <= ry; y++) {
    skc_coverage_row (&cov, y, -rx, 2 * rx + 1, s->row);
    for (gint i = 0; i < 2 * rx + 1; i++)
      if (s->row[i] != 0) {
        SkcTruthEntry e = { i - rx, y, s->row[i] };

        g_array_append_val (s->entries, e);
      }
  }
  /* Summed in raster order, as skc_raster_sum would (zeros add nothing). */
  for (guint i = 0; i < s->entries->len; i++)
    sum += g_array_index (s->entries, SkcTruthEntry, i).v;
  inv = 1.0 / sum;
  for (guint i = 0; i < s->entries->len; i++)
    g_array_index (s->entries, SkcTruthEntry, i).v *= inv;
}

static void
skc_truth_scratch_init (SkcTruthScratch *s)
{
  *s = (SkcTruthScratch) { g_array_new (FALSE, FALSE, sizeof (SkcTruthEntry)), NULL, 0 };
}

static void
skc_truth_scratch_clear (SkcTruthScratch *s)
{
  g_array_unref (s->entries);
  g_free (s->row);
}

SkcRaster *
skc_oriented_psf (SkcOrientedShape shape, gdouble radius, gdouble angle_deg, gdouble aspect)
{
  return skc_oriented_psf_clipped (shape, radius, angle_deg, aspect, 0);
}

SkcRaster *
skc_oriented_psf_clipped (SkcOrientedShape shape, gdouble radius, gdouble angle_deg, gdouble aspect,
    gdouble clip)
{
  SkcTruthScratch s;
  SkcRaster *r;
  gint rx = 0, ry = 0;

  g_return_val_if_fail (skc_truth_params_ok (radius, angle_deg, aspect, clip), NULL);
  skc_truth_scratch_init (&s);
  skc_truth_build (&s, shape, radius, angle_deg, aspect, clip);
  for (guint i = 0; i < s.entries->len; i++) {
    const SkcTruthEntry *e = &g_array_index (s.entries, SkcTruthEntry, i);

    rx = MAX (rx, ABS (e->dx));
    ry = MAX (ry, ABS (e->dy));
  }
  r = skc_raster_new_centred (rx, ry);
  for (guint i = 0; i < s.entries->len; i++) {
    const SkcTruthEntry *e = &g_array_index (s.entries, SkcTruthEntry, i);

    *skc_raster_at (r, e->dx + r->cx, e->dy + r->cy) = e->v;
  }
  skc_truth_scratch_clear (&s);
  return r;
}

typedef struct {
  const SkcImage *src, *radius, *angle, *clip;   /* clip: NULL for none */
  SkcImage *out;
  SkcOrientedShape shape;
  gdouble aspect;
} SkcTruthJob;

static void
skc_truth_rows (gpointer data, gint y0, gint y1)
{
  const SkcTruthJob *job = data;
  const SkcImage *src = job->src;
  gint C = src->channels;
  SkcTruthScratch s;

  skc_truth_scratch_init (&s);
  for (gint y = y0; y < y1; y++)
    for (gint x = 0; x < src->width; x++) {
      gsize p = (gsize) y * src->width + x;
      gdouble *d = skc_image_at (job->out, x, y);

      skc_truth_build (&s, job->shape, job->radius->data[p], job->angle->data[p], job->aspect,
          job->clip ? job->clip->data[p] : 0);
      /* The arithmetic and order of skc_reference_convolve_varying. */
      for (guint e = 0; e < s.entries->len; e++) {
        const SkcTruthEntry *en = &g_array_index (s.entries, SkcTruthEntry, e);
        const gdouble *sp = skc_image_at (src, CLAMP ((gint64) x - en->dx, 0, src->width - 1),
            CLAMP ((gint64) y - en->dy, 0, src->height - 1));

        for (gint c = 0; c < C; c++)
          d[c] += en->v * sp[c];
      }
    }
  skc_truth_scratch_clear (&s);
}

static gboolean
skc_truth_same_frame (const SkcImage *src, const SkcImage *map)
{
  return map->width == src->width && map->height == src->height && map->channels == 1;
}

SkcImage *
skc_reference_dense_oriented (const SkcImage *src, const SkcImage *radius, const SkcImage *angle,
    SkcOrientedShape shape, gdouble aspect)
{
  return skc_reference_dense_catseye (src, radius, angle, NULL, shape, aspect);
}

SkcImage *
skc_reference_dense_catseye (const SkcImage *src, const SkcImage *radius, const SkcImage *angle,
    const SkcImage *clip, SkcOrientedShape shape, gdouble aspect)
{
  gsize n;
  gdouble work = 0;
  SkcTruthJob job;

  g_return_val_if_fail (src != NULL && radius != NULL && angle != NULL, NULL);
  g_return_val_if_fail (skc_truth_same_frame (src, radius) && skc_truth_same_frame (src, angle), NULL);
  g_return_val_if_fail (clip == NULL || skc_truth_same_frame (src, clip), NULL);
  g_return_val_if_fail (shape == SKC_ORIENTED_DISC || shape == SKC_ORIENTED_LINE, NULL);
  n = (gsize) src->width * src->height;
  /* Every parameter checked before any thread starts, so a bad one fails
   * the call instead of a pixel. */
  for (gsize i = 0; i < n; i++) {
    gdouble r = radius->data[i], c = clip ? clip->data[i] : 0;

    if (!skc_truth_params_ok (r, angle->data[i], aspect, c)) {
      g_critical ("%s: radius %g, angle %g, aspect %g, clip %g out of range", G_STRFUNC, r, angle->data[i],
          aspect, c);
      return NULL;
    }
    /* Entries, roughly: the shape's area plus its outline. */
    if (r > 0)
      work += shape == SKC_ORIENTED_DISC ? G_PI * aspect * r * r : 2 * aspect * r + 2;
  }
  job = (SkcTruthJob) { src, radius, angle, clip, skc_image_new (src->width, src->height, src->channels),
    shape, aspect };
  if (job.out == NULL)
    return NULL;
  skc_rows_run (src->height, (work + n) * src->channels, skc_truth_rows, &job);
  return job.out;
}
