/* libskc — reading and writing the files users name, safely. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Reads at most max_bytes of a regular file.  Anything else (a FIFO, a
 * device such as /dev/zero, a directory) is refused without blocking: the
 * file is opened non-blocking and checked with fstat before a byte is read.
 * The cap is enforced on the bytes read, not on the size the file reports,
 * so a file that grows while read cannot exceed it.  The contents get a
 * terminating NUL not counted in *length.  Errors: SKC_ERROR_IO. */
gboolean skc_file_read   (const gchar *path, gsize max_bytes, gchar **contents,
                          gsize *length, GError **error);

/* Writes data to path.  A new or regular file is replaced atomically (a
 * temporary file in the same folder, renamed over it); a symbolic link is
 * followed and its target written that way, so the link stays a link.  A
 * path that names anything but a regular file (a device, a FIFO, a socket,
 * a directory) is refused, so a tool never turns /dev/null into a file.
 * Errors: SKC_ERROR_IO. */
gboolean skc_file_write  (const gchar *path, const gchar *data, gsize length,
                          GError **error);

G_END_DECLS
