import Foundation
import OutputFiles

/// Writes an output file whole or not at all, through the project's one output writer (`OutputFiles`):
/// a directory is refused, a device or FIFO written through, a file replaced by one rename, so a failure
/// leaves the old file intact and no temporary file behind.
public func writeAtomically(_ data: Data, toPath path: String) throws(CardOperationError) {
    do {
        try OutputFile.write(Array(data), to: path)
    } catch {
        throw .cannotWrite(path: path, reason: "\(error)")
    }
}
