/* Image files: exact values through PNG (8 and 16 bit) and PGM, and a clear
 * error for every kind of bad file. */
#include "skc.h"

#include <glib/gstdio.h>
#include <png.h>
#include <string.h>

static gchar *dir;

static gchar *
tmp_path (const gchar *name)
{
  return g_build_filename (dir, name, NULL);
}

static void
test_png8_round_trip (void)
{
  g_autofree gchar *path = tmp_path ("rgb.png");
  g_autoptr (SkcImage) img = skc_image_new (3, 2, 3);
  g_autoptr (SkcImage) back = NULL;
  g_autoptr (GError) error = NULL;

  for (gint i = 0; i < 18; i++)
    img->data[i] = (i * 37 % 256) / 255.0;
  g_assert_true (skc_image_save_png (img, path, &error));
  back = skc_image_load (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (back->channels, ==, 3);
  for (gint i = 0; i < 18; i++)
    g_assert_cmpfloat (back->data[i], ==, img->data[i]);
}

static void
test_png16_gray_alpha (void)
{
  /* Written with libpng directly: 16-bit gray + alpha, 2×1. */
  g_autofree gchar *path = tmp_path ("ga16.png");
  FILE *f = fopen (path, "wb");
  png_structp png = png_create_write_struct (PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
  png_infop info = png_create_info_struct (png);
  guint8 row[8] = { 0x12, 0x34, 0xff, 0xff, 0xff, 0xfe, 0x00, 0x00 };
  g_autoptr (SkcImage) img = NULL;
  g_autoptr (GError) error = NULL;

  png_init_io (png, f);
  png_set_IHDR (png, info, 2, 1, 16, PNG_COLOR_TYPE_GRAY_ALPHA, PNG_INTERLACE_NONE,
      PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
  png_write_info (png, info);
  png_write_row (png, row);
  png_write_end (png, NULL);
  png_destroy_write_struct (&png, &info);
  fclose (f);

  img = skc_image_load (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (img->channels, ==, 1);          /* alpha dropped */
  g_assert_cmpfloat (img->data[0], ==, 0x1234 / 65535.0);
  g_assert_cmpfloat (img->data[1], ==, 0xfffe / 65535.0);
}

static void
test_pgm (void)
{
  static const guint8 p8[] = "P5\n# comment\n3 1 255\n\x00\x80\xff";
  static const guint8 p16[] = "P5 2 1 1000\n\x03\xe8\x01\xf4";
  g_autoptr (SkcImage) a = NULL, b = NULL;
  g_autoptr (GError) error = NULL;

  a = skc_image_load_data (p8, sizeof (p8) - 1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (a->width, ==, 3);
  g_assert_cmpfloat (a->data[1], ==, 128 / 255.0);
  g_assert_cmpfloat (a->data[2], ==, 1.0);
  b = skc_image_load_data (p16, sizeof (p16) - 1, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (b->data[0], ==, 1.0);
  g_assert_cmpfloat (b->data[1], ==, 0.5);
}

static void
test_photo (void)
{
  g_autofree gchar *path = g_build_filename (g_getenv ("SKC_TEST_DATA"), "astronaut.png", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (SkcImage) img = skc_image_load (path, &error);
  g_autoptr (SkcImage) gray = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (img->width, ==, 512);
  g_assert_cmpint (img->channels, ==, 3);
  gray = skc_image_to_gray (img);
  g_assert_cmpfloat_with_epsilon (gray->data[1000], (img->data[3000] + img->data[3001] + img->data[3002]) / 3, 1e-15);
}

static void
expect_error (const guint8 *data, gsize len, gint code, const gchar *message)
{
  g_autoptr (GError) error = NULL;

  g_assert_null (skc_image_load_data (data, len, &error));
  g_assert_error (error, SKC_ERROR, code);
  if (strstr (error->message, message) == NULL)
    g_error ("expected '%s' in: %s", message, error->message);
}

static void
test_errors (void)
{
  g_autofree gchar *path = tmp_path ("rgb.png");
  g_autofree gchar *contents = NULL;
  g_autoptr (GError) error = NULL;
  gsize len;

  expect_error ((const guint8 *) "hello world", 11, SKC_ERROR_INVALID, "not a PNG or binary PGM");
  expect_error ((const guint8 *) "", 0, SKC_ERROR_INVALID, "not a PNG or binary PGM");
  expect_error ((const guint8 *) "P5\n3 2 255\n\1\2", 14, SKC_ERROR_INVALID, "truncated PGM");
  expect_error ((const guint8 *) "P5\n0 2 255\n", 11, SKC_ERROR_INVALID, "PGM size 0×2 is out of range");
  expect_error ((const guint8 *) "P5\n70000 2 255\n", 15, SKC_ERROR_INVALID, "out of range");
  expect_error ((const guint8 *) "P5\n2 2 70000\n", 13, SKC_ERROR_INVALID, "maxval 70000");
  expect_error ((const guint8 *) "P5\nx 2 255\n", 11, SKC_ERROR_INVALID, "malformed PGM header");

  /* A real PNG cut short, then one with a corrupted header chunk. */
  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  expect_error ((const guint8 *) contents, len / 2, SKC_ERROR_INVALID, "malformed PNG");
  contents[20] ^= 0x55;
  expect_error ((const guint8 *) contents, len, SKC_ERROR_INVALID, "malformed PNG");

  g_assert_null (skc_image_load ("/nonexistent/file.png", &error));
  g_assert_error (error, SKC_ERROR, SKC_ERROR_IO);
}

/* Interleaved 8-bit frames: rounding, clamping, the opaque extra channel,
 * back to codes / 255, bad arguments. */
static void
test_u8 (void)
{
  g_autoptr (SkcImage) img = skc_image_new (2, 1, 3);
  const gdouble v[] = { 0, 0.5, 1, -0.2, 1.3, 100.4 / 255 };
  g_autofree guint8 *px = NULL;
  g_autoptr (SkcImage) back = NULL;
  const guint8 want[] = { 0, 128, 255, 255, 0, 255, 100, 255 };

  for (gint i = 0; i < 6; i++)
    img->data[i] = v[i];
  px = skc_image_to_u8 (img, 4);
  g_assert_cmpmem (px, 8, want, 8);
  back = skc_image_from_u8 (px, 2, 1, 4, 3);
  g_assert_cmpfloat (back->data[1], ==, 128 / 255.0);
  g_assert_cmpfloat (back->data[5], ==, 100 / 255.0);
  g_assert_null (skc_image_from_u8 (px, 2, 1, 2, 3));
  g_assert_null (skc_image_from_u8 (px, 0, 1, 4, 3));
}

int
main (int argc, char **argv)
{
  gint rc;

  g_test_init (&argc, &argv, NULL);
  dir = g_dir_make_tmp ("skc-image-XXXXXX", NULL);
  g_test_add_func ("/image-file/png8-round-trip", test_png8_round_trip);
  g_test_add_func ("/image-file/png16-gray-alpha", test_png16_gray_alpha);
  g_test_add_func ("/image-file/pgm", test_pgm);
  g_test_add_func ("/image-file/photo", test_photo);
  g_test_add_func ("/image-file/errors", test_errors);
  g_test_add_func ("/image-file/u8", test_u8);
  rc = g_test_run ();
  {
    g_autofree gchar *a = tmp_path ("rgb.png"), *b = tmp_path ("ga16.png");

    g_unlink (a);
    g_unlink (b);
    g_rmdir (dir);
  }
  g_free (dir);
  return rc;
}
