/* libskc — the slow, obviously right references (clamp-to-edge, doubles).
 *
 * Only two things are chosen for speed, neither changes a result: the dense
 * convolution skips zero PSF entries and adds whole shifted rows (so a 512²
 * RGB photo with a 49² disc takes about a second), and output rows are split
 * over the processors.  Every output sample is computed by one thread with
 * the same arithmetic in the same order, so results do not depend on the
 * number of threads. */
#include "skc-reference.h"

#include <math.h>
#include <string.h>

/* Below this many multiply-adds a thread costs more than it saves. */
#define SKC_REFERENCE_THREAD_WORK 4000000.0

typedef void (*SkcRowsFunc) (gpointer job, gint y0, gint y1);

typedef struct {
  SkcRowsFunc func;
  gpointer job;
  gint y0, y1;
} SkcStripe;

static gpointer
skc_stripe_run (gpointer data)
{
  SkcStripe *s = data;

  s->func (s->job, s->y0, s->y1);
  return NULL;
}

/* Runs func over rows [0, height) in contiguous stripes, one per processor
 * when the job is large; a thread that cannot start runs inline. */
static void
skc_run_rows (gint height, gdouble work, SkcRowsFunc func, gpointer job)
{
  gint n = work < SKC_REFERENCE_THREAD_WORK ? 1 : MIN ((gint) g_get_num_processors (), height);
  g_autofree SkcStripe *stripes = NULL;
  g_autofree GThread **threads = NULL;

  if (n <= 1) {
    func (job, 0, height);
    return;
  }
  stripes = g_new (SkcStripe, n);
  threads = g_new0 (GThread *, n);
  /* Stripe 0 runs on this thread once the others have started. */
  for (gint i = n - 1; i >= 0; i--) {
    stripes[i] = (SkcStripe) { func, job, (gint) ((gint64) height * i / n),
      (gint) ((gint64) height * (i + 1) / n) };
    if (i > 0)
      threads[i] = g_thread_try_new ("skc-reference", skc_stripe_run, &stripes[i], NULL);
    if (threads[i] == NULL)
      skc_stripe_run (&stripes[i]);
  }
  for (gint i = 1; i < n; i++)
    if (threads[i])
      g_thread_join (threads[i]);
}

/* ---- dense convolution ------------------------------------------------- */

typedef struct {
  gint dx, dy;        /* displacement k of the PSF entry */
  gdouble v;
} SkcEntry;

/* The non-zero entries of the PSF in raster order: the order in which every
 * output sample accumulates them, in both dense references. */
static GArray *
skc_nonzero_entries (const SkcRaster *psf)
{
  GArray *entries = g_array_new (FALSE, FALSE, sizeof (SkcEntry));

  for (gint y = 0; y < psf->height; y++)
    for (gint x = 0; x < psf->width; x++) {
      SkcEntry e = { x - psf->cx, y - psf->cy, *skc_raster_at (psf, x, y) };

      if (e.v != 0.0)
        g_array_append_val (entries, e);
    }
  return entries;
}

/* d(x) += v · s(clamp(x − dx)) along one row of w pixels of c channels: the
 * pixels whose source is inside the row form one contiguous run, the rest
 * read the first or the last pixel. */
static void
skc_add_shifted_row (gdouble *d, const gdouble *s, gint w, gint c, gint dx, gdouble v)
{
  gint lo = CLAMP (dx, 0, w), hi = CLAMP (w + dx, 0, w);
  const gdouble *last = s + (gsize) (w - 1) * c;

  for (gint x = 0; x < lo; x++)
    for (gint ch = 0; ch < c; ch++)
      d[(gsize) x * c + ch] += v * s[ch];
  if (hi > lo) {
    gdouble *dd = d + (gsize) lo * c;
    const gdouble *ss = s + (gsize) (lo - dx) * c;
    gsize n = (gsize) (hi - lo) * c;

    for (gsize i = 0; i < n; i++)
      dd[i] += v * ss[i];
  }
  for (gint x = MAX (hi, lo); x < w; x++)
    for (gint ch = 0; ch < c; ch++)
      d[(gsize) x * c + ch] += v * last[ch];
}

