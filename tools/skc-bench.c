/* skc-bench — speed and fidelity of the fixed-kernel path against the
 * baselines, all measured in one run on the same frame.
 *
 *   skc-bench [--preset NAME|FILE] [--radius R] [--width W --height H]
 *             [--repeat N] [--step PX] [--fast FILE|none] [--json]
 *             [--no-i420] [--no-varying] [--plot FILE.svg]
 *   skc-bench --layered [--scene-width W --scene-height H] [--width W --height H]
 *             [--repeat N] [--json] [--plot FILE.svg]
 *
 * Numeric options out of their range (--help gives each) are usage errors:
 * one line naming the option and the range on stderr, exit status 2.  Other
 * failures (a preset that does not load) exit with 1.
 *
 * The frame is the test photo mirrored out to W×H, RGBA (4 channels all
 * filtered).  Rows: dense direct convolution with the target shape (the
 * reference; float, taps outer, pixels inner, compiler-vectorised), row spans
 * by prefix sums (the flat shape, pixels ≥ half covered), LowRank rank 1–3 as
 * float separable passes, FFTW
 * single-precision r2c/c2r per channel (single thread, and one thread per
 * processor where FFTW's threaded planner is built in; and the channels
 * spread over one thread per processor), and ours in both
 * precisions (plain C, ORC, AVX2, on a pool of one thread per processor),
 * reusing its working planes across frames as the element does.  Times are
 * the median of N runs after one warm-up; ratios are against the dense row
 * of the same run; PSNR (8-bit) against the dense result, borders excluded.
 *
 * A second table does the same on the frame as I420 (the kernel at half
 * size on chroma).  Then, for a radius varying per pixel, on a
 * depth-of-field map (a ramp in depth with a sharp-edged sharp object and a
 * sharp-edged far disc) and a tilt-shift map: the dense per-pixel reference
 * (each pixel gathers with the target shape at its own radius), what a user
 * would otherwise do (8 radii each FFT-convolved, blended per pixel), and
 * ours (radius levels, fixed-kernel loops on runs of equal level).
 *
 * When a snapped fixed complex exists for the preset and radius
 * (presets/fast/NAME-rR.skc, see presets/fast/README.md) the fixed table
 * also times it: the fast path for one fixed kernel.
 *
 * --layered prints instead one table of depth-of-field methods on the
 * layered scenes with their exact truth (tools/bench/method-layered.c).
 * --plot also draws speed against fidelity of every row printed into an
 * SVG file, one panel a table (tools/bench/plot-svg.c).
 *
 * A preset without a `shape` key has no dense target: the rows that need it
 * (every baseline) are left out with a note on stderr, and ours are timed
 * with ratios and PSNR n/a (null in --json).
 *
 * This file is the driver (options, preset loading, the tables in order);
 * each method family is a file in tools/bench/. */
#include "bench/bench.h"
#include "skc-tool-text.h"

#include <math.h>
#include <stdio.h>


/* The accepted ranges of the numeric options, also given in --help.  The
 * caps keep every buffer the bench allocates (about a dozen RGBA frames,
 * seven FFT planes, the dense per-level kernels of the varying table) within
 * a few GiB, so a bad argument is a usage error rather than an abort. */
#define RADIUS_MAX   256             /* px; radius in (0, RADIUS_MAX] */
#define FRAME_MIN    64              /* px, width and height */
#define FRAME_MAX    8192
#define PIXELS_MAX   (4096 * 4096)   /* width × height: 64 MiB per RGBA frame */
#define REPEAT_MAX   1000
#define STEP_MIN     0.05            /* px */
#define STEP_MAX     64
#define LEVELS_MAX   1024            /* radius / step */
#define SCENE_MAX    4096            /* px, --layered scenes: their truth is dense */
#define SA_ITERATIONS_MAX 1000000    /* per chain and member: 100× the default, hours for the disc */

gchar *opt_preset = "hexagon";
gdouble opt_radius = 32;
gint opt_width = 1920, opt_height = 1080, opt_repeat = 5;
gboolean opt_json = FALSE;
static gboolean opt_no_varying = FALSE;
static gboolean opt_no_i420 = FALSE;
gdouble opt_step = 0.25;
static gchar *opt_fast = NULL;
static gboolean opt_layered = FALSE;
static gboolean opt_geometry = FALSE;
gint opt_sa_iterations = 10000;
static gchar *opt_plot = NULL;
static gchar *opt_half = NULL;
gboolean bench_reference = TRUE;

