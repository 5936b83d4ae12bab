import Foundation
import LeadData
import ModelCore
import ProbabilityCalibration

/// Moves every cut point of a numeric criterion to a number a person would write (`RoundNumbers`) when
/// that costs no measurable log loss.
///
/// A cut `c` splits a criterion's values into `x < c` and `x ≥ c`. Moving it only changes the points of
/// the leads between the old and the new cut, so its cost is exact and cheap: the change of log loss of
/// those leads with the card's points → log-odds link held fixed. Cuts are tried from the roundest
/// candidates down (100 before 50 before 25 before 20 before 10 …, the nearest on each side of the
/// learned cut, never past a neighbouring cut nor leaving a condition without training leads), and the
/// first candidate that costs no measurable log loss is taken (the cheaper of two at one level): at most
/// `parameterPrice` nats over all the leads, or at most `tolerance` nats per lead within `budget`.
/// Any cut between two neighbouring training values costs nothing there, so the search always ends at
/// the roundest number in that gap at worst: no learned cut survives as `2.0629999999999997`.
///
/// Why a move may cost up to one nat: a learned cut's exact position is a parameter fitted to these very
/// leads, and Akaike's criterion prices a fitted parameter at one nat of log-likelihood — a model that
/// fixes it (here: at a round number) and loses at most that much on the leads it was fitted to is
/// expected to do no worse on new leads. A per-lead limit alone (0.00001, 0.14 nats on 14 000 leads)
/// kept a third of the cuts of the design cards at numbers such as 37, 88 or 158; with the one-nat
/// allowance 92 % are round (see docs/training.md for the sets and the test AUC).
/// Merges stay under the per-lead limit only: a merge removes a condition, and fewer conditions cost
/// the cards test AUC on those sets where moved cuts did not.
///
/// The cost is measured on the held-out leads when there is a validation split; with cross-fitting, on
/// the training leads themselves, where the learned cuts sit at their best, so the cost of moving them is
/// if anything overstated there.
struct EdgeRounding {
    /// Log loss per lead one move or merge may add (nats): 0.00001. With 0.0001 (and a budget of 0.001)
    /// the moves and merges together cost the stumps card 0.0014 of test AUC on online shoppers and 0.0011
    /// without PageValues (seed 7 split, Benchmarks/accuracy/CARDS-18.md), enough to fall to or below
    /// optbinning's; at these limits the cards still have fewer conditions than optbinning's.
    var tolerance: Double = 1e-5
    /// Log loss per lead all merges of one card may add together, and all cut moves together (nats):
    /// 0.0001 each.
    var budget: Double = 1e-4
    /// Nats of log loss over all the leads one cut move may add and still count as unmeasurable: 1,
    /// Akaike's price of the fitted parameter (the cut's exact position) the move gives up.
    var parameterPrice: Double = 1
    /// Also merge neighbouring numeric conditions that the leads cannot tell apart (`merge`).
    var mergeConditions = true

    func apply(_ points: inout PointModel, on leads: Dataset, training: Dataset, sentinels: [String: [Sentinel]]) {
        guard let labels = leads.labels, !labels.isEmpty else { return }
        let totals = points.totals(leads)
        guard let link = try? PlattCalibrator.fit(scores: totals.map(Double.init), outcomes: labels, priorCorrection: false) else { return }
        var eta = totals.map { link.intercept + link.slope * Double($0) }
        var spent = 0.0
        defer { _ = spent }
        if mergeConditions {
            for index in points.shapes.indices where points.shapes[index].role == .numeric {
                merge(&points.shapes[index], on: leads, labels: labels, eta: &eta, slope: link.slope, spent: &spent,
                      sentinels: sentinels[points.shapes[index].feature] ?? [])
            }
        }
        spent = 0
        for index in points.shapes.indices where points.shapes[index].role == .numeric {
            let feature = points.shapes[index].feature
            guard case .numeric(let column)? = leads.column(named: feature)?.values,
                  case .numeric(let trainColumn)? = training.column(named: feature)?.values else { continue }
            let sorted = column.ascendingRows()
            let sortedValues = sorted.map { column[$0] }
            let trainSorted = trainColumn.ascendingValues()
            // Whole numbers only (counts, days): a cut between them is a whole number too, so "38–89" never hides 37.5.
            let wholeNumbers = trainSorted.allSatisfy { $0 == $0.rounded() }
            let fixed = Set((sentinels[feature] ?? []).map(\.cut))
            var shape = points.shapes[index]
            let order = shape.pieces.indices.filter { if case .interval = shape.pieces[$0].condition { return true } else { return false } }
            guard order.count > 1 else { continue }
            for position in 0..<(order.count - 1) {
                let (left, right) = (order[position], order[position + 1])
                guard case .interval(let lowerEdge, let edge) = shape.pieces[left].condition,
                      case .interval(_, let upperEdge) = shape.pieces[right].condition else { continue }
                let current = edge.nextUp
                if fixed.contains(current) { continue }
                let previousCut = lowerEdge == -.infinity ? -Double.infinity : lowerEdge.nextUp
                let nextCut = upperEdge == .infinity ? Double.infinity : upperEdge.nextUp
                // A condition keeps at least one training lead: the cut stays above the least training value at
                // or past the previous cut and at or below the greatest one before the next cut.
                let firstIndex = Self.lowerBound(trainSorted, previousCut), endIndex = Self.lowerBound(trainSorted, nextCut)
                guard firstIndex < endIndex else { continue }
                let lowest = trainSorted[firstIndex], highest = trainSorted[endIndex - 1]
                let delta = Double(shape.pieces[left].points - shape.pieces[right].points)
                let cost = { (cut: Double) -> Double in
                    // Leads between the two cuts change side: left of `cut` they take the left points.
                    let (from, to) = (Swift.min(cut, current), Swift.max(cut, current))
                    let step = cut > current ? delta : -delta
                    var sum = 0.0, squares = 0.0
                    for k in Self.lowerBound(sortedValues, from)..<Self.lowerBound(sortedValues, to) {
                        let row = sorted[k]
                        let d = logLoss(eta[row] + link.slope * step, labels[row]) - logLoss(eta[row], labels[row])
                        sum += d
                        squares += d * d
                    }
                    return excess(sum: sum, squares: squares, count: labels.count)
                }
                var chosen = current
                for step in RoundNumbers.steps(magnitude: Swift.max(current.magnitude, 1e-300)) {
                    let candidates = RoundNumbers.nearestMultiples(of: step, around: current, above: lowest, below: highest.nextUp)
                        .filter { $0 > previousCut && $0 < nextCut && (!wholeNumbers || $0 == $0.rounded()) }
                    let priced = candidates.map { ($0, cost($0)) }.filter {
                        $0.1 <= 0 || $0.1 * Double(labels.count) <= parameterPrice || $0.1 <= Swift.min(tolerance, Swift.max(0, budget - spent))
                    }
                    if let best = priced.min(by: { ($0.1, abs($0.0 - current)) < ($1.1, abs($1.0 - current)) }) {
                        chosen = best.0
                        spent += Swift.max(0, best.1)
                        break
                    }
                }
                guard chosen != current else { continue }
                let (from, to) = (Swift.min(chosen, current), Swift.max(chosen, current))
                let step = chosen > current ? delta : -delta
                for k in Self.lowerBound(sortedValues, from)..<Self.lowerBound(sortedValues, to) { eta[sorted[k]] += link.slope * step }
                shape.pieces[left].condition = .interval(lower: lowerEdge, upper: chosen.nextDown)
                shape.pieces[right].condition = .interval(lower: chosen.nextDown, upper: upperEdge)
            }
            points.shapes[index] = shape
        }
    }

