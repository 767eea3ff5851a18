/* libskc — a grid of (radius, angle) levels through the varying path's loops. */
#include "skc-oriented.h"
#include "skc-catseye.h"
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
  g_free (ok->owner);
  g_free (ok->clip_first);
  g_free (ok->n_clips);
  g_free (ok->slot_q);
  g_free (ok->layer_span);
  g_free (ok);
}

void
skc_oriented_kernel_set_clip (SkcOrientedKernel *ok, gdouble turn, const SkcFamily *lens, gdouble lens_radius)
{
  g_return_if_fail (ok->n_radius == 1 && !ok->clipped);
  ok->clipped = TRUE;
  ok->clip_turn = turn;
  ok->lens = lens;
  ok->lens_radius = lens_radius;
  /* Radius level 0, the identity: one slot, one level. */
  ok->clip_first = g_new0 (guint, 1);
  ok->n_clips = g_new (guint, 1);
  ok->n_clips[0] = 1;
  ok->slot_q = g_new0 (guint, 1);
  ok->n_slots = 1;
  ok->owner = g_new0 (guint, 1);
  ok->owner_len = 1;
}

/* The farthest tap of layer l from the centre. */
static gdouble
layer_reach (const SkcComplex *c, guint l)
{
  gdouble far = 0;

  for (guint i = 0; i < c->layers[l].n_taps; i++)
    far = MAX (far, hypot (c->layers[l].taps[i].dx, c->layers[l].taps[i].dy));
  return far;
}

/* The most radius levels one layer's cell spans: beyond it a layer's cell
 * would reach past the radius levels laid out (and the cells near the
 * identity would be wide). */
#define SHARE_MAX_SPAN 16u

gboolean
skc_oriented_kernel_share_layers (SkcOrientedKernel *ok)
{
  const SkcFamily *f = ok->vk->family;
  const SkcComplex *last = f->members[f->n_members - 1];
  gdouble top = 0;

  g_return_val_if_fail (ok->n_radius == 1 && !ok->clipped && !ok->share_asked, FALSE);
  ok->share_asked = TRUE;
  if (f->n_members != 1)
    return FALSE;
  for (guint l = 0; l < last->n_layers; l++)
    top = MAX (top, layer_reach (last, l));
  ok->layer_span = g_new (guint, last->n_layers);
  for (guint l = 0; l < last->n_layers; l++) {
    gdouble r = layer_reach (last, l), m = r > 0 ? round (top / r) : SHARE_MAX_SPAN;

    ok->layer_span[l] = m < 1 ? 1 : m > SHARE_MAX_SPAN ? SHARE_MAX_SPAN : (guint) m;
  }
  return TRUE;
}

/* How far the level's support reaches from its centre: the impulse response
 * is a sum of one tap per layer, so no point lies farther than the sum of
 * each layer's farthest tap. */
