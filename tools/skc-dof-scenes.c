/* skc-dof-scenes — layered depth-of-field scenes with exact truth, and their
 * figures (docs/ARCHITECTURE.md §7).
 *
 *   skc-dof-scenes --out DIR [--width W --height H --radius R]
 *       [--background FILE --foreground FILE]
 *       Writes DIR/NAME-{input,depth,truth,band}.png for the four scenes
 *       compact-front-focus, compact-back-focus, thin-front-focus,
 *       thin-back-focus, and prints for each the element's focus-depth and
 *       the gst-launch-1.0 line that renders it.
 *   skc-dof-scenes --night --out DIR [--width … --radius R]
 *       [--highlight-threshold T --highlight-gain G]
 *       The night scene (core/reference/skc-night): writes
 *       DIR/night-{input,depth,truth}.png and the element's outputs (run
 *       through the engine as the element runs it) without bloom, with it
 *       and with a hard clip for the shoulder, night-{plain,bloom,clip}.png;
 *       prints the lights' brightness against the truth and the pipelines.
 *   skc-dof-scenes --compare TRUTH.png OUT.png BAND.png
 *       Prints "band PSNR X dB, frame PSNR Y dB" (8-bit peak).
 *   skc-dof-scenes --strip OUT.png --crop X,Y,W,H [--zoom N] A.png B.png …
 *       The same crop of each image, magnified, side by side (the README's
 *       before/after pictures, tools/dof-pictures.sh).
 */
#include "skc.h"
#include "skc-dof-night.h"
#include "skc-dof-strip.h"
#include "skc-tool-text.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

static gchar *opt_out = NULL;
static gint opt_width = 960, opt_height = 640;
static gdouble opt_radius = 16;
static gchar *opt_background = NULL, *opt_foreground = NULL;
static gboolean opt_compare = FALSE;
static gchar *opt_strip = NULL, *opt_crop = NULL;
static gint opt_zoom = 2;
static gboolean opt_night = FALSE;
static gdouble opt_threshold = 0.9, opt_gain = 19;

static const GOptionEntry entries[] = {
  { "out", 0, 0, G_OPTION_ARG_FILENAME, &opt_out, "Write the four scenes into DIR", "DIR" },
  { "width", 0, 0, G_OPTION_ARG_INT, &opt_width, "Frame width (default 960)", "W" },
  { "height", 0, 0, G_OPTION_ARG_INT, &opt_height, "Frame height (default 640)", "H" },
  { "radius", 0, 0, G_OPTION_ARG_DOUBLE, &opt_radius, "Disc radius of the layer out of focus, px (default 16)", "R" },
  { "background", 0, 0, G_OPTION_ARG_FILENAME, &opt_background, "Background photo (default tests/data/coffee.png)", "FILE" },
  { "foreground", 0, 0, G_OPTION_ARG_FILENAME, &opt_foreground, "Foreground photo (default tests/data/astronaut.png)", "FILE" },
  { "compare", 0, 0, G_OPTION_ARG_NONE, &opt_compare, "Compare TRUTH.png OUT.png BAND.png: band and frame PSNR", NULL },
  { "strip", 0, 0, G_OPTION_ARG_FILENAME, &opt_strip, "Write the --crop of each image given, side by side, to FILE", "FILE" },
  { "crop", 0, 0, G_OPTION_ARG_STRING, &opt_crop, "The crop of --strip, in pixels", "X,Y,W,H" },
  { "zoom", 0, 0, G_OPTION_ARG_INT, &opt_zoom, "Magnification of --strip, 1-16 (default 2)", "N" },
  { "night", 0, 0, G_OPTION_ARG_NONE, &opt_night, "Write the night scene and its renders with and without bloom into --out", NULL },
  { "highlight-threshold", 0, 0, G_OPTION_ARG_DOUBLE, &opt_threshold, "--night: the bloom's threshold (default 0.9)", "T" },
  { "highlight-gain", 0, 0, G_OPTION_ARG_DOUBLE, &opt_gain, "--night: the bloom's gain (default 19)", "G" },
  { NULL }
};

typedef struct {
  const gchar *name;
  SkcSceneShape shape;
  SkcSceneFocus focus;
} SceneDef;

static const SceneDef scenes[] = {
  { "compact-front-focus", SKC_SCENE_COMPACT, SKC_SCENE_FOCUS_FRONT },
  { "compact-back-focus", SKC_SCENE_COMPACT, SKC_SCENE_FOCUS_BACK },
  { "thin-front-focus", SKC_SCENE_THIN, SKC_SCENE_FOCUS_FRONT },
  { "thin-back-focus", SKC_SCENE_THIN, SKC_SCENE_FOCUS_BACK },
};

