// swift-tools-version:6.1
// LeadScore: learns lead-scoring point cards from historical converted/lost leads.
//
// Dependency arrows: A → B means B imports A. Every module imports only modules on lines above it or to
// its left, so the graph has no cycle and the scorer never reaches a trainer.
//   CBLAS, CLAPACKE → LinearAlgebra
//   LeadMath (no dependencies: the one logistic/softplus) → LeadData, ModelCore, LinearModels, BoostedStumps,
//     ProbabilityCalibration, ScoreCardFormat, PointExport
//   CSQLite, CLibPQ, LeadCSV, LeadData → LeadDatabase (leads read from SQLite and PostgreSQL, as a CSV is read)
//   LeadDatabase, RuleScoring → DatabaseScoring (scores written to a database table; no trainer)
//   LeadDatabase, LeadData, ModelCore, PointExport, RuleScoring, ScoreCardFormat, CardOperations, Evaluation
//     → InDatabaseTraining (a card trained by aggregate queries inside PostgreSQL; only aggregates leave it)
//   OutputFiles (no dependencies) → LeadCSV, ScoreCardFormat, RuleScoring, CLI; CCrypto (libcrypto's SHA-256) → LeadCSV
//   LeadCSV, LeadMath → LeadData → FeatureEncoding → ModelCore
//   LeadData, FeatureEncoding, ModelCore, LinearAlgebra, LeadMath → LinearModels
//   LeadData, FeatureEncoding, ModelCore, LeadMath → BoostedStumps
//   Evaluation: no dependencies; LeadMath → ProbabilityCalibration; OutputFiles, LeadMath → ScoreCardFormat
//   LeadData, ModelCore, FeatureEncoding (its deterministic parallel loop), ProbabilityCalibration, Evaluation,
//     ScoreCardFormat, LeadMath → PointExport
//   LeadCSV, ScoreCardFormat → RuleScoring (no trainer, no BLAS)
//   LeadData, Evaluation → LeakageScreen (columns that give the outcome away)
//   LeadData, LeadCSV, ScoreCardFormat, RuleScoring → CardDataChecks (a card's features, types and categories against a loaded Dataset)
//   ScoreCardFormat, RuleScoring, Evaluation, ProbabilityCalibration, LeadData, LeadCSV, PointExport, OutputFiles,
//     FeatureEncoding (its deterministic parallel loop; already below PointExport) → CardOperations (recalibrate, monitor, diff)
//   LeadData, LeadCSV, ScoreCardFormat → CardHoldout (a card's held-out rows of its training file)
//   LeadCSV, LeadData, FeatureEncoding, ModelCore, LinearModels, BoostedStumps, Evaluation, PointExport,
//     ScoreCardFormat, CardOperations, CardHoldout, LeadMath → CardTraining (the training pipeline)
//   CardTraining, Evaluation, PointExport, ScoreCardFormat, LeadData → CardBacktest (rolling-origin backtests)
//   LeadCSV → Engagement (leads + events → point-in-time snapshots and decayed counts; no trainer)
//   Engagement, LeadData, LinearModels, FeatureEncoding, Evaluation, ScoreCardFormat → EngagementTraining
//     (learned per-event points, half-lives and caps → a card with event criteria)
//   CardTraining, RuleScoring and the modules whose values it prints → leadscore (CLI: parses and prints)
import PackageDescription

