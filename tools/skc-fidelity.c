/* skc-fidelity — the README's fidelity tables, measured in one run.
 *
 *   skc-fidelity [--photo FILE] [--radius R] [--quick] [--shapes a,b,…]
 *       For each shape: DISK (ours) at 4×24, 4×32, 12×4 and 84+4+4+4 taps (the
 *       last also best of 10 seeds, and with the low-pass loss term), the
 *       PST-like annealing baseline at the same layouts, and LowRank ranks 1–3.  Prints
 *       a Markdown table: kernel PSNR (impulse response vs target, peak =
 *       target max), photo PSNR (the photo filtered by the complex vs by the
 *       dense target, 8-bit peak, borders trimmed by the kernels' reach), taps
 *       per pixel, and fit seconds.
 *   skc-fidelity --family FILE.skc --png OUT.png [--at R1,R2,…]
 *       A gallery picture: target | family kernel | error, one row per radius
 *       (blends where a radius falls between members).
 *   skc-fidelity --family FILE.skc [--steps S]
 *       For each pair of neighbouring members: the kernel PSNR of the half-way
 *       blend against the target at that parameter, of a member fitted there
 *       from a neighbour as skc-fit fits a family, and of a fresh fit (best
 *       of 4 seeds) with the same layout.
 *   skc-fidelity --family FULL --half HALF.skc [--at R1,R2,…]
 *       The switch-radius table: FULL at full resolution, FULL halved as the
 *       engine halved it before the fit, and HALF's halved members — kernel
 *       and photo PSNR against the dense target, and the taps a pixel costs
 *       (skc-fidelity-halved.c).
 */
#include "skc.h"
#include "skc-fidelity-halved.h"
#include "skc-panels.h"
#include "skc-tool-data.h"
#include "skc-tool-text.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

static gchar *opt_photo = NULL;
static gdouble opt_radius = 24;
static gboolean opt_quick = FALSE;
static gchar *opt_shapes = NULL;
static gchar *opt_family = NULL;
static gint opt_steps = 1000;
static gchar *opt_png = NULL;
static gchar *opt_at = NULL;
static gchar *opt_half = NULL;
static gboolean opt_sweep = FALSE;

static const GOptionEntry entries[] = {
  { "photo", 0, 0, G_OPTION_ARG_FILENAME, &opt_photo, "Photo for photo PSNR (default tests/data/astronaut.png, installed: share/skc-1.0/astronaut.png)", "FILE" },
  { "radius", 0, 0, G_OPTION_ARG_DOUBLE, &opt_radius, "Target radius in pixels (default 24)", "R" },
  { "quick", 0, 0, G_OPTION_ARG_NONE, &opt_quick, "Small budgets (a smoke test, not the published table)", NULL },
  { "shapes", 0, 0, G_OPTION_ARG_STRING, &opt_shapes, "Comma-separated shape specs (default disc,hexagon,star,heart,ring,gaussian)", "LIST" },
  { "family", 0, 0, G_OPTION_ARG_FILENAME, &opt_family, "Measure half-way interpolation of a preset family (a built-in name or a .skc path)", "NAME|FILE" },
  { "steps", 0, 0, G_OPTION_ARG_INT, &opt_steps, "Adam steps of fresh fits (default 1000)", "S" },
  { "png", 0, 0, G_OPTION_ARG_FILENAME, &opt_png, "With --family: a picture of the family at --at radii instead", "FILE" },
  { "at", 0, 0, G_OPTION_ARG_STRING, &opt_at, "Radii for --png (default 3,8,24,60) or --half (default HALF's members)", "R1,R2,…" },
  { "half", 0, 0, G_OPTION_ARG_FILENAME, &opt_half, "With --family FULL: FULL at full resolution and halved against this family's halved members, radius by radius", "NAME|FILE" },
  { "sweep", 0, 0, G_OPTION_ARG_NONE, &opt_sweep, "With --family: kernel PSNR on a fine grid (t = 0.125 … 0.875 in every member interval), min/mean per interval", NULL },
  { NULL }
};

typedef struct {
  const gchar *method;
  gchar *config;
  SkcComplex *c;
  gdouble seconds;
} Row;

static gdouble
now (void)
{
  return g_get_monotonic_time () / 1e6;
}

