import ArgumentParser
import CardHoldout
import Foundation
import LeadData
import OutputFiles
import ScoreCardFormat

/// The two ways a report is written.
enum ReportFormat: String, CaseIterable, ExpressibleByArgument {
    /// One self-contained page.
    case html
    /// A Jupyter notebook.
    case ipynb

    /// The format a file name asks for: `.ipynb` is a notebook, anything else a page.
    init(path: String) {
        self = URL(fileURLWithPath: path).pathExtension.lowercased() == "ipynb" ? .ipynb : .html
    }
}

/// A report on a card measured on labelled leads, ready to write; `report` and `train --report` share it.
struct ReportOutput {
    var card: ScoreCard
    /// Where the card file is, for the notebook's cell that reloads it.
    var cardPath: String
    var leads: Dataset
    /// Which leads these are, in words.
    var data: String
    /// Sections to put first, e.g. the leakage warning of `train`.
    var leadSections: [ReportDocument.Section] = []
    /// Which of `leads` to measure on and how to label the figures (`nil`: all, known to be held out).
    var selection: HeldOutSelection? = nil
    /// The exact fitting, validation and test counts, when the caller trained the card (`train --report`).
    var training: TrainingLeads? = nil
    /// The date columns for lead velocity (`--created`, `--converted-at`), measured on the report's leads.
    var velocity: VelocityOptions? = nil

    /// Refuses a report path that is the card's own file, before any work.
    static func checkNotTheCard(report path: String, card cardPath: String) throws {
        if URL(fileURLWithPath: cardPath).standardizedFileURL.resolvingSymlinksInPath() == URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath() {
            throw ValidationErrorMessage("--out \(path) is the card itself; name another file for the report")
        }
    }

    /// Measures the card, lays the report out and writes it as one `OutputFile` (a file replaced only when
    /// complete, a device written through, a directory refused), so a failure never leaves half a report.
    func write(to path: String, format: ReportFormat) throws {
        let target = URL(fileURLWithPath: path).standardizedFileURL
        try Self.checkNotTheCard(report: path, card: cardPath)
        var evaluation = try CardEvaluation(card: card, data: leads, selection: selection)
        let measured = selection?.leads(of: leads) ?? leads
        evaluation.leadVelocity = try velocity?.measure(card, measured)
        var document = try ReportDocument(card: card, evaluation: evaluation, data: data, training: training)
        document.sections.insert(contentsOf: leadSections, at: 0)
        document.sections.append(ReportDocument.nextSteps(card: card, cardPath: cardPath))
        let bytes: Data
        switch format {
        case .html:
            bytes = Data(HTMLReport(document: document).text.utf8)
        case .ipynb:
            let recipe = PointsRecipe(card: card, cardPath: Self.relativePath(of: cardPath, from: target.deletingLastPathComponent()),
                                      dataset: measured, data: data, totals: evaluation.totals)
            bytes = try NotebookReport(document: document, recipe: recipe).data()
        }
        try OutputFile.write(Array(bytes), to: path)
    }

    /// `path` as seen from `folder` (`../cards/card.json`), so the notebook and the card can move together.
    static func relativePath(of path: String, from folder: URL) -> String {
        let file = URL(fileURLWithPath: path).standardizedFileURL.pathComponents
        let base = folder.standardizedFileURL.pathComponents
        let shared = zip(file, base).prefix { $0 == $1 }.count
        return (Array(repeating: "..", count: base.count - shared) + file[shared...]).joined(separator: "/")
    }
}
