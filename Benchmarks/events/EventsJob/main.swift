// Snapshot and feature building at scale (issue 20): reads a leads CSV and an events CSV the way
// `train-engagement` does, builds the point-in-time snapshots, splits the log by event type and computes
// every type's decayed count per snapshot; prints one JSON line with each phase's wall time, the peak
// resident memory and the load average. Run by Benchmarks/events/scale.sh, never by tests.
//
//   events-job LEADS.csv EVENTS.csv [every-days] [horizon-days] [half-life-days ...]
import Dispatch
import Engagement
import Foundation

let arguments = CommandLine.arguments
guard arguments.count >= 3 else {
    FileHandle.standardError.write(Data("usage: events-job LEADS.csv EVENTS.csv [every-days] [horizon-days] [half-life-days ...]\n".utf8))
    exit(2)
}
let every = arguments.count > 3 ? Double(arguments[3]) ?? 7 : 7
let horizon = arguments.count > 4 ? Double(arguments[4]) ?? 90 : 90
let halfLives = arguments.count > 5 ? arguments[5...].compactMap(Double.init) : [3, 7, 14, 30, 60]

func loadAverage() -> String {
    (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?.split(separator: " ").prefix(3).joined(separator: " ") ?? "?"
}
func peakRSSMegabytes() -> Double {
    let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
    let line = status.split(separator: "\n").first { $0.hasPrefix("VmHWM:") } ?? ""
    return (Double(line.split(separator: " ").dropFirst().first ?? "0") ?? 0) / 1024
}
var phases: [(String, Double)] = []
@MainActor func timed<T>(_ name: String, _ work: () throws -> T) rethrows -> T {
    let start = DispatchTime.now().uptimeNanoseconds
    let value = try work()
    phases.append((name, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9))
    return value
}

let loadBefore = loadAverage()
do {
    let leads = try timed("read leads") { try LeadTimeline(csv: arguments[1]) }
    let events = try timed("read events") { try EventLog(csv: arguments[2], leads: leads) }
    let snapshots = try timed("snapshots") {
        try Snapshots(leads: leads, plan: SnapshotPlan(every: TimeSpan(days: every), horizon: TimeSpan(days: horizon)),
                      observedUntil: max(leads.latestTime, events.latestTime))
    }
    let features = timed("features") { () -> [[Double]] in
        EventFeatures.compute(events: events, snapshots: snapshots, decays: events.types.indices.map { .halfLife(days: halfLives[$0 % halfLives.count]) })
    }
    let total = phases.reduce(0) { $0 + $1.1 }
    let checksum = features.reduce(0) { $0 + $1.reduce(0, +) }
    let phaseText = phases.map { "\"\($0.0)\": \(String(format: "%.2f", $0.1))" }.joined(separator: ", ")
    print("{\"leads\": \(leads.count), \"events\": \(events.count), \"snapshots\": \(snapshots.count), \"types\": \(events.types.count), "
          + "\(phaseText), \"total\": \(String(format: "%.2f", total)), \"peak_rss_mb\": \(String(format: "%.0f", peakRSSMegabytes())), "
          + "\"load_before\": \"\(loadBefore)\", \"load_after\": \"\(loadAverage())\", \"checksum\": \(checksum)}")
} catch {
    FileHandle.standardError.write(Data("events-job: \(error)\n".utf8))
    exit(1)
}
