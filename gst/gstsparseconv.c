/* sparseconv — large, spatially-varying convolution kernels applied to video
 * through sparse kernel complexes.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

/**
 * SECTION:element-sparseconv
 * @title: sparseconv
 *
 * Applies a large convolution kernel — lens bokeh of any aperture shape, an
 * optical PSF, a star or heart filter, a Gaussian — to video at a fraction
 * of the cost of dense convolution.  The kernel is a *sparse kernel
 * complex*: a short cascade of layers of a few taps each, fitted offline to
 * the target shape.  A preset is a family of such complexes along the blur
 * radius, so any radius in between costs the same as a fixed one.
 *
 * Without a `depth` pad the whole frame is blurred with #GstSparseconv:radius.
 * Request the `depth` pad and link a depth map (GRAY8 or GRAY16_LE, any size
 * and framerate; it is resampled to the video) to blur every pixel by its
 * own radius: with #GstSparseconv:depth-mode=depth a focus model
 * (#GstSparseconv:focus-depth, #GstSparseconv:focus-range,
 * #GstSparseconv:max-radius) makes a depth of field; with `mask` the radius
 * is the mask value times #GstSparseconv:max-radius (tilt-shift, vignettes).
 *
 * For every video frame the element uses the newest depth frame whose start
 * time is not after the video frame's.  In a live pipeline it waits at most
 * one depth frame period (reported as latency) and then reuses the last
 * depth frame; when the depth stream ends, its last frame stays in use.
 * Until the first depth frame arrives, frames are blurred with
 * #GstSparseconv:radius as if no depth pad were linked.
 *
 * #GstSparseconv:geometry turns each pixel's kernel about a centre
 * (#GstSparseconv:center-x, #GstSparseconv:center-y): `radial` gives zoom
 * blur with preset=motion, `rotational` spin blur or, with preset=disc
 * aspect=2, swirly bokeh; the radius grows from the centre to
 * #GstSparseconv:max-radius at the corners, or comes from the depth pad.
 *
 * ## Example launch lines
 * |[
 * gst-launch-1.0 videotestsrc ! sparseconv preset=hexagon radius=24 ! videoconvert ! autovideosink
 * ]| A hexagonal bokeh of radius 24 px over the whole frame.
 * |[
 * gst-launch-1.0 videotestsrc ! video/x-raw,width=1280,height=720 ! sparseconv name=s depth-mode=mask max-radius=16 ! videoconvert ! autovideosink \
 *     videotestsrc pattern=gradient ! video/x-raw,format=GRAY8,width=320,height=180 ! s.depth
 * ]| Tilt-shift: a gradient mask drives the radius from 0 to 16 px.
 * |[
 * gst-launch-1.0 filesrc location=photo.png ! pngdec ! videoconvert ! imagefreeze num-buffers=1 ! sparseconv name=s preset=disc focus-depth=0.8 max-radius=20 linear-light=true ! videoconvert ! pngenc ! filesink location=out.png \
 *     filesrc location=depth.png ! pngdec ! videoconvert ! video/x-raw,format=GRAY8 ! s.depth
 * ]| Depth of field from a photo and its depth map (white = near).
 * |[
 * gst-launch-1.0 videotestsrc pattern=ball ! sparseconv preset=motion geometry=radial max-radius=24 ! videoconvert ! autovideosink
 * ]| Zoom blur towards the frame's centre, 24 px at the corners.
 */

#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "gstsparseconv.h"
#include "gstsparseconvframe.h"
#include "skc-catseye.h"
#include "skc-halve.h"
#include "skc-oriented.h"
#include "skc-preset-lookup.h"

#include <gio/gio.h>
#include <math.h>
#include <string.h>

GST_DEBUG_CATEGORY_STATIC (gst_sparseconv_debug);
#define GST_CAT_DEFAULT gst_sparseconv_debug

/* The radius step between the levels of the spatially-varying path: small
 * enough that neighbouring levels are indistinguishable (skc-bench's
 * varying table measures the result against the dense per-pixel reference). */
#define VARYING_STEP 0.25
/* A geometry's radius step and angle arc (skc-oriented.h): coarser than the
 * depth path's, because each level boundary cuts a row's runs and the angle
 * changes along every row; docs/ARCHITECTURE.md §10 has the cost and fidelity
 * of each choice. */
#define GEOMETRY_STEP 0.5
#define GEOMETRY_ARC 1.0
#define MAX_RADIUS 1000.0

#define DEFAULT_PRESET "hexagon"
#define DEFAULT_RADIUS 8.0
#define DEFAULT_ANGLE 0.0
#define DEFAULT_ASPECT 1.0
#define DEFAULT_LINEAR_LIGHT TRUE
#define DEFAULT_OCCLUSION TRUE
#define DEFAULT_MAX_THREADS 0
#define DEFAULT_DEPTH_MODE SKC_FOCUS_MODE_DEPTH
#define DEFAULT_FOCUS_DEPTH 0.5
#define DEFAULT_FOCUS_RANGE 0.1
#define DEFAULT_MAX_RADIUS 16.0
#define DEFAULT_NEAR_IS_WHITE TRUE
#define DEFAULT_QOS TRUE
#define DEFAULT_HALF_RES_RADIUS SKC_HALVE_DEFAULT_RADIUS
#define DEFAULT_GEOMETRY SKC_GEOMETRY_NONE
#define DEFAULT_CENTER 0.5
#define DEFAULT_VIGNETTING 0.0
#define DEFAULT_QUARTER_RES_RADIUS 0.0

enum {
  PROP_0,
  PROP_PRESET,
  PROP_RADIUS,
  PROP_ANGLE,
  PROP_ASPECT,
  PROP_LINEAR_LIGHT,
  PROP_OCCLUSION,
  PROP_MAX_THREADS,
  PROP_DEPTH_MODE,
  PROP_FOCUS_DEPTH,
  PROP_FOCUS_RANGE,
  PROP_MAX_RADIUS,
  PROP_NEAR_IS_WHITE,
  PROP_QOS,
  PROP_HALF_RES_RADIUS,
  PROP_HIGHLIGHT_THRESHOLD,
  PROP_HIGHLIGHT_GAIN,
  PROP_GEOMETRY,
  PROP_CENTER_X,
  PROP_CENTER_Y,
  PROP_VIGNETTING,
  PROP_QUARTER_RES_RADIUS,
};

/* Progressive only: a 2-D kernel over an interleaved frame would mix its two
 * fields, taken at different times (deinterlace first; gst/README.md). */
#define PROGRESSIVE_CAPS(formats) GST_VIDEO_CAPS_MAKE (formats) ", interlace-mode = (string) progressive"

static GstStaticPadTemplate sink_template = GST_STATIC_PAD_TEMPLATE ("sink",
    GST_PAD_SINK, GST_PAD_ALWAYS,
    GST_STATIC_CAPS (PROGRESSIVE_CAPS (GST_SPARSECONV_VIDEO_FORMATS)));

static GstStaticPadTemplate src_template = GST_STATIC_PAD_TEMPLATE ("src",
    GST_PAD_SRC, GST_PAD_ALWAYS,
    GST_STATIC_CAPS (PROGRESSIVE_CAPS (GST_SPARSECONV_VIDEO_FORMATS)));

static GstStaticPadTemplate depth_template = GST_STATIC_PAD_TEMPLATE ("depth",
    GST_PAD_SINK, GST_PAD_REQUEST,
    GST_STATIC_CAPS (GST_VIDEO_CAPS_MAKE ("{ GRAY8, GRAY16_LE }")));

G_DEFINE_TYPE (GstSparseconv, gst_sparseconv, GST_TYPE_AGGREGATOR);
GST_ELEMENT_REGISTER_DEFINE (sparseconv, "sparseconv", GST_RANK_NONE, GST_TYPE_SPARSECONV);

GType
gst_sparseconv_depth_mode_get_type (void)
{
  static GType type = 0;
  static const GEnumValue values[] = {
    { SKC_FOCUS_MODE_DEPTH, "Depth map through the focus model", "depth" },
    { SKC_FOCUS_MODE_MASK, "Mask: radius = value * max-radius", "mask" },
    { 0, NULL, NULL },
  };

  if (g_once_init_enter (&type))
    g_once_init_leave (&type, g_enum_register_static ("GstSparseconvDepthMode", values));
  return type;
}

GType
gst_sparseconv_geometry_get_type (void)
{
  static GType type = 0;
  static const GEnumValue values[] = {
    { SKC_GEOMETRY_NONE, "One kernel angle for the whole frame", "none" },
    { SKC_GEOMETRY_RADIAL, "Kernel x axis along the direction from the centre (zoom)", "radial" },
    { SKC_GEOMETRY_ROTATIONAL, "Kernel x axis along the tangent (spin)", "rotational" },
    { 0, NULL, NULL },
  };

  if (g_once_init_enter (&type))
    g_once_init_leave (&type, g_enum_register_static ("GstSparseconvGeometry", values));
  return type;
}

/* ---- settings ---------------------------------------------------------- */

static void
settings_copy (GstSparseconvSettings *dst, const GstSparseconvSettings *src)
{
  *dst = *src;
  dst->preset = g_strdup (src->preset);
}

static void
settings_clear (GstSparseconvSettings *s)
{
  g_clear_pointer (&s->preset, g_free);
}

static GstPad *
get_depth_pad (GstSparseconv *self)
{
  return gst_element_get_static_pad (GST_ELEMENT (self), "depth");
}

/* ---- kernels ----------------------------------------------------------- */

/* Loads the preset when the property names another one.  At start a
 * failure is an error; while streaming the previous family stays in use
 * (a warning says why), so a typo does not stop a live pipeline. */
