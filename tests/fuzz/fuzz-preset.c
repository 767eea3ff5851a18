/* libFuzzer target: the .skc preset parser.
 *
 * Any input must either load or fail with a GError.  A loaded family is used
 * the way the element uses it — evaluated at a few radii, its reach taken for
 * the plane padding, turned into the engine's integer kernel — and saved and reloaded: the format promises that
 * load ∘ save is bit-exact, so a difference is a bug and aborts. */
#include "skc-preset.h"
#include "skc-fixed-kernel.h"
#include "skc-varying.h"
#include "skc-error.h"

#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

static gboolean
same_double (gdouble a, gdouble b)
{
  /* Bitwise: -0 and 0 are different texts, and must stay different. */
  return memcmp (&a, &b, sizeof (gdouble)) == 0;
}

static gboolean
same_family (const SkcFamily *a, const SkcFamily *b)
{
  if (g_strcmp0 (a->name, b->name) != 0 || g_strcmp0 (a->axis, b->axis) != 0 ||
      g_strcmp0 (a->shape, b->shape) != 0 || a->n_members != b->n_members)
    return FALSE;
  for (guint k = 0; k < a->n_members; k++) {
    const SkcComplex *ca = a->members[k], *cb = b->members[k];

    if (!same_double (a->values[k], b->values[k]) || !skc_complex_same_layout (ca, cb))
      return FALSE;
    if ((a->decimation ? a->decimation[k] : 1) != (b->decimation ? b->decimation[k] : 1))
      return FALSE;
    for (guint l = 0; l < ca->n_layers; l++)
      for (guint i = 0; i < ca->layers[l].n_taps; i++) {
        const SkcTap *ta = &ca->layers[l].taps[i], *tb = &cb->layers[l].taps[i];

        if (!same_double (ta->dx, tb->dx) || !same_double (ta->dy, tb->dy) ||
            !same_double (ta->w, tb->w))
          return FALSE;
      }
  }
  return TRUE;
}

static void
exercise (const SkcFamily *f)
{
  g_autoptr (SkcComplex) c = skc_complex_copy (f->members[0]);
  const gdouble last = f->values[f->n_members - 1];
  /* Each member, between the first two, both ends and beyond, and radii a
   * user asks for. */
  const gdouble p[] = { f->values[0], (f->values[0] + f->values[MIN (1, f->n_members - 1)]) / 2,
    last, last * 2 + 1, f->values[0] - 1, 0, 1, 8, 64 };
  gint rx, ry;

  for (guint i = 0; i < G_N_ELEMENTS (p); i++) {
    guint d = 0;

    /* On its own grid (halved members: half pixels), as the frame filter
     * takes it, then in full pixels for the paths below. */
    skc_family_eval_native (f, p[i], c, &d);
    if ((d != 1 && d != 2) || d != skc_family_decimation (f, p[i]))
      abort ();
    skc_family_eval (f, p[i], c);
    skc_complex_reach (c, &rx, &ry);
    if (rx < 1 || ry < 1)
      abort ();
    (void) skc_complex_dc_gain (c);
    /* May refuse (several branches, large weights), with an error. */
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (SkcFixedKernel) k = skc_fixed_kernel_new (c, &error);

      if ((k == NULL) != (error != NULL) || (k != NULL && k->reach < 0))
        abort ();
    }
    /* Pulled in to a small frame: never an offset error, the padding
     * bounded by the frame. */
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (SkcFixedKernel) k = skc_fixed_kernel_new_within (c, 17, 5, &error);

      if ((k == NULL) != (error != NULL) || (k != NULL && (k->reach_x > 16 || k->reach_y > 4)))
        abort ();
    }
  }
  /* The element's load-time check: a verdict with an error, or none. */
  {
    g_autoptr (GError) error = NULL;
    gboolean ok = skc_varying_family_check (f, &error);

    if (ok != (error == NULL))
      abort ();
  }
}

int
LLVMFuzzerTestOneInput (const guint8 *data, size_t size)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SkcFamily) f = skc_preset_load_data ((const gchar *) data, size, &error);
  g_autoptr (SkcFamily) back = NULL;
  g_autofree gchar *text = NULL, *again = NULL;
  gsize len, len2;

  if (f == NULL) {
    /* Failure must come with an error in our domain, nothing else. */
    if (error == NULL || error->domain != SKC_ERROR || error->message == NULL)
      abort ();
    return 0;
  }
  if (error != NULL || !skc_family_validate (f, NULL))
    abort ();
  exercise (f);

  text = skc_preset_save_data (f, &len);
  back = skc_preset_load_data (text, len, &error);
  if (back == NULL) {
    g_printerr ("saved preset does not load back: %s\n---\n%s---\n", error->message, text);
    abort ();
  }
  if (!same_family (f, back)) {
    g_printerr ("saved preset loads back different:\n---\n%s---\n", text);
    abort ();
  }
  again = skc_preset_save_data (back, &len2);
  if (len2 != len || memcmp (text, again, len) != 0)
    abort ();
  return 0;
}
