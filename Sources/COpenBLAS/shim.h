#ifndef PROVENANCE_COPENBLAS_SHIM_H
#define PROVENANCE_COPENBLAS_SHIM_H

// OpenBLAS's CBLAS interface: the matrix products of BigCodeRuntime.
#include <cblas.h>

#endif
