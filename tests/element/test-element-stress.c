/* Stress tests for the sparseconv element, bounded in time and count:
 * properties changed from another thread while frames stream, caps
 * renegotiation on both pads, the depth pad requested and released over and
 * over, depth streams with gaps, backward timestamps, early EOS or no frame
 * at all, extreme frame sizes, odd strides, saturated depth, and a flushing
 * seek in a depth-driven pipeline. */
#include <gst/gst.h>
#include <gst/check/gstharness.h>
#include <gst/video/video.h>

#include "skc.h"
#include "test-buffers.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static GstBuffer *
make_frame (const gchar *format, gint w, gint h, guint seed, GstClockTime pts)
{
  GstVideoInfo info;
  GstBuffer *buf;
  GstMapInfo map;

  gst_video_info_set_format (&info, gst_video_format_from_string (format), w, h);
  buf = gst_buffer_new_allocate (NULL, GST_VIDEO_INFO_SIZE (&info), NULL);
  gst_buffer_map (buf, &map, GST_MAP_WRITE);
  for (gsize i = 0; i < map.size; i++)
    map.data[i] = (guint8) (128 + 60 * sin (i * 0.29 + seed) + 30 * sin (i * 0.017));
  gst_buffer_unmap (buf, &map);
  GST_BUFFER_PTS (buf) = pts;
  GST_BUFFER_DURATION (buf) = GST_SECOND / 30;
  return buf;
}

/* A horizontal ramp, 0 at the left to full scale at the right. */
static GstBuffer *
make_ramp (const gchar *format, gint w, gint h, GstClockTime pts)
{
  GstVideoInfo info;
  GstVideoFrame f;
  GstBuffer *buf;
  gboolean sixteen = g_str_equal (format, "GRAY16_LE");

  gst_video_info_set_format (&info, gst_video_format_from_string (format), w, h);
  buf = gst_buffer_new_allocate (NULL, GST_VIDEO_INFO_SIZE (&info), NULL);
  gst_video_frame_map (&f, &info, buf, GST_MAP_WRITE);
  for (gint y = 0; y < h; y++) {
    guint8 *row = (guint8 *) GST_VIDEO_FRAME_PLANE_DATA (&f, 0) + y * GST_VIDEO_FRAME_PLANE_STRIDE (&f, 0);

    for (gint x = 0; x < w; x++) {
      gdouble v = w > 1 ? (gdouble) x / (w - 1) : 1;

      if (sixteen)
        ((guint16 *) row)[x] = GUINT16_TO_LE ((guint16) (v * 65535));
      else
        row[x] = (guint8) (v * 255);
    }
  }
  gst_video_frame_unmap (&f);
  GST_BUFFER_PTS (buf) = pts;
  return buf;
}

static GstBuffer *
make_uniform_depth (const gchar *format, gint w, gint h, guint16 value, GstClockTime pts)
{
  GstBuffer *buf = make_ramp (format, w, h, pts);
  GstMapInfo map;

  gst_buffer_map (buf, &map, GST_MAP_WRITE);
  for (gsize i = 0; i < map.size; i++)
    map.data[i] = g_str_equal (format, "GRAY8") ? (guint8) value : (i % 2 ? value >> 8 : value & 0xff);
  gst_buffer_unmap (buf, &map);
  return buf;
}

static GstHarness *
harness (const gchar *caps)
{
  GstHarness *h = gst_harness_new ("sparseconv");

  gst_harness_set_src_caps_str (h, caps);
  return h;
}

#define FPS_PTS(i) gst_util_uint64_scale_int (GST_SECOND, (i), 30)

/* ---- properties from another thread ------------------------------------ */

typedef struct {
  GstElement *element;
  volatile gint stop;
  gboolean with_depth;
} Changer;

static const gchar *presets[] = { "disc", "star" };
static const gdouble radii[] = { 2, 9 };
static const gdouble angles[] = { 0, 45 };
static const gdouble focus[] = { 0.2, 0.8 };
static const gboolean occlusions[] = { FALSE, TRUE };
/* Never, and from 4 px, which both radii reach (2 px reaches 7–8): radius
 * 2 then runs the full member halved (the half/ families start at 8 px),
 * radius 9 the built-in half/ family of the preset — the three fixed
 * paths, switched between while the frames stream. */
static const gdouble half_res[] = { 0, 4 };

static gpointer
change_properties (gpointer data)
{
  Changer *c = data;
  g_autoptr (GRand) rand = g_rand_new_with_seed (7);

  while (!g_atomic_int_get (&c->stop)) {
    switch (g_rand_int_range (rand, 0, 7)) {
      case 0: g_object_set (c->element, "preset", presets[g_rand_int_range (rand, 0, 2)], NULL); break;
      case 1: g_object_set (c->element, "radius", radii[g_rand_int_range (rand, 0, 2)], NULL); break;
      case 2: g_object_set (c->element, "angle", angles[g_rand_int_range (rand, 0, 2)], NULL); break;
      case 3: g_object_set (c->element, "focus-depth", focus[g_rand_int_range (rand, 0, 2)], NULL); break;
      case 4: g_object_set (c->element, "max-threads", (guint) g_rand_int_range (rand, 0, 4), NULL); break;
      case 5: g_object_set (c->element, "occlusion", occlusions[g_rand_int_range (rand, 0, 2)], NULL); break;
      case 6: g_object_set (c->element, "half-res-radius", half_res[g_rand_int_range (rand, 0, 2)], NULL); break;
    }
    g_usleep (g_rand_int_range (rand, 0, 300));
  }
  return NULL;
}

/* What the race is compared with: a fresh element per setting, so that
 * state left behind by earlier settings cannot hide in the reference. */
typedef struct {
  const gchar *preset;
  gdouble radius, angle, focus;
  gboolean occlusion;
  gdouble half_res, quarter_res;
} Setting;

