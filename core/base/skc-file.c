/* libskc — reading and writing the files users name, safely. */
#include "skc-file.h"
#include "skc-error.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

gboolean
skc_file_read (const gchar *path, gsize max_bytes, gchar **contents, gsize *length, GError **error)
{
  struct stat st;
  GString *buf;
  gchar chunk[65536];
  int fd;

  /* O_NONBLOCK: opening a FIFO for reading must not wait for a writer. */
  fd = open (path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
  if (fd < 0) {
    g_set_error (error, SKC_ERROR, SKC_ERROR_IO, "%s: %s", path, g_strerror (errno));
    return FALSE;
  }
  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode)) {
    g_set_error (error, SKC_ERROR, SKC_ERROR_IO, "%s: not a regular file", path);
    close (fd);
    return FALSE;
  }
  buf = g_string_new (NULL);
  for (;;) {
    ssize_t n = read (fd, chunk, sizeof chunk);

    if (n < 0 && errno == EINTR)
      continue;
    if (n < 0) {
      g_set_error (error, SKC_ERROR, SKC_ERROR_IO, "%s: %s", path, g_strerror (errno));
      break;
    }
    if (n == 0) {
      close (fd);
      *length = buf->len;
      *contents = g_string_free (buf, FALSE);
      return TRUE;
    }
    if (buf->len + (gsize) n > max_bytes) {
      g_set_error (error, SKC_ERROR, SKC_ERROR_IO, "%s: more than the %" G_GSIZE_FORMAT " bytes allowed",
          path, max_bytes);
      break;
    }
    g_string_append_len (buf, chunk, n);
  }
  close (fd);
  g_string_free (buf, TRUE);
  return FALSE;
}

gboolean
skc_file_write (const gchar *path, const gchar *data, gsize length, GError **error)
{
  g_autofree gchar *target = NULL;
  GError *inner = NULL;
  struct stat st;

  if (lstat (path, &st) == 0 && S_ISLNK (st.st_mode)) {
    /* Write through the link: replace what it points to, not the link. */
    char *real = realpath (path, NULL);

    if (real == NULL) {
      g_set_error (error, SKC_ERROR, SKC_ERROR_IO, "%s: a link to nothing (%s)", path, g_strerror (errno));
      return FALSE;
    }
    target = g_strdup (real);
    free (real);
  } else
    target = g_strdup (path);
  if (stat (target, &st) == 0 && !S_ISREG (st.st_mode)) {
    g_set_error (error, SKC_ERROR, SKC_ERROR_IO, "%s: not a regular file; refusing to replace it", path);
    return FALSE;
  }
  if (!g_file_set_contents (target, data, length, &inner)) {
    g_set_error (error, SKC_ERROR, SKC_ERROR_IO, "%s", inner->message);
    g_error_free (inner);
    return FALSE;
  }
  return TRUE;
}
