/* libskc — layered depth-of-field test scenes and their truth. */
#include "skc-scene.h"
#include "skc-image-srgb.h"
#include "skc-layered.h"

#include <math.h>

/* Coverage of a signed distance d (px, negative inside): a one-pixel ramp,
 * the box filter's coverage of a straight edge. */
static gdouble
skc_edge_coverage (gdouble d)
{
  return CLAMP (0.5 - d, 0.0, 1.0);
}

/* An ellipse tilted by 15°, its signed distance taken to first order
 * (g / |∇g| for g = ρ − 1), which is exact enough within a pixel of it. */
static void
skc_draw_ellipse (SkcImage *a)
{
  gdouble cx = 0.5 * a->width, cy = 0.52 * a->height;
  gdouble ra = 0.22 * a->width, rb = 0.34 * a->height, t = 15 * G_PI / 180;

  for (gint y = 0; y < a->height; y++)
    for (gint x = 0; x < a->width; x++) {
      gdouble dx = x - cx, dy = y - cy;
      gdouble u = (dx * cos (t) + dy * sin (t)) / ra, v = (-dx * sin (t) + dy * cos (t)) / rb;
      gdouble rho = sqrt (u * u + v * v);
      gdouble grad = sqrt (u * u / (ra * ra) + v * v / (rb * rb)) / MAX (rho, 1e-9);

      *skc_image_at (a, x, y) = skc_edge_coverage ((rho - 1) / MAX (grad, 1e-9));
    }
}

/* a ← max(a, coverage of the capsule from p to q of half-width hw). */
static void
skc_draw_capsule (SkcImage *a, gdouble px, gdouble py, gdouble qx, gdouble qy, gdouble hw)
{
  gdouble ex = qx - px, ey = qy - py, len2 = MAX (ex * ex + ey * ey, 1e-12);
  gint x0 = MAX (0, (gint) floor (MIN (px, qx) - hw - 1)), x1 = MIN (a->width - 1, (gint) ceil (MAX (px, qx) + hw + 1));
  gint y0 = MAX (0, (gint) floor (MIN (py, qy) - hw - 1)), y1 = MIN (a->height - 1, (gint) ceil (MAX (py, qy) + hw + 1));

  for (gint y = y0; y <= y1; y++)
    for (gint x = x0; x <= x1; x++) {
      gdouble s = CLAMP (((x - px) * ex + (y - py) * ey) / len2, 0.0, 1.0);
      gdouble d = hypot (x - px - s * ex, y - py - s * ey) - hw;
      gdouble *v = skc_image_at (a, x, y);

      *v = MAX (*v, skc_edge_coverage (d));
    }
}

/* A trunk and branches: quadratic Béziers in frame fractions (start,
 * control, end) with their widths in px at the start and the end. */
static const gdouble skc_branches[][8] = {
  { 0.46, 1.02, 0.40, 0.60, 0.55, 0.08, 6.0, 4.0 },   /* trunk */
  { 0.43, 0.70, 0.25, 0.62, 0.08, 0.35, 5.0, 3.0 },
  { 0.45, 0.55, 0.65, 0.50, 0.92, 0.22, 5.0, 3.0 },
  { 0.48, 0.35, 0.35, 0.25, 0.22, 0.05, 4.0, 3.0 },
  { 0.20, 0.56, 0.18, 0.75, 0.05, 0.85, 4.0, 3.0 },
  { 0.75, 0.38, 0.80, 0.55, 0.97, 0.60, 4.0, 3.0 },
  { 0.52, 0.20, 0.70, 0.15, 0.78, 0.02, 4.0, 3.0 },
};

static void
skc_draw_branches (SkcImage *a)
{
  const gint steps = 96;

  for (guint b = 0; b < G_N_ELEMENTS (skc_branches); b++) {
    const gdouble *c = skc_branches[b];
    gdouble lx = 0, ly = 0;

    for (gint i = 0; i <= steps; i++) {
      gdouble t = (gdouble) i / steps, s = 1 - t;
      gdouble x = (s * s * c[0] + 2 * s * t * c[2] + t * t * c[4]) * a->width;
      gdouble y = (s * s * c[1] + 2 * s * t * c[3] + t * t * c[5]) * a->height;

      if (i > 0)
        skc_draw_capsule (a, lx, ly, x, y, 0.5 * (c[6] + (c[7] - c[6]) * (t - 0.5 / steps)));
      lx = x;
      ly = y;
    }
  }
}

SkcImage *
skc_scene_mask (SkcSceneShape shape, gint width, gint height)
{
  SkcImage *a = skc_image_new (width, height, 1);

  if (a == NULL)
    return NULL;
  if (shape == SKC_SCENE_COMPACT)
    skc_draw_ellipse (a);
  else
    skc_draw_branches (a);
  return a;
}