typedef struct {
  const SkcImage *src;
  SkcImage *out;
  const GArray *entries;
} SkcConvolveJob;

static void
skc_convolve_rows (gpointer data, gint y0, gint y1)
{
  const SkcConvolveJob *job = data;
  const SkcImage *src = job->src;

  for (gint y = y0; y < y1; y++) {
    gdouble *d = skc_image_at (job->out, 0, y);

    for (guint e = 0; e < job->entries->len; e++) {
      const SkcEntry *en = &g_array_index (job->entries, SkcEntry, e);
      gint sy = CLAMP ((gint64) y - en->dy, 0, src->height - 1);

      skc_add_shifted_row (d, skc_image_at (src, 0, sy), src->width, src->channels, en->dx, en->v);
    }
  }
}

SkcImage *
skc_reference_convolve (const SkcImage *src, const SkcRaster *psf)
{
  g_autoptr (GArray) entries = NULL;
  SkcConvolveJob job;

  g_return_val_if_fail (src != NULL && psf != NULL, NULL);
  job = (SkcConvolveJob) { src, skc_image_new (src->width, src->height, src->channels), NULL };
  if (job.out == NULL)
    return NULL;
  entries = skc_nonzero_entries (psf);
  job.entries = entries;
  /* out(x) = Σ_k psf(k) · in(clamp(x − k)) */
  skc_run_rows (src->height, (gdouble) entries->len * src->width * src->height * src->channels,
      skc_convolve_rows, &job);
  return job.out;
}

/* ---- complexes: bilinear gathers, layer by layer -------------------------- */

/* The layer l that pixel (x, y) gathers with.  scratch: what the rows'
 * SkcScratchNew made for this run of rows (NULL without one), for lookups
 * that build the pixel's complex rather than keep one. */
typedef const SkcLayer *(*SkcLayerAt) (gconstpointer ctx, guint l, gint x, gint y, gpointer scratch);
typedef gpointer (*SkcScratchNew) (gconstpointer ctx);

typedef struct {
  SkcLayerAt layer_at;
  SkcScratchNew scratch_new;    /* NULL: no scratch */
  GDestroyNotify scratch_free;
} SkcLayerLookup;

typedef struct {
  const SkcImage *src;
  SkcImage *out;
  const SkcLayerLookup *lookup;
  gconstpointer ctx;
  guint l;
} SkcGatherJob;

/* y(x) = Σ w · bilerp(prev, x + o), every channel, clamp-to-edge. */
static void
skc_gather_rows (gpointer data, gint y0, gint y1)
{
  const SkcGatherJob *job = data;
  const SkcImage *src = job->src;
  gpointer scratch = job->lookup->scratch_new ? job->lookup->scratch_new (job->ctx) : NULL;

  for (gint y = y0; y < y1; y++)
    for (gint x = 0; x < src->width; x++) {
      const SkcLayer *layer = job->lookup->layer_at (job->ctx, job->l, x, y, scratch);
      gdouble *d = skc_image_at (job->out, x, y);

      for (guint i = 0; i < layer->n_taps; i++) {
        const SkcTap *t = &layer->taps[i];

        for (gint c = 0; c < src->channels; c++)
          d[c] += t->w * skc_image_bilerp (src, x + t->dx, y + t->dy, c);
      }
    }
  if (scratch)
    job->lookup->scratch_free (scratch);
}

static void
skc_image_add (SkcImage *sum, const SkcImage *img)
{
  gsize n = (gsize) img->width * img->height * img->channels;

  for (gsize i = 0; i < n; i++)
    sum->data[i] += img->data[i];
}

