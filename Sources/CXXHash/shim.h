#ifndef PROVENANCE_CXXHASH_SHIM_H
#define PROVENANCE_CXXHASH_SHIM_H
// The system libxxhash (Debian: libxxhash-dev). XXH3 is the hash behind every
// token and k-gram fingerprint; the library is linked, not vendored.
#include <xxhash.h>
#endif
