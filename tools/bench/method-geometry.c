/* skc-bench --geometry: two-dimensional variance (a radius and a kernel angle
 * per pixel), the paper's Fig. 5 — zoom blur (the motion line along the
 * direction from the centre) and swirl bokeh (a disc stretched 2× along the
 * tangent).  Rows: the dense per-pixel truth, our grid of (radius, angle)
 * levels at three quantisations — with the family the element turns
 * (turned/disc for the disc) and, where that is a refit, with the family
 * itself — the element's grid with every level the exact kernel (its
 * ceiling, geometry-exact.c), the SA (PST-style) family at equal taps
 * through the same grids (geometry-sa.c), and the fixed kernel of the same
 * max radius as the cost baseline; ms on one and on two threads. */
#include "bench.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

typedef struct {
  const gchar *name;
  const gchar *preset;
  gdouble aspect, max_radius;
  SkcGeometry geometry;
  SkcOrientedShape shape;
} Effect;

static const Effect effects[] = {
  { "zoom blur (motion, radial)", "motion", 1, 24, SKC_GEOMETRY_RADIAL, SKC_ORIENTED_LINE },
  { "swirl bokeh (disc, aspect 2, rotational)", "disc", 2, 16, SKC_GEOMETRY_ROTATIONAL, SKC_ORIENTED_DISC },
};

/* The quantisations measured (radius step, arc, layer sharing): the finest
 * (SKC_ORIENTED_DEFAULT_ARC on the depth path's radius levels), the
 * element's, the element's without layer sharing, and a coarser one. */
static const gdouble grids[][3] = {
  { 0.25, SKC_ORIENTED_DEFAULT_ARC, 0 }, { 0.5, 1.0, 1 }, { 0.5, 1.0, 0 }, { 1.0, 2.0, 0 } };

typedef struct {
  gchar *name;
  gdouble ms1, ms2, psnr;
} GeoRow;

typedef struct {
  SkcFrameFilter *ff;
  const SkcFamily *family;
  gdouble max_radius, step, arc;
  const gfloat *radius, *angle;
  SkcPool *pool;
} OrientedRun;

static void
frames (const guint8 *src, guint8 *dst, SkcFrame *in, SkcFrame *out)
{
  guint8 *in_data[] = { (guint8 *) src }, *out_data[] = { dst };
  gsize stride[] = { (gsize) opt_width * C };

  skc_frame_init (in, SKC_LAYOUT_PACKED, opt_width, opt_height, C, 0, in_data, stride);
  skc_frame_init (out, SKC_LAYOUT_PACKED, opt_width, opt_height, C, 0, out_data, stride);
}

/* The element's steady state: the same maps every frame (maps_id 1), so the
 * levels are quantised and built once, in the warm-up run. */
static void
run_oriented (gpointer data, const guint8 *src, guint8 *dst)
{
  OrientedRun *r = data;
  SkcFrame in, out;
  g_autoptr (GError) error = NULL;

  frames (src, dst, &in, &out);
  if (!skc_frame_filter_run_oriented (r->ff, r->family, r->max_radius, r->step, r->arc, r->radius, r->angle,
          opt_width, 1, &in, &out, SKC_PRECISION_32, FALSE, r->pool, &error))
    g_error ("skc-bench: the oriented run of %s failed: %s", r->family->name, error->message);
}

typedef struct {
  SkcFrameFilter *ff;
  const SkcComplex *c;
  SkcPool *pool;
} FixedRun;

static void
run_fixed (gpointer data, const guint8 *src, guint8 *dst)
{
  FixedRun *r = data;
  SkcFrame in, out;

  frames (src, dst, &in, &out);
  if (!skc_frame_filter_run (r->ff, r->c, &in, &out, SKC_PRECISION_32, FALSE, r->pool, NULL))
    g_error ("skc-bench: the fixed run failed");
}

/* ms on one thread and on two, best of opt_repeat each. */
static void
time_both (RunFunc run, gpointer data, SkcPool **pool_slot, const guint8 *src, guint8 *out, gdouble *ms1,
    gdouble *ms2)
{
  for (guint t = 1; t <= 2; t++) {
    g_autoptr (SkcPool) pool = skc_pool_new (t);

    *pool_slot = pool;
    *(t == 1 ? ms1 : ms2) = time_best (run, data, src, out, opt_repeat);
  }
  *pool_slot = NULL;
}

