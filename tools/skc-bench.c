/* skc-bench — speed and fidelity of the fixed-kernel path against the
 * baselines, all measured in one run on the same frame.
 *
 *   skc-bench [--preset NAME] [--radius R] [--width W --height H]
 *             [--repeat N] [--json]
 *
 * The frame is the test photo mirrored out to W×H, RGBA (4 channels all
 * filtered).  Rows: dense direct convolution with the target shape (the
 * reference; float, taps outer, pixels inner, compiler-vectorised), row spans
 * by prefix sums (the flat shape, pixels ≥ half covered), LowRank rank 1–3 as
 * float separable passes, FFTW
 * single-precision r2c/c2r per channel (single thread, and one thread per
 * processor where FFTW's threaded planner is built in; and the channels
 * spread over one thread per processor), and ours in both
 * precisions (plain C, ORC, AVX2, on a pool of one thread per processor),
 * reusing its working planes across frames as the element does.  Times are
 * the median of N runs after one warm-up; ratios are against the dense row
 * of the same run; PSNR (8-bit) against the dense result, borders excluded.
 *
 * A second table does the same on the frame as I420 (the kernel at half
 * size on chroma).  Then, for a radius varying per pixel, on a
 * depth-of-field map (a ramp in depth with a sharp-edged sharp object and a
 * sharp-edged far disc) and a tilt-shift map: the dense per-pixel reference
 * (each pixel gathers with the target shape at its own radius), what a user
 * would otherwise do (8 radii each FFT-convolved, blended per pixel), and
 * ours (radius levels, fixed-kernel loops on runs of equal level).
 *
 * When a snapped fixed complex exists for the preset and radius
 * (presets/fast/NAME-rR.skc, see presets/fast/README.md) the fixed table
 * also times it: the fast path for one fixed kernel. */
#include "skc.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#ifdef HAVE_FFTW
#include <fftw3.h>
#endif

static gchar *opt_preset = "hexagon";
static gdouble opt_radius = 32;
static gint opt_width = 1920, opt_height = 1080, opt_repeat = 5;
static gboolean opt_json = FALSE;
static gboolean opt_no_varying = FALSE;
static gboolean opt_no_i420 = FALSE;
static gdouble opt_step = 0.25;
static gchar *opt_fast = NULL;

static const GOptionEntry entries[] = {
  { "preset", 0, 0, G_OPTION_ARG_STRING, &opt_preset, "Built-in family (default hexagon) or a .skc path", "NAME|FILE" },
  { "radius", 0, 0, G_OPTION_ARG_DOUBLE, &opt_radius, "Kernel radius in px (default 32)", "R" },
  { "width", 0, 0, G_OPTION_ARG_INT, &opt_width, "Frame width (default 1920)", "W" },
  { "height", 0, 0, G_OPTION_ARG_INT, &opt_height, "Frame height (default 1080)", "H" },
  { "repeat", 0, 0, G_OPTION_ARG_INT, &opt_repeat, "Timed runs per row (default 5)", "N" },
  { "json", 0, 0, G_OPTION_ARG_NONE, &opt_json, "Machine-readable output", NULL },
  { "no-varying", 0, 0, G_OPTION_ARG_NONE, &opt_no_varying, "Skip the spatially-varying table", NULL },
  { "no-i420", 0, 0, G_OPTION_ARG_NONE, &opt_no_i420, "Skip the I420 table", NULL },
  { "step", 0, 0, G_OPTION_ARG_DOUBLE, &opt_step, "Radius step between levels of the varying path (default 0.25)", "PX" },
  { "fast", 0, 0, G_OPTION_ARG_STRING, &opt_fast, "Snapped fixed complex for the \"fast\" rows (default "
    "presets/fast/NAME-rR.skc when it exists; \"none\" skips them)", "FILE|none" },
  { NULL }
};

#define C 4

typedef void (*RunFunc) (gpointer data, const guint8 *src, guint8 *dst);

typedef struct {
  const gchar *name;
  gdouble ms, psnr;
  guint taps;
} Row;

static gdouble
now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

static gint
compare_double (gconstpointer a, gconstpointer b)
{
  gdouble x = *(const gdouble *) a, y = *(const gdouble *) b;

  return x < y ? -1 : x > y;
}

static gdouble
time_median (RunFunc run, gpointer data, const guint8 *src, guint8 *dst, gint repeat)
{
  g_autofree gdouble *t = g_new (gdouble, repeat);

  run (data, src, dst);   /* warm-up */
  for (gint i = 0; i < repeat; i++) {
    gdouble t0 = now_ms ();

    run (data, src, dst);
    t[i] = now_ms () - t0;
  }
  qsort (t, repeat, sizeof (gdouble), compare_double);
  return t[repeat / 2];
}

