/* libskc — .skc preset files (GKeyFile text, presets/README.md).
 * Loading is strict: every problem is a GError naming group, key and value;
 * nothing is guessed, nothing unknown is accepted as a version. */
#include "skc-preset.h"
#include "skc-error.h"
#include "skc-format.h"
#include "skc-file.h"

#include <math.h>
#include <glib/gstdio.h>
#include <string.h>

#define MAX_FILE_SIZE  (64u << 20)
#define MAX_MEMBERS    4096

static gchar *
member_group (guint k)
{
  return g_strdup_printf ("member %u", k);
}

/* A list of doubles, strict: every item must parse completely and be finite. */
static gdouble *
get_doubles (GKeyFile *kf, const gchar *group, const gchar *key, gsize *n, GError **error)
{
  g_auto (GStrv) items = NULL;
  g_autofree gchar *raw = NULL;
  gdouble *out;
  GError *inner = NULL;

  raw = g_key_file_get_value (kf, group, key, &inner);
  if (raw == NULL) {
    g_set_error (error, SKC_ERROR, SKC_ERROR_MISSING, "[%s] %s: missing", group, key);
    g_error_free (inner);
    return NULL;
  }
  items = g_strsplit (raw, ";", -1);
  *n = g_strv_length (items);
  /* GKeyFile lists may end with the separator. */
  if (*n > 0 && *g_strstrip (items[*n - 1]) == '\0')
    (*n)--;
  if (*n == 0) {
    g_set_error (error, SKC_ERROR, SKC_ERROR_INVALID, "[%s] %s: empty list", group, key);
    return NULL;
  }
  out = g_new (gdouble, *n);
  for (gsize i = 0; i < *n; i++) {
    gchar *item = g_strstrip (items[i]), *end;

    out[i] = g_ascii_strtod (item, &end);
    if (*item == '\0' || *end != '\0') {
      g_set_error (error, SKC_ERROR, SKC_ERROR_INVALID, "[%s] %s: item %zu '%s' is not a number",
          group, key, i, item);
      g_free (out);
      return NULL;
    }
    if (!isfinite (out[i])) {
      g_set_error (error, SKC_ERROR, SKC_ERROR_INVALID, "[%s] %s: item %zu '%s' is not finite",
          group, key, i, item);
      g_free (out);
      return NULL;
    }
  }
  return out;
}

static gboolean
get_counts (GKeyFile *kf, const gchar *key, guint max, gboolean allow_zero, gsize *n,
    guint **out, GError **error)
{
  g_autofree gdouble *v = get_doubles (kf, "skc", key, n, error);

  if (v == NULL)
    return FALSE;
  *out = g_new (guint, *n);
  for (gsize i = 0; i < *n; i++) {
    if (v[i] != floor (v[i]) || v[i] < (allow_zero ? 0 : 1) || v[i] > max) {
      g_set_error (error, SKC_ERROR, SKC_ERROR_INVALID, "[skc] %s: item %zu is %g, expected a whole number in %u..%u",
          key, i, v[i], allow_zero ? 0 : 1, max);
      g_clear_pointer (out, g_free);
      return FALSE;
    }
    (*out)[i] = (guint) v[i];
  }
  return TRUE;
}

static gchar *
get_string (GKeyFile *kf, const gchar *key, GError **error)
{
  gchar *s = g_key_file_get_string (kf, "skc", key, NULL);

  if (s == NULL || *s == '\0') {
    g_free (s);
    g_set_error (error, SKC_ERROR, SKC_ERROR_MISSING, "[skc] %s: missing", key);
    return NULL;
  }
  return s;
}

static gboolean
check_version (GKeyFile *kf, gint *version, GError **error)
{
  g_autofree gchar *raw = g_key_file_get_value (kf, "skc", "version", NULL);
  gchar *end;
  gint64 v;

  if (raw == NULL) {
    g_set_error (error, SKC_ERROR, SKC_ERROR_MISSING, "[skc] version: missing");
    return FALSE;
  }
  v = g_ascii_strtoll (g_strstrip (raw), &end, 10);
  if (*raw == '\0' || *end != '\0') {
    g_set_error (error, SKC_ERROR, SKC_ERROR_INVALID, "[skc] version: '%s' is not an integer", raw);
    return FALSE;
  }
  if (v < 1 || v > SKC_PRESET_VERSION) {
    /* The text as written: an absurd number must not read back as the
     * clamped G_MAXINT64 strtoll leaves. */
    g_set_error (error, SKC_ERROR, SKC_ERROR_VERSION,
        "[skc] version: %s is not supported (this library reads versions 1 to %d)",
        raw, SKC_PRESET_VERSION);
    return FALSE;
  }
  *version = (gint) v;
  return TRUE;
}

