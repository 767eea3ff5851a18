/* libskc — the engine's inner loops (internal): one segment of one output
 * row of one layer, out[i] = Σ_t w_t · src(y + dy_t, x0 + dx_t + i/C, i%C)
 * for the n = (x1 − x0)·C samples of the segment, in the kernel's precision.
 * One source file per instruction set, each compiled with its own flags
 * (core/engine/meson.build); skc_fixed_kernel_configure picks one. */
#pragma once

#include "skc-fixed-kernel.h"
#include "skc-plane.h"

G_BEGIN_DECLS

/* The AVX2 loops take a row's tap pairs in groups of this many, keeping the
 * int32 sums in acc between groups: the source rows one group reads stay in
 * L1 from one 64-sample block to the next (sorted taps: a few rows a group).
 * 16–32 measured alike on the hexagon at 32 px; all pairs at once 17 % slower. */
#define SKC_PAIR_GROUP 24

/* The head of a loop's declaration or definition (an SkcLoopFunc); the files
 * that define theirs by macro use it too. */
#define SKC_LOOP_DEFINITION(NAME)                                                              \
  void NAME (const SkcLayerTaps *lt, const SkcPlane *src, gint y, gint x0, gsize n, gint16 *out, \
      gpointer scratch)

/* src's border must be filled; scratch holds 2·n 32-bit values. */
SKC_LOOP_DEFINITION (skc_loop_32_c);
SKC_LOOP_DEFINITION (skc_loop_16_c);
SKC_LOOP_DEFINITION (skc_loop_32_orc);
SKC_LOOP_DEFINITION (skc_loop_16_orc);
/* x86-64 only (the loops' assembly names 12 vector registers, i386 has 8);
 * call only where skc_cpu_has_avx2 / skc_cpu_has_vnni. */
SKC_LOOP_DEFINITION (skc_loop_32_avx2);
SKC_LOOP_DEFINITION (skc_loop_32_vnni);
SKC_LOOP_DEFINITION (skc_loop_32_vnni512);

/* skc_fixed_kernel_configure without the log line (the varying path logs
 * once for all its levels). */
void skc_loops_choose (SkcFixedKernel *k, SkcPrecision precision, SkcEngine engine);

/* Output row y, pixels [x0, x1) of one layer through the kernel's loops. */
static inline void
skc_loops_segment (const SkcFixedKernel *k, guint layer, const SkcPlane *src, gint y, gint x0, gint x1,
    gint16 *out, gpointer acc)
{
  gsize n = (gsize) (x1 - x0) * src->channels;

  if (n > 0)
    k->layer[layer].loop (&k->layer[layer], src, y, x0, n, out, acc);
}

/* The first sample a tap reads for output (y, x0). */
static inline const gint16 *
skc_loops_tap_source (const SkcPlane *src, const SkcIntTap *t, gint y, gint x0)
{
  return skc_plane_row (src, y + t->dy) + (gssize) (x0 + t->dx) * src->channels;
}

static inline gint16
skc_loops_sat16 (gint32 v)
{
  return (gint16) CLAMP (v, G_MININT16, G_MAXINT16);
}

G_END_DECLS