/* The one frame a fresh element with setting s makes of frame; with_depth,
 * the same depth map as the race (a ramp, then EOS) drives it. */
static GstBuffer *
reference_output (const Setting *s, gboolean with_depth, GstBuffer *frame)
{
  GstHarness *h = harness ("video/x-raw,format=RGBA,width=48,height=32,framerate=30/1");
  GstHarness *dh = NULL;
  GstBuffer *out;

  gst_harness_set (h, "sparseconv", "max-radius", 6.0, "focus-range", 0.0, "preset", s->preset, "radius",
      s->radius, "angle", s->angle, "focus-depth", s->focus, "occlusion", s->occlusion, "half-res-radius", s->half_res,
      "quarter-res-radius", s->quarter_res, NULL);
  if (with_depth) {
    dh = gst_harness_new_with_element (h->element, "depth", NULL);
    gst_harness_set_src_caps_str (dh, "video/x-raw,format=GRAY8,width=12,height=8,framerate=0/1");
    gst_harness_push (dh, make_ramp ("GRAY8", 12, 8, 0));
    gst_harness_push_event (dh, gst_event_new_eos ());
  }
  g_assert_cmpint (gst_harness_push (h, gst_buffer_copy (frame)), ==, GST_FLOW_OK);
  out = gst_harness_pull (h);
  g_assert_nonnull (out);
  if (dh)
    gst_harness_teardown (dh);
  gst_harness_teardown (h);
  return out;
}

/* The engine is deterministic and bit-identical for any thread count, so a
 * frame must match its reference exactly. */
#define RACE_TOLERANCE 0

#define N_SETTINGS 64

/* Every output during the race must equal a fresh element's output for one
 * of the 64 settings the thread cycles through (a frame reads all properties
 * at once); once the thread has stopped, a setting outside that set must
 * take full effect at the next frame. */
static void
run_property_stress (gboolean with_depth)
{
  GstHarness *h = harness ("video/x-raw,format=RGBA,width=48,height=32,framerate=30/1");
  GstHarness *dh = NULL;
  g_autoptr (GstBuffer) frame = make_frame ("RGBA", 48, 32, 1, 0);
  const Setting last = { "heart", 3.5, 30, 0.4, TRUE, 3, 0 };
  Setting settings[N_SETTINGS];
  GstBuffer *expected[N_SETTINGS];
  guint hits[N_SETTINGS] = { 0 }, seen = 0, distinct = 0;
  Changer changer = { h->element, 0, with_depth };
  GstVideoInfo info;
  GThread *thread;
  GstBuffer *in, *out, *want;
  gchar *diff;
  guint n = 0;

  gst_video_info_set_format (&info, GST_VIDEO_FORMAT_RGBA, 48, 32);
  for (guint k = 0; k < N_SETTINGS; k++) {
    /* Settings that differ only where they cannot matter share one fresh
     * element's frame: without depth focus-depth (bit 0) and occlusion
     * (bit 4), with it the radius (bit 2).  Were one to matter after all,
     * the race's frames would match no reference, so this loses nothing,
     * and makes half the fresh elements (slow under the sanitizers). */
    guint same = k & ~(with_depth ? 1u << 2 : (1u << 0) | (1u << 4));

    settings[k] = (Setting) { presets[(k >> 3) & 1], radii[(k >> 2) & 1], angles[(k >> 1) & 1], focus[k & 1],
      occlusions[(k >> 4) & 1], half_res[k >> 5], 0 };
    expected[k] = same < k ? gst_buffer_ref (expected[same]) : reference_output (&settings[k], with_depth, frame);
  }
  if (!with_depth)
    /* The race does cross the switch: radius 9 from 4 px is the half/ family. */
    for (guint p = 0; p < G_N_ELEMENTS (presets); p++) {
      g_autofree gchar *half = g_strconcat ("half/", presets[p], NULL);
      Setting fitted = { half, radii[1], angles[1], focus[0], FALSE, half_res[1], 0 };
      GstBuffer *a = reference_output (&fitted, FALSE, frame);

      g_assert_true (buffers_equal (a, expected[(p << 3) | (1 << 2) | (1 << 1) | (1 << 5)]));
      g_assert_false (buffers_equal (a, expected[(p << 3) | (1 << 2) | (1 << 1)]));
      gst_buffer_unref (a);
    }

  gst_harness_set (h, "sparseconv", "max-radius", 6.0, "focus-range", 0.0, NULL);
  if (with_depth) {
    dh = gst_harness_new_with_element (h->element, "depth", NULL);
    gst_harness_set_src_caps_str (dh, "video/x-raw,format=GRAY8,width=12,height=8,framerate=0/1");
    gst_harness_push (dh, make_ramp ("GRAY8", 12, 8, 0));
    gst_harness_push_event (dh, gst_event_new_eos ());
  }
  /* Start from a setting in the set, so that even the first frame has one. */
  gst_harness_set (h, "sparseconv", "preset", presets[0], "radius", radii[0], "angle", angles[0],
      "focus-depth", focus[0], "occlusion", occlusions[0], "half-res-radius", half_res[0], NULL);

  thread = g_thread_new ("changer", change_properties, &changer);
  for (guint i = 0; i < 1000; i++) {
    guint k;

    in = gst_buffer_copy (frame);
    GST_BUFFER_PTS (in) = FPS_PTS (n++);
    g_assert_cmpint (gst_harness_push (h, in), ==, GST_FLOW_OK);
    out = gst_harness_pull (h);
    g_assert_nonnull (out);
    for (k = 0; k < N_SETTINGS; k++) {
      diff = frame_difference (out, expected[k], &info, RACE_TOLERANCE);
      g_free (diff);
      if (diff == NULL)
        break;
    }
    if (k == N_SETTINGS)
      g_error ("RGBA 48x32%s: race frame %u matches none of the 64 settings", with_depth ? " with depth" : "", i);
    if (hits[k]++ == 0)
      seen++;
    gst_buffer_unref (out);
  }
  g_atomic_int_set (&changer.stop, 1);
  g_thread_join (thread);
  /* How many outputs the race actually met depends on the scheduler, so it
   * is reported, not asserted.  A frame counts for the first setting it
   * matches; settings differing only where they cannot matter (focus-depth
   * without depth, radius with it) give the same frame. */
  for (guint k = 0; k < N_SETTINGS; k++) {
    guint j = 0;

    while (j < k && !buffers_equal (expected[j], expected[k]))
      j++;
    distinct += j == k;
  }
  g_test_message ("race frames met %u of the %u distinct outputs", seen, distinct);

  gst_harness_set (h, "sparseconv", "preset", last.preset, "radius", last.radius, "angle", last.angle,
      "focus-depth", last.focus, "occlusion", last.occlusion, "half-res-radius", last.half_res, "max-threads", 2u,
      NULL);
  in = gst_buffer_copy (frame);
  GST_BUFFER_PTS (in) = FPS_PTS (n++);
  g_assert_cmpint (gst_harness_push (h, in), ==, GST_FLOW_OK);
  out = gst_harness_pull (h);
  g_assert_nonnull (out);
  want = reference_output (&last, with_depth, frame);
  diff = frame_difference (out, want, &info, RACE_TOLERANCE);
  if (diff)
    g_error ("RGBA 48x32%s, after the race, %s r=%g angle=%g focus=%g: %s", with_depth ? " with depth" : "",
        last.preset, last.radius, last.angle, last.focus, diff);
  gst_buffer_unref (want);
  gst_buffer_unref (out);
  for (guint k = 0; k < N_SETTINGS; k++)
    gst_buffer_unref (expected[k]);
  if (dh)
    gst_harness_teardown (dh);
  gst_harness_teardown (h);
}

