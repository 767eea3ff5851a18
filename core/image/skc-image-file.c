/* libskc — image files: PNG through libpng (every colour type, 8 and 16 bit,
 * values kept exact — no gamma transform), binary PGM by hand (it is four
 * header fields), and 8-bit PNG output. */
#include "skc-image-file.h"
#include "skc-error.h"
#include "skc-file.h"

#include <png.h>
#include <setjmp.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

#define MAX_PIXELS (1u << 28)
#define MAX_SIDE   65535u
/* A 16-bit RGBA PNG of MAX_PIXELS compresses to far less; a bound on what a
 * named file may make us read (FIFOs and devices are refused outright). */
#define MAX_FILE_BYTES ((gsize) 1 << 30)
#define DEFLATE_MAX_RATIO 1032u

typedef struct {
  const guint8 *data;
  gsize len, pos;
  gchar message[200];
} PngSource;

static void
png_read_memory (png_structp png, png_bytep out, png_size_t n)
{
  PngSource *src = png_get_io_ptr (png);

  if (n > src->len - src->pos)
    png_error (png, "truncated data");
  memcpy (out, src->data + src->pos, n);
  src->pos += n;
}

static void
png_error_to_source (png_structp png, png_const_charp msg)
{
  PngSource *src = png_get_error_ptr (png);

  g_strlcpy (src->message, msg, sizeof (src->message));
  png_longjmp (png, 1);
}

static void
png_warning_ignore (png_structp png, png_const_charp msg)
{
}

static SkcImage *
load_png (const guint8 *data, gsize len, GError **error)
{
  PngSource src = { data, len, 0, "" };
  png_structp png = png_create_read_struct (PNG_LIBPNG_VER_STRING, &src,
      png_error_to_source, png_warning_ignore);
  png_infop info = png ? png_create_info_struct (png) : NULL;
  SkcImage *volatile img = NULL;
  guint8 *volatile row = NULL;

  if (info == NULL) {
    png_destroy_read_struct (&png, NULL, NULL);
    g_set_error (error, SKC_ERROR, SKC_ERROR_IO, "out of memory reading PNG");
    return NULL;
  }
  if (setjmp (png_jmpbuf (png))) {
    png_destroy_read_struct (&png, &info, NULL);
    skc_image_free (img);
    g_free (row);
    g_set_error (error, SKC_ERROR, SKC_ERROR_INVALID, "malformed PNG: %s",
        src.message[0] ? src.message : "unknown error");
    return NULL;
  } else {
    png_uint_32 w, h;
    gint depth, colour, channels, bytes;
    gdouble scale;

    png_set_read_fn (png, &src, png_read_memory);
    png_set_user_limits (png, MAX_SIDE, MAX_SIDE);
    /* Skip every ancillary chunk but tRNS unread: none changes the values we
     * keep, and libpng would otherwise allocate a text chunk's declared
     * length (up to 2 GiB) before finding the file too short. */
    png_set_keep_unknown_chunks (png, PNG_HANDLE_CHUNK_NEVER, NULL, -1);
    png_read_info (png, info);
    png_get_IHDR (png, info, &w, &h, &depth, &colour, NULL, NULL, NULL);
    if ((guint64) w * h > MAX_PIXELS)
      png_error (png, "image too large");
    if (png_get_interlace_type (png, info) != PNG_INTERLACE_NONE)
      png_error (png, "interlaced PNG not supported");
    /* Deflate expands at most 1032:1, so a header whose rows (with their
     * filter bytes) cannot fit in what is left of the file is a truncated
     * file: refuse it before allocating for the size it claims. */
    if ((((guint64) w * png_get_channels (png, info) * depth + 7) / 8 + 1) * h >
        ((guint64) (len - src.pos) + 1) * DEFLATE_MAX_RATIO)
      png_error (png, "truncated data (too short for the image size)");
    /* Palette → RGB, gray < 8 bit → 8 bit, transparency → alpha (dropped below). */
    png_set_expand (png);
    png_read_update_info (png, info);
    channels = png_get_channels (png, info);
    depth = png_get_bit_depth (png, info);
    bytes = depth == 16 ? 2 : 1;
    scale = depth == 16 ? 65535.0 : 255.0;
    img = skc_image_new (w, h, channels == 2 || channels == 4 ? channels - 1 : channels);
    if (img == NULL)
      png_error (png, "image too large");
    row = g_malloc (png_get_rowbytes (png, info));
    for (png_uint_32 y = 0; y < h; y++) {
      png_read_row (png, row, NULL);
      for (png_uint_32 x = 0; x < w; x++)
        for (gint c = 0; c < img->channels; c++) {
          const guint8 *p = row + ((gsize) x * channels + c) * bytes;
          guint v = bytes == 2 ? (p[0] << 8 | p[1]) : p[0];

          skc_image_at (img, x, y)[c] = v / scale;
        }
    }
    g_free (row);
    row = NULL;
    png_destroy_read_struct (&png, &info, NULL);
    return img;
  }
}

/* Next header field of a PGM: skips white space and # comments. */
static gboolean
pgm_field (const guint8 *data, gsize len, gsize *pos, guint *value)
{
  guint64 v = 0;
  gsize start;

  for (;;) {
    while (*pos < len && g_ascii_isspace (data[*pos]))
      (*pos)++;
    if (*pos < len && data[*pos] == '#') {
      while (*pos < len && data[*pos] != '\n')
        (*pos)++;
      continue;
    }
    break;
  }
  start = *pos;
  while (*pos < len && g_ascii_isdigit (data[*pos]) && *pos - start < 9)
    v = v * 10 + (data[(*pos)++] - '0');
  if (*pos == start || (*pos < len && !g_ascii_isspace (data[*pos]) && data[*pos] != '#'))
    return FALSE;
  *value = (guint) v;
  return TRUE;
}

