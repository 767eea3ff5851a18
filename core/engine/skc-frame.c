/* libskc — frames: plane geometry of the element's formats, and filtering a
 * whole frame plane by plane. */
#include "skc-frame.h"
#include "skc-error.h"
#include "skc-filter.h"
#include "skc-halve.h"
#include "skc-highlight.h"
#include "skc-occlusion.h"
#include "skc-oriented.h"
#include "skc-sweep.h"
#include "skc-varying.h"

#include <math.h>
#include <string.h>

static void
set_plane (SkcFramePlane *p, guint8 *data, gsize stride, gint w, gint h, gint channels, gdouble scale_x,
    gdouble scale_y)
{
  memset (p, 0, sizeof (*p));
  p->data = data;
  p->stride = stride;
  p->width = w;
  p->height = h;
  p->channels = channels;
  p->scale_x = scale_x;
  p->scale_y = scale_y;
}

gboolean
skc_frame_init_samples (SkcFrame *f, SkcLayout layout, SkcSamples samples, gint width, gint height,
    gint channels, guint rgb_mask, guint8 *const data[], const gsize stride[])
{
  /* Chroma of 4:2:0 covers ⌈w/2⌉ × ⌈h/2⌉ samples, of 4:2:2 ⌈w/2⌉ × h. */
  gint cw = (width + 1) / 2, ch = (height + 1) / 2;
  gsize bytes;

  memset (f, 0, sizeof (*f));
  if (layout == SKC_LAYOUT_GRAY16)
    samples = SKC_SAMPLES_16;
  bytes = samples == SKC_SAMPLES_8 ? 1 : 2;
  if (width <= 0 || height <= 0)
    return FALSE;
  switch (layout) {
    case SKC_LAYOUT_PACKED:
      if (channels < 1 || channels > 4 || stride[0] < (gsize) width * channels * bytes)
        return FALSE;
      f->n_planes = 1;
      set_plane (&f->planes[0], data[0], stride[0], width, height, channels, 1, 1);
      f->planes[0].colour_mask = rgb_mask & ((1u << channels) - 1);
      break;
    case SKC_LAYOUT_GRAY16:
      if (stride[0] < (gsize) width * 2)
        return FALSE;
      f->n_planes = 1;
      set_plane (&f->planes[0], data[0], stride[0], width, height, 1, 1, 1);
      break;
    case SKC_LAYOUT_I420:
    case SKC_LAYOUT_I422:
    case SKC_LAYOUT_Y444: {
      gboolean sub_x = layout != SKC_LAYOUT_Y444, sub_y = layout == SKC_LAYOUT_I420;
      gint pw = sub_x ? cw : width, ph = sub_y ? ch : height;

      if (stride[0] < (gsize) width * bytes || stride[1] < (gsize) pw * bytes || stride[2] < (gsize) pw * bytes)
        return FALSE;
      f->n_planes = 3;
      set_plane (&f->planes[0], data[0], stride[0], width, height, 1, 1, 1);
      /* A chroma sample spans two luma samples along each subsampled axis:
       * the same blur in the picture is half as many chroma samples there
       * (exact: the offsets are scaled). */
      set_plane (&f->planes[1], data[1], stride[1], pw, ph, 1, sub_x ? 0.5 : 1, sub_y ? 0.5 : 1);
      set_plane (&f->planes[2], data[2], stride[2], pw, ph, 1, sub_x ? 0.5 : 1, sub_y ? 0.5 : 1);
      break;
    }
    case SKC_LAYOUT_NV12:
      if (stride[0] < (gsize) width * bytes || stride[1] < (gsize) cw * 2 * bytes)
        return FALSE;
      f->n_planes = 2;
      set_plane (&f->planes[0], data[0], stride[0], width, height, 1, 1, 1);
      set_plane (&f->planes[1], data[1], stride[1], cw, ch, 2, 0.5, 0.5);
      break;
    default:
      return FALSE;
  }
  for (guint p = 0; p < f->n_planes; p++)
    f->planes[p].format.samples = samples;
  return TRUE;
}

gboolean
skc_frame_init (SkcFrame *f, SkcLayout layout, gint width, gint height, gint channels, guint rgb_mask,
    guint8 *const data[], const gsize stride[])
{
  return skc_frame_init_samples (f, layout, SKC_SAMPLES_8, width, height, channels, rgb_mask, data, stride);
}

