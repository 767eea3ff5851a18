/* libskc — video frames as the engine sees them: one to three planes, each
 * with its own size, interleaved channels and sample format, and the scale
 * of the kernel on it (chroma planes of 4:2:0 get a half-size kernel, of
 * 4:2:2 one half as wide). */
#pragma once

#include "skc-complex.h"
#include "skc-family.h"
#include "skc-fixed-kernel.h"
#include "skc-plane.h"
#include "skc-pool.h"

G_BEGIN_DECLS

#define SKC_FRAME_MAX_PLANES 3

typedef struct {
  guint8         *data;
  gsize           stride;      /* bytes a row */
  gint            width, height, channels;
  gdouble         scale_x, scale_y;
  SkcSampleFormat format;
  guint           colour_mask; /* channels that carry RGB light (linear light applies) */
} SkcFramePlane;

typedef struct {
  guint         n_planes;
  SkcFramePlane planes[SKC_FRAME_MAX_PLANES];
} SkcFrame;

/* Layouts the element needs (GStreamer's names in brackets). */
typedef enum {
  SKC_LAYOUT_PACKED,     /* 1–4 interleaved 8-bit channels (RGBA family, RGB, AYUV, GRAY8) */
  SKC_LAYOUT_GRAY16,     /* one 16-bit channel (GRAY16, native endianness) */
  SKC_LAYOUT_I420,       /* Y, U, V planes, chroma half size both ways (I420, YV12) */
  SKC_LAYOUT_NV12,       /* Y plane, interleaved UV plane at half size (NV12) */
  SKC_LAYOUT_Y444,       /* Y, U, V planes, all full size (Y444) */
  SKC_LAYOUT_I422,       /* Y, U, V planes, chroma half width, full height (Y42B) */
} SkcLayout;

/* Describes a frame.  data/stride give each plane's first byte and row
 * stride (planes in the order above; YV12 is I420 with U and V pointers
 * swapped by the caller).  PACKED takes channels (1–4) and rgb_mask (bit c:
 * channel c is R, G or B — 0 for YUV and gray).  FALSE for sizes ≤ 0 or
 * odd-sized 4:2:0 chroma that the strides cannot hold. */
gboolean skc_frame_init  (SkcFrame *frame, SkcLayout layout, gint width, gint height, gint channels,
                          guint rgb_mask, guint8 *const data[], const gsize stride[]);
/* The same with every plane's samples coded as given (GRAY16 is always
 * SKC_SAMPLES_16); strides are checked for 2-byte samples beyond 8 bits. */
gboolean skc_frame_init_samples (SkcFrame *frame, SkcLayout layout, SkcSamples samples, gint width,
                                 gint height, gint channels, guint rgb_mask, guint8 *const data[],
                                 const gsize stride[]);

/* Keeps, across frames, each plane's fixed kernel (rebuilt only when the
 * complex, precision or plane scale changes) and working planes (reallocated
 * only when the geometry changes) — what a video element wants per frame. */
typedef struct _SkcFrameFilter SkcFrameFilter;

SkcFrameFilter *skc_frame_filter_new  (void);
void            skc_frame_filter_free (SkcFrameFilter *ff);
/* Drops everything kept (call it when a family is replaced or freed: the
 * varying path recognises families by address). */
void            skc_frame_filter_reset (SkcFrameFilter *ff);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SkcFrameFilter, skc_frame_filter_free)
/* The inner loops to run (default SKC_ENGINE_DEFAULT: the environment's
 * choice); kernels already built switch at once. */
void            skc_frame_filter_set_engine (SkcFrameFilter *ff, SkcEngine engine);
/* The loops the last fixed (varying: FALSE/TRUE) run used on the first
 * plane, SKC_ENGINE_DEFAULT before any run — for logs. */
SkcEngine       skc_frame_filter_loops (const SkcFrameFilter *ff, gboolean varying);
/* Fixed kernels that reach radius pixels or more on a plane run at half
 * resolution (skc-halve.h; about a quarter of the cost, within 50 dB of the
 * full-resolution result on photos); 0 (the default) never: the exact path.
 * The element's default is SKC_HALVE_DEFAULT_RADIUS. */
void            skc_frame_filter_set_halve_radius (SkcFrameFilter *ff, gdouble radius);
gdouble         skc_frame_filter_get_halve_radius (const SkcFrameFilter *ff);
/* TRUE when skc_frame_filter_run would filter the first plane of frame
 * with c at half resolution (its reach there against the halve radius). */
gboolean        skc_frame_filter_would_halve (const SkcFrameFilter *ff, const SkcComplex *c,
                                              const SkcFrame *frame);
/* TRUE when the last fixed run filtered the first plane at half resolution
 * or coarser. */
gboolean        skc_frame_filter_halved (const SkcFrameFilter *ff);
/* How many times coarser than the first plane the last fixed run filtered
 * it: 1, 2 or 4. */
guint           skc_frame_filter_factor (const SkcFrameFilter *ff);
gboolean        skc_frame_filter_run  (SkcFrameFilter *ff, const SkcComplex *c, const SkcFrame *in,
                                       SkcFrame *out, SkcPrecision precision, gboolean linear_light,
                                       SkcPool *pool, GError **error);
/* As skc_frame_filter_run for a complex fitted to run at half resolution
 * (its taps in half pixels of the first plane: a family member of
 * decimation 2, skc_family_eval_native): every plane runs it between the
 * 2×2 mean and the bilinear return as it is, scaled only to the plane's
 * grid, whatever the halve radius; a plane smaller than 2×2 runs it scaled
 * by 2 at full resolution. */