static const GOptionEntry entries[] = {
  { "preset", 0, 0, G_OPTION_ARG_STRING, &opt_preset, "Built-in family (default hexagon) or a .skc path", "NAME|FILE" },
  { "half", 0, 0, G_OPTION_ARG_STRING, &opt_half, "Also the rows of this family's member fitted at half resolution at --radius (presets/half/), and of its member at --radius/2 at quarter resolution", "FILE" },
  { "radius", 0, 0, G_OPTION_ARG_DOUBLE, &opt_radius, "Kernel radius in px, in (0, " G_STRINGIFY (RADIUS_MAX)
    "] (default 32)", "R" },
  { "width", 0, 0, G_OPTION_ARG_INT, &opt_width, "Frame width, " G_STRINGIFY (FRAME_MIN) "–" G_STRINGIFY (FRAME_MAX)
    " (default 1920; width × height at most 4096²)", "W" },
  { "height", 0, 0, G_OPTION_ARG_INT, &opt_height, "Frame height, " G_STRINGIFY (FRAME_MIN) "–"
    G_STRINGIFY (FRAME_MAX) " (default 1080)", "H" },
  { "repeat", 0, 0, G_OPTION_ARG_INT, &opt_repeat, "Timed runs per row, 1–" G_STRINGIFY (REPEAT_MAX) " (default 5)",
    "N" },
  { "json", 0, 0, G_OPTION_ARG_NONE, &opt_json, "Machine-readable output", NULL },
  { "no-varying", 0, 0, G_OPTION_ARG_NONE, &opt_no_varying, "Skip the spatially-varying table", NULL },
  { "no-i420", 0, 0, G_OPTION_ARG_NONE, &opt_no_i420, "Skip the I420 table", NULL },
  { "step", 0, 0, G_OPTION_ARG_DOUBLE, &opt_step, "Radius step between levels of the varying path, in ["
    G_STRINGIFY (STEP_MIN) ", " G_STRINGIFY (STEP_MAX) "], at most the radius and at least radius/"
    G_STRINGIFY (LEVELS_MAX) " (default 0.25)", "PX" },
  { "fast", 0, 0, G_OPTION_ARG_STRING, &opt_fast, "Snapped fixed complex for the \"fast\" rows (default "
    "presets/fast/NAME-rR.skc when it exists; \"none\" skips them)", "FILE|none" },
  { "geometry", 0, 0, G_OPTION_ARG_NONE, &opt_geometry, "Only the tables of two-dimensional variance (zoom blur, "
    "swirl bokeh) against the dense per-pixel truth, at --width × --height: ours and the SA family at equal taps "
    "(fitted in the run: minutes)", NULL },
  { "sa-iterations", 0, 0, G_OPTION_ARG_INT, &opt_sa_iterations, "With --geometry: iterations per chain of each "
    "SA family member, 0–" G_STRINGIFY (SA_ITERATIONS_MAX) " (default 10000, the baseline's own)", "N" },
  { "layered", 0, 0, G_OPTION_ARG_NONE, &opt_layered, "Only the table of depth-of-field methods on the layered "
    "scenes against their exact truth (disc radius 16 px per 640 px of height; cost at --width × --height)", NULL },
  { "scene-width", 0, 0, G_OPTION_ARG_INT, &opt_scene_width, "With --layered: width of the scenes PSNR is "
    "taken on, " G_STRINGIFY (FRAME_MIN) "–" G_STRINGIFY (SCENE_MAX) " (default 960)", "W" },
  { "scene-height", 0, 0, G_OPTION_ARG_INT, &opt_scene_height, "With --layered: their height, "
    G_STRINGIFY (FRAME_MIN) "–" G_STRINGIFY (SCENE_MAX) " (default 640)", "H" },
  { "plot", 0, 0, G_OPTION_ARG_FILENAME, &opt_plot, "Also draw ms/frame against PSNR of every row printed "
    "into FILE.svg", "FILE" },
  { NULL }
};

/* Usage errors name the option and its accepted range, on one line. */
static gboolean
check_int (const gchar *name, gint v, gint lo, gint hi)
{
  if (v >= lo && v <= hi)
    return TRUE;
  g_printerr ("skc-bench: --%s %d is out of range: accepted %d–%d\n", name, v, lo, hi);
  return FALSE;
}

/* The interval is [lo, hi], or (lo, hi] when lo_open; NaN and ±inf fail. */
static gboolean
check_double (const gchar *name, gdouble v, gdouble lo, gboolean lo_open, gdouble hi)
{
  if (isfinite (v) && (lo_open ? v > lo : v >= lo) && v <= hi)
    return TRUE;
  g_printerr ("skc-bench: --%s %g is out of range: accepted %s%g, %g]\n", name, v, lo_open ? "(" : "[", lo, hi);
  return FALSE;
}