/* Bands of the radius map, quarters of max-radius: where the kernels are
 * small the frame differs from where they are large (on the swirl the SA
 * family wins the inner bands and loses the outer; docs/ARCHITECTURE.md §10). */
#define BANDS 4

/* PSNR against the truth over the frame, returned, and over each band. */
static gdouble
psnr_vs (const guint8 *out, const SkcImage *truth, const gfloat *radius, gdouble max_radius,
    gdouble band_psnr[BANDS])
{
  gdouble se[BANDS] = { 0 }, all = 0;
  gsize n = (gsize) opt_width * opt_height, count[BANDS] = { 0 };

  if (truth == NULL)
    return NAN;
  /* Colour only: the photo's alpha is opaque and stays so. */
  for (gsize i = 0; i < n; i++) {
    gint b = CLAMP ((gint) (radius[i] / max_radius * BANDS), 0, BANDS - 1);

    for (gint c = 0; c < 3; c++) {
      gdouble d = out[i * C + c] / 255.0 - truth->data[i * 3 + c];

      se[b] += d * d;
    }
    count[b] += 3;
  }
  for (gint b = 0; b < BANDS; b++) {
    band_psnr[b] = count[b] ? 10 * log10 (count[b] / se[b]) : NAN;
    all += se[b];
  }
  return 10 * log10 (1 / (all / (n * 3)));
}

static void
print_rows (const Effect *e, GArray *rows, gboolean first_table)
{
  gdouble fixed2 = g_array_index (rows, GeoRow, rows->len - 1).ms2;

  if (opt_json) {
    for (guint i = 0; i < rows->len; i++) {
      GeoRow *r = &g_array_index (rows, GeoRow, i);
      gchar buf[3][32];

      printf ("%s{\"table\": \"%s\", \"name\": \"%s\", \"ms_one_thread\": %s, \"ms_two_threads\": %s, "
          "\"psnr\": %s}", first_table && i == 0 ? "" : ", ", e->name, r->name,
          json_number (buf[0], sizeof buf[0], r->ms1), json_number (buf[1], sizeof buf[1], r->ms2),
          json_number (buf[2], sizeof buf[2], r->psnr));
    }
    return;
  }
  printf ("\n%s, max-radius %g, %d×%d RGBA photo (best of %d):\n\n"
      "| method | ms, one thread | ms, two threads | × fixed kernel (two threads) | PSNR vs dense (dB) |\n"
      "|---|---:|---:|---:|---:|\n", e->name, e->max_radius, opt_width, opt_height, opt_repeat);
  for (guint i = 0; i < rows->len; i++) {
    GeoRow *r = &g_array_index (rows, GeoRow, i);
    gchar b[4][32];

    g_snprintf (b[0], sizeof b[0], isnan (r->ms1) ? "–" : "%.1f", r->ms1);
    g_snprintf (b[1], sizeof b[1], isnan (r->ms2) ? "–" : "%.1f", r->ms2);
    g_snprintf (b[2], sizeof b[2], isnan (r->ms2) ? "–" : "%.2f", r->ms2 / fixed2);
    g_snprintf (b[3], sizeof b[3], isnan (r->psnr) ? "n/a" : isinf (r->psnr) ? "–" : "%.2f", r->psnr);
    printf ("| %s | %s | %s | %s | %s |\n", r->name, b[0], b[1], b[2], b[3]);
  }
}

static void
add_row (GArray *rows, gchar *name, gdouble ms1, gdouble ms2, gdouble psnr)
{
  GeoRow r = { name, ms1, ms2, psnr };

  g_array_append_val (rows, r);
}

static void
clear_row (gpointer p)
{
  g_free (((GeoRow *) p)->name);
}

/* Rows of one family through the grid at each quantisation; element_psnr
 * gets the element's grid's PSNR over the frame and the bands. */
static void
grid_rows (GArray *rows, const gchar *who, const SkcFamily *family, const Effect *e, const guint8 *src,
    const gfloat *radius, const gfloat *angle, guint8 *out, const SkcImage *truth,
    gdouble element_psnr[BANDS + 1])
{
  for (guint g = 0; g < G_N_ELEMENTS (grids); g++) {
    const gdouble *q = grids[g];
    g_autoptr (SkcFrameFilter) ff = skc_frame_filter_new ();
    OrientedRun r = { ff, family, e->max_radius, q[0], q[1], radius, angle, NULL };
    gdouble ms1, ms2, psnr, bands[BANDS];

    skc_frame_filter_set_layer_sharing (ff, q[2] != 0);
    time_both (run_oriented, &r, &r.pool, src, out, &ms1, &ms2);
    psnr = psnr_vs (out, truth, radius, e->max_radius, bands);
    if (g == 1) {
      element_psnr[0] = psnr;
      memcpy (element_psnr + 1, bands, sizeof bands);
    }
    add_row (rows, g_strdup_printf ("%s: radius levels %g px, angle arc %g px%s%s", who, q[0], q[1],
            q[2] != 0 ? ", layers shared" : "", g == 1 ? " (the element)" : ""), ms1, ms2, psnr);
  }
}

