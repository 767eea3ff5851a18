/* skc-bench --layered: depth of field on the four layered scenes of
 * core/reference/skc-scene (compact or thin outlines, focus in front or
 * behind), each with its exact truth (docs/ARCHITECTURE.md §7).
 *
 * Rows: gather (the element with occlusion=false), occlusion-aware (the
 * element's default), the dense layered reference that makes the truth, and
 * SLICES_N FFT layers blended with coverage (method-slices.c).  Fidelity: band
 * and frame PSNR against the truth on scenes of --scene-width ×
 * --scene-height, disc radius 16 px per 640 px of height (16 at 960×640, as
 * in §7).  Cost: the same scenes made at --width × --height, radius scaled
 * alike, the mean over the scenes of each one's best of N runs. */
#include "bench.h"
#include "skc-tool-data.h"

#include <math.h>
#include <stdio.h>

gint opt_scene_width = 960, opt_scene_height = 640;

/* As the element drives the engine (gst/gstsparseconv.c): its radius step,
 * default focus-range, and depth maps' one-pixel transition. */
#define ELEMENT_STEP 0.25
#define ELEMENT_FOCUS_RANGE 0.1
#define N_SCENES 4

enum { GATHER, OCCLUSION, REFERENCE, SLICES, N_METHODS };

static const gchar *const method_names[N_METHODS] = {
  "gather (occlusion=false)", "occlusion-aware (default)", "dense layered reference (exact)",
  "8 FFT layers blended with coverage",
};

static const struct { const gchar *name; SkcSceneShape shape; SkcSceneFocus focus; } scenes[N_SCENES] = {
  { "compact-front", SKC_SCENE_COMPACT, SKC_SCENE_FOCUS_FRONT },
  { "compact-back", SKC_SCENE_COMPACT, SKC_SCENE_FOCUS_BACK },
  { "thin-front", SKC_SCENE_THIN, SKC_SCENE_FOCUS_FRONT },
  { "thin-back", SKC_SCENE_THIN, SKC_SCENE_FOCUS_BACK },
};

typedef struct {
  gdouble band[N_SCENES], frame[N_SCENES];
  gdouble ms[2];            /* 1 thread, all threads (NAN: not timed) */
} LayeredRow;

static gdouble
scene_radius (gint height)
{
  return 16.0 * height / 640;
}

/* --- the element's per-frame call, on RGBA --- */
typedef struct {
  SkcFrameFilter *ff;
  SkcFamily *shaped;
  gfloat *radius;
  gdouble max_radius;
  gboolean occlusion;
  gint w, h;
  SkcPool *pool;
} Element;

static void
element_init (Element *e, const SkcFamily *disc, const guint8 *depth, gint w, gint h, gdouble max_radius,
    SkcSceneFocus focus, gboolean occlusion, guint threads)
{
  gdouble last = disc->values[disc->n_members - 1];
  SkcFocus f = { SKC_FOCUS_MODE_DEPTH, skc_scene_focus_depth (focus), ELEMENT_FOCUS_RANGE, max_radius, TRUE,
    occlusion };

  /* ensure_shaped: angle 0, aspect 1, square pixels, the family extended
   * to a power of two only past its last member. */
  e->shaped = skc_family_shaped (disc, 0, 1,
      disc->n_members > 1 && max_radius > last ? exp2 (ceil (log2 (max_radius))) : 0);
  e->ff = skc_frame_filter_new ();
  e->radius = g_new (gfloat, (gsize) w * h);
  /* The element makes the map when a depth frame arrives, not per frame. */
  skc_focus_radius_map (&f, depth, w, w, h, FALSE, e->radius, w, h, NULL);
  e->max_radius = max_radius;
  e->occlusion = occlusion;
  e->w = w;
  e->h = h;
  e->pool = skc_pool_new (threads);
}

static void
element_clear (Element *e)
{
  skc_frame_filter_free (e->ff);
  skc_family_free (e->shaped);
  g_free (e->radius);
  skc_pool_free (e->pool);
}

