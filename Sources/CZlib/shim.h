// zlib: compressing the raw page bytes kept as evidence (Storage), and inflating zip entries (Archive).
#ifndef VEILLE_CZLIB_SHIM_H
#define VEILLE_CZLIB_SHIM_H
#include <zlib.h>

/// inflateInit2 is a macro: this is it for a raw deflate stream (no zlib header), as zip entries hold.
static inline int veille_inflate_init_raw(z_streamp stream) {
    return inflateInit2_(stream, -MAX_WBITS, ZLIB_VERSION, (int)sizeof(z_stream));
}
#endif
