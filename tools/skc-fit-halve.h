/* skc-fit --halve: a family's large members refitted to run at half
 * resolution (docs/ARCHITECTURE.md §8, "The decimation in the fit"). */
#pragma once

#include "skc.h"

/* Loads family (a built-in name or a .skc path), refits every member at a
 * value ≥ from in the halved mode against the family's own shape — each
 * from its full-resolution member scaled by ½, at opts' rates, then
 * opts->family_refine_steps of joint refinement over the halved members and
 * their half-way blends — marks them decimation 2 and writes out.  Prints a
 * line a member and the stable last line; returns the exit status. */
gint skc_fit_halve (const gchar *family, gdouble from, const SkcFitOptions *opts, const gchar *out);
