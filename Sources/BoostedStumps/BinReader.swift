import FeatureEncoding

/// How a pass over rows reads one feature's bins: straight from a bin column, or through a code column and
/// a table of one bin per code (`CodedBins`). A protocol, so each hot loop is specialised for each reader
/// and the release build keeps it a counted loop over pointers.
protocol BinReader {
    /// The bin of `row`.
    func bin(_ row: Int) -> Int
}

/// Bins stored as bins.
struct DirectBins: BinReader {
    let bins: UnsafePointer<UInt8>
    @inline(__always) func bin(_ row: Int) -> Int { Int(bins[row]) }
}

/// Codes of one or two bytes and the bin of each code.
struct MappedBins<Code: FixedWidthInteger & UnsignedInteger>: BinReader {
    let codes: UnsafePointer<Code>
    let binOfCode: UnsafePointer<UInt8>
    @inline(__always) func bin(_ row: Int) -> Int { Int(binOfCode[Int(codes[row])]) }
}

/// Work that needs a feature's bins row by row: `CodedBins.read` hands it the reader that fits the storage.
protocol BinReading {
    associatedtype Output
    func read<Reader: BinReader>(_ reader: Reader) -> Output
}

extension CodedBins {
    /// Runs `work` with this feature's reader; the pointers it gets are valid only during the call.
    @inline(__always)
    func read<Work: BinReading>(_ work: Work) -> Work.Output {
        switch (codes, binOfCode) {
        case (.bytes(let bins), nil):
            return bins.withUnsafeBufferPointer { work.read(DirectBins(bins: base($0))) }
        case (.bytes(let codes), let table?):
            return codes.withUnsafeBufferPointer { codes in
                table.withUnsafeBufferPointer { work.read(MappedBins(codes: base(codes), binOfCode: base($0))) }
            }
        case (.shorts(let codes), let table):
            // Two-byte codes always come with a table (a bin is one byte).
            let table = table ?? []
            return codes.withUnsafeBufferPointer { codes in
                table.withUnsafeBufferPointer { work.read(MappedBins(codes: base(codes), binOfCode: base($0))) }
            }
        }
    }
}

/// A buffer's start; for an empty buffer (no rows to read) a non-null pointer that is never read.
@inline(__always)
private func base<T>(_ buffer: UnsafeBufferPointer<T>) -> UnsafePointer<T> {
    buffer.baseAddress ?? UnsafePointer(bitPattern: MemoryLayout<T>.alignment)!
}