static void
run_element (gpointer data, const guint8 *src, guint8 *dst)
{
  Element *e = data;
  guint8 *in_data[1] = { (guint8 *) src }, *out_data[1] = { dst };
  const gsize stride[1] = { (gsize) e->w * C };
  SkcFrame in, out;
  g_autoptr (GError) error = NULL;
  gboolean ok;

  /* RGBA: R, G and B carry light, alpha does not (gstsparseconvframe.c). */
  skc_frame_init (&in, SKC_LAYOUT_PACKED, e->w, e->h, C, 0x7, in_data, stride);
  skc_frame_init (&out, SKC_LAYOUT_PACKED, e->w, e->h, C, 0x7, out_data, stride);
  ok = e->occlusion ?
      skc_frame_filter_run_occlusion (e->ff, e->shaped, e->max_radius, ELEMENT_STEP, e->radius, e->w, 1.0f, &in,
          &out, SKC_PRECISION_32, TRUE, e->pool, &error) :
      skc_frame_filter_run_varying (e->ff, e->shaped, e->max_radius, ELEMENT_STEP, e->radius, e->w, &in, &out,
          SKC_PRECISION_32, TRUE, e->pool, &error);
  if (!ok)
    g_error ("skc-bench: the engine failed: %s", error->message);
}

/* --- scenes as frames --- */
typedef struct {
  SkcScene *scene;
  SkcImage *back, *front;   /* linear light, for the reference */
  guint8 *rgba, *depth;     /* the input as the element receives it */
} Frame;

/* A scene at w × h; radius 0 skips the truth (the cost runs need none). */
static void
frame_init (Frame *f, gint k, gint w, gint h, gdouble radius)
{
  g_autofree gchar *bp = skc_tool_data_file ("coffee.png"), *fp = skc_tool_data_file ("astronaut.png");
  g_autoptr (SkcImage) bi = skc_image_load (bp, NULL), fi = skc_image_load (fp, NULL);
  g_autoptr (SkcImage) b = NULL, fg = NULL, a = skc_scene_mask (scenes[k].shape, w, h);

  if (bi == NULL || fi == NULL)
    g_error ("skc-bench: cannot load %s or %s", bp, fp);
  b = skc_scene_fit_photo (bi, w, h);
  fg = skc_scene_fit_photo (fi, w, h);
  f->scene = skc_scene_new (b, fg, a, scenes[k].focus, radius);
  f->back = skc_image_srgb_decode (b);
  f->front = skc_image_srgb_decode (fg);
  f->rgba = skc_image_to_u8 (f->scene->input, C);
  f->depth = skc_image_to_u8 (f->scene->depth, 1);
}

static void
frame_clear (Frame *f)
{
  skc_scene_free (f->scene);
  skc_image_free (f->back);
  skc_image_free (f->front);
  g_free (f->rgba);
  g_free (f->depth);
}

/* The exact renderer on the scene's own layers: its cost. */
static gdouble
time_reference (const Frame *f, gint k, gdouble radius)
{
  gboolean front = scenes[k].focus == SKC_SCENE_FOCUS_FRONT;
  SkcSceneLayer layers[2] = { { f->back, NULL, front ? radius : 0 }, { f->front, f->scene->coverage,
    front ? 0 : radius } };
  gint64 t0 = g_get_monotonic_time ();
  g_autoptr (SkcImage) r = skc_layered_render (layers, 2, NULL);

  return (g_get_monotonic_time () - t0) / 1000.0;
}

/* Runs method m on frame f once (fidelity, dst filled) or timed (ms). */
static gdouble
run_method (gint m, const SkcFamily *disc, const Frame *f, gint k, gdouble radius, guint threads, gboolean timed,
    guint8 *dst)
{
  gint w = f->scene->input->width, h = f->scene->input->height;
  gdouble ms = NAN;

  if (m == GATHER || m == OCCLUSION) {
    Element e;

    element_init (&e, disc, f->depth, w, h, radius, scenes[k].focus, m == OCCLUSION, threads);
    if (timed)
      ms = time_best (run_element, &e, f->rgba, dst, opt_repeat);
    else
      run_element (&e, f->rgba, dst);
    element_clear (&e);
  } else if (m == SLICES) {
    SkcFocus focus = { SKC_FOCUS_MODE_DEPTH, skc_scene_focus_depth (scenes[k].focus), ELEMENT_FOCUS_RANGE, radius,
      TRUE, FALSE };
    Slices *s = slices_new (f->depth, w, h, &focus, threads);

    if (s == NULL)
      return NAN;
    /* About a second a frame at 1080p: fewer runs, as the other slow rows. */
    if (timed)
      ms = time_best (run_slices, s, f->rgba, dst, MAX (1, opt_repeat / 3));
    else
      run_slices (s, f->rgba, dst);
    slices_free (s);
  }
  return ms;
}

