#ifndef PROVENANCE_CBIGCODEKERNELS_H
#define PROVENANCE_CBIGCODEKERNELS_H

// BigCodeRuntime's own C kernels, for instructions Swift cannot reach: AVX512-BF16 batched
// products and AVX-512 one-token products over bf16 and int8 weights.
#include "bf16_dot.h"
#include "matvec.h"

#endif