typedef struct {
  SkcComplex     *source;    /* what the kernel was built from (scaled), to compare */
  SkcPrecision    precision;
  SkcFixedKernel *kernel;
  gint            within_w, within_h;  /* the plane size the kernels were pulled in to */
  /* The varying path: levels built, as needed, for this family, step and
   * precision (any max radius). */
  SkcVaryingKernel *vk;
  const SkcFamily  *vk_family;
  gdouble           vk_step;
  SkcPrecision      vk_precision;
  SkcOcclusion     *occlusion;   /* the occlusion-aware path's split and work planes */
  guint16          *level;       /* the gather path's level map, level_w × level_h */
  gint              level_w, level_h;
  /* The oriented path (skc-oriented.h): its grid, kept like vk, and the
   * plane's level map. */
  SkcOrientedKernel *ok;
  guint16           *ok_level;
  guint64            ok_maps_id;     /* the maps ok_level was quantised from (0: none) */
  SkcVaryingRuns    *ok_runs;        /* ok_level's runs, from its second frame (NULL: none yet) */
  gdouble            ok_max_radius;
  SkcPlane       *plane, *scratch;   /* the varying paths' working planes */
  SkcSweep       *sweep;            /* the fixed path's rings (skc-sweep.h) */
  guint           factor;           /* the fixed kernel runs on a plane this many times coarser: 1, 2, 4 */
  guint           decimation;       /* the source's taps are in pixels of a plane this many times coarser */
} PlaneCache;

struct _SkcFrameFilter {
  PlaneCache planes[SKC_FRAME_MAX_PLANES];
  SkcEngine  engine;
  gdouble    halve_radius;  /* fixed kernels reaching this far run at half resolution; 0: never */
  gdouble    hl_threshold, hl_gain; /* highlights (skc-highlight.h); 1, 1: off */
  gdouble    hl_knee;               /* the shoulder's knee, a fraction of white; 0: ¾ */
  const gfloat    *ce_clip;         /* cat's eye (skc_frame_filter_set_catseye); NULL: off */
  gdouble          ce_turn, ce_lens_radius;
  gboolean         share_layers;    /* skc_frame_filter_set_layer_sharing */
  const SkcFamily *ce_lens;
  gint16    *shoulder;              /* its table, built when first on … */
  gint       shoulder_shift, shoulder_knee; /* … for this headroom and knee */
};

SkcFrameFilter *
skc_frame_filter_new (void)
{
  return g_new0 (SkcFrameFilter, 1);
}

static void
plane_cache_clear (PlaneCache *pc)
{
  g_clear_pointer (&pc->source, skc_complex_free);
  g_clear_pointer (&pc->kernel, skc_fixed_kernel_free);
  g_clear_pointer (&pc->vk, skc_varying_kernel_free);
  g_clear_pointer (&pc->occlusion, skc_occlusion_free);
  g_clear_pointer (&pc->level, g_free);
  g_clear_pointer (&pc->ok, skc_oriented_kernel_free);
  g_clear_pointer (&pc->ok_level, g_free);
  g_clear_pointer (&pc->ok_runs, skc_varying_runs_free);
  g_clear_pointer (&pc->plane, skc_plane_free);
  g_clear_pointer (&pc->scratch, skc_plane_free);
  g_clear_pointer (&pc->sweep, skc_sweep_free);
  pc->factor = 1;
}

/* Working planes for the padding, reallocated only when the geometry changes. */
static gboolean
plane_cache_planes (PlaneCache *pc, const SkcFramePlane *fp, gint pad_x, gint pad_y, guint index, GError **error)
{
  if (pc->plane && pc->plane->width == fp->width && pc->plane->height == fp->height &&
      pc->plane->channels == fp->channels && pc->plane->pad_x == pad_x && pc->plane->pad_y == pad_y)
    return TRUE;
  g_clear_pointer (&pc->plane, skc_plane_free);
  g_clear_pointer (&pc->scratch, skc_plane_free);
  pc->plane = skc_plane_new_padded (fp->width, fp->height, fp->channels, pad_x, pad_y);
  pc->scratch = skc_plane_new_padded (fp->width, fp->height, fp->channels, pad_x, pad_y);
  if (pc->plane == NULL || pc->scratch == NULL) {
    g_set_error (error, SKC_ERROR, SKC_ERROR_INVALID, "frame plane %u: %d×%d is too large", index,
        fp->width, fp->height);
    g_clear_pointer (&pc->plane, skc_plane_free);
    g_clear_pointer (&pc->scratch, skc_plane_free);
    return FALSE;
  }
  return TRUE;
}

void
skc_frame_filter_set_halve_radius (SkcFrameFilter *ff, gdouble radius)
{
  ff->halve_radius = radius > 0 && radius < G_MAXDOUBLE ? radius : 0;
}

gdouble
skc_frame_filter_get_halve_radius (const SkcFrameFilter *ff)
{
  return ff->halve_radius;
}

gboolean
skc_frame_filter_halved (const SkcFrameFilter *ff)
{
  return ff->planes[0].factor > 1;
}

guint
skc_frame_filter_factor (const SkcFrameFilter *ff)
{
  return MAX (ff->planes[0].factor, 1);
}

void
skc_frame_filter_set_engine (SkcFrameFilter *ff, SkcEngine engine)
{
  if (ff->engine == engine)
    return;
  ff->engine = engine;
  for (guint p = 0; p < SKC_FRAME_MAX_PLANES; p++) {
    PlaneCache *pc = &ff->planes[p];

    if (pc->kernel)
      skc_fixed_kernel_configure (pc->kernel, pc->precision, engine);
    if (pc->vk)
      skc_varying_kernel_set_engine (pc->vk, engine);
  }
}

