/* The tools' text in any locale: the ASCII spellings, and a tool's --help in
 * the C locale (ASCII, no '?' the UTF-8 text lacks) and in C.UTF-8 (the UTF-8
 * text as written). */
#include "skc-tool-text.h"

#include <string.h>

#include "test-spawn.h"

static gboolean
is_ascii (const gchar *s)
{
  for (; *s; s++)
    if ((guchar) *s >= 0x80)
      return FALSE;
  return TRUE;
}

static guint
count_char (const gchar *s, gchar c)
{
  guint n = 0;

  for (; *s; s++)
    n += *s == c;
  return n;
}

static void
check_spelling (const gchar *utf8, const gchar *ascii)
{
  g_autofree gchar *got = skc_tool_text_ascii (utf8);

  g_assert_cmpstr (got, ==, ascii);
}

static void
test_table (void)
{
  check_spelling ("1280×720", "1280x720");
  check_spelling ("−3", "-3");
  check_spelling ("σ 2", "sigma 2");
  check_spelling ("r ≤ 64, ≥ 1", "r <= 64, >= 1");
  check_spelling ("a — b – c", "a -- b - c");
  check_spelling ("30°", "30 deg");
  check_spelling ("(2⌈R⌉+3)²", "(2ceil(R)+3)^2");
  check_spelling ("1…64 · ½ ± Δ → ∞", "1...64 * 1/2 +/- Delta -> inf");
  check_spelling ("plain ASCII stays", "plain ASCII stays");
  check_spelling ("", "");
}

static void
test_no_question_mark (void)
{
  /* Accents go (the GLib fallback); a character no one spells is named. */
  check_spelling ("café", "cafe");
  check_spelling ("a☃b", "a<U+2603>b");
  check_spelling ("x\xffy", "x<0xFF>y");
}

/* Every non-ASCII character of the tools' own sources has a spelling: the
 * text they print is in them. */
static void
test_sources_spelled (void)
{
  const gchar *files[] = {"skc-fit.c", "skc-bench.c", "skc-dof-scenes.c", "skc-fidelity.c"};

  for (guint i = 0; i < G_N_ELEMENTS (files); i++) {
    g_autofree gchar *path = g_build_filename (SKC_TOOLS_SRC, files[i], NULL), *text = NULL, *ascii = NULL;

    g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
    ascii = skc_tool_text_ascii (text);
    g_assert_true (is_ascii (ascii));
    if (strstr (ascii, "<U+"))
      g_error ("%s: no spelling for %.12s", files[i], strstr (ascii, "<U+"));
  }
}

/* The element's text (property blurbs, enum names, messages) goes through
 * GStreamer's own printing, which gives '?' for non-ASCII in the C locale
 * (gst-inspect-1.0), so its string literals are ASCII. */
static void
test_element_strings_ascii (void)
{
  g_autofree gchar *path = g_build_filename (SKC_SOURCE_ROOT, "gst", "gstsparseconv.c", NULL), *text = NULL, *code = NULL;
  g_autoptr (GRegex) comments = g_regex_new ("/\\*.*?\\*/|//[^\n]*", G_REGEX_DOTALL, 0, NULL);
  g_autoptr (GRegex) literals = g_regex_new ("\"(?:[^\"\\\\\n]|\\\\.)*\"", 0, 0, NULL);
  g_autoptr (GMatchInfo) m = NULL;
  guint n = 0;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  code = g_regex_replace_literal (comments, text, -1, 0, " ", 0, NULL);
  for (g_regex_match (literals, code, 0, &m); g_match_info_matches (m); g_match_info_next (m, NULL)) {
    g_autofree gchar *lit = g_match_info_fetch (m, 0);

    if (!is_ascii (lit))
      g_error ("gstsparseconv.c: non-ASCII string %s", lit);
    n++;
  }
  g_assert_cmpuint (n, >, 50);
}

static void
check_help (const gchar *bin)
{
  g_autofree gchar *c_cmd = g_strdup_printf ("/usr/bin/env LC_ALL=C %s --help", bin);
  g_autofree gchar *u_cmd = g_strdup_printf ("/usr/bin/env LC_ALL=C.UTF-8 %s --help", bin);
  g_autofree gchar *c_out = NULL, *u_out = NULL, *spelled = NULL;

  g_assert_cmpint (test_spawn_run (c_cmd, &c_out, NULL), ==, 0);
  g_assert_cmpint (test_spawn_run (u_cmd, &u_out, NULL), ==, 0);
  /* The UTF-8 locale keeps the UTF-8 text: there is some to keep. */
  g_assert_true (g_utf8_validate (u_out, -1, NULL));
  g_assert_false (is_ascii (u_out));
  /* The C locale: ASCII, no '?' that the UTF-8 text does not have, and the
   * spelling of that text. */
  g_assert_true (is_ascii (c_out));
  g_assert_cmpuint (count_char (c_out, '?'), ==, count_char (u_out, '?'));
  spelled = skc_tool_text_ascii (u_out);
  g_assert_cmpstr (c_out, ==, spelled);
}

static void
test_help_fit (void)
{
  check_help (SKC_FIT_BIN);
}

static void
test_help_bench (void)
{
  check_help (SKC_BENCH_BIN);
}

static void
test_help_dof_scenes (void)
{
  check_help (SKC_DOF_SCENES_BIN);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/tool-text/ascii/table", test_table);
  g_test_add_func ("/tool-text/ascii/no-question-mark", test_no_question_mark);
  g_test_add_func ("/tool-text/ascii/sources-spelled", test_sources_spelled);
  g_test_add_func ("/tool-text/element-strings-ascii", test_element_strings_ascii);
  g_test_add_func ("/tool-text/help/skc-fit", test_help_fit);
  g_test_add_func ("/tool-text/help/skc-bench", test_help_bench);
  g_test_add_func ("/tool-text/help/skc-dof-scenes", test_help_dof_scenes);
  return g_test_run ();
}
