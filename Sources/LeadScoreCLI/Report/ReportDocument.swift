/// What a report says — headline figures, plots, tables, facts — built once from a card and its evaluation
/// and then written as HTML or as a notebook, so the two formats say the same thing. Every text in it is
/// plain: the writers escape it for their language.
struct ReportDocument {
    struct Metric {
        var name: String
        var value: String
        /// What the number means, in a line, for readers who do not know the metric.
        var meaning: String
    }

    struct Figure {
        var title: String
        var caption: String
        var chart: SVGChart
        /// The same chart laid out for a phone's width, shown there instead of `chart` (HTML only).
        var narrow: SVGChart? = nil
        /// Takes the page's full width rather than half of it.
        var wide = false
    }

    struct Column {
        var title: String
        var numeric = false
        /// For a points column: the span its rows' bars are drawn across (HTML only; other writers show the number).
        var bars: ClosedRange<Int>? = nil
    }

    enum Row {
        /// The cells, and the number a column with `bars` draws as a bar.
        case cells([String], bar: Int? = nil)
        /// A row across the table that starts a group of rows, e.g. one criterion of the card.
        case heading(String, detail: String)
    }

    struct Table {
        var columns: [Column]
        var rows: [Row]
    }

    enum Block {
        case paragraph(String)
        case metrics([Metric])
        case figures([Figure])
        case table(Table)
        /// Name–value pairs, e.g. the provenance.
        case facts([(String, String)])
        /// Numbered steps, each a sentence and the command that does it.
        case steps([Step])
    }

    struct Step {
        var text: String
        /// A shell command to copy, if the step has one.
        var command: String?
    }

    struct Section {
        var title: String
        var blocks: [Block]
    }

    var title: String
    /// The card's own description, if it has one.
    var summary: String?
    /// Which leads the report measures the card on.
    var context: String
    var sections: [Section]
}
