/* libskc — inside the varying path: the layers run over part of a plane,
 * and the half-resolution run built on that (skc-varying-halve.c). */
#pragma once

#include "skc-varying.h"

#include <string.h>

G_BEGIN_DECLS

/* Which pixels a layer computes: the plane is cut in square tiles of
 * 1 << shift px, dist gives each tile's distance in tiles (Chebyshev) to the
 * nearest tile holding a pixel whose result is needed, and layer l computes
 * the tiles at distance ≤ k[l].  The others are left as they were: no needed
 * pixel reads them, however many layers away. */
typedef struct {
  const guint8 *dist;
  gint          tiles_x;
  guint         shift;
  const guint  *k;
} SkcVaryingSkip;

/* The first x ≥ x0 (< width) whose level is not q, or width: four levels
 * compared as one 64-bit word, four words a step until one differs. */
static inline gint
skc_varying_run_end (const guint16 *lv, gint x0, gint width, guint16 q)
{
  guint64 qqqq = q * G_GUINT64_CONSTANT (0x0001000100010001);
  gint x = x0;

  /* The runs are long and every layer of every field scans them: one word a
   * step was a tenth of an I420 depth-of-field frame. */
  for (; x + 16 <= width; x += 16) {
    guint64 v[4];

    memcpy (v, lv + x, sizeof v);
    if (((v[0] ^ qqqq) | (v[1] ^ qqqq) | (v[2] ^ qqqq) | (v[3] ^ qqqq)) != 0)
      break;
  }
  for (; x + 4 <= width; x += 4) {
    guint64 v;

    memcpy (&v, lv + x, sizeof v);
    v ^= qqqq;
    if (v != 0) {
      /* The lowest differing level, in memory order (little or big end). */
#if G_BYTE_ORDER == G_LITTLE_ENDIAN
      return x + __builtin_ctzll (v) / 16;
#else
      return x + __builtin_clzll (v) / 16;
#endif
    }
  }
  for (; x < width && lv[x] == q; x++)
    ;
  return x;
}

/* The end of the run from x0: its level's pixels, and those of the levels
 * after it that share the layer's cell (keys: the layer's run keys). */
static inline gint
skc_varying_next_run (const guint16 *lv, const guint32 *keys, gint x0, gint xb)
{
  gint x1 = skc_varying_run_end (lv, x0 + 1, xb, lv[x0]);

  if (keys[lv[x0]] != 0)
    while (x1 < xb && keys[lv[x1]] == keys[lv[x0]])
      x1 = skc_varying_run_end (lv, x1 + 1, xb, lv[x1]);
  return x1;
}

/* Pixels [x0, x1) of row y of layer l through level q's loops.  The grid's
 * runs are short (15–22 px on the zoom blur), and a grid of thousands of
 * levels keeps their taps out of cache: the next run's taps and pairs
 * (level next), and the table entry of the run about one further (after),
 * are fetched ahead. */
static inline void
skc_varying_segment (const SkcVaryingKernel *vk, guint layer, guint q, guint next, guint after,
    const SkcPlane *src, gint y, gint x0, gint x1, gint16 *out, gint32 *acc, gboolean every_layer_copies)
{
  const SkcLayerTaps *table = vk->by_layer[layer], *lt = &table[q];
  gint C = src->channels;

  __builtin_prefetch (&table[after]);
  __builtin_prefetch (table[next].taps);
  __builtin_prefetch (table[next].pairs);
  /* Level 0, and a level skc_varying_kernel_prepare was not asked to
   * build (a caller's bug, not a crash), pass the input. */
  if (lt->loop == NULL) {
    if (layer == 0 || every_layer_copies)
      memcpy (out + (gsize) x0 * C, skc_plane_row (src, y) + (gsize) x0 * C,
          sizeof (gint16) * (gsize) (x1 - x0) * C);
  } else {
    lt->loop (lt, src, y, x0, (gsize) (x1 - x0) * C, out + (gsize) x0 * C, acc);
  }
}

/* Pixels [xa, xb) of row y of layer l, each run of equal level (lv: the
 * row's levels) through that level's loops, from src into out (the row's
 * start); acc: scratch for 2 × width × channels.  Level 0 passes src: at
 * layer 0 only, or at every layer when every_layer_copies (a layer that
 * writes fresh rows each time: skc-sweep.h). */
void     skc_varying_row (const SkcVaryingKernel *vk, guint layer, const guint16 *lv, const SkcPlane *src, gint y,
                          gint xa, gint xb, gint16 *out, gint32 *acc, gboolean every_layer_copies);

/* skc_filter_plane_varying_levels' layers, over the tiles skip keeps (NULL:
 * all); bordered: plane's border is filled already (else repeats its edge). */
void     skc_varying_run_layers (const SkcVaryingKernel *vk, SkcPlane *plane, SkcPlane *scratch,
                                 const guint16 *level, gboolean bordered, const SkcVaryingSkip *skip,
                                 SkcPool *pool);

/* The plane with vk's halving (skc_varying_kernel_set_halve); FALSE, the
 * plane untouched, when no pixel's level reaches the band or the plane is
 * too small to halve: then the full-resolution path is the whole answer. */
gboolean skc_varying_run_halved (const SkcVaryingKernel *vk, SkcPlane *plane, SkcPlane *scratch,
                                 const guint16 *level, SkcPool *pool);

G_END_DECLS
