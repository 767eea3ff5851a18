/* libskc — padded 16-bit working planes. */
#include "skc-plane.h"
#include "skc-rows-isa.h"
#include "skc-srgb.h"
#include "skc-srgb-rows.h"
#include "skc-engine.h"
#include "skc-orc.h"

#include <string.h>

SkcPlane *
skc_plane_new_padded (gint width, gint height, gint channels, gint pad_x, gint pad_y)
{
  SkcPlane *p;
  gsize stride, rows;

  if (width <= 0 || height <= 0 || channels < 1 || channels > 4 || pad_x < 0 || pad_x > 65536 || pad_y < 0 ||
      pad_y > 65536 || width > 65536 || height > 65536)
    return NULL;
  stride = ((gsize) width + 2 * (gsize) pad_x) * channels;
  rows = (gsize) height + 2 * (gsize) pad_y;
  if (rows > (G_MAXSIZE / sizeof (gint16) - SKC_PLANE_TAIL) / stride)
    return NULL;
  p = g_new0 (SkcPlane, 1);
  p->width = width;
  p->height = height;
  p->channels = channels;
  p->pad_x = pad_x;
  p->pad_y = pad_y;
  p->stride = stride;
  p->alloc = g_try_new0 (gint16, stride * rows + SKC_PLANE_TAIL);
  if (p->alloc == NULL) {
    g_free (p);
    return NULL;
  }
  p->data = p->alloc + (gsize) pad_y * stride + (gsize) pad_x * channels;
  return p;
}

SkcPlane *
skc_plane_new_ring (gint width, gint height, gint channels, gint pad_x, gint pad_y, gint slots)
{
  SkcPlane *p;

  if (slots < 1 || slots > 65536 || (slots & (slots - 1)) != 0 || height <= 0 || height > 65536 || pad_y < 0 ||
      pad_y > 65536)
    return NULL;
  /* Slots rows without pad rows; the height and pad_y it reports are the
   * plane's, which the border fill and the loops go by. */
  p = skc_plane_new_padded (width, slots, channels, pad_x, 0);
  if (p == NULL)
    return NULL;
  p->height = height;
  p->pad_y = pad_y;
  p->ring_mask = slots - 1;
  return p;
}

SkcPlane *
skc_plane_new (gint width, gint height, gint channels, gint pad)
{
  return skc_plane_new_padded (width, height, channels, pad, pad);
}

SkcPlane *
skc_plane_new_like (const SkcPlane *p)
{
  return skc_plane_new_padded (p->width, p->height, p->channels, p->pad_x, p->pad_y);
}

gboolean
skc_plane_same_shape (const SkcPlane *a, const SkcPlane *b)
{
  return a->width == b->width && a->height == b->height && a->channels == b->channels &&
      a->pad_x == b->pad_x && a->pad_y == b->pad_y && a->ring_mask == b->ring_mask;
}

void
skc_plane_free (SkcPlane *p)
{
  if (p == NULL)
    return;
  g_free (p->alloc);
  g_free (p);
}

void
skc_plane_fill_border_rows (SkcPlane *p, gint y0, gint y1)
{
  gint C = p->channels, pad = p->pad_x;

  for (gint y = y0; y < y1 && pad > 0; y++) {
    gint16 *row = skc_plane_row (p, y);

    gint16 *last = row + (p->width - 1) * C;

    /* One and four channels spelled out: a memcpy of a pixel a pad sample
     * was a call each, a third of a varying pass's own time on I420. */
    if (C == 1) {
      gint16 l = row[0], r = last[0];

      for (gint x = 1; x <= pad; x++) {
        row[-x] = l;
        last[x] = r;
      }
    } else if (C == 4) {
      guint64 l, r;

      memcpy (&l, row, sizeof l);
      memcpy (&r, last, sizeof r);
      for (gint x = 1; x <= pad; x++) {
        memcpy (row - x * 4, &l, sizeof l);
        memcpy (last + x * 4, &r, sizeof r);
      }
    } else {
      for (gint x = 1; x <= pad; x++) {
        memcpy (row - x * C, row, sizeof (gint16) * C);
        memcpy (last + x * C, last, sizeof (gint16) * C);
      }
    }
  }
  /* The rows above and below copy the edge rows whole, their side pads too,
   * which the loop above has just filled when the range holds them. */
  if (y0 == 0 && y1 > 0)
    for (gint y = 1; y <= p->pad_y; y++)
      memcpy (skc_plane_row (p, -y) - pad * C, skc_plane_row (p, 0) - pad * C, sizeof (gint16) * p->stride);
  if (y1 == p->height && y0 < y1)
    for (gint y = 1; y <= p->pad_y; y++)
      memcpy (skc_plane_row (p, p->height - 1 + y) - pad * C,
          skc_plane_row (p, p->height - 1) - pad * C, sizeof (gint16) * p->stride);
}

