/// One thing wrong with a card, and where: `criteria[3] "pricing_page_visits" conditions[1].range`,
/// `tiers[0] "hot".minimumPoints`, or `line 12, column 7` for JSON that does not parse.
public struct CardProblem: Sendable, Equatable, CustomStringConvertible {
    /// Where in the card, as a JSON path with names ("criteria[2] \"Job level\".conditions[1]").
    public var location: String
    /// What is wrong and what to do.
    public var message: String

    /// A problem at `location`.
    public init(_ location: String, _ message: String) {
        self.location = location
        self.message = message
    }

    public var description: String { location.isEmpty ? message : "\(location): \(message)" }
}

/// A card that cannot be used, with every problem found (not only the first), so a person fixing a
/// hand-written card sees them all at once.
public struct CardError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file the card came from, when it came from one.
    public var file: String?
    /// Every problem found, in card order, so one run shows all that must be fixed.
    public var problems: [CardProblem]

    /// An error about the card in `file` (when it came from one).
    public init(file: String? = nil, problems: [CardProblem]) {
        self.file = file
        self.problems = problems
    }

    public var description: String {
        let prefix = file.map { "\($0): " } ?? ""
        if problems.count == 1 { return prefix + problems[0].description }
        return prefix + "\(problems.count) problems in the card:\n" + problems.map { "  \($0)" }.joined(separator: "\n")
    }
}