static gboolean
ensure_family (GstSparseconv *self, const gchar *preset, gboolean streaming)
{
  g_autoptr (GError) error = NULL;
  SkcFamily *family;

  if (self->family != NULL && g_strcmp0 (preset, self->family_source) == 0)
    return TRUE;
  family = skc_preset_lookup (preset, &error);
  /* What the engine cannot run is refused here, like a preset that does not
   * parse, not on the first frame that needs it. */
  if (family != NULL && !skc_varying_family_check (family, &error))
    g_clear_pointer (&family, skc_family_free);
  if (family == NULL) {
    if (streaming && self->family != NULL) {
      GST_ELEMENT_WARNING (self, RESOURCE, READ, ("Cannot load preset \"%s\": %s", preset,
              error->message), ("keeping the previous preset \"%s\"", self->family_source));
      /* Do not retry every frame. */
      g_free (self->family_source);
      self->family_source = g_strdup (preset);
      return TRUE;
    }
    GST_ELEMENT_ERROR (self, RESOURCE, READ, ("Cannot load preset \"%s\": %s", preset,
            error->message), (NULL));
    return FALSE;
  }
  GST_INFO_OBJECT (self, "loaded preset %s: %u members, %u taps", preset, family->n_members,
      skc_complex_total_taps (family->members[0]));
  g_clear_pointer (&self->family, skc_family_free);
  self->family = family;
  g_clear_pointer (&self->turned, skc_family_free);
  self->turned = skc_preset_lookup_turned (preset);
  if (self->turned != NULL && !skc_varying_family_check (self->turned, NULL))
    g_clear_pointer (&self->turned, skc_family_free);
  g_clear_pointer (&self->halved, skc_family_free);
  self->halved = skc_preset_lookup_halved (preset);
  g_free (self->family_source);
  self->family_source = g_strdup (preset);
  g_clear_pointer (&self->shaped, skc_family_free);
  g_clear_pointer (&self->halved_shaped, skc_family_free);
  return TRUE;
}

/* f shaped as key says into *cache, unless that is what *cache holds;
 * TRUE when it was rebuilt.  Rounded up to a power of two, the extent does
 * not change the kernels (the blend of the last member with itself scaled
 * to any extent is that member scaled exactly), so an animated radius
 * reshapes only when it crosses one. */
static gboolean
shape_cached (const SkcFamily *f, GstSparseconvShape *key, gdouble needed, SkcFamily **cache,
    GstSparseconvShape *cached)
{
  gdouble last = f->values[f->n_members - 1];
  SkcFamily *shaped;

  key->extent = (f->n_members > 1 && needed > last) ? exp2 (ceil (log2 (needed))) : 0;
  if (*cache != NULL && cached->angle == key->angle && cached->aspect == key->aspect &&
      cached->par == key->par && cached->extent == key->extent && cached->turned == key->turned)
    return FALSE;
  shaped = skc_family_shaped (f, key->angle, key->aspect, key->extent);
  /* Non-square pixels: the kernel is shaped on the display, then squeezed
   * into pixels (a pixel PAR wide covers PAR display units), so a disc stays
   * round and angle stays an angle on screen. */
  if (key->par != 1.0)
    for (guint k = 0; k < shaped->n_members; k++)
      skc_complex_scale_xy (shaped->members[k], 1.0 / key->par, 1.0);
  g_clear_pointer (cache, skc_family_free);
  *cache = shaped;
  *cached = *key;
  return TRUE;
}

/* The family shaped by angle and aspect, extended to the radius needed when
 * that exceeds the last member (skc_family_shaped); cached until either
 * changes.  turned: a geometry turns every kernel, and a built-in family
 * refitted for that (presets/turned) serves it when there is one — the
 * disc's small members rely on the pixel grid and fall apart turned
 * (docs/ARCHITECTURE.md §10). */
static void
ensure_shaped (GstSparseconv *self, gdouble angle, gdouble aspect, gdouble par, gdouble needed, gboolean turned)
{
  const SkcFamily *f = turned && self->turned ? self->turned : self->family;
  GstSparseconvShape key = { angle, aspect, par, 0, f == self->turned };

  /* The frame filter recognises families by address. */
  if (shape_cached (f, &key, needed, &self->shaped, &self->shaped_as))
    skc_frame_filter_reset (self->filter);
}

/* f's kernel at radius on its own grid when that is the half pixels of a
 * member fitted halved, else NULL. */
static SkcComplex *
native_halved (const SkcFamily *f, gdouble radius)
{
  SkcComplex *h = skc_complex_copy (f->members[0]);
  guint d = 0;

  skc_family_eval_native (f, radius, h, &d);
  if (d != 2)
    g_clear_pointer (&h, skc_complex_free);
  return h;
}

/* The built-in half/ counterpart's kernel at radius in half pixels, shaped
 * by angle, aspect and pixel aspect ratio as the full family is (its cache
 * apart from self->shaped, so switching does not reshape); NULL without a
 * counterpart or below its first member. */
static SkcComplex *
halved_member (GstSparseconv *self, const GstSparseconvSettings *s, gdouble par, gdouble radius)
{
  GstSparseconvShape key = { s->angle, s->aspect, par, 0, FALSE };

  if (self->halved == NULL || radius < self->halved->values[0])
    return NULL;
  shape_cached (self->halved, &key, radius, &self->halved_shaped, &self->halved_shaped_as);
  return native_halved (self->halved_shaped, radius);
}

/* The fixed path's half-resolution switch: where the full family's kernel
 * c would run halved on the first plane (its reach against half-res-radius)
 * and the radius lies within the built-in half/ family fitted for that
 * (from its first member, 8 px), that family's kernel at the radius in half
 * pixels — shaped by angle, aspect and pixel aspect ratio as the full one —
 * else NULL.  Halved, the fitted kernel is 3.8–7.5 dB of kernel PSNR (the
 * Gaussian 7–27) closer to the shape than the full one halved, at every
 * member from 8 to 64 px (docs/ARCHITECTURE.md §8), so the switch follows
 * the halving itself.  Its shaped family is cached apart from
 * self->shaped, so crossing the switch does not reshape; the fixed path's
 * kernels are recognised by their taps, so the filter needs no reset. */
static SkcComplex *
halved_switch (GstSparseconv *self, const GstSparseconvSettings *s, gdouble par, const SkcComplex *c,
    const SkcFrame *frame)
{
  if (self->halved == NULL || !skc_frame_filter_would_halve (self->filter, c, frame))
    return NULL;
  return halved_member (self, s, par, s->radius);
}

/* The fixed path's quarter-resolution switch (quarter-res-radius): from
 * that radius, the half family — the preset itself when its members are
 * fitted halved (half/…), else the built-in half/ counterpart — at half the
 * radius, in half pixels of a plane of half the size: quarter pixels of
 * this one, to run 4× down.  Shaped as halved_switch shapes it (its cache
 * too); NULL where the switch is off or no half member reaches that
 * radius (the half families start at 8 px). */
static SkcComplex *
quartered_switch (GstSparseconv *self, const GstSparseconvSettings *s, gdouble par)
{
  gdouble half_radius = s->radius / 2;

  if (s->quarter_res_radius <= 0 || s->radius < s->quarter_res_radius)
    return NULL;
  if (skc_family_decimation (self->shaped, half_radius) == 2)
    return native_halved (self->shaped, half_radius);
  return halved_member (self, s, par, half_radius);
}

static void
ensure_pool (GstSparseconv *self, guint max_threads)
{
  if (self->pool != NULL && self->pool_threads == max_threads)
    return;
  g_clear_pointer (&self->pool, skc_pool_free);
  self->pool = skc_pool_new (max_threads);
  self->pool_threads = max_threads;
}

/* ---- depth ------------------------------------------------------------- */

static void
set_depth_buffer (GstSparseconv *self, GstBuffer *buffer, const GstVideoInfo *info)
{
  gst_buffer_replace (&self->depth_buffer, buffer);
  if (info != NULL)
    self->depth_buffer_info = *info;
  self->radius_map_valid = FALSE;
  /* Whether the radius comes from depth or from the geometry may change. */
  self->maps_id++;
}

/* Takes from the depth pad every frame that starts no later than the video
 * frame (running time video_rt), keeping the newest.  Returns FALSE when
 * the choice cannot be confirmed yet: nothing is queued and neither EOS nor
 * a live timeout allows going on without it. */
/* A buffer's running and stream time on its pad.  A stream whose segment is
 * not in time (multifilesrc without a parser sends bytes) has none: its
 * frames apply as they come, and controlled properties keep their values. */
static GstClockTime
pad_running_time (const GstSegment *segment, GstBuffer *buf)
{
  if (segment->format != GST_FORMAT_TIME || !GST_BUFFER_PTS_IS_VALID (buf))
    return GST_CLOCK_TIME_NONE;
  return gst_segment_to_running_time (segment, GST_FORMAT_TIME, GST_BUFFER_PTS (buf));
}

static GstClockTime
pad_stream_time (const GstSegment *segment, GstBuffer *buf)
{
  if (segment->format != GST_FORMAT_TIME || !GST_BUFFER_PTS_IS_VALID (buf))
    return GST_CLOCK_TIME_NONE;
  return gst_segment_to_stream_time (segment, GST_FORMAT_TIME, GST_BUFFER_PTS (buf));
}

static gboolean
collect_depth (GstSparseconv *self, GstAggregatorPad *pad, GstClockTime video_rt, gboolean timeout)
{
  for (;;) {
    g_autoptr (GstBuffer) buf = gst_aggregator_pad_peek_buffer (pad);
    GstClockTime rt = GST_CLOCK_TIME_NONE;
    GstVideoInfo info;
    gboolean have_info;

    if (buf == NULL) {
      if (gst_aggregator_pad_is_eos (pad) || timeout || !GST_CLOCK_TIME_IS_VALID (video_rt))
        return TRUE;
      return FALSE;
    }
    rt = pad_running_time (&pad->segment, buf);
    /* A frame without a time applies from now on. */
    if (GST_CLOCK_TIME_IS_VALID (rt) && GST_CLOCK_TIME_IS_VALID (video_rt) && rt > video_rt)
      return TRUE;

    GST_OBJECT_LOCK (self);
    info = self->depth_info;
    have_info = self->have_depth_info;
    GST_OBJECT_UNLOCK (self);
    if (GST_BUFFER_FLAG_IS_SET (buf, GST_BUFFER_FLAG_GAP) && gst_buffer_get_size (buf) == 0) {
      GST_LOG_OBJECT (pad, "gap: keeping the previous depth frame");
    } else if (!have_info || gst_buffer_get_size (buf) < GST_VIDEO_INFO_SIZE (&info)) {
      GST_ELEMENT_WARNING (self, STREAM, FORMAT, ("Ignoring a depth frame of %" G_GSIZE_FORMAT
              " bytes", gst_buffer_get_size (buf)), ("caps %s, frame size %" G_GSIZE_FORMAT,
              have_info ? "known" : "unknown", have_info ? GST_VIDEO_INFO_SIZE (&info) : 0));
    } else {
      GST_LOG_OBJECT (pad, "depth frame at %" GST_TIME_FORMAT " for video at %" GST_TIME_FORMAT,
          GST_TIME_ARGS (rt), GST_TIME_ARGS (video_rt));
      set_depth_buffer (self, buf, &info);
    }
    gst_aggregator_pad_drop_buffer (pad);
  }
}

