// swift-tools-version:6.1
// LeadScore: learns lead-scoring point cards from historical converted/lost leads.
//
// Dependency arrow (each module imports only those to its left):
//   CBLAS, CLAPACKE → LinearAlgebra ─┐
//   OutputFiles (no dependencies) → LeadCSV, ScoreCardFormat
//   LeadCSV → LeadData → FeatureEncoding → ModelCore → LinearModels, BoostedStumps
//   Evaluation, ProbabilityCalibration (no dependencies); RuleScoring → ScoreCardFormat, LeadCSV, OutputFiles
//   ModelCore, ProbabilityCalibration, Evaluation → PointExport → ScoreCardFormat ← RuleScoring
//   LeadData, ScoreCardFormat → CardHoldout (a card's held-out rows of its training file)
//   leadscore (CLI) imports everything.
import PackageDescription

let package = Package(
    name: "LeadScore",
    products: [
        .executable(name: "leadscore", targets: ["LeadScoreCLI"]),
        .library(name: "OutputFiles", targets: ["OutputFiles"]),
        .library(name: "LinearAlgebra", targets: ["LinearAlgebra"]),
        .library(name: "LeadData", targets: ["LeadData"]),
        .library(name: "FeatureEncoding", targets: ["FeatureEncoding"]),
        .library(name: "Evaluation", targets: ["Evaluation"]),
        .library(name: "ProbabilityCalibration", targets: ["ProbabilityCalibration"]),
        .library(name: "LinearModels", targets: ["LinearModels"]),
        .library(name: "BoostedStumps", targets: ["BoostedStumps"]),
        .library(name: "ScoreCardFormat", targets: ["ScoreCardFormat"]),
        .library(name: "RuleScoring", targets: ["RuleScoring"]),
        .library(name: "CardHoldout", targets: ["CardHoldout"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // MARK: C libraries (Debian: libopenblas-dev, liblapack-dev, liblapacke-dev)
        .systemLibrary(name: "CBLAS", pkgConfig: "openblas", providers: [.apt(["libopenblas-dev"])]),
        .systemLibrary(name: "CLAPACKE", pkgConfig: "lapacke", providers: [.apt(["liblapacke-dev", "liblapack-dev"])]),

        // MARK: Numerics
        .target(name: "LinearAlgebra", dependencies: ["CBLAS", "CLAPACKE"]),

        // MARK: Writing outputs safely (atomic files, devices and FIFOs written through, signals)
        .target(name: "OutputFiles"),

        // MARK: Data
        .target(name: "LeadCSV", dependencies: ["OutputFiles"]),
        .target(name: "LeadData", dependencies: ["LeadCSV"]),
        .target(name: "FeatureEncoding", dependencies: ["LeadData"]),

        // MARK: Models
        .target(name: "ModelCore", dependencies: ["FeatureEncoding"]),
        .target(name: "LinearModels", dependencies: ["ModelCore", "FeatureEncoding", "LinearAlgebra"]),
        .target(name: "BoostedStumps", dependencies: ["ModelCore", "FeatureEncoding"]),

        // MARK: Judging models
        .target(name: "Evaluation"),
        .target(name: "ProbabilityCalibration"),

        // MARK: The score card and its consumer (never imports a trainer)
        .target(name: "ScoreCardFormat", dependencies: ["OutputFiles"]),
        .target(name: "RuleScoring", dependencies: ["ScoreCardFormat", "LeadCSV", "OutputFiles"]),
        // Which rows of a file are a card's held-out leads (the split its provenance records); no trainer.
        .target(name: "CardHoldout", dependencies: ["LeadData", "LeadCSV", "ScoreCardFormat"]),
        .target(name: "PointExport", dependencies: ["ModelCore", "LeadData", "ProbabilityCalibration", "Evaluation", "ScoreCardFormat"]),

        // MARK: Command line
        .executableTarget(
            name: "LeadScoreCLI",
            dependencies: [
                "LeadData", "LeadCSV", "FeatureEncoding", "ModelCore", "LinearAlgebra", "Evaluation", "ProbabilityCalibration", "LinearModels", "BoostedStumps",
                "ScoreCardFormat", "RuleScoring", "PointExport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                "OutputFiles",
                "CardHoldout",
            ],
            path: "Sources/LeadScoreCLI"
        ),

        // MARK: Tests
        .target(name: "TestSupport", dependencies: ["LeadData"], path: "Tests/TestSupport"),
        .testTarget(name: "LinearAlgebraTests", dependencies: ["LinearAlgebra", "TestSupport"]),
        .testTarget(name: "OutputFilesTests", dependencies: ["OutputFiles"]),
        .testTarget(name: "LeadCSVTests", dependencies: ["LeadCSV"]),
        .testTarget(name: "LeadDataTests", dependencies: ["LeadData"]),
        .testTarget(name: "FeatureEncodingTests", dependencies: ["FeatureEncoding", "LeadData", "TestSupport"]),
        .testTarget(name: "EvaluationTests", dependencies: ["Evaluation", "TestSupport"], resources: [.copy("Fixtures")]),
        .testTarget(name: "ProbabilityCalibrationTests", dependencies: ["ProbabilityCalibration", "Evaluation", "TestSupport"]),
        .testTarget(name: "LinearModelsTests", dependencies: ["LinearModels", "LeadData", "TestSupport"], resources: [.copy("Fixtures")]),
        .testTarget(name: "BoostedStumpsTests", dependencies: ["BoostedStumps", "LeadData", "TestSupport"]),
        .testTarget(name: "ScoreCardFormatTests", dependencies: ["ScoreCardFormat"]),
        .testTarget(name: "RuleScoringTests", dependencies: ["RuleScoring", "ScoreCardFormat"]),
        .testTarget(name: "PointExportTests", dependencies: ["PointExport", "ModelCore", "LeadData"]),
        .testTarget(name: "EndToEndTests", dependencies: ["LeadData", "LeadCSV", "BoostedStumps", "LinearModels", "FeatureEncoding", "PointExport", "RuleScoring", "ScoreCardFormat"]),
        .testTarget(name: "CardHoldoutTests", dependencies: ["CardHoldout", "LeadData", "ScoreCardFormat"]),
        .testTarget(name: "LeadScoreCLITests", dependencies: ["LeadScoreCLI"]),
    ]
)
