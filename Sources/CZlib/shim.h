// zlib, for compressing the raw page bytes kept as evidence. Only the Storage module imports this.
#ifndef VEILLE_CZLIB_SHIM_H
#define VEILLE_CZLIB_SHIM_H
#include <zlib.h>
#endif