/* Ours against the SA family at the element's grid, over the frame and by
 * radius band, and how the SA family was made. */
static void
print_margin (const Effect *e, const SkcFamily *ours, const SkcFamily *base, const SkcFamily *sa_base,
    const SkcSaOptions *sa_opts, gdouble sa_seconds, const gdouble ours_psnr[BANDS + 1],
    const gdouble sa_psnr[BANDS + 1], const gdouble exact_psnr[BANDS + 1])
{
  gdouble ours_k, sa_k, ours_m, sa_m;

  printf ("\nAt equal taps (%u a pixel), the element's grid: ours − SA family = %.2f dB over the frame; by "
      "radius band (quarters of max-radius, inner first) ours", skc_complex_total_taps (ours->members[0]),
      ours_psnr[0] - sa_psnr[0]);
  for (gint b = 1; b <= BANDS; b++)
    printf (" %.2f", ours_psnr[b]);
  printf (", SA");
  for (gint b = 1; b <= BANDS; b++)
    printf (" %.2f", sa_psnr[b]);
  ours_k = bench_member_psnr (base, e->max_radius, e->shape, &ours_m);
  sa_k = bench_member_psnr (sa_base, e->max_radius, e->shape, &sa_m);
  printf (" dB.  The SA family: %u members fitted (those the grid reads, and up to the anchor), each %u "
      "chains × %u iterations, warm-started from its neighbour, |w| ≤ %g, in %.1f s.  The members read, mean "
      "kernel PSNR: ours %.2f dB, SA %.2f dB; mean |error| of the second moment: ours %.1f %%, SA %.1f %%.\n",
      sa_base->n_members, sa_opts->candidates, sa_opts->iterations, sa_opts->max_weight, sa_seconds, ours_k, sa_k,
      100 * ours_m, 100 * sa_m);
  printf ("Stretched %g× and turned every 15° from 7.5°, as the grid runs them: ours (%s) %.2f dB, SA %.2f dB.  "
      "The exact kernel at every level of the element's grid (its quantisation's ceiling): %.2f dB; by band",
      e->aspect, base->name, bench_member_psnr_turned (base, e->max_radius, e->shape, e->aspect),
      bench_member_psnr_turned (sa_base, e->max_radius, e->shape, e->aspect), exact_psnr[0]);
  for (gint b = 1; b <= BANDS; b++)
    printf (" %.2f", exact_psnr[b]);
  printf (" dB.\n");
}

/* The element's grid with every level the exact kernel (geometry-exact.c):
 * what the grid's quantisation alone leaves of the error. */
static void
exact_row (GArray *rows, const SkcFamily *family, const Effect *e, const guint8 *src, const gfloat *radius,
    const gfloat *angle, guint8 *out, const SkcImage *truth, gdouble exact_psnr[BANDS + 1])
{
  g_autoptr (SkcFrameFilter) ff = skc_frame_filter_new ();
  g_autoptr (SkcPool) pool = skc_pool_new (2);
  OrientedRun r = { ff, family, e->max_radius, grids[1][0], grids[1][1], radius, angle, pool };

  run_oriented (&r, src, out);
  bench_grid_exact_levels (ff, e->shape, e->aspect);
  run_oriented (&r, src, out);
  exact_psnr[0] = psnr_vs (out, truth, radius, e->max_radius, exact_psnr + 1);
  add_row (rows, g_strdup_printf ("exact kernels: radius levels %g px, angle arc %g px (the element's grid's "
          "ceiling)", grids[1][0], grids[1][1]), NAN, NAN, exact_psnr[0]);
}