static gboolean
focus_equal (const SkcFocus *a, const SkcFocus *b)
{
  return a->mode == b->mode && a->signed_radius == b->signed_radius && a->focus_depth == b->focus_depth &&
      a->focus_range == b->focus_range &&
      a->max_radius == b->max_radius && a->near_is_white == b->near_is_white;
}

static gboolean
update_radius_map (GstSparseconv *self, const SkcFocus *focus, gint width, gint height)
{
  GstVideoFrame depth;
  gsize size = (gsize) width * height;

  if (self->radius_map_valid && self->radius_map_width == width && self->radius_map_height == height &&
      focus_equal (&self->radius_map_focus, focus))
    return TRUE;
  if (!gst_video_frame_map (&depth, &self->depth_buffer_info, self->depth_buffer, GST_MAP_READ))
    return FALSE;
  if (self->radius_map_size != size) {
    g_free (self->radius_map);
    self->radius_map = g_new (gfloat, size);
    self->radius_map_size = size;
  }
  skc_focus_radius_map (focus, GST_VIDEO_FRAME_PLANE_DATA (&depth, 0),
      GST_VIDEO_FRAME_PLANE_STRIDE (&depth, 0), GST_VIDEO_FRAME_WIDTH (&depth),
      GST_VIDEO_FRAME_HEIGHT (&depth), GST_VIDEO_FRAME_FORMAT (&depth) == GST_VIDEO_FORMAT_GRAY16_LE,
      self->radius_map, width, height, self->pool);
  gst_video_frame_unmap (&depth);
  self->radius_map_focus = *focus;
  self->radius_map_width = width;
  self->radius_map_height = height;
  self->radius_map_valid = TRUE;
  self->maps_id++;
  return TRUE;
}

/* ---- geometry ---------------------------------------------------------- */

static gboolean
geometry_equal (const SkcGeometrySpec *a, const SkcGeometrySpec *b)
{
  return a->geometry == b->geometry && a->center_x == b->center_x && a->center_y == b->center_y &&
      a->par == b->par && a->angle == b->angle && a->max_radius == b->max_radius &&
      a->vignetting == b->vignetting && a->fixed_radius == b->fixed_radius;
}

/* The angle map (and, without a depth pad, the radius map) of the frame's
 * geometry, rebuilt only when a setting or the size changes: an animated
 * centre or angle costs one pass over the frame, a still one nothing. */
static void
update_geometry_maps (GstSparseconv *self, const SkcGeometrySpec *spec, gint width, gint height)
{
  gsize size = (gsize) width * height;

  if (self->geometry_valid && self->geometry_width == width && self->geometry_height == height &&
      geometry_equal (&self->geometry_spec, spec))
    return;
  if (self->geometry_size != size) {
    g_free (self->geometry_radius);
    g_free (self->geometry_angle);
    g_clear_pointer (&self->geometry_clip, g_free);
    self->geometry_radius = g_new (gfloat, size);
    self->geometry_angle = g_new (gfloat, size);
    self->geometry_size = size;
  }
  if (spec->vignetting > 0 && self->geometry_clip == NULL)
    self->geometry_clip = g_new (gfloat, size);
  skc_geometry_maps_clipped (spec, width, height, self->geometry_radius, self->geometry_angle,
      spec->vignetting > 0 ? self->geometry_clip : NULL, self->pool);
  self->geometry_spec = *spec;
  self->geometry_width = width;
  self->geometry_height = height;
  self->geometry_valid = TRUE;
  self->maps_id++;
}

/* The fitted lens family serves the round disc (preset=disc, aspect 1):
 * 1–9 dB of kernel PSNR and 0.5–2.8 dB on a photo above the squeeze there
 * (docs/ARCHITECTURE.md §10).
 * Any other aperture is squeezed (NULL), as is the disc if the family cannot
 * be loaded. */
static const SkcFamily *
catseye_lens (GstSparseconv *self, const GstSparseconvSettings *s)
{
  if (g_strcmp0 (s->preset, "disc") != 0 || s->aspect != 1)
    return NULL;
  if (!self->catseye_lens_tried) {
    g_autoptr (GError) error = NULL;

    self->catseye_lens_tried = TRUE;
    self->catseye_lens = skc_preset_lookup ("clip/catseye", &error);
    if (self->catseye_lens != NULL && !skc_varying_family_check (self->catseye_lens, &error))
      g_clear_pointer (&self->catseye_lens, skc_family_free);
    if (self->catseye_lens == NULL)
      GST_WARNING_OBJECT (self, "cat's-eye lens family: %s; the disc is squeezed instead", error->message);
  }
  return self->catseye_lens;
}

/* ---- QoS --------------------------------------------------------------- */

/* Like GstBaseTransform: a frame whose running time is already behind what
 * the sink reported is dropped, and a QoS message says so. */
static gboolean
qos_should_drop (GstSparseconv *self, GstBuffer *buf, GstClockTime rt, gboolean qos)
{
  GstClockTime earliest;
  GstMessage *msg;
  GstClockTime stream_time;
  guint64 processed, dropped;
  gdouble proportion;

  if (!qos || !GST_CLOCK_TIME_IS_VALID (rt))
    return FALSE;
  GST_OBJECT_LOCK (self);
  earliest = self->qos_earliest;
  proportion = self->qos_proportion;
  if (!GST_CLOCK_TIME_IS_VALID (earliest) || rt > earliest) {
    self->qos_processed++;
    GST_OBJECT_UNLOCK (self);
    return FALSE;
  }
  processed = self->qos_processed;
  dropped = ++self->qos_dropped;
  GST_OBJECT_UNLOCK (self);

  stream_time = pad_stream_time (&self->sinkpad->segment, buf);
  msg = gst_message_new_qos (GST_OBJECT (self), FALSE, rt, stream_time, GST_BUFFER_PTS (buf),
      GST_BUFFER_DURATION (buf));
  gst_message_set_qos_values (msg, (gint64) (earliest - rt), proportion, 1000000);
  gst_message_set_qos_stats (msg, GST_FORMAT_BUFFERS, processed, dropped);
  gst_element_post_message (GST_ELEMENT (self), msg);
  GST_DEBUG_OBJECT (self, "QoS: dropping frame at %" GST_TIME_FORMAT ", earliest %" GST_TIME_FORMAT,
      GST_TIME_ARGS (rt), GST_TIME_ARGS (earliest));
  return TRUE;
}

static void
qos_reset (GstSparseconv *self)
{
  GST_OBJECT_LOCK (self);
  self->qos_proportion = 1.0;
  self->qos_earliest = GST_CLOCK_TIME_NONE;
  self->qos_processed = self->qos_dropped = 0;
  GST_OBJECT_UNLOCK (self);
}

/* ---- filtering --------------------------------------------------------- */

/* Metadata of the input travels with the output, except the video meta
 * (the output buffer describes its own layout). */
static gboolean
copy_meta (GstBuffer *inbuf, GstMeta **meta, gpointer user_data)
{
  GstBuffer *outbuf = user_data;
  const GstMetaInfo *info = (*meta)->info;
  GstMetaTransformCopy copy = { FALSE, 0, -1 };

  if (info->api == GST_VIDEO_META_API_TYPE || info->transform_func == NULL)
    return TRUE;
  info->transform_func (outbuf, *meta, inbuf, _gst_meta_transform_copy, &copy);
  return TRUE;
}

static GstBuffer *
acquire_output (GstSparseconv *self, GstBuffer *inbuf, const GstVideoInfo *info)
{
  GstBufferPool *pool = gst_aggregator_get_buffer_pool (GST_AGGREGATOR (self));
  GstBuffer *out = NULL;

  if (pool != NULL) {
    if (!gst_buffer_pool_is_active (pool) && !gst_buffer_pool_set_active (pool, TRUE))
      GST_WARNING_OBJECT (self, "cannot activate the buffer pool");
    else if (gst_buffer_pool_acquire_buffer (pool, &out, NULL) != GST_FLOW_OK)
      out = NULL;
    gst_object_unref (pool);
  }
  if (out == NULL)
    out = gst_buffer_new_allocate (NULL, GST_VIDEO_INFO_SIZE (info), NULL);
  if (out == NULL)
    return NULL;
  gst_buffer_copy_into (out, inbuf, GST_BUFFER_COPY_FLAGS | GST_BUFFER_COPY_TIMESTAMPS, 0, -1);
  gst_buffer_foreach_meta (inbuf, copy_meta, out);
  return out;
}

