import Foundation
import XCTest
@testable import LeadData

extension XCTestCase {
    /// Writes `text` to a new file in a fresh temporary folder, removed when the test ends.
    func temporaryFile(_ text: String, name: String = "leads.csv") throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("LeadDataTests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    /// Loads CSV text written to a temporary file.
    func load(_ text: String, _ options: LoadOptions = LoadOptions()) throws -> Dataset {
        try Dataset.load(csv: temporaryFile(text), options: options)
    }

    /// The `LoadError` that loading `text` throws, failing the test if it throws none or another error.
    func loadError(_ text: String, _ options: LoadOptions = LoadOptions(), file: StaticString = #filePath, line: UInt = #line) throws -> (LoadError, path: String) {
        let path = try temporaryFile(text)
        do {
            _ = try Dataset.load(csv: path, options: options)
        } catch let error as LoadError {
            return (error, path)
        }
        XCTFail("no error", file: file, line: line)
        throw CancellationError()
    }
}

extension DataColumn {
    var numbers: [Double]? {
        switch values {
        case .numeric(let values), .boolean(let values), .date(let values): return values.doubles
        default: return nil
        }
    }

    /// Each row's level, `nil` for missing.
    var labels: [String?]? {
        guard case .categorical(let codes, let levels) = values else { return nil }
        return codes.map { $0 < 0 ? nil : levels[Int($0)] }
    }
}

/// NaN-aware comparison for columns with missing values.
func XCTAssertSameValues(_ actual: [Double]?, _ expected: [Double], file: StaticString = #filePath, line: UInt = #line) {
    guard let actual else { return XCTFail("not a numeric column", file: file, line: line) }
    XCTAssertEqual(actual.map { $0.isNaN ? "missing" : "\($0)" }, expected.map { $0.isNaN ? "missing" : "\($0)" }, file: file, line: line)
}