static SkcImage *
load_photo (const gchar *path, const gchar *fallback, GError **error)
{
  g_autofree gchar *def = g_build_filename (SKC_SOURCE_DIR, "tests", "data", fallback, NULL);
  g_autoptr (SkcImage) img = skc_image_load (path ? path : def, error);

  if (img == NULL)
    return NULL;
  if (img->channels != 3) {
    g_set_error (error, SKC_ERROR, SKC_ERROR_INVALID, "%s: an RGB photo is needed", path ? path : def);
    return NULL;
  }
  return skc_scene_fit_photo (img, opt_width, opt_height);
}

static gboolean
save (const SkcImage *img, const gchar *dir, const gchar *name, const gchar *what, GError **error)
{
  g_autofree gchar *file = g_strdup_printf ("%s-%s.png", name, what);
  g_autofree gchar *path = g_build_filename (dir, file, NULL);

  return skc_image_save_png (img, path, error);
}

/* The pipelines that render a scene with the element, by default
 * (occlusion-aware, linear light) and by gather: the default focus-range and
 * max-radius = R give the layer out of focus radius R (SKC_SCENE_NEAR_CODE,
 * SKC_SCENE_FAR_CODE), the one in focus 0. */
static void
print_pipeline (const gchar *dir, const gchar *name, gdouble focus_depth, const gchar *props, const gchar *what)
{
  g_print ("  gst-launch-1.0 filesrc location=%s/%s-input.png ! pngdec ! videoconvert ! "
      "video/x-raw,format=RGBA ! sparseconv name=s preset=disc%s depth-mode=depth "
      "focus-depth=%.9f max-radius=%g ! videoconvert ! pngenc ! filesink location=%s/%s-%s.png "
      "filesrc location=%s/%s-depth.png ! pngdec ! videoconvert ! video/x-raw,format=GRAY8 ! s.depth\n",
      dir, name, props, focus_depth, opt_radius, dir, name, what, dir, name);
}

static int
write_scenes (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SkcImage) bg = load_photo (opt_background, "coffee.png", &error);
  g_autoptr (SkcImage) fg = bg ? load_photo (opt_foreground, "astronaut.png", &error) : NULL;

  if (fg == NULL) {
    g_printerr ("skc-dof-scenes: %s\n", error->message);
    return 1;
  }
  if (g_mkdir_with_parents (opt_out, 0755) != 0) {
    g_printerr ("skc-dof-scenes: cannot create %s\n", opt_out);
    return 1;
  }
  for (guint i = 0; i < G_N_ELEMENTS (scenes); i++) {
    const SceneDef *d = &scenes[i];
    g_autoptr (SkcImage) a = skc_scene_mask (d->shape, opt_width, opt_height);
    g_autoptr (SkcScene) s = skc_scene_new (bg, fg, a, d->focus, opt_radius);
    gdouble fd = skc_scene_focus_depth (d->focus);

    if (!save (s->input, opt_out, d->name, "input", &error) ||
        !save (s->depth, opt_out, d->name, "depth", &error) ||
        !save (s->truth, opt_out, d->name, "truth", &error) ||
        !save (s->band, opt_out, d->name, "band", &error)) {
      g_printerr ("skc-dof-scenes: %s\n", error->message);
      return 1;
    }
    g_print ("%s: focus-depth %.9f (depth %d in focus), max-radius %g, input band PSNR %.2f dB\n",
        d->name, fd, d->focus == SKC_SCENE_FOCUS_FRONT ? SKC_SCENE_NEAR_CODE : SKC_SCENE_FAR_CODE,
        opt_radius, skc_image_psnr_masked (s->truth, s->input, s->band, 1));
    print_pipeline (opt_out, d->name, fd, "", "occlusion");
    print_pipeline (opt_out, d->name, fd, " occlusion=false", "gather");
  }
  return 0;
}

