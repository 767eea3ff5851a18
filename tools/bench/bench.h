/* skc-bench internals: the options, the row type and the helpers every
 * method family shares, and the function each family exposes to append its
 * rows.  One file per family in tools/bench/; the driver is skc-bench.c. */
#pragma once

#include "skc.h"

#ifdef HAVE_FFTW
#include <fftw3.h>
#endif

/* The options (skc-bench.c). */
extern gchar *opt_preset;
extern gdouble opt_radius;
extern gint opt_width, opt_height, opt_repeat;
extern gboolean opt_json;
extern gdouble opt_step;
/* FALSE when the preset has no shape: no dense rows, and no ratios or PSNR
 * against them (NAN in a Row, "n/a" or null when printed). */
extern gboolean bench_reference;

#define C 4

typedef void (*RunFunc) (gpointer data, const guint8 *src, guint8 *dst);

typedef struct {
  const gchar *name;
  gdouble ms, psnr;
  guint taps;
} Row;

/* bench-common.c */
gdouble time_median (RunFunc run, gpointer data, const guint8 *src, guint8 *dst, gint repeat);
/* The fastest of repeat runs after a warm-up: on a shared machine the run
 * least disturbed by others. */
gdouble time_best (RunFunc run, gpointer data, const guint8 *src, guint8 *dst, gint repeat);
gdouble psnr_u8 (const guint8 *a, const guint8 *b, gint border);
guint8 *make_frame (void);
void print_table (const gchar *what, GArray *rows, gboolean first);
/* v for JSON, which has no NaN or infinity: +inf (identical) 999, NaN null. */
const gchar *json_number (gchar *buf, gsize size, gdouble v);

/* method-dense.c: also the per-plane reference of the I420 table. */
typedef struct {
  gint w, h, c;             /* one plane: size, interleaved channels */
  gint pad;
  guint n;                  /* non-zero PSF entries */
  gint *dx, *dy;
  gfloat *v;
} Dense;

void dense_init (Dense *d, const SkcRaster *psf, gint w, gint h, gint c);
void dense_clear (Dense *d);
void run_dense (gpointer data, const guint8 *src, guint8 *dst);
/* The reference row; fills ref. */
void bench_dense_rows (GArray *rows, const SkcRaster *psf, const guint8 *src, guint8 *ref);

#ifdef HAVE_FFTW
/* method-fft.c: also used by the I420 and varying tables. */
typedef struct {
  gint w, h, c;               /* one plane: size, interleaved channels */
  gint N0, N1, P;             /* transform size (rows, cols), border */
  gfloat *real;
  fftwf_complex *spec, *kspec;
  fftwf_plan fwd, inv;
} Fft;

void fft_init (Fft *f, const SkcRaster *psf, gint pad, gint w, gint h, gint c);
void run_fft (gpointer data, const guint8 *src, guint8 *dst);
void fft_clear (Fft *f);
/* Channel c of a float plane of f->c interleaved channels, convolved into
 * the same channel of dst (clamp-to-edge, as run_fft). */
void fft_convolve_float (Fft *f, const gfloat *src, gfloat *dst, gint c);
#endif
/* Appends nothing without FFTW. */
void bench_fft_rows (GArray *rows, const SkcRaster *psf, const guint8 *src, const guint8 *ref, guint8 *out,
    gint border);

/* method-rowspan.c, method-lowrank.c */
void bench_rowspan_rows (GArray *rows, const SkcRaster *psf, const guint8 *src, const guint8 *ref, guint8 *out,
    gint border);
void bench_lowrank_rows (GArray *rows, const SkcRaster *psf, const guint8 *src, const guint8 *ref, guint8 *out,
    gint border);

/* method-ours.c: the engine rows of the fixed table (fast may be NULL), and
 * the I420 table.  Without a dense target (ref, psf, psf_half NULL) only our
 * rows, with PSNR NAN. */
/* Our engine through SkcFrameFilter at half resolution (skc-halve.h), one
 * and all threads.  fitted: c is a member fitted to run halved
 * (skc_family_eval's full-pixel form of it), so the rows say so. */
void bench_halved_rows (GArray *rows, const SkcComplex *c, gboolean fitted, const guint8 *src, const guint8 *ref,
                        guint8 *out, gint border);
/* The half family's member at half the radius (q, in quarter pixels) on the
 * plane 4× down, skc_frame_filter_run_quartered; taps on the quarter plane. */
void bench_quartered_rows (GArray *rows, const SkcComplex *q, const guint8 *src, const guint8 *ref, guint8 *out,
                           gint border);
