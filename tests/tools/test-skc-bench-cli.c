/* skc-bench as a user runs it, on frames small enough for a test: every row
 * is there, each result is as close to the dense reference as its method
 * can be (FFT of the same kernel nearly exact, the engines byte-identical to
 * each other), the shipped fast complex is timed at its radius, the layered
 * table ranks the depth-of-field methods as §7 says, the geometry tables hold
 * ours and the SA family, --plot writes one marker
 * a row, and bad arguments fail with a message.  Speed is not asserted: the machine is
 * shared (README, "Engine"). */
#include <glib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "test-spawn.h"

typedef struct {
  gchar *table, *name;
  gdouble ms, psnr, taps;
} BenchRow;

static void
bench_row_clear (gpointer p)
{
  BenchRow *r = p;

  g_free (r->table);
  g_free (r->name);
}

static gint
run (const gchar *args, gchar **out, gchar **err)
{
  g_autofree gchar *cmd = g_strdup_printf ("%s %s", SKC_BENCH_BIN, args);

  return test_spawn_run (cmd, out, err);
}

/* The string value after `"key": "` at or after *p, advancing *p past it. */
static gchar *
json_string (const gchar **p, const gchar *key)
{
  g_autofree gchar *pat = g_strdup_printf ("\"%s\": \"", key);
  const gchar *s = strstr (*p, pat), *e;

  g_assert_nonnull (s);
  s += strlen (pat);
  e = strchr (s, '"');
  g_assert_nonnull (e);
  *p = e + 1;
  return g_strndup (s, e - s);
}

static gdouble
json_number (const gchar **p, const gchar *key)
{
  g_autofree gchar *pat = g_strdup_printf ("\"%s\": ", key);
  const gchar *s = strstr (*p, pat);
  gchar *end;
  gdouble v;

  g_assert_nonnull (s);
  if (g_str_has_prefix (s + strlen (pat), "null")) {
    *p = s + strlen (pat) + 4;
    return NAN;
  }
  v = g_ascii_strtod (s + strlen (pat), &end);
  g_assert_true (end != s + strlen (pat));
  *p = end;
  return v;
}

static GArray *
bench_json (const gchar *args)
{
  g_autofree gchar *cmd = g_strdup_printf ("%s --json --repeat 1", args), *out = NULL, *err = NULL;
  GArray *rows = g_array_new (FALSE, TRUE, sizeof (BenchRow));
  const gchar *p;

  g_array_set_clear_func (rows, bench_row_clear);
  g_assert_cmpint (run (cmd, &out, &err), ==, 0);
  g_assert_true (g_str_has_prefix (out, "{\"frame\": ["));
  g_assert_true (g_str_has_suffix (out, "]}\n"));
  p = out;
  while (strstr (p, "{\"table\": ") != NULL) {
    BenchRow r;

    p = strstr (p, "{\"table\": ");
    r.table = json_string (&p, "table");
    r.name = json_string (&p, "name");
    r.ms = json_number (&p, "ms");
    g_assert_cmpfloat (r.ms, >, 0);
    r.psnr = json_number (&p, "psnr");
    r.taps = json_number (&p, "taps");
    g_array_append_val (rows, r);
  }
  return rows;
}

/* The row of that table whose name starts with prefix; NULL if none. */
static const BenchRow *
row_of (GArray *rows, const gchar *table, const gchar *prefix)
{
  for (guint i = 0; i < rows->len; i++) {
    BenchRow *r = &g_array_index (rows, BenchRow, i);

    if (g_str_equal (r->table, table) && g_str_has_prefix (r->name, prefix))
      return r;
  }
  return NULL;
}

/* PSNR of that row; NAN if none. */
static gdouble
psnr_of (GArray *rows, const gchar *table, const gchar *prefix)
{
  const BenchRow *r = row_of (rows, table, prefix);

  return r != NULL ? r->psnr : NAN;
}