/* Each branch (a run of consecutive layers with one branch value, as in the
 * impulse response) filters src in cascade; the branches are summed.  layout
 * gives the layer count and branches, layer_at the taps per pixel. */
static SkcImage *
skc_run_complex (const SkcImage *src, const SkcComplex *layout, const SkcLayerLookup *lookup,
    gconstpointer ctx)
{
  SkcImage *sum = NULL, *current = NULL;

  for (guint l = 0; l < layout->n_layers; l++) {
    SkcGatherJob job = { NULL, NULL, lookup, ctx, l };

    if (l > 0 && layout->layers[l].branch != layout->layers[l - 1].branch) {
      if (sum) {
        skc_image_add (sum, current);
        skc_image_free (current);
      } else {
        sum = current;
      }
      current = NULL;
    }
    job.src = current ? current : src;
    job.out = skc_image_new (src->width, src->height, src->channels);
    if (job.out == NULL) {
      skc_image_free (current);
      skc_image_free (sum);
      return NULL;
    }
    /* A bilinear tap is four multiply-adds a sample. */
    skc_run_rows (src->height, 4.0 * layout->layers[l].n_taps * src->width * src->height * src->channels,
        skc_gather_rows, &job);
    skc_image_free (current);
    current = job.out;
  }
  if (sum && current) {
    skc_image_add (sum, current);
    skc_image_free (current);
    return sum;
  }
  return current;
}

static const SkcLayer *
skc_fixed_layer_at (gconstpointer ctx, guint l, G_GNUC_UNUSED gint x, G_GNUC_UNUSED gint y,
    G_GNUC_UNUSED gpointer scratch)
{
  const SkcComplex *c = ctx;

  return &c->layers[l];
}

SkcImage *
skc_reference_filter_complex (const SkcImage *src, const SkcComplex *c)
{
  static const SkcLayerLookup fixed = { skc_fixed_layer_at, NULL, NULL };

  g_return_val_if_fail (src != NULL && c != NULL && c->n_layers > 0, NULL);
  return skc_run_complex (src, c, &fixed, c);
}

/* ---- spatially varying ----------------------------------------------------- */

/* Cache key of a parameter: its exact bits, with −0 folded onto +0 and every
 * NaN onto one NaN so that neither multiplies the cache. */
static gint64
skc_param_key (gdouble *p)
{
  gint64 bits;

  if (*p == 0.0)
    *p = 0.0;
  else if (isnan (*p))
    *p = NAN;
  memcpy (&bits, p, sizeof bits);
  return bits;
}

/* The user's callback and data, for the builders below. */
typedef struct {
  SkcTargetFunc target;
  SkcComplexFunc complex_at;
  gpointer user_data;
} SkcClosure;

typedef gpointer (*SkcMakeFunc) (gdouble p, gpointer user_data);

/* Sets per_pixel[y·w + x] to what make() builds for param(x, y), building
 * once per distinct value (cache: key → value, owns the values).  The
 * callbacks are user code and need not be thread-safe, so this runs before
 * any thread starts.  FALSE if make() returned NULL. */
static gboolean
skc_resolve_params (const SkcImage *param, GHashTable *cache, SkcMakeFunc make,
    gpointer user_data, gpointer *per_pixel)
{
  gsize n = (gsize) param->width * param->height;

  for (gsize i = 0; i < n; i++) {
    gdouble p = param->data[i];
    gint64 key = skc_param_key (&p);
    gpointer value = g_hash_table_lookup (cache, &key);

    if (value == NULL) {
      value = make (p, user_data);
      if (value == NULL) {
        g_critical ("skc_reference: the callback returned nothing for parameter %g", p);
        return FALSE;
      }
      g_hash_table_insert (cache, g_memdup2 (&key, sizeof key), value);
    }
    per_pixel[i] = value;
  }
  return TRUE;
}

