/* libskc — error domain shared by every part of the library. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define SKC_ERROR (skc_error_quark ())

typedef enum {
  SKC_ERROR_INVALID,      /* a value is out of range or malformed */
  SKC_ERROR_MISSING,      /* a required key, group or file is absent */
  SKC_ERROR_VERSION,      /* a preset of an unknown format version */
  SKC_ERROR_IO,           /* reading or writing a file failed */
  SKC_ERROR_UNSUPPORTED,  /* a well-formed request we do not implement */
} SkcErrorCode;

GQuark skc_error_quark (void);

G_END_DECLS
