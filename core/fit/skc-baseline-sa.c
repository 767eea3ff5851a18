/* libskc — the PST-style baseline (Schuster, Trettner, Kobbelt, "High-
 * Performance Image Filters via Sparse Approximations", HPG 2020): parallel
 * tempering over tap offsets and weights, minimising the same L2 loss of the
 * impulse response as DISK.
 *
 * Chains sit at temperatures spaced geometrically from 1e-2 to 1e-6 times the
 * starting loss.  Each iteration every chain proposes one change to one tap
 * of the layer it is working on — a Gaussian jitter of its offset (70 %) or a
 * weight moved between two taps of the layer, keeping Σw (30 %) — and accepts
 * it by the Metropolis rule; step sizes adapt towards 30 % acceptance.  Every
 * 10 iterations a random pair of neighbouring chains tries the replica-exchange
 * swap.  Chains work on one layer for a block of 100 iterations, so a proposal
 * is evaluated incrementally: K = R_l ∗ O_l with O_l (all other layers)
 * cached, and a tap change alters R_l in at most 8 bilinear corners.
 * Offsets stay within 1.5× the layer's initial reach plus 2 px, which fixes
 * the canvas.  The best state any chain visits is returned. */
#include "skc-baseline.h"
#include "skc-error.h"
#include "skc-fit.h"
#include "skc-fit-private.h"
#include "skc-impulse.h"

#include <math.h>
#include <string.h>

#define BLOCK 100
#define SWAP_EVERY 10

typedef struct {
  SkcComplex *c;
  SkcRaster **layers;     /* fixed frames, radius limit[l] + 1 */
  SkcRaster *others;      /* O_l for the current layer */
  SkcRaster *K;
  gdouble energy;
  gdouble step, wstep;    /* offset step (px), weight step (× 1/N) */
  guint tries, accepts;
} Chain;

typedef struct {
  gint qx, qy;
  gdouble v;
} Delta;

typedef struct {
  guint L;
  gint *limit;            /* per-layer |offset| limit, px */
  SkcRaster *target_on_k; /* target on K's frame */
  SkcRaster *scratch;     /* ΔK */
  gboolean keep_dc;
  gdouble max_weight;     /* > 0: the |w| bound */
} Problem;

void
skc_sa_options_init (SkcSaOptions *opts)
{
  opts->candidates = 10;
  opts->iterations = 10000;
  opts->seed = 1;
  opts->keep_dc = TRUE;
  opts->max_weight = 0;
  opts->start = NULL;
}

/* Whether c has exactly n_layers layers of n_taps taps and one branch. */
static gboolean
has_layout (const SkcComplex *c, guint n_layers, const guint *n_taps)
{
  if (skc_complex_n_branches (c) != 1 || c->n_layers != n_layers)
    return FALSE;
  for (guint l = 0; l < n_layers; l++)
    if (c->layers[l].n_taps != n_taps[l])
      return FALSE;
  return TRUE;
}

static SkcRaster *
fixed_layer_raster (const SkcLayer *layer, gint limit)
{
  SkcRaster *r = skc_raster_new_centred (limit + 1, limit + 1);

  for (guint i = 0; i < layer->n_taps; i++)
    skc_raster_splat (r, -layer->taps[i].dx, -layer->taps[i].dy, layer->taps[i].w);
  return r;
}

static SkcRaster *
convolve_all_but (SkcRaster **layers, guint L, gint skip)
{
  SkcRaster *acc = skc_raster_new (1, 1, 0, 0);

  acc->data[0] = 1;
  for (guint m = 0; m < L; m++) {
    SkcRaster *next;

    if ((gint) m == skip)
      continue;
    next = skc_raster_convolve (acc, layers[m]);
    skc_raster_free (acc);
    acc = next;
  }
  return acc;
}

