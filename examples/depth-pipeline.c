/* depth-pipeline: a rack focus over a still photo and its depth map, written as a clip.
 *
 *   photo.png ─ pngdec ─ videoconvert ─ imagefreeze ─┐
 *                                                    ├─ sparseconv ─ videoconvert ─ encoder ─ muxer ─ filesink
 *   depth.png ─ pngdec ─ videoconvert ─ imagefreeze ─┘ (depth pad)
 *
 * A GstController animates sparseconv's focus-depth from far (the backdrop) to near (the
 * helmet in front), holding each end for a moment.  The output container follows the
 * file name: .ogv/.ogg (Theora in Ogg), .avi (MJPEG in AVI) or .webm (VP8 in WebM).
 *
 *   GST_PLUGIN_PATH=build/gst build/examples/depth-pipeline \
 *       tests/data/astronaut.png examples/data/astronaut-depth.png out/rack-focus.ogv
 */
#include <gst/gst.h>
#include <gst/controller/gstinterpolationcontrolsource.h>
#include <gst/controller/gstdirectcontrolbinding.h>
#include <glib-unix.h>
#include <glib/gstdio.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

typedef struct
{
  GMainLoop *loop;
  GstElement *pipeline;
  GstElement *conv;
  GstClockTime duration;
  gint frames;
  gint done;                    /* frames out of sparseconv (atomic: counted on the streaming thread) */
  gint64 started_us;
  guint sigint_id;
  gboolean failed;
  gboolean interrupted;
} App;

static GstElement *
make (GstElement * bin, const gchar * factory, const gchar * name)
{
  GstElement *e = gst_element_factory_make (factory, name);

  if (e == NULL) {
    g_printerr ("error: no element '%s' (is its plugin installed%s?)\n", factory,
        g_str_equal (factory, "sparseconv") ? ", is GST_PLUGIN_PATH set to build/gst" : "");
    return NULL;
  }
  gst_bin_add (GST_BIN (bin), e);
  return e;
}

static gboolean
link_caps (GstElement * a, GstElement * b, const gchar * caps_str)
{
  gboolean ok;

  if (caps_str == NULL) {
    ok = gst_element_link (a, b);
  } else {
    GstCaps *caps = gst_caps_from_string (caps_str);
    ok = gst_element_link_filtered (a, b, caps);
    gst_caps_unref (caps);
  }
  if (!ok)
    g_printerr ("error: cannot link %s to %s\n", GST_OBJECT_NAME (a), GST_OBJECT_NAME (b));
  return ok;
}

/* filesrc ! pngdec ! videoconvert [! format caps] ! imagefreeze num-buffers=N ! rate caps.
 * Returns the branch's last element (a capsfilter) or NULL. */
static GstElement *
still_branch (GstElement * bin, const gchar * prefix, const gchar * path,
    const gchar * format_caps, gint frames, const gchar * rate_caps)
{
  static const gchar *const factories[] = { "filesrc", "pngdec", "videoconvert", "imagefreeze", "capsfilter" };
  GstElement *e[G_N_ELEMENTS (factories)];
  GstCaps *caps;
  guint i;

  for (i = 0; i < G_N_ELEMENTS (factories); i++) {
    gchar *name = g_strdup_printf ("%s-%s", prefix, factories[i]);

    e[i] = make (bin, factories[i], name);
    g_free (name);
    if (e[i] == NULL)
      return NULL;
  }
  g_object_set (e[0], "location", path, NULL);
  g_object_set (e[3], "num-buffers", frames, NULL);
  caps = gst_caps_from_string (rate_caps);
  g_object_set (e[4], "caps", caps, NULL);
  gst_caps_unref (caps);
  if (!link_caps (e[0], e[1], NULL) || !link_caps (e[1], e[2], NULL)
      || !link_caps (e[2], e[3], format_caps) || !link_caps (e[3], e[4], NULL))
    return NULL;
  return e[4];
}

/* Encoder and muxer for the output file's extension. */
static gboolean
pick_encoder (const gchar * path, const gchar ** enc, const gchar ** mux)
{
  gchar *lower = g_ascii_strdown (path, -1);
  gboolean ok = TRUE;

  if (g_str_has_suffix (lower, ".ogv") || g_str_has_suffix (lower, ".ogg")) {
    *enc = "theoraenc";
    *mux = "oggmux";
  } else if (g_str_has_suffix (lower, ".avi")) {
    *enc = "jpegenc";
    *mux = "avimux";
  } else if (g_str_has_suffix (lower, ".webm")) {
    *enc = "vp8enc";
    *mux = "webmmux";
  } else {
    ok = FALSE;
  }
  g_free (lower);
  return ok;
}