SkcEngine
skc_frame_filter_loops (const SkcFrameFilter *ff, gboolean varying)
{
  const PlaneCache *pc = &ff->planes[0];

  if (varying && pc->vk)
    return skc_engine_resolve (ff->engine, pc->vk->precision == SKC_PRECISION_16);
  if (!varying && pc->kernel)
    return pc->kernel->engine;
  return SKC_ENGINE_DEFAULT;
}

void
skc_frame_filter_reset (SkcFrameFilter *ff)
{
  for (guint p = 0; p < SKC_FRAME_MAX_PLANES; p++)
    plane_cache_clear (&ff->planes[p]);
}

void
skc_frame_filter_free (SkcFrameFilter *ff)
{
  if (ff == NULL)
    return;
  for (guint p = 0; p < SKC_FRAME_MAX_PLANES; p++)
    plane_cache_clear (&ff->planes[p]);
  g_free (ff->shoulder);
  g_free (ff);
}

static gboolean
same_taps (const SkcComplex *a, const SkcComplex *b)
{
  if (!skc_complex_same_layout (a, b))
    return FALSE;
  for (guint l = 0; l < a->n_layers; l++)
    if (memcmp (a->layers[l].taps, b->layers[l].taps, sizeof (SkcTap) * a->layers[l].n_taps) != 0)
      return FALSE;
  return TRUE;
}

/* Checks that in and out planes agree and sets the linear-light masks. */
static gboolean
match_planes (SkcFramePlane *src, SkcFramePlane *dst, guint index, gboolean linear_light, GError **error)
{
  if (src->width != dst->width || src->height != dst->height || src->channels != dst->channels) {
    g_set_error (error, SKC_ERROR, SKC_ERROR_INVALID, "frame plane %u: input %d×%d×%d, output %d×%d×%d",
        index, src->width, src->height, src->channels, dst->width, dst->height, dst->channels);
    return FALSE;
  }
  if (linear_light && (src->format.samples == SKC_SAMPLES_8 || src->format.samples == SKC_SAMPLES_16))
    src->format.linear_mask = dst->format.linear_mask = src->colour_mask;
  return TRUE;
}

/* TRUE when the (plane-scaled) complex reaches far enough to run at half
 * resolution and the plane is large enough to halve. */
static gboolean
wants_halving (const SkcFrameFilter *ff, const SkcComplex *scaled, const SkcFramePlane *fp)
{
  gint rx, ry;

  if (ff->halve_radius <= 0 || fp->width < 2 || fp->height < 2)
    return FALSE;
  skc_complex_reach (scaled, &rx, &ry);
  return MAX (rx, ry) >= ff->halve_radius;
}

gboolean
skc_frame_filter_would_halve (const SkcFrameFilter *ff, const SkcComplex *c, const SkcFrame *frame)
{
  g_autoptr (SkcComplex) scaled = NULL;

  if (frame->n_planes == 0)
    return FALSE;
  scaled = skc_complex_copy (c);
  skc_complex_scale_xy (scaled, frame->planes[0].scale_x, frame->planes[0].scale_y);
  return wants_halving (ff, scaled, &frame->planes[0]);
}

/* The plane's kernel and working planes, rebuilt only when something
 * changed.  decimation 2 (4): c is in half (quarter) pixels, fitted for
 * that, and runs on the plane 2× (4×) down as it is. */
static gboolean
plane_cache_prepare (PlaneCache *pc, const SkcComplex *c, guint decimation, const SkcFramePlane *fp,
    SkcPrecision precision, const SkcFrameFilter *ff, guint index, GError **error)
{
  g_autoptr (SkcComplex) scaled = skc_complex_copy (c);
  guint factor;
  SkcFramePlane work;

  skc_complex_scale_xy (scaled, fp->scale_x, fp->scale_y);
  /* A plane too small for the factor asked takes the next that fits
   * (skc-sweep.h), the kernel scaled to match. */
  factor = skc_decimation_fitting (decimation > 1 ? decimation : wants_halving (ff, scaled, fp) ? 2 : 1,
      fp->width, fp->height);
  work = *fp;
  work.width = skc_decimated_size (fp->width, factor);
  work.height = skc_decimated_size (fp->height, factor);
  if (pc->kernel == NULL || pc->precision != precision || pc->within_w != fp->width ||
      pc->within_h != fp->height || pc->factor != factor || pc->decimation != decimation ||
      !same_taps (pc->source, scaled)) {
    g_autoptr (SkcComplex) run = skc_complex_copy (scaled);
    SkcFixedKernel *k;

    /* A coarser plane than the taps': the same kernel smaller (exact, §1);
     * a finer one (a plane too small to decimate as fitted): larger. */
    if (factor != decimation)
      skc_complex_scale_xy (run, (gdouble) decimation / factor, (gdouble) decimation / factor);
    k = skc_fixed_kernel_new_within (run, work.width, work.height, error);
    if (k == NULL)
      return FALSE;
    skc_fixed_kernel_configure (k, precision, ff->engine);
    plane_cache_clear (pc);
    pc->kernel = k;
    pc->precision = precision;
    pc->within_w = fp->width;
    pc->within_h = fp->height;
    pc->factor = factor;
    pc->decimation = decimation;
    pc->source = g_steal_pointer (&scaled);
  }
  if (pc->sweep == NULL)
    pc->sweep = skc_sweep_new ();
  return TRUE;
}

