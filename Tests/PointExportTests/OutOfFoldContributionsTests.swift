import XCTest
import LeadData
import ModelCore
@testable import PointExport

/// Issue 21: out-of-fold contributions are kept per fold and piece, not per lead; each lead's contribution,
/// the log-odds after a reshape and after a removal must still be exactly what the fold models give it.
final class OutOfFoldContributionsTests: XCTestCase {
    /// A shape of one piece per value 0, 1, 2 (and missing) with the given log-odds.
    private func perValue(_ feature: String, _ logOdds: [Double], missing: Double = 0) -> FeatureShape {
        var pieces: [ShapePiece] = logOdds.indices.map { value in
            ShapePiece(.interval(lower: value == 0 ? -.infinity : Double(value) - 0.5,
                                 upper: value == logOdds.count - 1 ? .infinity : Double(value) + 0.5), logOdds: logOdds[value])
        }
        pieces.append(ShapePiece(.missing, logOdds: missing))
        return FeatureShape(feature: feature, role: .numeric, pieces: pieces)
    }

    private func leads(_ visits: [Double], _ size: [Double], labels: [UInt8]) -> Dataset {
        Dataset(source: "hand", columns: [
            DataColumn(name: "visits", role: .numeric, values: .numeric(visits), missingCount: visits.count { $0.isNaN }, distinctCount: 3),
            DataColumn(name: "size", role: .numeric, values: .numeric(size), missingCount: 0, distinctCount: 3),
        ], labels: labels, outcome: nil, rowCount: labels.count)
    }

    func testContributionsReshapesAndRemovalsMatchTheFoldModelsLeadByLead() throws {
        // Fold 1 has both features; fold 2's model lacks `size`, so its leads get 0 from it.
        let fold1 = AdditiveModel(intercept: -1, shapes: [perValue("visits", [-0.5, 0.25, 1], missing: 0.125), perValue("size", [0.5, -0.5, 0])])
        let fold2 = AdditiveModel(intercept: -2, shapes: [perValue("visits", [-1, 0, 2])])
        let first = leads([0, 2, .nan], [1, 0, 2], labels: [0, 1, 1])
        let second = leads([1, 2], [0, 0], labels: [0, 1])
        var heldOut = try XCTUnwrap(OutOfFoldContributions([(fold1, first), (fold2, second)], features: ["visits", "size"]))

        // By hand: visits −0.5, 1, 0.125 (missing) | 0, 2; size −0.5, 0.5, 0 | 0, 0 (no shape).
        XCTAssertEqual(heldOut.labels, [0, 1, 1, 0, 1])
        XCTAssertEqual(heldOut.contributions(of: "visits"), [-0.5, 1, 0.125, 0, 2])
        XCTAssertEqual(heldOut.contributions(of: "size"), [-0.5, 0.5, 0, 0, 0])
        let expected: [Double] = [-2, 0.5, -0.875, -2, 0]  // intercept + visits + size: −1 − 0.5 − 0.5, −1 + 1 + 0.5, −1 + 0.125 + 0, −2 + 0, −2 + 2
        XCTAssertEqual(heldOut.logOdds, expected)
        XCTAssertNil(heldOut.contributions(of: "unknown"))

        // Doubling every fold's visits shape: the contributions and the log-odds follow, lead by lead.
        let doubled = { (shape: FeatureShape) -> FeatureShape in
            var copy = shape
            for index in copy.pieces.indices { copy.pieces[index].logOdds *= 2 }
            return copy
        }
        XCTAssertEqual(heldOut.contributions(of: "visits", transform: doubled), [-1, 2, 0.25, 0, 4])
        heldOut.replace("visits", transform: doubled)
        XCTAssertEqual(heldOut.contributions(of: "visits"), [-1, 2, 0.25, 0, 4])
        XCTAssertEqual(heldOut.logOdds, [-2.5, 1.5, -0.75, -2, 2])

        // Removing size takes exactly its contributions off.
        heldOut.remove("size")
        XCTAssertNil(heldOut.contributions(of: "size"))
        XCTAssertEqual(heldOut.logOdds, [-2, 1, -0.75, -2, 2])
    }
    /// The paired difference is summed per chunk of leads on every core: up to one chunk it is the plain sum
    /// in lead order, bit for bit; past that it equals the chunk-by-chunk reference exactly and the plain sum
    /// to rounding, and the mean and standard error follow from the sums as before.
    func testPairedDifferenceSumsChunksInOrder() {
        let difference: @Sendable (Int) -> Double = { row in sin(Double(row) * 0.37) * 1e-3 + (row % 7 == 0 ? 2e-3 : -1e-4) }
        for rows in [1, 5_000, OutOfFoldContributions.pairedChunkRows, 3 * OutOfFoldContributions.pairedChunkRows + 123] {
            var plainSum = 0.0, plainSquares = 0.0
            for row in 0..<rows { let d = difference(row); plainSum += d; plainSquares += d * d }
            var chunkSum = 0.0, chunkSquares = 0.0
            for start in stride(from: 0, to: rows, by: OutOfFoldContributions.pairedChunkRows) {
                var sum = 0.0, squares = 0.0
                for row in start..<min(rows, start + OutOfFoldContributions.pairedChunkRows) { let d = difference(row); sum += d; squares += d * d }
                chunkSum += sum
                chunkSquares += squares
            }
            let paired = OutOfFoldContributions.pairedDifference(rows: rows, difference)
            let reference = PairedDifference(sum: chunkSum, sumSquares: chunkSquares, count: rows)
            XCTAssertEqual(paired.mean.bitPattern, reference.mean.bitPattern, "\(rows)")
            XCTAssertEqual(paired.standardError.bitPattern, reference.standardError.bitPattern, "\(rows)")
            XCTAssertEqual(paired.mean, plainSum / Double(rows), accuracy: 1e-15)
            if rows <= OutOfFoldContributions.pairedChunkRows {
                let plain = PairedDifference(sum: plainSum, sumSquares: plainSquares, count: rows)
                XCTAssertEqual(paired.mean.bitPattern, plain.mean.bitPattern, "one chunk is the plain sum: \(rows)")
                XCTAssertEqual(paired.standardError.bitPattern, plain.standardError.bitPattern)
            }
        }
    }
}