static gpointer
skc_make_entries (gdouble p, gpointer user_data)
{
  const SkcClosure *closure = user_data;
  g_autoptr (SkcRaster) psf = closure->target (p, closure->user_data);

  return psf ? skc_nonzero_entries (psf) : NULL;
}

typedef struct {
  const SkcImage *src;
  SkcImage *out;
  GArray *const *entries;   /* per pixel */
} SkcVaryingJob;

static void
skc_convolve_varying_rows (gpointer data, gint y0, gint y1)
{
  const SkcVaryingJob *job = data;
  const SkcImage *src = job->src;
  gint C = src->channels;

  for (gint y = y0; y < y1; y++)
    for (gint x = 0; x < src->width; x++) {
      const GArray *entries = job->entries[(gsize) y * src->width + x];
      gdouble *d = skc_image_at (job->out, x, y);

      /* Same order and arithmetic as skc_reference_convolve. */
      for (guint e = 0; e < entries->len; e++) {
        const SkcEntry *en = &g_array_index (entries, SkcEntry, e);
        const gdouble *s = skc_image_at (src, CLAMP ((gint64) x - en->dx, 0, src->width - 1),
            CLAMP ((gint64) y - en->dy, 0, src->height - 1));

        for (gint c = 0; c < C; c++)
          d[c] += en->v * s[c];
      }
    }
}

static gboolean
skc_same_frame (const SkcImage *src, const SkcImage *param)
{
  return param->width == src->width && param->height == src->height && param->channels == 1;
}

SkcImage *
skc_reference_convolve_varying (const SkcImage *src, const SkcImage *param,
    SkcTargetFunc target, gpointer user_data)
{
  g_autoptr (GHashTable) cache = NULL;
  g_autofree GArray **entries = NULL;
  SkcClosure closure = { target, NULL, user_data };
  SkcVaryingJob job;
  gdouble work = 0;

  g_return_val_if_fail (src != NULL && param != NULL && target != NULL, NULL);
  g_return_val_if_fail (skc_same_frame (src, param), NULL);

  cache = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
      (GDestroyNotify) g_array_unref);
  entries = g_try_new (GArray *, (gsize) src->width * src->height);
  if (entries == NULL ||
      !skc_resolve_params (param, cache, skc_make_entries, &closure, (gpointer *) entries))
    return NULL;
  job = (SkcVaryingJob) { src, skc_image_new (src->width, src->height, src->channels), entries };
  if (job.out == NULL)
    return NULL;
  for (gsize i = 0; i < (gsize) src->width * src->height; i++)
    work += entries[i]->len;
  skc_run_rows (src->height, work * src->channels, skc_convolve_varying_rows, &job);
  return job.out;
}

static gpointer
skc_make_complex (gdouble p, gpointer user_data)
{
  const SkcClosure *closure = user_data;

  return closure->complex_at (p, closure->user_data);
}

typedef struct {
  SkcComplex *const *complexes;   /* per pixel */
  gint width;
} SkcVaryingLayers;

static const SkcLayer *
skc_varying_layer_at (gconstpointer ctx, guint l, gint x, gint y, G_GNUC_UNUSED gpointer scratch)
{
  const SkcVaryingLayers *v = ctx;

  return &v->complexes[(gsize) y * v->width + x]->layers[l];
}

static const SkcLayerLookup varying_lookup = { skc_varying_layer_at, NULL, NULL };

/* Every pixel's complex must have the first one's layers and branches, so
 * that "layer l" means the same stage everywhere. */
static gboolean
skc_same_stages (GHashTable *cache, const SkcComplex *first)
{
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, cache);
  while (g_hash_table_iter_next (&iter, NULL, &value)) {
    const SkcComplex *c = value;

    if (c->n_layers != first->n_layers)
      return FALSE;
    for (guint l = 0; l < c->n_layers; l++)
      if (c->layers[l].branch != first->layers[l].branch)
        return FALSE;
  }
  return TRUE;
}

