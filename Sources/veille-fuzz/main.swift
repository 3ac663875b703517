// veille-fuzz: libFuzzer targets for the parsers that read untrusted bytes. Built and run by
// Tests/Fuzz/run-fuzzers.sh; see Tests/Fuzz/README.md. `veille-fuzz <target> …`.
import CFuzzMain

#if canImport(Glibc)
    import Glibc
#endif

exit(veille_fuzz_driver(CommandLine.argc, CommandLine.unsafeArgv))