static int
write_night (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SkcImage) bg = load_photo (opt_background, "coffee.png", &error);
  g_autoptr (SkcImage) fg = bg ? load_photo (opt_foreground, "astronaut.png", &error) : NULL;
  g_autofree gchar *props = g_strdup_printf (" highlight-threshold=%g highlight-gain=%g", opt_threshold, opt_gain);
  SkcDofNight night = { opt_out, bg, fg, opt_radius, opt_threshold, opt_gain };
  gdouble fd = skc_scene_focus_depth (SKC_SCENE_FOCUS_FRONT);

  if (fg == NULL || g_mkdir_with_parents (opt_out, 0755) != 0 || !skc_dof_night_write (&night, &error)) {
    g_printerr ("skc-dof-scenes: %s\n", error ? error->message : "cannot create the --out folder");
    return 1;
  }
  g_print ("the same through the element (byte for byte night-plain.png and night-bloom.png):\n");
  print_pipeline (opt_out, "night", fd, "", "plain-element");
  print_pipeline (opt_out, "night", fd, props, "bloom-element");
  return 0;
}

static int
compare (const gchar *truth_path, const gchar *out_path, const gchar *band_path)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SkcImage) truth = skc_image_load (truth_path, &error);
  g_autoptr (SkcImage) out = truth ? skc_image_load (out_path, &error) : NULL;
  g_autoptr (SkcImage) band = out ? skc_image_load (band_path, &error) : NULL;
  g_autoptr (SkcImage) band1 = NULL;
  gdouble pb, pf;

  if (band == NULL) {
    g_printerr ("skc-dof-scenes: %s\n", error->message);
    return 1;
  }
  band1 = skc_image_to_gray (band);
  pb = skc_image_psnr_masked (truth, out, band1, 1);
  pf = skc_image_psnr_masked (truth, out, NULL, 1);
  if (isnan (pb) || isnan (pf)) {
    g_printerr ("skc-dof-scenes: %s, %s and %s do not match in size or channels, or the band is empty\n",
        truth_path, out_path, band_path);
    return 1;
  }
  g_print ("band PSNR %.2f dB, frame PSNR %.2f dB\n", pb, pf);
  return 0;
}

static int
strip (gchar **paths, gint n)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) images = g_ptr_array_new_with_free_func ((GDestroyNotify) skc_image_free);
  gint x, y, w, h;
  gchar end;

  if (opt_crop == NULL || sscanf (opt_crop, "%d,%d,%d,%d%c", &x, &y, &w, &h, &end) != 4 || w < 1 || h < 1 ||
      w > 4096 || h > 4096) {
    g_printerr ("skc-dof-scenes: --strip needs --crop X,Y,W,H (W and H 1-4096)\n");
    return 2;
  }
  for (gint i = 0; i < n; i++) {
    SkcImage *img = skc_image_load (paths[i], &error);

    if (img == NULL) {
      g_printerr ("skc-dof-scenes: %s\n", error->message);
      return 1;
    }
    g_ptr_array_add (images, img);
  }
  if (!skc_dof_strip_write (opt_strip, (SkcImage **) images->pdata, images->len, x, y, w, h, opt_zoom, &error)) {
    g_printerr ("skc-dof-scenes: %s\n", error->message);
    return 1;
  }
  return 0;
}

int
main (int argc, char **argv)
{
  g_autoptr (GOptionContext) ctx = g_option_context_new ("- layered depth-of-field scenes with exact truth");
  g_autoptr (GError) error = NULL;

  skc_tool_text_init ();
  g_option_context_add_main_entries (ctx, entries, NULL);
  if (!g_option_context_parse (ctx, &argc, &argv, &error)) {
    g_printerr ("skc-dof-scenes: %s\n", error->message);
    return 2;
  }
  if (opt_compare) {
    if (argc != 4) {
      g_printerr ("skc-dof-scenes: --compare takes TRUTH.png OUT.png BAND.png\n");
      return 2;
    }
    return compare (argv[1], argv[2], argv[3]);
  }
  if (opt_strip) {
    if (argc < 2) {
      g_printerr ("skc-dof-scenes: --strip takes the images to show\n");
      return 2;
    }
    return strip (argv + 1, argc - 1);
  }
  if (opt_night && opt_out && argc == 1 && opt_width > 0 && opt_height > 0 && opt_radius > 0 &&
      opt_threshold >= 0 && opt_threshold <= 1 && opt_gain >= 1 && opt_gain <= 64)
    return write_night ();
  if (opt_night) {
    g_printerr ("skc-dof-scenes: --night needs --out DIR, --radius > 0, --highlight-threshold 0-1, --highlight-gain 1-64\n");
    return 2;
  }
  if (opt_out == NULL || argc != 1 || opt_width <= 0 || opt_height <= 0 || !(opt_radius >= 0)) {
    g_printerr ("skc-dof-scenes: give --out DIR (positive --width/--height, --radius >= 0) or --compare; see --help\n");
    return 2;
  }
  return write_scenes ();
}
