/* libskc — the shape-aware initialisation of a complex (DISK §4.1–4.2).
 *
 * Increasing radial: layer l (1-based) gets N_l taps evenly on a circle of
 * radius l·Δr with weights 1/N_l; successive rings are turned by half a tap
 * spacing so their taps do not line up into spokes.  Without sparse sampling
 * Δr = 2R / (L(L+1)), so the rings' radii sum to the target radius R.
 *
 * Sparse sampling: the first layer is Poisson-disk sampled on the target's
 * support (pixels above 10 % of the peak) by dart throwing, from DISK Eq. 7's
 * r = sqrt(S / (N·π)) — the radius of N disks of total area S.  The samples
 * keep a minimum distance of 1.6·r (dart throwing saturates at about that
 * density, 0.55 of the plane covered by disks of diameter d), relaxed by 5 %
 * after 64·N rejections in a row, so thin or tiny supports still place N taps.  Its weights follow the
 * target value at each sample (1/N for a flat shape).  The remaining L−1 ring
 * layers then only have to fill the gaps between samples: their radii sum to
 * 0.9·d, d the final minimum distance (Δr = 0.9·d / (L'(L'+1)/2), L' = L−1),
 * instead of spanning the shape.  (1.6 and 0.9 measured on a disc of radius 24:
 * spacing ×0.8/1/1.2 of 2r with ring sums 0.6/0.9/1.3 gave 16.5–17.2 dB.)
 * Lattice sampling (lattice_init, our addition): the first layer takes the N
 * points of a square lattice of spacing d that the target covers most (each
 * weighted by the target's mean over its d × d cell), d grown from
 * 0.9·sqrt(S / N) until no more than N points are at least half covered; the
 * lattice origin is shifted by a random fraction of d (the seed).  Every later
 * 4-tap layer starts as a 2 × 2 grid of half-width d/4, d/8, d/16 …: their
 * cascade is a uniform 2^k × 2^k grid that fills each cell exactly, so the
 * start is already the shape sampled at d and box-filtered by d — where
 * Poisson-disk darts leave holes and clumps that three small layers cannot
 * mend once d exceeds a few pixels (disc, 84+4+4+4: 12.9 dB at 32 px, 4.8 at
 * 48).  Other layers start as rings whose radii sum to 0.9·d.
 * Taps sit at the negated PSF positions (gather convention).
 */
#include "skc-fit.h"

#include <math.h>

gdouble
skc_target_radius (const SkcRaster *target)
{
  gdouble peak = skc_raster_max (target), best = 1.0;

  for (gint y = 0; y < target->height; y++) {
    for (gint x = 0; x < target->width; x++) {
      if (*skc_raster_at (target, x, y) > 1e-6 * peak) {
        gdouble dx = x - target->cx, dy = y - target->cy;

        best = MAX (best, sqrt (dx * dx + dy * dy));
      }
    }
  }
  return best;
}

static void
init_ring (SkcLayer *layer, gdouble radius, gdouble phase)
{
  for (guint i = 0; i < layer->n_taps; i++) {
    gdouble a = phase + 2 * G_PI * i / layer->n_taps;

    layer->taps[i].dx = radius * cos (a);
    layer->taps[i].dy = radius * sin (a);
    layer->taps[i].w = 1.0 / layer->n_taps;
  }
}

/* Poisson-disk samples on the support; returns the final minimum distance. */
static gdouble
init_sparse (SkcLayer *layer, const SkcRaster *target, GRand *rand)
{
  gdouble peak = skc_raster_max (target), r, sum = 0;
  GArray *support = g_array_new (FALSE, FALSE, sizeof (gint));
  guint placed = 0, misses = 0, n = layer->n_taps;

  for (gint i = 0; i < target->width * target->height; i++)
    if (target->data[i] > 0.1 * peak)
      g_array_append_val (support, i);

  r = 1.6 * sqrt ((gdouble) support->len / (n * G_PI));
  while (placed < n) {
    gint idx = g_array_index (support, gint, g_rand_int_range (rand, 0, support->len));
    gdouble px = idx % target->width - target->cx + g_rand_double_range (rand, -0.5, 0.5);
    gdouble py = idx / target->width - target->cy + g_rand_double_range (rand, -0.5, 0.5);
    gboolean ok = TRUE;

    for (guint j = 0; j < placed && ok; j++) {
      gdouble ex = -layer->taps[j].dx - px, ey = -layer->taps[j].dy - py;

      ok = ex * ex + ey * ey >= r * r;
    }
    if (!ok) {
      if (++misses > 64 * n) {
        r *= 0.95;
        misses = 0;
      }
      continue;
    }
    misses = 0;
    layer->taps[placed].dx = -px;
    layer->taps[placed].dy = -py;
    layer->taps[placed].w = target->data[idx];
    sum += target->data[idx];
    placed++;
  }
  for (guint i = 0; i < n; i++)
    layer->taps[i].w /= sum;
  g_array_unref (support);
  return r;
}

/* The target bilinearly at displacement (px, py); 0 outside. */
static gdouble
sample_bilinear (const SkcRaster *t, gdouble px, gdouble py)
{
  gdouble fx = floor (px), fy = floor (py), ax = px - fx, ay = py - fy;
  gint x = (gint) fx, y = (gint) fy;

  return (1 - ay) * ((1 - ax) * skc_raster_get (t, x, y) + ax * skc_raster_get (t, x + 1, y)) +
      ay * ((1 - ax) * skc_raster_get (t, x, y + 1) + ax * skc_raster_get (t, x + 1, y + 1));
}

