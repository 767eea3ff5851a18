/* skc-bench — speed and fidelity of the fixed-kernel path against the
 * baselines, all measured in one run on the same frame.
 *
 *   skc-bench [--preset NAME] [--radius R] [--width W --height H]
 *             [--repeat N] [--json]
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
 * This file is the driver (options, preset loading, the tables in order);
 * each method family is a file in tools/bench/. */
#include "bench/bench.h"
#include "skc-tool-text.h"

#include <stdio.h>


gchar *opt_preset = "hexagon";
gdouble opt_radius = 32;
gint opt_width = 1920, opt_height = 1080, opt_repeat = 5;
gboolean opt_json = FALSE;
static gboolean opt_no_varying = FALSE;
static gboolean opt_no_i420 = FALSE;
gdouble opt_step = 0.25;
static gchar *opt_fast = NULL;

static const GOptionEntry entries[] = {
  { "preset", 0, 0, G_OPTION_ARG_STRING, &opt_preset, "Built-in family (default hexagon) or a .skc path", "NAME|FILE" },
  { "radius", 0, 0, G_OPTION_ARG_DOUBLE, &opt_radius, "Kernel radius in px (default 32)", "R" },
  { "width", 0, 0, G_OPTION_ARG_INT, &opt_width, "Frame width (default 1920)", "W" },
  { "height", 0, 0, G_OPTION_ARG_INT, &opt_height, "Frame height (default 1080)", "H" },
  { "repeat", 0, 0, G_OPTION_ARG_INT, &opt_repeat, "Timed runs per row (default 5)", "N" },
  { "json", 0, 0, G_OPTION_ARG_NONE, &opt_json, "Machine-readable output", NULL },
  { "no-varying", 0, 0, G_OPTION_ARG_NONE, &opt_no_varying, "Skip the spatially-varying table", NULL },
  { "no-i420", 0, 0, G_OPTION_ARG_NONE, &opt_no_i420, "Skip the I420 table", NULL },
  { "step", 0, 0, G_OPTION_ARG_DOUBLE, &opt_step, "Radius step between levels of the varying path (default 0.25)", "PX" },
  { "fast", 0, 0, G_OPTION_ARG_STRING, &opt_fast, "Snapped fixed complex for the \"fast\" rows (default "
    "presets/fast/NAME-rR.skc when it exists; \"none\" skips them)", "FILE|none" },
  { NULL }
};

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
  SkcShapeSpec spec, spec_copy;
  GArray *rows = g_array_new (FALSE, FALSE, sizeof (Row));
  gint rx, ry, border;

  skc_tool_text_init ();
  g_option_context_add_main_entries (ctx, entries, NULL);
  if (!g_option_context_parse (ctx, &argc, &argv, &error)) {
    g_printerr ("skc-bench: %s\n", error->message);
    return 2;
  }
  if (opt_width < 64 || opt_height < 64 || opt_repeat < 1 || !(opt_radius > 0 && opt_radius <= 256)) {
    g_printerr ("skc-bench: frame ≥ 64×64, --repeat ≥ 1, radius in (0, 256]\n");
    return 2;
  }
  family = skc_preset_lookup (opt_preset, &error);
  if (family == NULL || !skc_shape_spec_parse (family->shape, &spec, &error) ||
      (psf = skc_shape_render (&spec, opt_radius, &error)) == NULL) {
    g_printerr ("skc-bench: %s\n", error->message);
    return 1;
  }
  spec_copy = spec;
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
  skc_raster_extent (psf, 0, &rx, &ry);
  border = MAX (MAX (rx, ry), k->reach * (gint) k->n_layers) + 1;
  if (fast != NULL)
    border = MAX (border, fast->reach * (gint) fast->n_layers + 1);

  src = make_frame ();
  ref = g_malloc ((gsize) opt_width * opt_height * C);
  out = g_malloc ((gsize) opt_width * opt_height * C);

  /* In this order: the rows print as they are appended. */
  bench_dense_rows (rows, psf, src, ref);
  bench_fft_rows (rows, psf, src, ref, out, border);
  bench_rowspan_rows (rows, psf, src, ref, out, border);
  bench_lowrank_rows (rows, psf, src, ref, out, border);
  bench_ours_rows (rows, k, fast, fast_name, src, ref, out, border);

  print_table ("fixed", rows, TRUE);
  if (!opt_no_i420) {
    g_autoptr (SkcRaster) psf_half = skc_shape_render (&spec_copy, opt_radius / 2, NULL);
    g_autoptr (GArray) irows = i420_table (c, psf, psf_half, src, border);

    print_table ("fixed, I420 (Y, U, V planes; chroma at half size)", irows, FALSE);
  }
  if (!opt_no_varying) {
    for (gint map = 0; map < 2; map++) {
      g_autoptr (GArray) vrows = varying_table (family, &spec_copy, src, map, border);

      print_table (map ? "tilt-shift" : "depth-of-field", vrows, FALSE);
    }
  }
  if (opt_json)
    printf ("]}\n");
  g_array_unref (rows);
  skc_shape_spec_clear (&spec_copy);
  return 0;
}
