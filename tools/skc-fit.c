/* skc-fit — fit a sparse kernel complex (or a family) to a target shape or
 * image, with DISK (ours) or a baseline, and write a .skc preset.
 *
 * The last line on stdout is stable, for scripts:
 *   psnr <dB> dB  taps <per pixel>  time <s> s
 * (for a family: one "member <value>: psnr …" line per member first, then the
 * last line with the lowest member PSNR). */
#include "skc.h"
#include "skc-fit-halve.h"
#include "skc-panels.h"
#include "skc-tool-text.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static gchar *opt_shape, *opt_target, *opt_radii, *opt_taps, *opt_method = "disk", *opt_out,
    *opt_png, *opt_loss = "l2", *opt_lr, *opt_lowpass,
    *opt_init = "poisson";
static gdouble opt_radius = 0;
static gint opt_refine_steps = -1;
static gint opt_layers = 4, opt_steps = -1, opt_rank = 2, opt_candidates = 10, opt_restarts = 1;
static gint64 opt_seed = 1;
static gchar *opt_snap_layers, *opt_snap_rows;
static gdouble opt_snap_columns = 0;
static gboolean opt_global_units = FALSE, opt_snap = FALSE, opt_quiet = FALSE;
static gchar *opt_halve;
static gboolean opt_halved = FALSE;
static gdouble opt_halve_from = 0;

static const GOptionEntry entries[] = {
  { "shape", 0, 0, G_OPTION_ARG_STRING, &opt_shape, "Target shape, e.g. hexagon or star:points=6,inner=0.4", "SPEC" },
  { "target", 0, 0, G_OPTION_ARG_FILENAME, &opt_target, "Target PSF from a grayscale PNG or PGM", "FILE" },
  { "radius", 0, 0, G_OPTION_ARG_DOUBLE, &opt_radius, "Target radius in pixels", "R" },
  { "radii", 0, 0, G_OPTION_ARG_STRING, &opt_radii, "Fit a family at these radii (increasing)", "R1,R2,…" },
  { "layers", 0, 0, G_OPTION_ARG_INT, &opt_layers, "Number of layers L (default 4)", "L" },
  { "taps", 0, 0, G_OPTION_ARG_STRING, &opt_taps, "Taps per layer: N, or one per layer", "N[,N2,…]" },
  { "steps", 0, 0, G_OPTION_ARG_INT, &opt_steps, "Adam steps (disk, default 1000) or iterations per chain (sa, default 10000)", "S" },
  { "seed", 0, 0, G_OPTION_ARG_INT64, &opt_seed, "Random seed (default 1)", "S" },
  { "method", 0, 0, G_OPTION_ARG_STRING, &opt_method, "disk (default), sa or lowrank", "M" },
  { "rank", 0, 0, G_OPTION_ARG_INT, &opt_rank, "Rank for --method lowrank (default 2)", "R" },
  { "candidates", 0, 0, G_OPTION_ARG_INT, &opt_candidates, "Parallel chains for --method sa (default 10)", "N" },
  { "loss", 0, 0, G_OPTION_ARG_STRING, &opt_loss, "l2 (default) or charbonnier", "LOSS" },
  { "init", 0, 0, G_OPTION_ARG_STRING, &opt_init, "First layer: poisson (the paper's, default) or lattice", "INIT" },
  { "global-units", 0, 0, G_OPTION_ARG_NONE, &opt_global_units, "Every layer's offsets step in units of the target radius, not of its own spread (the Gaussian family uses it)", NULL },
  { "restarts", 0, 0, G_OPTION_ARG_INT, &opt_restarts, "disk: keep the best of N fits, seeds S…S+N−1, judged after snapping if asked (a family: for its anchor member; default 1)", "N" },
  { "lowpass", 0, 0, G_OPTION_ARG_STRING, &opt_lowpass, "Add WEIGHT·Σ(Gaussian_SIGMA ∗ residual)² to the loss: fidelity on photos (default weight 100; off by default)", "SIGMA[,WEIGHT]" },
  { "refine-steps", 0, 0, G_OPTION_ARG_INT, &opt_refine_steps, "Family: joint refinement steps over members and half-way blends (default 4000; 0: none)", "S" },
  { "lr", 0, 0, G_OPTION_ARG_STRING, &opt_lr, "Learning rate START[,END] (default 1e-3,1e-4)", "LR" },
  { "snap", 0, 0, G_OPTION_ARG_NONE, &opt_snap, "Snap offsets to integers and refit the weights", NULL },
  { "snap-layers", 0, 0, G_OPTION_ARG_STRING, &opt_snap_layers, "Snap only these layers (0-based), refit the rest", "L1[,L2,…]" },
  { "snap-columns", 0, 0, G_OPTION_ARG_DOUBLE, &opt_snap_columns, "With --snap-rows: also snap the dx of this fraction of those layers' taps (the nearest a column), refit the rest", "F" },
  { "snap-rows", 0, 0, G_OPTION_ARG_STRING, &opt_snap_rows, "Snap these layers' dy to whole rows, refit the rest: 2 integer taps a tap instead of 4", "L1[,L2,…]" },
  { "halve", 0, 0, G_OPTION_ARG_STRING, &opt_halve, "Refit this family's members from --halve-from on to run at half resolution (the 2×2 mean and the bilinear return as fixed layers; writes version 2)", "NAME|FILE" },
  { "halved", 0, 0, G_OPTION_ARG_NONE, &opt_halved, "Fit members that run at half resolution: taps in half pixels, the loss on the 4-phase mean of the 2×2 mean, the complex and the bilinear return against the full-resolution target (writes version 2)", NULL },
  { "halve-from", 0, 0, G_OPTION_ARG_DOUBLE, &opt_halve_from, "With --halve: the first radius refitted (the switch radius)", "R" },
  { "png", 0, 0, G_OPTION_ARG_FILENAME, &opt_png, "Write target | fit | error side by side", "FILE" },
  { "out", 'o', 0, G_OPTION_ARG_FILENAME, &opt_out, "Output preset (.skc)", "FILE" },
  { "quiet", 'q', 0, G_OPTION_ARG_NONE, &opt_quiet, "No progress on stderr", NULL },
  { NULL }
};

