/* sparseconv — large, spatially-varying convolution kernels (bokeh, PSFs,
 * star filters) applied to video through sparse kernel complexes. */
#pragma once

#include <gst/gst.h>
#include <gst/base/gstaggregator.h>
#include <gst/video/video.h>

#include "skc-focus.h"
#include "skc-complex.h"
#include "skc-family.h"
#include "skc-frame.h"
#include "skc-geometry.h"
#include "skc-pool.h"
#include "skc-varying.h"

G_BEGIN_DECLS

#define GST_TYPE_SPARSECONV (gst_sparseconv_get_type ())
G_DECLARE_FINAL_TYPE (GstSparseconv, gst_sparseconv, GST, SPARSECONV, GstAggregator)

#define GST_TYPE_SPARSECONV_DEPTH_MODE (gst_sparseconv_depth_mode_get_type ())
GType gst_sparseconv_depth_mode_get_type (void);
#define GST_TYPE_SPARSECONV_GEOMETRY (gst_sparseconv_geometry_get_type ())
GType gst_sparseconv_geometry_get_type (void);

GST_ELEMENT_REGISTER_DECLARE (sparseconv);

/* Every setting a frame is filtered with, read once per frame under the
 * object lock so that a frame never mixes two settings. */
typedef struct {
  gchar             *preset;
  gdouble            radius, angle, aspect;
  gboolean           linear_light;
  gboolean           occlusion;
  guint              max_threads;
  SkcFocus focus;
  gboolean           qos;
  gdouble            half_res_radius;  /* fixed kernels this large run at half resolution; 0 never */
  gdouble            quarter_res_radius; /* fixed kernels from this radius run 4× down; 0 never */
  gdouble            highlight_threshold, highlight_gain; /* 1, 1: off */
  SkcGeometry        geometry;                 /* per-pixel angle: zoom or spin */
  gdouble            center_x, center_y;       /* its centre, 0 … 1 of the frame */
  gdouble            vignetting;               /* cat's eye: 0 none … 0.9 */
} GstSparseconvSettings;

/* How a cached family was shaped (ensure_shaped): angle, aspect, pixel
 * aspect ratio, the extent it reaches, from the turned refit or not. */
typedef struct {
  gdouble  angle, aspect, par, extent;
  gboolean turned;
} GstSparseconvShape;

struct _GstSparseconv {
  GstAggregator parent;

  GstAggregatorPad *sinkpad;

  /* Properties (object lock). */
  GstSparseconvSettings settings;

  /* Caps of the pads (object lock; written from serialized events). */
  GstVideoInfo video_info;
  gboolean     have_video_info;
  GstVideoInfo depth_info;
  gboolean     have_depth_info;

  /* Streaming state: only the aggregation thread touches these. */
  SkcFamily      *family;          /* as loaded */
  gchar          *family_source;   /* the preset string it was loaded from */
  SkcFamily      *turned;          /* its built-in refit for a geometry (presets/turned), or NULL */
  SkcFamily      *shaped;          /* family (or turned) with angle/aspect applied, extended */
  GstSparseconvShape shaped_as;
  SkcFamily      *halved;          /* its built-in half-resolution family (presets/half), or NULL */
  SkcFamily      *halved_shaped;   /* halved shaped alike, built when the fixed path first switches */
  GstSparseconvShape halved_shaped_as;
  SkcFrameFilter *filter;
  SkcPool        *pool;
  guint           pool_threads;
  SkcEngine       logged_loops;    /* the inner loops last logged, and for which path */
  gboolean        logged_varying;

  /* The depth frame in use (aggregation thread), with its geometry. */
  GstBuffer   *depth_buffer;
  GstVideoInfo depth_buffer_info;
  gfloat      *radius_map;         /* video size, from depth_buffer; valid until it changes */
  gsize        radius_map_size;
  SkcFocus radius_map_focus;
  gint         radius_map_width, radius_map_height;
  gboolean     radius_map_valid;

  /* Geometry (aggregation thread): the angle map, and the radius map
   * without a depth pad, valid while geometry_spec and the size stay. */
  gfloat         *geometry_radius, *geometry_angle;
  gfloat         *geometry_clip;     /* the cat's-eye clip map, with vignetting */
  gsize           geometry_size;
  SkcGeometrySpec geometry_spec;
  gint            geometry_width, geometry_height;
  gboolean        geometry_valid;
  guint64         maps_id;           /* bumped whenever radius_map or the geometry maps change */
  SkcFamily      *catseye_lens;      /* the fitted lens family (presets/catseye.skc), loaded when first used */
  gboolean        catseye_lens_tried;

  /* QoS (object lock). */
  gdouble      qos_proportion;
  GstClockTime qos_earliest;
  guint64      qos_processed, qos_dropped;
};

G_END_DECLS
