/* skc-fit-turned — the disc family refitted for turned and stretched use
 * (presets/turned/disc.skc; docs/ARCHITECTURE.md §10): the members up to
 * --up-to px of a family, refined jointly with their ¼, ½, ¾ blends so that
 * each, stretched by an aspect and turned by an angle, matches the disc
 * stretched and turned alike (skc_fit_family_refine_views).  Prints each
 * member's kernel PSNR before and after, in the views and unturned.
 *
 *   skc-fit-turned [--preset disc] [--up-to 16] [--steps 1500] [--out FILE]
 *
 * Views: aspect 2 every 15° over the half turn (where a stretched disc
 * repeats), aspect 1 every 15° over the quarter turn (the pixel grid's own
 * period), both weighted alike. */
#include "skc.h"
#include "skc-tool-text.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

static gchar *opt_preset = "disc", *opt_out;
static gdouble opt_up_to = 16;
static gint opt_steps = 1500;

static const GOptionEntry entries[] = {
  { "preset", 0, 0, G_OPTION_ARG_STRING, &opt_preset, "The family to refine (built-in name or .skc; default disc)", "NAME" },
  { "up-to", 0, 0, G_OPTION_ARG_DOUBLE, &opt_up_to, "Refine the members up to this radius (default 16)", "PX" },
  { "steps", 0, 0, G_OPTION_ARG_INT, &opt_steps, "Joint steps (default 1500)", "S" },
  { "out", 'o', 0, G_OPTION_ARG_FILENAME, &opt_out, "Output preset (.skc)", "FILE" },
  { NULL }
};

static SkcRaster *
view_target (gdouble p, const SkcFitView *v, gpointer data, GError **error)
{
  (void) data;
  (void) error;
  return skc_oriented_psf (SKC_ORIENTED_DISC, p, v->angle, v->aspect);
}

/* Mean kernel PSNR of member k over the views. */
static gdouble
views_psnr (const SkcComplex *m, gdouble p, const SkcFitView *views, guint n_views)
{
  gdouble sum = 0;

  for (guint v = 0; v < n_views; v++) {
    g_autoptr (SkcComplex) c = skc_complex_copy (m);
    g_autoptr (SkcRaster) t = skc_oriented_psf (SKC_ORIENTED_DISC, p, views[v].angle, views[v].aspect);
    g_autoptr (SkcRaster) k = NULL;

    skc_complex_scale_xy (c, views[v].aspect, 1);
    skc_complex_rotate (c, views[v].angle);
    k = skc_complex_impulse_response (c);
    sum += skc_raster_psnr (k, t);
  }
  return sum / n_views;
}

static void
progress (guint step, guint n_steps, gdouble loss, gpointer data)
{
  (void) data;
  if (step % 250 == 0 || step + 1 == n_steps)
    g_printerr ("step %u/%u  loss %.6g\n", step + 1, n_steps, loss);
}

int
main (int argc, char **argv)
{
  g_autoptr (GOptionContext) ctx = g_option_context_new ("— refit a family's small members for turned use");
  g_autoptr (GError) error = NULL;
  g_autoptr (SkcFamily) f = NULL, before = NULL;
  g_autoptr (GArray) views = g_array_new (FALSE, FALSE, sizeof (SkcFitView));
  const SkcFitView unturned = { 1, 0, 1 };
  SkcFitOptions opts;
  guint n_free = 0;

  skc_tool_text_init ();
  g_option_context_add_main_entries (ctx, entries, NULL);
  if (!g_option_context_parse (ctx, &argc, &argv, &error) || opt_steps < 0) {
    g_printerr ("skc-fit-turned: %s\n", error ? error->message : "bad --steps");
    return 2;
  }
  f = skc_preset_lookup (opt_preset, &error);
  if (f == NULL) {
    g_printerr ("skc-fit-turned: %s\n", error->message);
    return 1;
  }
  before = skc_family_shaped (f, 0, 1, 0);
  for (gint a = 0; a < 180; a += 15)
    g_array_append_val (views, ((SkcFitView) { 2, a, 1 }));
  for (gint a = 0; a < 90; a += 15)
    g_array_append_val (views, ((SkcFitView) { 1, a, 1 }));
  while (n_free < f->n_members && f->values[n_free] <= opt_up_to)
    n_free++;
  skc_fit_options_init (&opts);
  opts.family_refine_steps = (guint) opt_steps;
  opts.progress = progress;
  if (!skc_fit_family_refine_views (f, n_free, (SkcFitView *) views->data, views->len, view_target, NULL, &opts,
          &error)) {
    g_printerr ("skc-fit-turned: %s\n", error->message);
    return 1;
  }
  printf ("| radius | views, before | views, after | unturned, before | unturned, after |\n|---:|---:|---:|---:|---:|\n");
  for (guint k = 0; k < n_free + (n_free < f->n_members); k++)
    printf ("| %g | %.2f | %.2f | %.2f | %.2f |\n", f->values[k],
        views_psnr (before->members[k], f->values[k], (SkcFitView *) views->data, views->len),
        views_psnr (f->members[k], f->values[k], (SkcFitView *) views->data, views->len),
        views_psnr (before->members[k], f->values[k], &unturned, 1),
        views_psnr (f->members[k], f->values[k], &unturned, 1));
  if (opt_out) {
    gchar *name = g_strdup_printf ("turned/%s", f->name);

    g_free (f->name);
    f->name = name;
    if (!skc_preset_save_file (f, opt_out, &error)) {
      g_printerr ("skc-fit-turned: %s\n", error->message);
      return 1;
    }
  }
  return 0;
}