static void
test_rows_and_fidelity (void)
{
  g_autoptr (GArray) rows = bench_json ("--width 128 --height 96 --radius 6");
  const gchar *ours[] = { "ours 32-bit, plain C", "ours 32-bit, ORC", "ours 32-bit, AVX2 + VNNI",
    "ours 32-bit, AVX2", "ours 16-bit, plain C", "ours 16-bit, ORC" };
  gdouble c32 = psnr_of (rows, "fixed", ours[0]), c16 = psnr_of (rows, "fixed", ours[4]);

  g_assert_cmpfloat (psnr_of (rows, "fixed", "dense direct"), ==, 999);
  /* A 96-tap complex at 6 px: far closer than a blur is to its input. */
  g_assert_cmpfloat (c32, >, 40);
  g_assert_cmpfloat (fabs (c16 - c32), <, 0.5);
  /* Every engine gives the plain C path's bytes, hence its PSNR (rows for
   * loops this CPU lacks are left out). */
  for (guint i = 1; i < G_N_ELEMENTS (ours); i++) {
    gdouble v = psnr_of (rows, "fixed", ours[i]);

    if (!isnan (v))
      g_assert_cmpfloat (v, ==, i < 4 ? c32 : c16);
  }
  g_assert_false (isnan (psnr_of (rows, "fixed", "ours 32-bit, ORC")));
  /* The FFT of the same kernel is exact up to float rounding. */
  if (!isnan (psnr_of (rows, "fixed", "FFTW r2c/c2r, 1 thread")))
    g_assert_cmpfloat (psnr_of (rows, "fixed", "FFTW r2c/c2r, 1 thread"), >, 70);
  /* LowRank gets closer with each rank. */
  g_assert_cmpfloat (psnr_of (rows, "fixed", "LowRank rank 1"), <, psnr_of (rows, "fixed", "LowRank rank 3"));
  g_assert_cmpfloat (psnr_of (rows, "fixed", "row spans"), >, 30);
  g_assert_cmpfloat (psnr_of (rows, "fixed, I420 (Y, U, V planes; chroma at half size)", "ours 32-bit, best loops"), >, 40);
  for (guint map = 0; map < 2; map++) {
    const gchar *table = map ? "tilt-shift" : "depth-of-field";

    g_assert_cmpfloat (psnr_of (rows, table, "dense per pixel"), ==, 999);
    g_assert_cmpfloat (psnr_of (rows, table, "ours 32-bit, best loops"), >, 38);
    g_assert_cmpfloat (psnr_of (rows, table, "ours 32-bit, best loops, all threads"), ==,
        psnr_of (rows, table, "ours 32-bit, best loops"));
  }
  /* The limits: the copy and the compute floor have no PSNR; the compute
   * floor counts the 32-bit loops' taps, and on all threads it is the one
   * thread's divided by their number (the name says how many). */
  {
    const BenchRow *copy = row_of (rows, "fixed", "memory floor"), *one = row_of (rows, "fixed",
        "compute floor: "), *all = row_of (rows, "fixed", "compute floor, all "), *c = row_of (rows, "fixed", ours[0]);
    guint threads = 0;

    g_assert_nonnull (copy);
    g_assert_nonnull (one);
    g_assert_nonnull (all);
    g_assert_true (isnan (copy->psnr) && isnan (one->psnr) && isnan (all->psnr));
    g_assert_cmpfloat (one->taps, ==, c->taps);
    g_assert_cmpint (sscanf (all->name, "compute floor, all %u threads", &threads), ==, 1);
    g_assert_cmpfloat (fabs (all->ms * threads - one->ms), <, 0.002 * threads + 1e-3 * one->ms);
  }
  /* No fast complex is shipped for 6 px. */
  g_assert_true (isnan (psnr_of (rows, "fixed", "ours 32-bit, best loops, snapped")));
}

/* At 32 px the shipped fast hexagon is timed too, and (fitted with the
 * low-pass term) it is closer to dense on a photo than the family member. */