static gdouble
photo_psnr (const SkcImage *photo, const SkcImage *dense, const SkcComplex *c, gint trim)
{
  g_autoptr (SkcImage) ours = skc_reference_filter_complex (photo, c);

  /* Photo values are in [0, 1]: peak 1 is the 8-bit peak 255/255. */
  return skc_image_psnr (ours, dense, 1.0, trim);
}

static gchar *
layout_name (guint L, const guint *taps)
{
  GString *s = g_string_new (NULL);
  gboolean uniform = TRUE;

  for (guint l = 1; l < L; l++)
    uniform &= taps[l] == taps[0];
  if (uniform) {
    g_string_printf (s, "%u × %u", L, taps[0]);
  } else {
    for (guint l = 0; l < L; l++)
      g_string_append_printf (s, "%s%u", l ? "+" : "", taps[l]);
  }
  return g_string_free (s, FALSE);
}

/* restarts > 1: the best of that many seeds, as sa keeps the best of its
 * chains; lowpass > 0: with the loss's low-pass term (σ px, weight 100). */
static void
fit_disk (GPtrArray *rows, const SkcRaster *target, guint L, const guint *taps, guint restarts,
    gdouble lowpass)
{
  SkcFitOptions opts;
  Row *row = g_new0 (Row, 1);
  gdouble t0 = now ();

  skc_fit_options_init (&opts);
  if (opt_quick)
    opts.steps = 100;
  opts.restarts = restarts;
  opts.lowpass_sigma = lowpass;
  opts.lowpass_weight = lowpass > 0 ? 100 : 0;
  row->c = skc_fit_complex (target, L, taps, &opts);
  row->seconds = now () - t0;
  row->method = lowpass > 0 ? "disk, low-pass σ 2" : restarts > 1 ? "disk, best of 10" : "disk";
  row->config = layout_name (L, taps);
  g_ptr_array_add (rows, row);
}

static void
fit_sa (GPtrArray *rows, const SkcRaster *target, guint L, const guint *taps)
{
  SkcSaOptions opts;
  Row *row = g_new0 (Row, 1);
  gdouble t0 = now ();

  skc_sa_options_init (&opts);
  if (opt_quick)
    opts.iterations = 500;
  row->c = skc_baseline_sa (target, L, taps, &opts, NULL);
  row->seconds = now () - t0;
  row->method = "sa";
  row->config = layout_name (L, taps);
  g_ptr_array_add (rows, row);
}

static void
fit_lowrank (GPtrArray *rows, const SkcRaster *target, guint rank)
{
  Row *row = g_new0 (Row, 1);
  gdouble t0 = now ();

  row->c = skc_baseline_lowrank (target, rank, NULL);
  row->seconds = now () - t0;
  row->method = "lowrank";
  row->config = g_strdup_printf ("rank %u", rank);
  g_ptr_array_add (rows, row);
}

static void
row_free (Row *row)
{
  skc_complex_free (row->c);
  g_free (row->config);
  g_free (row);
}

static const struct {
  guint L;
  guint taps[12];
} layouts[] = {
  { 4, { 24, 24, 24, 24 } },
  { 4, { 32, 32, 32, 32 } },
  { 12, { 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4 } },
  { 4, { 84, 4, 4, 4 } },
};

/* --photo, else the bundled test photo; NULL with the reason printed. */
static SkcImage *
load_photo (void)
{
  g_autofree gchar *default_photo = skc_tool_data_file ("astronaut.png");
  g_autoptr (GError) error = NULL;
  SkcImage *photo = skc_image_load (opt_photo ? opt_photo : default_photo, &error);

  if (photo == NULL)
    g_printerr ("skc-fidelity: %s\n", error->message);
  return photo;
}

