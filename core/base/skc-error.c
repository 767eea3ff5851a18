/* libskc — error domain. */
#include "skc-error.h"

G_DEFINE_QUARK (skc-error-quark, skc_error)
