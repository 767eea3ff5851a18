/* libskc — 2× down and up between a plane and its half-resolution copy. */
#include "skc-halve.h"

typedef struct {
  const SkcPlane *src;
  SkcPlane *dst;
} HalveJob;

static inline void
halve_row (const gint16 *a, const gint16 *b, gint16 *out, gint pairs, gint c)
{
  for (gint x = 0; x < pairs; x++)
    for (gint ch = 0; ch < c; ch++) {
      gint k = 2 * x * c + ch;

      out[x * c + ch] = (gint16) ((a[k] + a[k + c] + b[k] + b[k + c] + 2) >> 2);
    }
}

static void
halve_stripe (guint i, guint n, gpointer data)
{
  const HalveJob *job = data;
  const SkcPlane *f = job->src;
  SkcPlane *h = job->dst;
  gint c = f->channels, y0, y1;

  skc_pool_stripe (i, n, h->height, &y0, &y1);
  for (gint y = y0; y < y1; y++) {
    const gint16 *a = skc_plane_row (f, 2 * y);
    const gint16 *b = skc_plane_row (f, MIN (2 * y + 1, f->height - 1));
    gint16 *out = skc_plane_row (h, y);
    /* Pairs of whole columns; an odd last column pairs with itself. */
    gint pairs = f->width / 2;

    switch (c) {  /* a constant channel count lets the compiler vectorise */
      case 1: halve_row (a, b, out, pairs, 1); break;
      case 2: halve_row (a, b, out, pairs, 2); break;
      case 3: halve_row (a, b, out, pairs, 3); break;
      default: halve_row (a, b, out, pairs, 4); break;
    }
    if (f->width & 1)
      for (gint ch = 0; ch < c; ch++) {
        gint k = (f->width - 1) * c + ch;

        out[pairs * c + ch] = (gint16) ((2 * a[k] + 2 * b[k] + 2) >> 2);
      }
  }
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
  gint32 *rows;      /* per stripe: the vertically blended half row, ×4 */
  gsize row_len;
} DoubleJob;

/* Across: output 2j takes ¾ of t[j] and ¼ of t[j − 1], output 2j + 1 ¾ of
 * t[j] and ¼ of t[j + 1] (the ends clamped); t is ×4 already, so ÷16. */
static inline void
double_row (const gint32 *t, gint16 *out, gint hw, gint width, gint c)
{
  for (gint ch = 0; ch < c; ch++)
    out[ch] = (gint16) ((4 * t[ch] + 8) >> 4);
  for (gint j = 1; 2 * j < width; j++)
    for (gint ch = 0; ch < c; ch++)
      out[2 * j * c + ch] = (gint16) ((3 * t[j * c + ch] + t[(j - 1) * c + ch] + 8) >> 4);
  for (gint j = 0; 2 * j + 1 < width; j++) {
    gint next = MIN (j + 1, hw - 1);

    for (gint ch = 0; ch < c; ch++)
      out[(2 * j + 1) * c + ch] = (gint16) ((3 * t[j * c + ch] + t[next * c + ch] + 8) >> 4);
  }
}

static void
double_stripe (guint i, guint n, gpointer data)
{
  const DoubleJob *job = data;
  const SkcPlane *h = job->src;
  SkcPlane *f = job->dst;
  gint c = f->channels, hw = h->width, y0, y1;
  gint32 *t = job->rows + i * job->row_len;

  skc_pool_stripe (i, n, f->height, &y0, &y1);
  for (gint y = y0; y < y1; y++) {
    /* Output row y sits at half row (y − ½)/2: ¾ of row y/2, ¼ of the one
     * above (even y) or below (odd y). */
    gint j = y / 2, other = (y & 1) ? MIN (j + 1, h->height - 1) : MAX (j - 1, 0);
    const gint16 *near = skc_plane_row (h, j), *far = skc_plane_row (h, other);
    gint16 *out = skc_plane_row (f, y);

    for (gint x = 0; x < hw * c; x++)
      t[x] = 3 * near[x] + far[x];
    switch (c) {
      case 1: double_row (t, out, hw, f->width, 1); break;
      case 2: double_row (t, out, hw, f->width, 2); break;
      case 3: double_row (t, out, hw, f->width, 3); break;
      default: double_row (t, out, hw, f->width, 4); break;
    }
  }
}

void
skc_plane_double (const SkcPlane *half, SkcPlane *full, SkcPool *pool)
{
  guint stripes = skc_pool_stripes (pool, full->height);
  gsize row_len = (gsize) half->width * half->channels;
  g_autofree gint32 *rows = g_new (gint32, row_len * stripes);
  DoubleJob job = { half, full, rows, row_len };

  g_return_if_fail (half->width == skc_halve_size (full->width) && half->height == skc_halve_size (full->height));
  g_return_if_fail (half->channels == full->channels);
  skc_pool_run (pool, stripes, double_stripe, &job);
}
