/// Calibration rules: a probability for every reachable total (from the table, or the logistic form
/// when the table leaves a total out), each within 0…1, the table ascending with one entry per total.
extension Calibration {
    func check(reachable totals: [Int], maximumPoints: Int, into list: inout ProblemList) {
        if method.isEmpty { list.add("calibration.method", "must not be empty (e.g. \"isotonic\", \"platt\", \"manual\")") }
        if let logistic {
            list.finite(logistic.intercept, at: "calibration.logistic.intercept")
            list.finite(logistic.slope, at: "calibration.logistic.slope")
        }
        list.totalsTable(table.map { ($0.points, $0.probability) }, at: "calibration.table", field: "probability", maximumPoints: maximumPoints)
        guard logistic == nil else { return }
        if table.isEmpty {
            list.add("calibration", "give a \"table\" of probabilities by total, or a \"logistic\" form")
            return
        }
        let listed = Set(table.map(\.points))
        let absent = totals.filter { !listed.contains($0) }
        if !absent.isEmpty {
            let shown = absent.prefix(10).map(String.init).joined(separator: ", ") + (absent.count > 10 ? ", …" : "")
            list.add("calibration.table", "has no probability for \(absent.count) reachable total\(absent.count == 1 ? "" : "s"): \(shown)")
        }
    }
}
