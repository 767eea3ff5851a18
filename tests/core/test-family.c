/* Family bracketing, interpolation, clamping and the one-member fixed kernel. */
#include "skc.h"

#include <math.h>

static SkcFamily *
make_family (guint n, const gdouble *values)
{
  const guint taps[2] = { 2, 1 };
  SkcFamily *f = skc_family_new ("test", "radius", n, values);

  for (guint k = 0; k < n; k++) {
    SkcComplex *c = skc_complex_new (2, taps);

    /* Member k: tap offsets proportional to its value, weights shifting. */
    c->layers[0].taps[0] = (SkcTap) { values[k], 0, 0.5 + 0.1 * k };
    c->layers[0].taps[1] = (SkcTap) { 0, -values[k], 0.5 - 0.1 * k };
    c->layers[1].taps[0] = (SkcTap) { 1, 1, 1 };
    f->members[k] = c;
  }
  return f;
}

static void
test_bracket (void)
{
  const gdouble values[4] = { 1, 2, 4, 8 };
  g_autoptr (SkcFamily) f = make_family (4, values);
  guint k;
  gdouble t;

  skc_family_bracket (f, 3.0, &k, &t);
  g_assert_cmpuint (k, ==, 1);
  g_assert_cmpfloat (t, ==, 0.5);
  skc_family_bracket (f, 2.0, &k, &t);
  g_assert_cmpuint (k, ==, 1);
  g_assert_cmpfloat (t, ==, 0.0);
  skc_family_bracket (f, 7.0, &k, &t);
  g_assert_cmpuint (k, ==, 2);
  g_assert_cmpfloat (t, ==, 0.75);
  /* Outside the axis: clamped to the end members. */
  skc_family_bracket (f, 0.1, &k, &t);
  g_assert_cmpuint (k, ==, 0);
  g_assert_cmpfloat (t, ==, 0.0);
  skc_family_bracket (f, 100.0, &k, &t);
  g_assert_cmpuint (k, ==, 3);
  g_assert_cmpfloat (t, ==, 0.0);
  skc_family_bracket (f, NAN, &k, &t);
  g_assert_cmpuint (k, ==, 0);
}

static void
test_eval_interpolates_taps (void)
{
  const gdouble values[3] = { 2, 4, 8 };
  g_autoptr (SkcFamily) f = make_family (3, values);
  g_autoptr (SkcComplex) out = skc_complex_copy (f->members[0]);

  skc_family_eval (f, 5.0, out);   /* a quarter of the way from 4 to 8 */
  g_assert_cmpfloat_with_epsilon (out->layers[0].taps[0].dx, 5.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (out->layers[0].taps[0].w, 0.6 + 0.25 * 0.1, 1e-12);
  g_assert_cmpfloat_with_epsilon (out->layers[0].taps[1].dy, -5.0, 1e-12);
  skc_family_eval (f, 100.0, out);
  g_assert_cmpfloat (out->layers[0].taps[0].dx, ==, 8.0);
  skc_family_eval (f, -3.0, out);
  g_assert_cmpfloat (out->layers[0].taps[0].dx, ==, 2.0);
}

static void
test_one_member_scales_exactly (void)
{
  const gdouble value = 4;
  g_autoptr (SkcFamily) f = make_family (1, &value);
  g_autoptr (SkcComplex) out = skc_complex_copy (f->members[0]);

  skc_family_eval (f, 10.0, out);
  g_assert_cmpfloat (out->layers[0].taps[0].dx, ==, 10.0);
  g_assert_cmpfloat (out->layers[1].taps[0].dx, ==, 2.5);
  g_assert_cmpfloat (out->layers[1].taps[0].dy, ==, 2.5);
  g_assert_cmpfloat (out->layers[0].taps[0].w, ==, 0.5);
}

static void
test_validate (void)
{
  const gdouble values[2] = { 1, 2 };
  const guint other[2] = { 3, 1 };
  g_autoptr (SkcFamily) f = make_family (2, values);
  g_autoptr (GError) error = NULL;

  g_assert_true (skc_family_validate (f, NULL));
  f->values[1] = 1;
  g_assert_false (skc_family_validate (f, &error));
  g_assert_error (error, SKC_ERROR, SKC_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "increase strictly"));
  g_clear_error (&error);
  f->values[1] = 2;
  skc_complex_free (f->members[1]);
  f->members[1] = skc_complex_new (2, other);
  g_assert_false (skc_family_validate (f, &error));
  g_assert_nonnull (strstr (error->message, "member 1 has another layout"));
}

/* Shaping: stretch along x, then turn counter-clockwise on screen (y down),
 * so that +90° takes +x to −y (up); members keep their values and
 * weights; an extent past the last member adds the last one scaled. */
static void
test_shaped (void)
{
  const gdouble values[2] = { 2, 4 };
  g_autoptr (SkcFamily) f = make_family (2, values);
  g_autoptr (SkcFamily) s = skc_family_shaped (f, 90, 2, 0);
  g_autoptr (SkcFamily) e = skc_family_shaped (f, 0, 1, 12);
  g_autoptr (SkcFamily) same = skc_family_shaped (f, 0, 1, 3);
  const SkcTap *t;

  g_assert_cmpuint (s->n_members, ==, 2);
  g_assert_cmpuint (same->n_members, ==, 2);
  for (guint k = 0; k < 2; k++) {
    g_assert_cmpfloat (s->values[k], ==, values[k]);
    t = s->members[k]->layers[0].taps;
    /* (v, 0) → stretched (2v, 0) → turned (0, −2v). */
    g_assert_cmpfloat_with_epsilon (t[0].dx, 0, 1e-12);
    g_assert_cmpfloat_with_epsilon (t[0].dy, -2 * values[k], 1e-12);
    g_assert_cmpfloat (t[0].w, ==, f->members[k]->layers[0].taps[0].w);
    /* (0, −v) → not stretched → turned (−v, 0). */
    g_assert_cmpfloat_with_epsilon (t[1].dx, -values[k], 1e-12);
    g_assert_cmpfloat_with_epsilon (t[1].dy, 0, 1e-12);
    /* (1, 1) → (2, 1) → (1, −2). */
    t = s->members[k]->layers[1].taps;
    g_assert_cmpfloat_with_epsilon (t[0].dx, 1, 1e-12);
    g_assert_cmpfloat_with_epsilon (t[0].dy, -2, 1e-12);
  }
  g_assert_cmpuint (e->n_members, ==, 3);
  g_assert_cmpfloat (e->values[2], ==, 12);
  t = e->members[2]->layers[0].taps;
  g_assert_cmpfloat_with_epsilon (t[0].dx, 12, 1e-12);
  g_assert_cmpfloat_with_epsilon (t[1].dy, -12, 1e-12);
  t = e->members[2]->layers[1].taps;
  g_assert_cmpfloat_with_epsilon (t[0].dx, 3, 1e-12);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/family/bracket", test_bracket);
  g_test_add_func ("/family/shaped", test_shaped);
  g_test_add_func ("/family/eval-interpolates-taps", test_eval_interpolates_taps);
  g_test_add_func ("/family/one-member-scales-exactly", test_one_member_scales_exactly);
  g_test_add_func ("/family/validate", test_validate);
  return g_test_run ();
}
