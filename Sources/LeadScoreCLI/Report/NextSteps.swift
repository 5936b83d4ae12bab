import CardOperations
import Foundation
import ScoreCardFormat

extension ReportDocument {
    /// The report's closing section: what a team does with the card next — score new leads, score them
    /// where they live with the SQL export, and when to look again (`monitor`). The commands name the card
    /// by the path the report was given, quoted for a POSIX shell when it needs quoting.
    static func nextSteps(card: ScoreCard, cardPath: String, today: Date = Date()) -> Section {
        let path = shellQuoted(cardPath)
        let target = card.provenance?.target.map { " --target " + shellQuoted($0) } ?? " --target OUTCOME"
        let trained = card.provenance?.created.flatMap { ISO8601DateFormatter().date(from: $0) }
        let review = Calendar(identifier: .gregorian).date(byAdding: .day, value: 90, to: trained ?? today) ?? today
        let day = ISO8601DateFormatter.string(from: review, timeZone: TimeZone(identifier: "UTC")!, formatOptions: [.withFullDate])
        let since = trained == nil ? "90 days from this report" : "90 days after the card was trained"
        return Section(title: "What to do next", blocks: [.steps([
            Step(text: "Score new leads: every column kept, plus points, tier, probability and the reasons behind each score (--excel for a spreadsheet).",
                 command: "leadscore score \(path) new-leads.csv --out scored.csv --explain 3"),
            Step(text: "Or score them where they live: one SQL query gives the same points, tier and probability inside the database (sqlite, postgres or ansi).",
                 command: "leadscore export-sql \(path) --dialect postgres --table leads > score.sql"),
            Step(text: "Review the card by \(day) (\(since)), or sooner when the mix of leads changes: monitor compares recent leads with the training leads and says ok, recalibrate or retrain.",
                 command: "leadscore monitor \(path) recent-leads.csv\(target)"),
        ])])
    }

    /// `text` as one word for a POSIX shell: as it is when it is plainly safe, else in single quotes.
    static func shellQuoted(_ text: String) -> String {
        let safe = !text.isEmpty && text.unicodeScalars.allSatisfy { scalar in
            scalar.isASCII && (CharacterSet.alphanumerics.contains(scalar) || "._/-+=:,@%".unicodeScalars.contains(scalar))
        }
        return safe ? text : "'" + text.replacingOccurrences(of: "'", with: #"'\''"#) + "'"
    }

    /// Lead velocity per tier (`--created`, `--converted-at`): how fast each tier's converted leads converted.
    static func velocitySection(_ velocity: LeadVelocity) -> Section {
        let days = { (value: Double?) in value.map { String(format: "%.1f", $0) } ?? "–" }
        let rows: [Row] = velocity.tiers.map { tier in
            .cells([tier.tier, ReportNumber.count(tier.conversions), days(tier.medianDays),
                    tier.lowerQuartileDays == nil ? "–" : "\(days(tier.lowerQuartileDays))–\(days(tier.upperQuartileDays))"])
        }
        var blocks: [Block] = [
            .paragraph("Days from \(velocity.createdColumn) to \(velocity.convertedColumn) of the converted leads, per tier: a tier whose leads convert within days deserves a faster follow-up than one whose leads take months."),
            .table(Table(columns: [Column(title: "Tier"), Column(title: "Conversions", numeric: true), Column(title: "Median days", numeric: true),
                                   Column(title: "Middle half (days)", numeric: true)], rows: rows)),
        ]
        var notes: [String] = []
        if velocity.missingDates > 0 { notes.append("\(ReportNumber.count(velocity.missingDates)) converted leads without both dates are left out") }
        if velocity.conversionBeforeCreation > 0 { notes.append("\(ReportNumber.count(velocity.conversionBeforeCreation)) converted leads dated before their creation are left out") }
        if !notes.isEmpty { blocks.append(.paragraph(notes.joined(separator: "; ") + ".")) }
        return Section(title: "Lead velocity", blocks: blocks)
    }
}
