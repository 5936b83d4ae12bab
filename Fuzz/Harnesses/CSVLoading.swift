// libFuzzer harness: the CSV reader and the dataset loader on arbitrary bytes.
//
// Each input is written to a file (both read paths take a path, as the CLI does) and read
//  1. record by record with the default 4 MiB buffer, then again with the smallest buffer (16 bytes, so
//     every refill, record straddling a refill and buffer growth path runs) and the same delimiter: the two
//     reads must agree — same records, byte for byte, or both fail;
//  2. into a `Dataset` (type inference, parsers, outcome) with no target and with the last column as target:
//     an error is fine, a trap is a finding, and a loaded dataset must be consistent. Without a target every
//     record is a row, and each categorical value must be its field's exact bytes, trimmed of spaces and
//     tabs: levels are exact spellings (docs/score-card.md), never merged or re-encoded.
// Built and run by Fuzz/run.sh.
import Foundation
import LeadCSV
import LeadData

private let inputPath = NSTemporaryDirectory() + "leadscore-fuzz-csv-\(getpid()).csv"

/// Every record's fields, or the line of the error that stopped the read.
private func readAll(_ path: String, delimiter: UInt8?, chunkSize: Int) -> (records: [[[UInt8]]], header: [String], delimiter: UInt8?, failed: Bool) {
    do {
        var reader = try CSVReader(path: path, delimiter: delimiter, chunkSize: chunkSize)
        var records: [[[UInt8]]] = [reader.header.map { Array($0.utf8) }]
        while try reader.nextRecord() {
            records.append((0..<reader.header.count).map { Array(reader.field($0)) })
            _ = reader.location(ofField: 0)
        }
        return (records, reader.header, reader.delimiter, false)
    } catch {
        _ = "\(error)"
        return ([], [], nil, true)
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSVLoading(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let data = Data(bytes: bytes, count: count)
    guard FileManager.default.createFile(atPath: inputPath, contents: data) else { fatalError("cannot write \(inputPath)") }
    defer { unlink(inputPath) }

    let large = readAll(inputPath, delimiter: nil, chunkSize: 4 << 20)
    if let delimiter = large.delimiter {
        let small = readAll(inputPath, delimiter: delimiter, chunkSize: 16)
        precondition(!small.failed, "the 16-byte buffer failed where the 4 MiB one read the file")
        precondition(small.records == large.records, "the 16-byte buffer read different records")
    }

    for target in [nil, large.header.last] {
        do {
            let dataset = try Dataset.load(csv: inputPath, options: LoadOptions(target: target))
            for column in dataset.columns {
                if let values = column.values.count { precondition(values == dataset.rowCount, "column \(column.name) has \(values) values for \(dataset.rowCount) rows") }
                if case .categorical(let codes, let levels) = column.values {
                    precondition(codes.allSatisfy { $0 >= -1 && Int($0) < levels.count }, "a level code out of range in \(column.name)")
                }
            }
            if let labels = dataset.labels { precondition(labels.count == dataset.rowCount && labels.allSatisfy { $0 <= 1 }) }
            if target == nil, !large.failed { checkLevelsAreTheFields(dataset, records: large.records) }
            for row in 0..<min(dataset.rowCount, 3) { for column in dataset.columns { _ = column.formattedValue(row: row) } }
        } catch {
            _ = "\(error)"
        }
    }
    return 0
}

/// Every categorical value of `dataset` (loaded without a target) is the trimmed bytes of its field.
private func checkLevelsAreTheFields(_ dataset: Dataset, records: [[[UInt8]]]) {
    precondition(dataset.rowCount == records.count - 1, "\(dataset.rowCount) rows from \(records.count - 1) records")
    let header = records[0]
    for column in dataset.columns {
        guard case .categorical(let codes, let levels) = column.values else { continue }
        guard let index = header.firstIndex(of: Array(column.name.utf8)) else { continue }
        for (row, code) in codes.enumerated() where code >= 0 {
            let field = trimmed(records[row + 1][index])
            precondition(Array(levels[Int(code)].utf8) == field, "row \(row + 1) of \(column.name): level \(levels[Int(code)].debugDescription) is not the field \(String(decoding: field, as: UTF8.self).debugDescription)")
        }
    }
}

private func trimmed(_ bytes: [UInt8]) -> [UInt8] {
    let isPadding = { (byte: UInt8) in byte == 0x20 || byte == 0x09 }
    guard let first = bytes.firstIndex(where: { !isPadding($0) }), let last = bytes.lastIndex(where: { !isPadding($0) }) else { return [] }
    return Array(bytes[first...last])
}
