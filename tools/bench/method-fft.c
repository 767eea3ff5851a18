/* skc-bench: FFTW single-precision r2c/c2r convolution per channel. */
#include "bench.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifdef HAVE_FFTW
static gint
good_size (gint n)
{
  /* Smallest 2^a 3^b 5^c 7^d ≥ n: FFTW is fastest on such sizes. */
  for (gint m = n;; m++) {
    gint r = m;

    for (gint f = 2; f <= 7; f++)
      while (r % f == 0)
        r /= f;
    if (r == 1)
      return m;
  }
}

/* Processors FFTW may plan for: all of them with the threaded planner. */
static guint
fft_max_threads (void)
{
#ifdef HAVE_FFTW_THREADS
  static gint ok = -1;

  if (ok < 0)
    ok = fftwf_init_threads () != 0;
  return ok ? MAX (1, g_get_num_processors ()) : 1;
#else
  return 1;
#endif
}

static void
fft_set_threads (guint threads)
{
#ifdef HAVE_FFTW_THREADS
  if (fft_max_threads () > 1)
    fftwf_plan_with_nthreads ((gint) threads);
#else
  (void) threads;
#endif
}

void
fft_init (Fft *f, const SkcRaster *psf, gint pad, gint w, gint h, gint c)
{
  gint n1c;

  f->w = w;
  f->h = h;
  f->c = c;
  f->P = pad;
  f->N0 = good_size (h + 2 * pad);
  f->N1 = good_size (w + 2 * pad);
  n1c = f->N1 / 2 + 1;
  f->real = fftwf_alloc_real ((gsize) f->N0 * f->N1);
  f->spec = fftwf_alloc_complex ((gsize) f->N0 * n1c);
  f->kspec = fftwf_alloc_complex ((gsize) f->N0 * n1c);
  f->fwd = fftwf_plan_dft_r2c_2d (f->N0, f->N1, f->real, f->spec, FFTW_MEASURE);
  f->inv = fftwf_plan_dft_c2r_2d (f->N0, f->N1, f->spec, f->real, FFTW_MEASURE);
  memset (f->real, 0, sizeof (gfloat) * f->N0 * f->N1);
  /* The PSF wrapped around the origin: a true convolution. */
  for (gint y = 0; y < psf->height; y++)
    for (gint x = 0; x < psf->width; x++) {
      gint dy = y - psf->cy, dx = x - psf->cx;

      f->real[(gsize) ((dy + f->N0) % f->N0) * f->N1 + (dx + f->N1) % f->N1] = (gfloat) *skc_raster_at (psf, x, y);
    }
  fftwf_execute (f->fwd);
  memcpy (f->kspec, f->spec, sizeof (fftwf_complex) * f->N0 * n1c);
}

/* f->real (loaded, clamp-to-edge border of P px) → the kernel applied, in
 * f->real; the rest of the wrap-around area is never read back for pixels
 * of the frame. */
static void
fft_apply (Fft *f)
{
  gint n1c = f->N1 / 2 + 1;
  gfloat scale = 1.0f / ((gfloat) f->N0 * f->N1);

  fftwf_execute (f->fwd);
  for (gsize i = 0; i < (gsize) f->N0 * n1c; i++) {
    gfloat re = f->spec[i][0] * f->kspec[i][0] - f->spec[i][1] * f->kspec[i][1];
    gfloat im = f->spec[i][0] * f->kspec[i][1] + f->spec[i][1] * f->kspec[i][0];

    f->spec[i][0] = re * scale;
    f->spec[i][1] = im * scale;
  }
  fftwf_execute (f->inv);
}

/* Channel c of src (8-bit, or float when src8 is NULL) convolved into the
 * same channel of dst (8-bit rounded and clamped, or float). */