static void
test_fast_rows (void)
{
  g_autoptr (GArray) rows = bench_json ("--width 400 --height 320 --radius 32 --no-varying --no-i420");
  gdouble fast = psnr_of (rows, "fixed", "ours 32-bit, best loops, snapped hexagon-r32.skc");

  g_assert_false (isnan (fast));
  g_assert_cmpfloat (fast, >, psnr_of (rows, "fixed", "ours 32-bit, plain C"));
  g_assert_cmpfloat (psnr_of (rows, "fixed", "ours 32-bit, best loops, snapped hexagon-r32.skc, all threads"), ==,
      fast);
}

/* Occurrences of needle in haystack. */
static guint
count (const gchar *haystack, const gchar *needle)
{
  guint n = 0;

  for (const gchar *p = strstr (haystack, needle); p != NULL; p = strstr (p + 1, needle))
    n++;
  return n;
}

/* The SVG of --plot: there, an <svg> document, one filled marker per row. */
static void
check_plot (const gchar *path, guint n_rows)
{
  g_autofree gchar *svg = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_true (g_file_get_contents (path, &svg, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (svg, "<svg xmlns=\"http://www.w3.org/2000/svg\""));
  g_assert_true (g_str_has_suffix (svg, "</svg>\n"));
  g_assert_cmpuint (count (svg, "<circle class=\"marker\""), ==, n_rows);
  g_assert_cmpuint (count (svg, "<g "), ==, count (svg, "</g>"));
}

/* The layered table on small scenes (disc radius 4 at 240×160): the four
 * methods, the reference exact, and against it the occlusion-aware path and
 * the FFT slices (coverage composited) far closer near outlines than gather
 * — the halo §7 is about; and the plot has one marker per method. */
static void
test_layered (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree gchar *dir = g_dir_make_tmp ("skc-bench-XXXXXX", &error);
  g_autofree gchar *svg = g_build_filename (dir, "layered.svg", NULL);
  g_autofree gchar *args = g_strdup_printf ("--layered --scene-width 240 --scene-height 160 --width 160 "
      "--height 96 --plot %s", svg);
  g_autoptr (GArray) rows = bench_json (args);
  gdouble gather = psnr_of (rows, "layered", "gather");

  g_assert_cmpuint (rows->len, ==, 4);
  g_assert_cmpfloat (psnr_of (rows, "layered", "dense layered reference"), ==, 999);
  /* Measured 20.2 (gather), 33.2 (occlusion-aware), 26.1 dB (slices). */
  g_assert_cmpfloat (gather, >, 15);
  g_assert_cmpfloat (gather, <, 25);
  g_assert_cmpfloat (psnr_of (rows, "layered", "occlusion-aware"), >, gather + 10);
  if (!isnan (psnr_of (rows, "layered", "8 FFT layers")))
    g_assert_cmpfloat (psnr_of (rows, "layered", "8 FFT layers"), >, gather + 4);
  check_plot (svg, rows->len);
  g_unlink (svg);
  g_rmdir (dir);
}

/* The fixed table's plot: a marker for every row, the dense one on the
 * "exact" line. */
static void
test_plot_fixed (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree gchar *dir = g_dir_make_tmp ("skc-bench-XXXXXX", &error);
  g_autofree gchar *svg = g_build_filename (dir, "fixed.svg", NULL);
  g_autofree gchar *args = g_strdup_printf ("--width 96 --height 64 --radius 4 --no-varying --plot %s", svg);
  g_autoptr (GArray) rows = bench_json (args);
  g_autofree gchar *text = NULL;

  g_assert_cmpuint (rows->len, >, 6);
  check_plot (svg, rows->len);
  g_assert_true (g_file_get_contents (svg, &text, NULL, NULL));
  g_assert_nonnull (strstr (text, ">exact</text>"));
  g_assert_nonnull (strstr (text, "fixed, I420"));
  g_unlink (svg);
  g_rmdir (dir);
}

/* --geometry on a small frame with a tiny SA budget: per effect the dense
 * truth, three grids of ours (the swirl's with turned/disc and with the disc
 * itself) and of the SA family (run by the engine: the weight bound holds),
 * the element's grid with exact kernels, and the fixed kernel; every grid
 * row near the truth, ours far above this SA on the zoom; the text says how
 * the SA family was made and which family ours is. */
static void
test_geometry (void)
{
  const gchar *tables[] = { "zoom blur (motion, radial)", "swirl bokeh (disc, aspect 2, rotational)" };
  g_autofree gchar *out = NULL, *text = NULL;
  const gchar *p;
  guint n = 0, ours[2] = { 0 }, sa[2] = { 0 }, exact[2] = { 0 }, unturned[2] = { 0 }, catseye = 0;
  gdouble zoom_ours = NAN, zoom_sa = NAN;

  g_assert_cmpint (run ("--geometry --width 96 --height 64 --repeat 1 --sa-iterations 30 --json", &out, NULL),
      ==, 0);
  for (p = out; strstr (p, "{\"table\": ") != NULL; n++) {
    g_autofree gchar *table = NULL, *name = NULL;
    gdouble psnr;
    gint t;

    p = strstr (p, "{\"table\": ");
    table = json_string (&p, "table");
    name = json_string (&p, "name");
    psnr = json_number (&p, "psnr");
    t = g_str_equal (table, tables[0]) ? 0 : g_str_equal (table, tables[1]) ? 1 : -1;
    /* The cat's-eye tables follow, counted apart: every row with a PSNR
     * near the dense lens. */
    if (g_str_has_prefix (table, "cat's eye ")) {
      if (!isnan (psnr))
        g_assert_cmpfloat (psnr, >, 20);
      catseye++;
      n--;
      continue;
    }
    g_assert_cmpint (t, >=, 0);
    if (g_str_has_prefix (name, "exact kernels: ") || g_str_has_prefix (name, "ours, unturned fit")) {
      g_assert_cmpfloat (psnr, >, 20);
      (name[0] == 'e' ? exact : unturned)[t]++;
    }
    if (g_str_has_prefix (name, "ours: ") || g_str_has_prefix (name, "SA family: ")) {
      gboolean is_sa = name[0] == 'S';

      g_test_message ("%s | %s: %.2f dB", table, name, psnr);
      g_assert_cmpfloat (psnr, >, 20);
      (is_sa ? sa : ours)[t]++;
      if (t == 0 && strstr (name, "(the element)"))
        *(is_sa ? &zoom_sa : &zoom_ours) = psnr;
    }
  }
  /* Per table: the truth, four grids (the element's with and without layer
   * sharing) for each family, the exact kernels, the fixed kernel; the
   * swirl's four of the unturned fit. */
  g_assert_cmpuint (n, ==, 2 * 11 + 4);
  g_assert_cmpuint (catseye, >=, 4);
  for (guint t = 0; t < 2; t++) {
    g_assert_cmpuint (ours[t], ==, 4);
    g_assert_cmpuint (sa[t], ==, 4);
    g_assert_cmpuint (exact[t], ==, 1);
    g_assert_cmpuint (unturned[t], ==, t == 1 ? 4 : 0);
  }
  g_assert_cmpfloat (zoom_ours, >, zoom_sa + 5);

  g_assert_cmpint (run ("--geometry --width 64 --height 64 --repeat 1 --sa-iterations 0", &text, NULL), ==, 0);
  g_assert_nonnull (strstr (text, "ours − SA family = "));
  g_assert_nonnull (strstr (text, "23 members fitted"));
  g_assert_nonnull (strstr (text, "× 0 iterations"));
  g_assert_nonnull (strstr (text, "ours (turned/disc)"));
  g_assert_nonnull (strstr (text, "its quantisation's ceiling"));
}

static void
test_bad_arguments (void)
{
  g_autofree gchar *err1 = NULL, *err2 = NULL, *err3 = NULL, *err4 = NULL;

  g_assert_cmpint (run ("--repeat 0", NULL, &err1), ==, 2);
  g_assert_nonnull (strstr (err1, "--repeat"));
  g_assert_cmpint (run ("--width 96 --height 96 --radius 32 --fast /nonexistent/x.skc", NULL, &err2), ==, 1);
  g_assert_nonnull (strstr (err2, "--fast"));
  g_assert_cmpint (run ("--preset nosuchshape", NULL, &err3), ==, 1);
  g_assert_nonnull (strstr (err3, "nosuchshape"));
  /* A plot that cannot be written fails the run, after the tables. */
  g_assert_cmpint (run ("--width 64 --height 64 --radius 2 --repeat 1 --no-varying --no-i420 "
          "--plot /nonexistent/dir/x.svg", NULL, &err4), ==, 1);
  g_assert_nonnull (strstr (err4, "--plot"));
}

/* Every numeric option out of range is a usage error — exit 2, never a
 * signal (test_spawn_run gives −1 then) — with one line naming the option
 * and what it accepts.  Each case would have crashed or aborted before. */
static void
test_out_of_range (void)
{
  static const struct { const gchar *args, *message; } cases[] = {
    { "--step 0", "--step 0 is out of range: accepted [0.05, 64]" },
    { "--step nan", "--step nan is out of range" },
    { "--step -1", "--step -1 is out of range" },
    { "--step 1e-9", "--step 1e-09 is out of range" },
    { "--step inf", "--step inf is out of range" },
    { "--step 65", "--step 65 is out of range" },
    { "--radius 4 --step 5", "--step 5 exceeds --radius 4" },
    { "--radius 256 --step 0.1", "more than 1024 radius levels" },
    { "--radius 0.1", "--step 0.25 exceeds --radius 0.1" },
    { "--width 100000 --height 100000", "--width 100000 is out of range: accepted 64–8192" },
    { "--width 8192 --height 8192", "at most 16777216" },
    { "--height 63", "--height 63 is out of range" },
    { "--width -1", "--width -1 is out of range" },
    { "--radius -5", "--radius -5 is out of range: accepted (0, 256]" },
    { "--radius 0", "--radius 0 is out of range" },
    { "--radius nan", "--radius nan is out of range" },
    { "--radius 257", "--radius 257 is out of range" },
    { "--repeat -1", "--repeat -1 is out of range: accepted 1–1000" },
    { "--repeat 2000000000", "--repeat 2000000000 is out of range" },
    { "--layered --scene-width 63", "--scene-width 63 is out of range: accepted 64–4096" },
    { "--scene-height 5000", "--scene-height 5000 is out of range" },
    { "--geometry --sa-iterations -1", "--sa-iterations -1 is out of range: accepted 0–1000000" },
    { "--sa-iterations 1000001", "--sa-iterations 1000001 is out of range" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++) {
    g_autofree gchar *args = g_strdup_printf ("--width 64 --height 64 --repeat 1 %s", cases[i].args);
    g_autofree gchar *err = NULL;

    g_test_message ("skc-bench %s", args);
    g_assert_cmpint (run (args, NULL, &err), ==, 2);
    if (strstr (err, cases[i].message) == NULL)
      g_error ("skc-bench %s: expected '%s' in: %s", args, cases[i].message, err);
    /* Exactly one line. */
    g_assert_true (strchr (err, '\n') == err + strlen (err) - 1);
  }
  /* The step only matters to the varying table. */
  g_assert_cmpint (run ("--width 64 --height 64 --repeat 1 --radius 0.5 --no-varying --no-i420", NULL, NULL), ==, 0);
}

/* A preset need not name its shape; without one there is no dense target,
 * and the bench times ours alone (PSNR and ratios null) with a note. */
static void
test_preset_without_shape (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree gchar *dir = g_dir_make_tmp ("skc-bench-XXXXXX", &error);
  g_autofree gchar *path = NULL, *args = NULL, *out = NULL, *err = NULL;
  /* presets/example.skc without its shape=disc line. */
  static const gchar preset[] =
    "[skc]\nversion=1\nname=noshape\naxis=radius\nvalues=1;2\ntaps=2;1\n\n"
    "[member 0]\nlayer0-dx=-0.5;0.5\nlayer0-dy=0;0\nlayer0-w=0.5;0.5\nlayer1-dx=0\nlayer1-dy=0\nlayer1-w=1\n\n"
    "[member 1]\nlayer0-dx=-1;1\nlayer0-dy=0;0\nlayer0-w=0.5;0.5\nlayer1-dx=0\nlayer1-dy=0\nlayer1-w=1\n";

  g_assert_no_error (error);
  path = g_build_filename (dir, "noshape.skc", NULL);
  g_assert_true (g_file_set_contents (path, preset, -1, &error));
  args = g_strdup_printf ("--preset %s --width 64 --height 64 --radius 1.5 --repeat 1 --json", path);
  g_assert_cmpint (run (args, &out, &err), ==, 0);
  g_assert_nonnull (strstr (err, "has no 'shape' key"));
  g_assert_nonnull (strstr (err, "left out"));
  g_assert_true (g_str_has_prefix (out, "{\"frame\": ["));
  g_assert_true (g_str_has_suffix (out, "]}\n"));
  g_assert_null (strstr (out, "dense"));
  g_assert_nonnull (strstr (out, "\"name\": \"ours 32-bit, plain C\", \"ms\": "));
  g_assert_nonnull (strstr (out, "\"speedup\": null, \"psnr\": null"));
  g_assert_nonnull (strstr (out, "\"table\": \"tilt-shift\", \"name\": \"ours 32-bit, best loops\""));
  g_unlink (path);
  g_rmdir (dir);
}

/* --half: the rows of the member fitted at half resolution, beside those of
 * the built-in member halved as it is, in the same table; closer to dense on
 * the frame (the table of docs/ARCHITECTURE.md §8 on a photo); a family
 * without a halved member at the radius is refused. */
static void
test_half_rows (void)
{
  g_autofree gchar *half = g_build_filename (g_getenv ("SKC_TEST_DATA"), "..", "..", "presets", "half", "hexagon.skc",
      NULL);
  g_autofree gchar *args = g_strdup_printf ("--width 320 --height 240 --radius 16 --no-varying --no-i420 --half %s", half);
  g_autoptr (GArray) rows = bench_json (args);
  g_autofree gchar *err = NULL;
  gdouble fitted = psnr_of (rows, "fixed", "ours, fitted at half resolution, best loops");

  g_assert_cmpfloat (fitted, >, psnr_of (rows, "fixed", "ours, half resolution, best loops"));
  g_assert_cmpfloat (fitted, ==, psnr_of (rows, "fixed", "ours, fitted at half resolution, best loops, all threads"));
  g_assert_cmpint (run ("--width 64 --height 64 --repeat 1 --no-varying --no-i420 --half hexagon", NULL, &err), ==, 1);
  g_assert_nonnull (strstr (err, "--half: no member fitted at half resolution at --radius"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/skc-bench/rows-and-fidelity", test_rows_and_fidelity);
  g_test_add_func ("/skc-bench/fast-rows", test_fast_rows);
  g_test_add_func ("/skc-bench/layered", test_layered);
  g_test_add_func ("/skc-bench/geometry", test_geometry);
  g_test_add_func ("/skc-bench/plot-fixed", test_plot_fixed);
  g_test_add_func ("/skc-bench/bad-arguments", test_bad_arguments);
  g_test_add_func ("/skc-bench/out-of-range", test_out_of_range);
  g_test_add_func ("/skc-bench/preset-without-shape", test_preset_without_shape);
  g_test_add_func ("/skc-bench/half-rows", test_half_rows);
  return g_test_run ();
}