static G_GNUC_PRINTF (1, 2) G_GNUC_NORETURN void
usage_error (const gchar *fmt, ...)
{
  va_list ap;

  va_start (ap, fmt);
  fprintf (stderr, "skc-fit: ");
  vfprintf (stderr, fmt, ap);
  fprintf (stderr, "\n(see skc-fit --help)\n");
  va_end (ap);
  exit (2);
}

/* Comma-separated numbers in lo..hi. */
static GArray *
parse_list (const gchar *option, const gchar *text, gdouble lo, gdouble hi, gboolean whole)
{
  g_auto (GStrv) items = g_strsplit (text, ",", -1);
  GArray *out = g_array_new (FALSE, FALSE, sizeof (gdouble));

  for (guint i = 0; items[i]; i++) {
    gchar *end;
    gdouble v = g_ascii_strtod (g_strstrip (items[i]), &end);

    if (*items[i] == '\0' || *end != '\0' || !isfinite (v))
      usage_error ("%s: '%s' is not a number", option, items[i]);
    if (v < lo || v > hi || (whole && v != floor (v)))
      usage_error ("%s: %s is out of range (%s%g..%g)", option, items[i], whole ? "whole numbers " : "", lo, hi);
    g_array_append_val (out, v);
  }
  if (out->len == 0)
    usage_error ("%s: empty list", option);
  return out;
}

static SkcRaster *
make_target (gdouble radius, gpointer user_data, GError **error)
{
  return skc_shape_render (user_data, radius, error);
}

typedef struct {
  gdouble last;
  const gchar *what;
} Progress;

