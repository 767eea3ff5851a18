/* skc-dof-scenes --night (see skc-dof-night.h). */
#include "skc-dof-night.h"

#include <math.h>
#include <stdio.h>

/* As the element drives the engine (gst/gstsparseconv.c): its radius step,
 * the default focus-range, a depth map's one-pixel transition. */
#define NIGHT_STEP 0.25
#define NIGHT_FOCUS_RANGE 0.1
#define NIGHT_C 4   /* RGBA */

/* The brightness classes of skc_night_light. */
static const gdouble night_classes[] = { 0.8, 2, 4, 8 };

typedef enum { RUN_PLAIN, RUN_BLOOM, RUN_CLIP, N_RUNS } NightRun;
static const gchar *const run_names[N_RUNS] = { "plain", "bloom", "clip" };

/* The element's output for one run on one path. */
static SkcImage *
night_render (const SkcDofNight *o, const SkcFamily *disc, const gfloat *radius, const guint8 *rgba, gint w,
    gint h, gboolean occlusion, NightRun run, GError **error)
{
  g_autoptr (SkcFrameFilter) ff = skc_frame_filter_new ();
  g_autoptr (SkcPool) pool = skc_pool_new (0);
  g_autofree guint8 *dst = g_malloc ((gsize) w * h * NIGHT_C);
  guint8 *in_data[1] = { (guint8 *) rgba }, *out_data[1] = { dst };
  const gsize stride[1] = { (gsize) w * NIGHT_C };
  SkcFrame in, out;
  gboolean ok;

  if (run != RUN_PLAIN)
    skc_frame_filter_set_highlight (ff, o->threshold, o->gain);
  if (run == RUN_CLIP)
    skc_frame_filter_set_highlight_knee (ff, 1);
  /* RGBA: R, G and B carry light, alpha does not (gstsparseconvframe.c). */
  skc_frame_init (&in, SKC_LAYOUT_PACKED, w, h, NIGHT_C, 0x7, in_data, stride);
  skc_frame_init (&out, SKC_LAYOUT_PACKED, w, h, NIGHT_C, 0x7, out_data, stride);
  ok = occlusion ?
      skc_frame_filter_run_occlusion (ff, disc, o->radius, NIGHT_STEP, radius, w, 1.0f, &in, &out,
          SKC_PRECISION_32, TRUE, pool, error) :
      skc_frame_filter_run_varying (ff, disc, o->radius, NIGHT_STEP, radius, w, &in, &out, SKC_PRECISION_32,
          TRUE, pool, error);
  return ok ? skc_image_from_u8 (dst, w, h, NIGHT_C, 3) : NULL;
}

/* Mean linear brightness (R, G, B a third each) over the probes of the
 * lights of one brightness (0: all): out against the unclipped truth. */
static gdouble
night_ratio (const SkcNight *s, const SkcImage *out, gdouble brightness)
{
  gdouble got = 0, want = 0;

  for (gsize i = 0; i < (gsize) out->width * out->height; i++) {
    gint k = (gint) s->probe->data[i] - 1;
    SkcNightLight l;

    if (k < 0 || !skc_night_light (k, &l) ||
        (brightness > 0 && MAX (l.rgb[0], MAX (l.rgb[1], l.rgb[2])) != brightness))
      continue;
    for (gint c = 0; c < 3; c++) {
      got += skc_srgb_to_linear (out->data[i * 3 + c]);
      want += s->truth_linear->data[i * 3 + c];
    }
  }
  return got / want;
}

static gboolean
night_save (const SkcImage *img, const gchar *dir, const gchar *what, GError **error)
{
  g_autofree gchar *file = g_strdup_printf ("night-%s.png", what);
  g_autofree gchar *path = g_build_filename (dir, file, NULL);

  return skc_image_save_png (img, path, error);
}

gboolean
skc_dof_night_write (const SkcDofNight *o, GError **error)
{
  gint w = o->background->width, h = o->background->height;
  g_autoptr (SkcImage) a = skc_scene_mask (SKC_SCENE_THIN, w, h);
  g_autoptr (SkcNight) s = skc_night_new (o->background, o->foreground, a, o->radius);
  g_autoptr (SkcFamily) family = skc_preset_lookup ("disc", error);
  g_autoptr (SkcFamily) disc = NULL;
  g_autofree guint8 *rgba = NULL, *depth = NULL;
  g_autofree gfloat *radius = NULL;

  if (s == NULL || family == NULL) {
    if (s == NULL)
      g_set_error (error, SKC_ERROR, SKC_ERROR_INVALID, "the photos must be RGB and of one size");
    return FALSE;
  }
  if (!night_save (s->input, o->dir, "input", error) || !night_save (s->depth, o->dir, "depth", error) ||
      !night_save (s->truth, o->dir, "truth", error))
    return FALSE;
  /* ensure_shaped at angle 0, aspect 1, square pixels. */
  disc = skc_family_shaped (family, 0, 1, family->n_members > 1 && o->radius > family->values[family->n_members - 1] ?
      exp2 (ceil (log2 (o->radius))) : 0);
  rgba = skc_image_to_u8 (s->input, NIGHT_C);
  depth = skc_image_to_u8 (s->depth, 1);
  radius = g_new (gfloat, (gsize) w * h);
  g_print ("night: focus-depth %.9f, max-radius %g, highlight-threshold=%g highlight-gain=%g; mean brightness "
      "over the lights / truth, by brightness %g, %g, %g, %g× white and all; PSNR over the lights' neighbourhood and frame\n",
      skc_scene_focus_depth (SKC_SCENE_FOCUS_FRONT), o->radius, o->threshold, o->gain, night_classes[0],
      night_classes[1], night_classes[2], night_classes[3]);
  for (gint occ = 1; occ >= 0; occ--) {
    SkcFocus focus = { SKC_FOCUS_MODE_DEPTH, skc_scene_focus_depth (SKC_SCENE_FOCUS_FRONT), NIGHT_FOCUS_RANGE,
      o->radius, TRUE, occ };

    skc_focus_radius_map (&focus, depth, w, w, h, FALSE, radius, w, h, NULL);
    for (gint r = 0; r < N_RUNS; r++) {
      g_autoptr (SkcImage) out = night_render (o, disc, radius, rgba, w, h, occ, r, error);

      if (out == NULL || (occ && !night_save (out, o->dir, run_names[r], error)))
        return FALSE;
      g_print ("  %-9s %-5s %.3f %.3f %.3f %.3f  %.3f   lights %.2f dB, frame %.2f dB\n", occ ? "occlusion" : "gather",
          run_names[r], night_ratio (s, out, night_classes[0]), night_ratio (s, out, night_classes[1]),
          night_ratio (s, out, night_classes[2]), night_ratio (s, out, night_classes[3]), night_ratio (s, out, 0),
          skc_image_psnr_masked (s->truth, out, s->probe, 1), skc_image_psnr_masked (s->truth, out, NULL, 1));
    }
  }
  return TRUE;
}
