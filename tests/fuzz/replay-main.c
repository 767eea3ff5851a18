/* Replays a libFuzzer corpus without libFuzzer: feeds every file named on the
 * command line, or every file in a directory named there, to
 * LLVMFuzzerTestOneInput once.  Lets the normal (gcc) test suite keep every
 * seed and every input that ever crashed as a regression test. */
#include <glib.h>
#include <stdio.h>

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

static gint
compare_paths (gconstpointer a, gconstpointer b)
{
  return g_strcmp0 (*(const gchar *const *) a, *(const gchar *const *) b);
}

static gboolean
replay_file (const gchar *path)
{
  g_autoptr (GError) error = NULL;
  g_autofree gchar *contents = NULL;
  gsize len;

  if (!g_file_get_contents (path, &contents, &len, &error)) {
    g_printerr ("%s\n", error->message);
    return FALSE;
  }
  /* An exact-size copy, so sanitizers catch reads past the end. */
  {
    g_autofree guint8 *copy = g_memdup2 (contents, len);

    LLVMFuzzerTestOneInput (copy, len);
  }
  return TRUE;
}

int
main (int argc, char **argv)
{
  guint n = 0;

  if (argc < 2) {
    g_printerr ("usage: %s FILE|DIR…\n", argv[0]);
    return 2;
  }
  for (gint i = 1; i < argc; i++) {
    if (g_file_test (argv[i], G_FILE_TEST_IS_DIR)) {
      g_autoptr (GError) error = NULL;
      g_autoptr (GDir) dir = g_dir_open (argv[i], 0, &error);
      g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
      const gchar *name;

      if (dir == NULL) {
        g_printerr ("%s\n", error->message);
        return 1;
      }
      while ((name = g_dir_read_name (dir)) != NULL)
        g_ptr_array_add (names, g_build_filename (argv[i], name, NULL));
      /* Sorted, so a failure names the same file on every run. */
      g_ptr_array_sort (names, compare_paths);
      for (guint k = 0; k < names->len; k++, n++)
        if (!replay_file (names->pdata[k]))
          return 1;
    } else {
      if (!replay_file (argv[i]))
        return 1;
      n++;
    }
  }
  printf ("replayed %u inputs\n", n);
  return n > 0 ? 0 : 1;
}