static gboolean
run_fixed (SkcFrameFilter *ff, const SkcComplex *c, guint decimation, const SkcFrame *in, SkcFrame *out,
    SkcPrecision precision, gboolean linear_light, SkcPool *pool, GError **error)
{
  g_return_val_if_fail (in->n_planes == out->n_planes, FALSE);

  for (guint p = 0; p < in->n_planes; p++) {
    SkcFramePlane src = in->planes[p], dst = out->planes[p];
    PlaneCache *pc = &ff->planes[p];

    if (!match_planes (&src, &dst, p, linear_light, error))
      return FALSE;
    src.format.engine = dst.format.engine = ff->engine;
    if (!plane_cache_prepare (pc, c, decimation, &src, precision, ff, p, error))
      return FALSE;
    if (!skc_sweep_run (pc->sweep, pc->kernel, pc->factor, src.data, src.stride, &src.format, dst.data,
            dst.stride, &dst.format, src.width, src.height, src.channels, pool)) {
      g_set_error (error, SKC_ERROR, SKC_ERROR_INVALID, "frame plane %u: %d×%d is too large", p, src.width,
          src.height);
      return FALSE;
    }
  }
  return TRUE;
}

gboolean
skc_frame_filter_run (SkcFrameFilter *ff, const SkcComplex *c, const SkcFrame *in, SkcFrame *out,
    SkcPrecision precision, gboolean linear_light, SkcPool *pool, GError **error)
{
  return run_fixed (ff, c, 1, in, out, precision, linear_light, pool, error);
}

gboolean
skc_frame_filter_run_halved (SkcFrameFilter *ff, const SkcComplex *c, const SkcFrame *in, SkcFrame *out,
    SkcPrecision precision, gboolean linear_light, SkcPool *pool, GError **error)
{
  return run_fixed (ff, c, 2, in, out, precision, linear_light, pool, error);
}

gboolean
skc_frame_filter_run_quartered (SkcFrameFilter *ff, const SkcComplex *c, const SkcFrame *in, SkcFrame *out,
    SkcPrecision precision, gboolean linear_light, SkcPool *pool, GError **error)
{
  return run_fixed (ff, c, 4, in, out, precision, linear_light, pool, error);
}

gboolean
skc_filter_frame_fixed (const SkcComplex *c, const SkcFrame *in, SkcFrame *out, SkcPrecision precision,
    gboolean linear_light, SkcPool *pool, GError **error)
{
  g_autoptr (SkcFrameFilter) ff = skc_frame_filter_new ();

  return skc_frame_filter_run (ff, c, in, out, precision, linear_light, pool, error);
}

typedef struct {
  gfloat *r;
  const gfloat *radius;
  gsize stride;
  gint width, height, luma_w, luma_h, fx, fy;
  gboolean keep_sign;
} RadiusJob;

/* A luma radius as the chroma mean counts it: NaN (in focus) is 0, and so
 * are nearer radii (< 0) unless signed. */
static inline gdouble
counted (gfloat v, gboolean keep_sign)
{
  return v > 0 || (keep_sign && v < 0) ? v : 0;
}

static void
radius_stripe (guint i, guint n, gpointer data)
{
  const RadiusJob *job = data;
  gint y0, y1;

  skc_pool_stripe (i, n, job->height, &y0, &y1);
  for (gint y = y0; y < y1; y++) {
    gfloat *out = job->r + (gsize) y * job->width;
    gint x = 0;

    if (job->fx == 2 && job->fy == 2) {
      /* 4:2:0 inside the luma width: the same sums in the same order as
       * below, without a clamp a sample, so that the loop vectorises. */
      const gfloat *a = job->radius + (gsize) MIN (2 * y, job->luma_h - 1) * job->stride;
      const gfloat *b = job->radius + (gsize) MIN (2 * y + 1, job->luma_h - 1) * job->stride;

      for (; 2 * x + 1 < job->luma_w && x < job->width; x++) {
        gdouble sum = counted (a[2 * x], job->keep_sign) + counted (a[2 * x + 1], job->keep_sign);

        sum += counted (b[2 * x], job->keep_sign);
        sum += counted (b[2 * x + 1], job->keep_sign);
        out[x] = (gfloat) (sum / 4);
      }
    }
    for (; x < job->width; x++) {
      gdouble sum = 0;

      for (gint dy = 0; dy < job->fy; dy++) {
        const gfloat *row = job->radius + (gsize) MIN (job->fy * y + dy, job->luma_h - 1) * job->stride;

        for (gint dx = 0; dx < job->fx; dx++)
          sum += counted (row[MIN (job->fx * x + dx, job->luma_w - 1)], job->keep_sign);
      }
      out[x] = (gfloat) (sum / (job->fx * job->fy));
    }
  }
}