static gdouble
energy_on_k (const SkcRaster *K, const SkcRaster *T)
{
  gdouble e = 0;

  for (gint i = 0; i < K->width * K->height; i++) {
    gdouble d = K->data[i] - T->data[i];

    e += d * d;
  }
  return e;
}

/* Rebuilds the chain's rasters for work on layer l. */
static void
chain_focus (Chain *ch, const Problem *pb, guint l)
{
  for (guint m = 0; m < pb->L; m++) {
    skc_raster_free (ch->layers[m]);
    ch->layers[m] = fixed_layer_raster (&ch->c->layers[m], pb->limit[m]);
  }
  skc_raster_free (ch->others);
  skc_raster_free (ch->K);
  ch->others = convolve_all_but (ch->layers, pb->L, l);
  ch->K = skc_raster_convolve (ch->others, ch->layers[l]);
  ch->energy = pb->target_on_k ? energy_on_k (ch->K, pb->target_on_k) : 0;
}

static guint
splat_deltas (const SkcRaster *r, gdouble dx, gdouble dy, gdouble w, Delta *out)
{
  gdouble px = -dx, py = -dy, fx0 = floor (px), fy0 = floor (py), fx = px - fx0, fy = py - fy0;
  gint x0 = (gint) fx0 + r->cx, y0 = (gint) fy0 + r->cy;
  const gdouble bw[4] = { (1 - fx) * (1 - fy), fx * (1 - fy), (1 - fx) * fy, fx * fy };

  for (gint k = 0; k < 4; k++)
    out[k] = (Delta) { x0 + (k & 1), y0 + (k >> 1), w * bw[k] };
  return 4;
}

/* ΔK of the deltas into scratch over their region; returns Δenergy. */
static gdouble
evaluate (const Chain *ch, const Problem *pb, const Delta *d, guint n, gint box[4])
{
  const SkcRaster *O = ch->others;
  SkcRaster *S = pb->scratch;
  gdouble de = 0;

  box[0] = box[1] = G_MAXINT;
  box[2] = box[3] = G_MININT;
  for (guint i = 0; i < n; i++) {
    box[0] = MIN (box[0], d[i].qx);
    box[1] = MIN (box[1], d[i].qy);
    box[2] = MAX (box[2], d[i].qx + O->width);
    box[3] = MAX (box[3], d[i].qy + O->height);
  }
  for (gint y = box[1]; y < box[3]; y++)
    memset (skc_raster_at (S, box[0], y), 0, sizeof (gdouble) * (box[2] - box[0]));
  for (guint i = 0; i < n; i++) {
    if (d[i].v == 0)
      continue;
    for (gint oy = 0; oy < O->height; oy++) {
      const gdouble *src = skc_raster_at (O, 0, oy);
      gdouble *dst = skc_raster_at (S, d[i].qx, d[i].qy + oy);

      for (gint ox = 0; ox < O->width; ox++)
        dst[ox] += d[i].v * src[ox];
    }
  }
  for (gint y = box[1]; y < box[3]; y++) {
    const gdouble *k = skc_raster_at (ch->K, 0, y), *t = skc_raster_at (pb->target_on_k, 0, y);
    const gdouble *s = skc_raster_at (S, 0, y);

    for (gint x = box[0]; x < box[2]; x++) {
      gdouble r = k[x] - t[x];

      de += s[x] * (2 * r + s[x]);
    }
  }
  return de;
}

static void
commit (Chain *ch, const Problem *pb, const gint box[4], gdouble de)
{
  for (gint y = box[1]; y < box[3]; y++) {
    gdouble *k = skc_raster_at (ch->K, 0, y);
    const gdouble *s = skc_raster_at (pb->scratch, 0, y);

    for (gint x = box[0]; x < box[2]; x++)
      k[x] += s[x];
  }
  ch->energy += de;
}

static gdouble
gauss (GRand *rand)
{
  /* Box–Muller; one value is enough here. */
  gdouble u = g_rand_double_range (rand, 1e-300, 1), v = g_rand_double (rand);

  return sqrt (-2 * log (u)) * cos (2 * G_PI * v);
}

