/* skc-bench: the limits a fixed kernel cannot beat on this machine, as rows
 * of the fixed table, so every row shows how far it is from them.
 *   memory floor:  one copy of the frame (read it once, write it once);
 *   compute floor: the kernel's integer taps × the frame's samples at the
 *                  peak multiply-add rate of the engine's own instruction
 *                  (16-bit × 16-bit into 32-bit, as the fixed-kernel loops
 *                  run), measured here by a micro-benchmark on data in L1,
 *                  one thread; the all-threads row divides by the pool's
 *                  threads, since no core shares another's multipliers. */
#include "bench.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#define LIMITS_X86 1
#endif

/* The micro-benchmark's working set: 4 KiB of samples, in L1 throughout. */
#define BUF_VECTORS 128
#define STEPS (1 << 22)

static gint16 buf[BUF_VECTORS * 16] __attribute__ ((aligned (32)));

/* Multiply-adds per nanosecond of the portable loop (what the plain C
 * engine has); 8 independent sums, so the adds do not wait for each other. */
static gdouble
rate_c (void)
{
  gint32 acc[8] = { 0 };
  volatile gint32 sink;
  gint64 t0 = g_get_monotonic_time ();
  gint n = STEPS / 4;

  for (gint s = 0; s < n; s++) {
    const gint16 *x = buf + (s % BUF_VECTORS) * 16;

    for (gint j = 0; j < 8; j++)
      acc[j] += x[j] * 3 + x[j + 8] * 5;
  }
  sink = acc[0] + acc[7];
  (void) sink;
  return (gdouble) n * 16 / ((g_get_monotonic_time () - t0) * 1e3);
}

#ifdef LIMITS_X86
/* vpmaddwd: 16 products summed in pairs into 8 lanes, then an add; a load
 * from L1 a step, as each tap of the real loop loads its samples. */
__attribute__ ((target ("avx2"))) static gdouble
rate_avx2 (void)
{
  __m256i acc[8], w = _mm256_set1_epi32 (0x00050003);
  volatile gint32 sink;
  gint64 t0;

  for (gint j = 0; j < 8; j++)
    acc[j] = _mm256_setzero_si256 ();
  t0 = g_get_monotonic_time ();
  for (gint s = 0; s < STEPS; s += 8)
    for (gint j = 0; j < 8; j++) {
      __m256i x = _mm256_load_si256 ((const __m256i *) (buf + ((s + j) % BUF_VECTORS) * 16));

      acc[j] = _mm256_add_epi32 (acc[j], _mm256_madd_epi16 (x, w));
    }
  t0 = g_get_monotonic_time () - t0;
  for (gint j = 1; j < 8; j++)
    acc[0] = _mm256_add_epi32 (acc[0], acc[j]);
  sink = _mm256_extract_epi32 (acc[0], 0);
  (void) sink;
  return (gdouble) STEPS * 16 / (t0 * 1e3);
}

/* vpdpwssd: the same multiply-adds with the add folded in (AVX-512 VNNI).
 * A second copy of the loop rather than a shared one, since each function
 * is compiled for its own instruction set only. */
__attribute__ ((target ("avx2,avx512vnni,avx512vl"))) static gdouble
rate_vnni (void)
{
  __m256i acc[8], w = _mm256_set1_epi32 (0x00050003);
  volatile gint32 sink;
  gint64 t0;

  for (gint j = 0; j < 8; j++)
    acc[j] = _mm256_setzero_si256 ();
  t0 = g_get_monotonic_time ();
  for (gint s = 0; s < STEPS; s += 8)
    for (gint j = 0; j < 8; j++) {
      __m256i x = _mm256_load_si256 ((const __m256i *) (buf + ((s + j) % BUF_VECTORS) * 16));

      acc[j] = _mm256_dpwssd_epi32 (acc[j], x, w);
    }
  t0 = g_get_monotonic_time () - t0;
  for (gint j = 1; j < 8; j++)
    acc[0] = _mm256_add_epi32 (acc[0], acc[j]);
  sink = _mm256_extract_epi32 (acc[0], 0);
  (void) sink;
  return (gdouble) STEPS * 16 / (t0 * 1e3);
}
#endif