/* The radius map on a plane's grid: the same map on full-size planes, the
 * mean of the luma samples each chroma sample covers on subsampled ones —
 * 2×2 on 4:2:0, 2×1 on 4:2:2 (radii stay in luma pixels); in stripes. */
static gfloat *
plane_radius (const SkcFramePlane *fp, const gfloat *radius, gsize stride, gint luma_w, gint luma_h,
    gboolean keep_sign, gsize *out_stride, SkcPool *pool)
{
  RadiusJob job = { NULL, radius, stride, fp->width, fp->height, luma_w, luma_h,
    fp->width == luma_w ? 1 : 2, fp->height == luma_h ? 1 : 2, keep_sign };

  if (fp->width == luma_w && fp->height == luma_h) {
    *out_stride = stride;
    return NULL;
  }
  job.r = g_new (gfloat, (gsize) fp->width * fp->height);
  skc_pool_run (pool, skc_pool_stripes (pool, fp->height), radius_stripe, &job);
  *out_stride = fp->width;
  return job.r;
}

/* The varying kernel of plane p for the family, step and precision (kept
 * while they and the plane size stay). */
static gboolean
plane_cache_varying (SkcFrameFilter *ff, PlaneCache *pc, const SkcFamily *family, gdouble step,
    SkcPrecision precision, const SkcFramePlane *src, GError **error)
{
  SkcVaryingKernel *vk;

  if (pc->vk && pc->vk_family == family && pc->vk_step == step && pc->vk_precision == precision &&
      pc->within_w == src->width && pc->within_h == src->height)
    return TRUE;
  vk = skc_varying_kernel_new_lazy (family, step, precision, src->scale_x, src->scale_y, src->width,
      src->height, error);
  if (vk == NULL)
    return FALSE;
  vk->engine = ff->engine;
  plane_cache_clear (pc);
  pc->vk = vk;
  pc->vk_family = family;
  pc->vk_step = step;
  pc->vk_precision = precision;
  pc->within_w = src->width;
  pc->within_h = src->height;
  return TRUE;
}

/* The alpha or padding channel of an RGB plane of four, or −1. */
static gint
spare_channel (const SkcFramePlane *p)
{
  if (p->channels != 4 || g_bit_nth_lsf (p->colour_mask, -1) < 0 ||
      __builtin_popcount (p->colour_mask & 0xf) != 3)
    return -1;
  return g_bit_nth_lsf (~p->colour_mask & 0xf, -1);
}

void
skc_frame_filter_set_highlight (SkcFrameFilter *ff, gdouble threshold, gdouble gain)
{
  ff->hl_threshold = threshold;
  ff->hl_gain = gain;
}

void
skc_frame_filter_set_highlight_knee (SkcFrameFilter *ff, gdouble knee)
{
  ff->hl_knee = knee;
}

/* The channels highlights apply to: linear-light RGB, or the luma (gray)
 * plane; chroma carries no light of its own and is left as it is. */
static guint
highlight_mask (const SkcFramePlane *p, guint index, gboolean linear_light)
{
  if (p->colour_mask)
    return linear_light ? p->colour_mask : 0;
  return index == 0 && p->channels == 1 ? 1u : 0;
}

typedef struct {
  SkcPlane *plane;
  const gfloat *map;
  gsize rstride;
  guint mask;
  SkcHighlight h;
  const gint16 *shoulder;
  const SkcFramePlane *src;  /* with headroom: reloaded a row at a time for the in-focus pixels */
} HighlightJob;

/* White on the planes' Q6 scale, and the shoulder's knee (3/4 of it). */
#define HIGHLIGHT_WHITE (255 << SKC_PLANE_SHIFT)
#define HIGHLIGHT_KNEE  (HIGHLIGHT_WHITE * 3 / 4)

static void
boost_stripe (guint i, guint n, gpointer data)
{
  HighlightJob *job = data;
  gint y0, y1;

  skc_pool_stripe (i, n, job->plane->height, &y0, &y1);
  for (gint y = y0; y < y1; y++)
    skc_highlight_boost_row (skc_plane_row (job->plane, y), job->plane->width, job->plane->channels, job->mask,
        job->map + (gsize) y * job->rstride, &job->h, G_MAXINT16);
  skc_plane_fill_border_rows (job->plane, y0, y1);
}

static void
shoulder_stripe (guint i, guint n, gpointer data)
{
  HighlightJob *job = data;
  const SkcFramePlane *src = job->src;
  /* The frame's own samples, to give in-focus pixels back their low bits. */
  g_autoptr (SkcPlane) orig = job->h.shift > 0 ? skc_plane_new (job->plane->width, 1, job->plane->channels, 0)
                                               : NULL;
  gint y0, y1;

  skc_pool_stripe (i, n, job->plane->height, &y0, &y1);
  for (gint y = y0; y < y1; y++) {
    if (orig)
      skc_plane_load (orig, src->data + (gsize) y * src->stride, src->stride, &src->format, 0, 1);
    skc_highlight_shoulder_row (skc_plane_row (job->plane, y), orig ? orig->data : NULL, job->plane->width,
        job->plane->channels, job->mask, job->map + (gsize) y * job->rstride, job->shoulder, job->h.shift);
  }
}