/* One Metropolis step of chain ch on layer l at temperature T. */
static void
propose (Chain *ch, const Problem *pb, guint l, gdouble T, GRand *rand)
{
  SkcLayer *layer = &ch->c->layers[l];
  SkcRaster *R = ch->layers[l];
  Delta d[8];
  guint n = 0, i = g_rand_int_range (rand, 0, layer->n_taps), j = i;
  SkcTap old_i = layer->taps[i], old_j, new_i = old_i, new_j;
  gboolean weight_move = layer->n_taps > 1 && g_rand_double (rand) < 0.3, in_bounds;
  gint box[4];
  gdouble de;

  if (weight_move) {
    gdouble delta = gauss (rand) * ch->wstep / layer->n_taps;

    while (j == i)
      j = g_rand_int_range (rand, 0, layer->n_taps);
    old_j = new_j = layer->taps[j];
    new_i.w += delta;
    new_j.w -= pb->keep_dc ? delta : 0;
    n += splat_deltas (R, old_i.dx, old_i.dy, delta, d + n);
    if (pb->keep_dc)
      n += splat_deltas (R, old_j.dx, old_j.dy, -delta, d + n);
  } else {
    /* CLAMP evaluates its argument more than once: draw first. */
    gdouble jx = gauss (rand) * ch->step, jy = gauss (rand) * ch->step;

    new_i.dx = CLAMP (old_i.dx + jx, -pb->limit[l], pb->limit[l]);
    new_i.dy = CLAMP (old_i.dy + jy, -pb->limit[l], pb->limit[l]);
    n += splat_deltas (R, old_i.dx, old_i.dy, -old_i.w, d + n);
    n += splat_deltas (R, new_i.dx, new_i.dy, old_i.w, d + n);
  }

  ch->tries++;
  /* Out of bounds counts as a rejection (the step adapts to it). */
  in_bounds = !weight_move || pb->max_weight <= 0 ||
      (fabs (new_i.w) <= pb->max_weight && (!pb->keep_dc || fabs (new_j.w) <= pb->max_weight));
  if (in_bounds && ((de = evaluate (ch, pb, d, n, box)) <= 0 || g_rand_double (rand) < exp (-de / T))) {
    commit (ch, pb, box, de);
    for (guint k = 0; k < n; k++)
      *skc_raster_at (R, d[k].qx, d[k].qy) += d[k].v;
    layer->taps[i] = new_i;
    if (weight_move && pb->keep_dc)
      layer->taps[j] = new_j;
    ch->accepts++;
  }
  /* Adapt step sizes towards 30 % acceptance. */
  if (ch->tries == 50) {
    gdouble rate = ch->accepts / 50.0, f = rate > 0.3 ? 1.1 : 0.9;

    ch->step = CLAMP (ch->step * f, 0.01, 8.0);
    ch->wstep = CLAMP (ch->wstep * f, 1e-4, 1.0);
    ch->tries = ch->accepts = 0;
  }
}

