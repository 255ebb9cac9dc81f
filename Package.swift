// swift-tools-version: 6.1
import PackageDescription

/// Settings every Swift target shares: Swift 6 language mode is the tools default;
/// these upcoming features are the ones DESIGN.md asks for.
let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "Provenance",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "provenance", targets: ["provenance"]),
        .library(name: "CodeLexing", targets: ["CodeLexing"]),
        .library(name: "Fingerprinting", targets: ["Fingerprinting"]),
        .library(name: "IndexStore", targets: ["IndexStore"]),
        .library(name: "Corpus", targets: ["Corpus"]),
        .library(name: "Indexing", targets: ["Indexing"]),
        .library(name: "Matching", targets: ["Matching"]),
        .library(name: "Reporting", targets: ["Reporting"]),
        .library(name: "ProvenanceServer", targets: ["ProvenanceServer"]),
        .library(name: "BigCodeRuntime", targets: ["BigCodeRuntime"]),
        .library(name: "GatedCompletion", targets: ["GatedCompletion"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-algorithms", from: "1.2.1"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        // AsyncHTTPClient's own transport: GatedCompletion uses its buffer and HTTP types, its tests serve HTTP with it.
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
    ],
    targets: [
        // MARK: - L0: system libraries and vocabulary
        .systemLibrary(
            name: "CXXHash",
            pkgConfig: "libxxhash",
            providers: [.apt(["libxxhash-dev"])]
        ),
        .systemLibrary(
            name: "COpenBLAS",
            pkgConfig: "openblas",
            providers: [.apt(["libopenblas-dev"])]
        ),
        .target(name: "ProvenanceCore", swiftSettings: strictSettings),
        .systemLibrary(
            name: "CZstd",
            pkgConfig: "libzstd",
            providers: [.apt(["libzstd-dev"])]
        ),
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]
        ),

        // MARK: - L1: lexing and fingerprints
        .target(name: "CodeLexing", dependencies: ["ProvenanceCore"], swiftSettings: strictSettings),
        .target(
            name: "Fingerprinting",
            dependencies: ["ProvenanceCore", "CodeLexing", "CXXHash"],
            swiftSettings: strictSettings
        ),

        // MARK: - L2: the index file
        .target(
            name: "IndexStore",
            dependencies: [
                "ProvenanceCore", "CodeLexing", "Fingerprinting", "CXXHash", "CZstd",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "Algorithms", package: "swift-algorithms"),
            ],
            swiftSettings: strictSettings
        ),

        // MARK: - L3: matching
        .target(
            name: "Matching",
            dependencies: [
                "ProvenanceCore", "CodeLexing", "Fingerprinting", "IndexStore",
                .product(name: "Algorithms", package: "swift-algorithms"),
            ],
            swiftSettings: strictSettings
        ),

        // MARK: - L4: reports and policy
        .target(
            name: "Reporting",
            dependencies: ["ProvenanceCore", "Matching", "IndexStore"],
            swiftSettings: strictSettings
        ),

        // MARK: - L4: completions checked before they are returned (AsyncHTTPClient enters here)
        .target(
            name: "GatedCompletion",
            dependencies: [
                "ProvenanceCore", "CodeLexing", "IndexStore", "Matching", "Reporting", "BigCodeRuntime",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: strictSettings
        ),

        // MARK: - L5: the HTTP server
        .target(
            name: "ProvenanceServer",
            dependencies: [
                "ProvenanceCore", "CodeLexing", "IndexStore", "Matching", "Reporting", "GatedCompletion",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            swiftSettings: strictSettings
        ),

        // MARK: - Model runtime (a leaf: OpenBLAS and Foundation only)
        // The runtime's own C kernels: products with the CPU's bf16 dot-product instruction.
        .target(name: "CBigCodeKernels"),
        .target(name: "BigCodeRuntime", dependencies: ["COpenBLAS", "CBigCodeKernels"], swiftSettings: strictSettings),
        .executableTarget(
            name: "bigcode-bench",
            dependencies: ["BigCodeRuntime"],
            path: "Benchmarks/BigCodeBenchmark",
            swiftSettings: strictSettings
        ),

        .executableTarget(
            name: "quality-bench",
            dependencies: ["ProvenanceCore", "CodeLexing", "Fingerprinting", "IndexStore", "Matching", "ProvenanceTestSupport"],
            path: "Benchmarks/QualityBenchmark",
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "match-bench",
            dependencies: ["ProvenanceCore", "IndexStore", "Matching"],
            path: "Benchmarks/MatchBenchmark",
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "index-bench",
            dependencies: [
                "ProvenanceCore", "CodeLexing", "Fingerprinting", "IndexStore", "Indexing", "Corpus", "CZstd",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            path: "Benchmarks/IndexBenchmark",
            swiftSettings: strictSettings
        ),

        // MARK: - L3: corpus readers
        .target(
            name: "Corpus",
            dependencies: ["ProvenanceCore", "CZstd", "CZlib"],
            swiftSettings: strictSettings
        ),

        .target(
            name: "Indexing",
            dependencies: ["ProvenanceCore", "Corpus", "Fingerprinting", "IndexStore"],
            swiftSettings: strictSettings
        ),

        // MARK: - CLI
        .executableTarget(
            name: "provenance",
            dependencies: [
                "ProvenanceCore", "CodeLexing", "Fingerprinting", "IndexStore", "Corpus", "Indexing", "Matching", "Reporting", "BigCodeRuntime",
                "GatedCompletion", "ProvenanceServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strictSettings
        ),

        // MARK: - Tests
        .target(
            name: "ProvenanceTestSupport",
            dependencies: ["ProvenanceCore", "Fingerprinting", "IndexStore"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "CodeLexingTests",
            dependencies: [
                "CodeLexing", "ProvenanceTestSupport",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            exclude: ["Golden"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "FingerprintingTests",
            dependencies: [
                "Fingerprinting", "CodeLexing", "ProvenanceTestSupport",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "IndexStoreTests",
            dependencies: ["IndexStore", "Fingerprinting", "ProvenanceTestSupport", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "MatchingTests",
            dependencies: ["Matching", "IndexStore", "ProvenanceTestSupport"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "ReportingTests",
            dependencies: ["Reporting", "ProvenanceCore", "ProvenanceTestSupport"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "GatedCompletionTests",
            dependencies: [
                "GatedCompletion", "BigCodeRuntime", "ProvenanceCore", "CodeLexing", "IndexStore", "Matching", "Reporting", "ProvenanceTestSupport",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "BigCodeRuntimeTests",
            dependencies: ["BigCodeRuntime", "ProvenanceTestSupport"],
            resources: [.copy("Fixtures")],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "CorpusTests",
            dependencies: ["Corpus", "ProvenanceTestSupport"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "ProvenanceServerTests",
            dependencies: [
                "ProvenanceServer", "GatedCompletion", "Reporting", "Matching", "IndexStore", "ProvenanceTestSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "ProvenanceCLITests",
            dependencies: ["ProvenanceTestSupport", "IndexStore", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: strictSettings
        ),
    ]
)