/* The best of 5 runs of the fastest instruction this CPU has, in
 * multiply-adds per nanosecond (G/s). */
static gdouble
peak_rate (const gchar **how)
{
  gdouble best = 0;

  for (guint i = 0; i < G_N_ELEMENTS (buf); i++)
    buf[i] = (gint16) (i * 37 % 255);
  for (gint run = 0; run < 5; run++) {
    gdouble r;

#ifdef LIMITS_X86
    if (skc_cpu_has_vnni ()) {
      r = rate_vnni ();
      *how = "vpdpwssd";
    } else if (skc_cpu_has_avx2 ()) {
      r = rate_avx2 ();
      *how = "vpmaddwd";
    } else
#endif
    {
      r = rate_c ();
      *how = "C";
    }
    best = MAX (best, r);
  }
  return best;
}

/* ms of one copy of the frame: the best of opt_repeat runs, each of enough
 * copies (64 MiB in all) that small frames are timed above the clock's
 * microsecond. */
static gdouble
copy_ms (const guint8 *src, guint8 *out)
{
  gsize bytes = (gsize) opt_width * opt_height * C;
  gint copies = (gint) MAX (1, (64 << 20) / bytes);
  gdouble best = INFINITY;

  memcpy (out, src, bytes);   /* warm-up: pages touched */
  for (gint run = 0; run < MAX (opt_repeat, 1); run++) {
    gint64 t0 = g_get_monotonic_time ();

    for (gint i = 0; i < copies; i++)
      memcpy (out, src, bytes);
    best = MIN (best, (g_get_monotonic_time () - t0) / 1e3 / copies);
  }
  return best;
}

void
bench_limit_rows (GArray *rows, guint taps, guint threads, const guint8 *src, guint8 *out)
{
  const gchar *how = "C";
  gdouble rate = peak_rate (&how);
  gdouble macs = (gdouble) taps * opt_width * opt_height * C;
  Row copy = { "memory floor: one copy of the frame", 0, NAN, 0 };
  Row one = { NULL, macs / rate / 1e6, NAN, taps };
  Row all = { NULL, one.ms / MAX (threads, 1), NAN, taps };
  g_autofree gchar *one_name = g_strdup_printf ("compute floor: taps × samples at %.1f G multiply-adds/s (%s, "
      "micro-benchmark), 1 thread", rate, how);
  g_autofree gchar *all_name = g_strdup_printf ("compute floor, all %u threads (counted)", MAX (threads, 1));

  copy.ms = copy_ms (src, out);
  one.name = g_intern_string (one_name);
  all.name = g_intern_string (all_name);
  g_array_append_val (rows, copy);
  g_array_append_val (rows, one);
  g_array_append_val (rows, all);
}

/* After the fixed table: how far the fastest of our rows is from each floor. */
void
bench_limits_note (GArray *rows)
{
  gdouble best = INFINITY, halved = INFINITY, copy = NAN, compute = NAN;

  for (guint i = 0; i < rows->len; i++) {
    const Row *r = &g_array_index (rows, Row, i);

    /* Half resolution does a quarter of the multiply-adds the compute floor
     * counts: its distance is stated apart. */
    if (g_str_has_prefix (r->name, "ours") && strstr (r->name, "half resolution"))
      halved = MIN (halved, r->ms);
    else if (g_str_has_prefix (r->name, "ours"))
      best = MIN (best, r->ms);
    else if (g_str_has_prefix (r->name, "memory floor"))
      copy = r->ms;
    else if (g_str_has_prefix (r->name, "compute floor, all"))
      compute = r->ms;
  }
  if (!opt_json && isfinite (best))
    printf ("\nThe fastest of our rows, %.1f ms, is %.1f× the memory floor and %.1f× the compute floor on all "
        "threads.\n", best, best / copy, best / compute);
  if (!opt_json && isfinite (halved))
    printf ("At half resolution, %.1f ms: %.1f× the memory floor, %.2f× the full-resolution rows' best.\n", halved,
        halved / copy, halved / best);
}