static void
fft_channel (Fft *f, const guint8 *src8, const gfloat *srcf, guint8 *dst8, gfloat *dstf, gint c)
{
  gint W = f->w, H = f->h, CH = f->c, P = f->P;

  for (gint y = 0; y < f->N0; y++)
    for (gint x = 0; x < f->N1; x++) {
      gsize i = ((gsize) CLAMP (y - P, 0, H - 1) * W + CLAMP (x - P, 0, W - 1)) * CH + c;

      f->real[(gsize) y * f->N1 + x] = src8 ? src8[i] : srcf[i];
    }
  fft_apply (f);
  for (gint y = 0; y < H; y++)
    for (gint x = 0; x < W; x++) {
      gfloat v = f->real[(gsize) (y + P) * f->N1 + x + P];
      gsize i = ((gsize) y * W + x) * CH + c;

      if (dst8)
        dst8[i] = (guint8) CLAMP (lrintf (v), 0, 255);
      else
        dstf[i] = v;
    }
}

static void
run_fft_channel (Fft *f, const guint8 *src, guint8 *dst, gint c)
{
  fft_channel (f, src, NULL, dst, NULL, c);
}

void
fft_convolve_float (Fft *f, const gfloat *src, gfloat *dst, gint c)
{
  fft_channel (f, NULL, src, NULL, dst, c);
}

void
run_fft (gpointer data, const guint8 *src, guint8 *dst)
{
  Fft *f = data;

  for (gint c = 0; c < f->c; c++)
    run_fft_channel (f, src, dst, c);
}

/* The channels spread over a pool, each with its own transform and buffers:
 * how a user with several cores would run FFT convolution of 4 planes. */
typedef struct {
  Fft fft[C];
  SkcPool *pool;
  const guint8 *src;
  guint8 *dst;
} FftChannels;

static void
fft_channel_job (guint i, guint n, gpointer data)
{
  FftChannels *fc = data;

  (void) n;
  run_fft_channel (&fc->fft[i], fc->src, fc->dst, (gint) i);
}

static void
run_fft_channels (gpointer data, const guint8 *src, guint8 *dst)
{
  FftChannels *fc = data;

  fc->src = src;
  fc->dst = dst;
  skc_pool_run (fc->pool, C, fft_channel_job, fc);
}

void
fft_clear (Fft *f)
{
  fftwf_destroy_plan (f->fwd);
  fftwf_destroy_plan (f->inv);
  fftwf_free (f->real);
  fftwf_free (f->spec);
  fftwf_free (f->kspec);
}
#endif

void
bench_fft_rows (GArray *rows, const SkcRaster *psf, const guint8 *src, const guint8 *ref, guint8 *out, gint border)
{
#ifdef HAVE_FFTW
  /* One thread, then (with FFTW's threaded planner) one per processor, as
   * our threaded rows; every other FFT plan in this run is single-threaded. */
  for (guint run = 0; run < (fft_max_threads () > 1 ? 2u : 1u); run++) {
    guint threads = run ? fft_max_threads () : 1;
    Fft fft;
    g_autofree gchar *name = threads == 1 ? g_strdup ("FFTW r2c/c2r, 1 thread") :
        g_strdup_printf ("FFTW r2c/c2r, %u threads", threads);

    fft_set_threads (threads);
    fft_init (&fft, psf, MAX (psf->width, psf->height), opt_width, opt_height, C);
    fft_set_threads (1);
    {
      Row r = { g_intern_string (name), time_median (run_fft, &fft, src, out, opt_repeat), 0, 0 };
      r.psnr = psnr_u8 (out, ref, border);
      g_array_append_val (rows, r);
    }
    fft_clear (&fft);
  }
  if (g_get_num_processors () > 1) {
    FftChannels fc = { .pool = skc_pool_new (0) };
    g_autofree gchar *name = g_strdup_printf ("FFTW r2c/c2r, channels on %u threads", skc_pool_threads (fc.pool));
    Row r = { g_intern_string (name), 0, 0, 0 };

    for (gint ch = 0; ch < C; ch++)
      fft_init (&fc.fft[ch], psf, MAX (psf->width, psf->height), opt_width, opt_height, C);
    r.ms = time_median (run_fft_channels, &fc, src, out, opt_repeat);
    r.psnr = psnr_u8 (out, ref, border);
    g_array_append_val (rows, r);
    for (gint ch = 0; ch < C; ch++)
      fft_clear (&fc.fft[ch]);
    skc_pool_free (fc.pool);
  }
#else
  (void) rows; (void) psf; (void) src; (void) ref; (void) out; (void) border;
#endif
}