static void
test_property_stress (void)
{
  run_property_stress (FALSE);
}

static void
test_property_stress_depth (void)
{
  run_property_stress (TRUE);
}

/* ---- renegotiation ------------------------------------------------------ */

static gchar *
set_caps (GstHarness *h, const gchar *format, gint w, gint hgt)
{
  gchar *caps = g_strdup_printf ("video/x-raw,format=%s,width=%d,height=%d,framerate=30/1", format, w, hgt);

  gst_harness_set_src_caps_str (h, caps);
  return caps;
}

static void
test_renegotiation (void)
{
  GstHarness *h = gst_harness_new ("sparseconv");
  GstHarness *dh = gst_harness_new_with_element (h->element, "depth", NULL);
  const struct { const gchar *format; gint w, h; } video[] = {
    { "RGBA", 40, 30 }, { "I420", 63, 17 }, { "GRAY8", 5, 90 }, { "NV12", 64, 48 }, { "I422_10LE", 37, 21 },
    { "P010_10LE", 30, 16 }, { "RGBA64_LE", 20, 14 }, { "Y42B", 9, 33 }, { "RGBA", 40, 30 },
  };
  const struct { const gchar *format; gint w, h; } depth[] = {
    { "GRAY8", 16, 12 }, { "GRAY16_LE", 7, 3 }, { "GRAY8", 200, 100 },
  };
  guint n = 0;

  gst_harness_set (h, "sparseconv", "depth-mode", 1, "max-radius", 5.0, NULL);
  /* Not live, each video frame waits for the depth frame after it (the
   * confirmation), so depth runs one frame ahead; at the end of a round the
   * next depth frame already has the next round's caps. */
  g_free (set_caps (dh, depth[0].format, depth[0].w, depth[0].h));
  gst_harness_push (dh, make_ramp (depth[0].format, depth[0].w, depth[0].h, FPS_PTS (0)));
  for (guint v = 0; v < G_N_ELEMENTS (video); v++) {
    g_autofree gchar *caps = set_caps (h, video[v].format, video[v].w, video[v].h);
    GstVideoInfo info;

    gst_video_info_set_format (&info, gst_video_format_from_string (video[v].format), video[v].w, video[v].h);
    for (guint i = 0; i < 4; i++, n++) {
      guint d = ((n + 1) / 4) % G_N_ELEMENTS (depth);
      GstBuffer *out;

      gst_harness_push (h, make_frame (video[v].format, video[v].w, video[v].h, n, FPS_PTS (n)));
      if (i == 3)
        g_free (set_caps (dh, depth[d].format, depth[d].w, depth[d].h));
      gst_harness_push (dh, make_ramp (depth[d].format, depth[d].w, depth[d].h, FPS_PTS (n + 1)));
      out = gst_harness_pull (h);
      g_assert_nonnull (out);
      g_assert_cmpuint (gst_buffer_get_size (out), ==, GST_VIDEO_INFO_SIZE (&info));
      gst_buffer_unref (out);
    }
    {
      g_autoptr (GstCaps) out_caps = gst_pad_get_current_caps (h->sinkpad);
      g_autoptr (GstCaps) want = gst_caps_from_string (caps);

      g_assert_true (gst_caps_is_subset (out_caps, want));
    }
  }
  gst_harness_teardown (dh);
  gst_harness_teardown (h);
}

/* ---- the depth pad's life ----------------------------------------------- */

