/* skc-bench: FFmpeg's blurs as a user's alternative, on the bench's own
 * frame, where an `ffmpeg` program is on the PATH (nothing otherwise).
 *   fixed table:   gblur (a Gaussian, σ = R·10/32: σ 10 at 32 px);
 *   varying table: varblur (a box whose radius is read per pixel from a
 *                  second stream: the table's radius map, max_r = ⌈R⌉).
 * FFmpeg gets its best case: the frame already in its filters' planar
 * format (gbrap, alpha filtered too, as ours filters 4 channels), read in a
 * loop from a file, so no conversion runs in the timed graph.  A row is
 * (the run with the filter − the same run with `null`) / frames, the best of
 * the bench's repeats of each, with one thread and with the pool's threads
 * (FFmpeg's slice threads).  PSNR: varblur's output against the table's
 * dense reference (another kernel shape: what a user would get); gblur is
 * another effect, n/a. */
#include "bench.h"

#include <glib/gstdio.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#define FF_FRAMES 10

/* gbrap's planes (G, B, R, A) as RGBA channels. */
static const gint gbrap_order[4] = { 1, 2, 0, 3 };

/* RGBA to gbrap's planes, and back. */
static guint8 *
to_gbrap (const guint8 *rgba, gsize n)
{
  guint8 *planes = g_malloc (n * 4);

  for (gint p = 0; p < 4; p++)
    for (gsize i = 0; i < n; i++)
      planes[p * n + i] = rgba[i * 4 + gbrap_order[p]];
  return planes;
}

static void
from_gbrap (const guint8 *planes, gsize n, guint8 *rgba)
{
  for (gint p = 0; p < 4; p++)
    for (gsize i = 0; i < n; i++)
      rgba[i * 4 + gbrap_order[p]] = planes[p * n + i];
}

/* One ffmpeg run; its wall time in ms, or NAN when it fails. */
static gdouble
ff_run (GPtrArray *argv)
{
  g_autoptr (GError) error = NULL;
  gint status = 0;
  gint64 t0 = g_get_monotonic_time ();

  g_ptr_array_add (argv, NULL);
  if (!g_spawn_sync (NULL, (gchar **) argv->pdata, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL |
          G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, NULL, NULL, &status, &error) ||
      !g_spawn_check_wait_status (status, NULL))
    return NAN;
  return (g_get_monotonic_time () - t0) / 1000.0;
}

/* ffmpeg reading `inputs` (one or two looped gbrap files) through `graph`
 * with `threads` slice threads; out NULL: to the null muxer, FF_FRAMES
 * frames; else one frame to that raw file. */
static gdouble
ff_graph (const gchar *const *inputs, guint n_inputs, const gchar *graph, guint threads, const gchar *out)
{
  g_autoptr (GPtrArray) a = g_ptr_array_new_with_free_func (g_free);
  g_autofree gchar *size = g_strdup_printf ("%dx%d", opt_width, opt_height);

  g_ptr_array_add (a, g_strdup ("ffmpeg"));
  g_ptr_array_add (a, g_strdup ("-v"));
  g_ptr_array_add (a, g_strdup ("error"));
  g_ptr_array_add (a, g_strdup ("-nostdin"));
  g_ptr_array_add (a, g_strdup ("-y"));
  for (guint i = 0; i < n_inputs; i++) {
    const gchar *in[] = { "-f", "rawvideo", "-pix_fmt", "gbrap", "-s", size, "-framerate", "30",
      "-stream_loop", "-1", "-i", inputs[i] };

    for (guint k = 0; k < G_N_ELEMENTS (in); k++)
      g_ptr_array_add (a, g_strdup (in[k]));
  }
  g_ptr_array_add (a, g_strdup (n_inputs > 1 ? "-filter_complex_threads" : "-filter_threads"));
  g_ptr_array_add (a, g_strdup_printf ("%u", threads));
  g_ptr_array_add (a, g_strdup (n_inputs > 1 ? "-filter_complex" : "-vf"));
  g_ptr_array_add (a, g_strdup (graph));
  g_ptr_array_add (a, g_strdup ("-frames:v"));
  g_ptr_array_add (a, g_strdup_printf ("%d", out ? 1 : FF_FRAMES));
  g_ptr_array_add (a, g_strdup ("-f"));
  g_ptr_array_add (a, g_strdup (out ? "rawvideo" : "null"));
  g_ptr_array_add (a, g_strdup (out ? out : "-"));
  return ff_run (a);
}

static gdouble
ff_best (const gchar *const *inputs, guint n_inputs, const gchar *graph, guint threads)
{
  gdouble best = INFINITY;

  for (gint i = 0; i < MAX (1, opt_repeat); i++)
    best = fmin (best, ff_graph (inputs, n_inputs, graph, threads, NULL));
  return best;
}

/* A temporary file holding data; NULL (and nothing to remove) on failure. */
static gchar *
ff_write (const gchar *dir, const gchar *name, const guint8 *data, gsize size)
{
  gchar *path = g_build_filename (dir, name, NULL);

  if (!g_file_set_contents (path, (const gchar *) data, (gssize) size, NULL))
    g_clear_pointer (&path, g_free);
  return path;
}

/* Rows for `graph` against `baseline` (both run on the same inputs), one
 * thread and threads; the output of the last into out when out != NULL. */