static void
geometry_table (const Effect *e, const guint8 *src, gboolean first)
{
  gint W = opt_width, H = opt_height;
  gsize n = (gsize) W * H;
  g_autoptr (SkcFamily) plain = skc_preset_lookup (e->preset, NULL);
  /* What the element turns: the refit for turned kernels where one is built in. */
  g_autoptr (SkcFamily) turned = skc_preset_lookup_turned (e->preset);
  const SkcFamily *base = turned ? turned : plain;
  g_autoptr (SkcFamily) family = NULL, plain_shaped = NULL;
  g_autofree gfloat *radius = g_new (gfloat, n), *angle = g_new (gfloat, n);
  g_autofree guint8 *out = g_malloc (n * C);
  g_autoptr (SkcImage) in = skc_image_new (W, H, 3), rimg = skc_image_new (W, H, 1),
      aimg = skc_image_new (W, H, 1), truth = NULL;
  g_autoptr (GArray) rows = g_array_new (FALSE, FALSE, sizeof (GeoRow));
  SkcGeometrySpec spec = { e->geometry, 0.5, 0.5, 1, 0, e->max_radius };
  g_autoptr (SkcFamily) sa_base = NULL, sa = NULL;
  SkcSaOptions sa_opts;
  gdouble ours_psnr[BANDS + 1], sa_psnr[BANDS + 1], exact_psnr[BANDS + 1], sa_seconds;
  gint64 t0;

  g_array_set_clear_func (rows, clear_row);
  g_assert (plain != NULL);
  family = skc_family_shaped (base, 0, e->aspect, 0);
  plain_shaped = skc_family_shaped (plain, 0, e->aspect, 0);
  skc_geometry_maps (&spec, W, H, radius, angle, NULL);
  for (gsize i = 0; i < n; i++) {
    rimg->data[i] = radius[i];
    aimg->data[i] = angle[i];
    for (gint c = 0; c < 3; c++)
      in->data[i * 3 + c] = src[i * C + c] / 255.0;
  }

  /* The truth: every pixel its own exact target, densely. */
  t0 = g_get_monotonic_time ();
  truth = skc_reference_dense_oriented (in, rimg, aimg, e->shape, e->aspect);
  add_row (rows, g_strdup ("dense per-pixel (the truth; threads of the reference)"),
      NAN, (g_get_monotonic_time () - t0) / 1000.0, INFINITY);

  /* Ours, then the SA family at equal taps, through the same grids and the
   * same measurement. */
  grid_rows (rows, "ours", family, e, src, radius, angle, out, truth, ours_psnr);
  if (turned) {
    gdouble unused[BANDS + 1];

    grid_rows (rows, "ours, unturned fit (presets/disc.skc)", plain_shaped, e, src, radius, angle, out, truth,
        unused);
  }
  exact_row (rows, family, e, src, radius, angle, out, truth, exact_psnr);
  sa_base = bench_sa_family (plain, e->max_radius, e->shape, &sa_opts, &sa_seconds);
  sa = skc_family_shaped (sa_base, 0, e->aspect, 0);
  grid_rows (rows, "SA family", sa, e, src, radius, angle, out, truth, sa_psnr);

  /* The fixed kernel at the same max radius, turned off the axes (30°) as
   * almost every pixel's is: the cost a whole-frame blur of that size has. */
  {
    g_autoptr (SkcComplex) c = skc_varying_level_complex (plain_shaped, e->max_radius);
    g_autoptr (SkcFrameFilter) ff = skc_frame_filter_new ();
    FixedRun r = { ff, c, NULL };
    gdouble ms1, ms2;

    skc_complex_rotate (c, 30);
    time_both (run_fixed, &r, &r.pool, src, out, &ms1, &ms2);
    add_row (rows, g_strdup_printf ("fixed kernel, radius %g at 30° (cost baseline)", e->max_radius), ms1, ms2,
        NAN);
  }
  print_rows (e, rows, first);
  if (!opt_json)
    print_margin (e, family, base, sa_base, &sa_opts, sa_seconds, ours_psnr, sa_psnr, exact_psnr);
}

void
bench_geometry (void)
{
  g_autofree guint8 *src = make_frame ();

  if (opt_json)
    printf ("{\"frame\": [%d, %d, %d], \"rows\": [", opt_width, opt_height, C);
  else
    printf ("Two-dimensional variance (skc-bench --geometry): kernel turned per pixel about the frame's centre\n");
  for (guint i = 0; i < G_N_ELEMENTS (effects); i++)
    geometry_table (&effects[i], src, i == 0);
  bench_catseye (src, FALSE);
  if (opt_json)
    printf ("]}\n");
}