static void
test_depth_pad_cycles (void)
{
  GstHarness *h = harness ("video/x-raw,format=GRAY8,width=32,height=24,framerate=30/1");
  guint n = 0;

  gst_harness_set (h, "sparseconv", "depth-mode", 1, "max-radius", 3.0, "radius", 0.0, NULL);
  for (guint round = 0; round < 25; round++) {
    GstHarness *dh = gst_harness_new_with_element (h->element, "depth", NULL);

    gst_harness_set_src_caps_str (dh, "video/x-raw,format=GRAY8,width=4,height=4,framerate=30/1");
    /* Odd rounds: one depth frame, then EOS.  Even rounds: frames keep
     * coming, each confirming the one before. */
    gst_harness_push (dh, make_uniform_depth ("GRAY8", 4, 4, 255, FPS_PTS (n)));
    if (round % 2)
      gst_harness_push_event (dh, gst_event_new_eos ());
    for (guint i = 0; i < 3; i++, n++) {
      GstBuffer *in = make_frame ("GRAY8", 32, 24, n, FPS_PTS (n)), *out;

      gst_harness_push (h, gst_buffer_ref (in));
      if (round % 2 == 0)
        gst_harness_push (dh, make_uniform_depth ("GRAY8", 4, 4, 255, FPS_PTS (n + 1)));
      out = gst_harness_pull (h);
      g_assert_false (buffers_equal (in, out));
      gst_buffer_unref (out);
      gst_buffer_unref (in);
    }
    gst_harness_teardown (dh);
    {
      GstBuffer *in = make_frame ("GRAY8", 32, 24, n, FPS_PTS (n)), *out;

      n++;
      gst_harness_push (h, gst_buffer_ref (in));
      out = gst_harness_pull (h);
      g_assert_true (buffers_equal (in, out));   /* radius 0 without depth */
      gst_buffer_unref (out);
      gst_buffer_unref (in);
    }
  }
  gst_harness_teardown (h);
}

/* Gaps keep the last depth frame; a depth frame stamped before the one
 * before it still applies (it is the newest that has arrived).  Not live,
 * every depth frame is pushed only once the one before has been taken, so
 * the single test thread never blocks on a full pad. */
static void
push_and_check (GstHarness *h, GstHarness *dh, guint i, GstBuffer *depth_after, gboolean eos_after)
{
  GstBuffer *in = make_frame ("GRAY8", 32, 24, i, FPS_PTS (i)), *out;

  gst_harness_push (h, gst_buffer_ref (in));
  if (depth_after)
    gst_harness_push (dh, depth_after);
  if (eos_after)
    g_assert_true (gst_harness_push_event (dh, gst_event_new_eos ()));
  out = gst_harness_pull (h);
  g_assert_nonnull (out);
  g_assert_cmpuint (GST_BUFFER_PTS (out), ==, FPS_PTS (i));
  /* Every depth frame that can apply here is full scale: blurred. */
  g_assert_false (buffers_equal (in, out));
  gst_buffer_unref (out);
  gst_buffer_unref (in);
}

static void
test_depth_gaps_and_backwards (void)
{
  GstHarness *h = harness ("video/x-raw,format=GRAY8,width=32,height=24,framerate=30/1");
  GstHarness *dh = gst_harness_new_with_element (h->element, "depth", NULL);
  GstBuffer *gap;

  gst_harness_set (h, "sparseconv", "depth-mode", 1, "max-radius", 3.0, "radius", 0.0, NULL);
  gst_harness_set_src_caps_str (dh, "video/x-raw,format=GRAY8,width=4,height=4,framerate=30/1");
  gap = gst_buffer_new ();
  GST_BUFFER_PTS (gap) = FPS_PTS (1);
  GST_BUFFER_DURATION (gap) = GST_SECOND / 30;
  GST_BUFFER_FLAG_SET (gap, GST_BUFFER_FLAG_GAP);

  gst_harness_push (h, make_frame ("GRAY8", 32, 24, 0, FPS_PTS (0)));
  gst_harness_push (dh, make_uniform_depth ("GRAY8", 4, 4, 255, FPS_PTS (0)));
  gst_harness_push (dh, gap);                          /* confirms depth 0 for frame 0 */
  gst_buffer_unref (gst_harness_pull (h));
  /* Frame 1 takes the gap (keeping depth 255); a depth frame at 3 confirms. */
  push_and_check (h, dh, 1, make_uniform_depth ("GRAY8", 4, 4, 255, FPS_PTS (3)), FALSE);
  push_and_check (h, dh, 2, NULL, FALSE);
  /* Frame 3 takes depth 3, then one stamped 2 arrives: backwards, and the
   * newest that arrived, so it applies; EOS confirms. */
  push_and_check (h, dh, 3, make_uniform_depth ("GRAY8", 4, 4, 255, FPS_PTS (2)), TRUE);
  for (guint i = 4; i < 8; i++)
    push_and_check (h, dh, i, NULL, FALSE);
  gst_harness_teardown (dh);
  gst_harness_teardown (h);
}

/* Live, and the depth source never produces a frame: the video keeps
 * flowing, each frame after the element's latency. */
static void
test_live_depth_never_arrives (void)
{
  GstHarness *h = harness ("video/x-raw,format=GRAY8,width=32,height=24,framerate=30/1");
  GstHarness *dh = gst_harness_new_with_element (h->element, "depth", NULL);

  gst_harness_set_src_caps_str (dh, "video/x-raw,format=GRAY8,width=4,height=4,framerate=10/1");
  gst_harness_set_live (h, TRUE);
  gst_harness_set_live (dh, TRUE);
  gst_harness_use_testclock (h);
  gst_harness_set (h, "sparseconv", "radius", 2.0, NULL);
  for (guint i = 0; i < 30; i++) {
    GstBuffer *out;

    gst_harness_push (h, make_frame ("GRAY8", 32, 24, i, FPS_PTS (i)));
    g_assert_true (gst_harness_crank_single_clock_wait (h));
    out = gst_harness_pull (h);
    g_assert_cmpuint (GST_BUFFER_PTS (out), ==, FPS_PTS (i));
    gst_buffer_unref (out);
  }
  gst_harness_teardown (dh);
  gst_harness_teardown (h);
}

/* ---- extremes ----------------------------------------------------------- */

typedef struct {
  const gchar *preset;
  gdouble radius;
  gboolean linear_light;
  const gchar *depth_format;    /* NULL: no depth pad */
  guint16 depth;
} Extreme;

