/* skc-fit-catseye — fit the cat's-eye lens family (docs/ARCHITECTURE.md §10):
 * members at clip values c_j, each the exact anti-aliased lens of two discs of
 * radius R whose centres are c_j·R apart (short axis along x), with
 * corresponding taps; and, per member and half-way clip, the kernel PSNR of
 * that family against the squeeze of the built-in disc family (an ellipse of
 * the lens's second moments, exact to build), both against the lens; then
 * the same over radii 1.5–48 px at clips 0.3–1.5.
 *
 *   skc-fit-catseye [--radius 48] [--clips 0,0.2,…,1.8] [--refine-steps 0] [--out FILE]
 *
 * The built-in disc's layout: 4 layers, 84 + 4 + 4 + 4 taps, best of 8 seeds
 * for the disc member.  The last line on stdout: "worst <dB> dB  squeeze
 * worst <dB> dB". */
#include "skc.h"
#include "skc-tool-text.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

static gdouble opt_radius = SKC_CATSEYE_LENS_RADIUS;
static gchar *opt_clips = "0,0.2,0.4,0.6,0.8,1,1.2,1.4,1.6,1.8", *opt_out;
static gint opt_refine_steps = 0;
static gboolean opt_disc_blends = FALSE;

static const GOptionEntry entries[] = {
  { "radius", 0, 0, G_OPTION_ARG_DOUBLE, &opt_radius, "Radius the members are fitted at (default 48)", "R" },
  { "clips", 0, 0, G_OPTION_ARG_STRING, &opt_clips, "Clip values, increasing, 0 … 1.8", "C1,C2,…" },
  { "refine-steps", 0, 0, G_OPTION_ARG_INT, &opt_refine_steps, "Joint refinement steps (default 0: it spoils the quarter-way blends)", "S" },
  { "disc-blends", 0, 0, G_OPTION_ARG_NONE, &opt_disc_blends, "Only print the built-in disc family's kernel PSNR from 8 to 24 px in 0.25 px steps (why the squeeze takes the nearest member)", NULL },
  { "out", 'o', 0, G_OPTION_ARG_FILENAME, &opt_out, "Output preset (.skc)", "FILE" },
  { NULL }
};

/* The lens on the frame kernel PSNR counts pixels over: (2⌈R⌉ + 3)². */
static SkcRaster *
lens_target (gdouble clip, gpointer data, GError **error)
{
  const gdouble *radius = data;
  g_autoptr (SkcRaster) psf = skc_oriented_psf_clipped (SKC_ORIENTED_DISC, *radius, 0, 1, clip);
  gint half = (gint) ceil (*radius) + 1;
  SkcRaster *t = skc_raster_new_centred (half, half);

  for (gint y = -half; y <= half; y++)
    for (gint x = -half; x <= half; x++)
      *skc_raster_at (t, x + t->cx, y + t->cy) = skc_raster_get (psf, x, y);
  return t;
}

/* The lens narrows along x as 1 − c/2 and along y as √(1 − c²/4). */
static void
lens_warm (SkcComplex *c, gdouble from, gdouble to, gpointer data)
{
  skc_complex_scale_xy (c, (1 - to / 2) / (1 - from / 2), sqrt ((1 - to * to / 4) / (1 - from * from / 4)));
}

static gdouble
kernel_psnr (const SkcComplex *c, gdouble clip, gdouble radius)
{
  g_autoptr (SkcRaster) k = skc_complex_impulse_response (c);
  g_autoptr (SkcRaster) t = lens_target (clip, &radius, NULL);

  return skc_raster_psnr (k, t);
}

