/// Why a calibrator could not be fitted or restored.
public enum CalibrationError: Error, Equatable, Sendable, CustomStringConvertible {
    /// No scores were given: there is nothing to fit.
    case emptyInput
    /// `name` is the array whose length differs from the scores' ("outcomes" or "weights").
    case lengthMismatch(name: String, expected: Int, actual: Int)
    /// An outcome other than 0 (lost) or 1 (converted), at `index`.
    case invalidOutcome(index: Int, value: UInt8)
    /// A score that is NaN or infinite, at `index`: a calibration of it would be meaningless.
    case nonFiniteScore(index: Int)
    /// A negative, NaN or infinite weight, at `index`.
    case invalidWeight(index: Int, value: Double)
    /// Only one outcome class carries weight: there is no relation between score and outcome to learn.
    case singleClass(positives: Int, negatives: Int)
    /// Every (weighted) score is the same, so the score says nothing Platt scaling could use.
    case constantScores
    /// The fitted Platt slope is ≤ 0: on this data a higher score does not mean a higher conversion rate.
    case scoreNotIncreasing(slope: Double)
    /// Without prior correction, one score threshold separates the classes and the maximum-likelihood slope
    /// is infinite.
    case separable
    /// Newton's method stopped without meeting its tolerance.
    case didNotConverge(iterations: Int, gradient: Double)
    /// Stored calibrator parameters that do not describe a monotone calibrator (e.g. a hand-edited file).
    case invalidParameters(String)

    public var description: String {
        switch self {
        case .emptyInput:
            return "no rows to calibrate on"
        case .lengthMismatch(let name, let expected, let actual):
            return "\(name) has \(actual) values but there are \(expected) scores; give one per row"
        case .invalidOutcome(let index, let value):
            return "outcome \(value) at row \(index) is not 0 (lost) or 1 (converted)"
        case .nonFiniteScore(let index):
            return "the score at row \(index) is NaN or infinite"
        case .invalidWeight(let index, let value):
            return "sample weight \(value) at row \(index) is not a finite number ≥ 0"
        case .singleClass(let positives, let negatives):
            return "calibration data need both outcomes; got \(positives) converted and \(negatives) lost rows with weight"
        case .constantScores:
            return "every score in the calibration data is the same; Platt scaling needs scores that vary (isotonic calibration would return the base rate)"
        case .scoreNotIncreasing(let slope):
            return "Platt slope \(slope) ≤ 0: on the calibration data higher scores do not convert more often; check the score's direction, or that the calibration rows are the right ones"
        case .separable:
            return "one score threshold separates converted from lost leads, so the Platt slope is infinite; fit with prior correction (the default) or use more calibration data"
        case .didNotConverge(let iterations, let gradient):
            return "Platt scaling did not converge in \(iterations) Newton iterations (gradient \(gradient))"
        case .invalidParameters(let reason):
            return "invalid calibrator parameters: \(reason)"
        }
    }
}