/* Both varying paths, plane by plane: gather when transition ≤ 0, else
 * occlusion-aware with the signed map. */
static gboolean
run_varying_planes (SkcFrameFilter *ff, const SkcFamily *family, gdouble max_radius, gdouble step,
    const gfloat *radius, gsize radius_stride, gfloat transition, const SkcFrame *in, SkcFrame *out,
    SkcPrecision precision, gboolean linear_light, SkcPool *pool, GError **error)
{
  gint luma_w = in->planes[0].width, luma_h = in->planes[0].height;
  gboolean occlusion = transition > 0;
  /* The chroma planes' map, made for the first and kept for the next of the
   * same size (U then V). */
  g_autofree gfloat *chroma_radius = NULL;
  gint chroma_w = 0, chroma_h = 0;
  gsize chroma_stride = 0;
  /* … and the split made on it, shared the same way. */
  SkcOcclusion *chroma_oc = NULL;

  g_return_val_if_fail (in->n_planes == out->n_planes, FALSE);

  for (guint p = 0; p < in->n_planes; p++) {
    SkcFramePlane src = in->planes[p], dst = out->planes[p];
    PlaneCache *pc = &ff->planes[p];
    const gfloat *map;
    gsize rstride;
    HighlightJob hj;
    gboolean bloom, chroma = FALSE;
    SkcOcclusion *oc = NULL;

    if (!match_planes (&src, &dst, p, linear_light, error))
      return FALSE;
    src.format.engine = dst.format.engine = ff->engine;
    if (!plane_cache_varying (ff, pc, family, step, precision, &src, error))
      return FALSE;
    skc_varying_kernel_set_halve (pc->vk, src.width >= 2 && src.height >= 2 ? ff->halve_radius : 0);
    if (src.width == luma_w && src.height == luma_h) {
      map = radius;
      rstride = radius_stride;
    } else {
      if (chroma_radius == NULL || chroma_w != src.width || chroma_h != src.height) {
        g_free (chroma_radius);
        chroma_radius = plane_radius (&src, radius, radius_stride, luma_w, luma_h, occlusion, &chroma_stride,
            pool);
        chroma_w = src.width;
        chroma_h = src.height;
        chroma_oc = NULL;
      }
      chroma = TRUE;
      map = chroma_radius;
      rstride = chroma_stride;
    }
    /* Only the levels this frame reaches are built, once. */
    if (occlusion && chroma && chroma_oc) {
      oc = chroma_oc;
      if (!skc_occlusion_prepare_like (oc, pc->vk, error))
        return FALSE;
    } else if (occlusion) {
      if (pc->occlusion == NULL)
        pc->occlusion = skc_occlusion_new ();
      oc = pc->occlusion;
      skc_occlusion_split (oc, map, rstride, src.width, src.height, transition, pool);
      if (!skc_occlusion_prepare (oc, pc->vk, max_radius, pool, error))
        return FALSE;
      if (chroma)
        chroma_oc = oc;
    } else {
      /* The level map is quantised once, by the scan that finds the levels
       * to build, and kept from frame to frame (a fresh 4 MiB a frame at
       * 1080p costs its page faults). */
      if (pc->level == NULL || pc->level_w != src.width || pc->level_h != src.height) {
        g_free (pc->level);
        pc->level = g_new (guint16, (gsize) src.width * src.height);
        pc->level_w = src.width;
        pc->level_h = src.height;
      }
      if (!skc_varying_kernel_prepare_levels (pc->vk, max_radius, map, rstride, src.width, src.height, pc->level,
              pool, error))
        return FALSE;
    }
    if (!plane_cache_planes (pc, &src, pc->vk->reach_x + SKC_PLANE_SLACK, pc->vk->reach_y, p, error))
      return FALSE;
    skc_filter_load (pc->plane, src.data, src.stride, &src.format, pool);
    hj = (HighlightJob) { pc->plane, map, rstride, highlight_mask (&src, p, linear_light),
      { (gint) lround (CLAMP (ff->hl_threshold, 0, 1) * HIGHLIGHT_WHITE), (gfloat) ff->hl_gain, 1, 0 }, NULL,
      &src };
    bloom = hj.mask && !skc_highlight_is_off (&hj.h, HIGHLIGHT_WHITE);
    if (bloom) {
      gint knee = ff->hl_knee > 0 ? (gint) lround (MIN (ff->hl_knee, 1) * HIGHLIGHT_WHITE) : HIGHLIGHT_KNEE;

      hj.h.shift = skc_highlight_shift (&hj.h, HIGHLIGHT_WHITE, G_MAXINT16);
      if (ff->shoulder == NULL || ff->shoulder_shift != hj.h.shift || ff->shoulder_knee != knee) {
        g_free (ff->shoulder);
        ff->shoulder = skc_highlight_shoulder_table (knee, HIGHLIGHT_WHITE, G_MAXINT16 + 1, hj.h.shift);
        ff->shoulder_shift = hj.h.shift;
        ff->shoulder_knee = knee;
      }
      hj.shoulder = ff->shoulder;
      skc_pool_run (pool, skc_pool_stripes (pool, src.height), boost_stripe, &hj);
    }
    if (occlusion)
      skc_filter_plane_occlusion (oc, pc->vk, pc->plane, spare_channel (&src), pool);
    else
      skc_filter_plane_varying_levels (pc->vk, pc->plane, pc->scratch, pc->level, pool);
    if (bloom)
      skc_pool_run (pool, skc_pool_stripes (pool, src.height), shoulder_stripe, &hj);
    skc_filter_store (pc->plane, dst.data, dst.stride, &dst.format, pool);
  }
  return TRUE;
}

