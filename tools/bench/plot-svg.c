/* skc-bench --plot: speed (ms/frame, log axis) against fidelity (PSNR, dB)
 * of every row printed, one panel a table, as a self-contained SVG written
 * element by element (no plotting library: the bench needs one picture). */
#include "bench.h"

#include <math.h>
#include <stdio.h>

typedef struct {
  gchar *name;
  gdouble ms, ms_threads, psnr;
} Point;

typedef struct {
  gchar *title, *y_label;
  GArray *points;
} Panel;

static GPtrArray *panels;

/* Panel geometry, px: the plot area, then the legend to its right. */
#define PANEL_W 1100
#define PANEL_H 460
#define AREA_X 80
#define AREA_Y 50
#define AREA_W 470
#define AREA_H 340
#define LEGEND_X 600
#define LINE_H 17
#define SPECIAL_H 40   /* the "exact" line above and the "n/a" line below */

static const gchar *const palette[] = {
  "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf",
};

static void
point_clear (gpointer p)
{
  g_free (((Point *) p)->name);
}

static void
panel_free (gpointer p)
{
  Panel *panel = p;

  g_free (panel->title);
  g_free (panel->y_label);
  g_array_unref (panel->points);
  g_free (panel);
}

void
plot_add (const gchar *table, const gchar *y_label, const gchar *name, gdouble ms, gdouble ms_threads,
    gdouble psnr)
{
  Panel *panel = NULL;
  Point pt = { g_strdup (name), ms, ms_threads, psnr };

  if (panels == NULL)
    panels = g_ptr_array_new_with_free_func (panel_free);
  for (guint i = 0; i < panels->len && panel == NULL; i++)
    if (g_str_equal (((Panel *) panels->pdata[i])->title, table))
      panel = panels->pdata[i];
  if (panel == NULL) {
    panel = g_new0 (Panel, 1);
    panel->title = g_strdup (table);
    panel->y_label = g_strdup (y_label);
    panel->points = g_array_new (FALSE, FALSE, sizeof (Point));
    g_array_set_clear_func (panel->points, point_clear);
    g_ptr_array_add (panels, panel);
  }
  g_array_append_val (panel->points, pt);
}

void
plot_add_rows (const gchar *table, GArray *rows)
{
  for (guint i = 0; i < rows->len; i++) {
    const Row *r = &g_array_index (rows, Row, i);

    plot_add (table, "PSNR vs the dense reference (dB)", r->name, r->ms, NAN, r->psnr);
  }
}

/* The axes' ranges: whole decades of ms, PSNR in steps of 5 dB. */
typedef struct {
  gdouble lx0, lx1;          /* log10 ms */
  gdouble y0, y1;            /* dB */
  gboolean exact, none;      /* rows with +inf or NAN PSNR */
  gboolean threads;          /* rows with an all-threads time */
} Scale;

static Scale
panel_scale (const Panel *panel)
{
  Scale s = { INFINITY, -INFINITY, INFINITY, -INFINITY, FALSE, FALSE, FALSE };

  for (guint i = 0; i < panel->points->len; i++) {
    const Point *p = &g_array_index (panel->points, Point, i);

    for (gint t = 0; t < 2; t++) {
      gdouble ms = t ? p->ms_threads : p->ms;

      if (isfinite (ms) && ms > 0) {
        s.lx0 = MIN (s.lx0, floor (log10 (ms)));
        s.lx1 = MAX (s.lx1, ceil (log10 (ms)));
      }
    }
    if (isfinite (p->psnr)) {
      s.y0 = MIN (s.y0, 5 * floor (p->psnr / 5));
      s.y1 = MAX (s.y1, 5 * ceil (p->psnr / 5));
    }
    s.exact |= isinf (p->psnr) && p->psnr > 0;
    s.none |= isnan (p->psnr);
    s.threads |= isfinite (p->ms_threads);
  }
  if (!isfinite (s.lx0))
    s.lx0 = 0, s.lx1 = 1;
  if (s.lx1 <= s.lx0)
    s.lx1 = s.lx0 + 1;
  if (!isfinite (s.y0))
    s.y0 = 0, s.y1 = 5;
  if (s.y1 <= s.y0)
    s.y1 = s.y0 + 5;
  return s;
}

static gdouble
x_of (const Scale *s, gdouble ms)
{
  return AREA_X + (log10 (ms) - s->lx0) / (s->lx1 - s->lx0) * AREA_W;
}

/* Finite PSNR between the special lines; +inf on the top one, NAN below. */
static gdouble
y_of (const Scale *s, gdouble psnr)
{
  gdouble top = AREA_Y + (s->exact ? SPECIAL_H : 0), bottom = AREA_Y + AREA_H - (s->none ? SPECIAL_H : 0);

  if (isnan (psnr))
    return AREA_Y + AREA_H - SPECIAL_H / 2.0;
  if (isinf (psnr))
    return AREA_Y + SPECIAL_H / 2.0;
  return bottom - (psnr - s->y0) / (s->y1 - s->y0) * (bottom - top);
}

