import FeatureEncoding

/// Gradient and hessian sums per bin, the statistics split finding reads (LightGBM's
/// `FeatureHistogram`, scikit-learn's `HistogramBuilder`).
///
/// A histogram holds `2 · binCount` doubles, gradient and hessian interleaved per bin
/// (`[g₀, h₀, g₁, h₁, …]`) so that one row's update touches one cache line. Work is split into
/// (row chunk, feature) units run in parallel; each unit fills its own partial histogram, and the
/// partials of a feature are added in chunk order. No float is ever added across threads in an order
/// that depends on scheduling, so the sums are identical for any thread count.
struct HistogramBuilder {
    /// Doubles per histogram slot: two per bin for the widest feature (256 bins).
    static let stride = 512

    private let rowCount: Int
    /// Where each feature's partial sums start within a chunk's (`2 · binCount` doubles each), and a
    /// chunk's width: partials sized by the features' bins, not by the widest.
    private let offsets: [Int]
    private let chunkWidth: Int
    /// `chunkCount × chunkWidth` partial sums, reused every round.
    private var partials: [Double]

    init(rowCount: Int, binCounts: [Int]) {
        self.rowCount = rowCount
        offsets = binCounts.reduce(into: [0]) { $0.append($0.last! + 2 * $1) }.dropLast()
        chunkWidth = 2 * binCounts.reduce(0, +)
        partials = [Double](repeating: 0, count: chunkCount(rowCount) * chunkWidth)
    }

    /// The histograms of every feature, feature `f`'s at `f · stride`.
    ///
    /// - Parameters:
    ///   - binCounts: bins of every feature.
    ///   - features: every feature's bins, `rowCount` rows each.
    ///   - gradHess: interleaved gradient and hessian per row.
    mutating func build(binCounts: [Int], features bins: [CodedBins], gradHess: UnsafePointer<Double>,
                        threads: Int) -> [Double] {
        let rowCount = rowCount, features = binCounts.count, stride = Self.stride
        let (offsets, chunkWidth) = (offsets, chunkWidth)
        precondition(offsets.count == features, "the builder was made for these features")
        let chunks = chunkCount(rowCount)
        var histograms = [Double](repeating: 0, count: features * stride)
        partials.withUnsafeMutableBufferPointer { partials in
            let shared = SharedPointer((partials.baseAddress!, gradHess))
            concurrentForEach(chunks * features, threads: threads) { unit in
                let (partials, gradHess) = shared.pointer
                let (chunk, feature) = unit.quotientAndRemainder(dividingBy: features)
                bins[feature].read(Accumulation(gradHess: gradHess, rows: chunkRange(chunk, rowCount: rowCount),
                                                binCount: binCounts[feature], histogram: partials + chunk * chunkWidth + offsets[feature]))
            }
            histograms.withUnsafeMutableBufferPointer { output in
                let sharedOutput = SharedPointer((partials.baseAddress!, output.baseAddress!))
                concurrentForEach(features, threads: threads) { feature in
                    let (partials, output) = sharedOutput.pointer
                    for chunk in 0..<chunks {
                        let partial = partials + chunk * chunkWidth + offsets[feature]
                        for index in 0..<(2 * binCounts[feature]) { output[feature * stride + index] += partial[index] }
                    }
                }
            }
        }
        return histograms
    }
}

/// One (row chunk, feature) unit of `HistogramBuilder.build`, for whichever way the feature's bins are held.
private struct Accumulation: BinReading {
    let gradHess: UnsafePointer<Double>
    let rows: Range<Int>
    let binCount: Int
    let histogram: UnsafeMutablePointer<Double>

    @inline(__always)
    func read<Reader: BinReader>(_ reader: Reader) {
        accumulate(bins: reader, gradHess: gradHess, rows: rows, binCount: binCount, into: histogram)
    }
}

/// The hot loop: adds each row's gradient and hessian to its bin, writing the sums into `histogram`.
///
/// Rows go round-robin to four replicas of the histogram, added at the end in a fixed order. A single
/// histogram makes consecutive rows of the same bin (most rows of a yes/no feature) wait for each
/// other's load–add–store; four independent ones let the CPU overlap them. A row's gradient and hessian
/// are adjacent, as are a bin's two sums, so each row is one 16-byte load, one two-lane add and one
/// 16-byte store into its bin (the same additions, in the same order, as two scalar ones: the sums are
/// bit for bit those of the scalar loop). Pointers and a counted loop only, so the release build has no
/// bounds checks, retains or dynamic dispatch here.
@inline(__always)
func accumulate<Reader: BinReader>(bins: Reader, gradHess: UnsafePointer<Double>, rows: Range<Int>, binCount: Int,
                                   into histogram: UnsafeMutablePointer<Double>) {
    let width = 2 * binCount
    withUnsafeTemporaryAllocation(of: Double.self, capacity: 4 * width) { replicas in
        let r0 = replicas.baseAddress!, r1 = r0 + width, r2 = r1 + width, r3 = r2 + width
        r0.initialize(repeating: 0, count: 4 * width)
        let pairs = UnsafeRawPointer(gradHess)
        @inline(__always) func add(_ replica: UnsafeMutablePointer<Double>, bin: Int, row: Int) {
            let slot = UnsafeMutableRawPointer(replica) + (bin &<< 4)
            let sum = slot.loadUnaligned(as: SIMD2<Double>.self) + pairs.loadUnaligned(fromByteOffset: row &<< 4, as: SIMD2<Double>.self)
            slot.storeBytes(of: sum, as: SIMD2<Double>.self)
        }
        var row = rows.lowerBound
        while row &+ 4 <= rows.upperBound {
            let b0 = bins.bin(row), b1 = bins.bin(row &+ 1), b2 = bins.bin(row &+ 2), b3 = bins.bin(row &+ 3)
            add(r0, bin: b0, row: row)
            add(r1, bin: b1, row: row &+ 1)
            add(r2, bin: b2, row: row &+ 2)
            add(r3, bin: b3, row: row &+ 3)
            row &+= 4
        }
        while row < rows.upperBound {
            add(r0, bin: bins.bin(row), row: row)
            row &+= 1
        }
        for index in 0..<width { histogram[index] = (r0[index] + r1[index]) + (r2[index] + r3[index]) }
    }
}
