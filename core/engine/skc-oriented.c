/* libskc — a grid of (radius, angle) levels through the varying path's loops. */
#include "skc-oriented.h"
#include "skc-error.h"
#include "skc-impulse.h"

#include <math.h>
#include <string.h>

gboolean
skc_family_half_turn_symmetric (const SkcFamily *family)
{
  for (guint m = 0; m < family->n_members; m++) {
    g_autoptr (SkcRaster) r = skc_complex_impulse_response (family->members[m]);
    gdouble mass = 0, off = 0;

    if (r == NULL)
      return FALSE;
    for (gint y = 0; y < r->height; y++)
      for (gint x = 0; x < r->width; x++) {
        gint dx = x - r->cx, dy = y - r->cy;
        gdouble a = *skc_raster_at (r, x, y);

        mass += fabs (a);
        off += fabs (a - skc_raster_get (r, -dx, -dy));
      }
    /* Each mismatch is counted at both ends. */
    if (!(off <= 2 * 0.02 * mass))
      return FALSE;
  }
  return TRUE;
}

SkcOrientedKernel *
skc_oriented_kernel_new_lazy (const SkcFamily *family, gdouble radius_step, gdouble arc, SkcPrecision precision,
    gdouble scale_x, gdouble scale_y, gint within_w, gint within_h, GError **error)
{
  SkcOrientedKernel *ok;
  SkcVaryingKernel *vk;

  if (!(arc > 0) || !isfinite (arc)) {
    g_set_error (error, SKC_ERROR, SKC_ERROR_INVALID, "angle levels: an arc of %g px is out of range", arc);
    return NULL;
  }
  vk = skc_varying_kernel_new_lazy (family, radius_step, precision, scale_x, scale_y, within_w, within_h, error);
  if (vk == NULL)
    return NULL;
  ok = g_new0 (SkcOrientedKernel, 1);
  ok->vk = vk;
  ok->radius_step = radius_step;
  ok->arc = ok->arc_asked = arc;
  ok->half_turn = skc_family_half_turn_symmetric (family);
  ok->period = ok->half_turn ? 180 : 360;
  /* Radius level 0 is the identity: one level, the grid's level 0. */
  ok->n_radius = 1;
  ok->first = g_new0 (guint, 1);
  ok->n_angles = g_new (guint, 1);
  ok->n_angles[0] = 1;
  ok->n_grid = 1;
  return ok;
}

void
skc_oriented_kernel_free (SkcOrientedKernel *ok)
{
  if (ok == NULL)
    return;
  skc_varying_kernel_free (ok->vk);
  g_free (ok->first);
  g_free (ok->n_angles);
  g_free (ok->span);
  g_free (ok);
}

/* How far the level's support reaches from its centre: the impulse response
 * is a sum of one tap per layer, so no point lies farther than the sum of
 * each layer's farthest tap. */
static gdouble
support_reach (const SkcComplex *c)
{
  gdouble reach = 0;

  for (guint l = 0; l < c->n_layers; l++) {
    gdouble far = 0;

    for (guint i = 0; i < c->layers[l].n_taps; i++)
      far = MAX (far, hypot (c->layers[l].taps[i].dx, c->layers[l].taps[i].dy));
    reach += far;
  }
  return reach;
}

/* Each radius level's arc over the period at the support's reach, in px:
 * what one angle level of that radius may move the kernel by, times the
 * number of angle levels.  Cached from q = 0 up (q = 0, the identity, 0). */
static void
grow_spans (SkcOrientedKernel *ok, guint n_radius)
{
  if (n_radius <= ok->n_spans)
    return;
  ok->span = g_renew (gdouble, ok->span, n_radius);
  for (guint q = ok->n_spans; q < n_radius; q++) {
    g_autoptr (SkcComplex) c = skc_varying_level_complex (ok->vk->family, q * ok->radius_step);

    ok->span[q] = q == 0 ? 0 : ok->period * G_PI / 180 * support_reach (c);
  }
  ok->n_spans = n_radius;
}

static guint
angles_for (gdouble span, gdouble arc)
{
  gdouble n = ceil (span / arc);

  return n < 1 ? 1 : n > SKC_ORIENTED_MAX_LEVELS ? SKC_ORIENTED_MAX_LEVELS : (guint) n;
}

static gsize
grid_size (const SkcOrientedKernel *ok, guint n_radius, gdouble arc)
{
  gsize total = 0;

  for (guint q = 0; q < n_radius; q++)
    total += angles_for (ok->span[q], arc);
  return total;
}

/* Lays the grid out up to n_radius radius levels.  Past the level budget
 * the arc is coarsened (×1.25 at a time) and the grid starts again: every
 * level built so far is dropped, once for each time the max radius grows
 * past what the budget holds.  FALSE with an error only when the radius
 * levels alone pass it. */