gboolean        skc_frame_filter_run_halved (SkcFrameFilter *ff, const SkcComplex *c, const SkcFrame *in,
                                             SkcFrame *out, SkcPrecision precision, gboolean linear_light,
                                             SkcPool *pool, GError **error);
/* As skc_frame_filter_run_halved for a complex whose taps are in quarter
 * pixels of the first plane (a half family's member at half the radius):
 * every plane runs it on its copy 4× down — the 2×2 mean twice, the
 * bilinear return twice (the halved path nested in itself;
 * skc_complex_quartered_response is what it does at full resolution) —
 * scaled only to the plane's grid; a plane under 3×3 runs it scaled by 2
 * halved, or by 4 at full resolution under 2×2. */
gboolean        skc_frame_filter_run_quartered (SkcFrameFilter *ff, const SkcComplex *c, const SkcFrame *in,
                                                SkcFrame *out, SkcPrecision precision, gboolean linear_light,
                                                SkcPool *pool, GError **error);

/* The spatially-varying path over a frame: radius (luma size, radius_stride
 * floats a row; NaN or ≤ 0 in focus) drives the family on every plane —
 * averaged over the luma samples a chroma sample covers (2×2 on 4:2:0,
 * 2×1 on 4:2:2), with the kernel scaled alike.  Levels are built
 * when a frame first reaches them and kept while family (by identity), step,
 * precision and frame size stay — across changes of max_radius too. */
gboolean        skc_frame_filter_run_varying (SkcFrameFilter *ff, const SkcFamily *family, gdouble max_radius,
                                              gdouble step, const gfloat *radius, gsize radius_stride,
                                              const SkcFrame *in, SkcFrame *out, SkcPrecision precision,
                                              gboolean linear_light, SkcPool *pool, GError **error);

/* Highlights on both varying paths (skc-highlight.h): linear-light samples
 * above threshold (0 … 1) are boosted with slope gain where out of focus
 * before the blur and folded under a soft shoulder after it; RGB in linear
 * light and luma only.  threshold ≥ 1 or gain ≤ 1 (the default): off, the
 * bytes unchanged. */
void            skc_frame_filter_set_highlight (SkcFrameFilter *ff, gdouble threshold, gdouble gain);
/* The shoulder's knee as a fraction of white (default ¾; 0 or less: the
 * default; 1: a hard clip at white), for measuring the two against a truth
 * (docs/ARCHITECTURE.md §7). */
void            skc_frame_filter_set_highlight_knee (SkcFrameFilter *ff, gdouble knee);

/* The occlusion-aware path (skc-occlusion.h) over a frame: signed_radius is
 * negative nearer than the focused plane; transition the radius (px) over
 * which a pixel passes from in focus to a field (depth maps: 1; masks, whose
 * value is the coverage: max_radius). */
gboolean        skc_frame_filter_run_occlusion (SkcFrameFilter *ff, const SkcFamily *family, gdouble max_radius,
                                                gdouble step, const gfloat *signed_radius, gsize radius_stride,
                                                gfloat transition, const SkcFrame *in, SkcFrame *out,
                                                SkcPrecision precision, gboolean linear_light, SkcPool *pool,
                                                GError **error);

/* Two-dimensional variance (skc-oriented.h): each pixel's kernel is the
 * family at radius (as run_varying) turned by angle (degrees,
 * counter-clockwise on screen; both maps luma size, map_stride floats a row).
 * Angles are quantised so that a step moves the kernel's support by at most
 * arc px (SKC_ORIENTED_DEFAULT_ARC); subsampled chroma takes the radius
 * averaged as run_varying does and the angle of its first luma sample.
 * maps_id: 0 when the maps may differ from the last call's; otherwise the
 * same non-zero id as the last call promises the same maps, and each plane's
 * levels are not quantised again (a still geometry costs no pass over its
 * maps a frame). */
gboolean        skc_frame_filter_run_oriented (SkcFrameFilter *ff, const SkcFamily *family, gdouble max_radius,
                                               gdouble step, gdouble arc, const gfloat *radius,
                                               const gfloat *angle, gsize map_stride, guint64 maps_id,
                                               const SkcFrame *in, SkcFrame *out, SkcPrecision precision,
                                               gboolean linear_light, SkcPool *pool, GError **error);

/* Cat's-eye bokeh for the next run_oriented calls (skc-catseye.h): each
 * pixel's clip from clip (the maps' size and stride, 0 …
 * SKC_CATSEYE_MAX_CLIP), along the axis turn degrees from the kernel's x
 * axis; lens a family along the clip fitted at lens_radius, or NULL for the
 * squeeze.  clip NULL: off, the oriented path as without this call.  The map
 * and the lens must stay valid while used; the grid is kept while these
 * settings stay. */
void            skc_frame_filter_set_catseye (SkcFrameFilter *ff, const gfloat *clip, gdouble turn,
                                              const SkcFamily *lens, gdouble lens_radius);
/* Layer sharing for the next run_oriented calls' grids
 * (skc_oriented_kernel_share_layers; off by default, and off with the cat's
 * eye): fewer runs, a little more movement.  A change rebuilds the grids. */
void            skc_frame_filter_set_layer_sharing (SkcFrameFilter *ff, gboolean share);

/* Filters every plane of in into out (same layout and size) with the complex,
 * scaled per plane (exact), in linear light for RGB channels if asked: a
 * one-shot skc_frame_filter_run. */
gboolean skc_filter_frame_fixed (const SkcComplex *c, const SkcFrame *in, SkcFrame *out,
                                 SkcPrecision precision, gboolean linear_light, SkcPool *pool,
                                 GError **error);

G_END_DECLS
