/* libskc — kernel families by built-in name (GResource) or by path. */
#include "skc-preset-lookup.h"
#include "skc-preset.h"
#include "skc-presets-resources.h"

#include <gio/gio.h>
#include <stdlib.h>
#include <string.h>

#define PRESET_RESOURCE_PATH "/org/sparseconv/presets/"

/* The library's own resource, asked for by name rather than through the
 * process-wide registry: a static library's constructor-registered object
 * would be dropped by the linker when nothing references it. */
#define PRESETS (skc_presets_get_resource ())

/* "fast/hexagon-r32" has a '/', so a slash alone cannot mark a path: paths
 * are absolute, explicitly relative, or named by their extension. */
static gboolean
looks_like_path (const gchar *s)
{
  return g_path_is_absolute (s) || s[0] == '.' || g_str_has_suffix (s, ".skc");
}

static GBytes *
builtin_bytes (const gchar *name)
{
  g_autofree gchar *path = NULL;

  if (looks_like_path (name))
    return NULL;
  path = g_strconcat (PRESET_RESOURCE_PATH, name, ".skc", NULL);
  return g_resource_lookup_data (PRESETS, path, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
}

gboolean
skc_preset_is_builtin (const gchar *name)
{
  g_autoptr (GBytes) bytes = NULL;

  if (name == NULL || *name == '\0')
    return FALSE;
  bytes = builtin_bytes (name);
  return bytes != NULL;
}

SkcFamily *
skc_preset_lookup (const gchar *name_or_path, GError **error)
{
  g_autoptr (GError) local = NULL;
  g_autoptr (GBytes) bytes = NULL;
  SkcFamily *family;

  if (name_or_path == NULL || *name_or_path == '\0') {
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "empty preset name");
    return NULL;
  }
  if ((bytes = builtin_bytes (name_or_path)) != NULL) {
    gsize size;
    const gchar *data = g_bytes_get_data (bytes, &size);

    family = skc_preset_load_data (data, size, &local);
    if (family == NULL)
      g_propagate_prefixed_error (error, g_steal_pointer (&local), "built-in preset '%s': ", name_or_path);
    return family;
  }
  if (!looks_like_path (name_or_path) && !g_file_test (name_or_path, G_FILE_TEST_EXISTS)) {
    g_autofree gchar *names = skc_preset_builtin_names ();

    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
        "no built-in preset '%s' (built in: %s) and no such file", name_or_path, names);
    return NULL;
  }
  family = skc_preset_load_file (name_or_path, &local);
  if (family == NULL)
    g_propagate_prefixed_error (error, g_steal_pointer (&local), "preset file '%s': ", name_or_path);
  return family;
}

/* The built-in family under prefix ("turned/", "half/") named as the
 * top-level built-in name, or NULL. */
static SkcFamily *
lookup_variant (const gchar *prefix, const gchar *name)
{
  g_autofree gchar *variant = NULL;

  if (name == NULL || looks_like_path (name) || strchr (name, '/') != NULL)
    return NULL;
  variant = g_strconcat (prefix, name, NULL);
  return skc_preset_is_builtin (variant) ? skc_preset_lookup (variant, NULL) : NULL;
}

SkcFamily *
skc_preset_lookup_turned (const gchar *name)
{
  return lookup_variant ("turned/", name);
}

SkcFamily *
skc_preset_lookup_halved (const gchar *name)
{
  return lookup_variant ("half/", name);
}

static gint
compare_names (gconstpointer a, gconstpointer b)
{
  return g_strcmp0 (*(const gchar *const *) a, *(const gchar *const *) b);
}

gchar *
skc_preset_builtin_names (void)
{
  g_auto (GStrv) children = g_resource_enumerate_children (PRESETS, PRESET_RESOURCE_PATH,
      G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  GString *s = g_string_new (NULL);

  if (children != NULL)
    qsort (children, g_strv_length (children), sizeof (gchar *), compare_names);
  for (guint i = 0; children != NULL && children[i] != NULL; i++) {
    if (!g_str_has_suffix (children[i], ".skc"))
      continue;
    if (s->len > 0)
      g_string_append (s, ", ");
    g_string_append_len (s, children[i], strlen (children[i]) - 4);
  }
  return g_string_free (s, FALSE);
}