SkcComplex *
skc_baseline_sa (const SkcRaster *target, guint n_layers, const guint *n_taps,
    const SkcSaOptions *opts, GError **error)
{
  SkcFitOptions fit;
  g_autoptr (SkcComplex) start = NULL;
  SkcComplex *best;
  Problem pb = { n_layers };
  Chain *chains;
  GRand *rand;
  guint C = MAX (opts->candidates, 1);
  gdouble best_energy, e0;
  g_autoptr (SkcRaster) probe = NULL;

  if (opts->start != NULL) {
    if (!has_layout (opts->start, n_layers, n_taps)) {
      g_set_error (error, SKC_ERROR, SKC_ERROR_INVALID, "sa: the warm start has another layout");
      return NULL;
    }
    start = skc_complex_copy (opts->start);
  } else {
    skc_fit_options_init (&fit);
    fit.sparse_init = FALSE;
    fit.seed = opts->seed;
    start = skc_fit_initial (target, n_layers, n_taps, &fit);
  }
  if (start == NULL) {
    g_set_error (error, SKC_ERROR, SKC_ERROR_INVALID, "sa: invalid layer or tap counts");
    return NULL;
  }
  if (opts->keep_dc)
    skc_fit_project_unit_sum (start);

  pb.keep_dc = opts->keep_dc;
  pb.max_weight = opts->max_weight;
  pb.limit = g_new (gint, n_layers);
  for (guint l = 0; l < n_layers; l++) {
    gdouble reach = 0;

    for (guint i = 0; i < n_taps[l]; i++)
      reach = MAX (reach, hypot (start->layers[l].taps[i].dx, start->layers[l].taps[i].dy));
    pb.limit[l] = (gint) ceil (1.5 * reach) + 2;
  }

  rand = g_rand_new_with_seed_array ((const guint32[]) { (guint32) opts->seed, (guint32) (opts->seed >> 32), 0x5a }, 3);
  chains = g_new0 (Chain, C);
  for (guint k = 0; k < C; k++) {
    chains[k].c = skc_complex_copy (start);
    chains[k].layers = g_new0 (SkcRaster *, n_layers);
    chains[k].step = 1.0;
    chains[k].wstep = 0.1;
    if (k == 0) {
      /* The canvas: K's fixed frame, the same for every chain and layer. */
      chain_focus (&chains[0], &(Problem) { n_layers, pb.limit, NULL, NULL, TRUE }, 0);
    }
  }
  probe = skc_raster_copy (chains[0].K);
  pb.target_on_k = skc_raster_reframe (target, probe);
  pb.scratch = skc_raster_new (probe->width, probe->height, probe->cx, probe->cy);
  for (guint k = 0; k < C; k++)
    chain_focus (&chains[k], &pb, 0);
  e0 = MAX (chains[0].energy, 1e-300);
  best_energy = chains[0].energy;
  best = skc_complex_copy (start);

  for (guint it = 0; it < opts->iterations; it++) {
    guint l = (it / BLOCK) % n_layers;

    if (it > 0 && it % BLOCK == 0)
      for (guint k = 0; k < C; k++)
        chain_focus (&chains[k], &pb, l);
    for (guint k = 0; k < C; k++) {
      gdouble T = e0 * 1e-2 * pow (1e-4, C > 1 ? (gdouble) k / (C - 1) : 1.0);

      propose (&chains[k], &pb, l, T, rand);
      if (chains[k].energy < best_energy) {
        best_energy = chains[k].energy;
        skc_complex_free (best);
        best = skc_complex_copy (chains[k].c);
      }
    }
    if (C > 1 && it % SWAP_EVERY == SWAP_EVERY - 1) {
      guint k = g_rand_int_range (rand, 0, C - 1);
      gdouble Tk = e0 * 1e-2 * pow (1e-4, (gdouble) k / (C - 1));
      gdouble Tk1 = e0 * 1e-2 * pow (1e-4, (gdouble) (k + 1) / (C - 1));
      gdouble a = (chains[k].energy - chains[k + 1].energy) * (1 / Tk - 1 / Tk1);

      if (a >= 0 || g_rand_double (rand) < exp (a)) {
        Chain t = chains[k];

        chains[k] = chains[k + 1];
        chains[k + 1] = t;
      }
    }
  }

  for (guint k = 0; k < C; k++) {
    for (guint m = 0; m < n_layers; m++)
      skc_raster_free (chains[k].layers[m]);
    g_free (chains[k].layers);
    skc_raster_free (chains[k].others);
    skc_raster_free (chains[k].K);
    skc_complex_free (chains[k].c);
  }
  g_free (chains);
  g_free (pb.limit);
  skc_raster_free (pb.target_on_k);
  skc_raster_free (pb.scratch);
  g_rand_free (rand);
  return best;
}
