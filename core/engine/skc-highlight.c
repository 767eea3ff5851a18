/* libskc — highlight boost before the blur and shoulder after it. */
#include "skc-highlight.h"

#include <math.h>

gboolean
skc_highlight_is_off (const SkcHighlight *h, gint white)
{
  return h == NULL || h->threshold >= white || !(h->gain > 1);
}

void
skc_highlight_boost_row (gint16 *row, gint n, gint channels, guint mask, const gfloat *radius,
                         const SkcHighlight *h, gint ceiling)
{
  const gfloat extra = h->gain - 1;
  const gfloat inv_ramp = h->ramp > 0 ? 1 / h->ramp : G_MAXFLOAT;
  const gint t = h->threshold;

  for (gint x = 0; x < n; x++) {
    gfloat r = fabsf (radius[x]);
    /* NaN compares false: in focus. */
    gfloat w = r > 0 ? MIN (r * inv_ramp, 1.0f) : 0.0f;
    gfloat k = extra * w;

    if (k == 0)
      continue;
    for (gint c = 0; c < channels; c++) {
      gint16 *s = row + (gsize) x * channels + c;
      gint excess = *s - t;

      if (!(mask & (1u << c)) || excess <= 0)
        continue;
      *s = (gint16) MIN ((gfloat) *s + excess * k + 0.5f, (gfloat) ceiling);
    }
  }
}

void
skc_highlight_shoulder_row (gint16 *row, gint n, gint channels, guint mask, const gfloat *radius,
                            const gint16 *table)
{
  for (gint x = 0; x < n; x++) {
    /* Only where the boost ran (out of focus; NaN compares false): in-focus
     * pixels keep their bytes, white included. */
    if (!(fabsf (radius[x]) > 0))
      continue;
    for (gint c = 0; c < channels; c++) {
      gint16 *s = row + (gsize) x * channels + c;

      if ((mask & (1u << c)) && *s > 0)
        *s = table[*s];
    }
  }
}

gint16 *
skc_highlight_shoulder_table (gint knee, gint white, gint size)
{
  gint16 *table = g_new (gint16, size);
  /* Above the knee: knee + s·(1 − e^(−(v − knee)/s)), s = white − knee —
   * slope 1 at the knee, approaching white but never reaching it. */
  const gdouble s = MAX (white - knee, 1);

  for (gint v = 0; v < size; v++)
    table[v] = (gint16) (v <= knee ? v : lround (MIN (knee + s * (1 - exp (-(v - knee) / s)), white)));
  return table;
}
