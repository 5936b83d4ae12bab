import LeadData
import ScoreCardFormat

/// The rows of a file that one or more cards are measured on, and whether those figures are test figures.
/// By default every card's training leads are left out (for two cards trained on the same file, only leads
/// neither learned from remain); `allRows` keeps every row and marks the figures in-sample when any card
/// learned from them.
public struct HeldOutSelection: Sendable, Equatable {
    /// Rows to measure on (ascending); `nil` means all of them.
    public var rows: [Int]?
    /// The figures include leads a card learned from (or may: its split cannot be drawn again). A file that
    /// only may overlap the training file leaves this false and adds a warning.
    public var inSample: Bool
    /// One sentence on which leads these are, for every output ("the card's 4000 test leads …").
    public var description: String
    /// What the user must know: a split that cannot be drawn again, a possible overlap, `allRows` on training data.
    public var warnings: [String]

    /// - Parameters:
    ///   - relations: each card's relation to the data (`CardHoldout.relation`), with the card's name.
    ///   - allRows: measure on every row even when some are training leads (labelled in-sample).
    public init(data: Dataset, relations: [(card: String, relation: CardHoldout.Relation)], allRows: Bool) {
        var rows: Set<Int>?, splits: [String] = [], warnings: [String] = [], inSample = false, unknown = false, overlap = false
        for (card, relation) in relations {
            switch relation {
            case .unrelated:
                continue
            case .trainingFile(let testRows, let split):
                if allRows {
                    inSample = true
                    warnings.append("\(card) learned from \(data.rowCount - testRows.count) of these \(data.rowCount) leads (all rows asked for): the figures are in-sample, not test figures")
                } else if testRows.isEmpty {
                    inSample = true
                    unknown = true
                    warnings.append("\(card) learned from every lead of this file (\(split)): the figures are in-sample, not test figures")
                } else {
                    rows = rows.map { $0.intersection(testRows) } ?? Set(testRows)
                    splits.append("\(card): \(split)")
                }
            case .trainingFileSplitUnknown(let reason):
                inSample = true
                unknown = true
                warnings.append("this is the file \(card) was trained on, but \(reason): the figures are in-sample, not test figures")
            case .possibleOverlap(let reason):
                overlap = true
                warnings.append("\(card): \(reason)")
            }
        }
        let total = data.rowCount
        if let found = rows, found.isEmpty || found.count < 2 {
            warnings.append("no lead of this file is held out from every card (their splits differ): the figures are in-sample, not test figures")
            inSample = true
            unknown = true
        }
        if let rows, !allRows, !unknown {
            self.rows = rows.sorted()
            self.inSample = inSample
            description = "\(rows.count) of \(total) leads: the held-out test leads of the card's training file (\(splits.joined(separator: "; "))); "
                + "the others trained it (measuring on all rows, allRows, is in-sample)"
        } else {
            self.rows = nil
            self.inSample = inSample
            description = inSample ? "all \(total) leads, IN-SAMPLE: a card learned from (some of) them"
                : overlap ? "all \(total) leads, possibly partly in-sample (see the warning)" : "all \(total) leads"
        }
        self.warnings = warnings
    }

    /// The leads to measure on.
    public func leads(of data: Dataset) -> Dataset {
        rows.map { data.selecting($0) } ?? data
    }
}
