// veille-fuzz's driver: picks a target by name and runs libFuzzer on it (or replays files).
//
// SwiftPM gives a Swift executable its own entry point, so a plain @_cdecl("LLVMFuzzerTestOneInput")
// never runs: libFuzzer's main is not linked in. Instead veille-fuzz's main.swift calls this driver,
// which calls LLVMFuzzerRunDriver with the target's @_cdecl entry point. LLVMFuzzerRunDriver is a weak
// reference: in a normal `swift build` (no -sanitize=fuzzer) it is NULL and the driver replays files.
#include "CFuzzMain.h"
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef int (*veille_fuzz_callback)(const uint8_t *data, size_t size);

extern int LLVMFuzzerRunDriver(int *argc, char ***argv, veille_fuzz_callback callback) __attribute__((weak));

// The @_cdecl entry points in Sources/veille-fuzz.
extern int veille_fuzz_feed(const uint8_t *data, size_t size);
extern int veille_fuzz_article(const uint8_t *data, size_t size);
extern int veille_fuzz_senate_page(const uint8_t *data, size_t size);
extern int veille_fuzz_senate_csv(const uint8_t *data, size_t size);
extern int veille_fuzz_watchlist(const uint8_t *data, size_t size);
extern int veille_fuzz_markup_xml(const uint8_t *data, size_t size);

static const struct { const char *name; veille_fuzz_callback callback; } targets[] = {
    {"feed", veille_fuzz_feed},
    {"article", veille_fuzz_article},
    {"senate-page", veille_fuzz_senate_page},
    {"senate-csv", veille_fuzz_senate_csv},
    {"watchlist", veille_fuzz_watchlist},
    {"markup-xml", veille_fuzz_markup_xml},
};

static int usage(void) {
    fprintf(stderr, "usage: veille-fuzz <target> [libFuzzer flags] [corpus dirs | files]\ntargets:");
    for (size_t i = 0; i < sizeof targets / sizeof targets[0]; i++) fprintf(stderr, " %s", targets[i].name);
    fprintf(stderr, "\n");
    return 2;
}

static int replay(veille_fuzz_callback callback, int count, char **paths) {
    for (int i = 0; i < count; i++) {
        FILE *f = fopen(paths[i], "rb");
        if (!f) { fprintf(stderr, "veille-fuzz: cannot open %s\n", paths[i]); return 1; }
        size_t cap = 1 << 16, size = 0;
        uint8_t *data = malloc(cap);
        size_t n;
        while (data && (n = fread(data + size, 1, cap - size, f)) > 0) {
            size += n;
            if (size == cap) { cap *= 2; data = realloc(data, cap); }
        }
        fclose(f);
        if (!data) { fprintf(stderr, "veille-fuzz: out of memory\n"); return 1; }
        fprintf(stderr, "veille-fuzz: %s (%zu bytes)\n", paths[i], size);
        callback(data, size);
        free(data);
    }
    return 0;
}

int veille_fuzz_driver(int argc, char **argv) {
    if (argc < 2) return usage();
    veille_fuzz_callback callback = NULL;
    for (size_t i = 0; i < sizeof targets / sizeof targets[0]; i++) {
        if (strcmp(argv[1], targets[i].name) == 0) callback = targets[i].callback;
    }
    if (!callback) return usage();
    // Drop the target name: libFuzzer sees argv[0] followed by its own flags and corpus folders.
    argv[1] = argv[0];
    argc -= 1;
    argv += 1;
    if (LLVMFuzzerRunDriver) return LLVMFuzzerRunDriver(&argc, &argv, callback);
    return replay(callback, argc - 1, argv + 1);
}