/* Filters inbuf into a new buffer; NULL with an element error posted. */
static GstBuffer *
filter_frame (GstSparseconv *self, GstBuffer *inbuf, const GstVideoInfo *info,
    const GstSparseconvSettings *s, gboolean use_depth, gdouble par)
{
  GstVideoFrame in, out;
  SkcFrame skc_in, skc_out;
  g_autoptr (GError) error = NULL;
  GstBuffer *outbuf;
  g_autoptr (SkcComplex) q = NULL;
  gboolean ok;

  outbuf = acquire_output (self, inbuf, info);
  if (outbuf == NULL) {
    GST_ELEMENT_ERROR (self, RESOURCE, FAILED, ("Cannot allocate an output frame"), (NULL));
    return NULL;
  }
  if (!gst_video_frame_map (&in, info, inbuf, GST_MAP_READ)) {
    gst_buffer_unref (outbuf);
    GST_ELEMENT_ERROR (self, STREAM, FORMAT, ("Cannot map the input frame"),
        ("buffer of %" G_GSIZE_FORMAT " bytes for caps of %" G_GSIZE_FORMAT,
            gst_buffer_get_size (inbuf), GST_VIDEO_INFO_SIZE (info)));
    return NULL;
  }
  if (!gst_video_frame_map (&out, info, outbuf, GST_MAP_WRITE)) {
    gst_video_frame_unmap (&in);
    gst_buffer_unref (outbuf);
    GST_ELEMENT_ERROR (self, RESOURCE, FAILED, ("Cannot map the output frame"), (NULL));
    return NULL;
  }
  ok = gst_sparseconv_frame_describe (&skc_in, &in) && gst_sparseconv_frame_describe (&skc_out, &out);
  /* The fixed path and depth of field (the oriented grid does not halve). */
  skc_frame_filter_set_halve_radius (self->filter, s->half_res_radius);
  if (!ok) {
    g_set_error (&error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "format %s of %dx%d",
        gst_video_format_to_string (GST_VIDEO_INFO_FORMAT (info)), GST_VIDEO_INFO_WIDTH (info),
        GST_VIDEO_INFO_HEIGHT (info));
  } else if (s->geometry != SKC_GEOMETRY_NONE || s->vignetting > 0) {
    /* Without a geometry or depth, the cat's eye blurs at the fixed radius. */
    gdouble max_radius = use_depth || s->geometry != SKC_GEOMETRY_NONE ? s->focus.max_radius : s->radius;

    /* The kernel is turned on the display, then squeezed into non-square
     * pixels: the squeeze rides in the planes' scale, applied after the turn. */
    for (guint p = 0; p < skc_in.n_planes; p++) {
      skc_in.planes[p].scale_x /= par;
      skc_out.planes[p].scale_x /= par;
    }
    if (s->vignetting > 0)
      /* The clip's axis, the direction from the centre, lies at −turn from
       * the kernel's x axis (the angle map is that direction + turn). */
      skc_frame_filter_set_catseye (self->filter, self->geometry_clip,
          -(s->angle + (s->geometry == SKC_GEOMETRY_ROTATIONAL ? 90 : 0)), catseye_lens (self, s),
          SKC_CATSEYE_LENS_RADIUS);
    else
      skc_frame_filter_set_catseye (self->filter, NULL, 0, NULL, 0);
    skc_frame_filter_set_layer_sharing (self->filter, TRUE);
    ok = skc_frame_filter_run_oriented (self->filter, self->shaped, max_radius, GEOMETRY_STEP,
        GEOMETRY_ARC, use_depth ? self->radius_map : self->geometry_radius, self->geometry_angle,
        GST_VIDEO_INFO_WIDTH (info), self->maps_id, &skc_in, &skc_out, SKC_PRECISION_32, s->linear_light,
        self->pool, &error);
  } else if (use_depth && s->occlusion) {
    /* A mask's value is the coverage of the blurred part: the passage from
     * sharp to blurred spans the whole radius. */
    gfloat transition = s->focus.mode == SKC_FOCUS_MODE_MASK ? (gfloat) s->focus.max_radius : 1.0f;

    skc_frame_filter_set_highlight (self->filter, s->highlight_threshold, s->highlight_gain);

    ok = skc_frame_filter_run_occlusion (self->filter, self->shaped, s->focus.max_radius, VARYING_STEP,
        self->radius_map, GST_VIDEO_INFO_WIDTH (info), transition, &skc_in, &skc_out, SKC_PRECISION_32,
        s->linear_light, self->pool, &error);
  } else if (use_depth) {
    skc_frame_filter_set_highlight (self->filter, s->highlight_threshold, s->highlight_gain);
    ok = skc_frame_filter_run_varying (self->filter, self->shaped, s->focus.max_radius, VARYING_STEP,
        self->radius_map, GST_VIDEO_INFO_WIDTH (info), &skc_in, &skc_out, SKC_PRECISION_32,
        s->linear_light, self->pool, &error);
  } else if ((q = quartered_switch (self, s, par)) != NULL) {
    ok = skc_frame_filter_run_quartered (self->filter, q, &skc_in, &skc_out, SKC_PRECISION_32, s->linear_light,
        self->pool, &error);
  } else if (skc_family_decimation (self->shaped, s->radius) == 2) {
    /* A member fitted to run at half resolution runs so, as it is
     * (presets/README.md, decimation). */
    g_autoptr (SkcComplex) c = skc_complex_copy (self->shaped->members[0]);

    skc_family_eval_native (self->shaped, s->radius, c, NULL);
    ok = skc_frame_filter_run_halved (self->filter, c, &skc_in, &skc_out, SKC_PRECISION_32, s->linear_light,
        self->pool, &error);
  } else {
    g_autoptr (SkcComplex) c = skc_varying_level_complex (self->shaped, s->radius);
    g_autoptr (SkcComplex) h = halved_switch (self, s, par, c, &skc_in);

    if (h != NULL)
      ok = skc_frame_filter_run_halved (self->filter, h, &skc_in, &skc_out, SKC_PRECISION_32, s->linear_light,
          self->pool, &error);
    else
      ok = skc_frame_filter_run (self->filter, c, &skc_in, &skc_out, SKC_PRECISION_32, s->linear_light,
          self->pool, &error);
  }
  gst_video_frame_unmap (&out);
  gst_video_frame_unmap (&in);
  if (ok) {
    SkcEngine loops = skc_frame_filter_loops (self->filter,
        use_depth || s->geometry != SKC_GEOMETRY_NONE || s->vignetting > 0);

    /* Logged once a change: which inner loops the CPU and SKC_ENGINE gave. */
    if (loops != self->logged_loops || use_depth != self->logged_varying) {
      GST_INFO_OBJECT (self, "%s kernel runs the %s inner loops", use_depth ? "varying" : "fixed",
          skc_engine_name (loops));
      self->logged_loops = loops;
      self->logged_varying = use_depth;
    }
  }
  if (!ok) {
    GST_ELEMENT_ERROR (self, STREAM, FAILED, ("Cannot filter the frame: %s", error->message), (NULL));
    gst_buffer_unref (outbuf);
    return NULL;
  }
  return outbuf;
}

static GstFlowReturn
gst_sparseconv_aggregate (GstAggregator *agg, gboolean timeout)
{
  GstSparseconv *self = GST_SPARSECONV (agg);
  GstAggregatorPad *vpad = self->sinkpad;
  g_autoptr (GstBuffer) buf = gst_aggregator_pad_peek_buffer (vpad);
  g_autoptr (GstPad) depth_pad = NULL;
  GstSparseconvSettings s;
  GstVideoInfo info;
  GstClockTime rt = GST_CLOCK_TIME_NONE, stream_time;
  GstBuffer *outbuf;
  GstAggregatorPad *srcpad = GST_AGGREGATOR_PAD (GST_AGGREGATOR_SRC_PAD (agg));
  gboolean use_depth, geometric, oriented, have_info;
  gdouble par;

  if (buf == NULL) {
    if (gst_aggregator_pad_is_eos (vpad))
      return GST_FLOW_EOS;
    return GST_AGGREGATOR_FLOW_NEED_DATA;
  }
  if (vpad->segment.format == GST_FORMAT_TIME && GST_BUFFER_PTS_IS_VALID (buf)) {
    rt = pad_running_time (&vpad->segment, buf);
    if (!GST_CLOCK_TIME_IS_VALID (rt)) {
      GST_DEBUG_OBJECT (self, "frame outside the segment: dropped");
      gst_aggregator_pad_drop_buffer (vpad);
      return GST_FLOW_OK;
    }
  }

  depth_pad = get_depth_pad (self);
  if (depth_pad == NULL && self->depth_buffer != NULL)
    set_depth_buffer (self, NULL, NULL);   /* its pad was released */
  if (depth_pad != NULL && !collect_depth (self, GST_AGGREGATOR_PAD (depth_pad), rt, timeout))
    return GST_AGGREGATOR_FLOW_NEED_DATA;

  gst_aggregator_selected_samples (agg, GST_BUFFER_PTS (buf), GST_BUFFER_DTS (buf),
      GST_BUFFER_DURATION (buf), NULL);
  gst_aggregator_pad_drop_buffer (vpad);
  if (GST_BUFFER_PTS_IS_VALID (buf))
    srcpad->segment.position = GST_BUFFER_PTS (buf) +
        (GST_BUFFER_DURATION_IS_VALID (buf) ? GST_BUFFER_DURATION (buf) : 0);

  /* Controlled properties take their value at the frame's stream time. */
  stream_time = pad_stream_time (&vpad->segment, buf);
  if (GST_CLOCK_TIME_IS_VALID (stream_time))
    gst_object_sync_values (GST_OBJECT (self), stream_time);

  GST_OBJECT_LOCK (self);
  settings_copy (&s, &self->settings);
  info = self->video_info;
  have_info = self->have_video_info;
  GST_OBJECT_UNLOCK (self);

  if (!have_info) {
    settings_clear (&s);
    GST_ELEMENT_ERROR (self, CORE, NEGOTIATION, ("Video frame before caps"), (NULL));
    return GST_FLOW_NOT_NEGOTIATED;
  }
  if (qos_should_drop (self, buf, rt, s.qos)) {
    settings_clear (&s);
    return GST_FLOW_OK;
  }
  if (!ensure_family (self, s.preset, TRUE)) {
    settings_clear (&s);
    return GST_FLOW_ERROR;
  }
  use_depth = depth_pad != NULL && self->depth_buffer != NULL;
  geometric = s.geometry != SKC_GEOMETRY_NONE;
  oriented = geometric || s.vignetting > 0;
  if (use_depth || geometric ? s.focus.max_radius <= 0 : s.radius <= 0) {
    /* Nothing to blur: the input goes out as it is, no copy. */
    settings_clear (&s);
    return gst_aggregator_finish_buffer (agg, g_steal_pointer (&buf));
  }
  par = GST_VIDEO_INFO_PAR_N (&info) > 0 && GST_VIDEO_INFO_PAR_D (&info) > 0 ?
      (gdouble) GST_VIDEO_INFO_PAR_N (&info) / GST_VIDEO_INFO_PAR_D (&info) : 1.0;
  /* A geometry turns each pixel's kernel itself: the family carries only the
   * aspect, the angle adds to the map, and non-square pixels squeeze after
   * the turn (filter_frame). */
  if (oriented)
    ensure_shaped (self, 0, s.aspect, 1, use_depth || geometric ? s.focus.max_radius : s.radius,
        geometric && s.vignetting <= 0);
  else
    ensure_shaped (self, s.angle, s.aspect, par, use_depth ? s.focus.max_radius : s.radius, FALSE);
  ensure_pool (self, s.max_threads);
  /* The occlusion-aware path tells nearer from farther by the sign; a
   * geometry and the cat's eye gather (docs/ARCHITECTURE.md §10). */
  s.focus.signed_radius = s.occlusion && s.focus.mode == SKC_FOCUS_MODE_DEPTH && !oriented;
  if (use_depth && !update_radius_map (self, &s.focus, GST_VIDEO_INFO_WIDTH (&info),
          GST_VIDEO_INFO_HEIGHT (&info))) {
    GST_ELEMENT_WARNING (self, STREAM, FORMAT, ("Cannot read the depth frame"), (NULL));
    use_depth = FALSE;
    if (!oriented)
      ensure_shaped (self, s.angle, s.aspect, par, s.radius, FALSE);
    else if (!geometric)
      ensure_shaped (self, 0, s.aspect, 1, s.radius, FALSE);
  }
  if (oriented) {
    /* The cat's eye alone turns kernels as geometry=radial does, and blurs
     * at the fixed radius without a depth pad. */
    SkcGeometrySpec spec = { geometric ? s.geometry : SKC_GEOMETRY_RADIAL, s.center_x, s.center_y, par, s.angle,
      s.focus.max_radius, s.vignetting, geometric || use_depth ? 0 : s.radius };

    update_geometry_maps (self, &spec, GST_VIDEO_INFO_WIDTH (&info), GST_VIDEO_INFO_HEIGHT (&info));
  }
  outbuf = filter_frame (self, buf, &info, &s, use_depth, par);
  settings_clear (&s);
  if (outbuf == NULL)
    return GST_FLOW_ERROR;
  return gst_aggregator_finish_buffer (agg, outbuf);
}