gboolean
skc_frame_filter_run_varying (SkcFrameFilter *ff, const SkcFamily *family, gdouble max_radius, gdouble step,
    const gfloat *radius, gsize radius_stride, const SkcFrame *in, SkcFrame *out, SkcPrecision precision,
    gboolean linear_light, SkcPool *pool, GError **error)
{
  return run_varying_planes (ff, family, max_radius, step, radius, radius_stride, 0, in, out, precision,
      linear_light, pool, error);
}

gboolean
skc_frame_filter_run_occlusion (SkcFrameFilter *ff, const SkcFamily *family, gdouble max_radius, gdouble step,
    const gfloat *signed_radius, gsize radius_stride, gfloat transition, const SkcFrame *in, SkcFrame *out,
    SkcPrecision precision, gboolean linear_light, SkcPool *pool, GError **error)
{
  g_return_val_if_fail (transition > 0, FALSE);
  return run_varying_planes (ff, family, max_radius, step, signed_radius, radius_stride, transition, in, out,
      precision, linear_light, pool, error);
}

/* ---- two-dimensional variance ------------------------------------------ */

void
skc_frame_filter_set_catseye (SkcFrameFilter *ff, const gfloat *clip, gdouble turn, const SkcFamily *lens,
    gdouble lens_radius)
{
  ff->ce_clip = clip;
  ff->ce_turn = turn;
  ff->ce_lens = lens;
  ff->ce_lens_radius = lens_radius;
}

void
skc_frame_filter_set_layer_sharing (SkcFrameFilter *ff, gboolean share)
{
  ff->share_layers = share;
}

SkcOrientedKernel *
skc_frame_filter_oriented_grid (SkcFrameFilter *ff, guint p)
{
  g_return_val_if_fail (p < SKC_FRAME_MAX_PLANES, NULL);
  return ff->planes[p].ok;
}

/* Whether the plane's grid was built for the frame filter's cat's eye. */
static gboolean
catseye_matches (const SkcFrameFilter *ff, const SkcOrientedKernel *ok)
{
  if (ff->ce_clip == NULL)
    return !ok->clipped;
  return ok->clipped && ok->clip_turn == ff->ce_turn && ok->lens == ff->ce_lens &&
      ok->lens_radius == ff->ce_lens_radius;
}

/* The plane's oriented grid (kept while family, steps, precision and plane
 * size stay) and its level map. */
static gboolean
plane_cache_oriented (SkcFrameFilter *ff, PlaneCache *pc, const SkcFamily *family, gdouble step, gdouble arc,
    SkcPrecision precision, const SkcFramePlane *src, GError **error)
{
  SkcOrientedKernel *ok;

  /* The grid remembers what it was built from. */
  if (pc->ok && pc->ok->vk->family == family && pc->ok->radius_step == step && pc->ok->arc_asked == arc &&
      pc->ok->vk->precision == precision && pc->within_w == src->width && pc->within_h == src->height &&
      pc->ok->vk->scale_x == src->scale_x && pc->ok->vk->scale_y == src->scale_y && catseye_matches (ff, pc->ok) &&
      pc->ok->share_asked == (ff->share_layers && ff->ce_clip == NULL))
    return TRUE;
  ok = skc_oriented_kernel_new_lazy (family, step, arc, precision, src->scale_x, src->scale_y, src->width,
      src->height, error);
  if (ok == NULL)
    return FALSE;
  if (ff->ce_clip != NULL)
    skc_oriented_kernel_set_clip (ok, ff->ce_turn, ff->ce_lens, ff->ce_lens_radius);
  else if (ff->share_layers)
    skc_oriented_kernel_share_layers (ok);
  ok->vk->engine = ff->engine;
  plane_cache_clear (pc);
  pc->ok = ok;
  pc->within_w = src->width;
  pc->within_h = src->height;
  pc->ok_level = g_new (guint16, (gsize) src->width * src->height);
  pc->ok_maps_id = 0;
  return TRUE;
}

typedef struct {
  const gfloat *angle;
  gsize stride;
  gfloat *out;
  gint width, height, fx, fy;
} AngleJob;