/* --- dense direct: per channel float planes with a clamped border --- */
typedef struct {
  gint w, h, c;             /* one plane: size, interleaved channels */
  gint pad;
  guint n;                  /* non-zero PSF entries */
  gint *dx, *dy;
  gfloat *v;
} Dense;

static void
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

static void
dense_clear (Dense *d)
{
  g_free (d->dx);
  g_free (d->dy);
  g_free (d->v);
}

/* Cloned for AVX2+FMA and plain SSE2, picked at run time: the dense baseline
 * gets the same vector width as our hand-written loop. */
__attribute__ ((target_clones ("avx2,fma", "default"))) static void
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

#ifdef HAVE_FFTW
/* --- FFTW: per channel, kernel spectrum computed once (not timed) --- */
typedef struct {
  gint w, h, c;               /* one plane: size, interleaved channels */
  gint N0, N1, P;             /* transform size (rows, cols), border */
  gfloat *real;
  fftwf_complex *spec, *kspec;
  fftwf_plan fwd, inv;
} Fft;

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

static void
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

static void
run_fft_channel (Fft *f, const guint8 *src, guint8 *dst, gint c)
{
  gint W = f->w, H = f->h, CH = f->c, P = f->P, n1c = f->N1 / 2 + 1;
  gfloat scale = 1.0f / ((gfloat) f->N0 * f->N1);

  for (gint y = 0; y < f->N0; y++)
    for (gint x = 0; x < f->N1; x++) {
      /* Clamp-to-edge border of P px; the rest of the wrap-around area is
       * never read back for pixels of the frame. */
      gint sy = CLAMP (y - P, 0, H - 1), sx = CLAMP (x - P, 0, W - 1);

      f->real[(gsize) y * f->N1 + x] = src[((gsize) sy * W + sx) * CH + c];
    }
  fftwf_execute (f->fwd);
  for (gsize i = 0; i < (gsize) f->N0 * n1c; i++) {
    gfloat re = f->spec[i][0] * f->kspec[i][0] - f->spec[i][1] * f->kspec[i][1];
    gfloat im = f->spec[i][0] * f->kspec[i][1] + f->spec[i][1] * f->kspec[i][0];

    f->spec[i][0] = re * scale;
    f->spec[i][1] = im * scale;
  }
  fftwf_execute (f->inv);
  for (gint y = 0; y < H; y++)
    for (gint x = 0; x < W; x++)
      dst[((gsize) y * W + x) * CH + c] = (guint8) CLAMP (lrintf (f->real[(gsize) (y + P) * f->N1 + x + P]), 0, 255);
}

static void
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

static void
fft_clear (Fft *f)
{
  fftwf_destroy_plan (f->fwd);
  fftwf_destroy_plan (f->inv);
  fftwf_free (f->real);
  fftwf_free (f->spec);
  fftwf_free (f->kspec);
}
#endif

/* --- ours --- */
typedef struct {
  SkcFixedKernel *k;
  SkcPool *pool;
  SkcPlane *plane, *scratch;   /* kept across frames, as the element keeps them */
} Ours;

static void
run_ours (gpointer data, const guint8 *src, guint8 *dst)
{
  Ours *o = data;

  skc_filter_load (o->plane, src, (gsize) opt_width * C, NULL, o->pool);
  skc_filter_plane_fixed (o->k, o->plane, o->scratch, o->pool);
  skc_filter_store (o->plane, dst, (gsize) opt_width * C, NULL, o->pool);
}

static gdouble
psnr_u8 (const guint8 *a, const guint8 *b, gint border)
{
  gdouble se = 0;
  gsize n = 0;

  for (gint y = border; y < opt_height - border; y++)
    for (gint x = border; x < opt_width - border; x++)
      for (gint c = 0; c < C; c++) {
        gsize i = ((gsize) y * opt_width + x) * C + c;
        gdouble d = (gdouble) a[i] - b[i];

        se += d * d;
        n++;
      }
  return se == 0 ? INFINITY : 10 * log10 (255.0 * 255.0 / (se / n));
}

