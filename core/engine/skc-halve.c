/* libskc — 2× down and up between a plane and its half-resolution copy. */
#include "skc-halve.h"
#include "skc-rows-isa.h"

#include <string.h>

typedef struct {
  const SkcPlane *src;
  SkcPlane *dst;
} HalveJob;

G_ALWAYS_INLINE static inline void
halve_row (const gint16 *a, const gint16 *b, gint16 *out, gint pairs, gint c)
{
  for (gint x = 0; x < pairs; x++)
    for (gint ch = 0; ch < c; ch++) {
      gint k = 2 * x * c + ch;

      out[x * c + ch] = (gint16) ((a[k] + a[k + c] + b[k] + b[k + c] + 2) >> 2);
    }
}

SKC_ROWS_ISA void
skc_halve_row (const gint16 *a, const gint16 *b, gint16 *out, gint full_width, gint c)
{
  /* Pairs of whole columns; an odd last column pairs with itself. */
  gint pairs = full_width / 2;

  switch (c) {  /* a constant channel count lets the compiler vectorise */
    case 1: halve_row (a, b, out, pairs, 1); break;
    case 2: halve_row (a, b, out, pairs, 2); break;
    case 3: halve_row (a, b, out, pairs, 3); break;
    default: halve_row (a, b, out, pairs, 4); break;
  }
  if (full_width & 1)
    for (gint ch = 0; ch < c; ch++) {
      gint k = (full_width - 1) * c + ch;

      out[pairs * c + ch] = (gint16) ((2 * a[k] + 2 * b[k] + 2) >> 2);
    }
}

static void
halve_stripe (guint i, guint n, gpointer data)
{
  const HalveJob *job = data;
  const SkcPlane *f = job->src;
  SkcPlane *h = job->dst;
  gint y0, y1;

  skc_pool_stripe (i, n, h->height, &y0, &y1);
  for (gint y = y0; y < y1; y++)
    skc_halve_row (skc_plane_row (f, 2 * y), skc_plane_row (f, MIN (2 * y + 1, f->height - 1)),
        skc_plane_row (h, y), f->width, f->channels);
}

void
skc_plane_halve (const SkcPlane *full, SkcPlane *half, SkcPool *pool)
{
  HalveJob job = { full, half };

  g_return_if_fail (half->width == skc_halve_size (full->width) && half->height == skc_halve_size (full->height));
  g_return_if_fail (half->channels == full->channels);
  skc_pool_run (pool, skc_pool_stripes (pool, half->height), halve_stripe, &job);
}

typedef struct {
  const SkcPlane *src;
  SkcPlane *dst;
  gint32 *rows;      /* per stripe: the vertically blended half row, ×4, and a pixel each end */
  gsize row_len;
} DoubleJob;

/* Half pixels a chunk of the row across: its even and odd outputs, 2 KiB
 * each at four channels, stay in L1 until they are interleaved. */
#define DOUBLE_CHUNK 256

/* Across: output 2j takes ¾ of t[j] and ¼ of t[j − 1], output 2j + 1 ¾ of
 * t[j] and ¼ of t[j + 1]; t is ×4 already, so ÷16, and holds one clamped
 * pixel beyond each end, so no sample tests for an edge.  The evens and odds
 * of a chunk are made as two plain rows, which the compiler vectorises, and
 * then interleaved a pixel at a time: written interleaved, the loop did not
 * vectorise and took a fifth of a 4K frame at half resolution. */
G_ALWAYS_INLINE static inline void
double_row (const gint32 *t, gint16 *out, gint hw, gint width, gint c)
{
  gint16 even[DOUBLE_CHUNK * 4], odd[DOUBLE_CHUNK * 4];

  for (gint j0 = 0; j0 < hw; j0 += DOUBLE_CHUNK) {
    gint j1 = MIN (j0 + DOUBLE_CHUNK, hw), n = (j1 - j0) * c;
    /* An odd width has no output after the last half pixel's even one:
     * that pixel apart, the interleaving loop has no test and vectorises. */
    gint pairs = 2 * j1 > width ? j1 - 1 : j1;
    const gint32 *tc = t + j0 * c;
    gint16 *o = out + 2 * j0 * c;

    for (gint i = 0; i < n; i++) {
      even[i] = (gint16) ((3 * tc[i] + tc[i - c] + 8) >> 4);
      odd[i] = (gint16) ((3 * tc[i] + tc[i + c] + 8) >> 4);
    }
    for (gint j = 0; j < pairs - j0; j++)
      for (gint ch = 0; ch < c; ch++) {
        o[2 * j * c + ch] = even[j * c + ch];
        o[(2 * j + 1) * c + ch] = odd[j * c + ch];
      }
    if (pairs < j1)
      memcpy (out + 2 * pairs * c, even + (pairs - j0) * c, sizeof (gint16) * c);
  }
}

SKC_ROWS_ISA void
skc_double_row (const SkcPlane *h, gint y, gint full_width, gint32 *t, gint16 *out)
{
  /* Output row y sits at half row (y − ½)/2: ¾ of row y/2, ¼ of the one
   * above (even y) or below (odd y). */
  gint c = h->channels, hw = h->width;
  gint j = y / 2, other = (y & 1) ? MIN (j + 1, h->height - 1) : MAX (j - 1, 0);
  const gint16 *near = skc_plane_row (h, j), *far = skc_plane_row (h, other);
  gint32 *row = t + c;

  for (gint x = 0; x < hw * c; x++)
    row[x] = 3 * near[x] + far[x];
  /* Clamp to edge: the pixels beyond the ends repeat the end ones. */
  for (gint ch = 0; ch < c; ch++) {
    row[ch - c] = row[ch];
    row[hw * c + ch] = row[(hw - 1) * c + ch];
  }
  switch (c) {
    case 1: double_row (row, out, hw, full_width, 1); break;
    case 2: double_row (row, out, hw, full_width, 2); break;
    case 3: double_row (row, out, hw, full_width, 3); break;
    default: double_row (row, out, hw, full_width, 4); break;
  }
}

static void
double_stripe (guint i, guint n, gpointer data)
{
  const DoubleJob *job = data;
  SkcPlane *f = job->dst;
  gint y0, y1;
  gint32 *t = job->rows + i * job->row_len;

  skc_pool_stripe (i, n, f->height, &y0, &y1);
  for (gint y = y0; y < y1; y++)
    skc_double_row (job->src, y, f->width, t, skc_plane_row (f, y));
}

void
skc_plane_double (const SkcPlane *half, SkcPlane *full, SkcPool *pool)
{
  guint stripes = skc_pool_stripes (pool, full->height);
  gsize row_len = SKC_DOUBLE_SCRATCH (half->width, half->channels);
  g_autofree gint32 *rows = g_new (gint32, row_len * stripes);
  DoubleJob job = { half, full, rows, row_len };

  g_return_if_fail (half->width == skc_halve_size (full->width) && half->height == skc_halve_size (full->height));
  g_return_if_fail (half->channels == full->channels);
  skc_pool_run (pool, stripes, double_stripe, &job);
}
