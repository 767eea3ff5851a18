/* Highlights: the boost against the formula worked by hand, in-focus and
 * below-threshold samples untouched, the shoulder continuous, monotone and
 * under white; the headroom's way there and back. */
#include "skc-highlight.h"

#include <math.h>

#define WHITE 16320

static void
test_boost (void)
{
  /* Two channels (light, alpha); pixels: in focus, NaN, half ramp, beyond. */
  gint16 row[] = { 16320, 16320, 16320, 16320, 16320, 16320, 16320, 16320, 8000, 16320 };
  const gfloat radius[] = { 0, NAN, 1, -5, 3 };
  SkcHighlight h = { 12000, 3, 2 };

  skc_highlight_boost_row (row, 5, 2, 1u, radius, &h, 32767);
  g_assert_cmpint (row[0], ==, 16320);
  g_assert_cmpint (row[2], ==, 16320);
  /* 16320 + 4320 · 2 · 0.5 = 20640. */
  g_assert_cmpint (row[4], ==, 20640);
  /* 16320 + 4320 · 2 = 24960 (near side: |−5|, weight 1). */
  g_assert_cmpint (row[6], ==, 24960);
  /* Below the threshold: untouched; alpha never boosted. */
  g_assert_cmpint (row[8], ==, 8000);
  for (gint x = 0; x < 5; x++)
    g_assert_cmpint (row[2 * x + 1], ==, 16320);

  /* Saturation at the ceiling. */
  {
    gint16 big[] = { 16320 };
    const gfloat far[] = { 10 };
    SkcHighlight hot = { 0, 64, 1 };

    skc_highlight_boost_row (big, 1, 1, 1u, far, &hot, 32767);
    g_assert_cmpint (big[0], ==, 32767);
  }

  g_assert_true (skc_highlight_is_off (&(SkcHighlight) { WHITE, 4, 1 }, WHITE));
  g_assert_true (skc_highlight_is_off (&(SkcHighlight) { 0, 1, 1 }, WHITE));
  g_assert_false (skc_highlight_is_off (&(SkcHighlight) { 100, 1.5f, 1 }, WHITE));
}

static void
test_shoulder (void)
{
  const gint knee = 12000;
  const gdouble s = WHITE - knee;
  g_autofree gint16 *t = skc_highlight_shoulder_table (knee, WHITE, 32768, 0);

  for (gint v = 0; v <= knee; v++)
    g_assert_cmpint (t[v], ==, v);
  for (gint v = knee + 1; v < 32768; v++) {
    g_assert_cmpint (t[v], >=, t[v - 1]);
    g_assert_cmpint (t[v], <=, WHITE);
    g_assert_cmpint (t[v], <=, v);
  }
  /* Slope 1 at the knee: ten steps above it lose at most one code. */
  g_assert_cmpint (t[knee + 10], >=, knee + 9);
  /* Against the closed form at 2× white. */
  g_assert_cmpint (t[2 * WHITE], ==, lround (knee + s * (1 - exp (-(2.0 * WHITE - knee) / s))));
}

/* Headroom: the shift a gain needs, the boost held at 2^−shift, the
 * shoulder's way back; values worked by hand. */
static void
test_headroom (void)
{
  const gint half = WHITE / 2;
  SkcHighlight h = { half, 15, 1, 0 };

  /* 16320 + 8160 · 1.6 = 29376 fits; · 14 = 130560 needs 4× (≤ 131068). */
  g_assert_cmpint (skc_highlight_shift (&(SkcHighlight) { half, 2.6f, 1, 0 }, WHITE, 32767), ==, 0);
  g_assert_cmpint (skc_highlight_shift (&h, WHITE, 32767), ==, 2);
  /* 64 × white = 1044480 ≤ 32767 · 32. */
  g_assert_cmpint (skc_highlight_shift (&(SkcHighlight) { 0, 64, 1, 0 }, WHITE, 32767), ==, 5);
  g_assert_cmpint (skc_highlight_shift (&(SkcHighlight) { WHITE, 64, 1, 0 }, WHITE, 32767), ==, 0);

  h.shift = 2;
  {
    /* Pixels: far white, in focus 1001, far 1001 (below the threshold);
     * two channels, the second (alpha) never scaled. */
    gint16 row[] = { WHITE, WHITE, 1001, WHITE, 1001, 77 };
    const gfloat radius[] = { 4, 0, -2 };

    skc_highlight_boost_row (row, 3, 2, 1u, radius, &h, 32767);
    g_assert_cmpint (row[0], ==, 130560 / 4);
    g_assert_cmpint (row[2], ==, 250);   /* (1001 + 2) >> 2 */
    g_assert_cmpint (row[4], ==, 250);
    g_assert_cmpint (row[1], ==, WHITE);
    g_assert_cmpint (row[3], ==, WHITE);
    g_assert_cmpint (row[5], ==, 77);
  }
  {
    const gint knee = 12000;
    g_autofree gint16 *t = skc_highlight_shoulder_table (knee, WHITE, 32768, 2);
    /* After a blur: far 32640 and −3; in focus: left as held (250 of 1001),
     * changed (251), and alpha. */
    gint16 row[] = { 32640, 5, -3, 5, 250, 5, 251, 5 };
    const gint16 orig[] = { 0, 5, 0, 5, 1001, 5, 1001, 5 };
    const gfloat radius[] = { 4, 4, 0, 0 };

    g_assert_cmpint (t[2000], ==, 8000);
    g_assert_cmpint (t[32640], ==, lround (knee + (WHITE - knee) * (1 - exp (-(130560.0 - knee) / (WHITE - knee)))));
    skc_highlight_shoulder_row (row, orig, 4, 2, 1u, radius, t, 2);
    g_assert_cmpint (row[0], ==, t[32640]);
    g_assert_cmpint (row[2], ==, -12);
    g_assert_cmpint (row[4], ==, 1001);
    g_assert_cmpint (row[6], ==, 1004);
    for (gint x = 0; x < 4; x++)
      g_assert_cmpint (row[2 * x + 1], ==, 5);
  }
  /* In focus, every value a load gives comes back exactly through both. */
  for (gint shift = 1; shift <= 8; shift++) {
    g_autofree gint16 *t = skc_highlight_shoulder_table (12000, WHITE, 32768, shift);
    SkcHighlight hs = { half, 15, 1, shift };
    gint16 v[1], o[1];
    const gfloat focus[] = { 0 };

    for (gint x = 0; x <= 16383; x++) {
      v[0] = o[0] = (gint16) x;
      skc_highlight_boost_row (v, 1, 1, 1u, focus, &hs, 32767);
      skc_highlight_shoulder_row (v, o, 1, 1, 1u, focus, t, shift);
      g_assert_cmpint (v[0], ==, x);
    }
  }
  /* Hard clip: knee at white. */
  {
    g_autofree gint16 *t = skc_highlight_shoulder_table (WHITE, WHITE, 32768, 1);

    g_assert_cmpint (t[WHITE / 2], ==, WHITE);
    g_assert_cmpint (t[WHITE / 2 - 1], ==, WHITE - 2);
    g_assert_cmpint (t[30000], ==, WHITE);
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/highlight/boost", test_boost);
  g_test_add_func ("/highlight/shoulder", test_shoulder);
  g_test_add_func ("/highlight/headroom", test_headroom);
  return g_test_run ();
}