SkcImage *
skc_scene_fit_photo (const SkcImage *photo, gint width, gint height)
{
  gdouble scale = MAX ((gdouble) width / photo->width, (gdouble) height / photo->height);
  gdouble ox = 0.5 * (photo->width - width / scale), oy = 0.5 * (photo->height - height / scale);
  SkcImage *out = skc_image_new (width, height, photo->channels);

  if (out == NULL)
    return NULL;
  /* Pixel centres map to pixel centres of the cropped region. */
  for (gint y = 0; y < height; y++)
    for (gint x = 0; x < width; x++)
      for (gint ch = 0; ch < photo->channels; ch++)
        skc_image_at (out, x, y)[ch] = skc_image_bilerp (photo,
            ox + (x + 0.5) / scale - 0.5, oy + (y + 0.5) / scale - 0.5, ch);
  return out;
}

SkcImage *
skc_scene_band (const SkcImage *coverage, gdouble radius)
{
  gint w = coverage->width, h = coverage->height, r = (gint) floor (MAX (radius, 0));
  g_autofree guint8 *hard = g_new (guint8, (gsize) w * h);
  SkcImage *band = skc_image_new (w, h, 1);

  for (gsize i = 0; i < (gsize) w * h; i++)
    hard[i] = coverage->data[i] >= 0.5;
  for (gint y = 0; y < h; y++)
    for (gint x = 0; x < w; x++) {
      guint8 side = hard[(gsize) y * w + x];
      gboolean near = FALSE;

      for (gint dy = MAX (-r, -y); dy <= MIN (r, h - 1 - y) && !near; dy++) {
        gint span = (gint) floor (sqrt (MAX (0.0, radius * radius - (gdouble) dy * dy)));
        const guint8 *row = hard + (gsize) (y + dy) * w;

        for (gint xx = MAX (0, x - span); xx <= MIN (w - 1, x + span); xx++)
          if (row[xx] != side) {
            near = TRUE;
            break;
          }
      }
      *skc_image_at (band, x, y) = near;
    }
  return band;
}

gdouble
skc_scene_focus_depth (SkcSceneFocus focus)
{
  return (focus == SKC_SCENE_FOCUS_FRONT ? SKC_SCENE_NEAR_CODE : SKC_SCENE_FAR_CODE) / 255.0;
}

/* The two layers in linear light, composited; encoded to 8-bit sRGB. */
static SkcImage *
skc_scene_composite (const SkcImage *b, const SkcImage *f, const SkcImage *a,
    gdouble back_radius, gdouble front_radius)
{
  SkcSceneLayer layers[2] = { { b, NULL, back_radius }, { f, a, front_radius } };
  g_autoptr (SkcImage) r = skc_layered_render (layers, 2, NULL);

  return r ? skc_image_srgb_encode8 (r) : NULL;
}

SkcScene *
skc_scene_new (const SkcImage *background, const SkcImage *foreground,
    const SkcImage *coverage, SkcSceneFocus focus, gdouble radius)
{
  g_autoptr (SkcImage) b = NULL, f = NULL;
  SkcScene *s;
  gsize n;

  if (background->width != foreground->width || background->height != foreground->height ||
      background->channels != foreground->channels || coverage->channels != 1 ||
      coverage->width != background->width || coverage->height != background->height)
    return NULL;
  b = skc_image_srgb_decode (background);
  f = skc_image_srgb_decode (foreground);
  s = g_new0 (SkcScene, 1);
  n = (gsize) coverage->width * coverage->height;
  s->coverage = skc_image_copy (coverage);
  s->input = skc_scene_composite (b, f, coverage, 0, 0);
  s->truth = focus == SKC_SCENE_FOCUS_FRONT ? skc_scene_composite (b, f, coverage, radius, 0)
                                            : skc_scene_composite (b, f, coverage, 0, radius);
  s->depth = skc_image_new (coverage->width, coverage->height, 1);
  for (gsize i = 0; i < n; i++)
    s->depth->data[i] = (coverage->data[i] >= 0.5 ? SKC_SCENE_NEAR_CODE : SKC_SCENE_FAR_CODE) / 255.0;
  s->band = skc_scene_band (coverage, radius);
  return s;
}

void
skc_scene_free (SkcScene *scene)
{
  if (scene == NULL)
    return;
  skc_image_free (scene->coverage);
  skc_image_free (scene->input);
  skc_image_free (scene->depth);
  skc_image_free (scene->truth);
  skc_image_free (scene->band);
  g_free (scene);
}
