/* Highlights: the boost against the formula worked by hand, in-focus and
 * below-threshold samples untouched, the shoulder continuous, monotone and
 * under white. */
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
  g_autofree gint16 *t = skc_highlight_shoulder_table (knee, WHITE, 32768);

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

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/highlight/boost", test_boost);
  g_test_add_func ("/highlight/shoulder", test_shoulder);
  return g_test_run ();
}
