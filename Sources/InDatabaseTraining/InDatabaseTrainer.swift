import CardOperations
import Evaluation
import Foundation
import LeadData
import LeadDatabase
import ModelCore
import PointExport
import RuleScoring
import ScoreCardFormat

/// Trains a score card inside PostgreSQL: every step that touches rows is an aggregate query, and only
/// aggregates leave the server.
///
/// 1. The columns' types from the database; identifiers told apart on the first rows, as the loader does.
/// 2. A split by hash (`hashtextextended` of the split key or the whole row, with the seed) into fifths, the
///    same in every query and on every worker: the last fifth tests; up to `crossFittingRows` leads before
///    test four models are cross-fitted on the others (as in memory), above it one learns from three
///    fifths and the fourth validates.
/// 3. Bin edges by `percentile_disc` on the training rows (one query for every numeric column) and
///    categories by `GROUP BY GROUPING SETS` (one query for every text column).
/// 4. Passes: one query returns, for the model so far written as SQL (a `CASE` per feature), every
///    feature's gradient and Hessian sums per bin and the validation loss; each feature's shape moves by
///    its Newton step (bins penalised by `binPenalty`), a second query finds Newton's step along the
///    combined direction, and `shrinkage` of it is taken. The pass with the lowest validation loss is kept.
/// 5. One query returns leads and conversions per combination of bins; the card is rounded, its criteria
///    selected and shaped, calibrated and tiered from them by `CardExport`, the same code as in-memory
///    training (validation leads as held out).
/// 6. The card's own SQL (`CardSQL`, as `export-sql` writes it) totals the test rows: the test figures.
///
/// ```swift
/// let source = DatabaseSource(address: try DatabaseAddress.parse("postgresql://db/crm")!, rows: .table("leads"))
/// let result = try InDatabaseTrainer().train(source, loadOptions: LoadOptions(target: "converted"))
/// print(result.card.metrics?.auc ?? .nan, result.queries)
/// ```
public struct InDatabaseTrainer: Sendable {
    /// Scale, tiers, calibration, split seed and pass settings.
    public var options: InDatabaseOptions
    /// Hears of every step ("pass 3: validation log loss 0.4123"), for a command line to show progress.
    public var progress: (@Sendable (String) -> Void)?

    /// The version the card's provenance records.
    public static let trainerName = "in-database boosted shapes"

    /// A trainer with `options`.
    public init(options: InDatabaseOptions = InDatabaseOptions(), progress: (@Sendable (String) -> Void)? = nil) {
        self.options = options
        self.progress = progress
    }

    /// Trains on the rows of `source` (a PostgreSQL table or query). `loadOptions` names the outcome
    /// (`target`, `positiveLabel`), columns to leave out (`excluded`), roles to force (`roles`) and
    /// missing-value texts, as for a file.
    /// - Throws: `InDatabaseError` (a SQLite source, a missing table or column, an unusable outcome, too few leads).
    public func train(_ source: DatabaseSource, loadOptions: LoadOptions) throws(InDatabaseError) -> InDatabaseResult {
        let started = Date()
        do {
            let session = try AggregateSession(source)
            var run = try TrainingRun(session: session, options: options, loadOptions: loadOptions, progress: progress)
            return try run.train(started: started)
        } catch let error as InDatabaseError {
            throw error
        } catch let error as DatabaseError {
            throw .database(error)
        } catch {
            throw .cardFailed(source: source.description, detail: "\(error)")
        }
    }
}

/// What in-database training returns: the card, how it was made and what it cost.
public struct InDatabaseResult: Sendable {
    /// The validated card, with its test figures in `card.metrics`.
    public var card: ScoreCard
    /// The card's points as the export computed them.
    public var points: PointModel
    /// Queries sent to the database (setup, passes, cells, test).
    public var queries: Int
    /// Result rows received from the database over the whole run: the only data that left it.
    public var rowsReceived: Int
    /// Wall-clock seconds of the whole run.
    public var seconds: Double
    /// Passes run, and per model the pass kept (lowest validation loss, counted from 0).
    public var passes: Int, keptPasses: [Int]
    /// Whether four models were cross-fitted (up to `InDatabaseOptions.crossFittingRows` leads before test)
    /// rather than one fitted on 60 % and judged on 20 %.
    public var crossFitted: Bool
    /// Leads before test (training and validation or folds) and test leads.
    public var leadsBeforeTest: Int, testLeads: Int
    /// Validation log loss per model and pass (before its update), for a plot or a check.
    public var validationLoss: [[Double]]
    /// `SELECT lead.* FROM (…) AS lead WHERE <part> = 2 …`: the test rows, to measure another card on the same leads.
    public var testRowsQuery: String
    /// The training and validation rows, for an in-memory run on the same leads.
    public var trainingRowsQuery: String
    /// Notes for the user (columns left out and why).
    public var notes: [String]
}