/* in through a fresh element set as e says; the output. */
static GstBuffer *
push_one (const gchar *format, gint w, gint hgt, const Extreme *e, GstBuffer *in)
{
  g_autofree gchar *caps = g_strdup_printf ("video/x-raw,format=%s,width=%d,height=%d,framerate=30/1",
      format, w, hgt);
  GstHarness *h = harness (caps);
  GstHarness *dh = NULL;
  GstBuffer *out;

  gst_harness_set (h, "sparseconv", "radius", e->radius, "max-radius", e->radius, "preset", e->preset,
      "linear-light", e->linear_light, NULL);
  if (e->depth_format) {
    g_autofree gchar *dcaps = g_strdup_printf ("video/x-raw,format=%s,width=3,height=2,framerate=30/1",
        e->depth_format);

    dh = gst_harness_new_with_element (h->element, "depth", NULL);
    gst_harness_set_src_caps_str (dh, dcaps);
    gst_harness_push (dh, make_uniform_depth (e->depth_format, 3, 2, e->depth, 0));
    gst_harness_push_event (dh, gst_event_new_eos ());
  }
  g_assert_cmpint (gst_harness_push (h, in), ==, GST_FLOW_OK);
  out = gst_harness_pull (h);
  g_assert_nonnull (out);
  if (dh)
    gst_harness_teardown (dh);
  gst_harness_teardown (h);
  return out;
}

/* Every kernel sums to one and the edges are clamped, so wherever all the
 * taps read the same value the output is that value, up to the engine's one
 * level of rounding: a 1×1 frame whatever the kernel, and a uniform frame
 * whatever its size. */
static void
expect_unchanged (const gchar *format, gint w, gint hgt, const Extreme *e, GstBuffer *in)
{
  GstVideoInfo info;
  GstBuffer *out = push_one (format, w, hgt, e, gst_buffer_ref (in));
  gchar *diff;

  gst_video_info_set_format (&info, gst_video_format_from_string (format), w, hgt);
  diff = frame_difference (out, in, &info, 1);
  if (diff)
    g_error ("%s %dx%d, %s r=%g%s%s%s: %s", format, w, hgt, e->preset, e->radius,
        e->linear_light ? " linear-light" : "", e->depth_format ? " depth " : "",
        e->depth_format ? e->depth_format : "", diff);
  gst_buffer_unref (out);
  gst_buffer_unref (in);
}

static GstBuffer *
uniform_frame (const gchar *format, gint w, gint hgt)
{
  static const guint8 rgb[4] = { 37, 150, 220, 255 }, yuv[4] = { 100, 60, 200, 255 }, gray[4] = { 90 };
  GstVideoInfo info;
  const guint8 *value;

  gst_video_info_set_format (&info, gst_video_format_from_string (format), w, hgt);
  value = GST_VIDEO_INFO_IS_RGB (&info) ? rgb : GST_VIDEO_INFO_IS_GRAY (&info) ? gray : yuv;
  return make_uniform_frame (&info, value, 0);
}

static void
test_extreme_sizes (void)
{
  const gchar *formats[] = { "RGBA", "RGB", "I420", "NV12", "Y444", "GRAY8", "AYUV" };
  const Extreme tiny[] = {
    { "disc", 5 }, { "star", 5 }, { "heart", 200 }, { "disc", 5, TRUE }, { "star", 5, TRUE },
    { "star", 5, FALSE, "GRAY16_LE", 65535 }, { "disc", 5, TRUE, "GRAY8", 0 },
  };
  const struct { gint w, h; Extreme e; } sizes[] = {
    { 1, 1, { "ring", 8 } }, { 2, 3, { "ring", 8 } },
    { 3, 2, { "ring", 300 } },                       /* radius far larger than the frame */
    { 1, 61, { "ring", 12 } }, { 61, 1, { "ring", 12 } }, { 4097, 3, { "star", 20 } },
    { 5, 7, { "ring", 40, FALSE, "GRAY16_LE", 0 } }, { 5, 7, { "ring", 40, FALSE, "GRAY16_LE", 65535 } },
  };

  for (guint f = 0; f < G_N_ELEMENTS (formats); f++) {
    for (guint t = 0; t < G_N_ELEMENTS (tiny); t++)
      expect_unchanged (formats[f], 1, 1, &tiny[t], make_frame (formats[f], 1, 1, t, 0));
    for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
      expect_unchanged (formats[f], sizes[s].w, sizes[s].h, &sizes[s].e,
          uniform_frame (formats[f], sizes[s].w, sizes[s].h));
  }
  /* Beyond 4K (7681×4321), one frame, gray to keep the memory modest. */
  {
    const Extreme e = { "ring", 4, FALSE, "GRAY8", 255 };

    expect_unchanged ("GRAY8", 7681, 4321, &e, uniform_frame ("GRAY8", 7681, 4321));
  }
}

/* Odd strides: the frame arrives with a GstVideoMeta describing rows of
 * width·4 + 3 bytes; the result equals the same frame packed tightly. */
