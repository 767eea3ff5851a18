/* The .skc format: exact round trips, and one test per validation rule, each
 * asserting the error's code and message. */
#include "skc.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <sys/stat.h>
#include <unistd.h>
#include <math.h>
#include <string.h>

/* A valid two-member, two-layer file; the cases below break one thing each. */
#define HEADER "[skc]\nversion=1\nname=t\naxis=radius\n"
#define GOOD HEADER "values=1;2\ntaps=2;1\n\n" \
  "[member 0]\nlayer0-dx=1;-1\nlayer0-dy=0;0.5\nlayer0-w=0.5;0.5\nlayer1-dx=0\nlayer1-dy=1\nlayer1-w=1\n\n" \
  "[member 1]\nlayer0-dx=2;-2\nlayer0-dy=0;1\nlayer0-w=0.5;0.5\nlayer1-dx=0\nlayer1-dy=2\nlayer1-w=1\n"

static void
expect_error (const gchar *text, gint code, const gchar *message)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SkcFamily) f = skc_preset_load_data (text, strlen (text), &error);

  g_assert_null (f);
  g_assert_error (error, SKC_ERROR, code);
  if (strstr (error->message, message) == NULL)
    g_error ("expected '%s' in: %s", message, error->message);
}

/* GOOD with the first occurrence of `from` replaced by `to`. */
static gchar *
variant (const gchar *from, const gchar *to)
{
  const gchar *at = strstr (GOOD, from);

  g_assert_nonnull (at);
  return g_strdup_printf ("%.*s%s%s", (gint) (at - GOOD), GOOD, to, at + strlen (from));
}

static void
test_good_file (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SkcFamily) f = skc_preset_load_data (GOOD, strlen (GOOD), &error);

  g_assert_no_error (error);
  g_assert_cmpstr (f->name, ==, "t");
  g_assert_cmpstr (f->axis, ==, "radius");
  g_assert_cmpuint (f->n_members, ==, 2);
  g_assert_cmpfloat (f->values[1], ==, 2);
  g_assert_cmpuint (f->members[1]->layers[0].n_taps, ==, 2);
  g_assert_cmpfloat (f->members[1]->layers[0].taps[1].dx, ==, -2);
  g_assert_cmpfloat (f->members[1]->layers[0].taps[1].dy, ==, 1);
  g_assert_cmpfloat (f->members[0]->layers[1].taps[0].dy, ==, 1);
}

