/* skc-bench: slice-based depth of field, SLICES_N FFT layers blended with
 * coverage (bench.h).  The standard slice design (Nuke ZDefocus and the
 * like, docs/ARCHITECTURE.md §7), written here from its formula
 * R ← K_i ∗ (a_i·F) + (1 − K_i ∗ a_i)·R, the same as the layered truth's. */
#include "bench.h"

#include <math.h>
#include <string.h>

#ifdef HAVE_FFTW
struct _Slices {
  gint w, h;
  const guint8 *depth;        /* codes, w × h, near = white */
  gboolean blurred[SLICES_N];
  Fft fft[SLICES_N];          /* each blurred slice's disc, 4 channels */
  gfloat *layer[SLICES_N];    /* a·F (linear RGB) and a; blurred in place */
  gfloat *lin;                /* the frame in linear light, RGB */
  gfloat decode[256];
  SkcPool *pool;
};

/* Bin i holds the codes [32·i, 32·(i + 1)): slice 0 is the farthest. */
static inline gint
slice_of (guint8 code)
{
  return code * SLICES_N / 256;
}

Slices *
slices_new (const guint8 *depth, gint width, gint height, const SkcFocus *focus, guint threads)
{
  Slices *s = g_new0 (Slices, 1);
  SkcRaster *disc[SLICES_N];
  gint pad = 0;

  s->w = width;
  s->h = height;
  s->depth = depth;
  s->pool = skc_pool_new (threads);
  s->lin = g_new (gfloat, (gsize) width * height * 3);
  for (gint v = 0; v < 256; v++)
    s->decode[v] = skc_srgb_decode_table ()[v] / 16320.0f;
  for (gint i = 0; i < SLICES_N; i++) {
    gdouble centre = (i + 0.5) * 256 / SLICES_N / 255.0;

    disc[i] = skc_layered_disc (skc_focus_radius (focus, centre));
    if (disc[i] != NULL)
      pad = MAX (pad, MAX (disc[i]->width, disc[i]->height));
    s->layer[i] = g_new (gfloat, (gsize) width * height * 4);
  }
  /* One border for all: one transform size, so FFTW plans it once. */
  for (gint i = 0; i < SLICES_N; i++)
    if ((s->blurred[i] = disc[i] != NULL)) {
      fft_init (&s->fft[i], disc[i], pad, width, height, 4);
      skc_raster_free (disc[i]);
    }
  return s;
}

/* Slice i: its pixels' premultiplied colour and coverage, blurred. */
static void
slice_job (guint i, guint n, gpointer data)
{
  Slices *s = data;
  gfloat *l = s->layer[i];

  (void) n;
  for (gsize p = 0; p < (gsize) s->w * s->h; p++) {
    gfloat a = slice_of (s->depth[p]) == (gint) i;

    for (gint c = 0; c < 3; c++)
      l[p * 4 + c] = a * s->lin[p * 3 + c];
    l[p * 4 + 3] = a;
  }
  /* Every slice is filtered, empty or not: on a real depth map all are
   * filled, and the cost should be that one. */
  if (s->blurred[i])
    for (gint c = 0; c < 4; c++)
      fft_convolve_float (&s->fft[i], l, l, c);
}

void
run_slices (gpointer data, const guint8 *src, guint8 *dst)
{
  Slices *s = data;
  const guint8 *encode = skc_srgb_encode_table ();

  for (gsize p = 0; p < (gsize) s->w * s->h; p++)
    for (gint c = 0; c < 3; c++)
      s->lin[p * 3 + c] = s->decode[src[p * C + c]];
  skc_pool_run (s->pool, SLICES_N, slice_job, s);
  for (gsize p = 0; p < (gsize) s->w * s->h; p++) {
    gfloat r[3] = { 0, 0, 0 }, a = 0;

    for (gint i = 0; i < SLICES_N; i++) {
      const gfloat *l = s->layer[i] + p * 4;
      gfloat keep = 1 - l[3];

      for (gint c = 0; c < 3; c++)
        r[c] = l[c] + keep * r[c];
      a = l[3] + keep * a;
    }
    /* What lies behind a blurred near slice is not in the input: the light
     * reached, renormalised. */
    for (gint c = 0; c < 3; c++)
      dst[p * C + c] = encode[CLAMP (lrintf (a > 1e-6f ? r[c] / a * 16320 : 0), 0, SKC_SRGB_ENCODE_SIZE - 1)];
    dst[p * C + 3] = src[p * C + 3];
  }
}

void
slices_free (Slices *s)
{
  if (s == NULL)
    return;
  for (gint i = 0; i < SLICES_N; i++) {
    if (s->blurred[i])
      fft_clear (&s->fft[i]);
    g_free (s->layer[i]);
  }
  g_free (s->lin);
  skc_pool_free (s->pool);
  g_free (s);
}
#else
Slices *
slices_new (const guint8 *depth, gint width, gint height, const SkcFocus *focus, guint threads)
{
  (void) depth, (void) width, (void) height, (void) focus, (void) threads;
  return NULL;
}

void
run_slices (gpointer data, const guint8 *src, guint8 *dst)
{
  (void) data, (void) src, (void) dst;
}

void
slices_free (Slices *s)
{
  (void) s;
}
#endif
