/* Highlights through the element on a night scene, GRAY8 (the luma path,
 * coded values) and RGBA (linear light): dark ground, small lights whose
 * true intensity (1.8, 4, 8 and 16 × white) the 8-bit input clips to white, the
 * right half far (blurred by the disc of max-radius), the left half in
 * focus.  The truth is analytic: a disc blur keeps a light's energy, so the
 * mean over a disc holding the whole blurred light is intensity × light
 * area / disc area.  4–16× need the planes' headroom (skc-highlight.h). */
#include <gst/check/gstharness.h>
#include <gst/gst.h>
#include <math.h>

#define W 160
#define H 96
#define RADIUS 8.0
#define PROBE 12         /* the disc measured, radius > RADIUS + light half side · √2 */

typedef struct {
  gboolean rgba;       /* else GRAY8 */
  gdouble intensity;   /* × white, clipped to white in the input */
  gint light;          /* half side of the square lights */
} Case;

static const gint lights[][2] = { { 100, 30 }, { 135, 65 }, { 20, 30 }, { 45, 65 } }; /* last two in focus */

/* The depth map (light = 0) or the picture, in C channels (4: RGBA, alpha
 * opaque). */
static GstBuffer *
frame (gint light, gint C)
{
  GstBuffer *buf = gst_buffer_new_allocate (NULL, W * H * C, NULL);
  GstMapInfo map;

  gst_buffer_map (buf, &map, GST_MAP_WRITE);
  for (gint y = 0; y < H; y++)
    for (gint x = 0; x < W; x++) {
      guint8 v = 0;

      if (light == 0)
        v = x < W / 2 ? 255 : 0; /* near (focused, focus-depth 1) | far */
      else
        for (guint k = 0; k < G_N_ELEMENTS (lights); k++)
          if (ABS (x - lights[k][0]) <= light && ABS (y - lights[k][1]) <= light)
            v = 255; /* the intensity, clipped */
      /* A dim texture where the picture stays sharp, beyond the blur's
       * reach of the far half: its codes do not survive a plane held at
       * 2^−shift, so it shows whether in-focus pixels get theirs back. */
      if (light > 0 && v == 0 && x < W / 2 - 2 * (gint) RADIUS)
        v = (guint8) ((x * 7 + y * 3) % 41);
      for (gint c = 0; c < C; c++)
        map.data[(y * W + x) * C + c] = c == 3 ? 255 : v;
    }
  gst_buffer_unmap (buf, &map);
  GST_BUFFER_PTS (buf) = 0;
  GST_BUFFER_DURATION (buf) = GST_SECOND / 30;
  return buf;
}

static guint8 *
render (const Case *cs, gboolean occlusion, gdouble threshold, gdouble gain, gboolean set)
{
  GstHarness *h = gst_harness_new ("sparseconv"), *dh;
  const gchar *caps = "video/x-raw,format=GRAY8,width=160,height=96,framerate=30/1";
  gint C = cs->rgba ? 4 : 1;
  guint8 *got = g_malloc (W * H * C);
  GstBuffer *out;
  GstMapInfo map;

  gst_harness_set_src_caps_str (h, cs->rgba ? "video/x-raw,format=RGBA,width=160,height=96,framerate=30/1" : caps);
  gst_harness_set (h, "sparseconv", "preset", "disc", "max-radius", RADIUS, "focus-depth", 1.0, "occlusion",
      occlusion, NULL);
  if (set)
    gst_harness_set (h, "sparseconv", "highlight-threshold", threshold, "highlight-gain", gain, NULL);
  dh = gst_harness_new_with_element (h->element, "depth", NULL);
  gst_harness_set_src_caps_str (dh, caps);
  gst_harness_push (dh, frame (0, 1));
  g_assert_true (gst_harness_push_event (dh, gst_event_new_eos ()));
  g_assert_cmpint (gst_harness_push (h, frame (cs->light, C)), ==, GST_FLOW_OK);
  out = gst_harness_pull (h);
  g_assert_nonnull (out);
  gst_buffer_map (out, &map, GST_MAP_READ);
  g_assert_cmpuint (map.size, ==, W * H * C);
  memcpy (got, map.data, W * H * C);
  gst_buffer_unmap (out, &map);
  gst_buffer_unref (out);
  gst_harness_teardown (dh);
  gst_harness_teardown (h);
  return got;
}

