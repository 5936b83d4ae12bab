import CardOperations
import Evaluation
import Foundation
import LeadData
import LeadDatabase
import ModelCore
import PointExport
import RuleScoring
import ScoreCardFormat

/// One run of `InDatabaseTrainer.train`: the session, the plan it builds step by step, and the passes.
struct TrainingRun {
    let session: AggregateSession
    let options: InDatabaseOptions
    let loadOptions: LoadOptions
    let progress: (@Sendable (String) -> Void)?
    var notes: [String] = []
    var source: String { session.source.description }

    init(session: AggregateSession, options: InDatabaseOptions, loadOptions: LoadOptions, progress: (@Sendable (String) -> Void)?) throws {
        self.session = session
        self.options = options
        self.loadOptions = loadOptions
        self.progress = progress
    }

    mutating func train(started: Date) throws -> InDatabaseResult {
        guard let target = loadOptions.target else { throw InDatabaseError.noTarget }
        let columns = try session.columns()
        guard let targetColumn = columns.first(where: { $0.name == target }) else { throw InDatabaseError.missingTarget(column: target, source: source) }
        if let key = options.splitKey, !columns.contains(where: { $0.name == key }) {
            throw InDatabaseError.missingColumn(column: key, source: source, option: "the split key")
        }
        for name in loadOptions.excluded where !columns.contains(where: { $0.name == name }) {
            throw InDatabaseError.missingColumn(column: name, source: source, option: "the exclusions")
        }
        let (outcome, positive, negative) = try outcomeSQL(targetColumn)
        var queries = try TrainingQueries(select: session.selectSQL, outcome: outcome, splitKey: options.splitKey, seed: options.seed, models: 1)

        // Fifths of the hash: leads and conversions.
        progress?("counting leads per part")
        var counts: [(leads: Int, positives: Int)] = Array(repeating: (leads: 0, positives: 0), count: 5)
        var dropped = 0
        for row in try session.rows(queries.partCounts(), doing: "counting leads") {
            guard let part = row[0].flatMap({ Int($0) }), (0...4).contains(part) else { continue }
            counts[part] = (Int(row[1] ?? "0") ?? 0, Int(row[2] ?? "0") ?? 0)
            dropped += Int(row[3] ?? "0") ?? 0
        }
        for part in 0..<4 where counts[part].positives == 0 || counts[part].positives == counts[part].leads {
            throw InDatabaseError.tooFewLeads(source: source, detail: "a fifth of the leads before test (\(counts[part].leads) leads) has only one outcome; "
                                              + "training needs converted and lost leads in every part")
        }
        if dropped > 0 { notes.append("\(dropped) rows without an outcome in '\(target)' left out") }
        let development = counts.prefix(4).map(\.leads).reduce(0, +)
        queries.models = development <= InDatabaseOptions.crossFittingRows ? 4 : 1
        let trainingParts: [[Int]] = queries.models == 1 ? [[0, 1, 2]] : (0..<4).map { fold in (0..<4).filter { $0 != fold } }

        let features = try plan(columns, target: target, queries: queries)
        guard !features.isEmpty else { throw InDatabaseError.noFeatures(source: source) }
        let bins = try features.map { try $0.binSQL(missingTokens: loadOptions.allMissingTokens) }

        // Passes.
        let booster = PassBooster(options: options, features: features, queries: queries, bins: bins)
        let intercepts = trainingParts.map { parts -> Double in
            let leads = parts.map { counts[$0].leads }.reduce(0, +), positives = parts.map { counts[$0].positives }.reduce(0, +)
            return log(Double(positives) / Double(leads - positives))
        }
        let fits = try booster.fit(session: session, intercepts: intercepts, progress: progress)
        let fit = PassBooster.Fit.average(fits)

        // Cells → the leads the card's export reads, then the card.
        progress?("reading leads per combination of bins")
        var leads = RepresentativeLeads(features: features, source: source,
                                        outcome: Outcome(column: target, positiveLabel: positive, negativeLabel: negative, droppedMissing: dropped))
        let slots = TrainingQueries.sampleSlots(leads: options.exportLeads, development: development)
        try session.forEachRow(queries.combinations(bins, sampleSlots: slots), doing: "counting leads per combination of bins") { leads.add($0) }
        progress?("\(leads.combinationCount) combinations of bins received")
        if slots < 200 {
            notes.append("the card's points, shapes, calibration and tiers were read from a hash sample of \(leads.leadCount) of the \(development) "
                         + "leads before test (\(slots) of every 200, InDatabaseOptions.exportLeads); the passes and the test figures used every lead")
        }
        let model = fit.model(features: features)
        let training: Dataset, heldOut: HeldOutLeads
        if queries.models == 1 {
            (training, heldOut) = (leads.leads([0, 1, 2], "training part"), .validation(leads.leads([3], "validation part")))
        } else {
            training = leads.leads([0, 1, 2, 3], "leads before test")
            heldOut = .crossFitted(fits.enumerated().map { fold, fit in
                HeldOutFold(model: fit.model(features: features), leads: leads.leads([fold], "fold \(fold + 1)"))
            })
        }
        let export = CardExport(scale: options.scale, tiers: options.tiers, calibration: options.calibration,
                                missingValues: loadOptions.allMissingTokens, decimalSeparator: ".", roundCutPoints: false)
        let allLeads: Int = counts.map(\.leads).reduce(0, +), allPositives: Int = counts.map(\.positives).reduce(0, +)
        let provenance = Provenance(
            data: DataFingerprint(file: source, rows: allLeads, positiveRate: Double(allPositives) / Double(max(1, allLeads))),
            target: target, positiveLabel: positive,
            trainer: TrainerRecord(name: InDatabaseTrainer.trainerName, settings: [
                "passes": .number(Double(fits.map(\.validationLoss.count).max() ?? 0)),
                "keptPasses": .text(fits.map { "\($0.keptPass + 1)" }.joined(separator: ", ")),
                "averagedModels": .number(Double(fits.count)),
                "numericBins": .number(Double(options.numericBins)), "shrinkage": .number(options.shrinkage),
                "binPenalty": .number(options.binPenalty), "seed": .number(Double(options.seed)),
                "split": .text("fifths of hashtextextended(\(options.splitKey.map { "'\($0)'" } ?? "whole row"), seed): the last tests; "
                               + (queries.models == 1 ? "three train, one validates" : "four cross-fitted folds")),
                "exportSample": .text(slots < 200 ? "\(slots)/200 of each part (\(leads.leadCount) leads)" : "every lead"),
            ]),
            created: ISO8601DateFormatter().string(from: Date()))
        var card: ScoreCard, points: PointModel
        do {
            (card, points) = try export.card(from: model, name: "\(session.source.rows.name) · \(InDatabaseTrainer.trainerName)",
                                             train: training, heldOut: heldOut, provenance: provenance)
        } catch {
            throw InDatabaseError.cardFailed(source: source, detail: "\(error)")
        }

        // Test figures: the card's own SQL on the test rows.
        progress?("scoring the test leads with the card's SQL")
        let pointsSQL = try CardSQL(card: card, dialect: .postgres).pointsExpression()
        var probabilities: [Double] = [], outcomes: [UInt8] = [], weights: [Double] = []
        var testLeads = 0
        for row in try session.rows(queries.testTotals(points: pointsSQL), doing: "scoring the test leads") {
            guard let total = row[0].flatMap({ Int($0) }), let count = row[1].flatMap({ Int($0) }) else { continue }
            let converted = Int(row[2] ?? "0") ?? 0
            let probability = card.calibration?.probability(forTotal: total) ?? 0
            testLeads += count
            if converted > 0 { probabilities.append(probability); outcomes.append(1); weights.append(Double(converted)) }
            if count > converted { probabilities.append(probability); outcomes.append(0); weights.append(Double(count - converted)) }
        }
        if let metrics = try? MetricSet(probabilities: probabilities, outcomes: outcomes, weights: weights) {
            card.metrics = CardMetrics(data: "test: \(testLeads) leads (hash split, seed \(options.seed))", rows: testLeads,
                                       positiveRate: metrics.positiveRate, auc: metrics.auc, averagePrecision: metrics.averagePrecision,
                                       logLoss: metrics.logLoss, brier: metrics.brier, ece: metrics.ece)
        } else {
            notes.append("the test part (\(testLeads) leads) has one outcome only: no test figures")
        }
        card = try card.withBaseline(from: training)
        try card.validate()
        return InDatabaseResult(card: card, points: points, queries: session.queryCount, rowsReceived: session.rowsReceived,
                                seconds: Date().timeIntervalSince(started), passes: fits.map(\.validationLoss.count).max() ?? 0,
                                keptPasses: fits.map(\.keptPass), crossFitted: queries.models > 1, leadsBeforeTest: development, testLeads: counts[4].leads,
                                validationLoss: fits.map(\.validationLoss), testRowsQuery: queries.rowsOfPart(4),
                                trainingRowsQuery: queries.rowsOfPart(4, below: true),
                                notes: notes)
    }

