#ifndef PROVENANCE_CZLIB_SHIM_H
#define PROVENANCE_CZLIB_SHIM_H
// The system zlib (Debian: zlib1g-dev). Corpus streams `.gz` Stack files through
// inflate(); a C shim keeps the build free of SwiftNIO, which compress-nio needs.
#include <zlib.h>

// zlib's inflateInit2 is a macro, which Swift cannot call; this wrapper is.
static inline int provenance_inflateInit2(z_streamp stream, int windowBits) {
    return inflateInit2(stream, windowBits);
}
#endif