/* Band and frame PSNR of every method on every scene. */
static void
measure_fidelity (const SkcFamily *disc, LayeredRow *rows)
{
  gint w = opt_scene_width, h = opt_scene_height;
  g_autofree guint8 *out = g_malloc ((gsize) w * h * C);

  for (gint k = 0; k < N_SCENES; k++) {
    Frame f;

    frame_init (&f, k, w, h, scene_radius (h));
    for (gint m = 0; m < N_METHODS; m++) {
      g_autoptr (SkcImage) got = NULL;

      if (m == REFERENCE) {
        rows[m].band[k] = rows[m].frame[k] = INFINITY;   /* the truth is its output */
        continue;
      }
#ifndef HAVE_FFTW
      if (m == SLICES)
        continue;   /* no row without FFTW: n/a */
#endif
      run_method (m, disc, &f, k, scene_radius (h), 1, FALSE, out);
      got = skc_image_from_u8 (out, w, h, C, 3);
      rows[m].band[k] = skc_image_psnr_masked (f.scene->truth, got, f.scene->band, 1);
      rows[m].frame[k] = skc_image_psnr_masked (f.scene->truth, got, NULL, 1);
    }
    frame_clear (&f);
  }
}

/* The mean over the scenes of each method's time, one thread and all. */
static void
measure_cost (const SkcFamily *disc, LayeredRow *rows, guint threads)
{
  gdouble radius = scene_radius (opt_height);
  g_autofree guint8 *out = g_malloc ((gsize) opt_width * opt_height * C);

  for (gint k = 0; k < N_SCENES; k++) {
    Frame f;

    frame_init (&f, k, opt_width, opt_height, 0);
    for (gint m = 0; m < N_METHODS; m++)
      for (gint t = 0; t < 2; t++) {
        gdouble ms;

        /* Single-threaded code, one run: its work is the same on every
         * scene (one layer blurred, colour and coverage). */
        if (m == REFERENCE) {
          if (k == 0 && t == 0)
            rows[m].ms[0] = time_reference (&f, k, radius);
          continue;
        }
        ms = run_method (m, disc, &f, k, radius, t ? threads : 1, TRUE, out);
        rows[m].ms[t] += ms / N_SCENES;
      }
    frame_clear (&f);
  }
}

static gdouble
mean_of (const gdouble *v)
{
  gdouble s = 0;

  for (gint k = 0; k < N_SCENES; k++)
    s += v[k];
  return s / N_SCENES;
}

static gdouble
worst_of (const gdouble *v)
{
  gdouble w = INFINITY;

  for (gint k = 0; k < N_SCENES; k++)
    w = MIN (w, v[k]);
  return w;
}

static const gchar *
fmt_db (gchar *buf, gsize size, gdouble v)
{
  g_snprintf (buf, size, isnan (v) ? "n/a" : isinf (v) ? "∞" : "%.2f", v);
  return buf;
}