    /// Merges neighbouring conditions of a numeric criterion, cheapest first, while a merge costs at most
    /// `tolerance` nats per lead: the merged condition takes whichever of the two points costs less. A
    /// staircase of one-point steps (`5–35: 2, 36–37: 3, 38–88: 4`) becomes the few conditions the leads can
    /// tell apart. Sentinel conditions are never merged.
    func merge(_ shape: inout PointedShape, on leads: Dataset, labels: [UInt8], eta: inout [Double], slope: Double, spent: inout Double,
               sentinels: [Sentinel]) {
        let column = leads.column(named: shape.feature)
        while true {
            let pieceOfRow = shape.pointShape.pieceIndices(column, rowCount: leads.rowCount)
            var rowsOfPiece = [[Int]](repeating: [], count: shape.pieces.count)
            for (row, piece) in pieceOfRow.enumerated() where piece >= 0 { rowsOfPiece[Int(piece)].append(row) }
            let excluded = shape.pointShape.sentinelPieces(sentinels)
            let order = shape.pointShape.orderedIntervalPieces(excluding: excluded)
            guard order.count > 2 else { return }
            var best: (position: Int, points: Int, cost: Double)?
            for position in 0..<(order.count - 1) {
                let (a, b) = (order[position], order[position + 1])
                guard case .interval(_, let upper) = shape.pieces[a].condition, case .interval(let lower, _) = shape.pieces[b].condition,
                      upper == lower else { continue }
                for target in [shape.pieces[a].points, shape.pieces[b].points] {
                    // The criterion's best and worst points stay: the scale's maximum (and an uncapped card's
                    // sum of best conditions) is not lowered by a merge.
                    let lost = shape.pieces[a].points == target ? shape.pieces[b].points : shape.pieces[a].points
                    let others = shape.pieces.indices.filter { $0 != a && $0 != b }.map { shape.pieces[$0].points }
                    if (lost == shape.maximumPoints || lost == shape.minimumPoints), !others.contains(lost) { continue }
                    var cost = 0.0
                    var squares = 0.0
                    for piece in [a, b] {
                        let step = slope * Double(target - shape.pieces[piece].points)
                        guard step != 0 else { continue }
                        for row in rowsOfPiece[piece] {
                            let d = logLoss(eta[row] + step, labels[row]) - logLoss(eta[row], labels[row])
                            cost += d
                            squares += d * d
                        }
                    }
                    cost = excess(sum: cost, squares: squares, count: labels.count)
                    if cost < best?.cost ?? .infinity { best = (position, target, cost) }
                }
            }
            guard let best, best.cost <= 0 || best.cost <= Swift.min(tolerance, budget - spent) else { return }
            spent += Swift.max(0, best.cost)
            let (a, b) = (order[best.position], order[best.position + 1])
            for piece in [a, b] {
                let step = slope * Double(best.points - shape.pieces[piece].points)
                for row in rowsOfPiece[piece] { eta[row] += step }
            }
            guard case .interval(let lower, _) = shape.pieces[a].condition, case .interval(_, let upper) = shape.pieces[b].condition else { return }
            shape.pieces[a].condition = .interval(lower: lower, upper: upper)
            shape.pieces[a].points = best.points
            shape.pieces.remove(at: b)
        }
    }

    /// A move's log-loss cost per lead.
    func excess(sum: Double, squares: Double, count: Int) -> Double {
        sum / Double(Swift.max(count, 1))
    }

    /// The first index of `sorted` whose value is at least `value`.
    static func lowerBound(_ sorted: [Double], _ value: Double) -> Int {
        var (low, high) = (0, sorted.count)
        while low < high {
            let middle = (low + high) / 2
            if sorted[middle] < value { low = middle + 1 } else { high = middle }
        }
        return low
    }
}
