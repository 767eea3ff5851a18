/* skc-bench: our engine, fixed kernels (RGBA rows and the I420 table), each
 * row with the inner loops it names, chosen once per kernel. */
#include "bench.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* --- ours --- */
typedef struct {
  SkcFixedKernel *k;
  SkcPool *pool;
  SkcSweep *sweep;             /* kept across frames, as the element keeps it */
  SkcSampleFormat format;      /* the conversions in the row's engine too */
} Ours;

/* The element's fixed path: one sweep down the rows (skc-sweep.h). */
static void
run_ours (gpointer data, const guint8 *src, guint8 *dst)
{
  Ours *o = data;

  if (!skc_sweep_run (o->sweep, o->k, 1, src, (gsize) opt_width * C, &o->format, dst, (gsize) opt_width * C,
          &o->format, opt_width, opt_height, C, o->pool))
    g_error ("skc-bench: the sweep failed");
}

/* One "ours" row of the fixed table: kernel k with the given loops. */
static void
add_ours_row (GArray *rows, const gchar *name, SkcFixedKernel *k, SkcPrecision precision, SkcEngine engine,
    gboolean threads, const guint8 *src, const guint8 *ref, guint8 *out, gint border)
{
  Row r = { g_intern_string (name), 0, 0, 0 };
  Ours o = { k, threads ? skc_pool_new (0) : NULL, skc_sweep_new (), { .engine = engine } };

  skc_fixed_kernel_configure (k, precision, engine);
  r.taps = skc_fixed_kernel_total_taps (k);
  r.ms = time_median (run_ours, &o, src, out, opt_repeat);
  r.psnr = ref != NULL ? psnr_u8 (out, ref, border) : NAN;
  g_array_append_val (rows, r);
  skc_pool_free (o.pool);
  skc_sweep_free (o.sweep);
}


void
bench_ours_rows (GArray *rows, SkcFixedKernel *k, SkcFixedKernel *fast, const gchar *fast_name,
    const guint8 *src, const guint8 *ref, guint8 *out, gint border)
{
  for (gint variant = 0; variant < 9; variant++) {
    static const struct { const gchar *name; SkcPrecision precision; SkcEngine engine; gboolean threads; } v[9] = {
      { "ours 32-bit, plain C", SKC_PRECISION_32, SKC_ENGINE_C, FALSE },
      { "ours 32-bit, ORC", SKC_PRECISION_32, SKC_ENGINE_ORC, FALSE },
      { "ours 32-bit, AVX2", SKC_PRECISION_32, SKC_ENGINE_AVX2, FALSE },
      { "ours 32-bit, AVX2, all threads", SKC_PRECISION_32, SKC_ENGINE_AVX2, TRUE },
      { "ours 32-bit, AVX2 + VNNI", SKC_PRECISION_32, SKC_ENGINE_VNNI, FALSE },
      { "ours 32-bit, AVX2 + VNNI, all threads", SKC_PRECISION_32, SKC_ENGINE_VNNI, TRUE },
      { "ours 16-bit, plain C", SKC_PRECISION_16, SKC_ENGINE_C, FALSE },
      { "ours 16-bit, ORC", SKC_PRECISION_16, SKC_ENGINE_ORC, FALSE },
      { "ours 16-bit, ORC, all threads", SKC_PRECISION_16, SKC_ENGINE_ORC, TRUE } };

    if ((v[variant].engine == SKC_ENGINE_AVX2 && !skc_cpu_has_avx2 ()) ||
        (v[variant].engine == SKC_ENGINE_VNNI && !skc_cpu_has_vnni ()))
      continue;
    add_ours_row (rows, v[variant].name, k, v[variant].precision, v[variant].engine, v[variant].threads, src, ref,
        out, border);
  }
  if (fast != NULL)
    for (gint threads = 0; threads < 2; threads++) {
      g_autofree gchar *name = g_strdup_printf ("ours 32-bit, best loops, snapped %s%s", fast_name,
          threads ? ", all threads" : "");

      add_ours_row (rows, name, fast, SKC_PRECISION_32, SKC_ENGINE_AUTO, threads, src, ref, out, border);
    }
}