static void
progress (guint step, guint n_steps, gdouble loss, gpointer user_data)
{
  Progress *p = user_data;
  gdouble now = g_get_monotonic_time () / 1e6;

  if (opt_quiet)
    return;
  if (isatty (STDERR_FILENO)) {
    gint width = 30, done = n_steps ? (gint) ((gint64) width * step / n_steps) : width;

    if (now - p->last < 0.1 && step < n_steps)
      return;
    fprintf (stderr, "\r%s [%.*s%*s] %5u/%u  loss %.4e", p->what, done,
        "##############################", width - done, "", step, n_steps, loss);
    if (step == n_steps)
      fprintf (stderr, "\n");
  } else {
    if (step % 100 != 0 && step != n_steps && now - p->last < 0.5)
      return;
    fprintf (stderr, "%s step %u/%u loss %.6e\n", p->what, step, n_steps, loss);
  }
  p->last = now;
}

/* Best of opts->restarts seeds judged after snapping: which seed snaps best is
 * not the one that fitted best before (hexagon 32 px, rows of layer 0 and the
 * low-pass term: seed 1 fits best of 1…4, seed 28 snaps best of 1…32). */
static SkcComplex *
fit_and_snap (const SkcRaster *target, guint L, const guint *taps, const SkcFitOptions *opts, guint64 snap_mask,
    guint64 rows_mask, Progress *prog)
{
  SkcComplex *best = NULL;
  gdouble best_loss = INFINITY;

  for (guint k = 0; k < MAX (opts->restarts, 1); k++) {
    SkcFitOptions o = *opts;
    SkcComplex *c;
    gdouble loss;

    o.restarts = 1;
    o.seed = opts->seed + k;
    prog->what = "disk";
    c = skc_fit_complex (target, L, taps, &o);
    if (c == NULL)
      break;
    prog->what = rows_mask ? "snap rows" : "snap";
    loss = rows_mask ? skc_fit_snap_rows (c, target, &o, rows_mask) : skc_fit_snap_layers (c, target, &o, snap_mask);
    if (rows_mask && opt_snap_columns > 0)
      loss = skc_fit_snap_columns (c, target, &o, rows_mask, opt_snap_columns);
    if (loss < best_loss) {
      g_clear_pointer (&best, skc_complex_free);
      best = c;
      best_loss = loss;
    } else {
      skc_complex_free (c);
    }
  }
  return best;
}

