/* sparseconv — the plugin: one element, built-in presets as a GResource. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "gstsparseconv.h"

static gboolean
plugin_init (GstPlugin *plugin)
{
  return GST_ELEMENT_REGISTER (sparseconv, plugin);
}

GST_PLUGIN_DEFINE (GST_VERSION_MAJOR, GST_VERSION_MINOR, sparseconv,
    "Large, spatially-varying convolution kernels through sparse kernel complexes",
    plugin_init, PACKAGE_VERSION, "LGPL", "sparseconv", "https://example.invalid/sparseconv")