static guint8 *
make_frame (void)
{
  g_autofree gchar *path = g_build_filename (SKC_SOURCE_DIR, "tests", "data", "astronaut.png", NULL);
  g_autoptr (SkcImage) photo = skc_image_load (path, NULL);
  guint8 *px = g_malloc ((gsize) opt_width * opt_height * C);

  g_assert (photo != NULL);
  for (gint y = 0; y < opt_height; y++)
    for (gint x = 0; x < opt_width; x++) {
      /* Mirror-tile the photo so edges stay continuous. */
      gint px_ = x % (2 * photo->width), py = y % (2 * photo->height);

      px_ = px_ < photo->width ? px_ : 2 * photo->width - 1 - px_;
      py = py < photo->height ? py : 2 * photo->height - 1 - py;
      for (gint c = 0; c < C; c++)
        px[((gsize) y * opt_width + x) * C + c] =
            (guint8) round (skc_image_at (photo, px_, py)[MIN (c, 2)] * 255);
    }
  return px;
}

/* --- LowRank (McGraw 2015): rank-r separable passes, float --- */
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

/* --- row spans: a flat shape as one chord a kernel row, by prefix sums --- */
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

/* PSNR over the three planes, `border` luma pixels (half on chroma) excluded. */
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

static GArray *
i420_table (const SkcComplex *c, const SkcRaster *psf, const SkcRaster *psf_half, const guint8 *rgba, gint border)
{
  GArray *rows = g_array_new (FALSE, FALSE, sizeof (Row));
  Planar pl = planar_i420 ();
  g_autofree guint8 *src = make_i420 (&pl, rgba);
  g_autofree guint8 *ref = g_malloc (pl.total), *out = g_malloc (pl.total);
  Dense dense[3];
  PerPlane pp = { run_dense, { &dense[0], &dense[1], &dense[2] }, &pl };

  for (gint p = 0; p < 3; p++)
    dense_init (&dense[p], p ? psf_half : psf, pl.w[p], pl.h[p], 1);
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
    PerPlane pf = { run_fft, { &fft[0], &fft[1], &fft[2] }, &pl };

    for (gint p = 0; p < 3; p++) {
      const SkcRaster *k = p ? psf_half : psf;

      fft_init (&fft[p], k, MAX (k->width, k->height), pl.w[p], pl.h[p], 1);
    }
    {
      Row r = { "FFTW r2c/c2r, 1 thread", time_median (run_per_plane, &pf, src, out, opt_repeat), 0, 0 };

      r.psnr = psnr_planar (&pl, out, ref, border);
      g_array_append_val (rows, r);
    }
    for (gint p = 0; p < 3; p++)
      fft_clear (&fft[p]);
  }
#endif
  for (gint threads = 0; threads < 2; threads++) {
    OursFrame o = { c, &pl, threads ? skc_pool_new (0) : NULL, skc_frame_filter_new () };
    Row r = { threads ? "ours 32-bit, best loops, all threads" : "ours 32-bit, best loops", 0, 0, 0 };
    g_autoptr (SkcFixedKernel) k = skc_fixed_kernel_new (c, NULL);

    skc_filter_set_engine (SKC_ENGINE_AUTO);
    r.taps = skc_fixed_kernel_total_taps (k);
    r.ms = time_median (run_ours_frame, &o, src, out, opt_repeat);
    r.psnr = psnr_planar (&pl, out, ref, border);
    g_array_append_val (rows, r);
    skc_pool_free (o.pool);
    skc_frame_filter_free (o.ff);
  }
  return rows;
}

static gboolean json_first = TRUE;

static void
print_table (const gchar *what, GArray *rows, gboolean first)
{
  gchar buf[2][32];

  if (opt_json) {
    if (first)
      printf ("{\"frame\": [%d, %d, %d], \"preset\": \"%s\", \"radius\": %g, \"rows\": [", opt_width,
          opt_height, C, opt_preset, opt_radius);
    for (guint i = 0; i < rows->len; i++) {
      Row *r = &g_array_index (rows, Row, i);

      printf ("%s{\"table\": \"%s\", \"name\": \"%s\", \"ms\": %.3f, \"speedup\": %.3f, \"psnr\": %.3f, "
          "\"taps\": %u}", json_first ? "" : ", ", what, r->name, r->ms, g_array_index (rows, Row, 0).ms / r->ms,
          isinf (r->psnr) ? 999.0 : r->psnr, r->taps);
      json_first = FALSE;
    }
    return;
  }
  if (first)
    printf ("%d×%d RGBA (4 channels filtered), %s, radius up to %g, %d runs (median)\n", opt_width, opt_height,
        opt_preset, opt_radius, opt_repeat);
  printf ("\n%s:\n\n| method | taps/pixel | ms/frame | × faster than dense | PSNR vs dense (dB) |\n"
      "|---|---:|---:|---:|---:|\n", what);
  for (guint i = 0; i < rows->len; i++) {
    Row *r = &g_array_index (rows, Row, i);

    g_snprintf (buf[0], sizeof (buf[0]), r->taps ? "%u" : "–", r->taps);
    g_snprintf (buf[1], sizeof (buf[1]), isinf (r->psnr) ? "–" : "%.2f", r->psnr);
    printf ("| %s | %s | %.1f | %.1f | %s |\n", r->name, buf[0], r->ms, g_array_index (rows, Row, 0).ms / r->ms,
        buf[1]);
  }
}

