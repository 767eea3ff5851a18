#include "skc-line.h"

#include <math.h>

SkcComplex *
skc_line_complex (gdouble radius)
{
  guint n_taps[SKC_MAX_LAYERS] = { 0 };
  guint n_layers = 1;
  SkcComplex *c;

  if (!(radius > 0 && radius <= SKC_MAX_OFFSET))
    return NULL;
  /* Cells 2·radius / 2^L wide, at most one pixel.  Finer cells do not help:
   * every layer with a fractional offset gathers bilinearly, adding its own
   * tent, so more layers soften the ends more (measured, test-line.c). */
  while (ldexp (2 * radius, -(gint) n_layers) > 1.0)
    n_layers++;
  for (guint l = 0; l < n_layers; l++)
    n_taps[l] = 2;
  c = skc_complex_new (n_layers, n_taps);
  for (guint l = 0; l < n_layers; l++) {
    gdouble d = ldexp (radius, -(gint) (l + 1));

    c->layers[l].taps[0] = (SkcTap) { -d, 0, 0.5 };
    c->layers[l].taps[1] = (SkcTap) { d, 0, 0.5 };
  }
  return c;
}
