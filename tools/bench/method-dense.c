/* skc-bench: dense direct convolution with the target shape, the reference. */
#include "bench.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>


void
dense_init (Dense *d, const SkcRaster *psf, gint w, gint h, gint c)
{
  d->w = w;
  d->h = h;
  d->c = c;
  d->pad = MAX (psf->width, psf->height);
  d->n = 0;
  d->dx = g_new (gint, psf->width * psf->height);
  d->dy = g_new (gint, psf->width * psf->height);
  d->v = g_new (gfloat, psf->width * psf->height);
  for (gint y = 0; y < psf->height; y++)
    for (gint x = 0; x < psf->width; x++)
      if (*skc_raster_at (psf, x, y) != 0) {
        d->dx[d->n] = x - psf->cx;
        d->dy[d->n] = y - psf->cy;
        d->v[d->n++] = (gfloat) *skc_raster_at (psf, x, y);
      }
}

void
dense_clear (Dense *d)
{
  g_free (d->dx);
  g_free (d->dy);
  g_free (d->v);
}

/* Cloned for AVX2+FMA and plain SSE2, picked at run time: the dense baseline
 * gets the same vector width as our hand-written loop. */
__attribute__ ((target_clones ("avx2,fma", "default"))) void
run_dense (gpointer data, const guint8 *src, guint8 *dst)
{
  Dense *d = data;
  gint W = d->w, H = d->h, CH = d->c, P = d->pad, PW = W + 2 * P;
  g_autofree gfloat *in = g_new (gfloat, (gsize) PW * (H + 2 * P));
  g_autofree gfloat *out = g_new (gfloat, (gsize) W * H);

  for (gint c = 0; c < CH; c++) {
    for (gint y = -P; y < H + P; y++)
      for (gint x = -P; x < W + P; x++)
        in[(gsize) (y + P) * PW + x + P] = src[((gsize) CLAMP (y, 0, H - 1) * W + CLAMP (x, 0, W - 1)) * CH + c];
    memset (out, 0, sizeof (gfloat) * W * H);
    /* out(x) = Σ_k psf(k) in(x − k): per output row, taps outer and pixels
     * inner, so the row being summed stays in L1 and the loop vectorises. */
    for (gint y = 0; y < H; y++) {
      gfloat *o = out + (gsize) y * W;

      for (guint t = 0; t < d->n; t++) {
        const gfloat *sp = in + (gsize) (y - d->dy[t] + P) * PW + P - d->dx[t];
        gfloat v = d->v[t];

        for (gint x = 0; x < W; x++)
          o[x] += v * sp[x];
      }
    }
    for (gsize i = 0; i < (gsize) W * H; i++)
      dst[i * CH + c] = (guint8) CLAMP (lrintf (out[i]), 0, 255);
  }
}

void
bench_dense_rows (GArray *rows, const SkcRaster *psf, const guint8 *src, guint8 *ref)
{
  Dense dense;
  guint dense_taps = 0;

  for (gint i = 0; i < psf->width * psf->height; i++)
    dense_taps += psf->data[i] != 0;
  dense_init (&dense, psf, opt_width, opt_height, C);
  {
    Row r = { "dense direct (reference)", time_median (run_dense, &dense, src, ref, MAX (1, opt_repeat / 3)), INFINITY, dense_taps };
    g_array_append_val (rows, r);
  }
  dense_clear (&dense);
}