/* IEC 61966-2-1 decoding, written out here as the test's own reference. */
static gdouble
linear (guint8 code)
{
  gdouble c = code / 255.0;

  return c <= 0.04045 ? c / 12.92 : pow ((c + 0.055) / 1.055, 2.4);
}

/* Mean brightness of the far lights against the truth: GRAY8 is filtered
 * as coded, RGBA in linear light (each of R, G, B counts a third). */
static gdouble
ratio (const Case *cs, const guint8 *img)
{
  gint C = cs->rgba ? 4 : 1, side = 2 * cs->light + 1;
  gdouble sum = 0, truth;

  for (guint k = 0; k < 2; k++)
    for (gint dy = -PROBE; dy <= PROBE; dy++)
      for (gint dx = -PROBE; dx <= PROBE; dx++)
        if (dx * dx + dy * dy <= PROBE * PROBE) {
          const guint8 *px = img + ((lights[k][1] + dy) * W + lights[k][0] + dx) * C;

          if (cs->rgba)
            sum += (linear (px[0]) + linear (px[1]) + linear (px[2])) / 3;
          else
            sum += px[0] / 255.0;
        }
  truth = 2 * cs->intensity * side * side;
  return sum / truth;
}

/* The documented setting for clipped lights of about I × white: everything
 * above half white stretched with slope gain = 2I − 1, so that a clipped
 * white comes back at I (1.8: 2.6, 4: 7, 8: 15, 16: 31). */
#define THRESHOLD 0.5
#define GAIN_FOR(i) (2 * (i) - 1)

static const Case cases[] = {
  { FALSE, 1.8, 2 }, { FALSE, 4, 1 }, { FALSE, 8, 1 },
  { TRUE, 1.8, 2 }, { TRUE, 4, 1 }, { TRUE, 8, 1 }, { TRUE, 16, 1 },
};

static void
test_bloom (gconstpointer data)
{
  const Case *cs = data;
  gint C = cs->rgba ? 4 : 1, n = W * H * C, focused = (W / 2 - 2 * (gint) RADIUS) * C;
  gdouble gain = GAIN_FOR (cs->intensity);

  for (gint occ = 1; occ >= 0; occ--) {
    g_autofree guint8 *plain = render (cs, occ, 0, 0, FALSE);
    g_autofree guint8 *bloom = render (cs, occ, THRESHOLD, gain, TRUE);
    g_autofree guint8 *unity = render (cs, occ, THRESHOLD, 1, TRUE);
    g_autofree guint8 *t1 = render (cs, occ, 1, gain, TRUE);
    gdouble rp = ratio (cs, plain), rb = ratio (cs, bloom);

    g_test_message ("%s, %s, lights %gx white: far lights' mean brightness / truth: without bloom %.3f, "
        "with highlight-threshold=%g highlight-gain=%g %.3f", cs->rgba ? "RGBA" : "GRAY8",
        occ ? "occlusion" : "gather", cs->intensity, rp, THRESHOLD, gain, rb);
    g_assert_cmpfloat (fabs (rb - 1), <, 0.15);
    g_assert_cmpfloat (fabs (rp - 1), >=, 0.15);
    /* Off (gain 1 or threshold 1) is today's output byte for byte. */
    g_assert_cmpmem (plain, n, unity, n);
    g_assert_cmpmem (plain, n, t1, n);
    /* In focus (left, beyond the blur's reach of the edge): untouched,
     * whatever the headroom. */
    for (gint y = 0; y < H; y++)
      g_assert_cmpmem (plain + y * W * C, focused, bloom + y * W * C, focused);
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  gst_init (&argc, &argv);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++) {
    g_autofree gchar *path = g_strdup_printf ("/element/highlight/bloom/%s/%gx", cases[i].rgba ? "rgba" : "gray8",
        cases[i].intensity);

    g_test_add_data_func (path, &cases[i], test_bloom);
  }
  return g_test_run ();
}