static SkcComplex *
load_member (GKeyFile *kf, guint k, guint n_layers, const guint *taps, const guint *branches,
    GError **error)
{
  g_autofree gchar *group = member_group (k);
  g_autoptr (SkcComplex) c = NULL;
  static const gchar *const suffix[3] = { "dx", "dy", "w" };

  if (!g_key_file_has_group (kf, group)) {
    g_set_error (error, SKC_ERROR, SKC_ERROR_MISSING, "[%s]: missing group", group);
    return NULL;
  }
  c = skc_complex_new (n_layers, taps);
  for (guint l = 0; l < n_layers; l++) {
    c->layers[l].branch = branches ? branches[l] : 0;
    for (guint p = 0; p < 3; p++) {
      g_autofree gchar *key = g_strdup_printf ("layer%u-%s", l, suffix[p]);
      g_autofree gdouble *v = NULL;
      gsize n;

      v = get_doubles (kf, group, key, &n, error);
      if (v == NULL)
        return NULL;
      if (n != taps[l]) {
        g_set_error (error, SKC_ERROR, SKC_ERROR_INVALID, "[%s] %s: expected %u values, found %zu",
            group, key, taps[l], n);
        return NULL;
      }
      for (guint i = 0; i < n; i++) {
        if (p < 2 && fabs (v[i]) > SKC_MAX_OFFSET) {
          g_set_error (error, SKC_ERROR, SKC_ERROR_INVALID,
              "[%s] %s: item %u is %g, beyond the %g px offset limit", group, key, i, v[i], SKC_MAX_OFFSET);
          return NULL;
        }
        if (p == 0)
          c->layers[l].taps[i].dx = v[i];
        else if (p == 1)
          c->layers[l].taps[i].dy = v[i];
        else
          c->layers[l].taps[i].w = v[i];
      }
    }
  }
  return g_steal_pointer (&c);
}

/* Only [skc] and [member 0..M-1] may appear. */
static gboolean
check_groups (GKeyFile *kf, guint n_members, GError **error)
{
  g_auto (GStrv) groups = g_key_file_get_groups (kf, NULL);

  for (guint i = 0; groups[i]; i++) {
    guint64 k;
    gchar *end;

    if (g_str_equal (groups[i], "skc"))
      continue;
    if (g_str_has_prefix (groups[i], "member ") && g_ascii_isdigit (groups[i][7])) {
      k = g_ascii_strtoull (groups[i] + 7, &end, 10);
      if (*end == '\0' && k < n_members)
        continue;
      g_set_error (error, SKC_ERROR, SKC_ERROR_INVALID,
          "[%s]: unexpected group (values lists %u members)", groups[i], n_members);
      return FALSE;
    }
    g_set_error (error, SKC_ERROR, SKC_ERROR_INVALID, "[%s]: unknown group", groups[i]);
    return FALSE;
  }
  return TRUE;
}