static void
test_odd_strides (void)
{
  const gint w = 37, hgt = 21, stride = w * 4 + 3;
  GstHarness *h = harness ("video/x-raw,format=RGBA,width=37,height=21,framerate=30/1");
  GstBuffer *tight = make_frame ("RGBA", w, hgt, 3, 0), *odd, *a, *b;
  GstMapInfo mt, mo, ma, mb;
  gsize offset[4] = { 0 };
  gint strides[4] = { stride };

  odd = gst_buffer_new_allocate (NULL, (gsize) stride * hgt, NULL);
  gst_buffer_map (tight, &mt, GST_MAP_READ);
  gst_buffer_map (odd, &mo, GST_MAP_WRITE);
  memset (mo.data, 0xee, mo.size);
  for (gint y = 0; y < hgt; y++)
    memcpy (mo.data + y * stride, mt.data + y * w * 4, w * 4);
  gst_buffer_unmap (odd, &mo);
  gst_buffer_unmap (tight, &mt);
  gst_buffer_add_video_meta_full (odd, GST_VIDEO_FRAME_FLAG_NONE, GST_VIDEO_FORMAT_RGBA, w, hgt, 1, offset,
      strides);
  GST_BUFFER_PTS (odd) = 0;
  GST_BUFFER_PTS (tight) = FPS_PTS (1);

  gst_harness_set (h, "sparseconv", "radius", 6.0, NULL);
  gst_harness_push (h, odd);
  a = gst_harness_pull (h);
  gst_harness_push (h, tight);
  b = gst_harness_pull (h);
  gst_buffer_map (a, &ma, GST_MAP_READ);
  gst_buffer_map (b, &mb, GST_MAP_READ);
  g_assert_cmpuint (ma.size, ==, mb.size);
  g_assert_cmpmem (ma.data, ma.size, mb.data, mb.size);
  gst_buffer_unmap (b, &mb);
  gst_buffer_unmap (a, &ma);
  gst_buffer_unref (a);
  gst_buffer_unref (b);
  gst_harness_teardown (h);
}

/* ---- a flushing seek in a depth-driven pipeline ------------------------ */

static void
test_flushing_seek (void)
{
  g_autoptr (GError) error = NULL;
  GstElement *pipeline = gst_parse_launch (
      "videotestsrc num-buffers=120 ! video/x-raw,width=160,height=120,framerate=30/1 ! "
      "sparseconv name=s max-radius=8 ! fakesink name=sink sync=false "
      "videotestsrc pattern=gradient num-buffers=40 ! video/x-raw,format=GRAY8,width=40,height=30,framerate=10/1 ! s.depth",
      &error);
  g_autoptr (GstBus) bus = NULL;
  GstMessage *msg;

  g_assert_no_error (error);
  bus = gst_element_get_bus (pipeline);
  g_assert_cmpint (gst_element_set_state (pipeline, GST_STATE_PAUSED), !=, GST_STATE_CHANGE_FAILURE);
  g_assert_cmpint (gst_element_get_state (pipeline, NULL, NULL, 30 * GST_SECOND), ==, GST_STATE_CHANGE_SUCCESS);
  gst_element_set_state (pipeline, GST_STATE_PLAYING);
  g_usleep (50000);
  for (guint i = 0; i < 3; i++) {
    g_assert_true (gst_element_seek_simple (pipeline, GST_FORMAT_TIME,
            GST_SEEK_FLAG_FLUSH | GST_SEEK_FLAG_ACCURATE, (i + 1) * GST_SECOND / 2));
    g_usleep (20000);
  }
  msg = gst_bus_timed_pop_filtered (bus, 60 * GST_SECOND, GST_MESSAGE_EOS | GST_MESSAGE_ERROR);
  g_assert_nonnull (msg);
  g_assert_cmpint (GST_MESSAGE_TYPE (msg), ==, GST_MESSAGE_EOS);
  gst_message_unref (msg);
  gst_element_set_state (pipeline, GST_STATE_NULL);
  gst_object_unref (pipeline);
}

/* Highlights: switched on and off between every frame of a depth-driven
 * stream (both paths, extremes included), and values outside the ranges —
 * NaN among them — refused by the param specs. */
static void
test_highlight_properties (void)
{
  GstHarness *h = harness ("video/x-raw,format=RGBA,width=48,height=32,framerate=30/1");
  GstHarness *dh = gst_harness_new_with_element (h->element, "depth", NULL);
  g_autoptr (GstBuffer) frame = make_frame ("RGBA", 48, 32, 3, 0);
  const gdouble settings[][2] = { { 1, 1 }, { 0, 64 }, { 0.5, 4 }, { 1, 64 }, { 0, 1 } };
  const gchar *names[] = { "highlight-threshold", "highlight-gain" };
  const gdouble bad[2][3] = { { NAN, -0.5, 1.5 }, { NAN, 0.5, 65 } };

  gst_harness_set (h, "sparseconv", "max-radius", 6.0, NULL);
  gst_harness_set_src_caps_str (dh, "video/x-raw,format=GRAY8,width=12,height=8,framerate=0/1");
  gst_harness_push (dh, make_ramp ("GRAY8", 12, 8, 0));
  gst_harness_push_event (dh, gst_event_new_eos ());
  for (guint i = 0; i < 40; i++) {
    GstBuffer *in = gst_buffer_copy (frame), *out;
    const gdouble *k = settings[i % G_N_ELEMENTS (settings)];

    gst_harness_set (h, "sparseconv", "highlight-threshold", k[0], "highlight-gain", k[1], "occlusion",
        (gboolean) ((i / 5) & 1), NULL);
    GST_BUFFER_PTS (in) = FPS_PTS (i);
    g_assert_cmpint (gst_harness_push (h, in), ==, GST_FLOW_OK);
    out = gst_harness_pull (h);
    g_assert_nonnull (out);
    gst_buffer_unref (out);
  }
  for (guint n = 0; n < 2; n++) {
    GParamSpec *ps = g_object_class_find_property (G_OBJECT_GET_CLASS (h->element), names[n]);
    GValue v = G_VALUE_INIT;

    g_assert_nonnull (ps);
    g_value_init (&v, G_TYPE_DOUBLE);
    for (guint b = 0; b < 3; b++) {
      g_value_set_double (&v, bad[n][b]);
      g_assert_true (g_param_value_validate (ps, &v)); /* TRUE: the value had to be changed */
    }
    g_value_unset (&v);
  }
  gst_harness_teardown (dh);
  gst_harness_teardown (h);
}

/* Geometry: geometry, center-x, center-y, angle and vignetting changed from
 * another thread while frames stream, with and without a depth pad; every
 * frame must be one a fresh element makes for one of the 48 combinations.  Then the
 * extremes: centres on the frame's edges and corners, a max radius of 1000
 * on a small frame (the grid's level budget coarsens the angles instead of
 * failing), and values outside the ranges refused by the param specs. */