/* --- spatially varying --- */

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

static GArray *
varying_table (const SkcFamily *family, SkcShapeSpec *spec, const guint8 *src, gint map, gint border)
{
  GArray *rows = g_array_new (FALSE, FALSE, sizeof (Row));
  g_autofree gfloat *radius = make_radius_map (map, opt_radius);
  guint n_levels = (guint) floor (opt_radius / opt_step + 0.5) + 1;
  g_autofree Entries *levels = g_new0 (Entries, n_levels);
  g_autofree guint8 *ref = g_malloc ((gsize) opt_width * opt_height * C);
  g_autofree guint8 *out = g_malloc ((gsize) opt_width * opt_height * C);
  DenseVarying dv = { radius, levels, 0 };
  guint max_taps = 0;

  /* Level 0: the pixel itself. */
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
#ifdef HAVE_FFTW
  {
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
  }
#endif
  for (gint variant = 0; variant < 4; variant++) {
    static const gchar *names[4] = { "ours 32-bit, best loops", "ours 16-bit, ORC",
      "ours 32-bit, best loops, all threads", "ours 16-bit, ORC, all threads" };
    g_autoptr (SkcVaryingKernel) vk = skc_varying_kernel_new (family, opt_radius, opt_step,
        variant % 2 ? SKC_PRECISION_16 : SKC_PRECISION_32, NULL);
    OursVarying o = { vk, radius, variant >= 2 ? skc_pool_new (0) : NULL };
    Row r = { names[variant], 0, 0, skc_fixed_kernel_total_taps (vk->levels[vk->n_levels - 1]) };

    skc_filter_set_engine (SKC_ENGINE_AUTO);
    r.ms = time_median (run_ours_varying, &o, src, out, opt_repeat);
    r.psnr = psnr_u8 (out, ref, border);
    g_array_append_val (rows, r);
    skc_pool_free (o.pool);
  }
  for (guint q = 0; q < n_levels; q++) {
    g_free (levels[q].dx);
    g_free (levels[q].dy);
    g_free (levels[q].v);
  }
  return rows;
}

/* One "ours" row of the fixed table: kernel k with the given loops. */
static void
add_ours_row (GArray *rows, const gchar *name, SkcFixedKernel *k, SkcPrecision precision, SkcEngine engine,
    gboolean threads, const guint8 *src, const guint8 *ref, guint8 *out, gint border)
{
  Row r = { g_intern_string (name), 0, 0, 0 };
  Ours o = { k, threads ? skc_pool_new (0) : NULL,
    skc_plane_new (opt_width, opt_height, C, k->reach + SKC_PLANE_SLACK),
    skc_plane_new (opt_width, opt_height, C, k->reach + SKC_PLANE_SLACK) };

  k->precision = precision;
  r.taps = skc_fixed_kernel_total_taps (k);
  skc_filter_set_engine (engine);
  r.ms = time_median (run_ours, &o, src, out, opt_repeat);
  r.psnr = psnr_u8 (out, ref, border);
  g_array_append_val (rows, r);
  skc_pool_free (o.pool);
  skc_plane_free (o.plane);
  skc_plane_free (o.scratch);
}

/* The snapped fixed complex for the fast rows, or NULL: --fast FILE, else
 * the built-in fast/NAME-rR for a built-in name when there is one. */
static SkcFixedKernel *
load_fast_kernel (gchar **path_out, GError **error)
{
  g_autofree gchar *path = NULL;
  g_autoptr (SkcFamily) fam = NULL;
  g_autoptr (SkcComplex) c = NULL;

  if (g_strcmp0 (opt_fast, "none") == 0)
    return NULL;
  if (opt_fast != NULL)
    path = g_strdup (opt_fast);
  else if (skc_preset_is_builtin (opt_preset)) {
    path = g_strdup_printf ("fast/%s-r%g", opt_preset, opt_radius);
    if (!skc_preset_is_builtin (path))
      return NULL;
  } else
    return NULL;
  if ((fam = skc_preset_lookup (path, error)) == NULL)
    return NULL;
  c = skc_complex_copy (fam->members[0]);
  skc_family_eval (fam, opt_radius, c);
  {
    g_autofree gchar *base = g_path_get_basename (path);

    *path_out = g_str_has_suffix (base, ".skc") ? g_steal_pointer (&base) : g_strconcat (base, ".skc", NULL);
  }
  return skc_fixed_kernel_new (c, error);
}

