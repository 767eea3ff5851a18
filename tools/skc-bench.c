/* skc-bench — speed and fidelity of the fixed-kernel path against the
 * baselines, all measured in one run on the same frame.
 *
 *   skc-bench [--preset NAME] [--radius R] [--width W --height H]
 *             [--repeat N] [--json]
 *
 * The frame is the test photo mirrored out to W×H, RGBA (4 channels all
 * filtered).  Rows: dense direct convolution with the target shape (the
 * reference; float, taps outer, pixels inner, compiler-vectorised), FFTW
 * single-precision r2c/c2r per channel (single thread), and ours in both
 * precisions (plain C, ORC, ORC on a pool of one thread per processor).  Times are
 * the median of N runs after one warm-up; ratios are against the dense row
 * of the same run; PSNR (8-bit) against the dense result, borders excluded. */
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

static const GOptionEntry entries[] = {
  { "preset", 0, 0, G_OPTION_ARG_STRING, &opt_preset, "Built-in family (default hexagon)", "NAME" },
  { "radius", 0, 0, G_OPTION_ARG_DOUBLE, &opt_radius, "Kernel radius in px (default 32)", "R" },
  { "width", 0, 0, G_OPTION_ARG_INT, &opt_width, "Frame width (default 1920)", "W" },
  { "height", 0, 0, G_OPTION_ARG_INT, &opt_height, "Frame height (default 1080)", "H" },
  { "repeat", 0, 0, G_OPTION_ARG_INT, &opt_repeat, "Timed runs per row (default 5)", "N" },
  { "json", 0, 0, G_OPTION_ARG_NONE, &opt_json, "Machine-readable output", NULL },
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
  gint pad;
  guint n;                  /* non-zero PSF entries */
  gint *dx, *dy;
  gfloat *v;
} Dense;

static void
run_dense (gpointer data, const guint8 *src, guint8 *dst)
{
  Dense *d = data;
  gint W = opt_width, H = opt_height, P = d->pad, PW = W + 2 * P;
  g_autofree gfloat *in = g_new (gfloat, (gsize) PW * (H + 2 * P));
  g_autofree gfloat *out = g_new (gfloat, (gsize) W * H);

  for (gint c = 0; c < C; c++) {
    for (gint y = -P; y < H + P; y++)
      for (gint x = -P; x < W + P; x++)
        in[(gsize) (y + P) * PW + x + P] = src[((gsize) CLAMP (y, 0, H - 1) * W + CLAMP (x, 0, W - 1)) * C + c];
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
      dst[i * C + c] = (guint8) CLAMP (lrintf (out[i]), 0, 255);
  }
}

