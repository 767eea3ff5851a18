/* skc-bench --geometry, the cat's-eye rows (docs/ARCHITECTURE.md §10): the
 * disc clipped towards the centre (vignetting 0.6: clip 1.2 at the corners),
 * at a fixed radius and at a radius growing across the frame as a depth map
 * would give it.  Against the dense per-pixel truth (each pixel's exact
 * anti-aliased lens, skc_reference_dense_catseye): the fitted lens family
 * (the element's choice for the disc) and the squeeze (an ellipse of the
 * lens's second moments), on the element's grid and the finest; the disc
 * without vignetting through the same grid as the cost baseline. */
#include "bench.h"

#include <math.h>
#include <stdio.h>

#define VIGNETTING 0.6

typedef struct {
  const gchar *name;
  gdouble radius;      /* > 0: fixed; 0: growing from 0 at the left edge to max_radius at the right */
  gdouble max_radius;
} Scene;

static const Scene scenes[] = {
  { "cat's eye (disc, vignetting 0.6), fixed radius 12", 12, 12 },
  { "cat's eye (disc, vignetting 0.6), radius 0 → 16 across the frame (as from depth)", 0, 16 },
};

typedef struct {
  SkcFrameFilter *ff;
  const SkcFamily *family, *lens;
  gboolean clipped;
  gdouble max_radius, step, arc;
  const gfloat *radius, *angle, *clip;
  SkcPool *pool;
} CatseyeRun;

static void
frame_pair (const guint8 *src, guint8 *dst, SkcFrame *in, SkcFrame *out)
{
  guint8 *in_data[] = { (guint8 *) src }, *out_data[] = { dst };
  gsize stride[] = { (gsize) opt_width * C };

  skc_frame_init (in, SKC_LAYOUT_PACKED, opt_width, opt_height, C, 0, in_data, stride);
  skc_frame_init (out, SKC_LAYOUT_PACKED, opt_width, opt_height, C, 0, out_data, stride);
}

static void
run_catseye (gpointer data, const guint8 *src, guint8 *dst)
{
  CatseyeRun *r = data;
  SkcFrame in, out;

  frame_pair (src, dst, &in, &out);
  skc_frame_filter_set_catseye (r->ff, r->clipped ? r->clip : NULL, 0, r->lens, SKC_CATSEYE_LENS_RADIUS);
  if (!skc_frame_filter_run_oriented (r->ff, r->family, r->max_radius, r->step, r->arc, r->radius, r->angle,
          opt_width, 1, &in, &out, SKC_PRECISION_32, FALSE, r->pool, NULL))
    g_error ("skc-bench: the cat's-eye run failed");
}

typedef struct {
  SkcFrameFilter *ff;
  const SkcComplex *c;
  SkcPool *pool;
} PlainRun;

/* The element without vignetting at a fixed radius: the fixed kernel. */
static void
run_plain (gpointer data, const guint8 *src, guint8 *dst)
{
  PlainRun *r = data;
  SkcFrame in, out;

  frame_pair (src, dst, &in, &out);
  if (!skc_frame_filter_run (r->ff, r->c, &in, &out, SKC_PRECISION_32, FALSE, r->pool, NULL))
    g_error ("skc-bench: the fixed run failed");
}

/* Colour only, against the truth in doubles (peak 1). */
static gdouble
psnr_rgb (const guint8 *out, const SkcImage *truth)
{
  gdouble se = 0;
  gsize n = (gsize) opt_width * opt_height;

  for (gsize i = 0; i < n * 3; i++) {
    gdouble d = out[i / 3 * C + i % 3] / 255.0 - truth->data[i];

    se += d * d;
  }
  return 10 * log10 (n * 3 / se);
}

