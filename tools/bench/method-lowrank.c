/* skc-bench: LowRank (McGraw 2015) separable passes. */
#include "bench.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
  SkcComplex *c;      /* from skc_baseline_lowrank: r branches of (horizontal, vertical) */
  gint pad;
} LowRank;

static void
run_lowrank (gpointer data, const guint8 *src, guint8 *dst)
{
  LowRank *lr = data;
  gint W = opt_width, H = opt_height, P = lr->pad, PW = W + 2 * P;
  g_autofree gfloat *in = g_new (gfloat, (gsize) PW * (H + 2 * P));
  g_autofree gfloat *mid = g_new0 (gfloat, (gsize) PW * (H + 2 * P));
  g_autofree gfloat *out = g_new (gfloat, (gsize) W * H);

  for (gint c = 0; c < C; c++) {
    for (gint y = -P; y < H + P; y++)
      for (gint x = -P; x < W + P; x++)
        in[(gsize) (y + P) * PW + x + P] = src[((gsize) CLAMP (y, 0, H - 1) * W + CLAMP (x, 0, W - 1)) * C + c];
    memset (out, 0, sizeof (gfloat) * W * H);
    for (guint b = 0; b + 1 < lr->c->n_layers; b += 2) {
      const SkcLayer *h = &lr->c->layers[b], *v = &lr->c->layers[b + 1];

      /* Horizontal pass over every padded row (the vertical pass reads them). */
      for (gint y = 0; y < H + 2 * P; y++) {
        gfloat *m = mid + (gsize) y * PW + P;

        memset (m, 0, sizeof (gfloat) * W);
        for (guint t = 0; t < h->n_taps; t++) {
          const gfloat *sp = in + (gsize) y * PW + P + (gint) h->taps[t].dx;
          gfloat w = (gfloat) h->taps[t].w;

          for (gint x = 0; x < W; x++)
            m[x] += w * sp[x];
        }
      }
      for (gint y = 0; y < H; y++) {
        gfloat *o = out + (gsize) y * W;

        for (guint t = 0; t < v->n_taps; t++) {
          const gfloat *sp = mid + (gsize) (y + P + (gint) v->taps[t].dy) * PW + P;
          gfloat w = (gfloat) v->taps[t].w;

          for (gint x = 0; x < W; x++)
            o[x] += w * sp[x];
        }
      }
    }
    for (gsize i = 0; i < (gsize) W * H; i++)
      dst[i * C + c] = (guint8) CLAMP (lrintf (out[i]), 0, 255);
  }
}


void
bench_lowrank_rows (GArray *rows, const SkcRaster *psf, const guint8 *src, const guint8 *ref, guint8 *out, gint border)
{
  for (guint rank = 1; rank <= 3; rank++) {
    LowRank lr = { skc_baseline_lowrank (psf, rank, NULL), MAX (psf->width, psf->height) };
    g_autofree gchar *name = g_strdup_printf ("LowRank rank %u (float separable passes)", rank);
    Row r = { NULL, time_median (run_lowrank, &lr, src, out, opt_repeat), 0, skc_complex_total_taps (lr.c) };

    r.psnr = psnr_u8 (out, ref, border);
    r.name = g_intern_string (name);
    g_array_append_val (rows, r);
    skc_complex_free (lr.c);
  }
}
