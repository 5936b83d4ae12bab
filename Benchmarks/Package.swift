// swift-tools-version:6.1
// Micro-benchmarks of LeadScore's hot paths (ordo-one/benchmark), kept in a nested package so the main
// build never resolves or compiles the benchmark tool (it slows a clean `swift build` from seconds to a
// minute). Run from this folder: `swift package benchmark`, or `./micro.sh` to write MICRO.md.
import PackageDescription

/// One executable suite per hot path, in `Benchmarks/<Name>/<Name>.swift`, each run by the benchmark plugin.
func suite(_ name: String, _ products: [String]) -> Target {
    .executableTarget(
        name: name,
        dependencies: ["MicroSupport", .product(name: "Benchmark", package: "benchmark")]
            + products.map { .product(name: $0, package: "LeadScore") },
        path: "Benchmarks/\(name)",
        plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
    )
}

let package = Package(
    name: "LeadScoreBenchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "LeadScore", path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        // Synthetic data and rate metrics shared by the suites.
        .target(
            name: "MicroSupport",
            dependencies: [.product(name: "Benchmark", package: "benchmark"), .product(name: "LeadData", package: "LeadScore")],
            path: "Benchmarks/MicroSupport"
        ),
        suite("CSVLoad", ["LeadData"]),
        suite("Binning", ["LeadData", "FeatureEncoding"]),
        suite("LogisticFit", ["LeadData", "FeatureEncoding", "LinearAlgebra", "LinearModels"]),
        suite("StumpRounds", ["LeadData", "BoostedStumps"]),
        suite("CardScoring", ["LeadData", "RuleScoring"]),
    ]
)