#ifdef HAVE_FFTW
/* --- FFTW: per channel, kernel spectrum computed once (not timed) --- */
typedef struct {
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

static void
fft_init (Fft *f, const SkcRaster *psf, gint pad)
{
  gint n1c;

  f->P = pad;
  f->N0 = good_size (opt_height + 2 * pad);
  f->N1 = good_size (opt_width + 2 * pad);
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
run_fft (gpointer data, const guint8 *src, guint8 *dst)
{
  Fft *f = data;
  gint W = opt_width, H = opt_height, P = f->P, n1c = f->N1 / 2 + 1;
  gfloat scale = 1.0f / ((gfloat) f->N0 * f->N1);

  for (gint c = 0; c < C; c++) {
    for (gint y = 0; y < f->N0; y++)
      for (gint x = 0; x < f->N1; x++) {
        /* Clamp-to-edge border of P px; the rest of the wrap-around area is
         * never read back for pixels of the frame. */
        gint sy = CLAMP (y - P, 0, H - 1), sx = CLAMP (x - P, 0, W - 1);

        f->real[(gsize) y * f->N1 + x] = src[((gsize) sy * W + sx) * C + c];
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
        dst[((gsize) y * W + x) * C + c] = (guint8) CLAMP (lrintf (f->real[(gsize) (y + P) * f->N1 + x + P]), 0, 255);
  }
}
#endif

/* --- ours --- */
typedef struct {
  SkcFixedKernel *k;
  SkcPool *pool;
} Ours;

static void
run_ours (gpointer data, const guint8 *src, guint8 *dst)
{
  Ours *o = data;

  skc_filter_fixed_u8 (o->k, src, (gsize) opt_width * C, dst, (gsize) opt_width * C, opt_width, opt_height, C,
      o->pool);
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

int
main (int argc, char **argv)
{
  g_autoptr (GOptionContext) ctx = g_option_context_new ("— speed and fidelity against baselines");
  g_autoptr (GError) error = NULL;
  g_autofree gchar *preset_path = NULL;
  g_autoptr (SkcFamily) family = NULL;
  g_autoptr (SkcComplex) c = NULL;
  g_autoptr (SkcFixedKernel) k = NULL;
  g_autoptr (SkcRaster) psf = NULL;
  g_autofree guint8 *src = NULL, *ref = NULL, *out = NULL;
  SkcShapeSpec spec;
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
  preset_path = g_strdup_printf ("%s/presets/%s.skc", SKC_SOURCE_DIR, opt_preset);
  family = skc_preset_load_file (preset_path, &error);
  if (family == NULL || !skc_shape_spec_parse (family->shape, &spec, &error) ||
      (psf = skc_shape_render (&spec, opt_radius, &error)) == NULL) {
    g_printerr ("skc-bench: %s\n", error->message);
    return 1;
  }
  skc_shape_spec_clear (&spec);
  c = skc_complex_copy (family->members[0]);
  skc_family_eval (family, opt_radius, c);
  k = skc_fixed_kernel_new (c, &error);
  if (k == NULL) {
    g_printerr ("skc-bench: %s\n", error->message);
    return 1;
  }
  for (gint i = 0; i < psf->width * psf->height; i++)
    dense_taps += psf->data[i] != 0;
  skc_raster_extent (psf, 0, &rx, &ry);
  border = MAX (MAX (rx, ry), k->reach * (gint) k->n_layers) + 1;

  src = make_frame ();
  ref = g_malloc ((gsize) opt_width * opt_height * C);
  out = g_malloc ((gsize) opt_width * opt_height * C);

  dense.pad = MAX (psf->width, psf->height);
  dense.n = 0;
  dense.dx = g_new (gint, dense_taps);
  dense.dy = g_new (gint, dense_taps);
  dense.v = g_new (gfloat, dense_taps);
  for (gint y = 0; y < psf->height; y++)
    for (gint x = 0; x < psf->width; x++)
      if (*skc_raster_at (psf, x, y) != 0) {
        dense.dx[dense.n] = x - psf->cx;
        dense.dy[dense.n] = y - psf->cy;
        dense.v[dense.n++] = (gfloat) *skc_raster_at (psf, x, y);
      }
  {
    Row r = { "dense direct (reference)", time_median (run_dense, &dense, src, ref, MAX (1, opt_repeat / 3)), INFINITY, dense_taps };
    g_array_append_val (rows, r);
  }
#ifdef HAVE_FFTW
  {
    Fft fft;

    fft_init (&fft, psf, MAX (psf->width, psf->height));
    {
      Row r = { "FFTW r2c/c2r, 1 thread", time_median (run_fft, &fft, src, out, opt_repeat), 0, 0 };
      r.psnr = psnr_u8 (out, ref, border);
      g_array_append_val (rows, r);
    }
    fftwf_destroy_plan (fft.fwd);
    fftwf_destroy_plan (fft.inv);
    fftwf_free (fft.real);
    fftwf_free (fft.spec);
    fftwf_free (fft.kspec);
  }
#endif
  for (gint variant = 0; variant < 6; variant++) {
    static const gchar *names[6] = {
      "ours 32-bit, plain C", "ours 32-bit, ORC", "ours 32-bit, ORC, all threads",
      "ours 16-bit, plain C", "ours 16-bit, ORC", "ours 16-bit, ORC, all threads" };
    Row r = { names[variant], 0, 0, 0 };
    Ours o = { k, variant % 3 == 2 ? skc_pool_new (0) : NULL };

    k->precision = variant < 3 ? SKC_PRECISION_32 : SKC_PRECISION_16;
    r.taps = skc_fixed_kernel_total_taps (k);
    skc_filter_set_orc (variant % 3 > 0);
    r.ms = time_median (run_ours, &o, src, out, opt_repeat);
    r.psnr = psnr_u8 (out, ref, border);
    g_array_append_val (rows, r);
    skc_pool_free (o.pool);
  }

  if (opt_json) {
    printf ("{\"frame\": [%d, %d, %d], \"preset\": \"%s\", \"radius\": %g, \"rows\": [", opt_width, opt_height, C,
        opt_preset, opt_radius);
    for (guint i = 0; i < rows->len; i++) {
      Row *r = &g_array_index (rows, Row, i);

      printf ("%s{\"name\": \"%s\", \"ms\": %.3f, \"speedup\": %.3f, \"psnr\": %.3f, \"taps\": %u}", i ? ", " : "",
          r->name, r->ms, g_array_index (rows, Row, 0).ms / r->ms, isinf (r->psnr) ? 999.0 : r->psnr, r->taps);
    }
    printf ("]}\n");
  } else {
    printf ("%d×%d RGBA (4 channels filtered), %s radius %g, %d runs (median)\n\n", opt_width, opt_height,
        opt_preset, opt_radius, opt_repeat);
    printf ("| method | taps/pixel | ms/frame | × faster than dense | PSNR vs dense (dB) |\n");
    printf ("|---|---:|---:|---:|---:|\n");
    for (guint i = 0; i < rows->len; i++) {
      Row *r = &g_array_index (rows, Row, i);

      printf ("| %s | %s | %.1f | %.1f | %s |\n", r->name, r->taps ? g_strdup_printf ("%u", r->taps) : "–",
          r->ms, g_array_index (rows, Row, 0).ms / r->ms,
          isinf (r->psnr) ? "–" : g_strdup_printf ("%.2f", r->psnr));
    }
  }
  g_array_unref (rows);
  return 0;
}
