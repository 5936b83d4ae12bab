/// The converted/lost outcome of each row, as 0/1, and how it was read from the target column.
public struct Outcome: Sendable, Equatable, Codable {
    /// Name of the target column.
    public var column: String
    /// The raw label that means *converted* (e.g. `yes`, `1`, `TRUE`).
    public var positiveLabel: String
    /// The other raw label.
    public var negativeLabel: String
    /// Rows dropped because their outcome was missing.
    public var droppedMissing: Int

    /// An outcome from its column, its two labels and the rows left out for having none.
    public init(column: String, positiveLabel: String, negativeLabel: String, droppedMissing: Int) {
        self.column = column
        self.positiveLabel = positiveLabel
        self.negativeLabel = negativeLabel
        self.droppedMissing = droppedMissing
    }
}
