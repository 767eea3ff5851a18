/* libskc — the night scene: clipped point lights and their truth. */
#include "skc-night.h"
#include "skc-image-srgb.h"
#include "skc-layered.h"
#include "skc-scene.h"

#include <math.h>

/* Light colours, normalised to their brightest channel: sodium street
 * light, warm white, red, green, blue. */
static const gdouble skc_night_palette[5][3] = {
  { 1, 0.45, 0.08 }, { 1, 0.92, 0.78 }, { 1, 0.07, 0.04 }, { 0.12, 1, 0.35 }, { 0.3, 0.55, 1 },
};

#define SKC_NIGHT_BACK  0.03   /* linear-light dimming of the background photo */
#define SKC_NIGHT_FRONT 0.06   /* … and of the foreground */

/* A fixed jitter in [−0.5, 0.5): the same scene on every platform. */
static gdouble
skc_night_jitter (guint i, guint salt)
{
  return (gdouble) ((i * 2654435761u + salt * 40503u) % 1000u) / 1000 - 0.5;
}

gboolean
skc_night_light (guint i, SkcNightLight *out)
{
  static const gdouble brightness[4] = { 0.8, 2, 4, 8 };

  if (i >= SKC_NIGHT_N_LIGHTS || out == NULL)
    return FALSE;
  /* Cell (i mod 6, i / 6) of a 6 × 4 grid, jittered by a third of a cell. */
  out->x = ((i % 6) + 0.5 + 0.33 * skc_night_jitter (i, 1)) / 6;
  out->y = ((i / 6) + 0.5 + 0.33 * skc_night_jitter (i, 2)) / 4;
  out->radius = 1.5 + (i % 3);
  for (gint c = 0; c < 3; c++)
    out->rgb[c] = brightness[i % 4] * skc_night_palette[i % 5][c];
  return TRUE;
}

/* B ← c·L + (1 − c)·B for every light, c its anti-aliased disc (a one-pixel
 * ramp across the rim); probe marks each light's blurred reach. */
static void
skc_night_draw_lights (SkcImage *b, SkcImage *probe, gdouble blur)
{
  for (guint i = 0; i < SKC_NIGHT_N_LIGHTS; i++) {
    SkcNightLight l;
    gdouble cx, cy, reach;

    skc_night_light (i, &l);
    cx = l.x * b->width - 0.5;
    cy = l.y * b->height - 0.5;
    reach = blur + l.radius + 2;
    for (gint y = MAX (0, (gint) floor (cy - reach)); y <= MIN (b->height - 1, (gint) ceil (cy + reach)); y++)
      for (gint x = MAX (0, (gint) floor (cx - reach)); x <= MIN (b->width - 1, (gint) ceil (cx + reach)); x++) {
        gdouble d = hypot (x - cx, y - cy), c = CLAMP (l.radius + 0.5 - d, 0.0, 1.0);
        gdouble *p = skc_image_at (b, x, y);

        for (gint ch = 0; ch < 3; ch++)
          p[ch] = c * l.rgb[ch] + (1 - c) * p[ch];
        if (d <= reach)
          *skc_image_at (probe, x, y) = i + 1;
      }
  }
}

/* A dimmed linear-light copy of an sRGB photo. */
static SkcImage *
skc_night_dim (const SkcImage *photo, gdouble k)
{
  SkcImage *lin = skc_image_srgb_decode (photo);

  for (gsize i = 0; i < (gsize) lin->width * lin->height * lin->channels; i++)
    lin->data[i] *= k;
  return lin;
}

SkcNight *
skc_night_new (const SkcImage *background, const SkcImage *foreground, const SkcImage *coverage, gdouble radius)
{
  g_autoptr (SkcImage) b = NULL, f = NULL, sharp = NULL;
  SkcSceneLayer layers[2];
  SkcNight *s;
  gint w = background->width, h = background->height;

  if (background->channels != 3 || foreground->channels != 3 || coverage->channels != 1 ||
      foreground->width != w || foreground->height != h || coverage->width != w || coverage->height != h)
    return NULL;
  s = g_new0 (SkcNight, 1);
  s->probe = skc_image_new (w, h, 1);
  b = skc_night_dim (background, SKC_NIGHT_BACK);
  f = skc_night_dim (foreground, SKC_NIGHT_FRONT);
  skc_night_draw_lights (b, s->probe, MAX (radius, 0));
  /* The input is the layers composited sharp; the truth blurs the far one. */
  layers[0] = (SkcSceneLayer) { b, NULL, 0 };
  layers[1] = (SkcSceneLayer) { f, coverage, 0 };
  sharp = skc_layered_render (layers, 2, NULL);
  layers[0].radius = radius;
  s->truth_linear = skc_layered_render (layers, 2, NULL);
  s->input = skc_image_srgb_encode8 (sharp);
  s->truth = skc_image_srgb_encode8 (s->truth_linear);
  s->depth = skc_image_new (w, h, 1);
  for (gsize i = 0; i < (gsize) w * h; i++)
    s->depth->data[i] = (coverage->data[i] >= 0.5 ? SKC_SCENE_NEAR_CODE : SKC_SCENE_FAR_CODE) / 255.0;
  return s;
}

void
skc_night_free (SkcNight *night)
{
  if (night == NULL)
    return;
  skc_image_free (night->input);
  skc_image_free (night->depth);
  skc_image_free (night->truth_linear);
  skc_image_free (night->truth);
  skc_image_free (night->probe);
  g_free (night);
}
