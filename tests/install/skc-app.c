/* An application of the installed libskc, built by test-install.sh with
 * `pkg-config --cflags --libs skc-1.0` against the installed tree only: it
 * loads the built-in hexagon family by name, takes its member at radius 4,
 * and filters 8-bit gray frames with the frame filter.  Two hand-computable
 * properties of a unit-sum kernel with clamped edges:
 *   - a uniform frame stays uniform (within the engine's one level of
 *     rounding);
 *   - a single bright pixel spreads into a blob inside the kernel's reach
 *     whose total is the pixel's value, within half a level per pixel of
 *     the blob's bounding box grown by one pixel (each output sample is
 *     rounded to 8 bits, and the faint rim rounds to 0).
 * Prints one line per check and exits 0 when all hold. */
#include <skc-error.h>
#include <skc-family.h>
#include <skc-frame.h>
#include <skc-preset-lookup.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define W 64
#define H 64
#define RADIUS 4.0
#define BRIGHT 255

static int failures = 0;

static void
check (int ok, const char *what)
{
  printf ("%s: %s\n", ok ? "ok" : "FAIL", what);
  failures += !ok;
}

static gboolean
filter (SkcFrameFilter *ff, const SkcComplex *c, guint8 *in_px, guint8 *out_px)
{
  guint8 *const in_data[] = { in_px }, *const out_data[] = { out_px };
  const gsize strides[] = { W };
  SkcFrame in, out;
  g_autoptr (GError) error = NULL;

  if (!skc_frame_init (&in, SKC_LAYOUT_PACKED, W, H, 1, 0, in_data, strides) ||
      !skc_frame_init (&out, SKC_LAYOUT_PACKED, W, H, 1, 0, out_data, strides)) {
    fprintf (stderr, "skc-app: skc_frame_init failed\n");
    return FALSE;
  }
  if (!skc_frame_filter_run (ff, c, &in, &out, SKC_PRECISION_32, FALSE, NULL, &error)) {
    fprintf (stderr, "skc-app: %s\n", error->message);
    return FALSE;
  }
  return TRUE;
}

int
main (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SkcFamily) family = skc_preset_lookup ("hexagon", &error);
  g_autoptr (SkcComplex) c = NULL;
  g_autoptr (SkcFrameFilter) ff = NULL;
  guint8 in_px[W * H], out_px[W * H];
  gint reach_x, reach_y, lo = 255, hi = 0, covered = 0, outside = 0, peak = 0, bound;
  gint x0 = W, x1 = -1, y0 = H, y1 = -1;
  glong total = 0;
  gchar what[160];

  if (family == NULL) {
    fprintf (stderr, "skc-app: %s\n", error->message);
    return 1;
  }
  c = skc_complex_copy (family->members[0]);
  skc_family_eval (family, RADIUS, c);
  skc_complex_reach (c, &reach_x, &reach_y);
  ff = skc_frame_filter_new ();

  /* A uniform frame. */
  memset (in_px, 90, sizeof in_px);
  if (!filter (ff, c, in_px, out_px))
    return 1;
  for (gint i = 0; i < W * H; i++) {
    lo = MIN (lo, out_px[i]);
    hi = MAX (hi, out_px[i]);
  }
  g_snprintf (what, sizeof what, "uniform 90 stays uniform (min %d, max %d)", lo, hi);
  check (lo >= 89 && hi <= 91, what);

  /* One bright pixel in the middle, far from the edges. */
  memset (in_px, 0, sizeof in_px);
  in_px[(H / 2) * W + W / 2] = BRIGHT;
  if (!filter (ff, c, in_px, out_px))
    return 1;
  for (gint y = 0; y < H; y++)
    for (gint x = 0; x < W; x++) {
      gint v = out_px[y * W + x];

      if (v == 0)
        continue;
      total += v;
      covered++;
      peak = MAX (peak, v);
      x0 = MIN (x0, x);
      x1 = MAX (x1, x);
      y0 = MIN (y0, y);
      y1 = MAX (y1, y);
      /* The cascade reaches at most reach per layer from the pixel. */
      if (ABS (x - W / 2) > reach_x * (gint) c->n_layers + 1 || ABS (y - H / 2) > reach_y * (gint) c->n_layers + 1)
        outside++;
    }
  g_snprintf (what, sizeof what, "the bright pixel spreads (%d pixels lit, peak %d < %d)", covered, peak, BRIGHT);
  check (covered > 1 && peak < BRIGHT, what);
  g_snprintf (what, sizeof what, "the blob stays within the kernel's reach (%d pixels outside)", outside);
  check (outside == 0, what);
  bound = (x1 - x0 + 3) * (y1 - y0 + 3) / 2;
  g_snprintf (what, sizeof what, "the blob's total is conserved (%ld against %d, within %d)", total, BRIGHT, bound);
  check (covered > 0 && labs (total - BRIGHT) <= bound, what);

  return failures == 0 ? 0 : 1;
}