static SkcImage *
load_pgm (const guint8 *data, gsize len, GError **error)
{
  gsize pos = 2;
  guint w, h, maxval, bytes;
  SkcImage *img;

  if (!pgm_field (data, len, &pos, &w) || !pgm_field (data, len, &pos, &h) ||
      !pgm_field (data, len, &pos, &maxval)) {
    g_set_error (error, SKC_ERROR, SKC_ERROR_INVALID, "malformed PGM header");
    return NULL;
  }
  if (w == 0 || h == 0 || w > MAX_SIDE || h > MAX_SIDE || (guint64) w * h > MAX_PIXELS) {
    g_set_error (error, SKC_ERROR, SKC_ERROR_INVALID, "PGM size %u×%u is out of range", w, h);
    return NULL;
  }
  if (maxval == 0 || maxval > 65535) {
    g_set_error (error, SKC_ERROR, SKC_ERROR_INVALID, "PGM maxval %u is out of range 1..65535", maxval);
    return NULL;
  }
  pos++;   /* the single white-space character before the samples */
  bytes = maxval > 255 ? 2 : 1;
  if (pos > len || (len - pos) / bytes / w < h) {
    g_set_error (error, SKC_ERROR, SKC_ERROR_INVALID, "truncated PGM: %u×%u needs %" G_GUINT64_FORMAT
        " bytes of samples", w, h, (guint64) w * h * bytes);
    return NULL;
  }
  img = skc_image_new (w, h, 1);
  if (img == NULL) {
    g_set_error (error, SKC_ERROR, SKC_ERROR_INVALID, "PGM %u×%u is too large", w, h);
    return NULL;
  }
  for (gsize i = 0; i < (gsize) w * h; i++) {
    const guint8 *p = data + pos + i * bytes;
    guint v = bytes == 2 ? (p[0] << 8 | p[1]) : p[0];

    img->data[i] = MIN (v, maxval) / (gdouble) maxval;
  }
  return img;
}

SkcImage *
skc_image_load_data (const guint8 *data, gsize len, GError **error)
{
  if (len >= 8 && png_sig_cmp ((png_const_bytep) data, 0, 8) == 0)
    return load_png (data, len, error);
  if (len >= 3 && data[0] == 'P' && data[1] == '5' && g_ascii_isspace (data[2]))
    return load_pgm (data, len, error);
  g_set_error (error, SKC_ERROR, SKC_ERROR_INVALID, "not a PNG or binary PGM (P5) image");
  return NULL;
}

SkcImage *
skc_image_load (const gchar *path, GError **error)
{
  g_autofree gchar *contents = NULL;
  gsize len;
  GError *inner = NULL;
  SkcImage *img;

  if (!skc_file_read (path, MAX_FILE_BYTES, &contents, &len, error))
    return NULL;
  img = skc_image_load_data ((const guint8 *) contents, len, &inner);
  if (img == NULL) {
    g_set_error (error, SKC_ERROR, inner->code, "%s: %s", path, inner->message);
    g_error_free (inner);
  }
  return img;
}

SkcImage *
skc_image_to_gray (const SkcImage *img)
{
  SkcImage *gray = skc_image_new (img->width, img->height, 1);

  for (gsize i = 0; i < (gsize) img->width * img->height; i++) {
    gdouble s = 0;

    for (gint c = 0; c < img->channels; c++)
      s += img->data[i * img->channels + c];
    gray->data[i] = s / img->channels;
  }
  return gray;
}

gboolean
skc_image_save_png (const SkcImage *img, const gchar *path, GError **error)
{
  FILE *volatile f = NULL;
  png_structp png;
  png_infop info;
  guint8 *volatile row = NULL;
  static const gint colour[5] = { 0, PNG_COLOR_TYPE_GRAY, PNG_COLOR_TYPE_GRAY_ALPHA,
    PNG_COLOR_TYPE_RGB, PNG_COLOR_TYPE_RGB_ALPHA };

  f = fopen (path, "wb");
  if (f == NULL) {
    g_set_error (error, SKC_ERROR, SKC_ERROR_IO, "cannot write %s: %s", path, g_strerror (errno));
    return FALSE;
  }
  png = png_create_write_struct (PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
  info = png ? png_create_info_struct (png) : NULL;
  if (info == NULL || setjmp (png_jmpbuf (png))) {
    png_destroy_write_struct (&png, &info);
    fclose (f);
    g_free (row);
    g_set_error (error, SKC_ERROR, SKC_ERROR_IO, "writing PNG %s failed", path);
    return FALSE;
  }
  png_init_io (png, f);
  png_set_IHDR (png, info, img->width, img->height, 8, colour[img->channels],
      PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
  png_write_info (png, info);
  row = g_malloc ((gsize) img->width * img->channels);
  for (gint y = 0; y < img->height; y++) {
    const gdouble *src = skc_image_at (img, 0, y);

    for (gint i = 0; i < img->width * img->channels; i++)
      row[i] = (guint8) (CLAMP (src[i], 0.0, 1.0) * 255.0 + 0.5);
    png_write_row (png, row);
  }
  png_write_end (png, NULL);
  png_destroy_write_struct (&png, &info);
  g_free (row);
  if (fclose (f) != 0) {
    g_set_error (error, SKC_ERROR, SKC_ERROR_IO, "cannot write %s: %s", path, g_strerror (errno));
    return FALSE;
  }
  return TRUE;
}