/* --- I420: the same frame as Y, U, V planes (BT.601 full range, chroma
 * averaged 2×2); baselines run per plane with the kernel at half size on
 * chroma, ours through skc_filter_frame_fixed --- */
typedef struct {
  gint w[3], h[3];
  gsize off[3], total;
} Planar;

static Planar
planar_i420 (void)
{
  Planar pl;

  pl.w[0] = opt_width;
  pl.h[0] = opt_height;
  pl.w[1] = pl.w[2] = (opt_width + 1) / 2;
  pl.h[1] = pl.h[2] = (opt_height + 1) / 2;
  pl.off[0] = 0;
  pl.off[1] = (gsize) pl.w[0] * pl.h[0];
  pl.off[2] = pl.off[1] + (gsize) pl.w[1] * pl.h[1];
  pl.total = pl.off[2] + (gsize) pl.w[2] * pl.h[2];
  return pl;
}

static guint8 *
make_i420 (const Planar *pl, const guint8 *rgba)
{
  guint8 *buf = g_malloc (pl->total);

  for (gint y = 0; y < pl->h[0]; y++)
    for (gint x = 0; x < pl->w[0]; x++) {
      const guint8 *p = rgba + ((gsize) y * opt_width + x) * C;

      buf[(gsize) y * pl->w[0] + x] = (guint8) lround (0.299 * p[0] + 0.587 * p[1] + 0.114 * p[2]);
    }
  for (gint y = 0; y < pl->h[1]; y++)
    for (gint x = 0; x < pl->w[1]; x++) {
      gdouble u = 0, v = 0;

      for (gint k = 0; k < 4; k++) {
        const guint8 *p = rgba + ((gsize) MIN (2 * y + k / 2, opt_height - 1) * opt_width +
            MIN (2 * x + k % 2, opt_width - 1)) * C;

        u += 128 - 0.168736 * p[0] - 0.331264 * p[1] + 0.5 * p[2];
        v += 128 + 0.5 * p[0] - 0.418688 * p[1] - 0.081312 * p[2];
      }
      buf[pl->off[1] + (gsize) y * pl->w[1] + x] = (guint8) CLAMP (lround (u / 4), 0, 255);
      buf[pl->off[2] + (gsize) y * pl->w[1] + x] = (guint8) CLAMP (lround (v / 4), 0, 255);
    }
  return buf;
}

typedef struct {
  RunFunc run;
  gpointer plane[3];
  const Planar *pl;
} PerPlane;

static void
run_per_plane (gpointer data, const guint8 *src, guint8 *dst)
{
  PerPlane *pp = data;

  for (gint p = 0; p < 3; p++)
    pp->run (pp->plane[p], src + pp->pl->off[p], dst + pp->pl->off[p]);
}

typedef struct {
  const SkcComplex *c;
  const Planar *pl;
  SkcPool *pool;
  SkcFrameFilter *ff;   /* kept across frames, as an element keeps it */
} OursFrame;

static void
run_ours_frame (gpointer data, const guint8 *src, guint8 *dst)
{
  OursFrame *o = data;
  guint8 *in_data[3] = { (guint8 *) src, (guint8 *) src + o->pl->off[1], (guint8 *) src + o->pl->off[2] };
  guint8 *out_data[3] = { dst, dst + o->pl->off[1], dst + o->pl->off[2] };
  const gsize strides[3] = { o->pl->w[0], o->pl->w[1], o->pl->w[2] };
  SkcFrame in, out;

  skc_frame_init (&in, SKC_LAYOUT_I420, opt_width, opt_height, 0, 0, in_data, strides);
  skc_frame_init (&out, SKC_LAYOUT_I420, opt_width, opt_height, 0, 0, out_data, strides);
  skc_frame_filter_run (o->ff, o->c, &in, &out, SKC_PRECISION_32, FALSE, o->pool, NULL);
}