static void
draw_axes (GString *svg, const Panel *panel, const Scale *s)
{
  g_autofree gchar *title = g_markup_escape_text (panel->title, -1);
  g_autofree gchar *y_label = g_markup_escape_text (panel->y_label, -1);

  g_string_append_printf (svg, "<text x=\"%d\" y=\"24\" font-size=\"16\" font-weight=\"bold\">%s</text>\n",
      AREA_X, title);
  g_string_append_printf (svg, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" "
      "stroke=\"#333\"/>\n", AREA_X, AREA_Y, AREA_W, AREA_H);
  /* x: 1, 2, 5 in every decade. */
  for (gint d = (gint) s->lx0; d <= (gint) s->lx1; d++)
    for (gint m = 1; m <= 5; m += m == 1 ? 1 : 3) {
      gdouble v = m * pow (10, d), x;

      if (log10 (v) > s->lx1 + 1e-9)
        break;
      x = x_of (s, v);
      g_string_append_printf (svg, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"%s\"/>\n"
          "<text x=\"%.1f\" y=\"%d\" font-size=\"12\" text-anchor=\"middle\">%g</text>\n", x, AREA_Y, x,
          AREA_Y + AREA_H, m == 1 ? "#bbb" : "#e4e4e4", x, AREA_Y + AREA_H + 16, v);
    }
  /* y: every 5 dB, and the special lines by name. */
  for (gdouble v = s->y0; v <= s->y1 + 1e-9; v += 5) {
    gdouble y = y_of (s, v);

    g_string_append_printf (svg, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#e4e4e4\"/>\n"
        "<text x=\"%d\" y=\"%.1f\" font-size=\"12\" text-anchor=\"end\">%g</text>\n", AREA_X, y, AREA_X + AREA_W,
        y, AREA_X - 6, y + 4, v);
  }
  /* The special lines apart from the dB scale, a dashed rule between. */
  for (gint k = 0; k < 2; k++)
    if (k ? s->none : s->exact) {
      gdouble y = y_of (s, k ? NAN : INFINITY), rule = y + (k ? -1 : 1) * SPECIAL_H / 2.0;

      g_string_append_printf (svg, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#999\" "
          "stroke-dasharray=\"6 4\"/>\n<text x=\"%d\" y=\"%.1f\" font-size=\"12\" text-anchor=\"end\">%s"
          "</text>\n", AREA_X, rule, AREA_X + AREA_W, rule, AREA_X - 6, y + 4, k ? "n/a" : "exact");
    }
  g_string_append_printf (svg, "<text x=\"%d\" y=\"%d\" font-size=\"13\" text-anchor=\"middle\">ms per frame "
      "(log scale%s)</text>\n", AREA_X + AREA_W / 2, AREA_Y + AREA_H + 36,
      s->threads ? "; filled: one thread, hollow: all threads" : "");
  g_string_append_printf (svg, "<text transform=\"translate(22 %d) rotate(-90)\" font-size=\"13\" "
      "text-anchor=\"middle\">%s</text>\n", AREA_Y + AREA_H / 2, y_label);
}

/* A numbered marker per row (the number keys the legend); a row timed on
 * all threads too gets a hollow marker joined to it. */
static void
draw_points (GString *svg, const Panel *panel, const Scale *s)
{
  for (guint i = 0; i < panel->points->len; i++) {
    const Point *p = &g_array_index (panel->points, Point, i);
    const gchar *colour = palette[i % G_N_ELEMENTS (palette)];
    g_autofree gchar *name = g_markup_escape_text (p->name, -1);
    gdouble y = y_of (s, p->psnr), ly = AREA_Y + 12 + i * (gdouble) LINE_H;

    if (isfinite (p->ms_threads) && p->ms_threads > 0) {
      gdouble xt = x_of (s, p->ms_threads);

      g_string_append_printf (svg, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" "
          "stroke-dasharray=\"3 2\"/>\n<circle class=\"marker-threads\" cx=\"%.1f\" cy=\"%.1f\" r=\"5\" "
          "fill=\"white\" stroke=\"%s\" stroke-width=\"2\"/>\n", x_of (s, p->ms), y, xt, y, colour, xt, y,
          colour);
    }
    if (isfinite (p->ms) && p->ms > 0) {
      gdouble x = x_of (s, p->ms);

      g_string_append_printf (svg, "<circle class=\"marker\" cx=\"%.1f\" cy=\"%.1f\" r=\"6\" fill=\"%s\">"
          "<title>%s</title></circle>\n<text x=\"%.1f\" y=\"%.1f\" font-size=\"11\">%u</text>\n", x, y, colour,
          name, x + 7, y - 6, i + 1);
    }
    g_string_append_printf (svg, "<circle cx=\"%d\" cy=\"%.1f\" r=\"5\" fill=\"%s\"/>\n<text x=\"%d\" "
        "y=\"%.1f\" font-size=\"12\">%u  %s</text>\n", LEGEND_X, ly - 4, colour, LEGEND_X + 10, ly, i + 1, name);
  }
}

gboolean
plot_write (const gchar *path, GError **error)
{
  g_autoptr (GString) svg = g_string_new (NULL);
  guint n = panels ? panels->len : 0;

  g_string_append_printf (svg, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%u\" "
      "viewBox=\"0 0 %d %u\" font-family=\"sans-serif\">\n<rect width=\"100%%\" height=\"100%%\" "
      "fill=\"white\"/>\n", PANEL_W, n * PANEL_H, PANEL_W, n * PANEL_H);
  for (guint i = 0; i < n; i++) {
    const Panel *panel = panels->pdata[i];
    Scale s = panel_scale (panel);

    g_string_append_printf (svg, "<g transform=\"translate(0 %u)\">\n", i * PANEL_H);
    draw_axes (svg, panel, &s);
    draw_points (svg, panel, &s);
    g_string_append (svg, "</g>\n");
  }
  g_string_append (svg, "</svg>\n");
  return g_file_set_contents (path, svg->str, (gssize) svg->len, error);
}