    /// The 0/1 outcome of row `lead` as SQL (NULL when missing), and the positive and negative labels.
    private func outcomeSQL(_ column: (name: String, role: AggregateSession.ColumnKind?)) throws -> (String, String, String) {
        let value = "lead." + (try SQLName.quoted(column.name))
        switch column.role {
        case .boolean:
            return ("CASE WHEN \(value) THEN 1 WHEN NOT \(value) THEN 0 END", "true", "false")
        case .number:
            let bad = try session.rows("SELECT count(*) FROM (\(session.selectSQL)) AS lead WHERE \(value) IS NOT NULL AND \(value) NOT IN (0, 1)",
                                       doing: "checking the outcome column")
            let count = Int(bad.first?[0] ?? "0") ?? 0
            guard count == 0 else {
                throw InDatabaseError.badTarget(column: column.name, source: source, detail: "holds \(count) numbers other than 0 and 1; an outcome is 0/1, yes/no or two labels")
            }
            return ("CASE WHEN \(value) = 1 THEN 1 WHEN \(value) = 0 THEN 0 END", "1", "0")
        case .text:
            let text = "TRIM(CAST(\(value) AS text))"
            let tokens = loadOptions.allMissingTokens.map { SQLDialect.postgres.literal($0) }.joined(separator: ", ")
            let labels = try session.rows("SELECT DISTINCT \(text) FROM (\(session.selectSQL)) AS lead WHERE \(value) IS NOT NULL AND \(text) NOT IN (\(tokens)) LIMIT 3",
                                          doing: "reading the outcome's labels").compactMap { $0[0] }.sorted()
            guard labels.count == 2 else {
                throw InDatabaseError.badTarget(column: column.name, source: source,
                                                detail: "holds \(labels.count == 3 ? "more than two" : "\(labels.count)") labels; an outcome has exactly two")
            }
            let positives: Set<String> = ["1", "yes", "y", "true", "t", "converted", "won", "closed won", "success", "positive"]
            let positive = loadOptions.positiveLabel ?? labels.first { positives.contains($0.lowercased()) }
            guard let positive, labels.contains(positive) else {
                throw InDatabaseError.badTarget(column: column.name, source: source,
                                                detail: "has the labels \(labels.map(\.debugDescription).joined(separator: " and ")); name the positive label (LoadOptions.positiveLabel)")
            }
            let negative = labels.first { $0 != positive }!
            return ("CASE WHEN \(text) = \(SQLDialect.postgres.literal(positive)) THEN 1 WHEN \(text) = \(SQLDialect.postgres.literal(negative)) THEN 0 END",
                    positive, negative)
        case .date, nil:
            throw InDatabaseError.badTarget(column: column.name, source: source, detail: "is not of a type an outcome can have (boolean, 0/1 number or two labels)")
        }
    }
}
