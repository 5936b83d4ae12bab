import Dispatch
import Foundation
import LeadCSV

extension Dataset {
    /// Reads a CSV of leads into typed columns.
    ///
    /// Roles come from `options.roles` and `options.excluded`, else from the first `options.inferenceRows`
    /// records (`RoleEvidence`); then the whole file is parsed in one streaming pass, straight from bytes
    /// into the columns. With `options.target`, rows without an outcome are left out and counted in
    /// `notes`. Throws `CSVError` for a file that is not well-formed CSV and `LoadError` for one that cannot
    /// become a dataset as asked; both name the file, line and column and say what to do.
    public static func load(csv path: String, options: LoadOptions = LoadOptions()) throws -> Dataset {
        try CSVReader.requireRereadable(path)
        let missingTokens = MissingTokens(options.allMissingTokens)
        var plan = try ColumnPlan(path: path, options: options, missingTokens: missingTokens)
        // A role inferred from the first rows is only a first guess: a later value the role cannot hold
        // widens it (boolean → numeric → categorical, date → categorical) and the file is parsed again. Each
        // pass only widens, and categorical holds anything, so there are at most three passes; files whose
        // first rows are typical (nearly all) take one.
        while true {
            var reader = try CSVReader(path: path, delimiter: plan.delimiter)
            switch try StreamingPass(plan: plan, options: options, missingTokens: missingTokens).load(records: &reader, path: path) {
            case .loaded(let dataset): return dataset
            case .widened(let misfits): plan.widen(misfits)
            }
        }
    }

    /// Reads leads from any record source (a database query, say) as `load(csv:options:)` reads a file:
    /// the same roles, parsers, notes and errors, so the same rows give the same dataset. `open` starts a
    /// new reading (a role widened by a later value means one more pass); `declaredRoles` are the roles
    /// the source's column types give, `nil` where a column has no type and is inferred; `source` names
    /// the rows in errors and in `Dataset.source`.
    package static func load<Records: RecordSource & ~Copyable>(source: String, declaredRoles: [ColumnRole?], options: LoadOptions,
                                                               open: () throws -> Records) throws -> Dataset {
        let missingTokens = MissingTokens(options.allMissingTokens)
        var first = try open()
        var plan = try ColumnPlan(records: &first, path: source, declared: declaredRoles, options: options, missingTokens: missingTokens)
        _ = consume first
        while true {
            var reader = try open()
            switch try StreamingPass(plan: plan, options: options, missingTokens: missingTokens).load(records: &reader, path: source) {
            case .loaded(let dataset): return dataset
            case .widened(let misfits): plan.widen(misfits)
            }
        }
    }
}

/// How a streaming pass ended: with the dataset, or with inferred columns that met values their role
/// cannot hold and must be parsed again with a wider role.
enum PassResult {
    case loaded(Dataset)
    case widened([Misfit])
}

/// A value that does not fit its column's inferred role: the file column, the value and its line.
struct Misfit {
    var column: Int
    var value: String
    var line: Int?
}

/// The second pass over the file, in batches of records. While the lanes parse one batch (each lane a share
/// of the columns), the reader fills the next batch and reads its outcomes, so every core has work.
///
/// A class with raw storage for the lanes because threads work on it at once, each on its own part: the
/// reading step on the reader, `outcome` and the next batch; lane i on `lanes[i]` and `failures[i]`.
/// Hence `@unchecked Sendable`.
private final class StreamingPass: @unchecked Sendable {
    let plan: ColumnPlan
    let options: LoadOptions
    private let lanes: UnsafeMutableBufferPointer<ParserLane>
    private let failures: UnsafeMutableBufferPointer<[FieldFailure]>
    private var outcome: OutcomeParser?
    /// Whether steps run on several threads; not for small files, where threads cost more than they save.
    private let parallel: Bool

    init(plan: ColumnPlan, options: LoadOptions, missingTokens: MissingTokens) {
        self.plan = plan
        self.options = options
        let columns = plan.header.indices.filter { plan.roles[$0] != nil }
        parallel = plan.estimatedRows >= 20_000 && ProcessInfo.processInfo.activeProcessorCount > 1
        // Two lanes per core, so that the threads can even out lanes of unequal cost.
        var shares = [ParserLane](repeating: ParserLane(), count: parallel ? min(2 * ProcessInfo.processInfo.activeProcessorCount, max(1, columns.count)) : 1)
        for column in columns {
            let cheapest = shares.indices.min { shares[$0].cost < shares[$1].cost }!
            shares[cheapest].add(column: column, role: plan.roles[column]!, missingTokens: missingTokens, decimalSeparator: options.decimalSeparator)
        }
        for index in shares.indices { shares[index].reserve(plan.estimatedRows) }
        lanes = .allocate(capacity: shares.count)
        _ = lanes.initialize(from: shares)
        failures = .allocate(capacity: shares.count)
        failures.initialize(repeating: [])
        if plan.target != nil {
            outcome = OutcomeParser(missingTokens: missingTokens)
            outcome?.reserve(plan.estimatedRows)
        }
    }

    deinit {
        lanes.deinitialize().deallocate()
        failures.deinitialize().deallocate()
    }