static gboolean
layout (SkcOrientedKernel *ok, guint n_radius, GError **error)
{
  gdouble arc = ok->arc;
  guint n_grid;

  if (n_radius <= ok->n_radius)
    return TRUE;
  if (n_radius > SKC_ORIENTED_MAX_LEVELS) {
    g_set_error (error, SKC_ERROR, SKC_ERROR_INVALID,
        "angle levels: %u radius levels pass the budget of %u levels; use a smaller max radius", n_radius,
        SKC_ORIENTED_MAX_LEVELS);
    return FALSE;
  }
  grow_spans (ok, n_radius);
  while (grid_size (ok, n_radius, arc) > SKC_ORIENTED_MAX_LEVELS)
    arc *= 1.25;
  if (arc != ok->arc) {
    SkcVaryingKernel *vk = ok->vk;

    g_debug ("oriented kernel: %u radius levels at an arc of %g px pass %u levels: arc %g px", n_radius,
        ok->arc, SKC_ORIENTED_MAX_LEVELS, arc);
    for (guint g = 0; g < vk->capacity; g++)
      g_clear_pointer (&vk->levels[g], skc_fixed_kernel_free);
    ok->arc = arc;
    ok->n_radius = 1;
    ok->n_grid = 1;
  }
  ok->first = g_renew (guint, ok->first, n_radius);
  ok->n_angles = g_renew (guint, ok->n_angles, n_radius);
  n_grid = ok->n_grid;
  for (guint q = ok->n_radius; q < n_radius; q++) {
    ok->first[q] = n_grid;
    ok->n_angles[q] = angles_for (ok->span[q], ok->arc);
    n_grid += ok->n_angles[q];
  }
  ok->n_radius = n_radius;
  ok->n_grid = n_grid;
  return TRUE;
}

static inline guint
angle_level (gfloat angle, gfloat inv_period, guint n)
{
  /* The fraction of the period, then the nearest of n levels, wrapped:
   * no division or 64-bit modulo a pixel.  NaN and infinities fail the
   * comparison and land on level 0 rather than in an undefined conversion. */
  gfloat turns = angle * inv_period, frac = turns - floorf (turns);
  guint a;

  if (!(frac >= 0 && frac < 1))
    return 0;
  a = (guint) (frac * n + 0.5f);
  return a >= n ? 0 : a;
}

guint
skc_oriented_level_of (const SkcOrientedKernel *ok, guint n_radius, gfloat radius, gfloat angle)
{
  guint q = skc_varying_level_of (radius, (gfloat) (1 / ok->radius_step), MIN (n_radius, ok->n_radius));

  if (q == 0)
    return 0;
  return ok->first[q] + angle_level (angle, (gfloat) (1 / ok->period), ok->n_angles[q]);
}