static void
ff_rows (GArray *rows, const gchar *name, const gchar *const *inputs, guint n_inputs, const gchar *graph,
    const gchar *baseline, guint threads, const guint8 *ref, gint border, const gchar *dir)
{
  const guint counts[2] = { 1, threads };

  for (guint k = 0; k < (threads > 1 ? 2u : 1u); k++) {
    guint t = counts[k];
    gdouble base = ff_best (inputs, n_inputs, baseline, t), with = ff_best (inputs, n_inputs, graph, t);
    g_autofree gchar *label = t == 1 ? g_strdup (name) : g_strdup_printf ("%s, %u threads", name, t);
    Row r = { g_intern_string (label), (with - base) / FF_FRAMES, NAN, 0 };

    if (!isfinite (r.ms)) {
      g_printerr ("skc-bench: ffmpeg failed on \"%s\": no row\n", graph);
      return;
    }
    /* Small frames: the filter's cost is below the noise of starting a
     * process, and a difference of two such times means nothing. */
    if (r.ms <= 0.01 * base / FF_FRAMES) {
      g_printerr ("skc-bench: %s: below the noise of a process start at %d×%d, no row\n", label, opt_width,
          opt_height);
      continue;
    }
    if (ref != NULL && t == 1) {
      g_autofree gchar *out = g_build_filename (dir, "out.gbrap", NULL);
      g_autofree gchar *data = NULL;
      gsize n = (gsize) opt_width * opt_height, len = 0;

      if (isfinite (ff_graph (inputs, n_inputs, graph, 1, out)) && g_file_get_contents (out, &data, &len, NULL) &&
          len == n * 4) {
        g_autofree guint8 *rgba = g_malloc (n * 4);

        from_gbrap ((const guint8 *) data, n, rgba);
        r.psnr = psnr_u8 (rgba, ref, border);
      }
      g_unlink (out);
    }
    g_array_append_val (rows, r);
  }
}

static gchar *
ff_dir (void)
{
  g_autofree gchar *ffmpeg = g_find_program_in_path ("ffmpeg");

  if (ffmpeg == NULL)
    return NULL;
  return g_dir_make_tmp ("skc-bench-XXXXXX", NULL);
}

void
bench_ffmpeg_fixed_rows (GArray *rows, const guint8 *src, guint threads)
{
  g_autofree gchar *dir = ff_dir ();
  gsize n = (gsize) opt_width * opt_height;
  g_autofree guint8 *planes = NULL;
  g_autofree gchar *frame = NULL, *graph = NULL, *name = NULL;

  if (dir == NULL)
    return;
  planes = to_gbrap (src, n);
  frame = ff_write (dir, "frame.gbrap", planes, n * 4);
  if (frame != NULL) {
    const gchar *inputs[] = { frame };
    gdouble sigma = opt_radius * 10 / 32;

    graph = g_strdup_printf ("gblur=sigma=%g", sigma);
    name = g_strdup_printf ("FFmpeg gblur σ=%g (a Gaussian: another kernel)", sigma);
    ff_rows (rows, name, inputs, 1, graph, "null", threads, NULL, 0, dir);
    g_unlink (frame);
  }
  g_rmdir (dir);
}

void
bench_ffmpeg_varying_rows (GArray *rows, const guint8 *src, const gfloat *radius, const guint8 *ref, gint border,
    guint threads)
{
  g_autofree gchar *dir = ff_dir ();
  gsize n = (gsize) opt_width * opt_height;
  gint max_r = (gint) MIN (255, ceil (opt_radius));
  g_autofree guint8 *planes = NULL, *rplanes = NULL;
  g_autofree gchar *frame = NULL, *rmap = NULL, *graph = NULL, *name = NULL;

  if (dir == NULL || max_r < 1) {
    if (dir)
      g_rmdir (dir);
    return;
  }
  planes = to_gbrap (src, n);
  /* varblur (FFmpeg 5.1, min_r 0) averages a box whose half-width is
   * 1 + 4·max_r·v/255 px for a radius-stream value v (not max_r·v/255, as
   * its documentation suggests; measured on impulses here).  The box that
   * matches a disc of radius r in area and second moment has half-width
   * ≈ 0.87·r; v is chosen for that, per plane of the radius stream. */
  rplanes = g_malloc (n * 4);
  for (gsize i = 0; i < n; i++) {
    gdouble half = isfinite (radius[i]) ? 0.87 * radius[i] : 0;

    rplanes[i] = (guint8) CLAMP (lrint ((half - 1) * 255 / (4.0 * max_r)), 0, 255);
  }
  for (gint p = 1; p < 4; p++)
    memcpy (rplanes + p * n, rplanes, n);
  frame = ff_write (dir, "frame.gbrap", planes, n * 4);
  rmap = ff_write (dir, "radius.gbrap", rplanes, n * 4);
  if (frame != NULL && rmap != NULL) {
    const gchar *inputs[] = { frame, rmap };

    graph = g_strdup_printf ("[0:v][1:v]varblur=min_r=0:max_r=%d", max_r);
    name = g_strdup_printf ("FFmpeg varblur max_r=%d (a box)", max_r);
    ff_rows (rows, name, inputs, 2, graph, "[1:v]nullsink;[0:v]null", threads, ref, border, dir);
  }
  if (frame)
    g_unlink (frame);
  if (rmap)
    g_unlink (rmap);
  g_rmdir (dir);
}
