/// An output that cannot be written, or cannot be written safely. The description names the path, says
/// what is wrong in the system's words (`strerror`), and what to do; it never mentions Foundation's error
/// domains.
public struct OutputError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Why an output cannot be written; each case says what the user can do about it.
    public enum Kind: Sendable, Equatable {
        /// The path is an existing directory. Nothing is written into it and nothing in it is touched.
        case isDirectory
        /// The path ends in `/`, so it names a folder rather than a file.
        case endsWithSlash
        /// The folder that would hold the file does not exist.
        case noFolder(String)
        /// Something on the way to the file is not a folder (`report.csv/out.csv`).
        case notInAFolder(String)
        /// A block device or socket: never a sensible place for a CSV, card or report.
        case unsupportedTarget(String)
        /// The file, or its folder, cannot be written (`reason` is the system's message).
        case notWritable(reason: String)
        /// Writing the bytes failed (`reason` is the system's message: disk full, file too large, I/O error).
        /// `replacing` is true when the bytes went to a temporary file, so whatever was at the path is intact.
        case writeFailed(reason: String, replacing: Bool)
        /// The finished file could not take the old one's place.
        case replaceFailed(reason: String)
        /// The reader of a pipe went away (`score … | head`): not a failure to report, the caller stops quietly.
        case closedPipe
    }

    /// The output path as the caller named it, so the message points at what the user typed.
    public var path: String
    /// What went wrong, for a caller that reacts differently to, say, a closed pipe.
    public var kind: Kind

    /// An error about the output at `path`.
    public init(path: String, kind: Kind) {
        self.path = path
        self.kind = kind
    }

    public var description: String {
        switch kind {
        case .isDirectory:
            return "\(path) is a directory; give a file path (such as \(path.hasSuffix("/") ? path : path + "/")NAME); nothing in the directory was touched"
        case .endsWithSlash:
            return "\(path) ends with /, so it names a folder; give a file path"
        case .noFolder(let folder):
            return "cannot write \(path): there is no folder \(folder); create it first or give another path"
        case .notInAFolder(let part):
            return "cannot write \(path): \(part) is not a folder"
        case .unsupportedTarget(let what):
            return "cannot write \(path): it is \(what); give a file path"
        case .notWritable(let reason):
            return "\(path): cannot write there (\(reason)); choose a file in a folder you can write to"
        case .writeFailed(let reason, let replacing):
            return "\(path): writing failed (\(reason))" + (replacing ? "; any earlier file at that path is unchanged" : "")
        case .replaceFailed(let reason):
            return "\(path): cannot move the finished file into place (\(reason)); any earlier file at that path is unchanged"
        case .closedPipe:
            return "\(path): the reader closed the pipe"
        }
    }
}