static gdouble
support_reach (const SkcComplex *c)
{
  gdouble reach = 0;

  for (guint l = 0; l < c->n_layers; l++)
    reach += layer_reach (c, l);
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

static gboolean
radius_levels_fit (guint n_radius, GError **error)
{
  if (n_radius <= SKC_ORIENTED_MAX_LEVELS)
    return TRUE;
  g_set_error (error, SKC_ERROR, SKC_ERROR_INVALID,
      "angle levels: %u radius levels pass the budget of %u levels; use a smaller max radius", n_radius,
      SKC_ORIENTED_MAX_LEVELS);
  return FALSE;
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
  if (!radius_levels_fit (n_radius, error))
    return FALSE;
  /* A shared layer's cell may sit up to half its span above the top level. */
  grow_spans (ok, n_radius + (ok->layer_span ? SHARE_MAX_SPAN / 2 + 1 : 0));
  while (grid_size (ok, n_radius, arc) > SKC_ORIENTED_MAX_LEVELS)
    arc *= 1.25;
  if (arc != ok->arc) {
    SkcVaryingKernel *vk = ok->vk;

    g_debug ("oriented kernel: %u radius levels at an arc of %g px pass %u levels: arc %g px", n_radius,
        ok->arc, SKC_ORIENTED_MAX_LEVELS, arc);
    for (guint g = 0; g < vk->capacity; g++)
      skc_varying_kernel_drop_level (vk, g);
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

/* The clip axis: slots for radius levels up to n_radius, none of them given
 * levels yet (prepare does, for the slots a frame reaches). */
static gboolean
layout_clipped (SkcOrientedKernel *ok, guint n_radius, GError **error)
{
  guint n_slots = ok->n_slots;

  if (n_radius <= ok->n_radius)
    return TRUE;
  if (!radius_levels_fit (n_radius, error))
    return FALSE;
  grow_spans (ok, n_radius);
  ok->clip_first = g_renew (guint, ok->clip_first, n_radius);
  ok->n_clips = g_renew (guint, ok->n_clips, n_radius);
  for (guint q = ok->n_radius; q < n_radius; q++) {
    gdouble n = ceil (SKC_CATSEYE_MAX_CLIP * q * ok->radius_step / ok->arc_asked) + 1;

    ok->clip_first[q] = n_slots;
    ok->n_clips[q] = n > SKC_ORIENTED_MAX_CLIPS ? SKC_ORIENTED_MAX_CLIPS : (guint) n;
    n_slots += ok->n_clips[q];
  }
  ok->first = g_renew (guint, ok->first, n_slots);
  ok->n_angles = g_renew (guint, ok->n_angles, n_slots);
  ok->slot_q = g_renew (guint, ok->slot_q, n_slots);
  for (guint q = ok->n_radius; q < n_radius; q++)
    for (guint k = 0; k < ok->n_clips[q]; k++) {
      guint sl = ok->clip_first[q] + k;

      ok->first[sl] = G_MAXUINT;
      ok->n_angles[sl] = angles_for (ok->span[q], ok->arc);
      ok->slot_q[sl] = q;
    }
  ok->n_radius = n_radius;
  ok->n_slots = n_slots;
  return TRUE;
}

static inline guint
clip_slot (const SkcOrientedKernel *ok, guint q, gfloat clip)
{
  /* The nearest of the radius level's clip levels; NaN fails both tests. */
  guint n = ok->n_clips[q];
  gfloat t = clip * (gfloat) ((n - 1) / SKC_CATSEYE_MAX_CLIP) + 0.5f;

  return ok->clip_first[q] + (t >= n - 1 ? n - 1 : t > 0 ? (guint) t : 0);
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

  g_return_val_if_fail (!ok->clipped, 0);
  if (q == 0)
    return 0;
  return ok->first[q] + angle_level (angle, (gfloat) (1 / ok->period), ok->n_angles[q]);
}

/* The radius level of grid level g (without the clip axis): the last
 * starting at or before it. */
static guint
radius_level_of_grid (const SkcOrientedKernel *ok, guint g)
{
  guint q = 0;

  for (guint lo = 0, hi = ok->n_radius; lo < hi;) {
    guint mid = (lo + hi) / 2;

    if (ok->first[mid] <= g) {
      q = mid;
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return q;
}

void
skc_oriented_level_params (const SkcOrientedKernel *ok, guint level, gdouble *radius, gdouble *angle)
{
  guint q = 0;

  if (ok->clipped) {
    guint sl = ok->owner[level];

    q = ok->slot_q[sl];
    *radius = q * ok->radius_step;
    *angle = q == 0 ? 0 : (level - ok->first[sl]) * ok->period / ok->n_angles[sl];
    return;
  }
  q = radius_level_of_grid (ok, level);
  *radius = q * ok->radius_step;
  *angle = q == 0 ? 0 : (level - ok->first[q]) * ok->period / ok->n_angles[q];
}

void
skc_oriented_level_clip (const SkcOrientedKernel *ok, guint level, gdouble *clip)
{
  guint sl, q;

  *clip = 0;
  if (!ok->clipped)
    return;
  sl = ok->owner[level];
  q = ok->slot_q[sl];
  if (ok->n_clips[q] > 1)
    *clip = (sl - ok->clip_first[q]) * SKC_CATSEYE_MAX_CLIP / (ok->n_clips[q] - 1);
}

typedef struct {
  const SkcOrientedKernel *ok;
  const gfloat *radius, *angle, *clip;
  gsize stride;
  gint width, height;
  guint n_radius;
  guint16 *level;
  guint8 *used;        /* per stripe, n_grid flags (slots: n_slots flags) */
} ScanJob;

/* The clip axis's first pass: which slots the frame reaches. */
static void
scan_slots_stripe (guint i, guint n, gpointer data)
{
  const ScanJob *job = data;
  const SkcOrientedKernel *ok = job->ok;
  guint8 *used = job->used + (gsize) i * ok->n_slots;
  gfloat inv_step = (gfloat) (1 / ok->radius_step);
  gint y0, y1;

  skc_pool_stripe (i, n, job->height, &y0, &y1);
  for (gint y = y0; y < y1; y++) {
    const gfloat *r = job->radius + (gsize) y * job->stride;
    const gfloat *c = job->clip ? job->clip + (gsize) y * job->stride : NULL;

    for (gint x = 0; x < job->width; x++) {
      guint q = skc_varying_level_of (r[x], inv_step, job->n_radius);

      used[q == 0 ? 0 : clip_slot (ok, q, c ? c[x] : 0)] = 1;
    }
  }
}

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
    const gfloat *c = job->clip ? job->clip + (gsize) y * job->stride : NULL;
    guint16 *lv = job->level + (gsize) y * job->width;

    for (gint x = 0; x < job->width; x++) {
      guint q = skc_varying_level_of (r[x], inv_step, job->n_radius);
      guint sl = q == 0 || !ok->clipped ? q : clip_slot (ok, q, c ? c[x] : 0);
      guint g = q == 0 ? 0 : ok->first[sl] + angle_level (a[x], inv_period, ok->n_angles[sl]);

      used[g] = 1;
      lv[x] = (guint16) g;
    }
  }
}

/* c turned to angle, then scaled to the plane's grid (chroma). */
static void
turn_onto_plane (const SkcOrientedKernel *ok, SkcComplex *c, gdouble angle)
{
  skc_complex_rotate (c, angle);
  skc_complex_scale_xy (c, ok->vk->scale_x, ok->vk->scale_y);
}

/* The family at radius, turned onto the plane at angle. */
static SkcComplex *
turned_complex (const SkcOrientedKernel *ok, gdouble radius, gdouble angle)
{
  SkcComplex *c = skc_varying_level_complex (ok->vk->family, radius);

  turn_onto_plane (ok, c, angle);
  return c;
}

/* Layer l's coarse cell for grid level g = first[q] + a (layer sharing):
 * its radius and angle, and its key (0: the layer is the level's own). */
static guint32
layer_cell (const SkcOrientedKernel *ok, guint q, guint a, guint l, gdouble *radius, gdouble *angle)
{
  guint m = ok->layer_span[l], qc, n, a_c;

  if (m == 1 || q == 0) {
    *radius = q * ok->radius_step;
    *angle = a * ok->period / ok->n_angles[q];
    return 0;
  }
  /* The nearest multiple of m, or q itself near the identity (a layer at
   * radius 0 would pass its input, which the later layers' ping-pong does
   * not keep). */
  qc = (q + m / 2) / m * m;
  if (qc == 0)
    qc = q;
  n = MAX (angles_for (ok->span[qc], ok->arc) / m, 1u);
  a_c = (guint) floor ((gdouble) a * n / ok->n_angles[q] + 0.5) % n;
  *radius = qc * ok->radius_step;
  *angle = a_c * ok->period / n;
  /* Unique per cell: qc < 2^17 and a_c < 2^15 (SKC_ORIENTED_MAX_LEVELS). */
  return 1 + qc * 32768u + a_c;
}

SkcComplex *
skc_oriented_level_complex (const SkcOrientedKernel *ok, guint g)
{
  gdouble radius, angle;
  SkcComplex *c;
  guint q;

  g_return_val_if_fail (!ok->clipped, NULL);
  skc_oriented_level_params (ok, g, &radius, &angle);
  c = turned_complex (ok, radius, angle);
  if (ok->layer_span == NULL || g == 0)
    return c;
  q = radius_level_of_grid (ok, g);
  for (guint l = 0; l < c->n_layers; l++)
    if (layer_cell (ok, q, g - ok->first[q], l, &radius, &angle) != 0) {
      g_autoptr (SkcComplex) cell = turned_complex (ok, radius, angle);
      SkcLayer t = c->layers[l];

      /* The same family: the same layout at every radius. */
      c->layers[l] = cell->layers[l];
      cell->layers[l] = t;
    }
  return c;
}

/* The fixed kernel of grid level g, or NULL with an error. */
static SkcFixedKernel *
level_kernel (const SkcOrientedKernel *ok, guint g, GError **error)
{
  gdouble radius, angle;
  g_autoptr (SkcComplex) c = NULL;
  SkcFixedKernel *k;

  skc_oriented_level_params (ok, g, &radius, &angle);
  if (ok->clipped) {
    gdouble clip;

    skc_oriented_level_clip (ok, g, &clip);
    c = skc_catseye_complex (ok->vk->family, ok->lens, ok->lens_radius, radius, clip, ok->clip_turn);
    turn_onto_plane (ok, c, angle);
  } else {
    c = skc_oriented_level_complex (ok, g);
  }
  k = skc_fixed_kernel_new_within (c, ok->vk->within_w, ok->vk->within_h, error);
  if (k == NULL) {
    g_prefix_error (error, "radius %g at %g°: ", radius, angle);
    return NULL;
  }
  if (ok->layer_span != NULL) {
    guint q = radius_level_of_grid (ok, g);

    k->run_key = g_new (guint32, k->n_layers);
    for (guint l = 0; l < k->n_layers; l++)
      k->run_key[l] = layer_cell (ok, q, g - ok->first[q], l, &radius, &angle);
  }
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

/* Drops every level and slot placement, for a coarser arc. */
static void
reset_slots (SkcOrientedKernel *ok, gdouble arc)
{
  SkcVaryingKernel *vk = ok->vk;

  g_debug ("oriented kernel: the cat's-eye slots pass %u levels at an arc of %g px: arc %g px",
      SKC_ORIENTED_MAX_LEVELS, ok->arc, arc);
  for (guint g = 0; g < vk->capacity; g++)
    skc_varying_kernel_drop_level (vk, g);
  ok->arc = arc;
  for (guint sl = 1; sl < ok->n_slots; sl++) {
    ok->first[sl] = G_MAXUINT;
    ok->n_angles[sl] = angles_for (ok->span[ok->slot_q[sl]], arc);
  }
  ok->n_grid = 1;
}

/* Gives the slots the frame reaches (flags per stripe) their angle levels,
 * coarsening the arc when they would pass the budget. */
static gboolean
place_slots (SkcOrientedKernel *ok, const guint8 *used, guint stripes, GError **error)
{
  g_autofree guint *reached = g_new (guint, ok->n_slots);
  guint n_reached = 0;
  gsize need = ok->n_grid;
  gdouble arc = ok->arc;

  for (guint sl = 1; sl < ok->n_slots; sl++) {
    gboolean hit = FALSE;

    for (guint i = 0; i < stripes && !hit; i++)
      hit = used[(gsize) i * ok->n_slots + sl];
    if (!hit)
      continue;
    reached[n_reached++] = sl;
    if (ok->first[sl] == G_MAXUINT)
      need += ok->n_angles[sl];
  }
  if (n_reached >= SKC_ORIENTED_MAX_LEVELS) {
    g_set_error (error, SKC_ERROR, SKC_ERROR_INVALID,
        "angle levels: a frame reaches %u (radius, clip) levels, past the budget of %u levels; use a smaller "
        "max radius", n_reached, SKC_ORIENTED_MAX_LEVELS);
    return FALSE;
  }
  if (need > SKC_ORIENTED_MAX_LEVELS) {
    /* Only what this frame reaches is laid out again. */
    for (;;) {
      need = 1;
      for (guint j = 0; j < n_reached; j++)
        need += angles_for (ok->span[ok->slot_q[reached[j]]], arc);
      if (need <= SKC_ORIENTED_MAX_LEVELS)
        break;
      arc *= 1.25;
    }
    reset_slots (ok, arc);
  }
  ok->owner = g_renew (guint, ok->owner, need > ok->owner_len ? need : ok->owner_len);
  ok->owner_len = MAX (ok->owner_len, (guint) need);
  for (guint j = 0; j < n_reached; j++) {
    guint sl = reached[j];

    if (ok->first[sl] != G_MAXUINT)
      continue;
    ok->first[sl] = ok->n_grid;
    for (guint a = 0; a < ok->n_angles[sl]; a++)
      ok->owner[ok->n_grid + a] = sl;
    ok->n_grid += ok->n_angles[sl];
  }
  return TRUE;
}

gboolean
skc_oriented_kernel_prepare (SkcOrientedKernel *ok, gdouble max_radius, const gfloat *radius, const gfloat *angle,
    gsize stride, gint width, gint height, guint16 *level, SkcPool *pool, GError **error)
{
  return skc_oriented_kernel_prepare_clipped (ok, max_radius, radius, angle, NULL, stride, width, height, level,
      pool, error);
}

gboolean
skc_oriented_kernel_prepare_clipped (SkcOrientedKernel *ok, gdouble max_radius, const gfloat *radius,
    const gfloat *angle, const gfloat *clip, gsize stride, gint width, gint height, guint16 *level, SkcPool *pool,
    GError **error)
{
  guint n_radius = skc_varying_kernel_count_levels (ok->vk, max_radius, error);
  guint stripes = skc_pool_stripes (pool, height);
  g_autofree guint8 *used = NULL;
  g_autofree guint *todo = NULL;
  guint n_todo = 0;
  ScanJob job;

  if (n_radius == 0 || !(ok->clipped ? layout_clipped (ok, n_radius, error) : layout (ok, n_radius, error)))
    return FALSE;
  if (ok->clipped) {
    g_autofree guint8 *slots = g_new0 (guint8, (gsize) ok->n_slots * stripes);

    job = (ScanJob) { ok, radius, angle, clip, stride, width, height, n_radius, level, slots };
    skc_pool_run (pool, stripes, scan_slots_stripe, &job);
    if (!place_slots (ok, slots, stripes, error))
      return FALSE;
  }
  used = g_new0 (guint8, (gsize) ok->n_grid * stripes);
  job = (ScanJob) { ok, radius, angle, clip, stride, width, height, n_radius, level, used };
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
  gsize bytes = (sizeof (SkcFixedKernel *) + sizeof (SkcLayerTaps) * vk->n_layers) * vk->capacity;

  for (guint g = 0; g < vk->capacity; g++) {
    const SkcFixedKernel *k = vk->levels[g];

    if (k == NULL)
      continue;
    bytes += sizeof (*k) + sizeof (SkcLayerTaps) * k->n_layers;
    for (guint l = 0; l < k->n_layers; l++)
      bytes += sizeof (SkcIntTap) * (k->n_taps[l] + k->n_taps16[l]) + sizeof (guint32) * (k->n_taps[l] / 2 + 1);
  }
  return bytes;
}
