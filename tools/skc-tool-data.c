/* Where the tools find the sample photo they filter by default. */
#include "skc-tool-data.h"

gchar *
skc_tool_data_file (const gchar *name)
{
  gchar *path = g_build_filename (SKC_SOURCE_DIR, "tests", "data", name, NULL);

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    return path;
  g_free (path);
  return g_build_filename (SKC_DATA_DIR, name, NULL);
}