/* ---- negotiation ------------------------------------------------------- */

static gboolean
gst_sparseconv_sink_event (GstAggregator *agg, GstAggregatorPad *pad, GstEvent *event)
{
  GstSparseconv *self = GST_SPARSECONV (agg);
  gboolean is_video = pad == self->sinkpad;

  switch (GST_EVENT_TYPE (event)) {
    case GST_EVENT_CAPS: {
      GstCaps *caps;
      GstVideoInfo info;

      gst_event_parse_caps (event, &caps);
      if (!gst_video_info_from_caps (&info, caps)) {
        GST_ELEMENT_ERROR (self, CORE, NEGOTIATION, ("Cannot use caps %" GST_PTR_FORMAT " on pad %s",
                caps, GST_PAD_NAME (pad)), (NULL));
        gst_event_unref (event);
        return FALSE;
      }
      if (is_video) {
        GST_OBJECT_LOCK (self);
        self->video_info = info;
        self->have_video_info = TRUE;
        GST_OBJECT_UNLOCK (self);
        /* Output caps equal input caps: negotiate them again downstream. */
        gst_pad_mark_reconfigure (GST_AGGREGATOR_SRC_PAD (agg));
      } else {
        GST_OBJECT_LOCK (self);
        self->depth_info = info;
        self->have_depth_info = TRUE;
        GST_OBJECT_UNLOCK (self);
      }
      break;
    }
    case GST_EVENT_SEGMENT:
      if (is_video) {
        const GstSegment *segment;

        gst_event_parse_segment (event, &segment);
        if (segment->format == GST_FORMAT_TIME) {
          gst_aggregator_update_segment (agg, segment);
        } else {
          /* Bytes or buffers (multifilesrc without a parser): the output
           * keeps a time segment, which the aggregator's clock needs, and
           * the frames apply as they come (pad_running_time). */
          GstSegment timed;

          GST_INFO_OBJECT (self, "%s segment on the video pad: the output stays in time",
              gst_format_get_name (segment->format));
          gst_segment_init (&timed, GST_FORMAT_TIME);
          gst_aggregator_update_segment (agg, &timed);
        }
      }
      break;
    default:
      break;
  }
  return GST_AGGREGATOR_CLASS (gst_sparseconv_parent_class)->sink_event (agg, pad, event);
}

/* The latency follows the depth caps as soon as they arrive (not when the
 * queued event is handled), so a latency query right after sees it. */
static GstFlowReturn
gst_sparseconv_sink_event_pre_queue (GstAggregator *agg, GstAggregatorPad *pad, GstEvent *event)
{
  if (pad != GST_SPARSECONV (agg)->sinkpad && GST_EVENT_TYPE (event) == GST_EVENT_CAPS) {
    GstCaps *caps;
    GstVideoInfo info;
    GstClockTime period = 0;

    gst_event_parse_caps (event, &caps);
    /* Live: wait at most one depth frame for the one that belongs to a
     * video frame. */
    if (gst_video_info_from_caps (&info, caps) && GST_VIDEO_INFO_FPS_N (&info) > 0 &&
        GST_VIDEO_INFO_FPS_D (&info) > 0)
      period = gst_util_uint64_scale_int (GST_SECOND, GST_VIDEO_INFO_FPS_D (&info),
          GST_VIDEO_INFO_FPS_N (&info));
    gst_aggregator_set_latency (agg, period, period);
  }
  return GST_AGGREGATOR_CLASS (gst_sparseconv_parent_class)->sink_event_pre_queue (agg, pad, event);
}

static GstCaps *
peer_caps_through (GstPad *other, GstCaps *filter, GstStaticPadTemplate *templ)
{
  GstCaps *tcaps = gst_static_pad_template_get_caps (templ);
  GstCaps *f = filter ? gst_caps_intersect_full (filter, tcaps, GST_CAPS_INTERSECT_FIRST) : gst_caps_ref (tcaps);
  GstCaps *peer = gst_pad_peer_query_caps (other, f);
  GstCaps *result = gst_caps_intersect_full (peer, tcaps, GST_CAPS_INTERSECT_FIRST);

  gst_caps_unref (peer);
  gst_caps_unref (f);
  gst_caps_unref (tcaps);
  return result;
}

/* The video pad accepts what downstream accepts (output caps = input caps),
 * like a GstBaseTransform in passthrough negotiation. */
static gboolean
gst_sparseconv_sink_query (GstAggregator *agg, GstAggregatorPad *pad, GstQuery *query)
{
  GstSparseconv *self = GST_SPARSECONV (agg);

  if (pad == self->sinkpad && GST_QUERY_TYPE (query) == GST_QUERY_CAPS) {
    GstCaps *filter, *caps;

    gst_query_parse_caps (query, &filter);
    caps = peer_caps_through (GST_AGGREGATOR_SRC_PAD (agg), filter, &sink_template);
    gst_query_set_caps_result (query, caps);
    gst_caps_unref (caps);
    return TRUE;
  }
  if (pad == self->sinkpad && GST_QUERY_TYPE (query) == GST_QUERY_ACCEPT_CAPS) {
    GstCaps *caps, *allowed;
    gboolean ok;

    gst_query_parse_accept_caps (query, &caps);
    allowed = peer_caps_through (GST_AGGREGATOR_SRC_PAD (agg), NULL, &sink_template);
    ok = gst_caps_is_fixed (caps) && gst_caps_can_intersect (caps, allowed);
    gst_caps_unref (allowed);
    if (!ok)
      GST_INFO_OBJECT (self, "refusing caps %" GST_PTR_FORMAT, caps);
    gst_query_set_accept_caps_result (query, ok);
    return TRUE;
  }
  return GST_AGGREGATOR_CLASS (gst_sparseconv_parent_class)->sink_query (agg, pad, query);
}

static gboolean
gst_sparseconv_src_query (GstAggregator *agg, GstQuery *query)
{
  GstSparseconv *self = GST_SPARSECONV (agg);

  if (GST_QUERY_TYPE (query) == GST_QUERY_CAPS) {
    GstCaps *filter, *caps;

    gst_query_parse_caps (query, &filter);
    caps = peer_caps_through (GST_PAD (self->sinkpad), filter, &src_template);
    gst_query_set_caps_result (query, caps);
    gst_caps_unref (caps);
    return TRUE;
  }
  return GST_AGGREGATOR_CLASS (gst_sparseconv_parent_class)->src_query (agg, query);
}

static gboolean
gst_sparseconv_src_event (GstAggregator *agg, GstEvent *event)
{
  GstSparseconv *self = GST_SPARSECONV (agg);

  if (GST_EVENT_TYPE (event) == GST_EVENT_QOS) {
    gdouble proportion;
    GstClockTimeDiff diff;
    GstClockTime timestamp;

    gst_event_parse_qos (event, NULL, &proportion, &diff, &timestamp);
    GST_OBJECT_LOCK (self);
    self->qos_proportion = proportion;
    if (GST_CLOCK_TIME_IS_VALID (timestamp))
      self->qos_earliest = diff > 0 ? timestamp + diff : timestamp;
    GST_OBJECT_UNLOCK (self);
  }
  return GST_AGGREGATOR_CLASS (gst_sparseconv_parent_class)->src_event (agg, event);
}

static GstFlowReturn
gst_sparseconv_update_src_caps (GstAggregator *agg, GstCaps *downstream, GstCaps **ret)
{
  GstCaps *caps = gst_pad_get_current_caps (GST_PAD (GST_SPARSECONV (agg)->sinkpad));

  if (caps == NULL)
    return GST_AGGREGATOR_FLOW_NEED_DATA;
  if (!gst_caps_can_intersect (caps, downstream)) {
    GST_ELEMENT_ERROR (agg, CORE, NEGOTIATION, ("Downstream does not accept the video caps"),
        ("input %" GST_PTR_FORMAT ", downstream %" GST_PTR_FORMAT, caps, downstream));
    gst_caps_unref (caps);
    return GST_FLOW_NOT_NEGOTIATED;
  }
  /* The input caps, with what downstream pins besides (interlace-mode from
   * the templates): a subset of downstream, as the aggregator requires. */
  *ret = gst_caps_fixate (gst_caps_intersect (caps, downstream));
  gst_caps_unref (caps);
  return GST_FLOW_OK;
}

