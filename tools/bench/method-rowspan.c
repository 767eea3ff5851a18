/* skc-bench: row spans by prefix sums (the flat shape). */
#include "bench.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
  gint rows;          /* kernel rows dy = −rows … rows */
  gint *a, *b;        /* chord [a, b] of displacements in each row (a > b: empty) */
  gfloat v;           /* the flat value: 1 / pixels covered */
  gint pad;
} RowSpan;

static void
rowspan_init (RowSpan *rs, const SkcRaster *psf)
{
  gint n = 0;

  /* Pixels at least half covered form the (aliased) flat shape. */
  rs->rows = MAX (psf->cy, psf->height - 1 - psf->cy);
  rs->a = g_new (gint, 2 * rs->rows + 1);
  rs->b = g_new (gint, 2 * rs->rows + 1);
  for (gint dy = -rs->rows; dy <= rs->rows; dy++) {
    gint a = G_MAXINT, b = G_MININT;

    for (gint dx = -psf->cx; dx < psf->width - psf->cx; dx++)
      if (skc_raster_get (psf, dx, dy) >= 0.5 * skc_raster_max (psf)) {
        a = MIN (a, dx);
        b = MAX (b, dx);
      }
    rs->a[dy + rs->rows] = a;
    rs->b[dy + rs->rows] = b;
    n += b >= a ? b - a + 1 : 0;
  }
  rs->v = 1.0f / n;
  rs->pad = MAX (psf->width, psf->height);
}

static void
run_rowspan (gpointer data, const guint8 *src, guint8 *dst)
{
  RowSpan *rs = data;
  gint W = opt_width, H = opt_height, P = rs->pad, PW = W + 2 * P + 1;
  /* Prefix sums of every padded row: S(y, x) = Σ_{x' < x} in(y, x'). */
  g_autofree gfloat *sum = g_new (gfloat, (gsize) PW * (H + 2 * P));
  g_autofree gfloat *out = g_new (gfloat, (gsize) W * H);

  for (gint c = 0; c < C; c++) {
    for (gint y = -P; y < H + P; y++) {
      gfloat *s = sum + (gsize) (y + P) * PW;
      gdouble acc = 0;

      s[0] = 0;
      for (gint x = -P; x < W + P; x++) {
        acc += src[((gsize) CLAMP (y, 0, H - 1) * W + CLAMP (x, 0, W - 1)) * C + c];
        s[x + P + 1] = (gfloat) acc;
      }
    }
    memset (out, 0, sizeof (gfloat) * W * H);
    for (gint y = 0; y < H; y++) {
      gfloat *o = out + (gsize) y * W;

      /* out(x) = v Σ_dy Σ_{dx=a}^{b} in(x − dx, y − dy) */
      for (gint j = 0; j <= 2 * rs->rows; j++) {
        gint dy = j - rs->rows, a = rs->a[j], b = rs->b[j];
        const gfloat *s = sum + (gsize) (y - dy + P) * PW + P;

        if (b < a)
          continue;
        for (gint x = 0; x < W; x++)
          o[x] += s[x - a + 1] - s[x - b];
      }
      for (gint x = 0; x < W; x++)
        o[x] *= rs->v;
    }
    for (gsize i = 0; i < (gsize) W * H; i++)
      dst[i * C + c] = (guint8) CLAMP (lrintf (out[i]), 0, 255);
  }
}


void
bench_rowspan_rows (GArray *rows, const SkcRaster *psf, const guint8 *src, const guint8 *ref, guint8 *out, gint border)
{
  {
    RowSpan rs;

    rowspan_init (&rs, psf);
    {
      Row r = { "row spans (prefix sums, flat shape)", time_median (run_rowspan, &rs, src, out, opt_repeat), 0,
        2 * (2 * rs.rows + 1) };

      r.psnr = psnr_u8 (out, ref, border);
      g_array_append_val (rows, r);
    }
    g_free (rs.a);
    g_free (rs.b);
  }
}
