/* libskc — the sparse-kernel-complex library (umbrella header). */
#pragma once

#include "skc-error.h"
#include "skc-complex.h"
#include "skc-raster.h"
#include "skc-impulse.h"
#include "skc-family.h"
#include "skc-preset.h"
#include "skc-shape.h"
#include "skc-image.h"
#include "skc-image-file.h"
#include "skc-reference.h"
#include "skc-metrics.h"
#include "skc-fit.h"
#include "skc-baseline.h"
#include "skc-plane.h"
#include "skc-pool.h"
#include "skc-filter.h"
