/* libskc — sRGB transfer tables (IEC 61966-2-1). */
#include "skc-srgb.h"
#include "skc-plane.h"

#include <math.h>

/* Padded past the end for the AVX2 encode's gathers, which read a word at
 * an entry (skc-srgb-avx2.c); the padding is never a result. */
static gint16 decode[256];
static guint8 encode[SKC_SRGB_ENCODE_SIZE + 3];

static gdouble
to_linear (gdouble c)
{
  return c <= 0.04045 ? c / 12.92 : pow ((c + 0.055) / 1.055, 2.4);
}

static gdouble
to_srgb (gdouble l)
{
  return l <= 0.0031308 ? 12.92 * l : 1.055 * pow (l, 1 / 2.4) - 0.055;
}

static void
build (void)
{
  const gdouble full = 255 << SKC_PLANE_SHIFT;

  for (gint v = 0; v < 256; v++)
    decode[v] = (gint16) lround (to_linear (v / 255.0) * full);
  for (gint q = 0; q < SKC_SRGB_ENCODE_SIZE; q++)
    encode[q] = (guint8) lround (CLAMP (to_srgb (q / full), 0.0, 1.0) * 255);
}

static void
ensure (void)
{
  static gsize once = 0;

  if (g_once_init_enter (&once)) {
    build ();
    g_once_init_leave (&once, 1);
  }
}

static gint16 decode16[65536];
static guint16 encode16[SKC_SRGB16_ENCODE_SIZE];

static void
ensure16 (void)
{
  static gsize once = 0;

  if (g_once_init_enter (&once)) {
    const gdouble full = SKC_SRGB16_ENCODE_SIZE - 1;

    for (gint v = 0; v < 65536; v++)
      decode16[v] = (gint16) lround (to_linear (v / 65535.0) * full);
    for (gint q = 0; q < SKC_SRGB16_ENCODE_SIZE; q++)
      encode16[q] = (guint16) lround (CLAMP (to_srgb (q / full), 0.0, 1.0) * 65535);
    g_once_init_leave (&once, 1);
  }
}

const gint16 *
skc_srgb_decode16_table (void)
{
  ensure16 ();
  return decode16;
}

const guint16 *
skc_srgb_encode16_table (void)
{
  ensure16 ();
  return encode16;
}

const gint16 *
skc_srgb_decode_table (void)
{
  ensure ();
  return decode;
}

const guint8 *
skc_srgb_encode_table (void)
{
  ensure ();
  return encode;
}
