/* sparseconv — kernel families by name (GResource) or by path. */
#include "gstsparseconvpresets.h"
#include "skc-preset.h"

#include <gio/gio.h>
#include <stdlib.h>
#include <string.h>

#define PRESET_RESOURCE_PATH "/org/sparseconv/presets/"

static gboolean
looks_like_path (const gchar *s)
{
  return strchr (s, G_DIR_SEPARATOR) != NULL || g_str_has_suffix (s, ".skc");
}

static SkcFamily *
load_builtin (const gchar *name, GError **error)
{
  g_autofree gchar *path = g_strconcat (PRESET_RESOURCE_PATH, name, ".skc", NULL);
  g_autoptr (GBytes) bytes = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  gsize size;
  const gchar *data;

  if (bytes == NULL)
    return NULL;
  data = g_bytes_get_data (bytes, &size);
  return skc_preset_load_data (data, size, error);
}

SkcFamily *
gst_sparseconv_preset_load (const gchar *name_or_path, GError **error)
{
  g_autoptr (GError) local = NULL;
  SkcFamily *family;

  if (name_or_path == NULL || *name_or_path == '\0') {
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "empty preset name");
    return NULL;
  }
  if (!looks_like_path (name_or_path)) {
    family = load_builtin (name_or_path, &local);
    if (family != NULL || local != NULL) {
      if (local != NULL)
        g_propagate_prefixed_error (error, g_steal_pointer (&local), "built-in preset '%s': ", name_or_path);
      return family;
    }
    if (!g_file_test (name_or_path, G_FILE_TEST_EXISTS)) {
      g_autofree gchar *names = gst_sparseconv_preset_names ();

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
          "no built-in preset '%s' (built in: %s) and no such file", name_or_path, names);
      return NULL;
    }
  }
  family = skc_preset_load_file (name_or_path, &local);
  if (family == NULL)
    g_propagate_prefixed_error (error, g_steal_pointer (&local), "preset file '%s': ", name_or_path);
  return family;
}

static gint
compare_names (gconstpointer a, gconstpointer b)
{
  return g_strcmp0 (*(const gchar *const *) a, *(const gchar *const *) b);
}

gchar *
gst_sparseconv_preset_names (void)
{
  g_auto (GStrv) children = g_resources_enumerate_children (PRESET_RESOURCE_PATH,
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
