import FeatureEncoding
import Foundation
import LeadMath
import LeadData

/// The last stump, as the score update reads it: its feature's code column (one or two bytes a row: bins,
/// or codes of the data column, see `CodedBins`) and the stump's value for each code.
struct ScoreUpdate {
    let bytes: UnsafePointer<UInt8>?
    let shorts: UnsafePointer<UInt16>?
    let valuePerCode: UnsafePointer<Double>

    @inline(__always) func value(_ row: Int) -> Double {
        valuePerCode[bytes.map { Int($0[row]) } ?? Int(shorts.unsafelyUnwrapped[row])]
    }
}

/// One pass over the rows of a part: adds the last stump to every score, then (when `gradHess` is
/// given) writes each row's logistic-loss gradient `p − y` and hessian `p(1 − p)` interleaved at
/// `2·row`, `2·row + 1`. Rows left out of this round's subsample get 0 and 0, so histograms need no
/// row list. Returns the mean log loss of the updated scores, summed per chunk then in chunk order.
///
/// Fused in one pass because each row's score is read once for all three outputs. A row's loss is
/// `max(F, 0) − y·F + log(1 + e^−|F|)`, which never overflows. The logarithms are the costly part, so
/// they are taken of products of `lossBlock` factors `1 + e^−|F|` (each in (1, 2], so a product stays
/// below 2^256): one `log` per block instead of per row, at a relative error near 1e-13 per block.
func logisticPass(scores: UnsafeMutablePointer<Double>, labels: UnsafePointer<UInt8>, rowCount: Int,
                  update: ScoreUpdate?, gradHess: UnsafeMutablePointer<Double>?,
                  subsample: Double, sampleSeed: UInt64, threads: Int) -> Double {
    let lossBlock = 256
    let chunks = chunkCount(rowCount)
    var chunkLoss = [Double](repeating: 0, count: chunks)
    chunkLoss.withUnsafeMutableBufferPointer { buffer in
        let shared = SharedPointer((scores, labels, update, gradHess, buffer))
        concurrentForEach(chunks, threads: threads) { chunk in
            let (scores, labels, update, gradHess, chunkLoss) = shared.pointer
            var generator = SeededGenerator(seed: sampleSeed ^ (UInt64(chunk) &* 0xD1B5_4A32_D192_ED03))
            var linear = 0.0, logarithms = 0.0
            let rows = chunkRange(chunk, rowCount: rowCount)
            withUnsafeTemporaryAllocation(of: Double.self, capacity: lossBlock) { tails in
                let tails = tails.baseAddress!
                for blockStart in stride(from: rows.lowerBound, to: rows.upperBound, by: lossBlock) {
                    let block = blockStart..<min(blockStart + lossBlock, rows.upperBound)
                    // The block's scores and their exponentials first, then the sums and gradients: the
                    // loop without calls keeps several rows' divisions in flight. The same operations in
                    // the same order, so the same bits as one loop.
                    for row in block {
                        var score = scores[row]
                        if let update {
                            score += update.value(row)
                            scores[row] = score
                        }
                        tails[row &- blockStart] = logisticTail(score)
                    }
                    var product = 1.0
                    for row in block {
                        let score = scores[row], e = tails[row &- blockStart]
                        let y = Double(labels[row])
                        linear += max(score, 0) - y * score
                        product *= 1 + e
                        if let gradHess {
                            let inSample = subsample >= 1 || generator.nextUniform() < subsample
                            let p = logistic(score, tail: e)
                            gradHess[2 &* row] = inSample ? p - y : 0
                            gradHess[2 &* row &+ 1] = inSample ? p * (1 - p) : 0
                        }
                    }
                    logarithms += log(product)
                }
            }
            chunkLoss[chunk] = linear + logarithms
        }
    }
    return chunkLoss.reduce(0, +) / Double(rowCount)
}