/* Every numeric option alone, then the limits they set together. */
static gboolean
check_options (void)
{
  if (!check_double ("radius", opt_radius, 0, TRUE, RADIUS_MAX) ||
      !check_int ("width", opt_width, FRAME_MIN, FRAME_MAX) ||
      !check_int ("height", opt_height, FRAME_MIN, FRAME_MAX) ||
      !check_int ("repeat", opt_repeat, 1, REPEAT_MAX) ||
      !check_double ("step", opt_step, STEP_MIN, FALSE, STEP_MAX) ||
      !check_int ("scene-width", opt_scene_width, FRAME_MIN, SCENE_MAX) ||
      !check_int ("scene-height", opt_scene_height, FRAME_MIN, SCENE_MAX) ||
      !check_int ("sa-iterations", opt_sa_iterations, 0, SA_ITERATIONS_MAX))
    return FALSE;
  if ((gint64) opt_width * opt_height > PIXELS_MAX) {
    g_printerr ("skc-bench: --width %d --height %d is %" G_GINT64_FORMAT " pixels: accepted at most %d "
        "(64 MiB per RGBA frame)\n", opt_width, opt_height, (gint64) opt_width * opt_height, PIXELS_MAX);
    return FALSE;
  }
  if (opt_no_varying)
    return TRUE;
  /* The varying path needs a level above radius 0, and keeps one dense
   * kernel per level for its reference. */
  if (opt_step > opt_radius) {
    g_printerr ("skc-bench: --step %g exceeds --radius %g: accepted at most the radius (or pass --no-varying)\n",
        opt_step, opt_radius);
    return FALSE;
  }
  if (opt_radius / opt_step > LEVELS_MAX) {
    g_printerr ("skc-bench: --step %g with --radius %g makes more than %d radius levels: accepted --step ≥ "
        "radius/%d = %g (or pass --no-varying)\n", opt_step, opt_radius, LEVELS_MAX, LEVELS_MAX,
        opt_radius / LEVELS_MAX);
    return FALSE;
  }
  return TRUE;
}

/* The snapped fixed complex for the fast rows, or NULL: --fast FILE, else
 * the built-in fast/NAME-rR for a built-in name when there is one. */
static SkcFixedKernel *
load_fast_kernel (gchar **path_out, GError **error)
{
  g_autofree gchar *path = NULL;
  g_autoptr (SkcFamily) fam = NULL;
  g_autoptr (SkcComplex) c = NULL;

  if (g_strcmp0 (opt_fast, "none") == 0)
    return NULL;
  if (opt_fast != NULL)
    path = g_strdup (opt_fast);
  else if (skc_preset_is_builtin (opt_preset)) {
    path = g_strdup_printf ("fast/%s-r%g", opt_preset, opt_radius);
    if (!skc_preset_is_builtin (path))
      return NULL;
  } else
    return NULL;
  if ((fam = skc_preset_lookup (path, error)) == NULL)
    return NULL;
  c = skc_complex_copy (fam->members[0]);
  skc_family_eval (fam, opt_radius, c);
  {
    g_autofree gchar *base = g_path_get_basename (path);

    *path_out = g_str_has_suffix (base, ".skc") ? g_steal_pointer (&base) : g_strconcat (base, ".skc", NULL);
  }
  return skc_fixed_kernel_new (c, error);
}

/* The dense target at --radius and the shape it was drawn from.  The
 * `shape` key of a preset is optional; without it there is no dense target,
 * so the rows that need one are left out (bench_reference) and *psf stays
 * NULL. */
static gboolean
load_target (const SkcFamily *family, SkcShapeSpec *spec, SkcRaster **psf, GError **error)
{
  *psf = NULL;
  if (family->shape == NULL) {
    bench_reference = FALSE;
    g_printerr ("skc-bench: note: preset %s has no 'shape' key, so there is no dense target: the rows that need "
        "it (dense, FFTW, row spans, LowRank, FFT layers) are left out; ratios and PSNR are n/a\n", opt_preset);
    return TRUE;
  }
  if (!skc_shape_spec_parse (family->shape, spec, error))
    return FALSE;
  *psf = skc_shape_render (spec, opt_radius, error);
  return *psf != NULL;
}

/* A table printed, and kept for --plot. */
static void
show_table (const gchar *what, GArray *rows, gboolean first)
{
  print_table (what, rows, first);
  plot_add_rows (what, rows);
}

/* The end of the output: JSON's closing brackets, the plot; exit status. */
static int
finish (void)
{
  g_autoptr (GError) error = NULL;

  if (opt_json)
    printf ("]}\n");
  if (opt_plot != NULL && !plot_write (opt_plot, &error)) {
    g_printerr ("skc-bench: --plot: %s\n", error->message);
    return 1;
  }
  return 0;
}