/* A subsampled plane takes the angle of the first luma sample it covers:
 * the angle moves fast only near the centre, where the radius is small. */
static void
angle_stripe (guint i, guint n, gpointer data)
{
  const AngleJob *job = data;
  gint y0, y1;

  skc_pool_stripe (i, n, job->height, &y0, &y1);
  for (gint y = y0; y < y1; y++)
    for (gint x = 0; x < job->width; x++)
      job->out[(gsize) y * job->width + x] = job->angle[(gsize) (job->fy * y) * job->stride + job->fx * x];
}

gboolean
skc_frame_filter_run_oriented (SkcFrameFilter *ff, const SkcFamily *family, gdouble max_radius, gdouble step,
    gdouble arc, const gfloat *radius, const gfloat *angle, gsize map_stride, guint64 maps_id, const SkcFrame *in,
    SkcFrame *out, SkcPrecision precision, gboolean linear_light, SkcPool *pool, GError **error)
{
  gint luma_w = in->planes[0].width, luma_h = in->planes[0].height;
  g_autofree gfloat *chroma_radius = NULL, *chroma_angle = NULL, *chroma_clip = NULL;
  gint chroma_w = 0, chroma_h = 0;
  gsize chroma_stride = 0;

  g_return_val_if_fail (in->n_planes == out->n_planes, FALSE);

  for (guint p = 0; p < in->n_planes; p++) {
    SkcFramePlane src = in->planes[p], dst = out->planes[p];
    PlaneCache *pc = &ff->planes[p];
    const gfloat *rmap = radius, *amap = angle, *cmap = ff->ce_clip;
    gsize mstride = map_stride;

    if (!match_planes (&src, &dst, p, linear_light, error))
      return FALSE;
    src.format.engine = dst.format.engine = ff->engine;
    if (!plane_cache_oriented (ff, pc, family, step, arc, precision, &src, error))
      return FALSE;
    if (maps_id != 0 && pc->ok_maps_id == maps_id && pc->ok_max_radius == max_radius) {
      /* The same maps: the levels quantised last time stand, all built. */
      rmap = NULL;
    } else if (src.width != luma_w || src.height != luma_h) {
      if (chroma_radius == NULL || chroma_w != src.width || chroma_h != src.height) {
        AngleJob job;

        g_free (chroma_radius);
        g_free (chroma_angle);
        g_clear_pointer (&chroma_clip, g_free);
        chroma_radius = plane_radius (&src, radius, map_stride, luma_w, luma_h, FALSE, &chroma_stride, pool);
        chroma_angle = g_new (gfloat, (gsize) src.width * src.height);
        job = (AngleJob) { angle, map_stride, chroma_angle, src.width, src.height,
          src.width == luma_w ? 1 : 2, src.height == luma_h ? 1 : 2 };
        skc_pool_run (pool, skc_pool_stripes (pool, src.height), angle_stripe, &job);
        if (ff->ce_clip != NULL) {
          /* The clip, like the angle, from the first luma sample. */
          chroma_clip = g_new (gfloat, (gsize) src.width * src.height);
          job.angle = ff->ce_clip;
          job.out = chroma_clip;
          skc_pool_run (pool, skc_pool_stripes (pool, src.height), angle_stripe, &job);
        }
        chroma_w = src.width;
        chroma_h = src.height;
      }
      rmap = chroma_radius;
      amap = chroma_angle;
      cmap = chroma_clip;
      mstride = chroma_stride;
    }
    if (rmap != NULL) {
      pc->ok_maps_id = 0;
      g_clear_pointer (&pc->ok_runs, skc_varying_runs_free);
      if (!skc_oriented_kernel_prepare_clipped (pc->ok, max_radius, rmap, amap, cmap, mstride, src.width,
              src.height, pc->ok_level, pool, error))
        return FALSE;
      pc->ok_maps_id = maps_id;
      pc->ok_max_radius = max_radius;
    }
    /* One sweep down the rows, as the fixed kernels run: the grid's layers
     * (the motion line has seven) no longer each pass over whole planes. */
    if (pc->sweep == NULL)
      pc->sweep = skc_sweep_new ();
    /* A map that stays (its second frame) keeps its runs: the layers then
     * walk lists instead of scanning the levels (skc-varying-runs.h).  At
     * most one run a pixel in all (or 65536), 4 bytes each; past that, the
     * rows are scanned. */
    if (rmap == NULL && pc->ok_runs == NULL)
      pc->ok_runs = skc_varying_runs_new (pc->ok->vk, pc->ok_level, src.width, src.height,
          MAX ((gsize) src.width * src.height, 65536), pool);
    if (!skc_sweep_run_levels (pc->sweep, pc->ok->vk, pc->ok_level, pc->ok_runs, src.data, src.stride, &src.format, dst.data,
            dst.stride, &dst.format, src.width, src.height, src.channels, pool)) {
      g_set_error (error, SKC_ERROR, SKC_ERROR_INVALID, "frame plane %u: %d×%d is too large", p, src.width,
          src.height);
      return FALSE;
    }
  }
  return TRUE;
}
