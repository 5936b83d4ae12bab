import XCTest
@testable import CardOperations
import CardTraining
import LeadData
import ScoreCardFormat

/// Issue 21: the card's monitoring baseline is now counted lead by lead while scoring (no per-lead table);
/// it must equal the one `CardLeads` gives (the table every other card operation reads), on a trained
/// card with numeric, yes/no and categorical criteria, and on leads with categories the card has not
/// seen (`otherwise`), one of them with a control character (left out, list marked incomplete); counted in
/// parallel chunks of any size, it stays the same.
final class StreamedBaselineTests: XCTestCase {
    func testStreamedBaselineEqualsTheScoredTablesBaseline() throws {
        let leads = SyntheticLeads(rows: 3_000, seed: 11, noiseColumns: 1).generate().dataset
        var options = TrainingOptions(model: .logistic)
        options.seed = 3
        let card = try CardTrainer(options: options).train(leads).card
        XCTAssertTrue(card.criteria.contains { $0.type == .numeric })
        XCTAssertTrue(card.criteria.contains { $0.type == .categorical })
        // New categories on the same leads: the first two levels of every categorical column renamed.
        var shifted = leads
        for index in shifted.columns.indices {
            guard case .categorical(let codes, var levels) = shifted.columns[index].values, levels.count > 2 else { continue }
            levels[0] = "never seen"
            levels[1] = "bell\u{7}"
            shifted.columns[index].values = .categorical(codes: codes, levels: levels)
        }
        // The same leads with numeric columns held as plain doubles (formatted lead by lead) and with
        // two-byte codes (read per code): the baseline must not depend on how a column is stored.
        func restored(_ data: Dataset, _ storage: (NumberColumn) -> NumberColumn.Storage) -> Dataset {
            var data = data
            for index in data.columns.indices {
                guard case .numeric(let column) = data.columns[index].values else { continue }
                data.columns[index].values = .numeric(NumberColumn(storage: storage(column)))
            }
            return data
        }
        let plain = restored(leads) { .plain($0.doubles) }
        let wide = restored(leads) { column in
            guard case .narrow(let codes, let table) = column.storage else { return column.storage }
            return .wide(codes: codes.map(UInt16.init), table: table)
        }
        XCTAssertTrue(plain.columns.contains { if case .numeric(let c) = $0.values, case .plain = c.storage { true } else { false } })
        XCTAssertTrue(wide.columns.contains { if case .numeric(let c) = $0.values, case .wide = c.storage { true } else { false } })
        for data in [leads, shifted, plain, wide] {
            let streamed = try baselineDistribution(card, leads: data, description: "training leads")
            let table = baselineDistribution(CardLeads: try CardLeads(card: card, leads: data), description: "training leads")
            XCTAssertEqual(streamed, table)
            XCTAssertEqual(streamed.rows, data.rowCount)
            // Counted in parallel chunks and merged in lead order: the same baseline for any chunk size,
            // down to chunks smaller than a category's first appearance.
            for chunkRows in [1_000, 7] {
                XCTAssertEqual(try streamedBaseline(card, leads: data, description: "training leads", chunkRows: chunkRows), table, "\(chunkRows)")
            }
        }
        let unseen = try baselineDistribution(card, leads: shifted)
        XCTAssertTrue(unseen.criteria.contains { $0.otherwiseCategories?.contains("never seen") == true },
                      "the renamed level must be listed as scored otherwise")
        XCTAssertTrue(unseen.criteria.contains { $0.otherwiseCategoriesTruncated == true })
    }
}
