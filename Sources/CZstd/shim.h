#ifndef PROVENANCE_CZSTD_SHIM_H
#define PROVENANCE_CZSTD_SHIM_H
// The system libzstd (Debian: libzstd-dev). Corpus streams `.zst` Stack files
// through ZSTD_decompressStream; the library is linked, not vendored.
#include <zstd.h>
// Dictionary training, for index-bench's measurement of compressed contents.
#include <zdict.h>
#endif
