/* skc-dof-scenes as a user runs it: the scenes and their PSNRs, the night
 * scene's figures, and the side-by-side crops of the README's pictures,
 * checked pixel by pixel. */
#include "skc.h"
#include "test-spawn.h"

#include <glib/gstdio.h>
#include <math.h>

static gchar *dir;

/* An image whose pixel (x, y) holds a value that tells where it came from. */
static SkcImage *
coded_image (gint w, gint h, gdouble tag)
{
  SkcImage *img = skc_image_new (w, h, 3);

  for (gint y = 0; y < h; y++)
    for (gint x = 0; x < w; x++) {
      gdouble *p = skc_image_at (img, x, y);

      p[0] = x / 255.0;
      p[1] = y / 255.0;
      p[2] = tag;
    }
  return img;
}

static void
test_strip (void)
{
  g_autofree gchar *a = g_build_filename (dir, "a.png", NULL), *b = g_build_filename (dir, "b.png", NULL);
  g_autofree gchar *out = g_build_filename (dir, "strip.png", NULL);
  g_autoptr (SkcImage) ia = coded_image (64, 48, 0.2), ib = coded_image (64, 48, 0.8), s = NULL;
  g_autofree gchar *cmd = NULL;

  g_assert_true (skc_image_save_png (ia, a, NULL) && skc_image_save_png (ib, b, NULL));
  cmd = g_strdup_printf ("%s --strip %s --crop 10,5,20,16 --zoom 3 %s %s", SKC_DOF_SCENES_BIN, out, a, b);
  g_assert_cmpint (test_spawn_run (cmd, NULL, NULL), ==, 0);
  s = skc_image_load (out, NULL);
  g_assert_nonnull (s);
  /* Two crops of 20×16 at 3×, 6 px apart. */
  g_assert_cmpint (s->width, ==, 2 * 20 * 3 + 6);
  g_assert_cmpint (s->height, ==, 16 * 3);
  for (gint Y = 0; Y < s->height; Y++)
    for (gint X = 0; X < s->width; X++) {
      const gdouble *p = skc_image_at (s, X, Y);
      gint i = X / (60 + 6), in = X % 66;

      if (in >= 60) {
        g_assert_cmpfloat (p[0], ==, 1.0);   /* the white gap */
        continue;
      }
      g_assert_cmpint ((gint) (p[0] * 255 + 0.5), ==, 10 + in / 3);
      g_assert_cmpint ((gint) (p[1] * 255 + 0.5), ==, 5 + Y / 3);
      g_assert_cmpint ((gint) (p[2] * 255 + 0.5), ==, i == 0 ? 51 : 204);
    }
  g_unlink (a);
  g_unlink (b);
  g_unlink (out);
}

static void
test_strip_bad (void)
{
  g_autofree gchar *out = g_build_filename (dir, "bad.png", NULL);
  const gchar *crops[] = { "", "1,2,3", "1,2,0,4", "1,2,3,4x", "a,b,c,d" };

  for (guint i = 0; i < G_N_ELEMENTS (crops); i++) {
    g_autofree gchar *cmd = g_strdup_printf ("%s --strip %s --crop '%s' %s/none.png", SKC_DOF_SCENES_BIN, out,
        crops[i], dir);
    g_autofree gchar *err = NULL;

    g_assert_cmpint (test_spawn_run (cmd, NULL, &err), ==, 2);
    g_assert_nonnull (strstr (err, "--crop"));
  }
  {
    /* A missing image is an error naming it, not a crash. */
    g_autofree gchar *cmd = g_strdup_printf ("%s --strip %s --crop 0,0,4,4 %s/none.png", SKC_DOF_SCENES_BIN, out,
        dir);
    g_autofree gchar *err = NULL;

    g_assert_cmpint (test_spawn_run (cmd, NULL, &err), ==, 1);
    g_assert_nonnull (strstr (err, "none.png"));
  }
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
}