void
skc_plane_fill_border (SkcPlane *p)
{
  skc_plane_fill_border_rows (p, 0, p->height);
}

/* The 8-bit conversions run in ORC (the C loops, 3.5× slower at 1080p RGBA
 * for the store, run for SKC_ENGINE_C); both give the same bytes. */
static gboolean
use_orc (const SkcSampleFormat *fmt)
{
  return skc_engine_resolve (fmt->engine, FALSE) != SKC_ENGINE_C;
}

/* The SIMD sRGB rows follow the engine's choice, so that SKC_ENGINE=c stays
 * plain C throughout and SKC_ENGINE=avx2 runs AVX2 only.  2: the AVX-512
 * decode as well; 1: the AVX2 encode; 0: scalar rows. */
static gint
simd_rows (const SkcSampleFormat *fmt)
{
#ifdef SKC_HAVE_X86_LOOPS
  SkcEngine e = skc_engine_resolve (fmt->engine, FALSE);

  if (e == SKC_ENGINE_VNNI && skc_cpu_has_avx512bw ())
    return 2;
  return e == SKC_ENGINE_AVX2 || e == SKC_ENGINE_VNNI;
#else
  (void) fmt;
  return 0;
#endif
}

static void
plane_from_u8 (SkcPlane *p, const guint8 *src, gsize src_stride, const SkcSampleFormat *fmt, gint y0, gint y1)
{
  gsize n = (gsize) p->width * p->channels;
  gboolean orc = use_orc (fmt);

  for (gint y = y0; y < y1; y++) {
    const guint8 *s = src + (gsize) y * src_stride;
    gint16 *d = skc_plane_row (p, y);

    if (orc) {
      skc_orc_u8_to_q6 (d, s, (int) n);
      continue;
    }
    for (gsize i = 0; i < n; i++)
      d[i] = (gint16) (s[i] << SKC_PLANE_SHIFT);
  }
}

static void
plane_to_u8 (const SkcPlane *p, guint8 *dst, gsize dst_stride, const SkcSampleFormat *fmt, gint y0, gint y1)
{
  gsize n = (gsize) p->width * p->channels;
  gboolean orc = use_orc (fmt);

  for (gint y = y0; y < y1; y++) {
    const gint16 *s = skc_plane_row (p, y);
    guint8 *d = dst + (gsize) y * dst_stride;

    if (orc) {
      skc_orc_q6_to_u8 (d, s, (int) n);
      continue;
    }
    for (gsize i = 0; i < n; i++) {
      gint v = (s[i] + (1 << (SKC_PLANE_SHIFT - 1))) >> SKC_PLANE_SHIFT;

      d[i] = (guint8) CLAMP (v, 0, 255);
    }
  }
}

/* 16-bit containers to Q6: 10-bit codes × 16 (codes above 1023, which the
 * format does not have, are clamped so the shift cannot overflow); P010's
 * MSB-aligned codes and full 16-bit samples >> 2. */
static void
plane_from_u16 (SkcPlane *p, const guint8 *src, gsize src_stride, SkcSamples samples, gint y0, gint y1)
{
  gsize n = (gsize) p->width * p->channels;

  for (gint y = y0; y < y1; y++) {
    const guint16 *s = (const guint16 *) (src + (gsize) y * src_stride);
    gint16 *d = skc_plane_row (p, y);

    if (samples == SKC_SAMPLES_10)
      for (gsize i = 0; i < n; i++)
        d[i] = (gint16) (MIN (s[i], 1023) << 4);
    else
      for (gsize i = 0; i < n; i++)
        d[i] = (gint16) (s[i] >> 2);
  }
}

