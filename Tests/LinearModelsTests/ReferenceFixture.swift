import Foundation
import LinearAlgebra

/// The design matrix of the first 6 000 rows of the shipped online-shoppers data and scikit-learn's
/// coefficients on it, written by `Fixtures/make_reference.py`.
struct ReferenceFixture {
    struct Case: Decodable {
        var name: String
        var C: Double
        var l1_ratio: Double
        var class_weight: String?
        var sample_weights: Bool
        var solver: String
        var coef: [Double]
        var intercept: Double
        var gradient_norm: Double
    }

    struct Metadata: Decodable {
        var rows: Int
        var terms: [String]
        var cases: [Case]
        var minimum_level_count: Int
    }

    let metadata: Metadata
    let design: Matrix
    let labels: [UInt8]
    let sampleWeights: [Double]

    /// Loaded once: parsing the CSV in a debug build takes a moment.
    static let shoppers: ReferenceFixture = try! ReferenceFixture(named: "shoppers")

    init(named name: String) throws {
        let folder = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!
        metadata = try JSONDecoder().decode(Metadata.self, from: Data(contentsOf: folder.appendingPathComponent("\(name)_reference.json")))
        let text = try String(contentsOf: folder.appendingPathComponent("\(name)_design.csv"), encoding: .utf8)
        let rows = text.split(separator: "\n").map { $0.split(separator: ",").map { Double($0)! } }
        let columns = metadata.terms.count
        precondition(rows.count == metadata.rows && rows.allSatisfy { $0.count == columns + 2 })
        labels = rows.map { UInt8($0[0]) }
        sampleWeights = rows.map { $0[1] }
        var design = Matrix(rows: rows.count, columns: columns)
        for (i, row) in rows.enumerated() {
            for j in 0..<columns { design[i, j] = row[j + 2] }
        }
        self.design = design
    }

    func `case`(_ name: String) -> Case { metadata.cases.first { $0.name == name }! }
}
