import LeadData
import LinearModels
import ModelCore
import TestSupport
import XCTest

/// On `SyntheticLeads`, whose log-odds are a known sum of per-criterion step functions, a fit with
/// binned numerics must recover each criterion's effect.
///
/// The truth a binned model can reach is the true effect averaged over each of its bins (the quantile
/// bins need not fall on the true steps, e.g. at 14 and 60 days since the last activity), so each row is
/// compared with the mean true effect of the rows sharing its learned piece.
final class SyntheticTruthTests: XCTestCase {
    /// At 100 000 rows a level held by 5 % of the leads has a standard error of about 0.06 log-odds, and
    /// the row-weighted error of a whole criterion averages those: 0.05 is about three standard errors.
    private let criterionTolerance = 0.05

    func testLearnedLogOddsOfEachCriterionMatchTheTruthAt100kRows() throws {
        let (data, _) = SyntheticLeads(rows: 100_000, seed: 21, noiseColumns: 1).generate()
        let parameters = LogisticRegression(strength: 1, encoding: .init(numericEncoding: .binned(maxBins: 16)))
        let model = try parameters.fit(data)
        XCTAssertTrue(model.diagnostics.converged)
        let additive = try model.additiveModel()
        // Judged on the first 20 000 rows (a debug build evaluates shapes slowly); the fit used all 100 000.
        let judged = data.selecting(Array(0..<20_000))
        assertClose(additive.logOdds(judged), try model.logOdds(judged), relative: 0, absolute: 1e-9, "the card form is the model")

        // Each criterion's shape is identified up to a constant (the intercept absorbs it), so compare
        // row by row after removing the mean difference: the row-weighted RMS error of the shape.
        // (Rows are grouped by their learned value; pieces of exactly equal value merge, harmlessly.)
        for effect in SyntheticLeads.truth.effects {
            let column = try XCTUnwrap(judged.column(named: effect.feature))
            let shape = try XCTUnwrap(additive.shapes.first { $0.feature == effect.feature })
            let pairs: [(learned: Double, truth: Double)] = (0..<judged.rowCount).map { row in
                switch column.values {
                case .numeric(let values):
                    return (shape.logOdds(numeric: values[row]), effect.logOdds(value: values[row]))
                case .boolean(let values):
                    let truth = values[row].isNaN ? effect.missing : effect.logOdds(label: values[row] == 1 ? "yes" : "no")
                    return (shape.logOdds(numeric: values[row]), truth)
                case .categorical(let codes, let levels):
                    let label = codes[row] < 0 ? nil : levels[Int(codes[row])]
                    return (shape.logOdds(category: label), label.map { effect.logOdds(label: $0) } ?? effect.missing)
                default:
                    XCTFail("unexpected column kind")
                    return (0, 0)
                }
            }
            var pieces: [Double: (truth: Double, rows: Double)] = [:]
            for pair in pairs { pieces[pair.learned, default: (0, 0)] = (pieces[pair.learned, default: (0, 0)].truth + pair.truth, pieces[pair.learned, default: (0, 0)].rows + 1) }
            let reachable = pairs.map { (learned: $0.learned, truth: pieces[$0.learned]!.truth / pieces[$0.learned]!.rows) }
            let offset = reachable.reduce(0) { $0 + $1.learned - $1.truth } / Double(pairs.count)
            let rms = (reachable.reduce(0) { $0 + pow($1.learned - $1.truth - offset, 2) } / Double(pairs.count)).squareRoot()
            XCTAssertLessThan(rms, criterionTolerance, "\(effect.feature): RMS error \(rms)")
        }
    }
}