void
skc_oriented_level_params (const SkcOrientedKernel *ok, guint level, gdouble *radius, gdouble *angle)
{
  guint q = 0;

  /* The last radius level starting at or before level. */
  for (guint lo = 0, hi = ok->n_radius; lo < hi;) {
    guint mid = (lo + hi) / 2;

    if (ok->first[mid] <= level) {
      q = mid;
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  *radius = q * ok->radius_step;
  *angle = q == 0 ? 0 : (level - ok->first[q]) * ok->period / ok->n_angles[q];
}

typedef struct {
  const SkcOrientedKernel *ok;
  const gfloat *radius, *angle;
  gsize stride;
  gint width, height;
  guint n_radius;
  guint16 *level;
  guint8 *used;        /* per stripe, n_grid flags */
} ScanJob;

static void
scan_stripe (guint i, guint n, gpointer data)
{
  const ScanJob *job = data;
  const SkcOrientedKernel *ok = job->ok;
  guint8 *used = job->used + (gsize) i * ok->n_grid;
  gfloat inv_step = (gfloat) (1 / ok->radius_step), inv_period = (gfloat) (1 / ok->period);
  gint y0, y1;

  skc_pool_stripe (i, n, job->height, &y0, &y1);
  for (gint y = y0; y < y1; y++) {
    const gfloat *r = job->radius + (gsize) y * job->stride, *a = job->angle + (gsize) y * job->stride;
    guint16 *lv = job->level + (gsize) y * job->width;

    for (gint x = 0; x < job->width; x++) {
      guint q = skc_varying_level_of (r[x], inv_step, job->n_radius);
      guint g = q == 0 ? 0 : ok->first[q] + angle_level (a[x], inv_period, ok->n_angles[q]);

      used[g] = 1;
      lv[x] = (guint16) g;
    }
  }
}

/* The fixed kernel of grid level g, or NULL with an error. */
static SkcFixedKernel *
level_kernel (const SkcOrientedKernel *ok, guint g, GError **error)
{
  const SkcVaryingKernel *vk = ok->vk;
  gdouble radius, angle;
  g_autoptr (SkcComplex) c = NULL;
  SkcFixedKernel *k;

  skc_oriented_level_params (ok, g, &radius, &angle);
  c = skc_varying_level_complex (vk->family, radius);
  /* Turned in the picture, then scaled to the plane's grid (chroma). */
  skc_complex_rotate (c, angle);
  skc_complex_scale_xy (c, vk->scale_x, vk->scale_y);
  k = skc_fixed_kernel_new_within (c, vk->within_w, vk->within_h, error);
  if (k == NULL)
    g_prefix_error (error, "radius %g at %g°: ", radius, angle);
  return k;
}

typedef struct {
  const SkcOrientedKernel *ok;
  const guint *todo;
  guint n_todo;
  SkcFixedKernel **built;
  GError **errors;     /* per chunk */
} BuildJob;

/* A first frame may need thousands of levels: they are built on the pool,
 * each chunk its own, and installed afterwards on the caller's thread. */
static void
build_chunk (guint i, guint n, gpointer data)
{
  BuildJob *job = data;
  guint j0 = (guint) ((guint64) job->n_todo * i / n), j1 = (guint) ((guint64) job->n_todo * (i + 1) / n);

  for (guint j = j0; j < j1 && job->errors[i] == NULL; j++)
    job->built[j] = level_kernel (job->ok, job->todo[j], &job->errors[i]);
}

static gboolean
build_levels (SkcOrientedKernel *ok, const guint *todo, guint n_todo, SkcPool *pool, GError **error)
{
  guint chunks = MIN (n_todo, pool ? 4 * skc_pool_threads (pool) : 1);
  g_autofree SkcFixedKernel **built = g_new0 (SkcFixedKernel *, n_todo);
  g_autofree GError **errors = g_new0 (GError *, MAX (chunks, 1));
  BuildJob job = { ok, todo, n_todo, built, errors };
  gboolean ok_all = TRUE;

  if (n_todo == 0)
    return TRUE;
  skc_pool_run (pool, chunks, build_chunk, &job);
  for (guint i = 0; i < chunks; i++)
    if (errors[i] != NULL) {
      if (ok_all)
        g_propagate_error (error, errors[i]);
      else
        g_error_free (errors[i]);
      ok_all = FALSE;
    }
  /* All or nothing: a failed frame leaves the grid as it was. */
  for (guint j = 0; j < n_todo; j++)
    if (ok_all)
      skc_varying_kernel_install_level (ok->vk, todo[j], built[j]);
    else
      skc_fixed_kernel_free (built[j]);
  return ok_all;
}

gboolean
skc_oriented_kernel_prepare (SkcOrientedKernel *ok, gdouble max_radius, const gfloat *radius, const gfloat *angle,
    gsize stride, gint width, gint height, guint16 *level, SkcPool *pool, GError **error)
{
  guint n_radius = skc_varying_kernel_count_levels (ok->vk, max_radius, error);
  guint stripes = skc_pool_stripes (pool, height);
  g_autofree guint8 *used = NULL;
  g_autofree guint *todo = NULL;
  guint n_todo = 0;
  ScanJob job;

  if (n_radius == 0 || !layout (ok, n_radius, error))
    return FALSE;
  used = g_new0 (guint8, (gsize) ok->n_grid * stripes);
  job = (ScanJob) { ok, radius, angle, stride, width, height, n_radius, level, used };
  skc_pool_run (pool, stripes, scan_stripe, &job);
  todo = g_new (guint, ok->n_grid);
  for (guint g = 1; g < ok->n_grid; g++) {
    gboolean needed = FALSE;

    for (guint i = 0; i < stripes && !needed; i++)
      needed = used[(gsize) i * ok->n_grid + g];
    if (needed && (g >= ok->vk->capacity || ok->vk->levels[g] == NULL))
      todo[n_todo++] = g;
  }
  if (!build_levels (ok, todo, n_todo, pool, error))
    return FALSE;
  ok->vk->n_levels = ok->n_grid;
  return TRUE;
}

gsize
skc_oriented_kernel_bytes (const SkcOrientedKernel *ok)
{
  const SkcVaryingKernel *vk = ok->vk;
  gsize bytes = sizeof (SkcFixedKernel *) * vk->capacity;

  for (guint g = 0; g < vk->capacity; g++) {
    const SkcFixedKernel *k = vk->levels[g];

    if (k == NULL)
      continue;
    bytes += sizeof (*k);
    for (guint l = 0; l < k->n_layers; l++)
      bytes += sizeof (SkcIntTap) * (k->n_taps[l] + k->n_taps16[l]) + sizeof (guint32) * (k->n_taps[l] / 2 + 1);
  }
  return bytes;
}
