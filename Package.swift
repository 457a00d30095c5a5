// swift-tools-version:6.2
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "cache-sidecar",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "cache-sidecar", targets: ["CacheSidecarCLI"]),
        .library(name: "CacheSidecar", targets: ["CacheSidecar"]),
        .library(name: "Embeddings", targets: ["Embeddings"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.5.2"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-collections.git", from: "1.6.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        // Tests only: a real HTTP client for talking to the sidecar over loopback.
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
    ],
    targets: [
        // C interop: one thin target per library.
        .systemLibrary(name: "CHiredis", providers: [.apt(["libhiredis-dev"])]),
        .systemLibrary(name: "CBlas", providers: [.apt(["libopenblas-dev"])]),
        .target(
            name: "CCurl",
            linkerSettings: [.linkedLibrary("curl")]
        ),
        // The semantic index's int8 dot-product kernels (AVX-512 VNNI or AVX2 when the CPU has them, portable C otherwise).
        .target(name: "CIndexKernels", cSettings: [.unsafeFlags(["-O3"])]),
        // The encoder's element-wise kernels (GELU, softmax, LayerNorm), cloned for AVX-512 / AVX2 / baseline.
        .target(name: "CEncoderKernels", cSettings: [.unsafeFlags(["-O3"])]),

        .target(
            name: "Embeddings",
            dependencies: ["CBlas", "CEncoderKernels"],
            swiftSettings: swiftSettings + [.unsafeFlags(["-Ounchecked"], .when(configuration: .release))]
        ),
        .target(
            name: "CacheSidecar",
            dependencies: [
                "CHiredis",
                "CCurl",
                "CBlas",
                "CIndexKernels",
                "Embeddings",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "Collections", package: "swift-collections"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "CacheSidecarCLI",
            dependencies: [
                "CacheSidecar",
                "Embeddings",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings
        ),
        // `swift run -c release IndexBenchmark`: semantic index lookup latency and memory (docs/BENCHMARKS.md).
        .executableTarget(
            name: "IndexBenchmark",
            dependencies: ["CacheSidecar", "CIndexKernels"],
            swiftSettings: swiftSettings
        ),

        .executableTarget(
            name: "EmbeddingsBenchmark",
            dependencies: ["Embeddings"],
            swiftSettings: swiftSettings
        ),

        .testTarget(
            name: "EmbeddingsTests",
            dependencies: ["Embeddings"],
            resources: [.copy("Fixtures")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "CacheSidecarTests",
            dependencies: [
                "CacheSidecar",
                "CIndexKernels",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ],
            swiftSettings: swiftSettings
        ),
    ]
)
