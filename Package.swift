// swift-tools-version:6.0
import PackageDescription

/// veille: one pipeline, one direction.
/// due sources → fetch → parse → extract → match → store deltas → digest.
/// Modules depend downwards only; see README.md and the layout in the repository's docs.
let package = Package(
    name: "veille",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "veille", targets: ["veille"])
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"), // LogHandler.log(event:)
        .package(url: "https://github.com/jpsim/Yams", from: "5.0.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", exact: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", exact: "2.1.1"),
        .package(url: "https://github.com/vapor/postgres-nio", exact: "1.33.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"), // NIOThreadPool (Hummingbird's own)
    ],
    targets: [
        // C libraries: a module map and a small shim header each.
        // libcurl is opened on first use (dlopen), not linked: see Sources/CCurl/loader.c.
        .target(name: "CCurl"),
        .systemLibrary(
            name: "CLibXML2", pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]),
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(name: "CMalloc"),

        // Foundations: the only importers of the C shims, and the domain values.
        .target(name: "Curl", dependencies: ["CCurl"]),
        .target(name: "Markup", dependencies: ["CLibXML2", "VeilleCore"]),
        .target(name: "VeilleCore", dependencies: [.product(name: "Yams", package: "Yams")]),

        // Pipeline stages.
        .target(
            name: "Fetching",
            dependencies: [
                "Curl", "VeilleCore",
                .product(name: "Logging", package: "swift-log"),
            ]),
        .target(name: "Syndication", dependencies: ["Markup", "VeilleCore"]),
        .target(name: "Parliament", dependencies: ["Markup", "VeilleCore"]),
        .target(name: "Archive", dependencies: ["CZlib"]),
        .target(name: "Extraction", dependencies: ["Markup", "VeilleCore"]),
        .target(name: "Matching", dependencies: ["VeilleCore"]),
        .target(
            name: "Storage",
            dependencies: [
                "VeilleCore", "CZlib", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ]),
        .target(
            name: "Digests",
            dependencies: [
                "Storage", "VeilleCore", "Curl", "Templates",
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Logging", package: "swift-log"),
            ]),
        .target(name: "Interop", dependencies: ["Storage", "VeilleCore"]),
        // Several workers on one PostgreSQL database: leases on due sources, the shared per-host gate,
        // robots.txt shared, the digest sent by one worker at a time.
        .target(
            name: "Coordination",
            dependencies: [
                "Fetching", "VeilleCore",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]),
        .target(
            name: "Pipeline",
            dependencies: [
                "Fetching", "Syndication", "Parliament", "Archive", "Extraction", "Matching", "Storage", "Digests",
                "Coordination", "VeilleCore",
                .product(name: "Logging", package: "swift-log"),
            ]),
        // The HTML templates and style sheets, shared by the web view and the HTML digest (and the mail's CSS
        // inliner); no web server.
        .target(
            name: "Templates", dependencies: [.product(name: "Mustache", package: "swift-mustache")],
            resources: [.copy("Resources")]),
        // The analyst's workbench (`veille serve`): read-only routes over Storage's archive queries.
        .target(
            name: "Workbench",
            dependencies: [
                "Storage", "Digests", "Templates", "VeilleCore",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]),
        .executableTarget(
            name: "veille",
            dependencies: [
                "CMalloc", "Pipeline", "Interop", "Syndication", "Parliament", "Extraction", "Matching", "Storage",
                "Digests",
                "VeilleCore", "Workbench",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]),

        // Benchmarks: figures for the notes, never part of the test run.
        .executableTarget(
            name: "veille-bench",
            dependencies: [
                "Pipeline", "Syndication", "Parliament", "Extraction", "Matching", "Fetching", "Storage", "VeilleCore",
                "Interop", "TestSupport", "Coordination", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
            ]),

        // Fuzzing: libFuzzer targets run by Tests/Fuzz/run-fuzzers.sh; an ordinary build replays saved inputs.
        .target(name: "CFuzzMain"),
        .executableTarget(
            name: "veille-fuzz",
            dependencies: [
                "CFuzzMain", "Markup", "Syndication", "Extraction", "Parliament", "Matching", "VeilleCore",
            ]),

        // Tests: pure modules directly, the rest against real servers on 127.0.0.1.
        .target(name: "TestSupport", dependencies: ["VeilleCore"], path: "Tests/TestSupport"),
        .testTarget(
            name: "VeilleCoreTests", dependencies: ["VeilleCore", "TestSupport"],
            resources: [.copy("Fixtures")]),
        .testTarget(
            name: "MarkupTests", dependencies: ["Markup", "VeilleCore", "TestSupport"],
            resources: [.copy("Fixtures")]),
        .testTarget(
            name: "SyndicationTests", dependencies: ["Syndication", "TestSupport"],
            resources: [.copy("Fixtures")]),
        .testTarget(name: "FetchingTests", dependencies: ["Fetching", "TestSupport"]),
        .testTarget(
            name: "ParliamentTests", dependencies: ["Parliament", "TestSupport"],
            resources: [.copy("Fixtures")]),
        .testTarget(
            name: "ExtractionTests", dependencies: ["Extraction", "TestSupport"],
            resources: [.copy("Fixtures")]),
        .testTarget(
            name: "MatchingTests", dependencies: ["Matching", "TestSupport"],
            resources: [.copy("Fixtures")]),
        .testTarget(name: "StorageTests", dependencies: ["Storage", "TestSupport"]),
        .testTarget(name: "ArchiveTests", dependencies: ["Archive", "TestSupport"]),
        .testTarget(
            name: "CoordinationTests",
            dependencies: [
                "Coordination", "Fetching", "Storage", "TestSupport",
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ]),
        .testTarget(
            name: "WorkbenchTests",
            dependencies: [
                "Workbench", "Storage", "VeilleCore", "TestSupport", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Mustache", package: "swift-mustache"),
            ]),
        .testTarget(
            name: "DigestsTests",
            dependencies: ["Digests", "Storage", "Pipeline", "Syndication", "Templates", "TestSupport"],
            resources: [.copy("Fixtures")]),
        .testTarget(
            name: "InteropTests", dependencies: ["Interop", "Matching", "Pipeline", "Storage", "TestSupport"],
            resources: [.copy("Fixtures")]),
        .testTarget(
            name: "PipelineTests", dependencies: ["Pipeline", "Storage", "TestSupport"],
            resources: [.copy("Fixtures")]),
        .testTarget(
            name: "VeilleTests", dependencies: ["veille", "Syndication", "Extraction", "TestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