static gboolean
gst_sparseconv_decide_allocation (GstAggregator *agg, GstQuery *query)
{
  GstCaps *caps;
  GstVideoInfo info;
  GstBufferPool *pool = NULL;
  GstStructure *config;
  guint size, min = 2, max = 0;

  gst_query_parse_allocation (query, &caps, NULL);
  if (caps == NULL || !gst_video_info_from_caps (&info, caps))
    return FALSE;
  size = GST_VIDEO_INFO_SIZE (&info);
  if (gst_query_get_n_allocation_pools (query) > 0)
    gst_query_parse_nth_allocation_pool (query, 0, &pool, &size, &min, &max);
  if (pool == NULL)
    pool = gst_video_buffer_pool_new ();
  size = MAX (size, GST_VIDEO_INFO_SIZE (&info));
  config = gst_buffer_pool_get_config (pool);
  gst_buffer_pool_config_set_params (config, caps, size, min, max);
  if (gst_query_find_allocation_meta (query, GST_VIDEO_META_API_TYPE, NULL))
    gst_buffer_pool_config_add_option (config, GST_BUFFER_POOL_OPTION_VIDEO_META);
  if (!gst_buffer_pool_set_config (pool, config)) {
    /* The peer's pool wants other settings: take them if they still fit. */
    config = gst_buffer_pool_get_config (pool);
    if (!gst_buffer_pool_config_validate_params (config, caps, size, min, max) ||
        !gst_buffer_pool_set_config (pool, config)) {
      gst_object_unref (pool);
      pool = gst_video_buffer_pool_new ();
      config = gst_buffer_pool_get_config (pool);
      gst_buffer_pool_config_set_params (config, caps, size, min, max);
      gst_buffer_pool_set_config (pool, config);
    }
  }
  if (gst_query_get_n_allocation_pools (query) > 0)
    gst_query_set_nth_allocation_pool (query, 0, pool, size, min, max);
  else
    gst_query_add_allocation_pool (query, pool, size, min, max);
  gst_object_unref (pool);
  return TRUE;
}

static GstAggregatorPad *
gst_sparseconv_create_new_pad (GstAggregator *agg, GstPadTemplate *templ, const gchar *req_name,
    const GstCaps *caps)
{
  GstAggregatorPad *pad;
  GstPad *existing;

  if (templ->direction != GST_PAD_SINK || g_strcmp0 (templ->name_template, "depth") != 0)
    return NULL;
  existing = get_depth_pad (GST_SPARSECONV (agg));
  if (existing != NULL) {
    GST_WARNING_OBJECT (agg, "there is already a depth pad");
    gst_object_unref (existing);
    return NULL;
  }
  pad = g_object_new (GST_TYPE_AGGREGATOR_PAD, "name", "depth", "direction", GST_PAD_SINK,
      "template", templ, NULL);
  return pad;
}

static void
gst_sparseconv_release_pad (GstElement *element, GstPad *pad)
{
  GstSparseconv *self = GST_SPARSECONV (element);

  GST_ELEMENT_CLASS (gst_sparseconv_parent_class)->release_pad (element, pad);
  GST_OBJECT_LOCK (self);
  self->have_depth_info = FALSE;
  GST_OBJECT_UNLOCK (self);
  /* The depth frame in use goes with the aggregation thread's next frame:
   * without a depth pad it is ignored, and a new pad brings its own. */
  gst_aggregator_set_latency (GST_AGGREGATOR (self), 0, 0);
}

/* ---- state ------------------------------------------------------------- */

static gboolean
gst_sparseconv_start (GstAggregator *agg)
{
  GstSparseconv *self = GST_SPARSECONV (agg);
  g_autofree gchar *preset = NULL;
  guint threads;

  GST_OBJECT_LOCK (self);
  preset = g_strdup (self->settings.preset);
  threads = self->settings.max_threads;
  GST_OBJECT_UNLOCK (self);
  if (!ensure_family (self, preset, FALSE))
    return FALSE;
  self->filter = skc_frame_filter_new ();
  ensure_pool (self, threads);
  qos_reset (self);
  return TRUE;
}

static gboolean
gst_sparseconv_stop (GstAggregator *agg)
{
  GstSparseconv *self = GST_SPARSECONV (agg);

  set_depth_buffer (self, NULL, NULL);
  g_clear_pointer (&self->radius_map, g_free);
  self->radius_map_size = 0;
  g_clear_pointer (&self->geometry_radius, g_free);
  g_clear_pointer (&self->geometry_angle, g_free);
  g_clear_pointer (&self->geometry_clip, g_free);
  g_clear_pointer (&self->catseye_lens, skc_family_free);
  self->catseye_lens_tried = FALSE;
  self->geometry_size = 0;
  self->geometry_valid = FALSE;
  g_clear_pointer (&self->shaped, skc_family_free);
  g_clear_pointer (&self->family, skc_family_free);
  g_clear_pointer (&self->turned, skc_family_free);
  g_clear_pointer (&self->halved_shaped, skc_family_free);
  g_clear_pointer (&self->halved, skc_family_free);
  g_clear_pointer (&self->family_source, g_free);
  g_clear_pointer (&self->filter, skc_frame_filter_free);
  g_clear_pointer (&self->pool, skc_pool_free);
  GST_OBJECT_LOCK (self);
  self->have_video_info = FALSE;
  self->have_depth_info = FALSE;
  GST_OBJECT_UNLOCK (self);
  return TRUE;
}

static GstFlowReturn
gst_sparseconv_flush (GstAggregator *agg)
{
  GstSparseconv *self = GST_SPARSECONV (agg);

  /* After a flushing seek the depth stream restarts too: wait for it. */
  set_depth_buffer (self, NULL, NULL);
  qos_reset (self);
  return GST_FLOW_OK;
}

/* ---- properties -------------------------------------------------------- */

static void
gst_sparseconv_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  GstSparseconv *self = GST_SPARSECONV (object);
  GstSparseconvSettings *s = &self->settings;

  GST_OBJECT_LOCK (self);
  switch (prop_id) {
    case PROP_PRESET:
      g_free (s->preset);
      s->preset = g_value_dup_string (value);
      if (s->preset == NULL)
        s->preset = g_strdup (DEFAULT_PRESET);
      break;
    case PROP_RADIUS: s->radius = g_value_get_double (value); break;
    case PROP_ANGLE: s->angle = g_value_get_double (value); break;
    case PROP_ASPECT: s->aspect = g_value_get_double (value); break;
    case PROP_LINEAR_LIGHT: s->linear_light = g_value_get_boolean (value); break;
    case PROP_OCCLUSION: s->occlusion = g_value_get_boolean (value); break;
    case PROP_MAX_THREADS: s->max_threads = g_value_get_uint (value); break;
    case PROP_DEPTH_MODE: s->focus.mode = g_value_get_enum (value); break;
    case PROP_FOCUS_DEPTH: s->focus.focus_depth = g_value_get_double (value); break;
    case PROP_FOCUS_RANGE: s->focus.focus_range = g_value_get_double (value); break;
    case PROP_MAX_RADIUS: s->focus.max_radius = g_value_get_double (value); break;
    case PROP_NEAR_IS_WHITE: s->focus.near_is_white = g_value_get_boolean (value); break;
    case PROP_QOS: s->qos = g_value_get_boolean (value); break;
    case PROP_HALF_RES_RADIUS: s->half_res_radius = g_value_get_double (value); break;
    case PROP_HIGHLIGHT_THRESHOLD: s->highlight_threshold = g_value_get_double (value); break;
    case PROP_HIGHLIGHT_GAIN: s->highlight_gain = g_value_get_double (value); break;
    case PROP_GEOMETRY: s->geometry = g_value_get_enum (value); break;
    case PROP_CENTER_X: s->center_x = g_value_get_double (value); break;
    case PROP_CENTER_Y: s->center_y = g_value_get_double (value); break;
    case PROP_VIGNETTING: s->vignetting = g_value_get_double (value); break;
    case PROP_QUARTER_RES_RADIUS: s->quarter_res_radius = g_value_get_double (value); break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      break;
  }
  GST_OBJECT_UNLOCK (self);
}

static void
gst_sparseconv_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  GstSparseconv *self = GST_SPARSECONV (object);
  GstSparseconvSettings *s = &self->settings;

  GST_OBJECT_LOCK (self);
  switch (prop_id) {
    case PROP_PRESET: g_value_set_string (value, s->preset); break;
    case PROP_RADIUS: g_value_set_double (value, s->radius); break;
    case PROP_ANGLE: g_value_set_double (value, s->angle); break;
    case PROP_ASPECT: g_value_set_double (value, s->aspect); break;
    case PROP_LINEAR_LIGHT: g_value_set_boolean (value, s->linear_light); break;
    case PROP_OCCLUSION: g_value_set_boolean (value, s->occlusion); break;
    case PROP_MAX_THREADS: g_value_set_uint (value, s->max_threads); break;
    case PROP_DEPTH_MODE: g_value_set_enum (value, s->focus.mode); break;
    case PROP_FOCUS_DEPTH: g_value_set_double (value, s->focus.focus_depth); break;
    case PROP_FOCUS_RANGE: g_value_set_double (value, s->focus.focus_range); break;
    case PROP_MAX_RADIUS: g_value_set_double (value, s->focus.max_radius); break;
    case PROP_NEAR_IS_WHITE: g_value_set_boolean (value, s->focus.near_is_white); break;
    case PROP_QOS: g_value_set_boolean (value, s->qos); break;
    case PROP_HALF_RES_RADIUS: g_value_set_double (value, s->half_res_radius); break;
    case PROP_HIGHLIGHT_THRESHOLD: g_value_set_double (value, s->highlight_threshold); break;
    case PROP_HIGHLIGHT_GAIN: g_value_set_double (value, s->highlight_gain); break;
    case PROP_GEOMETRY: g_value_set_enum (value, s->geometry); break;
    case PROP_CENTER_X: g_value_set_double (value, s->center_x); break;
    case PROP_CENTER_Y: g_value_set_double (value, s->center_y); break;
    case PROP_VIGNETTING: g_value_set_double (value, s->vignetting); break;
    case PROP_QUARTER_RES_RADIUS: g_value_set_double (value, s->quarter_res_radius); break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      break;
  }
  GST_OBJECT_UNLOCK (self);
}

static void
gst_sparseconv_finalize (GObject *object)
{
  GstSparseconv *self = GST_SPARSECONV (object);

  gst_sparseconv_stop (GST_AGGREGATOR (self));
  settings_clear (&self->settings);
  G_OBJECT_CLASS (gst_sparseconv_parent_class)->finalize (object);
}