int
main (int argc, char **argv)
{
  g_autoptr (GOptionContext) ctx = g_option_context_new ("— speed and fidelity against baselines");
  g_autoptr (GError) error = NULL;
  g_autoptr (SkcFamily) family = NULL;
  g_autoptr (SkcComplex) c = NULL;
  g_autoptr (SkcFixedKernel) k = NULL, fast = NULL;
  g_autofree gchar *fast_name = NULL;
  g_autoptr (SkcRaster) psf = NULL;
  g_autofree guint8 *src = NULL, *ref = NULL, *out = NULL;
  SkcShapeSpec spec, spec_copy;
  GArray *rows = g_array_new (FALSE, FALSE, sizeof (Row));
  Dense dense;
  gint rx, ry, border;
  guint dense_taps = 0;

  g_option_context_add_main_entries (ctx, entries, NULL);
  if (!g_option_context_parse (ctx, &argc, &argv, &error)) {
    g_printerr ("skc-bench: %s\n", error->message);
    return 2;
  }
  if (opt_width < 64 || opt_height < 64 || opt_repeat < 1 || !(opt_radius > 0 && opt_radius <= 256)) {
    g_printerr ("skc-bench: frame ≥ 64×64, --repeat ≥ 1, radius in (0, 256]\n");
    return 2;
  }
  family = skc_preset_lookup (opt_preset, &error);
  if (family == NULL || !skc_shape_spec_parse (family->shape, &spec, &error) ||
      (psf = skc_shape_render (&spec, opt_radius, &error)) == NULL) {
    g_printerr ("skc-bench: %s\n", error->message);
    return 1;
  }
  spec_copy = spec;
  c = skc_complex_copy (family->members[0]);
  skc_family_eval (family, opt_radius, c);
  k = skc_fixed_kernel_new (c, &error);
  if (k == NULL) {
    g_printerr ("skc-bench: %s\n", error->message);
    return 1;
  }
  fast = load_fast_kernel (&fast_name, &error);
  if (fast == NULL && error != NULL) {
    g_printerr ("skc-bench: --fast: %s\n", error->message);
    return 1;
  }
  for (gint i = 0; i < psf->width * psf->height; i++)
    dense_taps += psf->data[i] != 0;
  skc_raster_extent (psf, 0, &rx, &ry);
  border = MAX (MAX (rx, ry), k->reach * (gint) k->n_layers) + 1;
  if (fast != NULL)
    border = MAX (border, fast->reach * (gint) fast->n_layers + 1);

  src = make_frame ();
  ref = g_malloc ((gsize) opt_width * opt_height * C);
  out = g_malloc ((gsize) opt_width * opt_height * C);

  dense_init (&dense, psf, opt_width, opt_height, C);
  {
    Row r = { "dense direct (reference)", time_median (run_dense, &dense, src, ref, MAX (1, opt_repeat / 3)), INFINITY, dense_taps };
    g_array_append_val (rows, r);
  }
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
#endif
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
  for (guint rank = 1; rank <= 3; rank++) {
    LowRank lr = { skc_baseline_lowrank (psf, rank, NULL), MAX (psf->width, psf->height) };
    g_autofree gchar *name = g_strdup_printf ("LowRank rank %u (float separable passes)", rank);
    Row r = { NULL, time_median (run_lowrank, &lr, src, out, opt_repeat), 0, skc_complex_total_taps (lr.c) };

    r.psnr = psnr_u8 (out, ref, border);
    r.name = g_intern_string (name);
    g_array_append_val (rows, r);
    skc_complex_free (lr.c);
  }
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
  skc_filter_set_engine (SKC_ENGINE_AUTO);

  print_table ("fixed", rows, TRUE);
  if (!opt_no_i420) {
    g_autoptr (SkcRaster) psf_half = skc_shape_render (&spec_copy, opt_radius / 2, NULL);
    g_autoptr (GArray) irows = i420_table (c, psf, psf_half, src, border);

    print_table ("fixed, I420 (Y, U, V planes; chroma at half size)", irows, FALSE);
  }
  if (!opt_no_varying) {
    for (gint map = 0; map < 2; map++) {
      g_autoptr (GArray) vrows = varying_table (family, &spec_copy, src, map, border);

      print_table (map ? "tilt-shift" : "depth-of-field", vrows, FALSE);
    }
  }
  if (opt_json)
    printf ("]}\n");
  g_array_unref (rows);
  dense_clear (&dense);
  skc_shape_spec_clear (&spec_copy);
  return 0;
}
