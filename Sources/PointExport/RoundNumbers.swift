import Foundation

/// Numbers a person would write as a cut point, from roundest to least round: multiples of a power of
/// ten, then of 5, 2.5 and 2 times the next power down — the 1-2-2.5-5 ladder of each decade (…, 10, 20,
/// 25, 50, 100, …; 0.1, 0.2, 0.25, 0.5, 1 …), going down a decade at a time.
enum RoundNumbers {
    /// One step size: `multiplier × 10^exponent`.
    struct Step {
        var multiplier: Int
        var exponent: Int

        var size: Double { Double(multiplier) * pow(10, Double(exponent)) }

        /// `n` steps, as the double nearest the decimal `n·multiplier·10^exponent` (no float noise: 0.3, not
        /// 0.30000000000000004).
        func multiple(_ n: Int) -> Double {
            Double("\(n * multiplier)e\(exponent)") ?? Double(n) * size
        }
    }

    /// Step sizes from coarse to fine, starting a decade above `magnitude` and going `decades` decades down.
    static func steps(magnitude: Double, decades: Int = 14) -> [Step] {
        let top = magnitude > 0 && magnitude.isFinite ? Int(log10(magnitude).rounded(.down)) + 1 : 1
        return (0..<decades).flatMap { offset -> [Step] in
            let k = top - offset
            return [Step(multiplier: 1, exponent: k), Step(multiplier: 5, exponent: k - 1),
                    Step(multiplier: 25, exponent: k - 2), Step(multiplier: 2, exponent: k - 1)]
        }
    }

    /// The multiples of `step` nearest `value` on each side that lie in `lower < c < upper` (at most two).
    static func nearestMultiples(of step: Step, around value: Double, above lower: Double, below upper: Double) -> [Double] {
        let size = step.size
        guard size > 0, (value / size).magnitude < 1e15 else { return [] }
        let below = Int((value / size).rounded(.down)), above = Int((value / size).rounded(.up))
        return Array(Set([below, above])).sorted().map(step.multiple).filter { $0 > lower && $0 < upper }
    }

    /// The roundest number `c` with `lower < c ≤ upper`, the one nearest `near` among equally round ones
    /// (`upper` itself when nothing rounder fits).
    static func roundest(above lower: Double, atMost upper: Double, near: Double? = nil) -> Double {
        let target = near ?? upper
        let magnitude = Swift.max(lower.magnitude, upper.magnitude)
        for step in steps(magnitude: magnitude) {
            let size = step.size
            guard size > 0 else { continue }
            let first = (lower / size).rounded(.down) + 1, last = (upper / size).rounded(.down)
            guard first <= last, last - first < 1e9 else { continue }
            let n = Swift.min(last, Swift.max(first, (target / size).rounded()))
            for candidate in [n, n - 1, n + 1] where candidate >= first && candidate <= last {
                let value = step.multiple(Int(candidate))
                if value > lower && value <= upper { return value }
            }
        }
        return upper
    }

    /// A number as a person writes it: `10`, `2.5`, `0.1`, `-1` (shortest decimal that reads back exactly).
    static func text(_ value: Double) -> String {
        if value == value.rounded(), value.magnitude < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }
}
