import FeatureEncoding
import Foundation
import LinearAlgebra

/// Weights fitted on design columns, before they are mapped back to raw data.
package struct DesignFit: Sendable {
    /// One weight per design column.
    public var weights: [Double]
    public var intercept: Double
    public var diagnostics: FitDiagnostics
}

extension LogisticRegression {
    /// Fits on an already encoded design (n × p, no intercept column; the intercept is added and never
    /// penalised). Tests call it on reference matrices; the dataset-level `fit` uses the coded design below,
    /// which gives the same weights without building this matrix.
    ///
    /// - Parameters:
    ///   - labels: 1 = converted, 0 = lost.
    ///   - sampleWeights: non-negative, one per row; `nil` for all ones. Class weights multiply them.
    package func fit(design: Matrix, labels: [UInt8], sampleWeights: [Double]? = nil) throws -> DesignFit {
        try fit(anyDesign: design, labels: labels, sampleWeights: sampleWeights, monitor: .unobserved)
    }

    /// Fits on a design held as codes (`DesignEncoder.encodeCodes`): the same fit as on the dense design it
    /// stands for, to rounding, without ever forming that design. The dataset-level `fit` and `fitPath` use it.
    package func fit(design: CodedDesign, labels: [UInt8], sampleWeights: [Double]? = nil) throws -> DesignFit {
        try fit(anyDesign: design, labels: labels, sampleWeights: sampleWeights, monitor: .unobserved)
    }

    func fit<Design: LinearDesign>(anyDesign design: Design, labels: [UInt8], sampleWeights: [Double]?,
                                   monitor: FitMonitor) throws -> DesignFit {
        try validate()
        if penalty.l1Share > 0, strength > 0, design.columns > Self.denseHessianLimit {
            throw LogisticRegressionError.invalidParameter(
                "L1 and elastic net use the dense Hessian, limited to \(Self.denseHessianLimit) design columns; this design has \(design.columns): use the L2 penalty, or fewer columns (a higher minimumLevelCount, fewer bins)")
        }
        let classWeights = try self.classWeights(labels: labels, sampleWeights: sampleWeights, rows: design.rows)
        let l1 = strength * penalty.l1Share
        var loss = LogisticLoss(design: design, labels: labels, classWeights: classWeights, sampleWeights: sampleWeights,
                                ridge: strength - l1)
        let start = interceptOnlyStart(loss, columns: design.columns)
        let stopping = StoppingRule(tolerance: tolerance, maxIterations: maxIterations, monitor: monitor)
        var warnings: [FitWarning] = []

        var used = resolvedSolver(columns: design.columns, l1: l1)
        let outcome: SolverOutcome
        switch used {
        case .proximalNewton:
            outcome = try ProximalNewton(stopping: stopping, l1: l1).minimize(&loss, from: start)
        case .newtonCG:
            outcome = try NewtonCG(stopping: stopping).minimize(&loss, from: start)
        case .newtonCholesky, .automatic:
            do {
                outcome = try NewtonCholesky(stopping: stopping).minimize(&loss, from: start)
            } catch LinearAlgebraError.notPositiveDefinite {
                used = .newtonCG
                warnings.append(.singularHessian(fallback: used))
                outcome = try NewtonCG(stopping: stopping).minimize(&loss, from: start)
            }
        }

        if loss.separatesClasses {
            if strength == 0 { throw LogisticRegressionError.separableWithoutPenalty }
            warnings.append(.separable)
        }
        if !outcome.converged {
            warnings.append(.notConverged(iterations: outcome.iterations, gradientNorm: outcome.gradientNorm,
                                          threshold: outcome.threshold, stalled: outcome.stalled))
        }
        let diagnostics = FitDiagnostics(solver: used, iterations: outcome.iterations, gradientNorm: outcome.gradientNorm,
                                         gradientThreshold: outcome.threshold, objective: outcome.value,
                                         blasThreads: BLASThreads.count, warnings: warnings)
        return DesignFit(weights: Array(outcome.point.dropLast()), intercept: outcome.point[design.columns],
                         diagnostics: diagnostics)
    }

    /// All weights 0 and the intercept at the weighted log-odds of conversion: the optimum of the
    /// intercept-only model, one Newton iteration closer to the answer than all zeros, and the point the
    /// relative tolerance refers to.
    private func interceptOnlyStart<Design>(_ loss: LogisticLoss<Design>, columns: Int) -> [Double] {
        var start = [Double](repeating: 0, count: columns + 1)
        var converted = 0.0, total = 0.0
        for i in loss.labels.indices { converted += loss.target(i) * loss.weight(i) }
        for i in loss.labels.indices { total += loss.weight(i) }
        start[columns] = log(converted / (total - converted))
        return start
    }

    private func resolvedSolver(columns: Int, l1: Double) -> Solver {
        if l1 > 0 { return .proximalNewton }
        guard solver == .automatic else { return solver }
        return columns <= Self.denseHessianLimit ? .newtonCholesky : .newtonCG
    }

    /// The weight of a lost and of a converted lead (the class weights), after checking them and the sample
    /// weights: `cᵢ` is the class weight of row i's outcome times its sample weight.
    func classWeights(labels: [UInt8], sampleWeights: [Double]?, rows: Int) throws(LogisticRegressionError) -> [Double] {
        guard labels.count == rows else { throw .invalidParameter("\(labels.count) labels for \(rows) rows") }
        if let bad = labels.firstIndex(where: { $0 > 1 }) {
            throw .invalidParameter("row \(bad) has label \(labels[bad]); labels are 0 (lost) or 1 (converted)")
        }
        let sample = sampleWeights ?? [Double](repeating: 1, count: rows)
        guard sample.count == rows else { throw .invalidSampleWeights("\(sample.count) weights for \(rows) rows") }
        if let bad = sample.firstIndex(where: { !($0 >= 0 && $0.isFinite) }) {
            throw .invalidSampleWeights("row \(bad) has weight \(sample[bad]); weights must be finite and ≥ 0")
        }
        var classTotals = [0.0, 0.0]
        for (label, weight) in zip(labels, sample) { classTotals[Int(label)] += weight }
        let classWeights: [Double]
        switch classWeight {
        case .uniform: classWeights = [1, 1]
        case .balanced: classWeights = classTotals.map { (classTotals[0] + classTotals[1]) / (2 * $0) }
        case .given(let lost, let converted): classWeights = [lost, converted]
        }
        let weighted = zip(classTotals, classWeights).map { $0 * $1 }
        guard weighted[0] > 0, weighted[1] > 0 else { throw .singleClass(converted: weighted[1] > 0) }
        return classWeights
    }
}
