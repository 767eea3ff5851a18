#include "skc.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
static void spin (gint w, gint h, gdouble maxr, gdouble turn, gfloat *r, gfloat *a, gboolean quant_r) {
  gdouble cx = 0.45*w, cy = 0.55*h, far = hypot (MAX (cx, w-cx), MAX (cy, h-cy));
  for (gint y=0;y<h;y++) for (gint x=0;x<w;x++){ gdouble dx=x+0.5-cx, dy=y+0.5-cy;
    gdouble v = 1+(maxr-1)*hypot(dx,dy)/far; if (quant_r) v = floor(v/0.25+0.5)*0.25;
    r[y*w+x]=v; a[y*w+x]=atan2(-dy,dx)*180/G_PI+turn; }
}
int main (int argc, char **argv) {
  gint w = 160, h = 110, C = 3; gdouble maxr = atof(argv[1]); gdouble arc = atof(argv[2]); gint half = atoi(argv[3]);
  gdouble aspect = atof(argv[4]); const char *pre = argv[5]; gdouble turn = atof(argv[6]);
  g_autoptr(SkcFamily) base = skc_preset_lookup (pre, NULL);
  g_autoptr(SkcFamily) f = skc_family_shaped (base, 0, aspect, 0);
  g_autoptr(SkcImage) photo = skc_image_load ("/work/main/tests/data/coffee.png", NULL);
  g_autoptr(SkcImage) in = skc_image_new (w,h,C), out = skc_image_new(w,h,C), R = skc_image_new(w,h,1), A = skc_image_new(w,h,1);
  guint8 *src = g_malloc(w*h*C), *dst = g_malloc(w*h*C);
  for (gint y=0;y<h;y++) for (gint x=0;x<w;x++) for (gint c=0;c<C;c++){ guint8 v = round(skc_image_at(photo,150+x,100+y)[c]*255); src[(y*w+x)*C+c]=v; in->data[(y*w+x)*C+c]=v/255.0; }
  gfloat *r = g_new(gfloat,w*h), *a = g_new(gfloat,w*h); spin (w,h,maxr,turn,r,a,argc>8);
  for (gint i=0;i<w*h;i++){R->data[i]=r[i];A->data[i]=a[i];}
  gdouble step = argc > 7 ? atof (argv[7]) : 0.25;
  SkcOrientedKernel *ok = skc_oriented_kernel_new_lazy (f, step, arc, SKC_PRECISION_32, 1,1,w,h,NULL);
  if (half >= 0) { ok->half_turn = half; ok->period = half ? 180 : 360; }
  guint16 *lv = g_new(guint16, w*h);
  g_assert_true (skc_oriented_kernel_prepare (ok, maxr, r, a, w, w, h, lv, NULL, NULL));
  SkcPlane *p = skc_plane_new_padded (w,h,C, ok->vk->reach_x + SKC_PLANE_SLACK, ok->vk->reach_y);
  skc_filter_load (p, src, w*C, NULL, NULL);
  skc_filter_plane_varying_levels (ok->vk, p, NULL, lv, NULL);
  skc_filter_store (p, dst, w*C, NULL, NULL);
  g_autoptr(SkcImage) ref = skc_reference_convolve_oriented (in, R, A, f, 1);
  gint worst=0; gdouble mad=0; for (gint i=0;i<w*h*C;i++){ out->data[i]=dst[i]/255.0; gint d=abs(dst[i]-(gint)CLAMP(round(ref->data[i]*255),0,255)); worst=MAX(worst,d); mad+=d;}
  printf ("%s maxr %g arc %g step %g: grid %u levels, %.1f KiB; worst %d, mean %.3f, %.2f dB\n", pre, maxr, arc, step, ok->n_grid, skc_oriented_kernel_bytes(ok)/1024.0, worst, mad/(w*h*C), skc_image_psnr(out, ref, 1, 0));
  return 0;
}