/* PSNR over the three planes, `border` luma pixels (half on chroma) excluded;
 * core has no per-plane border, hence local. */
static gdouble
psnr_planar (const Planar *pl, const guint8 *a, const guint8 *b, gint border)
{
  gdouble se = 0;
  gsize n = 0;

  for (gint p = 0; p < 3; p++) {
    gint bd = p ? (border + 1) / 2 : border;

    for (gint y = bd; y < pl->h[p] - bd; y++)
      for (gint x = bd; x < pl->w[p] - bd; x++) {
        gsize i = pl->off[p] + (gsize) y * pl->w[p] + x;
        gdouble d = (gdouble) a[i] - b[i];

        se += d * d;
        n++;
      }
  }
  return se == 0 ? INFINITY : 10 * log10 (255.0 * 255.0 / (se / n));
}

/* The baselines of the I420 table: dense per plane (fills ref), FFTW. */
static void
i420_baseline_rows (GArray *rows, const Planar *pl, const SkcRaster *psf, const SkcRaster *psf_half,
    const guint8 *src, guint8 *ref, guint8 *out, gint border)
{
  Dense dense[3];
  PerPlane pp = { run_dense, { &dense[0], &dense[1], &dense[2] }, pl };

  for (gint p = 0; p < 3; p++)
    dense_init (&dense[p], p ? psf_half : psf, pl->w[p], pl->h[p], 1);
  {
    Row r = { "dense direct (reference)", time_median (run_per_plane, &pp, src, ref, MAX (1, opt_repeat / 3)),
      INFINITY, dense[0].n };
    g_array_append_val (rows, r);
  }
  for (gint p = 0; p < 3; p++)
    dense_clear (&dense[p]);
#ifdef HAVE_FFTW
  {
    Fft fft[3];
    PerPlane pf = { run_fft, { &fft[0], &fft[1], &fft[2] }, pl };

    for (gint p = 0; p < 3; p++) {
      const SkcRaster *k = p ? psf_half : psf;

      fft_init (&fft[p], k, MAX (k->width, k->height), pl->w[p], pl->h[p], 1);
    }
    {
      Row r = { "FFTW r2c/c2r, 1 thread", time_median (run_per_plane, &pf, src, out, opt_repeat), 0, 0 };

      r.psnr = psnr_planar (pl, out, ref, border);
      g_array_append_val (rows, r);
    }
    for (gint p = 0; p < 3; p++)
      fft_clear (&fft[p]);
  }
#else
  (void) out;
  (void) border;
#endif
}

GArray *
i420_table (const SkcComplex *c, const SkcRaster *psf, const SkcRaster *psf_half, const guint8 *rgba, gint border)
{
  GArray *rows = g_array_new (FALSE, FALSE, sizeof (Row));
  Planar pl = planar_i420 ();
  g_autofree guint8 *src = make_i420 (&pl, rgba);
  g_autofree guint8 *ref = NULL, *out = g_malloc (pl.total);

  if (psf != NULL) {
    ref = g_malloc (pl.total);
    i420_baseline_rows (rows, &pl, psf, psf_half, src, ref, out, border);
  }
  for (gint threads = 0; threads < 2; threads++) {
    OursFrame o = { c, &pl, threads ? skc_pool_new (0) : NULL, skc_frame_filter_new () };
    Row r = { threads ? "ours 32-bit, best loops, all threads" : "ours 32-bit, best loops", 0, 0, 0 };
    g_autoptr (SkcFixedKernel) k = skc_fixed_kernel_new (c, NULL);

    skc_frame_filter_set_engine (o.ff, SKC_ENGINE_AUTO);
    r.taps = skc_fixed_kernel_total_taps (k);
    r.ms = time_median (run_ours_frame, &o, src, out, opt_repeat);
    r.psnr = ref != NULL ? psnr_planar (&pl, out, ref, border) : NAN;
    g_array_append_val (rows, r);
    skc_pool_free (o.pool);
    skc_frame_filter_free (o.ff);
  }
  return rows;
}

