/* skc-bench: timing, PSNR, the test frame and the table printer. */
#include "bench.h"
#include "skc-tool-data.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static gdouble
now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

static gint
compare_double (gconstpointer a, gconstpointer b)
{
  gdouble x = *(const gdouble *) a, y = *(const gdouble *) b;

  return x < y ? -1 : x > y;
}

/* The times of repeat runs after one warm-up, sorted. */
static gdouble *
time_runs (RunFunc run, gpointer data, const guint8 *src, guint8 *dst, gint repeat)
{
  gdouble *t = g_new (gdouble, repeat);

  run (data, src, dst);   /* warm-up */
  for (gint i = 0; i < repeat; i++) {
    gdouble t0 = now_ms ();

    run (data, src, dst);
    t[i] = now_ms () - t0;
  }
  qsort (t, repeat, sizeof (gdouble), compare_double);
  return t;
}

gdouble
time_median (RunFunc run, gpointer data, const guint8 *src, guint8 *dst, gint repeat)
{
  g_autofree gdouble *t = time_runs (run, data, src, dst, repeat);

  return t[repeat / 2];
}

gdouble
time_best (RunFunc run, gpointer data, const guint8 *src, guint8 *dst, gint repeat)
{
  g_autofree gdouble *t = time_runs (run, data, src, dst, repeat);

  return t[0];
}

/* Kept local rather than skc_image_psnr: on the frame copied to doubles
 * (peak 255) that gives the same value, but NaN when the border leaves no
 * pixel (small frames, large radius), where this bench prints "–" (+inf). */
gdouble
psnr_u8 (const guint8 *a, const guint8 *b, gint border)
{
  gdouble se = 0;
  gsize n = 0;

  for (gint y = border; y < opt_height - border; y++)
    for (gint x = border; x < opt_width - border; x++)
      for (gint c = 0; c < C; c++) {
        gsize i = ((gsize) y * opt_width + x) * C + c;
        gdouble d = (gdouble) a[i] - b[i];

        se += d * d;
        n++;
      }
  return se == 0 ? INFINITY : 10 * log10 (255.0 * 255.0 / (se / n));
}

guint8 *
make_frame (void)
{
  g_autofree gchar *path = skc_tool_data_file ("astronaut.png");
  g_autoptr (SkcImage) photo = skc_image_load (path, NULL);
  guint8 *px = g_malloc ((gsize) opt_width * opt_height * C);

  g_assert (photo != NULL);
  for (gint y = 0; y < opt_height; y++)
    for (gint x = 0; x < opt_width; x++) {
      /* Mirror-tile the photo so edges stay continuous. */
      gint px_ = x % (2 * photo->width), py = y % (2 * photo->height);

      px_ = px_ < photo->width ? px_ : 2 * photo->width - 1 - px_;
      py = py < photo->height ? py : 2 * photo->height - 1 - py;
      for (gint c = 0; c < C; c++)
        px[((gsize) y * opt_width + x) * C + c] =
            (guint8) round (skc_image_at (photo, px_, py)[MIN (c, 2)] * 255);
    }
  return px;
}


static gboolean json_first = TRUE;

/* A row's ratio to the table's first row, the dense reference; NAN when the
 * bench has none (bench_reference). */
static gdouble
speedup (GArray *rows, const Row *r)
{
  return bench_reference ? g_array_index (rows, Row, 0).ms / r->ms : NAN;
}

/* JSON has no NaN or infinity: +inf (identical) is 999, NaN (n/a) null. */
const gchar *
json_number (gchar *buf, gsize size, gdouble v)
{
  if (isnan (v))
    return "null";
  g_snprintf (buf, size, "%.3f", isinf (v) ? 999.0 : v);
  return buf;
}

static void
print_json_rows (const gchar *what, GArray *rows, gboolean first)
{
  gchar buf[2][32];

  if (first)
    printf ("{\"frame\": [%d, %d, %d], \"preset\": \"%s\", \"radius\": %g, \"rows\": [", opt_width,
        opt_height, C, opt_preset, opt_radius);
  for (guint i = 0; i < rows->len; i++) {
    Row *r = &g_array_index (rows, Row, i);

    printf ("%s{\"table\": \"%s\", \"name\": \"%s\", \"ms\": %.6f, \"speedup\": %s, \"psnr\": %s, "
        "\"taps\": %u}", json_first ? "" : ", ", what, r->name, r->ms,
        json_number (buf[0], sizeof (buf[0]), speedup (rows, r)), json_number (buf[1], sizeof (buf[1]), r->psnr),
        r->taps);
    json_first = FALSE;
  }
}

void
print_table (const gchar *what, GArray *rows, gboolean first)
{
  gchar buf[3][32];

  if (opt_json) {
    print_json_rows (what, rows, first);
    return;
  }
  if (first)
    printf ("%d×%d RGBA (4 channels filtered), %s, radius up to %g, %d runs (median)%s\n", opt_width, opt_height,
        opt_preset, opt_radius, opt_repeat, bench_reference ? "" : "; no dense reference (preset has no shape)");
  printf ("\n%s:\n\n| method | taps/pixel | ms/frame | × faster than dense | PSNR vs dense (dB) |\n"
      "|---|---:|---:|---:|---:|\n", what);
  for (guint i = 0; i < rows->len; i++) {
    Row *r = &g_array_index (rows, Row, i);
    gdouble x = speedup (rows, r);

    g_snprintf (buf[0], sizeof (buf[0]), r->taps ? "%u" : "–", r->taps);
    g_snprintf (buf[1], sizeof (buf[1]), isnan (x) ? "n/a" : "%.1f", x);
    g_snprintf (buf[2], sizeof (buf[2]), isnan (r->psnr) ? "n/a" : isinf (r->psnr) ? "–" : "%.2f", r->psnr);
    printf ("| %s | %s | %.1f | %s | %s |\n", r->name, buf[0], r->ms, buf[1], buf[2]);
  }
}
