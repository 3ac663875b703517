// The libFuzzer driver of veille-fuzz (see Tests/Fuzz/README.md).
#ifndef VEILLE_CFUZZMAIN_H
#define VEILLE_CFUZZMAIN_H

/// Runs the fuzz target named by argv[1] (feed, article, senate-page, senate-csv, watchlist).
///
/// In a build with `-sanitize=fuzzer`, hands the remaining arguments to libFuzzer's
/// `LLVMFuzzerRunDriver`; in an ordinary build (no libFuzzer linked), replays each file named in the
/// remaining arguments through the target once, so a saved crash input can be reproduced anywhere.
/// Returns the process exit code.
int veille_fuzz_driver(int argc, char **argv);

#endif