static gboolean
on_bus (GstBus * bus, GstMessage * msg, gpointer user_data)
{
  App *app = user_data;

  switch (GST_MESSAGE_TYPE (msg)) {
    case GST_MESSAGE_ERROR:{
      GError *err = NULL;
      gchar *dbg = NULL;

      gst_message_parse_error (msg, &err, &dbg);
      g_printerr ("error from %s: %s\n", GST_OBJECT_NAME (msg->src), err->message);
      if (dbg != NULL)
        g_printerr ("  (%s)\n", dbg);
      g_clear_error (&err);
      g_free (dbg);
      app->failed = TRUE;
      g_main_loop_quit (app->loop);
      break;
    }
    case GST_MESSAGE_WARNING:{
      GError *err = NULL;
      gchar *dbg = NULL;

      gst_message_parse_warning (msg, &err, &dbg);
      g_printerr ("warning from %s: %s\n", GST_OBJECT_NAME (msg->src), err->message);
      g_clear_error (&err);
      g_free (dbg);
      break;
    }
    case GST_MESSAGE_EOS:
      g_main_loop_quit (app->loop);
      break;
    default:
      break;
  }
  return G_SOURCE_CONTINUE;
}

static GstPadProbeReturn
on_frame (GstPad * pad, GstPadProbeInfo * info, gpointer user_data)
{
  App *app = user_data;

  g_atomic_int_inc (&app->done);
  return GST_PAD_PROBE_OK;
}

/* Twice a second: frames filtered so far, the focus-depth the controller last gave the
 * element, and how far the encoded file has got. */
static gboolean
on_progress (gpointer user_data)
{
  App *app = user_data;
  gint64 pos = 0;
  gdouble focus = 0.0;

  if (!gst_element_query_position (app->pipeline, GST_FORMAT_TIME, &pos))
    pos = 0;
  g_object_get (app->conv, "focus-depth", &focus, NULL);
  g_print ("  frame %3d/%d   focus-depth %.3f   written %.2f/%.2f s   (%.1f s elapsed)\n",
      g_atomic_int_get (&app->done), app->frames, focus, (gdouble) pos / GST_SECOND,
      (gdouble) app->duration / GST_SECOND, (g_get_monotonic_time () - app->started_us) / 1e6);
  return G_SOURCE_CONTINUE;
}

/* pngdec ends a stream that is not a PNG with a plain EOS and no error, which would leave
 * sparseconv without a depth map: check the signature first. */
static gboolean
is_png (const gchar * path)
{
  static const guchar sig[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
  guchar head[8];
  FILE *f = g_fopen (path, "rb");
  gboolean ok;

  if (f == NULL) {
    g_printerr ("error: cannot open %s: %s\n", path, g_strerror (errno));
    return FALSE;
  }
  ok = fread (head, 1, sizeof head, f) == sizeof head && memcmp (head, sig, sizeof sig) == 0;
  fclose (f);
  if (!ok)
    g_printerr ("error: %s is not a PNG file\n", path);
  return ok;
}

static gboolean
on_sigint (gpointer user_data)
{
  App *app = user_data;

  if (app->interrupted) {       /* second ^C: give up at once */
    app->failed = TRUE;
    app->sigint_id = 0;
    g_main_loop_quit (app->loop);
    return G_SOURCE_REMOVE;
  }
  g_printerr ("interrupted: finishing the file (^C again to abort)\n");
  app->interrupted = TRUE;
  gst_element_send_event (app->pipeline, gst_event_new_eos ());
  return G_SOURCE_CONTINUE;
}

/* The rack focus: hold `far`, ease to `near`, hold `near`. */
static gboolean
animate_focus (GstElement * conv, GstClockTime duration, gdouble far, gdouble near)
{
  GstControlSource *cs = gst_interpolation_control_source_new ();
  GstTimedValueControlSource *tv = GST_TIMED_VALUE_CONTROL_SOURCE (cs);
  GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (conv), "focus-depth");
  GstClockTime hold = duration / 6;
  gboolean ok;

  if (pspec == NULL || !(pspec->flags & GST_PARAM_CONTROLLABLE)) {
    g_printerr ("error: sparseconv's focus-depth is not controllable\n");
    gst_object_unref (cs);
    return FALSE;
  }
  g_object_set (cs, "mode", GST_INTERPOLATION_MODE_CUBIC_MONOTONIC, NULL);
  /* focus-depth's range is 0..1, so the direct binding's 0..1 control values are its values */
  gst_timed_value_control_source_set (tv, 0, far);
  gst_timed_value_control_source_set (tv, hold, far);
  gst_timed_value_control_source_set (tv, duration - hold, near);
  gst_timed_value_control_source_set (tv, duration, near);
  ok = gst_object_add_control_binding (GST_OBJECT (conv),
      gst_direct_control_binding_new (GST_OBJECT (conv), "focus-depth", cs));
  gst_object_unref (cs);
  if (!ok)
    g_printerr ("error: cannot bind a control source to focus-depth\n");
  return ok;
}

