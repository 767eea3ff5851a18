/* libskc — resolving the engine choice to the loops that run. */
#include "skc-engine.h"

SkcEngine
skc_engine_default (void)
{
  static gsize once = 0;
  static SkcEngine engine;

  if (g_once_init_enter (&once)) {
    const gchar *env = g_getenv ("SKC_ENGINE");

    engine = g_strcmp0 (env, "c") == 0 ? SKC_ENGINE_C : g_strcmp0 (env, "orc") == 0 ? SKC_ENGINE_ORC :
        g_strcmp0 (env, "avx2") == 0 ? SKC_ENGINE_AVX2 : g_strcmp0 (env, "vnni") == 0 ? SKC_ENGINE_VNNI :
        SKC_ENGINE_AUTO;
    g_once_init_leave (&once, 1);
  }
  return engine;
}

SkcEngine
skc_engine_resolve (SkcEngine requested, gboolean sixteen_bit)
{
  SkcEngine e = requested == SKC_ENGINE_DEFAULT ? skc_engine_default () : requested;

  if (e == SKC_ENGINE_C)
    return SKC_ENGINE_C;
  /* The 16-bit loops exist in C and ORC only. */
  if (sixteen_bit)
    return SKC_ENGINE_ORC;
  if ((e == SKC_ENGINE_AUTO || e == SKC_ENGINE_VNNI) && skc_cpu_has_vnni ())
    return SKC_ENGINE_VNNI;
  if ((e == SKC_ENGINE_AUTO || e == SKC_ENGINE_AVX2 || e == SKC_ENGINE_VNNI) && skc_cpu_has_avx2 ())
    return SKC_ENGINE_AVX2;
  return SKC_ENGINE_ORC;
}

const gchar *
skc_engine_name (SkcEngine engine)
{
  static const gchar *names[] = { "default", "auto", "c", "orc", "avx2", "vnni" };

  return (guint) engine < G_N_ELEMENTS (names) ? names[engine] : "?";
}

gboolean
skc_cpu_has_avx2 (void)
{
#ifdef SKC_HAVE_X86_LOOPS
  return __builtin_cpu_supports ("avx2");
#else
  return FALSE;
#endif
}

gboolean
skc_cpu_has_avx512bw (void)
{
#ifdef SKC_HAVE_X86_LOOPS
  return __builtin_cpu_supports ("avx512f") && __builtin_cpu_supports ("avx512bw");
#else
  return FALSE;
#endif
}

gboolean
skc_cpu_prefers_512 (void)
{
#ifdef SKC_HAVE_X86_LOOPS
  /* Measured: Intel's cores run the loop's 512-bit blocks 8–12 % faster
   * through the element; AMD's (Zen 4 splits them in two) ran them slower. */
  return skc_cpu_has_vnni () && __builtin_cpu_is ("intel");
#else
  return FALSE;
#endif
}

gboolean
skc_cpu_has_vnni (void)
{
#ifdef SKC_HAVE_X86_LOOPS
  return __builtin_cpu_supports ("avx2") && __builtin_cpu_supports ("avx512vnni") &&
      __builtin_cpu_supports ("avx512vl") && skc_cpu_has_avx512bw ();
#else
  return FALSE;
#endif
}
