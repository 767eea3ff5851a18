/* libskc — highlight boost before the blur and shoulder after it. */
#include "skc-highlight.h"

#include <math.h>

gboolean
skc_highlight_is_off (const SkcHighlight *h, gint white)
{
  return h == NULL || h->threshold >= white || !(h->gain > 1);
}

gint
skc_highlight_shift (const SkcHighlight *h, gint white, gint ceiling)
{
  gdouble peak;
  gint shift = 0;

  if (skc_highlight_is_off (h, white))
    return 0;
  peak = white + (gdouble) (white - MAX (h->threshold, 0)) * (h->gain - 1);
  while (shift < 8 && peak > (gdouble) ceiling * (1 << shift))
    shift++;
  return shift;
}

void
skc_highlight_boost_row (gint16 *row, gint n, gint channels, guint mask, const gfloat *radius,
                         const SkcHighlight *h, gint ceiling)
{
  const gfloat extra = h->gain - 1;
  const gfloat inv_ramp = h->ramp > 0 ? 1 / h->ramp : G_MAXFLOAT;
  const gint t = h->threshold, shift = CLAMP (h->shift, 0, 8);
  const gfloat scale = 1.0f / (1 << shift);

  for (gint x = 0; x < n; x++) {
    gfloat r = fabsf (radius[x]);
    /* NaN compares false: in focus. */
    gfloat w = r > 0 ? MIN (r * inv_ramp, 1.0f) : 0.0f;
    gfloat k = extra * w;

    /* Without headroom an unboosted pixel stays as it is. */
    if (k == 0 && shift == 0)
      continue;
    for (gint c = 0; c < channels; c++) {
      gint16 *s = row + (gsize) x * channels + c;
      gint excess = *s - t;

      if (!(mask & (1u << c)))
        continue;
      if (excess > 0 && k > 0)
        *s = (gint16) MIN (((gfloat) *s + excess * k) * scale + 0.5f, (gfloat) ceiling);
      else if (*s > 0)
        *s = (gint16) MIN (skc_highlight_down (*s, shift), ceiling);
    }
  }
}

gint16 *
skc_highlight_shoulder_table (gint knee, gint white, gint size, gint shift)
{
  gint16 *table = g_new (gint16, size);
  /* Above the knee: knee + s·(1 − e^(−(u − knee)/s)), s = white − knee —
   * slope 1 at the knee, approaching white but never passing it. */
  const gdouble s = MAX (white - knee, 1);

  shift = CLAMP (shift, 0, 8);
  for (gint v = 0; v < size; v++) {
    gdouble u = (gdouble) v * (1 << shift);

    table[v] = (gint16) (u <= knee ? u : lround (MIN (knee + s * (1 - exp (-(u - knee) / s)), white)));
  }
  return table;
}

/* v · 2^shift, saturated to int16. */
static inline gint16
skc_highlight_up (gint v, gint shift)
{
  return (gint16) CLAMP (v * (1 << shift), G_MININT16, G_MAXINT16);
}

void
skc_highlight_shoulder_row (gint16 *row, const gint16 *orig, gint n, gint channels, guint mask,
                            const gfloat *radius, const gint16 *table, gint shift)
{
  shift = CLAMP (shift, 0, 8);
  for (gint x = 0; x < n; x++) {
    /* Out of focus: where the boost ran (NaN compares false). */
    gboolean blurred = fabsf (radius[x]) > 0;

    /* Without headroom in-focus pixels keep their bytes, white included. */
    if (!blurred && shift == 0)
      continue;
    for (gint c = 0; c < channels; c++) {
      gsize i = (gsize) x * channels + c;
      gint16 *s = row + i;

      if (!(mask & (1u << c)))
        continue;
      if (blurred)
        *s = *s > 0 ? table[*s] : skc_highlight_up (*s, shift);
      else if (orig != NULL && *s == skc_highlight_down (MAX (orig[i], 0), shift))
        *s = orig[i];
      else
        *s = skc_highlight_up (*s, shift);
    }
  }
}
