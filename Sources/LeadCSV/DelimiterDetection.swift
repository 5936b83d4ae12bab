/// The delimiters CRM exports use: `,` by default, `;` where the comma is the decimal separator (Excel in
/// much of Europe), tab from copy-and-paste exports.
let candidateDelimiters: [UInt8] = [UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "\t")]

/// Picks the delimiter of a file from its first lines (`bytes` starts at the header).
///
/// Each candidate is counted outside quotes on the header and on up to `lineLimit` following lines. A
/// candidate that appears on the header and the same number of times on every line wins; among those, the
/// one that splits the header into the most fields. A quoted value such as `"Banking, Investment"` therefore
/// does not count, and a `;` file with decimal commas (`1,5`) is not taken for comma-separated because its
/// header has no comma. Without a consistent candidate, the one most frequent on the header wins; without any,
/// the comma (a one-column file).
func detectDelimiter(in bytes: UnsafeRawBufferPointer, lineLimit: Int = 20) -> UInt8 {
    let quote = UInt8(ascii: "\""), newline = UInt8(ascii: "\n")
    var lines: [[Int]] = []
    var counts = [Int](repeating: 0, count: candidateDelimiters.count)
    var inQuotes = false
    for byte in bytes {
        if byte == quote {
            inQuotes.toggle()
        } else if !inQuotes {
            if byte == newline {
                lines.append(counts)
                counts = [Int](repeating: 0, count: candidateDelimiters.count)
                if lines.count > lineLimit { break }
            } else if let candidate = candidateDelimiters.firstIndex(of: byte) {
                counts[candidate] += 1
            }
        }
    }
    if lines.isEmpty { lines.append(counts) }  // a header without a line break: nothing else to compare with
    let header = lines[0]
    let consistent = candidateDelimiters.indices.filter { candidate in
        header[candidate] > 0 && lines.allSatisfy { $0[candidate] == header[candidate] }
    }
    let pool = consistent.isEmpty ? Array(candidateDelimiters.indices) : consistent
    // max(by:) keeps the first of equal elements, so ties go to the earlier, more common candidate.
    let best = pool.max { header[$0] < header[$1] } ?? 0
    return header[best] > 0 ? candidateDelimiters[best] : candidateDelimiters[0]
}
