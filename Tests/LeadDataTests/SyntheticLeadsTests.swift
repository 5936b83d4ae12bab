import XCTest
@testable import LeadData

final class SyntheticLeadsTests: XCTestCase {
    func testTruthRecomputedFromColumnsMatchesTheGeneratorsProbabilities() {
        let (data, probabilities) = SyntheticLeads(rows: 5000, seed: 9).generate()
        let truth = SyntheticLeads.truth
        var logOdds = [Double](repeating: truth.intercept, count: data.rowCount)
        for effect in truth.effects {
            let column = data.column(named: effect.feature)!
            for row in 0..<data.rowCount {
                switch column.values {
                case .numeric(let values): logOdds[row] += effect.logOdds(value: values[row])
                case .boolean(let values): logOdds[row] += values[row].isNaN ? effect.missing : effect.logOdds(label: values[row] == 1 ? "yes" : "no")
                case .categorical(let codes, let levels): logOdds[row] += codes[row] < 0 ? effect.missing : effect.logOdds(label: levels[Int(codes[row])])
                default: XCTFail("unexpected column type for \(effect.feature)")
                }
            }
        }
        for row in 0..<data.rowCount {
            XCTAssertEqual(1 / (1 + exp(-logOdds[row])), probabilities[row], accuracy: 1e-12)
        }
        // Outcomes are drawn from those probabilities: the counts agree within four standard errors.
        let expected = probabilities.reduce(0, +)
        let variance = probabilities.reduce(0) { $0 + $1 * (1 - $1) }
        let observed = Double(data.labels!.reduce(0) { $0 + Int($1) })
        XCTAssertLessThan(abs(observed - expected), 4 * variance.squareRoot())
    }

    func testSameSeedSameLeads() {
        let a = SyntheticLeads(rows: 300, seed: 4).generate().dataset
        let b = SyntheticLeads(rows: 300, seed: 4).generate().dataset
        // Compared as text: NaN (missing) is never equal to itself as a Double.
        let text = { (data: Dataset) in data.columns.map { column in (0..<data.rowCount).map { column.formattedValue(row: $0) } } }
        XCTAssertEqual(text(a), text(b))
        XCTAssertEqual(a.labels, b.labels)
        XCTAssertNotEqual(a.labels, SyntheticLeads(rows: 300, seed: 5).generate().dataset.labels)
    }

    func testMissingRatesAndCappedEffects() {
        let data = SyntheticLeads(rows: 20000, seed: 2).generate().dataset
        for name in ["company_size", "industry", "days_since_last_activity"] {
            let share = Double(data.column(named: name)!.missingCount) / 20000
            XCTAssertEqual(share, 0.05, accuracy: 0.01, name)
        }
        let pricing = SyntheticLeads.truth.effect("pricing_page_visits")!
        XCTAssertEqual(pricing.logOdds(value: 2), 0.9, accuracy: 1e-12)
        XCTAssertEqual(pricing.logOdds(value: 3), 1.35, accuracy: 1e-12)
        XCTAssertEqual(pricing.logOdds(value: 9), 1.35, accuracy: 1e-12)
        XCTAssertEqual(SyntheticLeads.truth.effect("days_since_last_activity")!.logOdds(value: .nan), -0.4)
    }
}