let package = Package(
    name: "LeadScore",
    products: [
        .executable(name: "leadscore", targets: ["LeadScoreCLI"]),
        .library(name: "OutputFiles", targets: ["OutputFiles"]),
        .library(name: "LeadMath", targets: ["LeadMath"]),
        .library(name: "LinearAlgebra", targets: ["LinearAlgebra"]),
        .library(name: "LeadData", targets: ["LeadData"]),
        .library(name: "FeatureEncoding", targets: ["FeatureEncoding"]),
        .library(name: "Evaluation", targets: ["Evaluation"]),
        .library(name: "ProbabilityCalibration", targets: ["ProbabilityCalibration"]),
        .library(name: "LinearModels", targets: ["LinearModels"]),
        .library(name: "BoostedStumps", targets: ["BoostedStumps"]),
        .library(name: "ScoreCardFormat", targets: ["ScoreCardFormat"]),
        .library(name: "RuleScoring", targets: ["RuleScoring"]),
        .library(name: "LeadCSV", targets: ["LeadCSV"]),
        .library(name: "ModelCore", targets: ["ModelCore"]),
        .library(name: "PointExport", targets: ["PointExport"]),
        .library(name: "CardTraining", targets: ["CardTraining"]),
        .executable(name: "logistic-job", targets: ["LogisticJob"]),
        .executable(name: "stumps-job", targets: ["StumpsJob"]),
        .executable(name: "events-job", targets: ["EventsJob"]),
        .library(name: "LeakageScreen", targets: ["LeakageScreen"]),
        .library(name: "CardDataChecks", targets: ["CardDataChecks"]),
        .library(name: "CardOperations", targets: ["CardOperations"]),
        .library(name: "CardHoldout", targets: ["CardHoldout"]),
        .library(name: "CardBacktest", targets: ["CardBacktest"]),
        .library(name: "LeadDatabase", targets: ["LeadDatabase"]),
        .library(name: "DatabaseScoring", targets: ["DatabaseScoring"]),
        .library(name: "InDatabaseTraining", targets: ["InDatabaseTraining"]),
        .library(name: "Engagement", targets: ["Engagement"]),
        .library(name: "EngagementTraining", targets: ["EngagementTraining"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // MARK: C libraries (Debian: libopenblas-dev, liblapack-dev, liblapacke-dev)
        .systemLibrary(name: "CBLAS", pkgConfig: "openblas", providers: [.apt(["libopenblas-dev"])]),
        .systemLibrary(name: "CLAPACKE", pkgConfig: "lapacke", providers: [.apt(["liblapacke-dev", "liblapack-dev"])]),

        // MARK: Database client libraries (Debian: libsqlite3-dev, libpq-dev)
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(name: "CLibPQ", pkgConfig: "libpq", providers: [.apt(["libpq-dev"])]),

        // MARK: SHA-256 for data fingerprints (Debian: libssl-dev, which libpq-dev already pulls in)
        .systemLibrary(name: "CCrypto", pkgConfig: "libcrypto", providers: [.apt(["libssl-dev"])]),

        // MARK: Numerics
        .target(name: "LinearAlgebra", dependencies: ["CBLAS", "CLAPACKE"]),

        // MARK: The one logistic function and softplus, in their numerically stable forms (no dependencies)
        .target(name: "LeadMath"),

        // MARK: Writing outputs safely (atomic files, devices and FIFOs written through, signals)
        .target(name: "OutputFiles"),

        // MARK: Data
        .target(name: "LeadCSV", dependencies: ["CCrypto", "OutputFiles"]),
        .target(name: "LeadData", dependencies: ["LeadCSV", "LeadMath"]),
        .target(name: "FeatureEncoding", dependencies: ["LeadData"]),
        .target(name: "LeadDatabase", dependencies: ["CSQLite", "CLibPQ", "LeadCSV", "LeadData"]),
        .target(name: "DatabaseScoring", dependencies: ["LeadDatabase", "RuleScoring", "ScoreCardFormat", "LeadCSV", "OutputFiles"]),
        .target(name: "InDatabaseTraining", dependencies: ["LeadDatabase", "LeadData", "ModelCore", "PointExport", "RuleScoring",
                                                           "ScoreCardFormat", "CardOperations", "Evaluation"]),

        // MARK: Models
        .target(name: "ModelCore", dependencies: ["FeatureEncoding", "LeadMath"]),
        .target(name: "LinearModels", dependencies: ["ModelCore", "FeatureEncoding", "LinearAlgebra", "LeadMath"]),
        .target(name: "BoostedStumps", dependencies: ["ModelCore", "FeatureEncoding", "LeadMath"]),

        // MARK: Judging models
        .target(name: "Evaluation"),
        .target(name: "ProbabilityCalibration", dependencies: ["LeadMath"]),
        .target(name: "LeakageScreen", dependencies: ["LeadData", "Evaluation"]),
        .target(name: "CardDataChecks", dependencies: ["LeadData", "LeadCSV", "ScoreCardFormat", "RuleScoring"]),

        // MARK: The score card and its consumer (never imports a trainer)
        .target(name: "ScoreCardFormat", dependencies: ["OutputFiles", "LeadMath"]),
        .target(name: "RuleScoring", dependencies: ["ScoreCardFormat", "LeadCSV", "OutputFiles"]),
        // Which rows of a file are a card's held-out leads (the split its provenance records); no trainer.
        .target(name: "CardHoldout", dependencies: ["LeadData", "LeadCSV", "ScoreCardFormat"]),
        .target(name: "PointExport", dependencies: ["ModelCore", "FeatureEncoding", "LeadData", "ProbabilityCalibration", "Evaluation", "ScoreCardFormat", "LeadMath"]),

        // MARK: Engagement: leads + activity events → point-in-time snapshots (no trainer), and learning
        // per-event points, half-lives and caps from them
        .target(name: "Engagement", dependencies: ["LeadCSV"]),
        .target(name: "EngagementTraining", dependencies: [
            "Engagement", "LeadData", "LinearModels", "FeatureEncoding", "Evaluation", "ScoreCardFormat",
        ]),

        // MARK: Training: the pipeline from leads to a card, composed of the modules above
        .target(name: "CardTraining", dependencies: [
            "LeadCSV", "LeadData", "FeatureEncoding", "ModelCore", "LinearModels", "BoostedStumps", "Evaluation", "PointExport", "ScoreCardFormat", "CardOperations", "CardHoldout",
            "ProbabilityCalibration", "LeadMath",
        ]),
        // MARK: Rolling-origin backtests: a card per period, trained on the leads before it
        .target(name: "CardBacktest", dependencies: ["CardTraining", "Evaluation", "PointExport", "ScoreCardFormat", "LeadData"]),
        // MARK: Operating a card after training (recalibrate, monitor, diff); never imports a trainer
        .target(name: "CardOperations", dependencies: ["ScoreCardFormat", "RuleScoring", "Evaluation", "ProbabilityCalibration", "LeadData", "LeadCSV", "PointExport", "OutputFiles",
                                                 "FeatureEncoding"]),

        // MARK: Command line
        .executableTarget(
            name: "LeadScoreCLI",
            dependencies: [
                "LeadData", "LeadCSV", "FeatureEncoding", "ModelCore", "Evaluation", "ProbabilityCalibration", "LinearAlgebra", "LinearModels", "BoostedStumps",
                "ScoreCardFormat", "RuleScoring", "PointExport", "CardTraining", "LeakageScreen", "CardDataChecks", "CardOperations",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                "OutputFiles",
                "CardHoldout",
                "CardBacktest",
                "LeadDatabase", "DatabaseScoring", "InDatabaseTraining",
                "Engagement", "EngagementTraining",
            ],
            path: "Sources/LeadScoreCLI"
        ),

        // MARK: The README's "Use from Swift" code, compiled and run by ReadmeExampleTests
        .executableTarget(name: "UseFromSwift", dependencies: ["CardTraining", "LeadData", "RuleScoring", "ScoreCardFormat"],
                          path: "Examples/UseFromSwift"),

        // MARK: Benchmark harnesses (run by Benchmarks/logistic/run.sh and Benchmarks/stumps/compare.py, never by tests)
        .executableTarget(name: "LogisticJob", dependencies: ["LeadData", "FeatureEncoding", "LinearModels"], path: "Benchmarks/logistic/LogisticJob"),
        .executableTarget(name: "InDatabaseCompare", dependencies: ["InDatabaseTraining", "CardTraining", "LeadDatabase", "LeadData"],
                          path: "Benchmarks/in-database/Compare"),
        .executableTarget(name: "StumpsJob", dependencies: ["LeadData", "BoostedStumps"], path: "Benchmarks/stumps/StumpsJob"),
        .executableTarget(name: "EventsJob", dependencies: ["Engagement"], path: "Benchmarks/events/EventsJob"),

        // MARK: Tests
        .target(name: "TestSupport", dependencies: ["LeadData"], path: "Tests/TestSupport"),
        .testTarget(name: "LinearAlgebraTests", dependencies: ["LinearAlgebra", "TestSupport"]),
        .testTarget(name: "OutputFilesTests", dependencies: ["OutputFiles"]),
        .testTarget(name: "LeadMathTests", dependencies: ["LeadMath"]),
        .testTarget(name: "LeadCSVTests", dependencies: ["LeadCSV"]),
        .testTarget(name: "LeadDataTests", dependencies: ["LeadData", "TestSupport"]),
        .testTarget(name: "FeatureEncodingTests", dependencies: ["FeatureEncoding", "LeadData", "TestSupport"]),
        .testTarget(name: "EvaluationTests", dependencies: ["Evaluation", "TestSupport"], resources: [.copy("Fixtures")]),
        .testTarget(name: "ProbabilityCalibrationTests", dependencies: ["ProbabilityCalibration", "Evaluation", "TestSupport"]),
        .testTarget(name: "LinearModelsTests", dependencies: ["LinearModels", "LeadData", "TestSupport"], resources: [.copy("Fixtures")]),
        .testTarget(name: "BoostedStumpsTests", dependencies: ["BoostedStumps", "LeadData", "TestSupport"]),
        .testTarget(name: "ScoreCardFormatTests", dependencies: ["ScoreCardFormat", "TestSupport"]),
        .testTarget(name: "RuleScoringTests", dependencies: ["RuleScoring", "ScoreCardFormat", "TestSupport", "LeadData", "LeadCSV"]),
        .testTarget(name: "PointExportTests", dependencies: ["PointExport", "ModelCore", "LeadData"]),
        .testTarget(name: "EndToEndTests", dependencies: ["LeadData", "LeadCSV", "BoostedStumps", "LinearModels", "FeatureEncoding", "PointExport", "RuleScoring", "ScoreCardFormat", "CardTraining", "TestSupport"]),
        .testTarget(name: "CardTrainingTests", dependencies: ["CardTraining", "CardHoldout", "FeatureEncoding", "LeadData", "LinearModels", "PointExport", "ScoreCardFormat", "TestSupport"],
                    resources: [.copy("Fixtures")]),
        .testTarget(name: "LeadScoreCLITests", dependencies: ["LeadScoreCLI", "UseFromSwift", "TestSupport"]),
        .testTarget(name: "LeakageScreenTests", dependencies: ["LeakageScreen", "LeadData"]),
        .testTarget(name: "CardDataChecksTests", dependencies: ["CardDataChecks", "LeadData", "ScoreCardFormat", "RuleScoring"]),
        .testTarget(name: "CardOperationsTests", dependencies: ["CardOperations", "ScoreCardFormat", "LeadData", "PointExport", "ProbabilityCalibration", "Evaluation", "RuleScoring"]),
        .testTarget(name: "CardHoldoutTests", dependencies: ["CardHoldout", "LeadData", "ScoreCardFormat"]),
        .testTarget(name: "CardBacktestTests", dependencies: ["CardBacktest", "CardTraining", "LeadData", "TestSupport"]),
        .testTarget(name: "LeadDatabaseTests", dependencies: ["LeadDatabase", "InDatabaseTraining", "PointExport", "CSQLite", "CLibPQ", "DatabaseScoring", "LeadCSV", "LeadData", "CardTraining", "RuleScoring", "ScoreCardFormat", "LeadScoreCLI", "TestSupport"]),
        .testTarget(name: "EngagementTests", dependencies: ["Engagement", "EngagementTraining", "LeadData", "LeadCSV", "ScoreCardFormat", "RuleScoring", "TestSupport"]),
    ]
)

// The DocC plugin only when documentation is built (`LEADSCORE_DOCS=1 swift package generate-documentation
// --target CardTraining`, see bin/docs): as a dependency it makes every `swift build` compile SymbolKit and
// the snippet tools too.
if Context.environment["LEADSCORE_DOCS"] == "1" {
    package.dependencies.append(.package(url: "https://github.com/swiftlang/swift-docc-plugin", exact: "1.5.0"))
}

// The test suite (`bin/test`, so CI too) builds the library targets optimized, `LEADSCORE_OPTIMIZE=1`: in a
// plain debug build, training runs 10–30× slower, which takes the suite far past its 10-minute budget on
// 2 cores. Test targets and executables stay unoptimized, which compiles faster. `-enable-testing` stays, so
// `@testable import` still works. Without the variable the manifest has
// no unsafe flags, so LeadScore stays usable as a versioned dependency.
if Context.environment["LEADSCORE_OPTIMIZE"] == "1" {
    for target in package.targets where target.type == .regular {
        target.swiftSettings = (target.swiftSettings ?? []) + [.unsafeFlags(["-O"], .when(configuration: .debug))]
    }
}
