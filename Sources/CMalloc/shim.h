// glibc's malloc tuning, for the `--batch` commands only (the `veille` executable imports this).
#ifndef VEILLE_CMALLOC_SHIM_H
#define VEILLE_CMALLOC_SHIM_H
#include <malloc.h>

// Parsing threads allocate and free documents of tens to hundreds of kilobytes without end. By default
// glibc gives such blocks back to the kernel (mmap, then munmap or trimming), and every unmapping
// interrupts the other threads' cores to flush their TLBs. A short-lived batch process keeps them.
static inline void veille_malloc_keep_memory(void) {
    mallopt(M_MMAP_THRESHOLD, 32 * 1024 * 1024);
    mallopt(M_TRIM_THRESHOLD, 256 * 1024 * 1024);
}
#endif