/* --- ours at half resolution (skc-halve.h), through SkcFrameFilter as the
 * element runs it --- */
typedef struct {
  SkcFrameFilter *ff;
  const SkcComplex *c;
  SkcPool *pool;
  guint decimation;   /* 1: c in full pixels (halved by the filter); 4: quarter pixels */
} Halved;

static void
run_halved (gpointer data, const guint8 *src, guint8 *dst)
{
  Halved *h = data;
  guint8 *in_data[1] = { (guint8 *) src }, *out_data[1] = { dst };
  gsize stride[1] = { (gsize) opt_width * C };
  SkcFrame in, out;

  skc_frame_init (&in, SKC_LAYOUT_PACKED, opt_width, opt_height, C, 0x7, in_data, stride);
  skc_frame_init (&out, SKC_LAYOUT_PACKED, opt_width, opt_height, C, 0x7, out_data, stride);
  if (!(h->decimation == 4 ? skc_frame_filter_run_quartered (h->ff, h->c, &in, &out, SKC_PRECISION_32, FALSE,
                                  h->pool, NULL)
                            : skc_frame_filter_run (h->ff, h->c, &in, &out, SKC_PRECISION_32, FALSE, h->pool, NULL)))
    g_error ("skc-bench: the half- or quarter-resolution run failed");
}

/* Rows of c through run_halved at decimation 1 (c in full pixels, halved by
 * the filter: forced, whatever the radius, so the rows show what halving
 * costs and keeps) or 4 (c in quarter pixels), one and all threads. */
static void
decimated_rows (GArray *rows, const SkcComplex *c, guint decimation, const gchar *one, const gchar *all,
    const guint8 *src, const guint8 *ref, guint8 *out, gint border)
{
  for (gint threads = 0; threads < 2; threads++) {
    Halved h = { skc_frame_filter_new (), c, threads ? skc_pool_new (0) : NULL, decimation };
    Row r = { g_intern_string (threads ? all : one), 0, 0, 0 };
    g_autoptr (SkcComplex) run = skc_complex_copy (c);
    g_autoptr (SkcFixedKernel) k = NULL;

    /* A fitted member scaled by 2 and back by ½ is itself (powers of two),
     * so decimation 1 runs it as skc_frame_filter_run_halved does. */
    if (decimation == 1) {
      skc_frame_filter_set_halve_radius (h.ff, 1);
      skc_complex_scale_xy (run, 0.5, 0.5);
    }
    k = skc_fixed_kernel_new (run, NULL);
    r.taps = k ? skc_fixed_kernel_total_taps (k) : 0;
    r.ms = time_median (run_halved, &h, src, out, opt_repeat);
    r.psnr = ref != NULL ? psnr_u8 (out, ref, border) : NAN;
    g_array_append_val (rows, r);
    skc_frame_filter_free (h.ff);
    skc_pool_free (h.pool);
  }
}

void
bench_halved_rows (GArray *rows, const SkcComplex *c, gboolean fitted, const guint8 *src, const guint8 *ref,
    guint8 *out, gint border)
{
  decimated_rows (rows, c, 1, fitted ? "ours, fitted at half resolution, best loops" : "ours, half resolution, best loops",
      fitted ? "ours, fitted at half resolution, best loops, all threads" : "ours, half resolution, best loops, all threads",
      src, ref, out, border);
}

void
bench_quartered_rows (GArray *rows, const SkcComplex *q, const guint8 *src, const guint8 *ref, guint8 *out,
    gint border)
{
  decimated_rows (rows, q, 4, "ours, quarter resolution (half member at r/2), best loops",
      "ours, quarter resolution (half member at r/2), best loops, all threads", src, ref, out, border);
}