static void
gst_sparseconv_class_init (GstSparseconvClass *klass)
{
  GObjectClass *gobject_class = G_OBJECT_CLASS (klass);
  GstElementClass *element_class = GST_ELEMENT_CLASS (klass);
  GstAggregatorClass *agg_class = GST_AGGREGATOR_CLASS (klass);
  const GParamFlags rw = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS;
  const GParamFlags ctl = rw | GST_PARAM_CONTROLLABLE | GST_PARAM_MUTABLE_PLAYING;
  g_autofree gchar *names = skc_preset_builtin_names ();
  g_autofree gchar *preset_blurb = g_strdup_printf ("Kernel family: a built-in name (%s) or the path "
      "of a .skc file", names);

  GST_DEBUG_CATEGORY_INIT (gst_sparseconv_debug, "sparseconv", 0, "sparse kernel complex filter");

  gobject_class->set_property = gst_sparseconv_set_property;
  gobject_class->get_property = gst_sparseconv_get_property;
  gobject_class->finalize = gst_sparseconv_finalize;

  /**
   * GstSparseConv:preset:
   *
   * The kernel family: a built-in name (disc, gaussian, heart, hexagon,
   * motion, octagon, ring, star) or the path of a .skc file; a string with a '/'
   * or ending in ".skc" is always a path.  Default: "hexagon".  Mutable
   * while playing, not controllable.
   *
   * Since: 0.1
   */
  g_object_class_install_property (gobject_class, PROP_PRESET,
      g_param_spec_string ("preset", "Preset", preset_blurb, DEFAULT_PRESET,
          G_PARAM_READWRITE | G_PARAM_STATIC_NAME | G_PARAM_STATIC_NICK | GST_PARAM_MUTABLE_PLAYING));
  /**
   * GstSparseConv:radius:
   *
   * Blur radius in pixels for the whole frame when no depth frame drives
   * it; 0 is passthrough (the input buffer is pushed as it is).  Range
   * 0–1000, default 8.  Controllable.
   *
   * Since: 0.1
   */
  g_object_class_install_property (gobject_class, PROP_RADIUS,
      g_param_spec_double ("radius", "Radius", "Blur radius in pixels for the whole frame when no "
          "depth frame drives it (0 = passthrough)", 0, MAX_RADIUS, DEFAULT_RADIUS, ctl));
  /**
   * GstSparseConv:angle:
   *
   * Rotation of the kernel in degrees; a positive angle turns it
   * counter-clockwise as seen on screen (y down: +90 turns a streak that
   * points right into one that points up).  Exact, at no cost.  Range
   * −360–360, default 0.  Controllable.
   *
   * Since: 0.1
   */
  g_object_class_install_property (gobject_class, PROP_ANGLE,
      g_param_spec_double ("angle", "Angle", "Rotation of the kernel in degrees "
          "(counter-clockwise on screen)",
          -360, 360, DEFAULT_ANGLE, ctl));
  /**
   * GstSparseConv:aspect:
   *
   * Horizontal stretch of the kernel, applied before #GstSparseConv:angle
   * (anamorphic squeeze: < 1 gives tall ovals).  A ratio, range 0.05–20,
   * default 1.  Controllable.
   *
   * Since: 0.1
   */
  g_object_class_install_property (gobject_class, PROP_ASPECT,
      g_param_spec_double ("aspect", "Aspect", "Horizontal stretch of the kernel (anamorphic "
          "squeeze: < 1 gives tall ovals)", 0.05, 20, DEFAULT_ASPECT, ctl));
  /**
   * GstSparseConv:linear-light:
   *
   * Filter RGB formats (8-bit and RGBA64_LE) in linear light (sRGB decoded,
   * filtered, encoded again), so highlights bloom as through a lens and layers
   * of a depth of field add up as light does; YUV and gray formats are
   * filtered as coded.
   * Default: %TRUE (it costs about a tenth of a fixed kernel's time at
   * 1080p; %FALSE filters the coded values).  Mutable while playing, not
   * controllable.
   *
   * Since: 0.1
   */
  g_object_class_install_property (gobject_class, PROP_LINEAR_LIGHT,
      g_param_spec_boolean ("linear-light", "Linear light", "Filter RGB in linear light (sRGB "
          "decoded), so highlights bloom as through a lens; YUV and gray formats are filtered as coded",
          DEFAULT_LINEAR_LIGHT, rw | GST_PARAM_MUTABLE_PLAYING));
  /**
   * GstSparseConv:occlusion:
   *
   * With a depth pad: filter as a lens does, nearer light covering farther
   * light — the in-focus subject does not smear into the blurred background,
   * a blurred foreground spreads over what lies behind it, and a soft mask
   * edge acts as coverage.  %FALSE gives the plain gather (each pixel
   * averages its neighbours with its own radius), for comparison.  In-focus
   * pixels that no nearer blur reaches are passed unchanged either way.
   * Default: %TRUE.  Mutable while playing, controllable.
   *
   * Since: 0.2
   */
  g_object_class_install_property (gobject_class, PROP_OCCLUSION,
      g_param_spec_boolean ("occlusion", "Occlusion", "Depth pad: nearer light covers farther light "
          "(no halo round a sharp subject, blurred foregrounds spread over their outline); FALSE: "
          "per-pixel gather", DEFAULT_OCCLUSION, ctl));
  /**
   * GstSparseConv:max-threads:
   *
   * Threads that filter row stripes; 0 is one per core.  The output is
   * bit-identical for any count.  Range 0–256, default 0.  Mutable while
   * playing, not controllable.
   *
   * Since: 0.1
   */
  g_object_class_install_property (gobject_class, PROP_MAX_THREADS,
      g_param_spec_uint ("max-threads", "Maximum threads", "Threads that filter row stripes "
          "(0 = one per core; the output does not depend on it)", 0, 256, DEFAULT_MAX_THREADS,
          rw | GST_PARAM_MUTABLE_PLAYING));
  /**
   * GstSparseConv:depth-mode:
   *
   * How the depth pad's frames set the radius: "depth" (a focus model over
   * a nearness map) or "mask" (radius = value × #GstSparseConv:max-radius).
   * Default: "depth".  Mutable while playing, not controllable.
   *
   * Since: 0.1
   */
  g_object_class_install_property (gobject_class, PROP_DEPTH_MODE,
      g_param_spec_enum ("depth-mode", "Depth mode", "How the depth pad's frames set the radius",
          GST_TYPE_SPARSECONV_DEPTH_MODE, DEFAULT_DEPTH_MODE, rw | GST_PARAM_MUTABLE_PLAYING));
  /**
   * GstSparseConv:focus-depth:
   *
   * Nearness in focus in depth mode: 0 = far, 1 = near (the depth map's
   * normalised value when #GstSparseConv:near-is-white).  Range 0–1,
   * default 0.5.  Controllable.
   *
   * Since: 0.1
   */
  g_object_class_install_property (gobject_class, PROP_FOCUS_DEPTH,
      g_param_spec_double ("focus-depth", "Focus depth", "Nearness in focus (0 = far, 1 = near; the "
          "depth map's value when near-is-white)", 0, 1, DEFAULT_FOCUS_DEPTH, ctl));
  /**
   * GstSparseConv:focus-range:
   *
   * Width of the in-focus band around #GstSparseConv:focus-depth, in
   * nearness.  Range 0–1, default 0.1.  Controllable.
   *
   * Since: 0.1
   */
  g_object_class_install_property (gobject_class, PROP_FOCUS_RANGE,
      g_param_spec_double ("focus-range", "Focus range", "Width of the in-focus band around "
          "focus-depth, in nearness", 0, 1, DEFAULT_FOCUS_RANGE, ctl));
  /**
   * GstSparseConv:max-radius:
   *
   * Radius in pixels at the strongest blur the depth map or mask gives.
   * Range 0–1000, default 16.  Controllable.
   *
   * Since: 0.1
   */
  g_object_class_install_property (gobject_class, PROP_MAX_RADIUS,
      g_param_spec_double ("max-radius", "Maximum radius", "Radius in pixels at the strongest blur "
          "the depth or mask gives", 0, MAX_RADIUS, DEFAULT_MAX_RADIUS, ctl));
  /**
   * GstSparseConv:near-is-white:
   *
   * How depth maps are read: %TRUE reads white as near (disparity-like
   * maps), %FALSE black.  Default: %TRUE.  Mutable while playing, not
   * controllable.
   *
   * Since: 0.1
   */
  g_object_class_install_property (gobject_class, PROP_NEAR_IS_WHITE,
      g_param_spec_boolean ("near-is-white", "Near is white", "Depth maps: white is near "
          "(disparity-like); FALSE reads black as near", DEFAULT_NEAR_IS_WHITE,
          rw | GST_PARAM_MUTABLE_PLAYING));
  /**
   * GstSparseConv:qos:
   *
   * Drop frames that are already late downstream, posting a QoS message.
   * Default: %TRUE.  Mutable while playing, not controllable.
   *
   * Since: 0.1
   */
  g_object_class_install_property (gobject_class, PROP_QOS,
      g_param_spec_boolean ("qos", "QoS", "Drop frames that are already late downstream",
          DEFAULT_QOS, rw | GST_PARAM_MUTABLE_PLAYING));
  /**
   * GstSparseConv:half-res-radius:
   *
   * A fixed kernel (no depth pad) whose reach on a plane is this many
   * pixels or more runs on that plane at half resolution: averaged 2×2 down,
   * filtered with the kernel at half size, interpolated back up.  About a
   * quarter of the cost; on photos within 50 dB of the full-resolution result
   * (docs/ARCHITECTURE.md §8).  A built-in name with a half/ family
   * ("hexagon": "half/hexagon") runs that family's kernel there instead,
   * from 8 px: fitted for this path, 3.8 dB of kernel PSNR or more closer to
   * the shape than the full kernel halved.  With a depth pad (not with geometry), the
   * radius levels from this radius on run so, cross-faded with the full
   * resolution over the 0.75 px below it, where at least 40 % of a plane's
   * pixels reach that far.  0 never halves (the exact path).  Range
   * 0–1000, default 24.  Mutable while playing, not controllable.
   *
   * Since: 0.2
   */
  g_object_class_install_property (gobject_class, PROP_HALF_RES_RADIUS,
      g_param_spec_double ("half-res-radius", "Half-resolution radius", "Fixed kernels reaching this many "
          "pixels or more, and depth of field's blur from this radius on, run at half resolution (about a "
          "quarter of the cost); 0 = never",
          0, MAX_RADIUS, DEFAULT_HALF_RES_RADIUS, rw | GST_PARAM_MUTABLE_PLAYING));
  /**
   * GstSparseConv:highlight-threshold:
   *
   * Depth pad: linear light (0 … 1) above which out-of-focus samples are
   * boosted before the blur, so clipped lights bloom.  1: off.
   * Mutable while playing.
   *
   * Since: 0.1
   */
  g_object_class_install_property (gobject_class, PROP_HIGHLIGHT_THRESHOLD,
      g_param_spec_double ("highlight-threshold", "Highlight threshold",
          "Depth pad: linear light above which defocused samples are boosted (1: off)", 0, 1, 1,
          rw | GST_PARAM_MUTABLE_PLAYING));
  /**
   * GstSparseConv:highlight-gain:
   *
   * Depth pad: slope of the boost above highlight-threshold at full defocus.
   * 1: off.  Mutable while playing.
   *
   * Since: 0.1
   */
  g_object_class_install_property (gobject_class, PROP_HIGHLIGHT_GAIN,
      g_param_spec_double ("highlight-gain", "Highlight gain",
          "Depth pad: slope of the boost above highlight-threshold (1: off)", 1, 64, 1,
          rw | GST_PARAM_MUTABLE_PLAYING));

  /**
   * GstSparseConv:geometry:
   *
   * Turns each pixel's kernel: `radial` points its x axis along the
   * direction from the centre (#GstSparseconv:center-x, center-y) to the
   * pixel — preset=motion makes a zoom blur — and `rotational` along the
   * tangent — a spin blur, or swirly bokeh with preset=disc aspect=2.
   * Without a depth pad the radius grows linearly from 0 at the centre to
   * #GstSparseconv:max-radius at the farthest corner; with one, the depth
   * map gives the radius (gathered: #GstSparseconv:occlusion and the
   * highlight properties do not apply).  #GstSparseconv:angle adds to every
   * pixel's angle, #GstSparseconv:aspect stretches along the kernel's x axis
   * before the turn.  Default: none.  Mutable while playing.
   *
   * Since: 0.1
   */
  g_object_class_install_property (gobject_class, PROP_GEOMETRY,
      g_param_spec_enum ("geometry", "Geometry", "Per-pixel kernel angle: none, radial (zoom) or "
          "rotational (spin) about center-x, center-y", GST_TYPE_SPARSECONV_GEOMETRY, DEFAULT_GEOMETRY,
          rw | GST_PARAM_MUTABLE_PLAYING));
  /**
   * GstSparseConv:center-x:
   *
   * The geometry's centre, as a fraction of the frame's width (0 = left
   * edge).  Default: 0.5.  Controllable.
   *
   * Since: 0.1
   */
  g_object_class_install_property (gobject_class, PROP_CENTER_X,
      g_param_spec_double ("center-x", "Center x", "Geometry centre, fraction of the frame width",
          0, 1, DEFAULT_CENTER, ctl));
  /**
   * GstSparseConv:center-y:
   *
   * The geometry's centre, as a fraction of the frame's height (0 = top
   * edge).  Default: 0.5.  Controllable.
   *
   * Since: 0.1
   */
  g_object_class_install_property (gobject_class, PROP_CENTER_Y,
      g_param_spec_double ("center-y", "Center y", "Geometry centre, fraction of the frame height",
          0, 1, DEFAULT_CENTER, ctl));
  /**
   * GstSparseConv:vignetting:
   *
   * Cat's-eye bokeh, the optical vignetting of fast lenses: each pixel's
   * aperture is clipped by an equal disc displaced towards the centre
   * (#GstSparseconv:center-x, center-y) by vignetting · ρ · 2r, where ρ is
   * the pixel's distance from the centre over the farthest corner's and r
   * its blur radius: the kernel becomes a lens whose short axis points at
   * the centre, 2·(1 − vignetting·ρ)·r wide, centred on the pixel.  Works
   * with a fixed #GstSparseconv:radius, a geometry and the depth pad (by
   * gather, as a geometry); the kernel turns with the direction from the
   * centre as with geometry=radial.  0 (the default): none.  Controllable.
   *
   * Since: 0.1
   */
  g_object_class_install_property (gobject_class, PROP_VIGNETTING,
      g_param_spec_double ("vignetting", "Vignetting", "Cat's-eye bokeh: the clipping disc's displacement "
          "towards the centre at the farthest corner, in aperture diameters (0: none)",
          0, SKC_CATSEYE_MAX_CLIP / 2, DEFAULT_VIGNETTING, ctl));
  /**
   * GstSparseConv:quarter-res-radius:
   *
   * The fixed path's speed switch: from this #GstSparseconv:radius on, the
   * preset's half/ family (a built-in name's, or the preset itself when it
   * is one) runs its kernel at half the radius on a copy of each plane 4×
   * down — the 2×2 mean and the bilinear return each twice — about a
   * sixteenth of the full kernel's taps.  At r = 32 the hexagon then costs
   * 15 integer taps a pixel against 190 with the half/ family halved and 307
   * at full resolution; its kernel PSNR is 18.9 dB against 22.8 and 20.7,
   * and a photo still comes within 60 dB of dense convolution (69 and 59)
   * (docs/ARCHITECTURE.md §8, "Quarter resolution").  For live 4K.  Needs
   * radius ≥ 16 (the half families start at 8 px); not with the depth pad, a
   * geometry or vignetting, nor for a preset file without a half/ family.
   * 0 (the default): never.  Range 0–1000.  Mutable while playing, not
   * controllable.
   *
   * Since: 0.2
   */
  g_object_class_install_property (gobject_class, PROP_QUARTER_RES_RADIUS,
      g_param_spec_double ("quarter-res-radius", "Quarter-resolution radius", "Fixed kernels of this radius "
          "or more run the half/ family's kernel at half the radius on planes 4x down (about a sixteenth of "
          "the taps; for live 4K); 0 = never",
          0, MAX_RADIUS, DEFAULT_QUARTER_RES_RADIUS, rw | GST_PARAM_MUTABLE_PLAYING));

  gst_element_class_add_static_pad_template_with_gtype (element_class, &sink_template,
      GST_TYPE_AGGREGATOR_PAD);
  gst_element_class_add_static_pad_template_with_gtype (element_class, &depth_template,
      GST_TYPE_AGGREGATOR_PAD);
  gst_element_class_add_static_pad_template_with_gtype (element_class, &src_template,
      GST_TYPE_AGGREGATOR_PAD);
  gst_element_class_set_static_metadata (element_class, "Sparse kernel complex convolution",
      "Filter/Effect/Video", "Large, spatially-varying convolution kernels (lens bokeh, PSFs, star "
      "filters) through sparse kernel complexes, optionally driven by a depth map or mask",
      "sparseconv developers");

  element_class->release_pad = GST_DEBUG_FUNCPTR (gst_sparseconv_release_pad);
  agg_class->aggregate = GST_DEBUG_FUNCPTR (gst_sparseconv_aggregate);
  agg_class->sink_event = GST_DEBUG_FUNCPTR (gst_sparseconv_sink_event);
  agg_class->sink_event_pre_queue = GST_DEBUG_FUNCPTR (gst_sparseconv_sink_event_pre_queue);
  agg_class->sink_query = GST_DEBUG_FUNCPTR (gst_sparseconv_sink_query);
  agg_class->src_query = GST_DEBUG_FUNCPTR (gst_sparseconv_src_query);
  agg_class->src_event = GST_DEBUG_FUNCPTR (gst_sparseconv_src_event);
  agg_class->update_src_caps = GST_DEBUG_FUNCPTR (gst_sparseconv_update_src_caps);
  agg_class->decide_allocation = GST_DEBUG_FUNCPTR (gst_sparseconv_decide_allocation);
  agg_class->create_new_pad = GST_DEBUG_FUNCPTR (gst_sparseconv_create_new_pad);
  agg_class->start = GST_DEBUG_FUNCPTR (gst_sparseconv_start);
  agg_class->stop = GST_DEBUG_FUNCPTR (gst_sparseconv_stop);
  agg_class->flush = GST_DEBUG_FUNCPTR (gst_sparseconv_flush);
  agg_class->get_next_time = gst_aggregator_simple_get_next_time;

  gst_type_mark_as_plugin_api (GST_TYPE_SPARSECONV_DEPTH_MODE, 0);
  gst_type_mark_as_plugin_api (GST_TYPE_SPARSECONV_GEOMETRY, 0);
}