int
main (int argc, char **argv)
{
  gdouble seconds = 3.0, far = 0.12, near = 0.92, range = 0.06, max_radius = 18.0;
  gint fps = 30;
  gchar *preset = NULL;
  GOptionEntry entries[] = {
    {"seconds", 's', 0, G_OPTION_ARG_DOUBLE, &seconds, "Clip length (default 3)", "S"},
    {"fps", 'r', 0, G_OPTION_ARG_INT, &fps, "Frames per second (default 30)", "N"},
    {"far", 0, 0, G_OPTION_ARG_DOUBLE, &far, "focus-depth at the start (default 0.12, the backdrop)", "D"},
    {"near", 0, 0, G_OPTION_ARG_DOUBLE, &near, "focus-depth at the end (default 0.92, the helmet)", "D"},
    {"focus-range", 0, 0, G_OPTION_ARG_DOUBLE, &range, "In-focus band (default 0.06)", "D"},
    {"max-radius", 0, 0, G_OPTION_ARG_DOUBLE, &max_radius, "Largest blur radius in px (default 18)", "PX"},
    {"preset", 'p', 0, G_OPTION_ARG_STRING, &preset, "Kernel family or .skc file (default hexagon)", "NAME"},
    {NULL}
  };
  GOptionContext *ctx;
  GError *err = NULL;
  App app = { 0 };
  GstElement *pipe, *photo, *depth, *conv, *cvt, *enc, *mux, *sink;
  GstPad *depth_pad = NULL, *branch_pad;
  const gchar *enc_name, *mux_name;
  gchar *rate_caps;
  gint frames;
  GstBus *bus;
  guint bus_watch, progress_id;
  gint64 elapsed_us;

  ctx = g_option_context_new ("PHOTO.png DEPTH.png OUTPUT.{ogv,avi,webm}");
  g_option_context_set_summary (ctx,
      "Renders a rack focus (far to near) over PHOTO with the depth map DEPTH (8- or 16-bit\n"
      "gray PNG, white = near) through the sparseconv element, and writes the clip to OUTPUT.");
  g_option_context_add_main_entries (ctx, entries, NULL);
  g_option_context_add_group (ctx, gst_init_get_option_group ());
  if (!g_option_context_parse (ctx, &argc, &argv, &err)) {
    g_printerr ("%s\n", err->message);
    g_clear_error (&err);
    g_option_context_free (ctx);
    return 2;
  }
  if (argc != 4 || seconds <= 0.0 || fps <= 0 || !pick_encoder (argv[3], &enc_name, &mux_name)) {
    gchar *help = g_option_context_get_help (ctx, TRUE, NULL);
    g_printerr ("%s", help);
    g_free (help);
    g_option_context_free (ctx);
    return 2;
  }
  g_option_context_free (ctx);
  if (!is_png (argv[1]) || !is_png (argv[2]))
    return 1;

  frames = MAX ((gint) (seconds * fps + 0.5), 1);
  app.frames = frames;
  app.duration = gst_util_uint64_scale (frames, GST_SECOND, fps);
  rate_caps = g_strdup_printf ("video/x-raw,framerate=%d/1", fps);

  pipe = gst_pipeline_new ("depth-pipeline");
  app.pipeline = pipe;
  photo = still_branch (pipe, "photo", argv[1], NULL, frames, rate_caps);
  depth = still_branch (pipe, "depth", argv[2], "video/x-raw,format={GRAY8,GRAY16_LE}", frames, rate_caps);
  conv = make (pipe, "sparseconv", "sparseconv");
  cvt = make (pipe, "videoconvert", "out-convert");
  enc = make (pipe, enc_name, "encoder");
  mux = make (pipe, mux_name, "muxer");
  sink = make (pipe, "filesink", "sink");
  if (photo == NULL || depth == NULL || conv == NULL || cvt == NULL || enc == NULL || mux == NULL || sink == NULL)
    goto fail;
  app.conv = conv;

  g_object_set (conv, "preset", preset != NULL ? preset : "hexagon", "focus-range", range,
      "max-radius", max_radius, NULL);
  gst_util_set_object_arg (G_OBJECT (conv), "depth-mode", "depth");
  g_object_set (sink, "location", argv[3], NULL);
  if (g_str_equal (enc_name, "jpegenc"))
    g_object_set (enc, "quality", 90, NULL);
  else if (g_str_equal (enc_name, "vp8enc"))
    g_object_set (enc, "deadline", (gint64) 1, NULL);   /* realtime-ish: keeps the demo short */

  /* photo → sparseconv's sink pad, depth → a requested depth pad, both at the clip's rate */
  if (!gst_element_link_pads (photo, "src", conv, "sink")) {
    g_printerr ("error: cannot link the photo to sparseconv's sink pad\n");
    goto fail;
  }
  depth_pad = gst_element_request_pad_simple (conv, "depth");
  if (depth_pad == NULL) {
    g_printerr ("error: sparseconv gave no depth pad\n");
    goto fail;
  }
  branch_pad = gst_element_get_static_pad (depth, "src");
  if (gst_pad_link (branch_pad, depth_pad) != GST_PAD_LINK_OK) {
    g_printerr ("error: cannot link the depth branch to sparseconv's depth pad\n");
    gst_object_unref (branch_pad);
    goto fail;
  }
  gst_object_unref (branch_pad);
  if (!link_caps (conv, cvt, NULL) || !link_caps (cvt, enc, NULL) || !link_caps (enc, mux, NULL)
      || !link_caps (mux, sink, NULL))
    goto fail;

  if (!animate_focus (conv, app.duration, far, near))
    goto fail;
  {
    GstPad *src = gst_element_get_static_pad (conv, "src");

    gst_pad_add_probe (src, GST_PAD_PROBE_TYPE_BUFFER, on_frame, &app, NULL);
    gst_object_unref (src);
  }

  app.loop = g_main_loop_new (NULL, FALSE);
  bus = gst_pipeline_get_bus (GST_PIPELINE (pipe));
  bus_watch = gst_bus_add_watch (bus, on_bus, &app);
  gst_object_unref (bus);
  progress_id = g_timeout_add (500, on_progress, &app);
  app.sigint_id = g_unix_signal_add (SIGINT, on_sigint, &app);

  g_print ("depth-pipeline: %s + %s -> %s (%d frames at %d fps, %s + %s), focus-depth %.2f -> %.2f\n",
      argv[1], argv[2], argv[3], frames, fps, enc_name, mux_name, far, near);
  app.started_us = g_get_monotonic_time ();
  if (gst_element_set_state (pipe, GST_STATE_PLAYING) == GST_STATE_CHANGE_FAILURE) {
    g_printerr ("error: the pipeline would not start\n");
    app.failed = TRUE;
    /* the bus usually holds the reason */
    {
      GstMessage *m = gst_bus_pop_filtered (GST_ELEMENT_BUS (pipe), GST_MESSAGE_ERROR);

      if (m != NULL) {
        on_bus (NULL, m, &app);
        gst_message_unref (m);
      }
    }
  } else {
    g_main_loop_run (app.loop);
  }
  elapsed_us = g_get_monotonic_time () - app.started_us;

  gst_element_set_state (pipe, GST_STATE_NULL);
  g_source_remove (bus_watch);
  g_source_remove (progress_id);
  if (app.sigint_id != 0)
    g_source_remove (app.sigint_id);
  g_main_loop_unref (app.loop);

  if (!app.failed)
    g_print ("wrote %s: %d frames in %.1f s (%.1f frames/s)\n", argv[3], g_atomic_int_get (&app.done),
        elapsed_us / 1e6, g_atomic_int_get (&app.done) / (elapsed_us / 1e6));
  gst_element_release_request_pad (conv, depth_pad);
  gst_object_unref (depth_pad);
  gst_object_unref (pipe);
  g_free (rate_caps);
  g_free (preset);
  return app.failed ? 1 : 0;

fail:
  if (depth_pad != NULL) {
    gst_element_release_request_pad (conv, depth_pad);
    gst_object_unref (depth_pad);
  }
  gst_object_unref (pipe);
  g_free (rate_caps);
  g_free (preset);
  return 1;
}