int
main (int argc, char **argv)
{
  g_autoptr (GOptionContext) ctx = g_option_context_new ("— speed and fidelity against baselines");
  g_autoptr (GError) error = NULL;
  g_autoptr (SkcFamily) family = NULL;
  g_autoptr (SkcComplex) c = NULL;
  g_autoptr (SkcFixedKernel) k = NULL, fast = NULL;
  g_autofree gchar *fast_name = NULL;
  g_autoptr (SkcRaster) psf = NULL;
  g_autofree guint8 *src = NULL, *ref = NULL, *out = NULL;
  g_auto (SkcShapeSpec) spec = { 0 };
  GArray *rows = g_array_new (FALSE, FALSE, sizeof (Row));
  gint rx = 0, ry = 0, border;

  skc_tool_text_init ();
  g_option_context_add_main_entries (ctx, entries, NULL);
  if (!g_option_context_parse (ctx, &argc, &argv, &error)) {
    g_printerr ("skc-bench: %s\n", error->message);
    return 2;
  }
  if (!check_options ())
    return 2;
  if (opt_geometry) {
    bench_geometry ();
    return finish ();
  }
  if (opt_layered) {
    bench_layered ();
    return finish ();
  }
  family = skc_preset_lookup (opt_preset, &error);
  if (family == NULL || !load_target (family, &spec, &psf, &error)) {
    g_printerr ("skc-bench: %s\n", error->message);
    return 1;
  }
  c = skc_complex_copy (family->members[0]);
  skc_family_eval (family, opt_radius, c);
  k = skc_fixed_kernel_new (c, &error);
  if (k == NULL) {
    g_printerr ("skc-bench: %s\n", error->message);
    return 1;
  }
  fast = load_fast_kernel (&fast_name, &error);
  if (fast == NULL && error != NULL) {
    g_printerr ("skc-bench: --fast: %s\n", error->message);
    return 1;
  }
  if (psf != NULL)
    skc_raster_extent (psf, 0, &rx, &ry);
  border = MAX (MAX (rx, ry), k->reach * (gint) k->n_layers) + 1;
  if (fast != NULL)
    border = MAX (border, fast->reach * (gint) fast->n_layers + 1);

  src = make_frame ();
  if (psf != NULL)
    ref = g_malloc ((gsize) opt_width * opt_height * C);
  out = g_malloc ((gsize) opt_width * opt_height * C);

  /* In this order: the rows print as they are appended. */
  if (psf != NULL) {
    bench_dense_rows (rows, psf, src, ref);
    bench_fft_rows (rows, psf, src, ref, out, border);
    bench_rowspan_rows (rows, psf, src, ref, out, border);
    bench_lowrank_rows (rows, psf, src, ref, out, border);
  }
  bench_ours_rows (rows, k, fast, fast_name, src, ref, out, border);
  bench_halved_rows (rows, c, skc_family_decimation (family, opt_radius) == 2, src, ref, out, border);
  if (opt_half) {
    g_autoptr (SkcFamily) half = skc_preset_lookup (opt_half, &error);
    g_autoptr (SkcComplex) h = NULL;

    if (half == NULL || skc_family_decimation (half, opt_radius) != 2) {
      g_printerr ("skc-bench: --half: %s\n", half ? "no member fitted at half resolution at --radius" : error->message);
      return 1;
    }
    h = skc_complex_copy (half->members[0]);
    skc_family_eval (half, opt_radius, h);
    bench_halved_rows (rows, h, TRUE, src, ref, out, border);
    if (skc_family_decimation (half, opt_radius / 2) == 2) {
      g_autoptr (SkcComplex) q = skc_complex_copy (half->members[0]);

      skc_family_eval_native (half, opt_radius / 2, q, NULL);
      bench_quartered_rows (rows, q, src, ref, out, border);
    }
  }
  {
    SkcPool *pool = skc_pool_new (0);

    /* The taps the 32-bit loops run (the last row may have left k at 16). */
    skc_fixed_kernel_configure (k, SKC_PRECISION_32, SKC_ENGINE_AUTO);
    bench_limit_rows (rows, skc_fixed_kernel_total_taps (k), skc_pool_threads (pool), src, out);
    bench_ffmpeg_fixed_rows (rows, src, skc_pool_threads (pool));
    skc_pool_free (pool);
  }

  show_table ("fixed", rows, TRUE);
  bench_limits_note (rows);
  if (!opt_no_i420) {
    g_autoptr (SkcRaster) psf_half = psf ? skc_shape_render (&spec, opt_radius / 2, NULL) : NULL;
    g_autoptr (GArray) irows = i420_table (c, psf, psf_half, src, border);

    show_table ("fixed, I420 (Y, U, V planes; chroma at half size)", irows, FALSE);
  }
  if (!opt_no_varying) {
    for (gint map = 0; map < 2; map++) {
      g_autoptr (GArray) vrows = varying_table (family, psf ? &spec : NULL, src, map, border);

      show_table (map ? "tilt-shift" : "depth-of-field", vrows, FALSE);
    }
  }
  g_array_unref (rows);
  return finish ();
}
