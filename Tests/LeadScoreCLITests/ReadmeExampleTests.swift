import Foundation
import XCTest

/// The README's "Use from Swift" code is `Examples/UseFromSwift/main.swift`, built with the package:
/// the two must be identical, and the built example must train a card and score a lead.
final class ReadmeExampleTests: XCTestCase {
    func testTheReadmeCodeIsTheExampleSourceCharacterForCharacter() throws {
        let readme = try String(contentsOf: cliRepositoryRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let source = try String(contentsOf: cliRepositoryRoot.appendingPathComponent("Examples/UseFromSwift/main.swift"), encoding: .utf8)
        let begin = try XCTUnwrap(readme.range(of: "<!-- use-from-swift:begin -->\n```swift\n"))
        let end = try XCTUnwrap(readme.range(of: "```\n<!-- use-from-swift:end -->"))
        XCTAssertEqual(String(readme[begin.upperBound..<end.lowerBound]), source)
    }

    func testTheExampleTrainsACardAndScoresALead() throws {
        let binary = Bundle.main.bundleURL.appendingPathComponent("UseFromSwift")
        XCTAssertTrue(FileManager.default.isExecutableFile(atPath: binary.path), "\(binary.path) is built with the package")
        // The example reads datasets/synthetic/leads.csv and writes card.json in its working directory.
        let folder = try cliTemporaryFolder(self)
        let datasets = folder.appendingPathComponent("datasets/synthetic")
        try FileManager.default.createDirectory(at: datasets, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(at: datasets.appendingPathComponent("leads.csv"),
                                                   withDestinationURL: cliRepositoryRoot.appendingPathComponent("datasets/synthetic/leads.csv"))
        let process = Process()
        process.executableURL = binary
        process.currentDirectoryURL = folder
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let printed = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0, printed)
        XCTAssertTrue(printed.contains("test AUC: model 0.7"), printed)
        XCTAssertTrue(printed.contains("on 4000 leads"), printed)
        XCTAssertTrue(printed.contains("tiers: hot from"), printed)
        XCTAssertNotNil(printed.range(of: #"lead: \d+/100 points, tier \w+, probability 0\.\d+"#, options: .regularExpression), printed)
        let card = try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("card.json"))) as? [String: Any]
        XCTAssertNotNil(card?["criteria"])
    }
}