int
main (int argc, char **argv)
{
  g_autoptr (GOptionContext) ctx = g_option_context_new ("— fit a sparse kernel complex to a target");
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) radii = NULL, taps_list = NULL;
  g_autoptr (SkcFamily) family = NULL;
  g_autofree gchar *name = NULL;
  guint taps[SKC_MAX_LAYERS];
  SkcFitOptions opts;
  g_auto (SkcShapeSpec) spec = { 0 };
  Progress prog = { 0, "" };
  g_autoptr (GPtrArray) target_list = g_ptr_array_new_with_free_func ((GDestroyNotify) skc_raster_free);
  SkcRaster **targets;
  gdouble t0 = g_get_monotonic_time () / 1e6, worst = INFINITY;
  gboolean own_size = FALSE;
  guint64 snap_mask = G_MAXUINT64, rows_mask = 0;
  guint L;

  skc_tool_text_init ();
  g_option_context_add_main_entries (ctx, entries, NULL);
  g_option_context_set_description (ctx,
      "Methods: disk (differentiable fit, ours), sa (PST-style parallel tempering),\n"
      "lowrank (rank-r SVD as separable passes; --layers/--taps are then ignored).\n"
      "The last line on stdout reads: psnr <dB> dB  taps <N>  time <s> s\n"
      "Exit status: 0 success, 1 runtime failure, 2 bad arguments.");
  if (!g_option_context_parse (ctx, &argc, &argv, &error))
    usage_error ("%s", error->message);
  if (argc > 1)
    usage_error ("unexpected argument '%s'", argv[1]);
  if (opt_halve && (opt_shape || opt_target || opt_radius != 0 || opt_radii || opt_taps || opt_snap ||
          opt_snap_layers || opt_snap_rows || !g_str_equal (opt_method, "disk")))
    usage_error ("--halve refits a family as it is: no --shape, --target, --radius, --radii, --taps, snapping or --method");
  if (opt_halve && !(opt_halve_from > 0 && opt_halve_from <= 1024))
    usage_error ("--halve needs --halve-from R in (0, 1024]");
  if (opt_halved && (opt_halve || !g_str_equal (opt_method, "disk") || opt_png))
    usage_error ("--halved fits with --method disk, without --halve or --png");
  if (!opt_halve && opt_halve_from != 0)
    usage_error ("--halve-from applies to --halve");
  if (!opt_halve && !opt_shape == !opt_target)
    usage_error ("give exactly one of --shape and --target");
  if (!opt_out)
    usage_error ("--out FILE.skc is required");
  if (opt_radius != 0 && opt_radii)
    usage_error ("give --radius or --radii, not both");
  if (opt_shape && opt_radius == 0 && !opt_radii)
    usage_error ("--shape needs --radius or --radii");
  if (opt_radius != 0 && !(opt_radius > 0 && opt_radius <= 1024))
    usage_error ("--radius: %g is out of range (0, 1024]", opt_radius);
  if (opt_layers < 1 || opt_layers > SKC_MAX_LAYERS)
    usage_error ("--layers: %d is out of range 1..%d", opt_layers, SKC_MAX_LAYERS);
  if (!g_str_equal (opt_method, "disk") && !g_str_equal (opt_method, "sa") && !g_str_equal (opt_method, "lowrank"))
    usage_error ("--method: '%s' is not disk, sa or lowrank", opt_method);
  if (!g_str_equal (opt_init, "poisson") && !g_str_equal (opt_init, "lattice"))
    usage_error ("--init: '%s' is not poisson or lattice", opt_init);
  if (opt_restarts < 1 || opt_restarts > 1000)
    usage_error ("--restarts: %d is not in 1…1000", opt_restarts);
  if (!g_str_equal (opt_loss, "l2") && !g_str_equal (opt_loss, "charbonnier"))
    usage_error ("--loss: '%s' is not l2 or charbonnier", opt_loss);
  if (opt_refine_steps < -1 || opt_refine_steps > 10000000)
    usage_error ("--refine-steps: %d is out of range 0..10000000", opt_refine_steps);
  if (opt_rank < 1 || opt_rank > 64)
    usage_error ("--rank: %d is out of range 1..64", opt_rank);
  if (opt_candidates < 1 || opt_candidates > 1000)
    usage_error ("--candidates: %d is out of range 1..1000", opt_candidates);
  if (opt_steps == 0 || opt_steps < -1 || opt_steps > 10000000)
    usage_error ("--steps: %d is out of range 1..10000000", opt_steps);
  if (opt_radii && !g_str_equal (opt_method, "disk"))
    usage_error ("--radii: families are fitted with --method disk only");

  L = (guint) opt_layers;
  if (!opt_taps && !g_str_equal (opt_method, "lowrank") && !opt_halve)
    usage_error ("--taps is required");
  if (opt_taps) {
    taps_list = parse_list ("--taps", opt_taps, 1, SKC_MAX_TAPS, TRUE);
    if (taps_list->len != 1 && taps_list->len != L)
      usage_error ("--taps: %u values for %u layers", taps_list->len, L);
    for (guint l = 0; l < L; l++)
      taps[l] = (guint) g_array_index (taps_list, gdouble, taps_list->len == 1 ? 0 : l);
  }
  if (opt_snap && opt_snap_layers)
    usage_error ("give --snap or --snap-layers, not both");
  if (opt_snap_rows && (opt_snap || opt_snap_layers))
    usage_error ("give --snap-rows or --snap/--snap-layers, not both");
  if (opt_snap_rows) {
    g_autoptr (GArray) list = parse_list ("--snap-rows", opt_snap_rows, 0, L - 1, TRUE);

    for (guint i = 0; i < list->len; i++)
      rows_mask |= G_GUINT64_CONSTANT (1) << (guint) g_array_index (list, gdouble, i);
  }
  if (opt_snap_layers) {
    g_autoptr (GArray) list = parse_list ("--snap-layers", opt_snap_layers, 0, L - 1, TRUE);

    snap_mask = 0;
    for (guint i = 0; i < list->len; i++)
      snap_mask |= G_GUINT64_CONSTANT (1) << (guint) g_array_index (list, gdouble, i);
  }
  if (opt_snap_columns != 0 && !opt_snap_rows)
    usage_error ("--snap-columns applies to the layers of --snap-rows");
  if (!(opt_snap_columns >= 0 && opt_snap_columns <= 1))
    usage_error ("--snap-columns: %g is not a fraction in 0…1", opt_snap_columns);
  if ((opt_snap || opt_snap_layers || opt_snap_rows) && opt_radii)
    usage_error ("snapping applies to one complex, not to a family (blends of snapped members are not snapped)");
  if ((opt_snap || opt_snap_layers || opt_snap_rows) && !g_str_equal (opt_method, "disk"))
    usage_error ("snapping applies to --method disk");
  skc_fit_options_init (&opts);
  if (opt_steps > 0)
    opts.steps = opt_steps;
  opts.seed = (guint64) opt_seed;
  opts.loss = g_str_equal (opt_loss, "l2") ? SKC_LOSS_L2 : SKC_LOSS_CHARBONNIER;
  opts.lattice_init = g_str_equal (opt_init, "lattice");
  opts.restarts = (guint) opt_restarts;
  opts.layer_units = !opt_global_units;
  if (opt_refine_steps >= 0)
    opts.family_refine_steps = (guint) opt_refine_steps;
  if (opt_lowpass) {
    g_autoptr (GArray) lp = parse_list ("--lowpass", opt_lowpass, 0.1, 1e6, FALSE);

    if (lp->len > 2 || g_array_index (lp, gdouble, 0) > 64)
      usage_error ("--lowpass: give SIGMA (0.1…64 px) or SIGMA,WEIGHT");
    opts.lowpass_sigma = g_array_index (lp, gdouble, 0);
    opts.lowpass_weight = lp->len > 1 ? g_array_index (lp, gdouble, 1) : 100;
  }
  if (opt_lr) {
    g_autoptr (GArray) lr = parse_list ("--lr", opt_lr, 1e-9, 10, FALSE);

    if (lr->len > 2)
      usage_error ("--lr: give START or START,END");
    opts.lr_start = g_array_index (lr, gdouble, 0);
    opts.lr_end = g_array_index (lr, gdouble, lr->len - 1);
  }
  opts.progress = progress;
  opts.progress_data = &prog;
  opts.halved = opt_halved;
  if (opt_halve) {
    prog.what = "halve";
    if (opts.family_refine_steps > 0 && opt_refine_steps < 0)
      opts.family_refine_steps = 1000;
    return skc_fit_halve (opt_halve, opt_halve_from, &opts, opt_out);
  }

  radii = opt_radii ? parse_list ("--radii", opt_radii, 1e-3, 1024, FALSE) : g_array_new (FALSE, FALSE, sizeof (gdouble));
  for (guint k = 1; k < radii->len; k++)
    if (!(g_array_index (radii, gdouble, k) > g_array_index (radii, gdouble, k - 1)))
      usage_error ("--radii: values must increase (%g follows %g)", g_array_index (radii, gdouble, k),
          g_array_index (radii, gdouble, k - 1));

  if (opt_shape) {
    if (!skc_shape_spec_parse (opt_shape, &spec, &error))
      usage_error ("--shape: %s", error->message);
    name = g_strndup (opt_shape, strcspn (opt_shape, ":"));
  } else {
    spec.kind = SKC_SHAPE_IMAGE;
    spec.path = g_strdup (opt_target);
    name = g_path_get_basename (opt_target);
    if (strrchr (name, '.'))
      *strrchr (name, '.') = '\0';
  }
  if (radii->len == 0) {
    g_autoptr (SkcRaster) probe = NULL;

    if (opt_radius == 0) {
      own_size = TRUE;
      /* An image at its own size: its value on the axis is its support radius. */
      probe = skc_shape_render (&spec, 0, &error);
      if (probe == NULL) {
        fprintf (stderr, "skc-fit: %s\n", error->message);
        return 1;
      }
      opt_radius = skc_target_radius (probe);
    }
    g_array_append_val (radii, opt_radius);
  }


  g_ptr_array_set_size (target_list, radii->len);
  targets = (SkcRaster **) target_list->pdata;
  for (guint k = 0; k < radii->len; k++) {
    /* A target file without --radius keeps its own pixel size (radius 0). */
    gdouble r = own_size ? 0 : g_array_index (radii, gdouble, k);

    targets[k] = skc_shape_render (&spec, r, &error);
    if (targets[k] == NULL) {
      fprintf (stderr, "skc-fit: %s\n", error->message);
      return 1;
    }
  }

  if (radii->len > 1) {
    prog.what = "family";
    family = skc_fit_family (name, "radius", radii->len, (gdouble *) radii->data, make_target, &spec,
        L, taps, &opts, &error);
  } else {
    SkcComplex *c = NULL;

    family = skc_family_new (name, "radius", 1, (gdouble *) radii->data);
    prog.what = opt_method;
    if (g_str_equal (opt_method, "disk")) {
      if (opt_snap || opt_snap_layers || opt_snap_rows)
        c = fit_and_snap (targets[0], L, taps, &opts, opt_snap || opt_snap_layers ? snap_mask : 0, rows_mask,
            &prog);
      else
        c = skc_fit_complex (targets[0], L, taps, &opts);
    } else if (g_str_equal (opt_method, "sa")) {
      SkcSaOptions sa;

      skc_sa_options_init (&sa);
      sa.seed = opts.seed;
      sa.candidates = opt_candidates;
      if (opt_steps > 0)
        sa.iterations = opt_steps;
      c = skc_baseline_sa (targets[0], L, taps, &sa, &error);
    } else {
      c = skc_baseline_lowrank (targets[0], opt_rank, &error);
    }
    if (c == NULL && error == NULL)
      g_set_error (&error, SKC_ERROR, SKC_ERROR_INVALID, "the fit failed");
    family->members[0] = c;
  }
  if (family == NULL || family->members[0] == NULL) {
    fprintf (stderr, "skc-fit: %s\n", error->message);
    return 1;
  }
  family->shape = opt_shape ? skc_shape_spec_to_string (&spec) : g_strdup_printf ("image:path=%s", opt_target);
  if (opt_halved)
    family->decimation = memset (g_new (guint8, family->n_members), 2, family->n_members);

  if (!skc_preset_save_file (family, opt_out, &error)) {
    fprintf (stderr, "skc-fit: %s\n", error->message);
    return 1;
  }
  if (opt_png && !skc_panels_write (opt_png, targets, family->members, family->n_members, &error)) {
    fprintf (stderr, "skc-fit: %s\n", error->message);
    return 1;
  }
  for (guint k = 0; k < family->n_members; k++) {
    /* Halved: the 4-phase mean at full resolution (skc-halved.h). */
    g_autoptr (SkcRaster) ir = opt_halved ? skc_complex_halved_response (family->members[k]) :
        skc_complex_impulse_response (family->members[k]);
    gdouble p = skc_raster_psnr (ir, targets[k]);

    worst = MIN (worst, p);
    if (family->n_members > 1)
      printf ("member %g: psnr %.2f dB\n", family->values[k], p);
  }
  printf ("psnr %.2f dB  taps %u  time %.2f s\n", worst, skc_complex_total_taps (family->members[0]),
      g_get_monotonic_time () / 1e6 - t0);
  return 0;
}
