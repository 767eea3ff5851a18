/* skc-fidelity --family FULL --half HALF: full resolution against halved,
 * radius by radius (docs/ARCHITECTURE.md §8, "The decimation in the fit"). */
#pragma once

#include "skc.h"

/* For each radius (HALF's member values, or at when not NULL): kernel PSNR
 * (halved: the 4-phase mean, skc-halved.h) and photo PSNR against the dense
 * target, and integer taps a full-resolution pixel costs (halved: the half
 * plane's taps ÷ 4), of FULL at full resolution, of FULL scaled ½ and run
 * halved (the engine's halved path before the fit), and of HALF's halved
 * members.  A Markdown table on stdout; returns the exit status. */
gint skc_fidelity_halved (const gchar *full, const gchar *half, const SkcImage *photo, const gchar *at);