SkcFamily *
skc_preset_load_data (const gchar *data, gsize length, GError **error)
{
  g_autoptr (GKeyFile) kf = g_key_file_new ();
  g_autoptr (SkcFamily) f = NULL;
  g_autofree gchar *name = NULL, *axis = NULL;
  g_autofree gdouble *values = NULL;
  g_autofree guint *taps = NULL, *branches = NULL;
  g_autofree guint *decimation = NULL;
  gsize n_values, n_layers, n_branches, n_decimation;
  gint version = 0;
  GError *inner = NULL;

  if (length == 0 || data == NULL) {
    g_set_error (error, SKC_ERROR, SKC_ERROR_INVALID, "empty preset");
    return NULL;
  }
  if (memchr (data, '\0', length) != NULL) {
    g_set_error (error, SKC_ERROR, SKC_ERROR_INVALID, "not a text file (it contains NUL bytes)");
    return NULL;
  }
  /* A UTF-8 byte-order mark, as some editors write, is skipped. */
  if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0) {
    data += 3;
    length -= 3;
  }
  {
    const gchar *bad;

    /* GKeyFile would report a name in another encoding as missing. */
    if (!g_utf8_validate_len (data, length, &bad)) {
      g_set_error (error, SKC_ERROR, SKC_ERROR_INVALID, "not UTF-8 text (invalid byte at offset %zu)",
          (gsize) (bad - data));
      return NULL;
    }
  }
  if (!g_key_file_load_from_data (kf, data, length, G_KEY_FILE_NONE, &inner)) {
    g_set_error (error, SKC_ERROR, SKC_ERROR_INVALID, "not a preset key file: %s", inner->message);
    g_error_free (inner);
    return NULL;
  }
  if (!g_key_file_has_group (kf, "skc")) {
    g_set_error (error, SKC_ERROR, SKC_ERROR_MISSING, "[skc]: missing group");
    return NULL;
  }
  if (!check_version (kf, &version, error) ||
      (name = get_string (kf, "name", error)) == NULL ||
      (axis = get_string (kf, "axis", error)) == NULL ||
      (values = get_doubles (kf, "skc", "values", &n_values, error)) == NULL)
    return NULL;
  if (n_values > MAX_MEMBERS) {
    g_set_error (error, SKC_ERROR, SKC_ERROR_INVALID, "[skc] values: %zu members, more than %u",
        n_values, MAX_MEMBERS);
    return NULL;
  }
  for (gsize k = 1; k < n_values; k++) {
    if (!(values[k] > values[k - 1])) {
      g_set_error (error, SKC_ERROR, SKC_ERROR_INVALID,
          "[skc] values: must increase strictly, but item %zu (%g) follows %g", k, values[k], values[k - 1]);
      return NULL;
    }
  }
  /* One member is scaled by radius / value: a value ≤ 0 would make the
   * radius meaningless. */
  if (n_values == 1 && !(values[0] > 0)) {
    g_set_error (error, SKC_ERROR, SKC_ERROR_INVALID,
        "[skc] values: a one-member preset's value is the radius it was fitted at and must be > 0, not %g",
        values[0]);
    return NULL;
  }
  if (!get_counts (kf, "taps", SKC_MAX_TAPS, FALSE, &n_layers, &taps, error))
    return NULL;
  if (n_layers > SKC_MAX_LAYERS) {
    g_set_error (error, SKC_ERROR, SKC_ERROR_INVALID, "[skc] taps: %zu layers, more than %d",
        n_layers, SKC_MAX_LAYERS);
    return NULL;
  }
  if (g_key_file_has_key (kf, "skc", "branches", NULL)) {
    if (!get_counts (kf, "branches", SKC_MAX_LAYERS, TRUE, &n_branches, &branches, error))
      return NULL;
    if (n_branches != n_layers) {
      g_set_error (error, SKC_ERROR, SKC_ERROR_INVALID, "[skc] branches: expected %zu values (one per layer), found %zu",
          n_layers, n_branches);
      return NULL;
    }
    for (gsize l = 1; l < n_layers; l++)
      if (branches[l] < branches[l - 1]) {
        g_set_error (error, SKC_ERROR, SKC_ERROR_INVALID, "[skc] branches: must not decrease, but item %zu (%u) follows %u",
            l, branches[l], branches[l - 1]);
        return NULL;
      }
  }
  if (g_key_file_has_key (kf, "skc", "decimation", NULL)) {
    /* A version-1 reader ignores keys it does not know: it would run the
     * halved members at full resolution, a blur half the size. */
    if (version < 2) {
      g_set_error (error, SKC_ERROR, SKC_ERROR_INVALID,
          "[skc] decimation: needs version=2 (a version-1 reader would run those members at full resolution)");
      return NULL;
    }
    if (!get_counts (kf, "decimation", 2, FALSE, &n_decimation, &decimation, error))
      return NULL;
    if (n_decimation != n_values) {
      g_set_error (error, SKC_ERROR, SKC_ERROR_INVALID,
          "[skc] decimation: expected %zu values (one per member), found %zu", n_values, n_decimation);
      return NULL;
    }
    for (gsize k = 1; k < n_values; k++)
      if (decimation[k] < decimation[k - 1]) {
        g_set_error (error, SKC_ERROR, SKC_ERROR_INVALID,
            "[skc] decimation: must not decrease along the axis, but item %zu (%u) follows %u", k,
            decimation[k], decimation[k - 1]);
        return NULL;
      }
  }
  if (!check_groups (kf, n_values, error))
    return NULL;

  f = skc_family_new (name, axis, n_values, values);
  f->shape = g_key_file_get_string (kf, "skc", "shape", NULL);
  /* All 1 is no decimation: kept as NULL, so the family saves as version 1. */
  if (decimation && decimation[n_values - 1] > 1) {
    f->decimation = g_new (guint8, n_values);
    for (guint k = 0; k < n_values; k++)
      f->decimation[k] = (guint8) decimation[k];
  }
  for (guint k = 0; k < n_values; k++) {
    if ((f->members[k] = load_member (kf, k, n_layers, taps, branches, error)) == NULL)
      return NULL;
    /* A blur keeps the light it spreads; weights that cancel give a black
     * frame, never what a preset meant. */
    if (fabs (skc_complex_dc_gain (f->members[k])) < 1e-6) {
      g_set_error (error, SKC_ERROR, SKC_ERROR_INVALID,
          "[member %u]: the weights sum to 0 (the frame would come out black)", k);
      return NULL;
    }
  }
  return g_steal_pointer (&f);
}