int
main (int argc, char **argv)
{
  g_autoptr (GOptionContext) ctx = g_option_context_new ("— fit the cat's-eye lens family");
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) clip_items = NULL;
  g_autofree gdouble *clips = NULL;
  const guint taps[] = { 84, 4, 4, 4 };
  guint n = 0;
  g_autoptr (SkcFamily) disc = NULL, lens = NULL;
  SkcFitOptions opts;
  gdouble worst = G_MAXDOUBLE, worst_squeeze = G_MAXDOUBLE;

  skc_tool_text_init ();
  g_option_context_add_main_entries (ctx, entries, NULL);
  if (!g_option_context_parse (ctx, &argc, &argv, &error)) {
    g_printerr ("skc-fit-catseye: %s\n", error->message);
    return 2;
  }
  clip_items = g_strsplit (opt_clips, ",", -1);
  clips = g_new (gdouble, g_strv_length (clip_items));
  for (; clip_items[n] != NULL; n++) {
    clips[n] = g_ascii_strtod (clip_items[n], NULL);
    if (!(clips[n] >= 0 && clips[n] <= SKC_CATSEYE_MAX_CLIP) || (n > 0 && clips[n] <= clips[n - 1])) {
      g_printerr ("skc-fit-catseye: --clips: %s is not in [0, %g] above the one before\n", clip_items[n],
          SKC_CATSEYE_MAX_CLIP);
      return 2;
    }
  }
  if (n == 0 || !(opt_radius >= 2 && opt_radius <= 64)) {
    g_printerr ("skc-fit-catseye: needs clips and a radius in [2, 64]\n");
    return 2;
  }
  disc = skc_preset_lookup ("disc", &error);
  if (disc == NULL) {
    g_printerr ("skc-fit-catseye: %s\n", error->message);
    return 1;
  }
  if (opt_disc_blends) {
    for (gdouble r = 8; r <= 24; r += 0.25) {
      g_autoptr (SkcComplex) c = skc_varying_level_complex (disc, r);
      g_autoptr (SkcRaster) k = skc_complex_impulse_response (c);
      g_autoptr (SkcRaster) t = skc_oriented_psf (SKC_ORIENTED_DISC, r, 0, 1);

      printf ("disc family at %.2f px: %.2f dB\n", r, skc_raster_psnr (k, t));
    }
    return 0;
  }
  skc_fit_options_init (&opts);
  opts.restarts = 8;
  opts.family_refine_steps = (guint) MAX (opt_refine_steps, 0);
  lens = skc_fit_family_warm ("catseye", "clip", n, clips, 0, lens_target, lens_warm, &opt_radius, G_N_ELEMENTS (taps), taps,
      &opts, &error);
  if (lens == NULL) {
    g_printerr ("skc-fit-catseye: %s\n", error->message);
    return 1;
  }
  lens->shape = g_strdup_printf ("catseye:radius=%g", opt_radius);
  /* Members and a quarter, half and three quarters of the way between: the
   * family blended there (a frame's clips fall anywhere), and the squeeze. */
  for (guint j = 0; j < 4 * n - 3; j++) {
    gdouble t = (j % 4) / 4.0, c = j % 4 == 0 ? clips[j / 4] : (1 - t) * clips[j / 4] + t * clips[j / 4 + 1];
    g_autoptr (SkcComplex) a = skc_catseye_complex (NULL, lens, opt_radius, opt_radius, c, 0);
    g_autoptr (SkcComplex) b = skc_catseye_complex (disc, NULL, 0, opt_radius, c, 0);
    gdouble pa = kernel_psnr (a, c, opt_radius), pb = kernel_psnr (b, c, opt_radius);

    printf ("%s clip %.3f: family %.2f dB  squeeze %.2f dB\n", j % 4 ? "between" : "member ", c, pa, pb);
    worst = MIN (worst, pa);
    worst_squeeze = MIN (worst_squeeze, pb);
  }
  /* Over radii: the fitted lenses blended and scaled (not handed over to the
   * squeeze below SKC_CATSEYE_LENS_MIN_RADIUS, to show why it is), and the
   * squeeze, each against the lens at that radius. */
  printf ("\nkernel PSNR over radii, lens family / squeeze (dB):\n");
  for (guint ci = 0; ci < 5; ci++) {
    const gdouble radii[] = { 1.5, 2, 3, 4, 5, 6, 8, 12, 16, 24, 32, 48 }, c = 0.3 * (ci + 1);

    printf ("clip %.1f:", c);
    for (guint i = 0; i < G_N_ELEMENTS (radii); i++) {
      g_autoptr (SkcComplex) a = skc_complex_copy (lens->members[0]);
      g_autoptr (SkcComplex) b = skc_catseye_complex (disc, NULL, 0, radii[i], c, 0);

      skc_family_eval (lens, c, a);
      skc_complex_scale (a, radii[i] / opt_radius);
      printf ("  r %g %.1f/%.1f", radii[i], kernel_psnr (a, c, radii[i]), kernel_psnr (b, c, radii[i]));
    }
    printf ("\n");
  }
  if (opt_out != NULL && !skc_preset_save_file (lens, opt_out, &error)) {
    g_printerr ("skc-fit-catseye: %s\n", error->message);
    return 1;
  }
  printf ("worst %.2f dB  squeeze worst %.2f dB\n", worst, worst_squeeze);
  return 0;
}
