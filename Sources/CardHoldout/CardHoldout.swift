import Foundation
import LeadCSV
import LeadData
import ScoreCardFormat

/// Which rows of a labelled file a card may honestly be measured on. A card learned from part of a file;
/// measuring it on that file again would report, as if they were test figures, how well it fits leads it
/// has seen. The card's provenance names its training file by SHA-256 and records the split (`SplitRecord`),
/// so given the same file this finds the card's test rows again.
///
/// Detection is by content: the file's SHA-256 equals the one the card recorded. A file that only overlaps
/// the training file (the export re-run a month later, a subset of it) has another hash and cannot be
/// matched row by row; when its name is the training file's name, `relation` says it *may* overlap so the
/// caller can warn instead of staying silent.
public enum CardHoldout {
    /// How a file relates to the data a card was trained on.
    public enum Relation: Sendable, Equatable {
        /// Not the card's training file, as far as its provenance tells (or the card records no training file).
        case unrelated
        /// The card's training file; `testRows` are the rows (ascending, as `Dataset` indexes them) the card
        /// was tested on and never learned from; empty when it was tested on another file.
        case trainingFile(testRows: [Int], split: String)
        /// The card's training file, but its test rows cannot be found again; `reason` says why.
        case trainingFileSplitUnknown(reason: String)
        /// A different file with the training file's name: it may share leads with it.
        case possibleOverlap(reason: String)

        /// Whether figures on all of the file's rows would include leads the card learned from.
        public var includesTrainingLeads: Bool {
            if case .unrelated = self { return false }
            return true
        }
    }

    /// How `data`, loaded from a file whose SHA-256 is `sha256` and whose name is `fileName`, relates to
    /// the training data `provenance` records.
    public static func relation(of data: Dataset, sha256: String, fileName: String?, provenance: Provenance?) -> Relation {
        guard let provenance, let fingerprint = provenance.data else { return .unrelated }
        guard let recorded = fingerprint.sha256, recorded.lowercased() == sha256.lowercased() else {
            if let fileName, let trained = fingerprint.file, trained == fileName {
                return .possibleOverlap(reason: "the card was trained on a file named \(trained) with other content (SHA-256 \(fingerprint.sha256.map { String($0.prefix(12)) } ?? "not recorded")…); "
                    + "if this file shares leads with it, the figures are partly in-sample")
            }
            return .unrelated
        }
        guard let record = provenance.split else {
            return .trainingFileSplitUnknown(reason: "the card does not record how this file was split (made by an older leadscore?), so its test leads cannot be told apart")
        }
        guard let method = record.splitMethod else {
            return .trainingFileSplitUnknown(reason: "the card's split '\(record.method)' is not one this leadscore can draw again")
        }
        if let target = provenance.target, let column = data.outcome?.column, target != column {
            return .trainingFileSplitUnknown(reason: "the card learned '\(target)' but the data was read with '\(column)' as the outcome")
        }
        if let rows = fingerprint.rows, rows != data.rowCount {
            return .trainingFileSplitUnknown(reason: "the card was trained on \(rows) labelled leads of this file but \(data.rowCount) were read; "
                + "read it with the target, positive label and missing-value texts given to train (LoadOptions.target, .positiveLabel, .missingTokens)")
        }
        if let rate = fingerprint.positiveRate, let read = data.positiveRate, abs(rate - read) > 1e-9 {
            return .trainingFileSplitUnknown(reason: "the card's training leads converted at \(rate) but these at \(read); read the file with the positive label and missing-value texts given to train (LoadOptions.positiveLabel, .missingTokens)")
        }
        guard record.testFraction > 0 else { return .trainingFile(testRows: [], split: "the card was tested on another file") }
        do {
            let split = try data.split(method, validationFraction: record.validationFraction, testFraction: record.testFraction)
            return .trainingFile(testRows: split.test, split: split.method)
        } catch {
            return .trainingFileSplitUnknown(reason: "its split cannot be drawn again: \(error)")
        }
    }

    /// `relation(of:sha256:fileName:provenance:)` for the file at `path` (read once more to hash it).
    public static func relation(of data: Dataset, path: String, provenance: Provenance?) throws -> Relation {
        guard provenance?.data != nil else { return .unrelated }
        return relation(of: data, sha256: try SHA256.hexDigest(ofFile: path), fileName: URL(fileURLWithPath: path).lastPathComponent,
                        provenance: provenance)
    }
}