static void
gst_sparseconv_init (GstSparseconv *self)
{
  GstPadTemplate *templ = gst_element_class_get_pad_template (GST_ELEMENT_GET_CLASS (self), "sink");
  GstSparseconvSettings *s = &self->settings;

  self->sinkpad = g_object_new (GST_TYPE_AGGREGATOR_PAD, "name", "sink", "direction", GST_PAD_SINK,
      "template", templ, NULL);
  gst_element_add_pad (GST_ELEMENT (self), GST_PAD (self->sinkpad));

  s->preset = g_strdup (DEFAULT_PRESET);
  s->radius = DEFAULT_RADIUS;
  s->angle = DEFAULT_ANGLE;
  s->aspect = DEFAULT_ASPECT;
  s->linear_light = DEFAULT_LINEAR_LIGHT;
  s->occlusion = DEFAULT_OCCLUSION;
  s->max_threads = DEFAULT_MAX_THREADS;
  s->focus.mode = DEFAULT_DEPTH_MODE;
  s->focus.focus_depth = DEFAULT_FOCUS_DEPTH;
  s->focus.focus_range = DEFAULT_FOCUS_RANGE;
  s->focus.max_radius = DEFAULT_MAX_RADIUS;
  s->focus.near_is_white = DEFAULT_NEAR_IS_WHITE;
  s->qos = DEFAULT_QOS;
  s->half_res_radius = DEFAULT_HALF_RES_RADIUS;
  s->highlight_threshold = s->highlight_gain = 1;
  s->geometry = DEFAULT_GEOMETRY;
  s->center_x = s->center_y = DEFAULT_CENTER;
  s->vignetting = DEFAULT_VIGNETTING;
  s->quarter_res_radius = DEFAULT_QUARTER_RES_RADIUS;
  self->qos_proportion = 1.0;
  self->qos_earliest = GST_CLOCK_TIME_NONE;
}
