/* libskc — the filtering engine's frame drivers.  Samples are Q6 int16
 * between layers; skc-fixed-kernel.c states the arithmetic and its error
 * bounds, skc-loops-*.c the inner loops. */
#pragma once

#include "skc-fixed-kernel.h"
#include "skc-engine.h"
#include "skc-plane.h"
#include "skc-pool.h"

G_BEGIN_DECLS

/* Filters interleaved 8-bit pixels (channels 1–4, any strides) with the
 * kernel; src and dst may not overlap.  Row stripes run on pool (NULL: the
 * calling thread alone); the bytes are the same for any thread count. */
void skc_filter_fixed_u8 (const SkcFixedKernel *k, const guint8 *src, gsize src_stride,
                          guint8 *dst, gsize dst_stride, gint width, gint height,
                          gint channels, SkcPool *pool);

/* Filters a loaded plane in place (padded for k: skc_fixed_kernel_fits_plane);
 * scratch is a plane of the same geometry to reuse, or NULL. */
void skc_filter_plane_fixed (const SkcFixedKernel *k, SkcPlane *plane, SkcPlane *scratch, SkcPool *pool);

/* Samples ↔ plane in row stripes on pool (NULL: this thread); fmt NULL is
 * plain 8-bit. */
void skc_filter_load  (SkcPlane *plane, const guint8 *src, gsize src_stride, const SkcSampleFormat *fmt,
                       SkcPool *pool);
void skc_filter_store (const SkcPlane *plane, guint8 *dst, gsize dst_stride, const SkcSampleFormat *fmt,
                       SkcPool *pool);

G_END_DECLS