/* Q6 to 16-bit containers, clamped: 10-bit codes rounded to nearest (P010's
 * shifted up, low bits zero); 16-bit samples with the top two bits repeated
 * below, so 0 and 16383 give 0 and 65535 and a load gives the plane back. */
static void
plane_to_u16 (const SkcPlane *p, guint8 *dst, gsize dst_stride, SkcSamples samples, gint y0, gint y1)
{
  gsize n = (gsize) p->width * p->channels;

  for (gint y = y0; y < y1; y++) {
    const gint16 *s = skc_plane_row (p, y);
    guint16 *d = (guint16 *) (dst + (gsize) y * dst_stride);

    for (gsize i = 0; i < n; i++) {
      gint v = CLAMP (s[i], 0, 16383), code = MIN ((v + 8) >> 4, 1023);

      d[i] = (guint16) (samples == SKC_SAMPLES_16 ? v << 2 | v >> 12
          : samples == SKC_SAMPLES_10_MSB ? code << 6 : code);
    }
  }
}

/* 16-bit RGB through the 16-bit sRGB tables on the channels of mask, the
 * others (alpha, padding) as plain 16-bit samples. */
static void
plane_from_srgb16 (SkcPlane *p, const guint8 *src, gsize src_stride, guint mask, gint y0, gint y1)
{
  const gint16 *lut = skc_srgb_decode16_table ();
  gint C = p->channels;

  for (gint y = y0; y < y1; y++) {
    const guint16 *s = (const guint16 *) (src + (gsize) y * src_stride);
    gint16 *d = skc_plane_row (p, y);

    for (gint x = 0; x < p->width; x++, s += C, d += C)
      for (gint c = 0; c < C; c++)
        d[c] = (mask >> c) & 1 ? lut[s[c]] : (gint16) (s[c] >> 2);
  }
}

static void
plane_to_srgb16 (const SkcPlane *p, guint8 *dst, gsize dst_stride, guint mask, gint y0, gint y1)
{
  const guint16 *lut = skc_srgb_encode16_table ();
  gint C = p->channels;

  for (gint y = y0; y < y1; y++) {
    const gint16 *s = skc_plane_row (p, y);
    guint16 *d = (guint16 *) (dst + (gsize) y * dst_stride);

    for (gint x = 0; x < p->width; x++, s += C, d += C)
      for (gint c = 0; c < C; c++) {
        gint v = CLAMP (s[c], 0, 16383);

        d[c] = (mask >> c) & 1 ? lut[v] : (guint16) (v << 2 | v >> 12);
      }
  }
}

/* 8-bit rows through the sRGB tables on the channels of mask, the others
 * (alpha, padding) as plain samples.  The generic rows take any layout; the
 * _c4 ones are inlined with the channel count and mask as constants, once a
 * common four-channel layout (RGB then alpha: 0x7; alpha first: 0xe), so
 * that no sample pays for a test or a loop over channels: at 4K these two
 * passes took a quarter of a small kernel's frame, and half that after. */
G_ALWAYS_INLINE static inline void
row_from_srgb8 (gint16 *d, const guint8 *s, gint width, gint C, const gint16 *lut, guint mask)
{
  for (gint x = 0; x < width; x++, s += C, d += C)
    for (gint c = 0; c < C; c++)
      d[c] = (mask >> c) & 1 ? lut[s[c]] : (gint16) (s[c] << SKC_PLANE_SHIFT);
}

G_ALWAYS_INLINE static inline void
row_from_srgb8_c4 (gint16 *d, const guint8 *s, gint width, const gint16 *lut, const guint mask)
{
  row_from_srgb8 (d, s, width, 4, lut, mask);
}

static inline guint8
encode_srgb8 (const guint8 *lut, gint16 v)
{
  return lut[CLAMP (v, 0, SKC_SRGB_ENCODE_SIZE - 1)];
}