SkcFamily *
skc_preset_load_file (const gchar *path, GError **error)
{
  g_autofree gchar *contents = NULL;
  GError *inner = NULL;
  SkcFamily *f;
  gsize len;
  GStatBuf st;

  if (g_stat (path, &st) == 0 && st.st_size > MAX_FILE_SIZE) {
    g_set_error (error, SKC_ERROR, SKC_ERROR_INVALID, "%s: %" G_GINT64_FORMAT " bytes, more than the %u MiB a preset may have",
        path, (gint64) st.st_size, MAX_FILE_SIZE >> 20);
    return NULL;
  }
  /* The size check above answers quickly for a regular file; the read
   * enforces the cap on what it reads and refuses FIFOs and devices. */
  if (!skc_file_read (path, MAX_FILE_SIZE, &contents, &len, error))
    return NULL;
  f = skc_preset_load_data (contents, len, &inner);
  if (f == NULL) {
    g_set_error (error, SKC_ERROR, inner->code, "%s: %s", path, inner->message);
    g_error_free (inner);
  }
  return f;
}

/* key=value with GKeyFile's own escaping (\\, \n, \t, \r, a leading \s), so
 * that any string the loader accepted reads back unchanged. */
static void
append_string (GString *s, const gchar *key, const gchar *value)
{
  g_autoptr (GKeyFile) kf = g_key_file_new ();
  g_autofree gchar *escaped = NULL;

  g_key_file_set_string (kf, "skc", key, value);
  escaped = g_key_file_get_value (kf, "skc", key, NULL);
  g_string_append_printf (s, "%s=%s\n", key, escaped);
}

static void
append_doubles (GString *s, const gchar *key, const gdouble *v, gsize n, gsize stride)
{
  gchar buf[SKC_FORMAT_BUF_SIZE];

  g_string_append_printf (s, "%s=", key);
  for (gsize i = 0; i < n; i++) {
    g_string_append (s, skc_format_double (buf, v[i * stride]));
    if (i + 1 < n)
      g_string_append_c (s, ';');
  }
  g_string_append_c (s, '\n');
}

gchar *
skc_preset_save_data (const SkcFamily *f, gsize *length)
{
  GString *s = g_string_new ("[skc]\n");
  const SkcComplex *c0 = f->members[0];
  gboolean branched = skc_complex_n_branches (c0) > 1, halved = FALSE;

  for (guint k = 0; f->decimation && k < f->n_members; k++)
    halved |= f->decimation[k] != 1;
  /* Version 1 unless a member is halved: older readers keep reading it. */
  g_string_append_printf (s, "version=%d\n", halved ? 2 : 1);
  append_string (s, "name", f->name);
  append_string (s, "axis", f->axis);
  if (f->shape)
    append_string (s, "shape", f->shape);
  append_doubles (s, "values", f->values, f->n_members, 1);
  g_string_append (s, "taps=");
  for (guint l = 0; l < c0->n_layers; l++)
    g_string_append_printf (s, "%u%s", c0->layers[l].n_taps, l + 1 < c0->n_layers ? ";" : "\n");
  if (branched) {
    g_string_append (s, "branches=");
    for (guint l = 0; l < c0->n_layers; l++)
      g_string_append_printf (s, "%u%s", c0->layers[l].branch, l + 1 < c0->n_layers ? ";" : "\n");
  }
  if (halved) {
    g_string_append (s, "decimation=");
    for (guint k = 0; k < f->n_members; k++)
      g_string_append_printf (s, "%u%s", f->decimation[k], k + 1 < f->n_members ? ";" : "\n");
  }
  for (guint k = 0; k < f->n_members; k++) {
    const SkcComplex *c = f->members[k];

    g_string_append_printf (s, "\n[member %u]\n", k);
    for (guint l = 0; l < c->n_layers; l++) {
      g_autofree gchar *kx = g_strdup_printf ("layer%u-dx", l);
      g_autofree gchar *ky = g_strdup_printf ("layer%u-dy", l);
      g_autofree gchar *kw = g_strdup_printf ("layer%u-w", l);

      append_doubles (s, kx, &c->layers[l].taps[0].dx, c->layers[l].n_taps, 3);
      append_doubles (s, ky, &c->layers[l].taps[0].dy, c->layers[l].n_taps, 3);
      append_doubles (s, kw, &c->layers[l].taps[0].w, c->layers[l].n_taps, 3);
    }
  }
  if (length)
    *length = s->len;
  return g_string_free (s, FALSE);
}

gboolean
skc_preset_save_file (const SkcFamily *f, const gchar *path, GError **error)
{
  g_autofree gchar *data = NULL;
  gsize len;

  if (!skc_family_validate (f, error))
    return FALSE;
  data = skc_preset_save_data (f, &len);
  return skc_file_write (path, data, len, error);
}
