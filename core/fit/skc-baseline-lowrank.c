/* libskc — LowRank baseline (McGraw, "Fast Bokeh Effects Using Low-Rank
 * Linear Filters", Vis. Comput. 31(5), 2015): K ≈ Σ_k σ_k u_k v_kᵀ, each term
 * a horizontal then a vertical 1-D pass.  Written as one branch per rank,
 * each two layers of M integer taps, so the cost is 2·M·r taps per pixel as
 * the paper counts it (zero taps are kept for that reason).
 * The SVD is one-sided Jacobi (Hestenes 1958): orthogonalise the columns of
 * A·V by plane rotations until every pair is orthogonal to working precision;
 * then σ_j = |column j|, u_j = column / σ_j. */
#include "skc-baseline.h"
#include "skc-error.h"

#include <math.h>
#include <string.h>

/* A (m×n, row-major) → U (m×n, columns scaled by σ), V (n×n). */
static void
jacobi_svd (gdouble *a, gint m, gint n, gdouble *v)
{
  memset (v, 0, sizeof (gdouble) * n * n);
  for (gint i = 0; i < n; i++)
    v[i * n + i] = 1;
  for (gint sweep = 0; sweep < 60; sweep++) {
    gdouble off = 0;

    for (gint p = 0; p < n - 1; p++)
      for (gint q = p + 1; q < n; q++) {
        gdouble alpha = 0, beta = 0, gamma = 0, zeta, t, cs, sn;

        for (gint i = 0; i < m; i++) {
          alpha += a[i * n + p] * a[i * n + p];
          beta += a[i * n + q] * a[i * n + q];
          gamma += a[i * n + p] * a[i * n + q];
        }
        if (gamma == 0 || fabs (gamma) <= 1e-15 * sqrt (alpha * beta))
          continue;
        off = MAX (off, fabs (gamma) / sqrt (alpha * beta));
        zeta = (beta - alpha) / (2 * gamma);
        t = (zeta >= 0 ? 1 : -1) / (fabs (zeta) + sqrt (1 + zeta * zeta));
        cs = 1 / sqrt (1 + t * t);
        sn = cs * t;
        for (gint i = 0; i < m; i++) {
          gdouble x = a[i * n + p], y = a[i * n + q];

          a[i * n + p] = cs * x - sn * y;
          a[i * n + q] = sn * x + cs * y;
        }
        for (gint i = 0; i < n; i++) {
          gdouble x = v[i * n + p], y = v[i * n + q];

          v[i * n + p] = cs * x - sn * y;
          v[i * n + q] = sn * x + cs * y;
        }
      }
    if (off < 1e-15)
      break;
  }
}

SkcComplex *
skc_baseline_lowrank (const SkcRaster *target, guint rank, GError **error)
{
  gint rx, ry, M, m, n;
  g_autofree gdouble *a = NULL, *v = NULL, *sigma = NULL;
  g_autofree gint *order = NULL;
  g_autofree guint *taps = NULL;
  SkcComplex *c;
  guint r = 0;

  if (rank == 0) {
    g_set_error (error, SKC_ERROR, SKC_ERROR_INVALID, "lowrank: rank must be at least 1");
    return NULL;
  }
  skc_raster_extent (target, 0, &rx, &ry);
  M = 2 * MAX (rx, ry) + 1;
  m = n = M;
  /* A(i, j) = PSF at displacement (j − h, i − h): rows are y, columns x. */
  a = g_new0 (gdouble, m * n);
  v = g_new0 (gdouble, n * n);
  for (gint i = 0; i < m; i++)
    for (gint j = 0; j < n; j++)
      a[i * n + j] = skc_raster_get (target, j - M / 2, i - M / 2);
  jacobi_svd (a, m, n, v);

  sigma = g_new (gdouble, n);
  order = g_new (gint, n);
  for (gint j = 0; j < n; j++) {
    gdouble s = 0;

    for (gint i = 0; i < m; i++)
      s += a[i * n + j] * a[i * n + j];
    sigma[j] = sqrt (s);
    order[j] = j;
  }
  /* Largest singular values first (insertion sort: n is small). */
  for (gint j = 1; j < n; j++)
    for (gint k = j; k > 0 && sigma[order[k]] > sigma[order[k - 1]]; k--) {
      gint t = order[k];

      order[k] = order[k - 1];
      order[k - 1] = t;
    }
  while (r < rank && r < (guint) n && sigma[order[r]] > 1e-14 * sigma[order[0]])
    r++;
  r = MAX (r, 1);

  taps = g_new (guint, 2 * r);
  for (guint k = 0; k < 2 * r; k++)
    taps[k] = M;
  c = skc_complex_new (2 * r, taps);
  if (c == NULL) {
    g_set_error (error, SKC_ERROR, SKC_ERROR_INVALID, "lowrank: target of %d px is too large", M);
    return NULL;
  }
  for (guint k = 0; k < r; k++) {
    gint j = order[k];
    gdouble s = sigma[j], root = sqrt (s);
    SkcLayer *h = &c->layers[2 * k], *vert = &c->layers[2 * k + 1];

    h->branch = vert->branch = k;
    /* K ≈ Σ σ u vᵀ: the column profile u (over y) scaled by √σ goes to the
     * vertical pass, the row profile v (over x) to the horizontal one.  A PSF
     * value at displacement d is a gather tap at −d. */
    for (gint t = 0; t < M; t++) {
      gint d = t - M / 2;

      h->taps[t] = (SkcTap) { -d, 0, root * v[t * n + j] };
      vert->taps[t] = (SkcTap) { 0, -d, s > 0 ? a[t * n + j] / s * root : 0 };
    }
  }
  return c;
}