void bench_ours_rows (GArray *rows, SkcFixedKernel *k, SkcFixedKernel *fast, const gchar *fast_name,
    const guint8 *src, const guint8 *ref, guint8 *out, gint border);
GArray *i420_table (const SkcComplex *c, const SkcRaster *psf, const SkcRaster *psf_half, const guint8 *rgba,
    gint border);

/* method-limits.c: the memory floor (a copy of the frame) and the compute
 * floor (taps × samples at the measured peak multiply-add rate, one thread
 * and threads), appended to the fixed table; then a line of the fastest
 * "ours" row's distance from them (text output only). */
void bench_limit_rows  (GArray *rows, guint taps, guint threads, const guint8 *src, guint8 *out);
void bench_limits_note (GArray *rows);

/* method-ffmpeg.c: FFmpeg's gblur (fixed table) and varblur on the radius
 * map (varying tables), one thread and threads, where ffmpeg is installed;
 * nothing otherwise. */
void bench_ffmpeg_fixed_rows   (GArray *rows, const guint8 *src, guint threads);
void bench_ffmpeg_varying_rows (GArray *rows, const guint8 *src, const gfloat *radius, const guint8 *ref,
                                gint border, guint threads);

/* method-varying.c: one spatially-varying table (map 0 depth-of-field, 1
 * tilt-shift).  spec NULL: no shape, so only our rows, with PSNR NAN. */
GArray *varying_table (const SkcFamily *family, SkcShapeSpec *spec, const guint8 *src, gint map, gint border);

/* method-slices.c: slice-based depth of field with FFTs, what a user would
 * write: the depth map's codes cut into SLICES_N equal bins, each bin a
 * layer of hard coverage (its pixels) blurred by the disc of the focus
 * model's radius at the bin's centre, premultiplied colour and coverage
 * through the same kernel, composited back to front in linear light and
 * renormalised by the coverage reached.  Slices run on the pool's threads;
 * the composite after them.  NULL without FFTW. */
#define SLICES_N 8
typedef struct _Slices Slices;

Slices *slices_new  (const guint8 *depth, gint width, gint height, const SkcFocus *focus, guint threads);
void    run_slices  (gpointer data, const guint8 *src, guint8 *dst);
void    slices_free (Slices *s);

/* method-layered.c: skc-bench --layered, the table of depth-of-field
 * methods on the layered scenes against their exact truth. */
extern gint opt_scene_width, opt_scene_height;
void bench_layered (void);

/* method-geometry.c: skc-bench --geometry, zoom blur and swirl bokeh against
 * the dense per-pixel truth, and the fixed kernel's cost. */
extern gint opt_sa_iterations;
void bench_geometry (void);
/* method-catseye.c: its cat's-eye tables (first: the first JSON row). */
void bench_catseye (const guint8 *src, gboolean first);
/* geometry-sa.c: the SA family with like's values and layout, fitted to the
 * oriented truth's own unturned kernels at the baseline's default options but
 * opt_sa_iterations (returned in opts), its members up to max_radius's and the anchor's (the
 * same members as in the whole family); seconds it took.  Exits on failure. */
SkcFamily *bench_sa_family (const SkcFamily *like, gdouble max_radius, SkcOrientedShape shape,
    SkcSaOptions *opts, gdouble *seconds);
/* Mean kernel PSNR against those kernels of f's members up to the first at
 * or above max_radius; moment_error gets the mean |relative error| of their
 * second moments (Σ K·|x|², the size a photo sees). */
gdouble    bench_member_psnr (const SkcFamily *f, gdouble max_radius, SkcOrientedShape shape,
    gdouble *moment_error);
/* geometry-exact.c: every level ff's grids have built replaced by the
 * truth's own kernel at its radius and angle (the quantisation's ceiling;
 * the next run with the same maps id keeps them). */
void       bench_grid_exact_levels (SkcFrameFilter *ff, SkcOrientedShape shape, gdouble aspect);
/* The same members' mean kernel PSNR stretched by aspect and turned every
 * 15° from 7.5°, against the truth's kernel stretched and turned alike. */
gdouble    bench_member_psnr_turned (const SkcFamily *f, gdouble max_radius, SkcOrientedShape shape,
    gdouble aspect);

/* plot-svg.c: speed against fidelity of every row printed (--plot), one
 * panel a table.  ms_threads NAN when the row has one time; psnr +inf is
 * drawn on an "exact" line above the rest, NAN on an "n/a" line below. */
void     plot_add      (const gchar *table, const gchar *y_label, const gchar *name, gdouble ms,
                        gdouble ms_threads, gdouble psnr);
void     plot_add_rows (const gchar *table, GArray *rows);
gboolean plot_write    (const gchar *path, GError **error);
