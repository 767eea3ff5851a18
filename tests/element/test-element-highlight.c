/* Highlights through the element on a night scene (GRAY8: the luma path):
 * dark ground, small lights whose true intensity (1.8 × white) the 8-bit
 * input clips to white, the right half far (blurred by the disc of
 * max-radius), the left half in focus.  The truth is analytic: a disc blur
 * keeps a light's energy, so the mean over a disc holding the whole blurred
 * light is intensity × light area / disc area. */
#include <gst/check/gstharness.h>
#include <gst/gst.h>
#include <math.h>

#define W 160
#define H 96
#define RADIUS 8.0
#define INTENSITY 1.8
#define LIGHT 2          /* half side: 5×5 lights */
#define PROBE 12         /* the disc measured, radius > RADIUS + LIGHT·√2 */

static const gint lights[][2] = { { 100, 30 }, { 135, 65 }, { 20, 30 }, { 45, 65 } }; /* last two in focus */

static GstBuffer *
gray (gboolean depth)
{
  GstBuffer *buf = gst_buffer_new_allocate (NULL, W * H, NULL);
  GstMapInfo map;

  gst_buffer_map (buf, &map, GST_MAP_WRITE);
  for (gint y = 0; y < H; y++)
    for (gint x = 0; x < W; x++) {
      guint8 v = 0;

      if (depth)
        v = x < W / 2 ? 255 : 0; /* near (focused, focus-depth 1) | far */
      else
        for (guint k = 0; k < G_N_ELEMENTS (lights); k++)
          if (ABS (x - lights[k][0]) <= LIGHT && ABS (y - lights[k][1]) <= LIGHT)
            v = 255; /* INTENSITY clipped */
      map.data[y * W + x] = v;
    }
  gst_buffer_unmap (buf, &map);
  GST_BUFFER_PTS (buf) = 0;
  GST_BUFFER_DURATION (buf) = GST_SECOND / 30;
  return buf;
}

static guint8 *
render (gboolean occlusion, gdouble threshold, gdouble gain, gboolean set)
{
  GstHarness *h = gst_harness_new ("sparseconv"), *dh;
  const gchar *caps = "video/x-raw,format=GRAY8,width=160,height=96,framerate=30/1";
  guint8 *got = g_malloc (W * H);
  GstBuffer *out;
  GstMapInfo map;

  gst_harness_set_src_caps_str (h, caps);
  gst_harness_set (h, "sparseconv", "preset", "disc", "max-radius", RADIUS, "focus-depth", 1.0, "occlusion",
      occlusion, NULL);
  if (set)
    gst_harness_set (h, "sparseconv", "highlight-threshold", threshold, "highlight-gain", gain, NULL);
  dh = gst_harness_new_with_element (h->element, "depth", NULL);
  gst_harness_set_src_caps_str (dh, caps);
  gst_harness_push (dh, gray (TRUE));
  g_assert_true (gst_harness_push_event (dh, gst_event_new_eos ()));
  g_assert_cmpint (gst_harness_push (h, gray (FALSE)), ==, GST_FLOW_OK);
  out = gst_harness_pull (h);
  g_assert_nonnull (out);
  gst_buffer_map (out, &map, GST_MAP_READ);
  memcpy (got, map.data, W * H);
  gst_buffer_unmap (out, &map);
  gst_buffer_unref (out);
  gst_harness_teardown (dh);
  gst_harness_teardown (h);
  return got;
}

/* Mean brightness of the far lights against the truth. */
static gdouble
ratio (const guint8 *img)
{
  gdouble sum = 0, truth = 0;
  gint area = 0;

  for (guint k = 0; k < 2; k++)
    for (gint dy = -PROBE; dy <= PROBE; dy++)
      for (gint dx = -PROBE; dx <= PROBE; dx++)
        if (dx * dx + dy * dy <= PROBE * PROBE) {
          sum += img[(lights[k][1] + dy) * W + lights[k][0] + dx] / 255.0;
          area++;
        }
  truth = 2 * INTENSITY * (2 * LIGHT + 1) * (2 * LIGHT + 1);
  return sum / truth * (area > 0);
}

/* Documented settings for lights ~1.8 × white: everything above half white
 * is stretched with slope 2.6, so a clipped white comes back at 1.8. */
#define THRESHOLD 0.5
#define GAIN 2.6

static void
test_bloom (void)
{
  for (gint occ = 1; occ >= 0; occ--) {
    g_autofree guint8 *plain = render (occ, 0, 0, FALSE);
    g_autofree guint8 *bloom = render (occ, THRESHOLD, GAIN, TRUE);
    g_autofree guint8 *unity = render (occ, THRESHOLD, 1, TRUE);
    gdouble rp = ratio (plain), rb = ratio (bloom), ru = ratio (unity);

    g_test_message ("%s: far lights' mean brightness / truth: without bloom %.3f, with bloom %.3f "
        "(gain 1: %.3f)", occ ? "occlusion" : "gather", rp, rb, ru);
    g_assert_cmpfloat (fabs (rb - 1), <, 0.15);
    g_assert_cmpfloat (fabs (ru - 1), >=, 0.15);
    /* Off (gain 1 or threshold 1) is today's output byte for byte. */
    g_assert_cmpmem (plain, W * H, unity, W * H);
    {
      g_autofree guint8 *t1 = render (occ, 1, GAIN, TRUE);

      g_assert_cmpmem (plain, W * H, t1, W * H);
    }
    /* In focus (left, beyond the blur's reach of the edge): untouched. */
    for (gint y = 0; y < H; y++)
      g_assert_cmpmem (plain + y * W, W / 2 - 2 * (gint) RADIUS, bloom + y * W, W / 2 - 2 * (gint) RADIUS);
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  gst_init (&argc, &argv);
  g_test_add_func ("/element/highlight/bloom", test_bloom);
  return g_test_run ();
}
