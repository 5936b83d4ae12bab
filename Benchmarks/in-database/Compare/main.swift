// In-database card against the in-memory card on the same leads: trains inside PostgreSQL, then trains in
// memory (CardTrainer, the default stumps card) on the same training + validation rows (read through the
// database source), and measures both cards' AUC on the same test rows. Prints one JSON line.
//
//   InDatabaseCompare URL TABLE TARGET [--exclude COL]... [--seed N] [--no-memory]
import CardTraining
import Foundation
import InDatabaseTraining
import LeadData
import LeadDatabase

var arguments = Array(CommandLine.arguments.dropFirst())
guard arguments.count >= 3 else {
    FileHandle.standardError.write(Data("usage: InDatabaseCompare URL TABLE TARGET [--exclude COL]... [--seed N] [--no-memory]\n".utf8))
    exit(2)
}
let (url, table, target) = (arguments[0], arguments[1], arguments[2])
arguments.removeFirst(3)
var excluded: [String] = [], seed: UInt64 = 1, inMemory = true
var options = InDatabaseOptions()
while let flag = arguments.first {
    arguments.removeFirst()
    switch flag {
    case "--exclude": excluded.append(arguments.removeFirst())
    case "--seed": seed = UInt64(arguments.removeFirst())!
    case "--no-memory": inMemory = false
    case "--shrinkage": options.shrinkage = Double(arguments.removeFirst())!
    case "--penalty": options.binPenalty = Double(arguments.removeFirst())!
    case "--bins": options.numericBins = Int(arguments.removeFirst())!
    case "--patience": options.patience = Int(arguments.removeFirst())!
    default: fatalError("unknown flag \(flag)")
    }
}
let address = try DatabaseAddress.parse(url)!
let loadOptions = LoadOptions(excluded: excluded, target: target)
let started = Date()
let result = try InDatabaseTrainer(options: { options.seed = seed; return options }(), progress: { FileHandle.standardError.write(Data(($0 + "\n").utf8)) })
    .train(DatabaseSource(address: address, rows: .table(table)), loadOptions: loadOptions)
var line: [String: Any] = [
    "table": table, "seed": seed, "inDatabaseAUC": result.card.metrics?.auc ?? .nan, "inDatabaseLogLoss": result.card.metrics?.logLoss ?? .nan,
    "queries": result.queries, "rowsReceived": result.rowsReceived, "inDatabaseSeconds": result.seconds,
    "passes": result.passes, "keptPasses": result.keptPasses.map { $0 + 1 }, "criteria": result.card.criteria.count,
    "crossFitted": result.crossFitted, "leadsBeforeTest": result.leadsBeforeTest, "test": result.testLeads,
]
_ = started
if inMemory {
    let memoryStarted = Date()
    let training = try DatabaseSource(address: address, rows: .query(result.trainingRowsQuery)).load(options: loadOptions)
    let test = try DatabaseSource(address: address, rows: .query(result.testRowsQuery)).load(options: loadOptions)
    let memory = try CardTrainer().train(loaded: training, source: "\(table) training rows", name: table, loadOptions: loadOptions, test: test)
    line["inMemoryAUC"] = memory.card.metrics?.auc ?? .nan
    line["inMemoryLogLoss"] = memory.card.metrics?.logLoss ?? .nan
    line["inMemorySeconds"] = Date().timeIntervalSince(memoryStarted)
    line["inMemoryCriteria"] = memory.card.criteria.count
    line["aucDifference"] = (result.card.metrics?.auc ?? .nan) - (memory.card.metrics?.auc ?? .nan)
}
print(String(decoding: try JSONSerialization.data(withJSONObject: line, options: [.sortedKeys]), as: UTF8.self))