static void
catseye_scene (const Scene *s, const guint8 *src, const SkcFamily *disc, const SkcFamily *lens, gboolean first)
{
  gint W = opt_width, H = opt_height;
  gsize n = (gsize) W * H;
  g_autofree gfloat *radius = g_new (gfloat, n), *angle = g_new (gfloat, n), *clip = g_new (gfloat, n);
  g_autofree guint8 *out = g_malloc (n * C);
  g_autoptr (SkcImage) in = skc_image_new (W, H, 3), rimg = skc_image_new (W, H, 1),
      aimg = skc_image_new (W, H, 1), cimg = skc_image_new (W, H, 1), truth = NULL;
  SkcGeometrySpec spec = { SKC_GEOMETRY_RADIAL, 0.5, 0.5, 1, 0, s->max_radius, VIGNETTING, s->radius };
  /* lens (0: the squeeze), clip on, radius step, arc */
  static const gdouble runs[][4] = { { 1, 1, 0.5, 1 }, { 0, 1, 0.5, 1 }, { 1, 1, 0.25, 0.25 }, { 0, 1, 0.25, 0.25 },
    { 0, 0, 0.5, 1 } };
  static const gchar *names[] = { "ours, lens family (the element)", "ours, squeeze", "ours, lens family, finest grid",
    "ours, squeeze, finest grid", "the disc without vignetting, same grid (cost baseline)" };
  gdouble base2 = NAN, ms[G_N_ELEMENTS (runs)][2], psnr[G_N_ELEMENTS (runs)], truth_ms, mib = 0;
  guint built = 0;
  gint64 t0;

  skc_geometry_maps_clipped (&spec, W, H, radius, angle, clip, NULL);
  for (gsize i = 0; i < n; i++) {
    /* Without a fixed radius: a ramp across the frame, on the element's levels. */
    if (s->radius <= 0)
      radius[i] = (gfloat) (floor (2 * s->max_radius * ((i % W) + 0.5) / W + 0.5) / 2);
    rimg->data[i] = radius[i];
    aimg->data[i] = angle[i];
    cimg->data[i] = clip[i];
    for (gint c = 0; c < 3; c++)
      in->data[i * 3 + c] = src[i * C + c] / 255.0;
  }
  t0 = g_get_monotonic_time ();
  truth = skc_reference_dense_catseye (in, rimg, aimg, cimg, SKC_ORIENTED_DISC, 1);
  truth_ms = (g_get_monotonic_time () - t0) / 1000.0;
  for (guint k = 0; k < G_N_ELEMENTS (runs); k++) {
    g_autoptr (SkcFrameFilter) ff = skc_frame_filter_new ();
    CatseyeRun r = { ff, disc, runs[k][0] ? lens : NULL, runs[k][1] != 0, s->max_radius, runs[k][2], runs[k][3],
      radius, angle, clip, NULL };

    for (guint t = 0; t < 2; t++) {
      g_autoptr (SkcPool) pool = skc_pool_new (t + 1);

      r.pool = pool;
      ms[k][t] = time_best (run_catseye, &r, src, out, opt_repeat);
    }
    psnr[k] = runs[k][1] ? psnr_rgb (out, truth) : NAN;
    if (k == 0) {
      /* What the element's grid holds for this frame (the memory it needs). */
      const SkcOrientedKernel *ok = skc_frame_filter_oriented_grid (ff, 0);

      for (guint g = 0; g < ok->vk->capacity; g++)
        built += ok->vk->levels[g] != NULL;
      mib = skc_oriented_kernel_bytes (ok) / 1048576.0;
    }
  }
  base2 = ms[G_N_ELEMENTS (runs) - 1][1];
  if (!opt_json)
    printf ("\n%s, %d×%d RGBA photo (best of %d):\n\n"
        "| method | ms, one thread | ms, two threads | × no vignetting (two threads) | PSNR vs dense (dB) |\n"
        "|---|---:|---:|---:|---:|\n| dense per-pixel lens (the truth; threads of the reference) | – | %.0f | – | – |\n",
        s->name, W, H, opt_repeat, truth_ms);
  for (guint k = 0; k < G_N_ELEMENTS (runs); k++) {
    gchar b[3][32];

    if (opt_json) {
      printf ("%s{\"table\": \"%s\", \"name\": \"%s\", \"ms_one_thread\": %s, \"ms_two_threads\": %s, \"psnr\": %s}",
          first && k == 0 ? "" : ", ", s->name, names[k], json_number (b[0], sizeof b[0], ms[k][0]),
          json_number (b[1], sizeof b[1], ms[k][1]), json_number (b[2], sizeof b[2], psnr[k]));
      continue;
    }
    g_snprintf (b[0], sizeof b[0], isnan (psnr[k]) ? "n/a" : "%.2f", psnr[k]);
    printf ("| %s | %.1f | %.1f | %.2f | %s |\n", names[k], ms[k][0], ms[k][1], ms[k][1] / base2, b[0]);
  }
  if (s->radius > 0 && !opt_json) {
    g_autoptr (SkcComplex) c = skc_varying_level_complex (disc, s->radius);
    g_autoptr (SkcFrameFilter) ff = skc_frame_filter_new ();
    PlainRun r = { ff, c, NULL };
    gdouble plain[2];

    for (guint t = 0; t < 2; t++) {
      g_autoptr (SkcPool) pool = skc_pool_new (t + 1);

      r.pool = pool;
      plain[t] = time_best (run_plain, &r, src, out, opt_repeat);
    }
    printf ("| the fixed kernel, radius %g (the element without vignetting) | %.1f | %.1f | %.2f | n/a |\n",
        s->radius, plain[0], plain[1], plain[1] / base2);
  }
  if (!opt_json)
    printf ("\nThe element's grid (lens family): %u levels built, %.1f MiB.\n", built, mib);
}

void
bench_catseye (const guint8 *src, gboolean first)
{
  g_autoptr (SkcFamily) disc = skc_preset_lookup ("disc", NULL), lens = skc_preset_lookup ("clip/catseye", NULL);

  g_assert (disc != NULL && lens != NULL);
  for (guint i = 0; i < G_N_ELEMENTS (scenes); i++)
    catseye_scene (&scenes[i], src, disc, lens, first && i == 0);
}
