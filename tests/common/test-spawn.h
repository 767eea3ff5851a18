/* Runs a command line as the command-line tests do: stdout and stderr
 * captured where asked for and discarded otherwise — nothing of the child's
 * may reach the test's own stdout, which is the TAP stream.  Returns the exit
 * status, or −1 if the child did not exit normally. */
#pragma once

#include <glib.h>
#include <sys/wait.h>

static inline gint
test_spawn_run (const gchar *cmd, gchar **out, gchar **err)
{
  g_auto (GStrv) argv = NULL;
  gint status;

  g_assert_true (g_shell_parse_argv (cmd, NULL, &argv, NULL));
  g_assert_true (g_spawn_sync (NULL, argv, NULL,
          (out ? 0 : G_SPAWN_STDOUT_TO_DEV_NULL) | (err ? 0 : G_SPAWN_STDERR_TO_DEV_NULL),
          NULL, NULL, out, err, &status, NULL));
  return WIFEXITED (status) ? WEXITSTATUS (status) : -1;
}