static gint
table (void)
{
  g_auto (GStrv) shapes = g_strsplit (opt_shapes ? opt_shapes : "disc,hexagon,star,heart,ring,gaussian", ",", -1);
  g_autoptr (GError) error = NULL;
  g_autoptr (SkcImage) photo = load_photo ();

  if (photo == NULL)
    return 1;
  printf ("| shape | method | layers × taps | taps/pixel | kernel PSNR (dB) | photo PSNR (dB) | fit (s) |\n");
  printf ("|---|---|---|---:|---:|---:|---:|\n");
  for (guint s = 0; shapes[s]; s++) {
    SkcShapeSpec spec = { 0 };
    g_autoptr (SkcRaster) target = NULL;
    g_autoptr (SkcImage) dense = NULL;
    g_autoptr (GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) row_free);

    if (!skc_shape_spec_parse (shapes[s], &spec, &error) ||
        (target = skc_shape_render (&spec, opt_radius, &error)) == NULL) {
      g_printerr ("skc-fidelity: %s\n", error->message);
      skc_shape_spec_clear (&spec);
      return 1;
    }
    skc_shape_spec_clear (&spec);
    dense = skc_reference_convolve (photo, target);

    /* 4 × 24, 4 × 32, the Kawase-like 12 × 4, and 96 taps weighted to the
     * shape-sampled first layer (84 + 4 + 4 + 4), for both methods. */
    for (guint k = 0; k < G_N_ELEMENTS (layouts); k++)
      fit_disk (rows, target, layouts[k].L, layouts[k].taps, 1, 0);
    fit_disk (rows, target, layouts[3].L, layouts[3].taps, 10, 0);
    fit_disk (rows, target, layouts[3].L, layouts[3].taps, 1, 2);
    for (guint k = 0; k < G_N_ELEMENTS (layouts); k++)
      fit_sa (rows, target, layouts[k].L, layouts[k].taps);
    for (guint r = 1; r <= 3; r++)
      fit_lowrank (rows, target, r);

    for (guint i = 0; i < rows->len; i++) {
      Row *row = g_ptr_array_index (rows, i);
      g_autoptr (SkcRaster) k = NULL;
      gint rx, ry, tx, ty, trim;

      if (row->c == NULL)
        continue;
      k = skc_complex_impulse_response (row->c);
      skc_complex_reach (row->c, &rx, &ry);
      skc_raster_extent (target, 0, &tx, &ty);
      /* Past the reach, clamp-to-edge of a cascade and of a dense kernel
       * agree; nearer the border they legitimately differ. */
      trim = MAX (MAX (rx, ry), MAX (tx, ty)) + 1;
      printf ("| %s | %s | %s | %u | %.2f | %.2f | %.2f |\n", shapes[s], row->method, row->config,
          skc_complex_total_taps (row->c), skc_raster_psnr (k, target),
          photo_psnr (photo, dense, row->c, trim), row->seconds);
      fflush (stdout);
    }
  }
  return 0;
}

/* --family of halved members: their kernels are the 4-phase mean at full
 * resolution (skc-halved.h), their fits in the halved mode. */
static gboolean halved_family = FALSE;

static gdouble
kernel_psnr (const SkcComplex *c, const SkcRaster *target)
{
  g_autoptr (SkcRaster) k = halved_family ? skc_complex_halved_response (c) : skc_complex_impulse_response (c);

  return skc_raster_psnr (k, target);
}

/* ½ (T(p₀) + T(p₁)) against T(½ (p₀ + p₁)). */
static gdouble
crossfade_psnr (const SkcShapeSpec *spec, gdouble p0, gdouble p1, const SkcRaster *mid)
{
  g_autoptr (SkcRaster) a = skc_shape_render (spec, p0, NULL);
  g_autoptr (SkcRaster) b = skc_shape_render (spec, p1, NULL);
  g_autoptr (SkcRaster) fade = NULL;

  if (a == NULL || b == NULL)
    return NAN;
  fade = skc_raster_reframe (a, b);   /* b is the larger */
  for (gint i = 0; i < b->width * b->height; i++)
    fade->data[i] = 0.5 * (fade->data[i] + b->data[i]);
  return skc_raster_psnr (fade, mid);
}

/* Kernel PSNR above which the loss of a blend is not counted: a kernel this
 * close filters a photo to within one 8-bit level of the exact kernel (the
 * last column of the table shows it for every blend that reaches it), so no
 * member fitted there can look better. */
#define PSNR_CEILING 50.0

/* The centre crop (at most 192²) of the photo: the 8-bit comparison needs
 * dense convolutions, which are slow at large radii. */
static SkcImage *
photo_crop (const SkcImage *photo)
{
  gint w = MIN (photo->width, 192), h = MIN (photo->height, 192);
  gint x0 = (photo->width - w) / 2, y0 = (photo->height - h) / 2;
  SkcImage *crop = skc_image_new (w, h, photo->channels);

  for (gint y = 0; y < h; y++)
    memcpy (skc_image_at (crop, 0, y), skc_image_at (photo, x0, y0 + y), sizeof (gdouble) * w * photo->channels);
  return crop;
}

