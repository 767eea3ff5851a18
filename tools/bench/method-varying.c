/* skc-bench: the spatially-varying tables (depth-of-field, tilt-shift). */
#include "bench.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static gfloat *
make_radius_map (gint map, gdouble R)
{
  gint W = opt_width, H = opt_height;
  gfloat *r = g_new (gfloat, (gsize) W * H);

  for (gint y = 0; y < H; y++)
    for (gint x = 0; x < W; x++) {
      gdouble v;

      if (map == 0) {
        /* Depth ramp from the focus plane (left) to far (right); a sharp
         * object in focus; a far disc at full blur — both with hard edges. */
        v = R * CLAMP ((x - 0.15 * W) / (0.75 * W), 0, 1);
        if (x > 0.35 * W && x < 0.55 * W && y > 0.3 * H && y < 0.8 * H)
          v = 0;
        if (hypot (x - 0.8 * W, y - 0.35 * H) < 0.12 * H)
          v = R;
      } else {
        /* Tilt-shift: a sharp band across the middle, blur growing away. */
        v = R * CLAMP (fabs (y - 0.5 * H) / (0.5 * H) * 1.6 - 0.3, 0, 1);
      }
      r[(gsize) y * W + x] = (gfloat) (floor (v / opt_step + 0.5) * opt_step);
    }
  return r;
}

typedef struct {
  guint n;
  gint *dx, *dy;
  gfloat *v;
} Entries;

typedef struct {
  const gfloat *radius;
  Entries *levels;     /* per level */
  gint pad;
} DenseVarying;

__attribute__ ((target_clones ("avx2,fma", "default"))) static void
run_dense_varying (gpointer data, const guint8 *src, guint8 *dst)
{
  DenseVarying *d = data;
  gint W = opt_width, H = opt_height, P = d->pad, PW = W + 2 * P;
  g_autofree gfloat *in = g_new (gfloat, (gsize) PW * (H + 2 * P) * C);

  for (gint y = -P; y < H + P; y++)
    for (gint x = -P; x < W + P; x++)
      for (gint c = 0; c < C; c++)
        in[((gsize) (y + P) * PW + x + P) * C + c] = src[((gsize) CLAMP (y, 0, H - 1) * W + CLAMP (x, 0, W - 1)) * C + c];
  for (gint y = 0; y < H; y++)
    for (gint x = 0; x < W; x++) {
      const Entries *e = &d->levels[(gint) lrint (d->radius[(gsize) y * W + x] / opt_step)];
      gfloat acc[C] = { 0 };

      for (guint t = 0; t < e->n; t++) {
        const gfloat *s = in + ((gsize) (y - e->dy[t] + P) * PW + x - e->dx[t] + P) * C;

        for (gint c = 0; c < C; c++)
          acc[c] += e->v[t] * s[c];
      }
      for (gint c = 0; c < C; c++)
        dst[((gsize) y * W + x) * C + c] = (guint8) CLAMP (lrintf (acc[c]), 0, 255);
    }
}

typedef struct {
  SkcVaryingKernel *vk;
  const gfloat *radius;
  SkcPool *pool;
} OursVarying;

static void
run_ours_varying (gpointer data, const guint8 *src, guint8 *dst)
{
  OursVarying *o = data;

  skc_filter_varying_u8 (o->vk, src, (gsize) opt_width * C, dst, (gsize) opt_width * C, opt_width, opt_height,
      C, o->radius, opt_width, o->pool);
}

#ifdef HAVE_FFTW
#define N_FFT_LAYERS 8
typedef struct {
  Fft fft[N_FFT_LAYERS];
  guint8 *out[N_FFT_LAYERS];
  const gfloat *radius;
  gdouble R;
} FftLayers;

static void
run_fft_layers (gpointer data, const guint8 *src, guint8 *dst)
{
  FftLayers *f = data;

  /* Layer i blurs with radius i·R/7 (layer 0: the frame as it is); each
   * pixel blends the two layers around its radius. */
  memcpy (f->out[0], src, (gsize) opt_width * opt_height * C);
  for (gint i = 1; i < N_FFT_LAYERS; i++)
    run_fft (&f->fft[i], src, f->out[i]);
  for (gsize p = 0; p < (gsize) opt_width * opt_height; p++) {
    gdouble u = CLAMP (f->radius[p] / f->R * (N_FFT_LAYERS - 1), 0, N_FFT_LAYERS - 1);
    gint i = MIN ((gint) u, N_FFT_LAYERS - 2);
    gdouble t = u - i;

    for (gint c = 0; c < C; c++)
      dst[p * C + c] = (guint8) lrint ((1 - t) * f->out[i][p * C + c] + t * f->out[i + 1][p * C + c]);
  }
}
#endif

/* The dense per-pixel reference row: one dense kernel per radius level
 * (level 0 the pixel itself); fills ref. */