static inline guint8
plain_u8 (gint16 v)
{
  gint r = (v + (1 << (SKC_PLANE_SHIFT - 1))) >> SKC_PLANE_SHIFT;

  return (guint8) CLAMP (r, 0, 255);
}

G_ALWAYS_INLINE static inline void
row_to_srgb8 (guint8 *d, const gint16 *s, gint width, gint C, const guint8 *lut, guint mask)
{
  for (gint x = 0; x < width; x++, s += C, d += C)
    for (gint c = 0; c < C; c++)
      d[c] = (mask >> c) & 1 ? encode_srgb8 (lut, s[c]) : plain_u8 (s[c]);
}

G_ALWAYS_INLINE static inline void
row_to_srgb8_c4 (guint8 *d, const gint16 *s, gint width, const guint8 *lut, const guint mask)
{
  row_to_srgb8 (d, s, width, 4, lut, mask);
}

SKC_ROWS_ISA void
skc_plane_load (SkcPlane *p, const guint8 *src, gsize src_stride, const SkcSampleFormat *fmt, gint y0, gint y1)
{
  const gint16 *lut = skc_srgb_decode_table ();
  gint C = p->channels;
  gboolean avx512 = simd_rows (fmt) == 2;

  if (fmt->samples == SKC_SAMPLES_16 && fmt->linear_mask != 0) {
    plane_from_srgb16 (p, src, src_stride, fmt->linear_mask, y0, y1);
    return;
  }
  if (fmt->samples != SKC_SAMPLES_8) {
    plane_from_u16 (p, src, src_stride, fmt->samples, y0, y1);
    return;
  }
  if (fmt->linear_mask == 0) {
    plane_from_u8 (p, src, src_stride, fmt, y0, y1);
    return;
  }
  for (gint y = y0; y < y1; y++) {
    gint16 *d = skc_plane_row (p, y);
    const guint8 *s = src + (gsize) y * src_stride;

    if (C == 4 && avx512 && (fmt->linear_mask == 0x7 || fmt->linear_mask == 0xe))
      skc_srgb_decode_row8_c4_avx512 (d, s, p->width, lut, fmt->linear_mask);
    else if (C == 4 && fmt->linear_mask == 0x7)
      row_from_srgb8_c4 (d, s, p->width, lut, 0x7);
    else if (C == 4 && fmt->linear_mask == 0xe)
      row_from_srgb8_c4 (d, s, p->width, lut, 0xe);
    else
      row_from_srgb8 (d, s, p->width, C, lut, fmt->linear_mask);
  }
}

SKC_ROWS_ISA void
skc_plane_store (const SkcPlane *p, guint8 *dst, gsize dst_stride, const SkcSampleFormat *fmt, gint y0, gint y1)
{
  const guint8 *lut = skc_srgb_encode_table ();
  gint C = p->channels;
  gboolean avx2 = simd_rows (fmt) >= 1;

  if (fmt->samples == SKC_SAMPLES_16 && fmt->linear_mask != 0) {
    plane_to_srgb16 (p, dst, dst_stride, fmt->linear_mask, y0, y1);
    return;
  }
  if (fmt->samples != SKC_SAMPLES_8) {
    plane_to_u16 (p, dst, dst_stride, fmt->samples, y0, y1);
    return;
  }
  if (fmt->linear_mask == 0) {
    plane_to_u8 (p, dst, dst_stride, fmt, y0, y1);
    return;
  }
  for (gint y = y0; y < y1; y++) {
    const gint16 *s = skc_plane_row (p, y);
    guint8 *d = dst + (gsize) y * dst_stride;

    if (C == 4 && avx2 && (fmt->linear_mask == 0x7 || fmt->linear_mask == 0xe))
      skc_srgb_encode_row8_c4_avx2 (d, s, p->width, lut, fmt->linear_mask);
    else if (C == 4 && fmt->linear_mask == 0x7)
      row_to_srgb8_c4 (d, s, p->width, lut, 0x7);
    else if (C == 4 && fmt->linear_mask == 0xe)
      row_to_srgb8_c4 (d, s, p->width, lut, 0xe);
    else
      row_to_srgb8 (d, s, p->width, C, lut, fmt->linear_mask);
  }
}