static void
test_round_trip_exact (void)
{
  const gdouble values[2] = { 0.1, 1.0 / 3 };
  const guint taps[2] = { 4, 3 };
  const gdouble awkward[] = { 1.0 / 3, 1e-300, -0.0, 2047.999999999, -2048, 5e-324,
    G_PI, -1e10 / 7, 0.1, 1 - 1e-16, 123456789.123456789, -1.0 / 7 };
  g_autoptr (SkcFamily) f = skc_family_new ("awkward", "radius", 2, values);
  g_autoptr (SkcFamily) back = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree gchar *text = NULL;
  gsize len;
  guint a = 0;

  for (guint k = 0; k < 2; k++) {
    f->members[k] = skc_complex_new (2, taps);
    for (guint l = 0; l < 2; l++)
      for (guint i = 0; i < taps[l]; i++) {
        SkcTap *t = &f->members[k]->layers[l].taps[i];

        t->dx = CLAMP (awkward[a++ % G_N_ELEMENTS (awkward)], -2048, 2048);
        t->dy = CLAMP (awkward[a++ % G_N_ELEMENTS (awkward)], -2048, 2048);
        t->w = awkward[a++ % G_N_ELEMENTS (awkward)];
      }
  }
  f->shape = g_strdup ("star:points=5,inner=0.5,rotation=0");
  text = skc_preset_save_data (f, &len);
  back = skc_preset_load_data (text, len, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (back->shape, ==, f->shape);
  g_assert_cmpmem (back->values, sizeof (gdouble) * 2, f->values, sizeof (gdouble) * 2);
  for (guint k = 0; k < 2; k++)
    for (guint l = 0; l < 2; l++)
      /* memcmp: bit for bit, so −0.0 stays −0.0 and denormals survive. */
      g_assert_cmpmem (back->members[k]->layers[l].taps, sizeof (SkcTap) * taps[l],
          f->members[k]->layers[l].taps, sizeof (SkcTap) * taps[l]);
}

static void
test_branches_round_trip (void)
{
  const gdouble value = 24;
  const guint taps[4] = { 3, 3, 3, 3 };
  g_autoptr (SkcFamily) f = skc_family_new ("lowrank", "radius", 1, &value);
  g_autoptr (SkcFamily) back = NULL;
  g_autofree gchar *text = NULL;
  gsize len;

  f->members[0] = skc_complex_new (4, taps);
  f->members[0]->layers[2].branch = f->members[0]->layers[3].branch = 1;
  f->members[0]->layers[3].taps[2].w = 0.5;
  /* Non-zero DC gain in both branches: the loader refuses weights that cancel. */
  for (guint l = 0; l < 3; l++)
    f->members[0]->layers[l].taps[0].w = 1;
  text = skc_preset_save_data (f, &len);
  g_assert_nonnull (strstr (text, "branches=0;0;1;1"));
  back = skc_preset_load_data (text, len, NULL);
  g_assert_nonnull (back);
  g_assert_cmpuint (skc_complex_n_branches (back->members[0]), ==, 2);
  g_assert_cmpfloat (back->members[0]->layers[3].taps[2].w, ==, 0.5);
}

static void
test_example_file (void)
{
  g_autofree gchar *path = g_build_filename (g_getenv ("SKC_TEST_DATA"), "..", "..", "presets", "example.skc", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (SkcFamily) f = skc_preset_load_file (path, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (f->n_members, ==, 2);
  g_assert_true (skc_family_validate (f, NULL));
}

/* Every built-in family loads, has the documented layout (presets/generate.sh:
 * 84 + 4 + 4 + 4 taps, the Gaussian 4 × 24) and keeps Σw = 1 in every layer
 * of every member. */
static void
test_builtin_presets (void)
{
  const gchar *names[] = { "disc", "hexagon", "octagon", "star", "heart", "ring", "gaussian" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++) {
    const guint flat[4] = { 84, 4, 4, 4 }, smooth[4] = { 24, 24, 24, 24 };
    const guint *taps = g_str_equal (names[i], "gaussian") ? smooth : flat;
    g_autoptr (GError) error = NULL;
    g_autoptr (SkcFamily) f = skc_preset_lookup (names[i], &error);

    g_assert_no_error (error);
    g_assert_cmpstr (f->name, ==, names[i]);
    g_assert_cmpstr (f->axis, ==, "radius");
    g_assert_nonnull (f->shape);
    g_assert_cmpuint (f->n_members, ==, 27);
    g_assert_cmpfloat (f->values[0], ==, 1);
    g_assert_cmpfloat (f->values[26], ==, 64);
    g_assert_true (skc_family_validate (f, NULL));
    for (guint k = 0; k < f->n_members; k++) {
      g_assert_cmpuint (f->members[k]->n_layers, ==, 4);
      for (guint l = 0; l < 4; l++) {
        g_assert_cmpuint (f->members[k]->layers[l].n_taps, ==, taps[l]);
        g_assert_cmpfloat_with_epsilon (skc_layer_weight_sum (&f->members[k]->layers[l]), 1.0, 1e-9);
      }
    }
  }
}

/* The shipped fast fixed complex (presets/fast/README.md) is what its
 * regeneration command promises: one member at 32 px, 84 + 4 + 4 + 4 taps,
 * the first layer's rows snapped and half its columns, Σw = 1 — so it costs
 * under 160 integer taps — and its impulse response still matches the
 * hexagon within 0.5 dB of the 19.17 dB it was fitted to. */
static void
test_fast_preset (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SkcFamily) f = skc_preset_lookup ("fast/hexagon-r32", &error);
  g_autoptr (SkcFixedKernel) k = NULL;
  g_autoptr (SkcRaster) ir = NULL, target = NULL;
  SkcShapeSpec spec;
  const SkcLayer *first;
  guint whole_columns = 0;

  g_assert_no_error (error);
  g_assert_cmpuint (f->n_members, ==, 1);
  g_assert_cmpfloat (f->values[0], ==, 32);
  g_assert_cmpuint (f->members[0]->n_layers, ==, 4);
  first = &f->members[0]->layers[0];
  g_assert_cmpuint (first->n_taps, ==, 84);
  for (guint i = 0; i < first->n_taps; i++) {
    g_assert_cmpfloat (first->taps[i].dy, ==, round (first->taps[i].dy));
    whole_columns += first->taps[i].dx == round (first->taps[i].dx);
  }
  g_assert_cmpuint (whole_columns, >=, first->n_taps / 2);
  for (guint l = 0; l < 4; l++)
    g_assert_cmpfloat_with_epsilon (skc_layer_weight_sum (&f->members[0]->layers[l]), 1.0, 1e-9);
  k = skc_fixed_kernel_new (f->members[0], &error);
  g_assert_no_error (error);
  g_assert_cmpuint (skc_fixed_kernel_total_taps (k), <, 160);
  g_assert_true (skc_shape_spec_parse (f->shape, &spec, &error));
  target = skc_shape_render (&spec, 32, &error);
  g_assert_no_error (error);
  ir = skc_complex_impulse_response (f->members[0]);
  g_assert_cmpfloat (skc_raster_psnr (ir, target), >, 19.17 - 0.5);
  skc_shape_spec_clear (&spec);
}

static void
test_file_errors (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree gchar *dir = g_dir_make_tmp ("skc-preset-XXXXXX", NULL);
  g_autofree gchar *big = g_build_filename (dir, "big.skc", NULL);
  FILE *f;

  g_assert_null (skc_preset_load_file ("/nonexistent/x.skc", &error));
  g_assert_error (error, SKC_ERROR, SKC_ERROR_IO);
  g_clear_error (&error);
  /* Refused by size before it is read. */
  f = fopen (big, "wb");
  g_assert_nonnull (f);
  g_assert_cmpint (fseek (f, (64 << 20) + 1, SEEK_SET), ==, 0);
  fputc ('x', f);
  fclose (f);
  g_assert_null (skc_preset_load_file (big, &error));
  g_assert_error (error, SKC_ERROR, SKC_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "more than the 64 MiB"));
  g_unlink (big);
  g_rmdir (dir);
}

#define CASE(fn, body) static void fn (void) { body; }

CASE (test_empty, expect_error ("", SKC_ERROR_INVALID, "empty preset"))
CASE (test_not_utf8, expect_error ("[skc]\nversion=1\nname=h\xC3\x28llo\n", SKC_ERROR_INVALID, "not UTF-8 text"))
CASE (test_absurd_version, expect_error ("[skc]\nversion=99999999999999999999999\n", SKC_ERROR_VERSION,
    "99999999999999999999999 is not supported"))
CASE (test_one_member_value_zero, expect_error ("[skc]\nversion=1\nname=x\naxis=radius\nvalues=0\ntaps=1\n"
    "[member 0]\nlayer0-dx=0\nlayer0-dy=0\nlayer0-w=1\n", SKC_ERROR_INVALID, "must be > 0"))
CASE (test_weights_cancel, expect_error ("[skc]\nversion=1\nname=x\naxis=radius\nvalues=4\ntaps=2\n"
    "[member 0]\nlayer0-dx=0;1\nlayer0-dy=0;0\nlayer0-w=1;-1\n", SKC_ERROR_INVALID, "weights sum to 0"))
CASE (test_not_key_file, expect_error ("hello\nworld\n", SKC_ERROR_INVALID, "not a preset key file"))
static void
test_nul_bytes (void)
{
  static const gchar text[] = "[skc]\nversion=1\n\0x";
  g_autoptr (GError) error = NULL;

  g_assert_null (skc_preset_load_data (text, sizeof (text) - 1, &error));
  g_assert_error (error, SKC_ERROR, SKC_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "not a text file (it contains NUL bytes)"));
}
CASE (test_missing_skc, expect_error ("[other]\nx=1\n", SKC_ERROR_MISSING, "[skc]: missing group"))
CASE (test_missing_version, expect_error ("[skc]\nname=t\n", SKC_ERROR_MISSING, "[skc] version: missing"))
CASE (test_version_not_integer, expect_error ("[skc]\nversion=one\n", SKC_ERROR_INVALID, "[skc] version: 'one' is not an integer"))
CASE (test_unknown_version, expect_error ("[skc]\nversion=3\n", SKC_ERROR_VERSION, "[skc] version: 3 is not supported"))
CASE (test_version_zero, expect_error ("[skc]\nversion=0\n", SKC_ERROR_VERSION, "[skc] version: 0 is not supported"))
/* Halved members (version 2): each rule of [skc] decimation. */
#define HEADER2 "[skc]\nversion=2\nname=t\naxis=radius\n"
#define MEMBERS2 "values=1;2\ntaps=1\n[member 0]\nlayer0-dx=0\nlayer0-dy=0\nlayer0-w=1\n" \
  "[member 1]\nlayer0-dx=1\nlayer0-dy=0\nlayer0-w=1\n"