#define N_GEOMETRY 48

static const gdouble vignettings[] = { 0, 0.7 };

static void
geometry_setting (guint k, GstElement *e)
{
  static const gdouble centres[] = { 0, 1 }, ys[] = { 0.3, 1 }, turns[] = { 0, 45 };

  g_object_set (e, "geometry", (gint) (k % 3), "center-x", centres[(k / 3) & 1], "center-y", ys[(k / 6) & 1],
      "angle", turns[(k / 12) & 1], "vignetting", vignettings[(k / 24) & 1], NULL);
}

typedef struct {
  GstElement *element;
  volatile gint stop;
} GeometryChanger;

static gpointer
change_geometry (gpointer data)
{
  GeometryChanger *c = data;
  g_autoptr (GRand) rand = g_rand_new_with_seed (11);

  while (!g_atomic_int_get (&c->stop)) {
    /* One property at a time, as a user's controller would. */
    guint k = g_rand_int_range (rand, 0, N_GEOMETRY), which = g_rand_int_range (rand, 0, 5);
    static const gdouble centres[] = { 0, 1 }, ys[] = { 0.3, 1 }, turns[] = { 0, 45 };

    switch (which) {
      case 0: g_object_set (c->element, "geometry", (gint) (k % 3), NULL); break;
      case 1: g_object_set (c->element, "center-x", centres[(k / 3) & 1], NULL); break;
      case 2: g_object_set (c->element, "center-y", ys[(k / 6) & 1], NULL); break;
      case 3: g_object_set (c->element, "angle", turns[(k / 12) & 1], NULL); break;
      case 4: g_object_set (c->element, "vignetting", vignettings[(k / 24) & 1], NULL); break;
    }
    g_usleep (g_rand_int_range (rand, 0, 300));
  }
  return NULL;
}

static GstHarness *
geometry_harness (gboolean with_depth, GstHarness **dh)
{
  GstHarness *h = harness ("video/x-raw,format=RGBA,width=48,height=32,framerate=30/1");

  gst_harness_set (h, "sparseconv", "preset", "star", "max-radius", 6.0, "focus-range", 0.0, NULL);
  *dh = NULL;
  if (with_depth) {
    *dh = gst_harness_new_with_element (h->element, "depth", NULL);
    gst_harness_set_src_caps_str (*dh, "video/x-raw,format=GRAY8,width=12,height=8,framerate=0/1");
    gst_harness_push (*dh, make_ramp ("GRAY8", 12, 8, 0));
    gst_harness_push_event (*dh, gst_event_new_eos ());
  }
  return h;
}

static GstBuffer *
push_pull (GstHarness *h, GstBuffer *frame, guint n)
{
  GstBuffer *in = gst_buffer_copy (frame), *out;

  GST_BUFFER_PTS (in) = FPS_PTS (n);
  g_assert_cmpint (gst_harness_push (h, in), ==, GST_FLOW_OK);
  out = gst_harness_pull (h);
  g_assert_nonnull (out);
  return out;
}

static void
test_geometry_properties (void)
{
  g_autoptr (GstBuffer) frame = make_frame ("RGBA", 48, 32, 5, 0);
  GstVideoInfo info;

  gst_video_info_set_format (&info, GST_VIDEO_FORMAT_RGBA, 48, 32);
  for (gint with_depth = 0; with_depth < 2; with_depth++) {
    GstBuffer *expected[N_GEOMETRY];
    GstHarness *h, *dh;
    GeometryChanger changer;
    GThread *thread;
    guint seen = 0, n = 0;
    gboolean hit[N_GEOMETRY] = { FALSE };

    for (guint k = 0; k < N_GEOMETRY; k++) {
      h = geometry_harness (with_depth, &dh);
      geometry_setting (k, h->element);
      expected[k] = push_pull (h, frame, 0);
      if (dh)
        gst_harness_teardown (dh);
      gst_harness_teardown (h);
    }
    h = geometry_harness (with_depth, &dh);
    geometry_setting (0, h->element);
    changer = (GeometryChanger) { h->element, 0 };
    thread = g_thread_new ("geometry", change_geometry, &changer);
    for (guint i = 0; i < 300; i++) {
      GstBuffer *out = push_pull (h, frame, n++);
      guint k;

      for (k = 0; k < N_GEOMETRY; k++) {
        gchar *diff = frame_difference (out, expected[k], &info, 0);

        g_free (diff);
        if (diff == NULL)
          break;
      }
      if (k == N_GEOMETRY)
        g_error ("geometry race%s: frame %u matches none of the %u settings", with_depth ? " with depth" : "", i,
            N_GEOMETRY);
      seen += !hit[k];
      hit[k] = TRUE;
      gst_buffer_unref (out);
    }
    g_atomic_int_set (&changer.stop, 1);
    g_thread_join (thread);
    g_test_message ("geometry race%s met %u of %u settings", with_depth ? " with depth" : "", seen, N_GEOMETRY);

    /* Corners and edges, then the largest max radius. */
    for (guint c = 0; c < 4; c++) {
      gst_harness_set (h, "sparseconv", "geometry", 1 + (gint) (c & 1), "center-x", (gdouble) (c & 1),
          "center-y", (gdouble) (c >> 1), NULL);
      gst_buffer_unref (push_pull (h, frame, n++));
    }
    gst_harness_set (h, "sparseconv", "max-radius", 1000.0, "geometry", 2, NULL);
    gst_buffer_unref (push_pull (h, frame, n++));
    /* The cat's eye at its strongest there, and alone at a fixed radius. */
    gst_harness_set (h, "sparseconv", "vignetting", 0.9, NULL);
    gst_buffer_unref (push_pull (h, frame, n++));
    gst_harness_set (h, "sparseconv", "geometry", 0, "radius", 40.0, NULL);
    gst_buffer_unref (push_pull (h, frame, n++));
    for (guint k = 0; k < N_GEOMETRY; k++)
      gst_buffer_unref (expected[k]);
    if (dh)
      gst_harness_teardown (dh);
    gst_harness_teardown (h);
  }
  {
    GstElement *e = gst_element_factory_make ("sparseconv", NULL);
    const gchar *names[] = { "center-x", "center-y", "vignetting" };
    const gdouble bad[] = { NAN, -0.1, 1.1 };

    for (guint p = 0; p < G_N_ELEMENTS (names); p++) {
      GParamSpec *ps = g_object_class_find_property (G_OBJECT_GET_CLASS (e), names[p]);
      GValue v = G_VALUE_INIT;

      g_value_init (&v, G_TYPE_DOUBLE);
      for (guint b = 0; b < G_N_ELEMENTS (bad); b++) {
        g_value_set_double (&v, bad[b]);
        g_assert_true (g_param_value_validate (ps, &v));
      }
      g_value_unset (&v);
    }
    {
      GParamSpec *ps = g_object_class_find_property (G_OBJECT_GET_CLASS (e), "geometry");
      GValue v = G_VALUE_INIT;

      g_value_init (&v, ps->value_type);
      g_value_set_enum (&v, 7);
      g_assert_true (g_param_value_validate (ps, &v));
      g_value_unset (&v);
    }
    gst_object_unref (e);
  }
}