/* Mean of the target over the d × d cell centred at (px, py) (PSF
 * coordinates), by k × k bilinear samples. */
static gdouble
cell_mean (const SkcRaster *target, gdouble px, gdouble py, gdouble d)
{
  gint k = MAX (2, (gint) ceil (2 * d));
  gdouble sum = 0;

  for (gint j = 0; j < k; j++)
    for (gint i = 0; i < k; i++)
      sum += sample_bilinear (target, px + d * ((i + 0.5) / k - 0.5), py + d * ((j + 0.5) / k - 0.5));
  return sum / (k * k);
}

typedef struct {
  gdouble x, y, cover;
} LatticePoint;

static gint
by_cover_desc (gconstpointer a, gconstpointer b)
{
  const LatticePoint *p = a, *q = b;
  gdouble rp = p->x * p->x + p->y * p->y, rq = q->x * q->x + q->y * q->y;

  if (p->cover != q->cover)
    return p->cover < q->cover ? 1 : -1;
  return rp < rq ? -1 : rp > rq;   /* ties: nearer the centre first */
}

/* The target's lattice points at spacing d, origin (ox, oy), with cover > 0. */
static GArray *
lattice_points (const SkcRaster *target, gdouble d, gdouble ox, gdouble oy)
{
  GArray *pts = g_array_new (FALSE, FALSE, sizeof (LatticePoint));
  gint nx = (gint) ceil (MAX (target->cx, target->width - target->cx) / d) + 1;
  gint ny = (gint) ceil (MAX (target->cy, target->height - target->cy) / d) + 1;

  for (gint j = -ny; j <= ny; j++) {
    for (gint i = -nx; i <= nx; i++) {
      LatticePoint p = { ox + i * d, oy + j * d, 0 };

      p.cover = cell_mean (target, p.x, p.y, d);
      if (p.cover > 0)
        g_array_append_val (pts, p);
    }
  }
  g_array_sort (pts, by_cover_desc);
  return pts;
}

/* Lattice samples on the target; returns the final spacing d. */
static gdouble
init_lattice (SkcLayer *layer, const SkcRaster *target, GRand *rand)
{
  gdouble peak = skc_raster_max (target), ox, oy, d, sum = 0;
  guint n = layer->n_taps, support = 0;
  GArray *pts = NULL;

  for (gint i = 0; i < target->width * target->height; i++)
    support += target->data[i] > 0.1 * peak;
  d = 0.9 * sqrt ((gdouble) MAX (support, 1) / n);
  ox = g_rand_double_range (rand, -0.5, 0.5);
  oy = g_rand_double_range (rand, -0.5, 0.5);
  for (guint tries = 0; tries < 200; tries++, d *= 1.01) {
    guint half = 0;

    g_clear_pointer (&pts, g_array_unref);
    pts = lattice_points (target, d, ox * d, oy * d);
    for (guint i = 0; i < pts->len; i++)
      half += g_array_index (pts, LatticePoint, i).cover >= 0.5 * peak;
    if (half <= n)
      break;
  }
  for (guint i = 0; i < n; i++) {
    /* Fewer covered points than taps (a tiny target): extra taps repeat the
     * best points with zero weight, where Adam can still move them. */
    const LatticePoint *p = &g_array_index (pts, LatticePoint, i < pts->len ? i : 0);
    gdouble w = i < pts->len ? p->cover : 0;

    layer->taps[i].dx = -p->x;
    layer->taps[i].dy = -p->y;
    layer->taps[i].w = w;
    sum += w;
  }
  for (guint i = 0; i < n; i++)
    layer->taps[i].w = sum > 0 ? layer->taps[i].w / sum : 1.0 / n;
  g_array_unref (pts);
  return d;
}

SkcComplex *
skc_fit_initial (const SkcRaster *target, guint n_layers, const guint *n_taps,
    const SkcFitOptions *opts)
{
  SkcComplex *c = skc_complex_new (n_layers, n_taps);
  gdouble R = skc_target_radius (target), dr, phase = 0;
  guint first_ring = 0, rings = n_layers;
  GRand *rand;

  if (c == NULL)
    return NULL;

  rand = g_rand_new_with_seed_array ((const guint32[]) { (guint32) opts->seed,
          (guint32) (opts->seed >> 32) }, 2);
  dr = 2 * R / (n_layers * (n_layers + 1.0));
  if (opts->sparse_init && opts->lattice_init) {
    gdouble d = init_lattice (&c->layers[0], target, rand), half = d / 4;

    for (guint l = 1; l < n_layers; l++) {
      if (c->layers[l].n_taps == 4) {
        init_ring (&c->layers[l], half * G_SQRT2, G_PI / 4);
        half /= 2;
      } else {
        init_ring (&c->layers[l], 0.9 * d / 2, phase);
        phase += G_PI / c->layers[l].n_taps;
      }
    }
    g_rand_free (rand);
    return c;
  }
  if (opts->sparse_init && n_layers > 1) {
    gdouble r = init_sparse (&c->layers[0], target, rand);

    first_ring = 1;
    rings = n_layers - 1;
    dr = 0.9 * r / (rings * (rings + 1) / 2.0);
  } else if (opts->sparse_init) {
    init_sparse (&c->layers[0], target, rand);
    first_ring = 1;
  }
  for (guint l = first_ring; l < n_layers; l++) {
    init_ring (&c->layers[l], (l - first_ring + 1) * dr, phase);
    phase += G_PI / c->layers[l].n_taps;
  }
  g_rand_free (rand);
  return c;
}