/* The built-in families, version 1, load and save back byte for byte, with
 * no decimation: version 2 leaves them as they were. */
static void
test_version1_unchanged (void)
{
  const gchar *names[] = { "disc", "hexagon", "octagon", "star", "heart", "ring", "gaussian", "motion" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++) {
    g_autofree gchar *file = g_strdup_printf ("%s.skc", names[i]);
    g_autofree gchar *p = g_build_filename (g_getenv ("SKC_TEST_DATA"), "..", "..", "presets", file, NULL);
    g_autofree gchar *text = NULL, *again = NULL;
    g_autoptr (SkcFamily) f = NULL;
    gsize len, len2;

    g_assert_true (g_file_get_contents (p, &text, &len, NULL));
    g_assert_true (g_str_has_prefix (text, "[skc]\nversion=1\n"));
    f = skc_preset_load_data (text, len, NULL);
    g_assert_nonnull (f);
    g_assert_null (f->decimation);
    again = skc_preset_save_data (f, &len2);
    g_assert_cmpmem (again, len2, text, len);
  }
}

/* One row a rule: the [skc] line before MEMBERS2, the message expected. */
static void
test_decimation_errors (void)
{
  static const struct { const gchar *head, *message; } rules[] = {
    { HEADER "decimation=1;2\n", "[skc] decimation: needs version=2" },
    { HEADER2 "decimation=2\n", "[skc] decimation: expected 2 values (one per member), found 1" },
    { HEADER2 "decimation=1;4\n", "[skc] decimation: item 1 is 4, expected a whole number in 1..2" },
    { HEADER2 "decimation=0;1\n", "[skc] decimation: item 0 is 0, expected a whole number in 1..2" },
    { HEADER2 "decimation=1;1.5\n", "[skc] decimation: item 1 is 1.5" },
    { HEADER2 "decimation=2;1\n", "[skc] decimation: must not decrease along the axis, but item 1 (1) follows 2" },
    { HEADER2 "decimation=1;half\n", "[skc] decimation: item 1 'half' is not a number" },
    { HEADER2 "decimation=\n", "[skc] decimation: empty list" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (rules); i++) {
    g_autofree gchar *text = g_strconcat (rules[i].head, MEMBERS2, NULL);

    expect_error (text, SKC_ERROR_INVALID, rules[i].message);
  }
}

/* Version 2 with halved members saves and loads back exactly; without
 * halved members a family is written as version 1, so version-1 files (and
 * version 2 ones that halve nothing) save as before. */
static void
test_decimation_round_trip (void)
{
  g_autoptr (SkcFamily) f = skc_preset_load_data (HEADER2 "decimation=1;2\n" MEMBERS2, strlen (HEADER2 "decimation=1;2\n" MEMBERS2), NULL);
  g_autoptr (SkcFamily) plain = skc_preset_load_data (HEADER2 "decimation=1;1\n" MEMBERS2, strlen (HEADER2 "decimation=1;1\n" MEMBERS2), NULL);
  g_autoptr (SkcFamily) v1 = skc_preset_load_data (GOOD, strlen (GOOD), NULL);
  g_autoptr (SkcFamily) back = NULL;
  g_autofree gchar *text = NULL, *plain_text = NULL, *v1_text = NULL;
  gsize len;

  g_assert_nonnull (f);
  g_assert_nonnull (f->decimation);
  g_assert_cmpuint (f->decimation[0], ==, 1);
  g_assert_cmpuint (f->decimation[1], ==, 2);
  text = skc_preset_save_data (f, &len);
  g_assert_nonnull (strstr (text, "version=2\n"));
  g_assert_nonnull (strstr (text, "decimation=1;2\n"));
  back = skc_preset_load_data (text, len, NULL);
  g_assert_nonnull (back);
  g_assert_cmpmem (back->decimation, 2, f->decimation, 2);

  g_assert_nonnull (plain);
  g_assert_null (plain->decimation);
  plain_text = skc_preset_save_data (plain, NULL);
  g_assert_nonnull (strstr (plain_text, "version=1\n"));
  g_assert_null (strstr (plain_text, "decimation"));

  v1_text = skc_preset_save_data (v1, NULL);
  g_assert_nonnull (strstr (v1_text, "version=1\n"));
  g_assert_null (v1->decimation);
}
CASE (test_missing_name, expect_error ("[skc]\nversion=1\naxis=radius\n", SKC_ERROR_MISSING, "[skc] name: missing"))
CASE (test_missing_axis, expect_error ("[skc]\nversion=1\nname=t\n", SKC_ERROR_MISSING, "[skc] axis: missing"))
CASE (test_missing_values, expect_error (HEADER "taps=1\n", SKC_ERROR_MISSING, "[skc] values: missing"))
CASE (test_empty_values, expect_error (HEADER "values=\ntaps=1\n", SKC_ERROR_INVALID, "[skc] values: empty list"))
CASE (test_values_not_number, expect_error (HEADER "values=1;x2\n", SKC_ERROR_INVALID, "[skc] values: item 1 'x2' is not a number"))
CASE (test_values_nan, expect_error (HEADER "values=nan\n", SKC_ERROR_INVALID, "[skc] values: item 0 'nan' is not finite"))
CASE (test_values_inf, expect_error (HEADER "values=1;inf\n", SKC_ERROR_INVALID, "[skc] values: item 1 'inf' is not finite"))
CASE (test_values_not_increasing, expect_error (HEADER "values=1;3;3\ntaps=1\n", SKC_ERROR_INVALID, "[skc] values: must increase strictly, but item 2 (3) follows 3"))
CASE (test_missing_taps, expect_error (HEADER "values=1\n", SKC_ERROR_MISSING, "[skc] taps: missing"))
CASE (test_taps_zero, expect_error (HEADER "values=1\ntaps=4;0\n", SKC_ERROR_INVALID, "[skc] taps: item 1 is 0, expected a whole number in 1..4096"))
CASE (test_taps_too_many, expect_error (HEADER "values=1\ntaps=4097\n", SKC_ERROR_INVALID, "[skc] taps: item 0 is 4097"))
CASE (test_taps_fraction, expect_error (HEADER "values=1\ntaps=2.5\n", SKC_ERROR_INVALID, "[skc] taps: item 0 is 2.5"))

static void
test_too_many_layers (void)
{
  GString *s = g_string_new (HEADER "values=1\ntaps=1");

  for (gint l = 0; l < SKC_MAX_LAYERS; l++)
    g_string_append (s, ";1");
  g_string_append_c (s, '\n');
  expect_error (s->str, SKC_ERROR_INVALID, "[skc] taps: 65 layers, more than 64");
  g_string_free (s, TRUE);
}

static void
test_too_many_members (void)
{
  GString *s = g_string_new (HEADER "values=1");

  for (gint k = 2; k <= 4097; k++)
    g_string_append_printf (s, ";%d", k);
  g_string_append (s, "\ntaps=1\n");
  expect_error (s->str, SKC_ERROR_INVALID, "[skc] values: 4097 members, more than 4096");
  g_string_free (s, TRUE);
}

#define VARIANT_CASE(fn, from, to, code, msg) \
  static void fn (void) { g_autofree gchar *t = variant (from, to); expect_error (t, code, msg); }

VARIANT_CASE (test_missing_member, "[member 1]", "[memberX 1]", SKC_ERROR_INVALID, "[memberX 1]: unknown group")
VARIANT_CASE (test_member_absent, "values=1;2", "values=1;2;3", SKC_ERROR_MISSING, "[member 2]: missing group")
VARIANT_CASE (test_extra_member, "values=1;2", "values=1", SKC_ERROR_INVALID, "[member 1]: unexpected group (values lists 1 members)")
VARIANT_CASE (test_missing_layer_key, "layer1-dy=2\n", "", SKC_ERROR_MISSING, "[member 1] layer1-dy: missing")
VARIANT_CASE (test_wrong_count, "layer0-dx=2;-2", "layer0-dx=2;-2;3", SKC_ERROR_INVALID, "[member 1] layer0-dx: expected 2 values, found 3")
VARIANT_CASE (test_too_few, "layer0-w=0.5;0.5\nlayer1-dx=0\nlayer1-dy=1", "layer0-w=0.5\nlayer1-dx=0\nlayer1-dy=1", SKC_ERROR_INVALID, "[member 0] layer0-w: expected 2 values, found 1")
VARIANT_CASE (test_offset_too_far, "layer0-dx=2;-2", "layer0-dx=2;-2048.5", SKC_ERROR_INVALID, "[member 1] layer0-dx: item 1 is -2048.5, beyond the 2048 px offset limit")
VARIANT_CASE (test_offset_nan, "layer0-dy=0;1", "layer0-dy=0;NaN", SKC_ERROR_INVALID, "[member 1] layer0-dy: item 1 'NaN' is not finite")
VARIANT_CASE (test_weight_inf, "layer1-w=1\n\n", "layer1-w=-inf\n\n", SKC_ERROR_INVALID, "[member 0] layer1-w: item 0 '-inf' is not finite")
VARIANT_CASE (test_weight_garbage, "layer1-w=1\n\n", "layer1-w=1e\n\n", SKC_ERROR_INVALID, "[member 0] layer1-w: item 0 '1e' is not a number")
VARIANT_CASE (test_branches_count, "taps=2;1\n", "taps=2;1\nbranches=0\n", SKC_ERROR_INVALID, "[skc] branches: expected 2 values (one per layer), found 1")
VARIANT_CASE (test_branches_decreasing, "taps=2;1\n", "taps=2;1\nbranches=1;0\n", SKC_ERROR_INVALID, "[skc] branches: must not decrease, but item 1 (0) follows 1")
VARIANT_CASE (test_branches_negative, "taps=2;1\n", "taps=2;1\nbranches=-1;0\n", SKC_ERROR_INVALID, "[skc] branches: item 0 is -1")
VARIANT_CASE (test_duplicate_group_key, "name=t\n", "name=t\nname=u\nversion=3\n", SKC_ERROR_VERSION, "[skc] version: 3 is not supported")

/* One lookup for names and paths: the built-in family and the fast complex by
 * name, the same bytes as the shipped files by path, a name that is not
 * built in named in the error with the list, and a ./ path never taken for
 * a name. */
static void
test_lookup (void)
{
  g_autofree gchar *path = g_build_filename (g_getenv ("SKC_TEST_DATA"), "..", "..", "presets", "disc.skc", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (SkcFamily) by_name = skc_preset_lookup ("disc", &error);
  g_autoptr (SkcFamily) by_path = NULL, fast = NULL, missing = NULL, dotted = NULL;
  g_autofree gchar *names = skc_preset_builtin_names ();

  g_assert_no_error (error);
  by_path = skc_preset_lookup (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (by_name->n_members, ==, by_path->n_members);
  for (guint m = 0; m < by_name->n_members; m++)
    g_assert_cmpuint (skc_complex_total_taps (by_name->members[m]), ==,
        skc_complex_total_taps (by_path->members[m]));
  fast = skc_preset_lookup ("fast/hexagon-r32", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (fast->n_members, ==, 1);
  g_assert_true (skc_preset_is_builtin ("hexagon"));
  g_assert_true (skc_preset_is_builtin ("fast/hexagon-r32"));
  g_assert_false (skc_preset_is_builtin ("fast"));
  g_assert_false (skc_preset_is_builtin ("hexagon.skc"));
  g_assert_false (skc_preset_is_builtin (""));
  g_assert_cmpstr (names, ==, "disc, gaussian, heart, hexagon, motion, octagon, ring, star");

  missing = skc_preset_lookup ("pentagram", &error);
  g_assert_null (missing);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "pentagram"));
  g_assert_nonnull (strstr (error->message, names));
  g_clear_error (&error);
  dotted = skc_preset_lookup ("./disc", &error);
  g_assert_null (dotted);
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_null (skc_preset_lookup ("", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
}

/* Files that are not regular: a FIFO and a device are refused at once
 * (a FIFO with no writer would block a plain open), a save through a
 * symbolic link writes its target and keeps the link, a save over a device
 * is refused and leaves it a device. */
static void
test_not_regular (void)
{
  g_autofree gchar *dir = g_dir_make_tmp ("skc-preset-XXXXXX", NULL);
  g_autofree gchar *fifo = g_build_filename (dir, "fifo.skc", NULL);
  g_autofree gchar *real = g_build_filename (dir, "real.skc", NULL);
  g_autofree gchar *link = g_build_filename (dir, "link.skc", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (SkcFamily) f = skc_preset_lookup ("disc", &error);
  g_autoptr (SkcFamily) back = NULL;
  g_autoptr (SkcImage) img = NULL;
  GStatBuf st;

  g_assert_no_error (error);
  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  g_assert_null (skc_preset_load_file (fifo, &error));
  g_assert_error (error, SKC_ERROR, SKC_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "not a regular file"));
  g_clear_error (&error);
  img = skc_image_load (fifo, &error);
  g_assert_null (img);
  g_assert_error (error, SKC_ERROR, SKC_ERROR_IO);
  g_clear_error (&error);
  g_assert_null (skc_preset_load_file ("/dev/zero", &error));
  g_assert_error (error, SKC_ERROR, SKC_ERROR_IO);
  g_clear_error (&error);

  g_assert_true (g_file_set_contents (real, "old", -1, NULL));
  g_assert_cmpint (symlink ("real.skc", link), ==, 0);
  g_assert_true (skc_preset_save_file (f, link, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_lstat (link, &st), ==, 0);
  g_assert_true (S_ISLNK (st.st_mode));
  back = skc_preset_load_file (real, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (back->n_members, ==, f->n_members);

  g_assert_false (skc_preset_save_file (f, "/dev/null", &error));
  g_assert_error (error, SKC_ERROR, SKC_ERROR_IO);
  g_clear_error (&error);
  g_assert_cmpint (g_stat ("/dev/null", &st), ==, 0);
  g_assert_true (S_ISCHR (st.st_mode));
  g_assert_false (skc_preset_save_file (f, dir, &error));
  g_clear_error (&error);

  g_unlink (fifo);
  g_unlink (link);
  g_unlink (real);
  g_rmdir (dir);
}

/* A UTF-8 byte-order mark before the first group is skipped. */
static void
test_bom (void)
{
  g_autofree gchar *path = g_build_filename (g_getenv ("SKC_TEST_DATA"), "..", "..", "presets", "example.skc", NULL);
  g_autofree gchar *text = NULL, *with_bom = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (SkcFamily) f = NULL;
  gsize len;

  g_assert_true (g_file_get_contents (path, &text, &len, NULL));
  with_bom = g_strconcat ("\xEF\xBB\xBF", text, NULL);
  f = skc_preset_load_data (with_bom, len + 3, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (f->n_members, ==, 2);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/preset/good-file", test_good_file);
  g_test_add_func ("/preset/round-trip-exact", test_round_trip_exact);
  g_test_add_func ("/preset/branches-round-trip", test_branches_round_trip);
  g_test_add_func ("/preset/example-file", test_example_file);
  g_test_add_func ("/preset/file-errors", test_file_errors);
  g_test_add_func ("/preset/builtin-presets", test_builtin_presets);
  g_test_add_func ("/preset/fast-preset", test_fast_preset);
  g_test_add_func ("/preset/invalid/empty", test_empty);
  g_test_add_func ("/preset/invalid/not-key-file", test_not_key_file);
  g_test_add_func ("/preset/invalid/nul-bytes", test_nul_bytes);
  g_test_add_func ("/preset/invalid/missing-skc", test_missing_skc);
  g_test_add_func ("/preset/invalid/missing-version", test_missing_version);
  g_test_add_func ("/preset/invalid/version-not-integer", test_version_not_integer);
  g_test_add_func ("/preset/invalid/unknown-version", test_unknown_version);
  g_test_add_func ("/preset/invalid/version-zero", test_version_zero);
  g_test_add_func ("/preset/decimation-round-trip", test_decimation_round_trip);
  g_test_add_func ("/preset/version1-unchanged", test_version1_unchanged);
  g_test_add_func ("/preset/invalid/decimation", test_decimation_errors);
  g_test_add_func ("/preset/invalid/missing-name", test_missing_name);
  g_test_add_func ("/preset/invalid/missing-axis", test_missing_axis);
  g_test_add_func ("/preset/invalid/missing-values", test_missing_values);
  g_test_add_func ("/preset/invalid/empty-values", test_empty_values);
  g_test_add_func ("/preset/invalid/values-not-number", test_values_not_number);
  g_test_add_func ("/preset/invalid/values-nan", test_values_nan);
  g_test_add_func ("/preset/invalid/values-inf", test_values_inf);
  g_test_add_func ("/preset/invalid/values-not-increasing", test_values_not_increasing);
  g_test_add_func ("/preset/invalid/missing-taps", test_missing_taps);
  g_test_add_func ("/preset/invalid/taps-zero", test_taps_zero);
  g_test_add_func ("/preset/invalid/taps-too-many", test_taps_too_many);
  g_test_add_func ("/preset/invalid/taps-fraction", test_taps_fraction);
  g_test_add_func ("/preset/invalid/too-many-layers", test_too_many_layers);
  g_test_add_func ("/preset/invalid/too-many-members", test_too_many_members);
  g_test_add_func ("/preset/invalid/unknown-group", test_missing_member);
  g_test_add_func ("/preset/invalid/member-absent", test_member_absent);
  g_test_add_func ("/preset/invalid/extra-member", test_extra_member);
  g_test_add_func ("/preset/invalid/missing-layer-key", test_missing_layer_key);
  g_test_add_func ("/preset/invalid/wrong-count", test_wrong_count);
  g_test_add_func ("/preset/invalid/too-few", test_too_few);
  g_test_add_func ("/preset/invalid/offset-too-far", test_offset_too_far);
  g_test_add_func ("/preset/invalid/offset-nan", test_offset_nan);
  g_test_add_func ("/preset/invalid/weight-inf", test_weight_inf);
  g_test_add_func ("/preset/invalid/weight-garbage", test_weight_garbage);
  g_test_add_func ("/preset/invalid/branches-count", test_branches_count);
  g_test_add_func ("/preset/invalid/branches-decreasing", test_branches_decreasing);
  g_test_add_func ("/preset/invalid/branches-negative", test_branches_negative);
  g_test_add_func ("/preset/invalid/duplicate-key-last-wins", test_duplicate_group_key);
  g_test_add_func ("/preset/lookup", test_lookup);
  g_test_add_func ("/preset/invalid/not-utf8", test_not_utf8);
  g_test_add_func ("/preset/invalid/absurd-version", test_absurd_version);
  g_test_add_func ("/preset/invalid/one-member-value-zero", test_one_member_value_zero);
  g_test_add_func ("/preset/invalid/weights-cancel", test_weights_cancel);
  g_test_add_func ("/preset/bom-skipped", test_bom);
  g_test_add_func ("/preset/file/not-regular", test_not_regular);
  return g_test_run ();
}