/* The photo filtered by c and by the dense target, both rounded to 8 bits:
 * the largest difference in levels, borders of trim pixels left out. */
static gint
photo_max_levels (const SkcImage *photo, const SkcRaster *target, const SkcComplex *c, gint trim)
{
  g_autoptr (SkcImage) dense = skc_reference_convolve (photo, target);
  g_autoptr (SkcImage) ours = halved_family ? skc_reference_filter_halved (photo, c) :
      skc_reference_filter_complex (photo, c);
  glong worst = 0;

  for (gint y = trim; y < photo->height - trim; y++)
    for (gint x = trim; x < photo->width - trim; x++)
      for (gint ch = 0; ch < photo->channels; ch++)
        worst = MAX (worst, labs (lround (255 * skc_image_at (ours, x, y)[ch]) -
                lround (255 * skc_image_at (dense, x, y)[ch])));
  return (gint) worst;
}

/* --sweep: the family against its target at t = 1/8 … 7/8 of every member
 * interval — not only the half-way blends the joint refinement once scored
 * (a family can be good at t = ½ and bad at ¼).  Columns: both members, the
 * min and mean over the grid, t of the min, the min minus the lower member. */
static gint
family_sweep (const SkcFamily *f, const SkcShapeSpec *spec)
{
  g_autoptr (SkcComplex) c = skc_complex_copy (f->members[0]);
  gdouble worst = INFINITY, worst_at = 0, worst_drop = INFINITY, drop_at = 0, sum = 0;
  gdouble quarter_drop = INFINITY, quarter_at = 0;
  guint n = 0;

  halved_family = f->decimation && f->decimation[0] == 2;
  printf ("| %s between | member (dB) | member (dB) | t = ½ (dB) | grid min (dB) | at | grid mean (dB) | min − lower member (dB) |\n",
      f->axis);
  printf ("|---|---:|---:|---:|---:|---:|---:|---:|\n");
  for (guint k = 0; k + 1 < f->n_members; k++) {
    gdouble p0 = f->values[k], p1 = f->values[k + 1], m[2], lo = INFINITY, lo_at = 0, mean = 0, half = 0;

    for (guint e = 0; e < 2; e++) {
      g_autoptr (SkcRaster) t = skc_shape_render (spec, e ? p1 : p0, NULL);

      if (t == NULL)
        return 1;
      m[e] = kernel_psnr (f->members[k + e], t);
    }
    for (guint i = 1; i < 8; i++) {
      gdouble p = p0 + (p1 - p0) * i / 8.0, q;
      g_autoptr (SkcRaster) t = skc_shape_render (spec, p, NULL);

      if (t == NULL)
        return 1;
      skc_family_eval_native (f, p, c, NULL);
      q = kernel_psnr (c, t);
      mean += q / 7;
      if (i == 4)
        half = q;
      /* t = ¼ and ¾, the points besides ½ the joint refinement scores. */
      if ((i == 2 || i == 6) && q - MIN (m[0], m[1]) < quarter_drop) {
        quarter_drop = q - MIN (m[0], m[1]);
        quarter_at = p;
      }
      if (q < lo) {
        lo = q;
        lo_at = i / 8.0;
      }
    }
    printf ("| %g – %g | %.2f | %.2f | %.2f | %.2f | t = %g | %.2f | %+.2f |\n", p0, p1, m[0], m[1], half, lo, lo_at, mean,
        lo - MIN (m[0], m[1]));
    fflush (stdout);
    sum += mean;
    n++;
    if (lo < worst) {
      worst = lo;
      worst_at = p0 + (p1 - p0) * lo_at;
    }
    if (n == 1 || lo - MIN (m[0], m[1]) < worst_drop) {
      worst_drop = lo - MIN (m[0], m[1]);
      drop_at = p0 + (p1 - p0) * lo_at;
    }
  }
  printf ("\nsweep summary: grid min %.2f dB (at %g), mean of the interval means %.2f dB, worst drop below the lower "
      "member %+.2f dB (at %g), worst quarter point (t = 1/4, 3/4) %+.2f dB (at %g)\n", worst, worst_at, n ? sum / n : NAN,
      worst_drop, drop_at, quarter_drop, quarter_at);
  return 0;
}

