/* libskc — a fixed kernel over a frame in one sweep down the rows: loading
 * (and at half resolution the 2×2 mean), every layer, and storing (with the
 * bilinear return) run as a pipeline of stages a few rows apart, each
 * writing into a ring of rows rather than a whole plane.  The rows in flight
 * (a few megabytes at 4K) stay in cache, where whole planes, passed over
 * once a layer, went to memory and back (docs/ARCHITECTURE.md §8, "One
 * sweep").  The bytes are those of skc_filter_load, skc_filter_plane_fixed
 * and skc_filter_store (with skc_plane_halve and skc_plane_double between
 * them when halved, each twice at factor 4), for any thread count: each row
 * is computed by the same code from the same rows. */
#pragma once

#include "skc-fixed-kernel.h"
#include "skc-plane.h"
#include "skc-pool.h"
#include "skc-varying.h"
#include "skc-varying-runs.h"

G_BEGIN_DECLS

/* The rings and scratch, kept across frames of the same geometry. */
typedef struct _SkcSweep SkcSweep;

SkcSweep *skc_sweep_new  (void);
void      skc_sweep_free (SkcSweep *s);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SkcSweep, skc_sweep_free)

/* Filters the width × height samples of channels (1–4) at src, coded as
 * in_fmt, into dst, coded as out_fmt, with k.  factor 2: k runs on the half
 * plane (skc-halve.h), so it is the kernel at half size; 4: on the half
 * plane's half plane (both steps twice), the kernel at a quarter size; 1:
 * at full resolution.  A plane too small for the factor (under 3 × 3 for 4,
 * 2 × 2 for 2) runs at the next one that fits.  src and dst may be
 * the same rows (same stride): each row is read before it is written.
 * FALSE when the rings cannot be had (sizes beyond skc_plane_new_padded's). */
gboolean  skc_sweep_run  (SkcSweep *s, const SkcFixedKernel *k, guint factor, const guint8 *src,
                          gsize src_stride, const SkcSampleFormat *in_fmt, guint8 *dst, gsize dst_stride,
                          const SkcSampleFormat *out_fmt, gint width, gint height, gint channels, SkcPool *pool);

/* The same with the levels of vk, each pixel its own (level: width × height,
 * every level it holds built; skc_varying_kernel_prepare_levels), at full
 * resolution: the bytes of skc_filter_load, skc_filter_plane_varying_levels
 * without halving, and skc_filter_store.  runs: level's runs
 * (skc_varying_runs_new), or NULL to find them as the rows run. */
gboolean  skc_sweep_run_levels (SkcSweep *s, const SkcVaryingKernel *vk, const guint16 *level,
                                const SkcVaryingRuns *runs, const guint8 *src, gsize src_stride, const SkcSampleFormat *in_fmt, guint8 *dst,
                                gsize dst_stride, const SkcSampleFormat *out_fmt, gint width, gint height,
                                gint channels, SkcPool *pool);

G_END_DECLS