    func load<Records: RecordSource & ~Copyable>(records reader: inout Records, path: String) throws -> PassResult {
        var current = StagedBatch(columnCount: plan.header.count), next = StagedBatch(columnCount: plan.header.count)
        var more = try current.fill(from: &reader, outcome: &outcome, target: plan.target)
        var misfits: [Misfit] = []
        while more {
            let filled = withUnsafeMutablePointer(to: &reader) { step(parsing: current, filling: next, from: $0) }
            // The current batch comes first in the file, so its errors come before the reader's. A value that
            // does not fit an inferred role widens it; only a role the user set makes it an error.
            let batchFailures = failures.joined().sorted()
            for failure in batchFailures where plan.inferred[failure.column] {
                misfits.append(Misfit(column: failure.column, value: text(current.batch, row: failure.row, column: failure.column),
                                      line: current.batch.line(ofRow: failure.row)))
            }
            if let failure = batchFailures.first(where: { !plan.inferred[$0.column] }) {
                let column = failure.column
                throw LoadError(.unexpectedValue(role: plan.roles[column]!, inferredFromRows: nil),
                                location(column: column, line: current.batch.line(ofRow: failure.row), path: path),
                                value: text(current.batch, row: failure.row, column: column))
            }
            if let row = current.thirdOutcome, let target = plan.target {
                throw LoadError(.tooManyOutcomeValues(seen: outcome!.values), location(column: target, line: current.batch.line(ofRow: row), path: path),
                                value: text(current.batch, row: row, column: target))
            }
            more = try filled.get()
            swap(&current, &next)
        }
        if !misfits.isEmpty { return .widened(misfits) }
        return .loaded(try finish(path: path, rowsRead: reader.recordCount))
    }

    /// Parses `current` on the lanes while `next` is filled from `reader`.
    private func step<Records: RecordSource & ~Copyable>(parsing current: StagedBatch, filling next: StagedBatch,
                                                         from reader: UnsafeMutablePointer<Records>) -> Result<Bool, any Error> {
        nonisolated(unsafe) let reader = reader
        nonisolated(unsafe) var filled: Result<Bool, any Error> = .success(false)
        nonisolated(unsafe) let rows = current.keptRows
        run(iterations: lanes.count + 1) { index in
            if index == 0 {
                filled = Result { try next.fill(from: &reader.pointee, outcome: &self.outcome, target: self.plan.target) }
            } else {
                self.failures[index - 1] = self.lanes[index - 1].consume(current.batch, rows: rows)
            }
        }
        return filled
    }

    /// Runs the iterations on all cores when the pass is parallel, else one after the other.
    private func run(iterations: Int, _ body: @Sendable (Int) -> Void) {
        if parallel {
            DispatchQueue.concurrentPerform(iterations: iterations, execute: body)
        } else {
            for index in 0..<iterations { body(index) }
        }
    }

    private func text(_ batch: CSVBatch, row: Int, column: Int) -> String {
        String(decoding: batch.column(column)[row].trimmingSpaces(), as: UTF8.self)
    }

    private func location(column: Int, line: Int?, path: String) -> SourceLocation {
        SourceLocation(path: path, line: line, column: column + 1, columnName: plan.header[column])
    }

    private func finish(path: String, rowsRead: Int) throws(LoadError) -> Dataset {
        var labels: [UInt8]?, resolved: Outcome?
        if let target = plan.target, let outcome {
            (labels, resolved) = try outcome.finish(positiveLabel: options.positiveLabel, location: location(column: target, line: nil, path: path))
        }
        // Finishing counts distinct values, the costly part: lanes in parallel.
        nonisolated(unsafe) var finished = [[(column: Int, result: ParsedColumn)]](repeating: [], count: lanes.count)
        run(iterations: lanes.count) { index in finished[index] = self.lanes[index].finish() }
        var results = [ParsedColumn?](repeating: nil, count: plan.header.count)
        var roles = plan.roles
        for (column, result) in finished.joined() {
            if plan.undetermined[column] {
                (roles[column], results[column]) = typedFromLevels(result, name: plan.header[column], decimalSeparator: options.decimalSeparator)
            } else {
                results[column] = result
            }
        }
        let columns = plan.header.indices.compactMap { index in
            results[index].map { DataColumn(name: plan.header[index], role: roles[index]!, values: $0.values,
                                            missingCount: $0.missing, distinctCount: $0.distinct) }
        }
        let rowCount = rowsRead - (resolved?.droppedMissing ?? 0)
        var notes = plan.notes
        if let dropped = resolved?.droppedMissing, dropped > 0 {
            notes.append(dropped == 1 ? "1 row without an outcome was left out" : "\(dropped) rows without an outcome were left out")
        }
        notes += columns.flatMap { columnNotes($0, rowCount: rowCount) }
        return Dataset(source: path, columns: columns, labels: labels, outcome: resolved, rowCount: rowCount, notes: notes)
    }

    /// Columns that cannot help a model as they are: empty, constant, or an inferred identifier that repeats.
    private func columnNotes(_ column: DataColumn, rowCount: Int) -> [String] {
        let name = column.name
        if column.role == .identifier, plan.inferred[plan.header.firstIndex(of: name)!], column.distinctCount < rowCount - column.missingCount {
            return ["\"\(name)\" was unique in the first \(plan.sampleRows) rows, so it was typed identifier, but it has"
                    + " \(column.distinctCount) distinct values in \(rowCount) rows; if it is a feature, give \"\(name)\" the role categorical (LoadOptions.roles)"]
        }
        guard column.isFeature else { return [] }
        if column.missingCount == rowCount { return ["\"\(name)\" is empty in every row"] }
        if column.distinctCount == 1 { return ["\"\(name)\" has a single value in every row that has one, so it cannot help a model"] }
        return []
    }
}