static void
print_json (const LayeredRow *rows, guint threads)
{
  gchar b[8][32];

  printf ("{\"frame\": [%d, %d, %d], \"scene\": [%d, %d], \"preset\": \"disc\", \"radius\": %g, "
      "\"scene_radius\": %g, \"threads\": %u, \"rows\": [", opt_width, opt_height, C, opt_scene_width,
      opt_scene_height, scene_radius (opt_height), scene_radius (opt_scene_height), threads);
  for (gint m = 0; m < N_METHODS; m++) {
    const LayeredRow *r = &rows[m];

    printf ("%s{\"table\": \"layered\", \"name\": \"%s\", \"ms\": %s, \"ms_threads\": %s, \"speedup\": %s, "
        "\"psnr\": %s, \"psnr_worst\": %s, \"frame_psnr\": %s, \"band\": [", m ? ", " : "", method_names[m],
        json_number (b[0], 32, r->ms[0]), json_number (b[1], 32, r->ms[1]), json_number (b[2], 32, rows[GATHER].ms[0] /
            r->ms[0]), json_number (b[3], 32, mean_of (r->band)), json_number (b[4], 32, worst_of (r->band)),
        json_number (b[5], 32, mean_of (r->frame)));
    for (gint k = 0; k < N_SCENES; k++)
      printf ("%s%s", k ? ", " : "", json_number (b[6], 32, r->band[k]));
    printf ("], \"frame\": [");
    for (gint k = 0; k < N_SCENES; k++)
      printf ("%s%s", k ? ", " : "", json_number (b[7], 32, r->frame[k]));
    printf ("], \"taps\": 0}");
  }
}

static void
print_text (const LayeredRow *rows, guint threads)
{
  gchar b[4][32];

  printf ("Layered scenes (two depths, exact layered truth): PSNR at %d×%d, disc radius %g; cost at %d×%d RGBA, "
      "disc radius %g, best of %d runs (FFT layers %d; the reference one run, single-threaded), mean over the "
      "scenes; preset disc, linear light\n\n", opt_scene_width, opt_scene_height, scene_radius (opt_scene_height),
      opt_width, opt_height, scene_radius (opt_height), opt_repeat, MAX (1, opt_repeat / 3));
  printf ("| method | compact-front band / frame | compact-back | thin-front | thin-back | mean band / frame | "
      "worst band | ms, 1 thread | ms, %u threads | × gather's ms (1 / %u threads) |\n"
      "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n", threads, threads);
  for (gint m = 0; m < N_METHODS; m++) {
    const LayeredRow *r = &rows[m];

    printf ("| %s |", method_names[m]);
    for (gint k = 0; k < N_SCENES; k++)
      printf (" %s / %s |", fmt_db (b[0], 32, r->band[k]), fmt_db (b[1], 32, r->frame[k]));
    printf (" %s / %s | %s |", fmt_db (b[0], 32, mean_of (r->band)), fmt_db (b[1], 32, mean_of (r->frame)),
        fmt_db (b[2], 32, worst_of (r->band)));
    g_snprintf (b[0], 32, isnan (r->ms[1]) ? "n/a" : "%.1f", r->ms[1]);
    g_snprintf (b[1], 32, isnan (r->ms[1]) ? "n/a" : "%.2f", r->ms[1] / rows[GATHER].ms[1]);
    printf (" %.1f | %s | %.2f / %s |\n", r->ms[0], b[0], r->ms[0] / rows[GATHER].ms[0], b[1]);
  }
}

void
bench_layered (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SkcFamily) disc = skc_preset_lookup ("disc", &error);
  g_autoptr (SkcPool) probe = skc_pool_new (0);
  guint threads = skc_pool_threads (probe);
  g_autofree gchar *y_label = NULL;
  LayeredRow rows[N_METHODS] = { 0 };

  if (disc == NULL)
    g_error ("skc-bench: the built-in disc preset: %s", error->message);
  for (gint m = 0; m < N_METHODS; m++)
    for (gint k = 0; k < N_SCENES; k++)
      rows[m].band[k] = rows[m].frame[k] = NAN;
  rows[REFERENCE].ms[1] = NAN;
  measure_fidelity (disc, rows);
  measure_cost (disc, rows, threads);
  if (opt_json)
    print_json (rows, threads);
  else
    print_text (rows, threads);
  y_label = g_strdup_printf ("band PSNR vs the layered truth, mean of %d scenes (dB)", N_SCENES);
  for (gint m = 0; m < N_METHODS; m++)
    plot_add ("layered scenes (depth of field)", y_label, method_names[m], rows[m].ms[0], rows[m].ms[1],
        mean_of (rows[m].band));
}