/* quarter-res-radius and the radius changed from another thread while
 * frames stream: every frame is one a fresh element makes for one of the
 * four settings — radius 17 and 40 by the default path (half/disc halved)
 * and 4× down (the half member at 8.5 and 20 px). */
typedef struct {
  GstElement *element;
  volatile gint stop;
} QuarterChanger;

static const gdouble quarter_radii[] = { 17, 40 };
static const gdouble quarter_res[] = { 0, 16 };

static gpointer
change_quarter (gpointer data)
{
  QuarterChanger *c = data;
  g_autoptr (GRand) rand = g_rand_new_with_seed (11);

  while (!g_atomic_int_get (&c->stop)) {
    if (g_rand_boolean (rand))
      g_object_set (c->element, "radius", quarter_radii[g_rand_int_range (rand, 0, 2)], NULL);
    else
      g_object_set (c->element, "quarter-res-radius", quarter_res[g_rand_int_range (rand, 0, 2)], NULL);
    g_usleep (g_rand_int_range (rand, 0, 300));
  }
  return NULL;
}

static void
test_quarter_properties (void)
{
  GstHarness *h = harness ("video/x-raw,format=RGBA,width=48,height=32,framerate=30/1");
  g_autoptr (GstBuffer) frame = make_frame ("RGBA", 48, 32, 5, 0);
  QuarterChanger changer = { h->element, 0 };
  GstBuffer *expected[4];
  guint hits[4] = { 0 };
  GstVideoInfo info;
  GThread *thread;

  gst_video_info_set_format (&info, GST_VIDEO_FORMAT_RGBA, 48, 32);
  for (guint k = 0; k < 4; k++) {
    Setting s = { "disc", quarter_radii[k & 1], 0, 0.2, FALSE, 24, quarter_res[k >> 1] };

    expected[k] = reference_output (&s, FALSE, frame);
  }
  for (guint k = 1; k < 4; k++)
    g_assert_false (buffers_equal (expected[0], expected[k]));   /* four paths, four frames */
  gst_harness_set (h, "sparseconv", "max-radius", 6.0, "focus-range", 0.0, "preset", "disc", "radius",
      quarter_radii[0], "quarter-res-radius", quarter_res[0], NULL);
  thread = g_thread_new ("changer", change_quarter, &changer);
  for (guint i = 0; i < 300; i++) {
    GstBuffer *in = gst_buffer_copy (frame), *out;
    guint k;

    GST_BUFFER_PTS (in) = FPS_PTS (i);
    g_assert_cmpint (gst_harness_push (h, in), ==, GST_FLOW_OK);
    out = gst_harness_pull (h);
    g_assert_nonnull (out);
    for (k = 0; k < 4; k++) {
      gchar *diff = frame_difference (out, expected[k], &info, RACE_TOLERANCE);

      g_free (diff);
      if (diff == NULL)
        break;
    }
    if (k == 4)
      g_error ("RGBA 48x32: race frame %u matches none of the 4 quarter-res-radius settings", i);
    hits[k]++;
    gst_buffer_unref (out);
  }
  g_atomic_int_set (&changer.stop, 1);
  g_thread_join (thread);
  g_test_message ("race frames per setting: %u %u %u %u", hits[0], hits[1], hits[2], hits[3]);
  for (guint k = 0; k < 4; k++)
    gst_buffer_unref (expected[k]);
  gst_harness_teardown (h);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  gst_init (&argc, &argv);
  g_test_add_func ("/stress/properties", test_property_stress);
  g_test_add_func ("/stress/highlight-properties", test_highlight_properties);
  g_test_add_func ("/stress/geometry-properties", test_geometry_properties);
  g_test_add_func ("/stress/properties-depth", test_property_stress_depth);
  g_test_add_func ("/stress/quarter-properties", test_quarter_properties);
  g_test_add_func ("/stress/renegotiation", test_renegotiation);
  g_test_add_func ("/stress/depth-pad-cycles", test_depth_pad_cycles);
  g_test_add_func ("/stress/depth-gaps-backwards", test_depth_gaps_and_backwards);
  g_test_add_func ("/stress/live-depth-never-arrives", test_live_depth_never_arrives);
  g_test_add_func ("/stress/extreme-sizes", test_extreme_sizes);
  g_test_add_func ("/stress/odd-strides", test_odd_strides);
  g_test_add_func ("/stress/flushing-seek", test_flushing_seek);
  return g_test_run ();
}