SkcImage *
skc_reference_filter_varying (const SkcImage *src, const SkcImage *param, SkcComplexFunc complex_at,
    gpointer user_data)
{
  g_autoptr (GHashTable) cache = NULL;
  g_autofree SkcComplex **complexes = NULL;
  SkcClosure closure = { NULL, complex_at, user_data };
  SkcVaryingLayers layers;

  g_return_val_if_fail (src != NULL && param != NULL && complex_at != NULL, NULL);
  g_return_val_if_fail (skc_same_frame (src, param), NULL);

  cache = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
      (GDestroyNotify) skc_complex_free);
  complexes = g_try_new (SkcComplex *, (gsize) src->width * src->height);
  if (complexes == NULL ||
      !skc_resolve_params (param, cache, skc_make_complex, &closure, (gpointer *) complexes))
    return NULL;
  if (complexes[0]->n_layers == 0 || !skc_same_stages (cache, complexes[0])) {
    g_critical ("%s: the complexes differ in layers or branches", G_STRFUNC);
    return NULL;
  }
  layers = (SkcVaryingLayers) { complexes, src->width };
  return skc_run_complex (src, complexes[0], &varying_lookup, &layers);
}

/* The oriented reference keeps no complex a pixel (a 4K frame would hold
 * 8 M of them): each run of rows builds its pixel's complex when (radius,
 * angle) changes from the pixel before, into one scratch complex, so memory
 * is one complex a thread and hand-made maps with runs of equal values
 * build once a run. */
typedef struct {
  const SkcImage *radius, *angle;
  const SkcFamily *family;
  gdouble aspect;
} SkcOrientedCtx;

typedef struct {
  SkcComplex *c;
  gdouble radius, angle;
  gboolean valid;
} SkcOrientedScratch;

static gpointer
skc_oriented_scratch_new (gconstpointer ctx)
{
  const SkcOrientedCtx *o = ctx;
  SkcOrientedScratch *s = g_new0 (SkcOrientedScratch, 1);

  s->c = skc_complex_copy (o->family->members[0]);
  return s;
}

static void
skc_oriented_scratch_free (gpointer data)
{
  SkcOrientedScratch *s = data;

  skc_complex_free (s->c);
  g_free (s);
}

static const SkcLayer *
skc_oriented_layer_at (gconstpointer ctx, guint l, gint x, gint y, gpointer scratch)
{
  const SkcOrientedCtx *o = ctx;
  SkcOrientedScratch *s = scratch;
  gsize at = (gsize) y * o->radius->width + x;
  gdouble r = o->radius->data[at], a = o->angle->data[at];

  /* Compared as values; NaN never equals, so such a pixel is rebuilt. */
  if (!s->valid || r != s->radius || a != s->angle) {
    skc_family_eval (o->family, r, s->c);
    /* Aspect first, along the kernel's own x axis, then the turn. */
    skc_complex_scale_xy (s->c, o->aspect, 1.0);
    skc_complex_rotate (s->c, a);
    s->radius = r;
    s->angle = a;
    s->valid = TRUE;
  }
  return &s->c->layers[l];
}

static const SkcLayerLookup oriented_lookup = {
  skc_oriented_layer_at, skc_oriented_scratch_new, skc_oriented_scratch_free
};

SkcImage *
skc_reference_convolve_oriented (const SkcImage *src, const SkcImage *radius,
    const SkcImage *angle, const SkcFamily *family, gdouble aspect)
{
  SkcOrientedCtx o = { radius, angle, family, aspect };

  g_return_val_if_fail (src != NULL && radius != NULL && angle != NULL && family != NULL, NULL);
  g_return_val_if_fail (skc_same_frame (src, radius) && skc_same_frame (src, angle), NULL);
  g_return_val_if_fail (family->n_members > 0 && aspect > 0 && isfinite (aspect), NULL);
  return skc_run_complex (src, family->members[0], &oriented_lookup, &o);
}
