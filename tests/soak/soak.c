/* Soak test (not in the default suite): a depth-driven 1080p pipeline for
 * many frames, printing the resident memory every 1000 frames.  The depth
 * stream runs at another framerate and resolution, focus-depth sweeps under
 * a controller, and the preset changes now and then, so every cache in the
 * element is rebuilt many times over.
 *
 *   build/tests/soak/soak [FRAMES] [FORMAT]      (default 20000 I420)
 *
 * Ends with the verdict: memory after warm-up (frame 2000) against the end. */
#include <gst/gst.h>
#include <gst/controller/gstinterpolationcontrolsource.h>
#include <gst/controller/gstdirectcontrolbinding.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
  guint64 frames, limit;
  GstElement *filter;
  GArray *rss;   /* kB at every 1000 frames */
} Soak;

static glong
resident_kb (void)
{
  g_autofree gchar *status = NULL;
  const gchar *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;
  line = strstr (status, "VmRSS:");
  return line ? strtol (line + 6, NULL, 10) : -1;
}

static GstPadProbeReturn
count_frame (GstPad *pad, GstPadProbeInfo *info, gpointer data)
{
  Soak *s = data;

  s->frames++;
  if (s->frames % 1000 == 0) {
    glong kb = resident_kb ();

    g_array_append_val (s->rss, kb);
    g_print ("frame %6" G_GUINT64_FORMAT "  rss %7ld kB\n", s->frames, kb);
    /* Swap presets now and then: loads, reshapes and rebuilds the levels. */
    g_object_set (s->filter, "preset", (s->frames / 1000) % 2 ? "star" : "hexagon", NULL);
  }
  return GST_PAD_PROBE_OK;
}

int
main (int argc, char **argv)
{
  Soak s = { 0 };
  const gchar *format;
  g_autofree gchar *desc = NULL;
  g_autoptr (GError) error = NULL;
  GstElement *pipeline;
  GstControlSource *cs;
  GstMessage *msg;
  GstBus *bus;
  GstPad *pad;
  glong warm, last;
  gint ret = 0;

  gst_init (&argc, &argv);
  s.limit = argc > 1 ? g_ascii_strtoull (argv[1], NULL, 10) : 20000;
  format = argc > 2 ? argv[2] : "I420";
  s.rss = g_array_new (FALSE, FALSE, sizeof (glong));
  desc = g_strdup_printf ("videotestsrc num-buffers=%" G_GUINT64_FORMAT " pattern=ball ! "
      "video/x-raw,format=%s,width=1920,height=1080,framerate=30/1 ! "
      "sparseconv name=filter preset=hexagon max-radius=24 ! fakesink name=sink "
      "videotestsrc pattern=gradient ! video/x-raw,format=GRAY16_LE,width=480,height=270,framerate=10/1 ! "
      "filter.depth", s.limit, format);
  pipeline = gst_parse_launch (desc, &error);
  if (pipeline == NULL) {
    g_printerr ("%s\n", error->message);
    return 1;
  }
  s.filter = gst_bin_get_by_name (GST_BIN (pipeline), "filter");
  cs = gst_interpolation_control_source_new ();
  g_object_set (cs, "mode", GST_INTERPOLATION_MODE_LINEAR, NULL);
  /* A focus sweep back and forth every 20 s of stream time. */
  for (guint64 t = 0; t <= s.limit / 30 + 20; t += 10)
    gst_timed_value_control_source_set (GST_TIMED_VALUE_CONTROL_SOURCE (cs), t * GST_SECOND,
        (t / 10) % 2 ? 0.9 : 0.1);
  gst_object_add_control_binding (GST_OBJECT (s.filter),
      gst_direct_control_binding_new_absolute (GST_OBJECT (s.filter), "focus-depth", cs));
  gst_object_unref (cs);
  {
    GstElement *sink = gst_bin_get_by_name (GST_BIN (pipeline), "sink");

    pad = gst_element_get_static_pad (sink, "sink");
    gst_pad_add_probe (pad, GST_PAD_PROBE_TYPE_BUFFER, count_frame, &s, NULL);
    gst_object_unref (pad);
    gst_object_unref (sink);
  }
  gst_element_set_state (pipeline, GST_STATE_PLAYING);
  bus = gst_element_get_bus (pipeline);
  msg = gst_bus_timed_pop_filtered (bus, GST_CLOCK_TIME_NONE, GST_MESSAGE_EOS | GST_MESSAGE_ERROR);
  if (GST_MESSAGE_TYPE (msg) == GST_MESSAGE_ERROR) {
    g_autoptr (GError) err = NULL;

    gst_message_parse_error (msg, &err, NULL);
    g_printerr ("error: %s\n", err->message);
    ret = 1;
  }
  gst_message_unref (msg);
  gst_object_unref (bus);
  gst_element_set_state (pipeline, GST_STATE_NULL);
  gst_object_unref (s.filter);
  gst_object_unref (pipeline);

  if (ret == 0 && s.rss->len >= 3) {
    warm = g_array_index (s.rss, glong, 1);
    last = g_array_index (s.rss, glong, s.rss->len - 1);
    g_print ("frames %" G_GUINT64_FORMAT ": rss %ld kB at frame 2000, %ld kB at the end (%+ld kB)\n",
        s.frames, warm, last, last - warm);
    /* Allow for allocator noise, not for a leak: a leak of one small
     * allocation a frame over 18000 frames would exceed it. */
    if (last - warm > 2048) {
      g_print ("memory grew after warm-up\n");
      ret = 1;
    }
  }
  g_array_unref (s.rss);
  return ret;
}