/* Small scenes: four of each file, and a compare line that parses. */
static void
test_scenes (void)
{
  g_autofree gchar *cmd = g_strdup_printf ("%s --out %s --width 96 --height 64 --radius 4", SKC_DOF_SCENES_BIN, dir);
  g_autofree gchar *out = NULL, *truth = g_build_filename (dir, "thin-back-focus-truth.png", NULL);
  g_autofree gchar *input = g_build_filename (dir, "thin-back-focus-input.png", NULL);
  g_autofree gchar *band = g_build_filename (dir, "thin-back-focus-band.png", NULL);
  g_autofree gchar *cmp = NULL, *line = NULL;
  gdouble pb, pf;

  g_auto (GStrv) parts = NULL;

  g_assert_cmpint (test_spawn_run (cmd, &out, NULL), ==, 0);
  parts = g_strsplit (out, "gst-launch-1.0", -1);
  g_assert_cmpint (g_strv_length (parts) - 1, ==, 8);   /* two pipelines a scene */
  cmp = g_strdup_printf ("%s --compare %s %s %s", SKC_DOF_SCENES_BIN, truth, truth, band);
  g_assert_cmpint (test_spawn_run (cmp, &line, NULL), ==, 0);
  g_assert_nonnull (strstr (line, "band PSNR inf"));
  g_free (cmp);
  g_free (line);
  cmp = g_strdup_printf ("%s --compare %s %s %s", SKC_DOF_SCENES_BIN, truth, input, band);
  g_assert_cmpint (test_spawn_run (cmp, &line, NULL), ==, 0);
  g_assert_cmpint (sscanf (line, "band PSNR %lf dB, frame PSNR %lf dB", &pb, &pf), ==, 2);
  /* The blurred foreground's band is where the unfiltered input is worst. */
  g_assert_cmpfloat (pb, <, pf);
}

/* The figures of one run of the night scene: brightness ratios 0.8, 2, 4, 8×
 * and all, the lights' PSNR. */
static void
night_figures (const gchar *out, const gchar *run, gdouble *ratio, gdouble *psnr)
{
  g_autofree gchar *key = g_strdup_printf ("occlusion %s ", run);
  const gchar *at = strstr (out, key);

  g_assert_nonnull (at);
  g_assert_cmpint (sscanf (at + strlen (key), " %lf %lf %lf %lf %lf lights %lf", &ratio[0], &ratio[1], &ratio[2],
      &ratio[3], &ratio[4], psnr), ==, 6);
}

/* A small night scene: its six files, bloom brighter and nearer the truth
 * than no bloom, unclipped lights left alone; bad arguments refused. */
static void
test_night (void)
{
  g_autofree gchar *cmd = g_strdup_printf ("%s --night --out %s --width 240 --height 160 --radius 4",
      SKC_DOF_SCENES_BIN, dir);
  const gchar *files[] = { "input", "depth", "truth", "plain", "bloom", "clip" };
  const gchar *bad[] = { "--night", "--night --out /tmp --highlight-gain 100", "--night --out /tmp --radius 0",
    "--night --out /tmp --highlight-threshold 2" };
  g_autofree gchar *out = NULL;
  gdouble plain[5], bloom[5], pp, pb;

  g_assert_cmpint (test_spawn_run (cmd, &out, NULL), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (files); i++) {
    g_autofree gchar *name = g_strdup_printf ("night-%s.png", files[i]);
    g_autofree gchar *path = g_build_filename (dir, name, NULL);
    g_autoptr (SkcImage) img = skc_image_load (path, NULL);

    g_assert_nonnull (img);
    g_assert_cmpint (img->width, ==, 240);
  }
  night_figures (out, "plain", plain, &pp);
  night_figures (out, "bloom", bloom, &pb);
  g_assert_cmpfloat (fabs (plain[0] - 1), <, 0.02);
  g_assert_cmpfloat (fabs (bloom[0] - 1), <, 0.02);
  g_assert_cmpfloat (bloom[4], >, plain[4] + 0.2);
  g_assert_cmpfloat (pb, >, pp + 2);
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++) {
    g_autofree gchar *c = g_strdup_printf ("%s %s", SKC_DOF_SCENES_BIN, bad[i]);
    g_autofree gchar *err = NULL;

    g_assert_cmpint (test_spawn_run (c, NULL, &err), ==, 2);
    g_assert_nonnull (strstr (err, "--night"));
  }
}

int
main (int argc, char **argv)
{
  gint rc;

  g_test_init (&argc, &argv, NULL);
  dir = g_dir_make_tmp ("skc-dof-scenes-XXXXXX", NULL);
  g_test_add_func ("/skc-dof-scenes/strip", test_strip);
  g_test_add_func ("/skc-dof-scenes/strip-bad", test_strip_bad);
  g_test_add_func ("/skc-dof-scenes/scenes", test_scenes);
  g_test_add_func ("/skc-dof-scenes/night", test_night);
  rc = g_test_run ();
  /* The scenes' files, then the folder. */
  {
    g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
    const gchar *name;

    while (d && (name = g_dir_read_name (d))) {
      g_autofree gchar *p = g_build_filename (dir, name, NULL);
      g_unlink (p);
    }
  }
  g_rmdir (dir);
  g_free (dir);
  return rc;
}
