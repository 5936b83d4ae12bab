import Foundation
import XCTest

/// The HTML report in a real browser (headless Chromium from Debian, installed by `bin/setup`), laid out at
/// a desktop's 1400 px and a phone's 390 px: no two texts overlap, no text renders under 10 px (an SVG
/// text's size is measured after its chart is scaled to the page), and the page never scrolls sideways
/// (wide tables scroll inside their own box). Screenshots of every page at each width are left in
/// `.build/test-output/ReportBrowserTests/` for a person to look at.
final class ReportBrowserTests: XCTestCase {
    func testReportReadsAtDesktopAndPhoneWidths() throws {
        let folder = cliRepositoryRoot.appendingPathComponent(".build/test-output/ReportBrowserTests")
        try? FileManager.default.removeItem(at: folder)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        // A hand-written card with groups and tiers on the synthetic leads, and one with a long category
        // list and decimal cut points on the online shoppers.
        let reports = [
            ("synthetic", ["docs/examples/synthetic-seed-practice.json", "datasets/synthetic/leads.csv", "--target", "converted"]),
            ("shoppers", ["docs/examples/online-shoppers-hand-written.json", "datasets/online-shoppers/online_shoppers_intention.csv", "--target", "Revenue"]),
        ]
        for (name, arguments) in reports {
            let page = folder.appendingPathComponent("\(name).html")
            let result = try runLeadScore(["report"] + arguments + ["--out", page.path])
            XCTAssertEqual(result.status, 0, result.errors)
            let layouts = try BrowserHarness.measure(page: page, widths: [1400, 390], folder: folder, name: name)
            XCTAssertEqual(layouts.map(\.width), [1400, 390])
            for layout in layouts {
                let place = "\(name) at \(layout.width) px (screenshot \(layout.screenshot))"
                XCTAssertEqual(layout.innerWidth, layout.width, "the viewport is not \(layout.width) px wide: \(place)")
                XCTAssertGreaterThan(layout.texts, 150, "too few texts measured: \(place)")
                XCTAssertGreaterThan(layout.svgTexts, 60, "too few chart texts measured: \(place)")
                XCTAssertEqual(layout.overlaps.map { "\($0.a) ⟷ \($0.b)" }, [], "texts overlap: \(place)")
                XCTAssertEqual(layout.small.map { "\($0.text) (\($0.px) px)" }, [], "texts under 10 px: \(place)")
                XCTAssertLessThanOrEqual(layout.scrollWidth, layout.width, "the page scrolls sideways: \(place)")
                let png = try Data(contentsOf: URL(fileURLWithPath: layout.screenshot))
                XCTAssertEqual(Array(png.prefix(8)), [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], "not a PNG: \(place)")
            }
        }
    }
}
