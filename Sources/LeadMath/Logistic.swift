import Foundation

// The one home of the logistic function and its companion log(1 + eᶻ). Every module that turns log-odds
// into a probability or sums a log loss calls these, so there is one numerically stable form to review and
// test (LeadMathTests checks both tails against hand values). Hot loops that need both σ(z) and log(1 + eᶻ)
// for the same z compute the shared exponential once with `logisticTail(_:)` and pass it to the `tail:`
// forms: the results are bit-for-bit those of the one-argument forms.

/// `e^(−|z|)`: the only exponential the stable logistic and softplus forms need. It is at most 1, so it
/// never overflows whatever the size of `z`.
@inlinable
public func logisticTail(_ z: Double) -> Double {
    exp(-abs(z))
}

/// `σ(z) = 1 / (1 + e^(−z))` from a precomputed `tail = logisticTail(z)`, for loops that also need
/// `softplus(z, tail:)` and should pay for one exponential, not two.
@inlinable
public func logistic(_ z: Double, tail: Double) -> Double {
    z >= 0 ? 1 / (1 + tail) : tail / (1 + tail)
}

/// `log(1 + eᶻ)` from a precomputed `tail = logisticTail(z)`, for loops that also need
/// `logistic(_:tail:)` and should pay for one exponential, not two.
@inlinable
public func softplus(_ z: Double, tail: Double) -> Double {
    max(z, 0) + log1p(tail)
}

/// The logistic function `σ(z) = 1 / (1 + e^(−z))`: a conversion probability from log-odds. Written so
/// that neither tail overflows (`σ(−800)` is a tiny positive number, not NaN) and a very negative `z`
/// keeps its relative precision instead of rounding to 0 early.
@inlinable
public func logistic(_ z: Double) -> Double {
    logistic(z, tail: logisticTail(z))
}

/// `log(1 + eᶻ)`, the log loss of a lead that did not convert at log-odds `z` (and `softplus(−z)` of one that
/// did). The naive form overflows to infinity for `z` above about 709 and loses every digit below about −37;
/// this form is exact to rounding in both tails, so a fit never sees an infinite or zero loss.
@inlinable
public func softplus(_ z: Double) -> Double {
    softplus(z, tail: logisticTail(z))
}