static gint
family_check (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SkcFamily) f = skc_preset_lookup (opt_family, &error);
  SkcShapeSpec spec = { 0 };
  gdouble worst_large = -INFINITY, worst_small = -INFINITY, worst_at = 0, exact_min = INFINITY;
  gdouble worst_member = -INFINITY, worst_member_small = -INFINITY, worst_capped = -INFINITY, capped_at = 0;
  guint within_member = 0, within_fresh = 0, exact = 0, within_capped = 0, n_above = 0;
  gint above_levels = 0;
  g_autoptr (SkcImage) photo = NULL, crop = NULL;

  if (f == NULL) {
    g_printerr ("skc-fidelity: %s\n", error->message);
    return 1;
  }
  if (f->shape == NULL || !skc_shape_spec_parse (f->shape, &spec, &error)) {
    g_printerr ("skc-fidelity: %s: no usable shape= key (%s)\n", opt_family,
        error ? error->message : "missing");
    return 1;
  }
  if (opt_png) {
    g_auto (GStrv) at = g_strsplit (opt_at ? opt_at : "3,8,24,60", ",", -1);
    guint n = g_strv_length (at);
    g_autoptr (GPtrArray) targets = g_ptr_array_new_with_free_func ((GDestroyNotify) skc_raster_free);
    g_autoptr (GPtrArray) fits = g_ptr_array_new_with_free_func ((GDestroyNotify) skc_complex_free);

    for (guint i = 0; i < n; i++) {
      gdouble p = g_ascii_strtod (at[i], NULL);
      SkcRaster *t = skc_shape_render (&spec, p, &error);
      SkcComplex *c = skc_complex_copy (f->members[0]);

      if (t == NULL) {
        g_printerr ("skc-fidelity: %s\n", error->message);
        skc_complex_free (c);
        return 1;
      }
      skc_family_eval (f, p, c);
      g_ptr_array_add (targets, t);
      g_ptr_array_add (fits, c);
    }
    if (!skc_panels_write (opt_png, (SkcRaster **) targets->pdata, (SkcComplex **) fits->pdata, n, &error)) {
      g_printerr ("skc-fidelity: %s\n", error->message);
      return 1;
    }
    skc_shape_spec_clear (&spec);
    return 0;
  }
  if (opt_sweep) {
    skc_shape_spec_clear (&spec);
    return family_sweep (f, &spec);
  }
  /* Two references for each half-way blend.  "Member there": what the family
   * would hold had the value been on its axis — fitted from a neighbour the
   * way skc_fit_family fits every member (the better of the two sides); the
   * blend's loss against it is the cost of the spacing.  "Fresh": a fit from
   * scratch, best of 4 seeds, free to pick a layout no neighbour shares; its
   * gap to the blend also counts what the family's shared layout costs. */
  /* A third figure for scale: the two members' targets cross-faded, i.e.
   * what blending exact members whose taps sit still (only weights blend)
   * would give. */
  /* A fourth, where the blend is above the ceiling: the photo through the
   * blend against the photo through the dense target, both 8-bit. */
  photo = load_photo ();
  if (photo == NULL)
    return 1;
  crop = photo_crop (photo);
  /* Decimation never decreases: a first member halved halves them all. */
  halved_family = f->decimation && f->decimation[0] == 2;
  printf ("| %s between | half-way | blend (dB) | member there (dB) | loss (dB) | loss, both capped at %g dB | "
      "fresh fit (dB) | gap (dB) | targets cross-faded (dB) | blend ≥ %g dB: photo vs dense, worst 8-bit levels |\n",
      f->axis, PSNR_CEILING, PSNR_CEILING);
  printf ("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
  for (guint k = 0; k + 1 < f->n_members; k++) {
    gdouble p = 0.5 * (f->values[k] + f->values[k + 1]);
    g_autoptr (SkcRaster) target = skc_shape_render (&spec, p, &error);
    g_autoptr (SkcComplex) blend = skc_complex_copy (f->members[0]);
    g_autoptr (SkcComplex) fresh = NULL, below = NULL, above = NULL;
    guint taps[SKC_MAX_LAYERS];
    SkcFitOptions opts;
    gdouble pb, pm, pf, capped;
    gchar levels[16] = "–";

    if (target == NULL) {
      g_printerr ("skc-fidelity: %s\n", error->message);
      return 1;
    }
    for (guint l = 0; l < blend->n_layers; l++)
      taps[l] = blend->layers[l].n_taps;
    skc_family_eval_native (f, p, blend, NULL);
    skc_fit_options_init (&opts);
    opts.steps = opt_steps;
    opts.halved = halved_family;
    below = skc_fit_member_from (f->members[k], f->values[k], p, target, &opts);
    above = skc_fit_member_from (f->members[k + 1], f->values[k + 1], p, target, &opts);
    opts.restarts = 4;
    fresh = skc_fit_complex (target, blend->n_layers, taps, &opts);
    pb = kernel_psnr (blend, target);
    pm = MAX (kernel_psnr (below, target), kernel_psnr (above, target));
    pf = kernel_psnr (fresh, target);
    within_member += pm - pb <= 1.0;
    if (f->values[k] >= 8)
      worst_member = MAX (worst_member, pm - pb);
    else
      worst_member_small = MAX (worst_member_small, pm - pb);
    within_fresh += pf - pb <= 1.0;
    capped = MIN (pm, PSNR_CEILING) - MIN (pb, PSNR_CEILING);
    within_capped += capped <= 1.0;
    if (capped > worst_capped) {
      worst_capped = capped;
      capped_at = p;
    }
    if (pb >= PSNR_CEILING) {
      gint lv = photo_max_levels (crop, target, blend, 3 * (gint) ceil (p) + 4);

      g_snprintf (levels, sizeof (levels), "%d", lv);
      above_levels = MAX (above_levels, lv);
      n_above++;
    }
    /* Where 96 taps represent the target almost exactly (≥ 60 dB) no blend
     * can match a fresh fit; there the blend's own PSNR is what matters. */
    if (pf >= 60) {
      exact++;
      exact_min = MIN (exact_min, pb);
    } else if (f->values[k] >= 8) {
      worst_large = MAX (worst_large, pf - pb);
    } else if (pf - pb > worst_small) {
      worst_small = pf - pb;
      worst_at = p;
    }
    printf ("| %g – %g | %g | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f | %s |\n", f->values[k],
        f->values[k + 1], p, pb, pm, pm - pb, capped, pf, pf - pb,
        crossfade_psnr (&spec, f->values[k], f->values[k + 1], target), levels);
    fflush (stdout);
  }
  printf ("\nsummary: against a member fitted there, %u of %u pairs within 1 dB, worst loss %.2f dB from 8 px up, "
      "%.2f dB below; against a fresh fit, %u within 1 dB, worst gap %.2f dB from 8 px up, %.2f dB below (at %g px); "
      "%u pairs fit near-exactly fresh (≥ 60 dB), their blends ≥ %.1f dB\n", within_member, f->n_members - 1,
      worst_member, worst_member_small, within_fresh, worst_large, worst_small, worst_at, exact, exact_min);
  printf ("capped at %g dB: %u of %u pairs within 1 dB of a member fitted there, worst loss %.2f dB (at %g px); "
      "the %u blends above the ceiling filter the photo to within %d level%s of the dense target\n", PSNR_CEILING,
      within_capped, f->n_members - 1, worst_capped, capped_at, n_above, above_levels, above_levels == 1 ? "" : "s");
  skc_shape_spec_clear (&spec);
  return 0;
}

int
main (int argc, char **argv)
{
  g_autoptr (GOptionContext) ctx = g_option_context_new ("— fidelity tables for the README");
  g_autoptr (GError) error = NULL;

  skc_tool_text_init ();
  g_option_context_add_main_entries (ctx, entries, NULL);
  if (!g_option_context_parse (ctx, &argc, &argv, &error)) {
    g_printerr ("skc-fidelity: %s\n", error->message);
    return 2;
  }
  if (opt_half) {
    g_autoptr (SkcImage) photo = NULL;

    if (!opt_family) {
      g_printerr ("skc-fidelity: --half needs --family FULL\n");
      return 2;
    }
    photo = load_photo ();
    return photo ? skc_fidelity_halved (opt_family, opt_half, photo, opt_at) : 1;
  }
  return opt_family ? family_check () : table ();
}