static void
dense_varying_row (GArray *rows, SkcShapeSpec *spec, const gfloat *radius, const guint8 *src, guint8 *ref)
{
  guint n_levels = (guint) floor (opt_radius / opt_step + 0.5) + 1;
  g_autofree Entries *levels = g_new0 (Entries, n_levels);
  DenseVarying dv = { radius, levels, 0 };
  guint max_taps = 0;

  levels[0].n = 1;
  levels[0].dx = g_new0 (gint, 1);
  levels[0].dy = g_new0 (gint, 1);
  levels[0].v = g_new (gfloat, 1);
  levels[0].v[0] = 1;
  for (guint q = 1; q < n_levels; q++) {
    g_autoptr (SkcRaster) psf = skc_shape_render (spec, q * opt_step, NULL);
    Entries *e = &levels[q];

    e->dx = g_new (gint, psf->width * psf->height);
    e->dy = g_new (gint, psf->width * psf->height);
    e->v = g_new (gfloat, psf->width * psf->height);
    for (gint y = 0; y < psf->height; y++)
      for (gint x = 0; x < psf->width; x++)
        if (*skc_raster_at (psf, x, y) != 0) {
          e->dx[e->n] = x - psf->cx;
          e->dy[e->n] = y - psf->cy;
          e->v[e->n++] = (gfloat) *skc_raster_at (psf, x, y);
        }
    dv.pad = MAX (dv.pad, MAX (psf->cx, psf->cy) + 1);
    max_taps = MAX (max_taps, e->n);
  }
  {
    Row r = { "dense per pixel (reference)", time_median (run_dense_varying, &dv, src, ref, 1), INFINITY, max_taps };
    g_array_append_val (rows, r);
  }
  for (guint q = 0; q < n_levels; q++) {
    g_free (levels[q].dx);
    g_free (levels[q].dy);
    g_free (levels[q].v);
  }
}

/* What a user would otherwise do: a few fixed FFT blurs, blended. */
static void
fft_layers_row (GArray *rows, SkcShapeSpec *spec, const gfloat *radius, const guint8 *src, const guint8 *ref,
    guint8 *out, gint border)
{
#ifdef HAVE_FFTW
  FftLayers fl = { .radius = radius, .R = opt_radius };

  for (gint i = 1; i < N_FFT_LAYERS; i++) {
    g_autoptr (SkcRaster) psf = skc_shape_render (spec, i * opt_radius / (N_FFT_LAYERS - 1), NULL);

    fft_init (&fl.fft[i], psf, MAX (psf->width, psf->height), opt_width, opt_height, C);
  }
  for (gint i = 0; i < N_FFT_LAYERS; i++)
    fl.out[i] = g_malloc ((gsize) opt_width * opt_height * C);
  {
    Row r = { "8 FFT layers blended", time_median (run_fft_layers, &fl, src, out, MAX (1, opt_repeat / 3)), 0, 0 };

    r.psnr = psnr_u8 (out, ref, border);
    g_array_append_val (rows, r);
  }
  for (gint i = 0; i < N_FFT_LAYERS; i++) {
    g_free (fl.out[i]);
    if (i > 0)
      fft_clear (&fl.fft[i]);
  }
#else
  (void) rows, (void) spec, (void) radius, (void) src, (void) ref, (void) out, (void) border;
#endif
}

GArray *
varying_table (const SkcFamily *family, SkcShapeSpec *spec, const guint8 *src, gint map, gint border)
{
  GArray *rows = g_array_new (FALSE, FALSE, sizeof (Row));
  g_autofree gfloat *radius = make_radius_map (map, opt_radius);
  g_autofree guint8 *ref = NULL;
  g_autofree guint8 *out = g_malloc ((gsize) opt_width * opt_height * C);

  if (spec != NULL) {
    ref = g_malloc ((gsize) opt_width * opt_height * C);
    dense_varying_row (rows, spec, radius, src, ref);
    fft_layers_row (rows, spec, radius, src, ref, out, border);
  }
  for (gint variant = 0; variant < 4; variant++) {
    static const gchar *names[4] = { "ours 32-bit, best loops", "ours 16-bit, ORC",
      "ours 32-bit, best loops, all threads", "ours 16-bit, ORC, all threads" };
    g_autoptr (GError) error = NULL;
    g_autoptr (SkcVaryingKernel) vk = skc_varying_kernel_new (family, opt_radius, opt_step,
        variant % 2 ? SKC_PRECISION_16 : SKC_PRECISION_32, &error);
    OursVarying o = { vk, radius, NULL };
    Row r = { names[variant], 0, 0, 0 };

    /* The driver's range checks make this unlikely; a preset whose levels
     * cannot all be built still must not crash the bench. */
    if (vk == NULL) {
      g_printerr ("skc-bench: %s: %s\n", names[variant], error->message);
      continue;
    }
    o.pool = variant >= 2 ? skc_pool_new (0) : NULL;
    r.taps = skc_fixed_kernel_total_taps (vk->levels[vk->n_levels - 1]);
    skc_varying_kernel_set_engine (vk, SKC_ENGINE_AUTO);
    r.ms = time_median (run_ours_varying, &o, src, out, opt_repeat);
    r.psnr = ref != NULL ? psnr_u8 (out, ref, border) : NAN;
    g_array_append_val (rows, r);
    skc_pool_free (o.pool);
  }
  bench_ffmpeg_varying_rows (rows, src, radius, ref, border, g_get_num_processors ());
  return rows;
}
