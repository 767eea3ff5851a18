/* libskc — working planes of the filtering engine: 16-bit fixed point,
 * 1–4 interleaved channels, padded on every side so that no tap reads out of
 * bounds; the padding is filled clamp-to-edge. */
#pragma once

#include "skc-engine.h"

G_BEGIN_DECLS

/* 8-bit samples are stored ×64 (Q6): 0..16320, leaving room for the overshoot
 * of negative weights between layers.  See skc-filter.c for the error bound. */
#define SKC_PLANE_SHIFT 6

/* Pixels of padding beyond a kernel's reach, so that a row's taps stay within
 * its own padding where a vector loop's last whole vector starts. */
#define SKC_PLANE_SLACK 4

/* Samples allocated after the last padded row: a vector loop finishes a short
 * run with a whole vector, reading up to 31 samples past the run's end (the
 * 512-bit loop's 32-sample blocks); on the last row of a plane padded by 0
 * rows that is past the rows. */
#define SKC_PLANE_TAIL 32

typedef struct {
  gint     width, height, channels;
  gint     pad_x, pad_y; /* pixels of border left and right, above and below */
  gsize    stride;       /* samples per padded row */
  gint16  *alloc;
  gint16  *data;         /* pixel (0, 0), channel 0; of a ring, slot 0's pixel 0 */
  /* 0 for a whole plane; for a ring (skc_plane_new_ring) its slots − 1, a
   * power of two: row y (pads included) lives in slot y & ring_mask, so only
   * the rows in flight take memory and stay in cache (skc-sweep.c). */
  gint     ring_mask;
} SkcPlane;

/* NULL for sizes ≤ 0 or > 65536, channels ∉ 1..4, pads ∉ 0..65536, a total
 * that overflows or memory that cannot be had. */
SkcPlane *skc_plane_new_padded  (gint width, gint height, gint channels, gint pad_x, gint pad_y);
/* The same padding on both axes. */
SkcPlane *skc_plane_new         (gint width, gint height, gint channels, gint pad);
/* A ring of slots rows (a power of two, 1 … 65536) of a plane of width ×
 * height: each slot holds a padded row, pad_x each side; rows −pad_y … −1
 * and height … height + pad_y − 1 are the pad rows skc_plane_fill_border_rows
 * writes.  Whoever uses it keeps fewer than slots rows live at a time.
 * NULL as skc_plane_new_padded. */
SkcPlane *skc_plane_new_ring    (gint width, gint height, gint channels, gint pad_x, gint pad_y, gint slots);
/* A plane of p's geometry and padding (a scratch plane to ping-pong with). */
SkcPlane *skc_plane_new_like    (const SkcPlane *p);
/* TRUE when a and b have the same geometry and padding. */
gboolean  skc_plane_same_shape  (const SkcPlane *a, const SkcPlane *b);
void      skc_plane_free        (SkcPlane *p);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SkcPlane, skc_plane_free)

static inline gint16 *
skc_plane_row (const SkcPlane *p, gint y)
{
  /* Two's complement: the pad rows above (y < 0) land in the last slots. */
  if (p->ring_mask)
    y &= p->ring_mask;
  return p->data + (gssize) y * (gssize) p->stride;
}

/* Fills the border with the nearest edge pixel. */
void      skc_plane_fill_border (SkcPlane *p);
/* The same for rows [y0, y1) only: their left and right pads, and the pad
 * rows above (below) when the range holds the first (last) row.  Stripes
 * that cover the plane between them fill the whole border, each its own
 * part, while their rows are still in cache. */
void      skc_plane_fill_border_rows (SkcPlane *p, gint y0, gint y1);

/* How a sample is coded; every kind lands on the same Q6 scale (8-bit code
 * × 64), so kernels and bounds do not depend on it.  16-bit containers are
 * native endianness. */
typedef enum {
  SKC_SAMPLES_8 = 0,     /* one byte: × 64, exact */
  SKC_SAMPLES_10,        /* 10 bits in the low bits of 16 (…_10LE): × 16, exact */
  SKC_SAMPLES_10_MSB,    /* 10 bits in the high bits of 16 (P010): >> 2, exact */
  SKC_SAMPLES_16,        /* 16 bits (GRAY16, RGBA64): >> 2, 14 bits kept */
} SkcSamples;

/* How samples map to the plane: the coding above, 8- and 16-bit optionally
 * through sRGB tables for some channels (linear light). */
typedef struct {
  SkcSamples samples;
  guint    linear_mask;        /* bit c: channel c through the sRGB tables (8- and 16-bit) */
  SkcEngine engine;            /* loops of the plain 8-bit conversions: C, or ORC for any other */
} SkcSampleFormat;

/* From / to interleaved samples (any row stride in bytes), rows [y0, y1). */
void      skc_plane_load        (SkcPlane *p, const guint8 *src, gsize src_stride, const SkcSampleFormat *fmt,
                                 gint y0, gint y1);
void      skc_plane_store       (const SkcPlane *p, guint8 *dst, gsize dst_stride, const SkcSampleFormat *fmt,
                                 gint y0, gint y1);


G_END_DECLS
