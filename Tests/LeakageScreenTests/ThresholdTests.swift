import XCTest
import LeadData
@testable import LeakageScreen

/// Each threshold of `docs/leakage.md`, just met and just missed, on data whose figures are known by hand.
final class ThresholdTests: XCTestCase {
    /// Held-out: 100 converted of which `converted` say "b", 100 lost of which `lost` say "b". The rate of
    /// "b" is higher, so the AUC is 0.5 + (converted − lost) / 200.
    private func twoValues(_ name: String = "x", converted: Int, lost: Int) -> MirroredLeads {
        var leads = MirroredLeads()
        leads.add(converted, converted: true, [name: .text("b")])
        leads.add(100 - converted, converted: true, [name: .text("a")])
        leads.add(lost, converted: false, [name: .text("b")])
        leads.add(100 - lost, converted: false, [name: .text("a")])
        return leads
    }

    func testDecisiveAUC() throws {
        let at = try XCTUnwrap(twoValues(converted: 90, lost: 10).screen().column("x"))
        XCTAssertEqual(at.heldOutAUC, 0.90)
        XCTAssertEqual(at.reasons.first, .decidesAlone(auc: 0.90))
        XCTAssertEqual(at.verdict, .likelyLeak)
        let below = try XCTUnwrap(twoValues(converted: 89, lost: 10).screen().column("x"))
        XCTAssertEqual(below.heldOutAUC, 0.895)
        XCTAssertEqual(below.reasons, [.veryStrongAlone(auc: 0.895)])
        XCTAssertEqual(below.verdict, .suspect, "strength alone, however shown, is one kind of evidence")
    }

    func testStrongAUC() throws {
        let at = try XCTUnwrap(twoValues(converted: 80, lost: 20).screen().column("x"))
        XCTAssertEqual(at.heldOutAUC, 0.80)
        XCTAssertEqual(at.reasons, [.veryStrongAlone(auc: 0.80)])
        let below = try XCTUnwrap(twoValues(converted: 79, lost: 20).screen().column("x"))
        XCTAssertEqual(below.heldOutAUC, 0.795)
        XCTAssertEqual(below.reasons, [])
        XCTAssertEqual(below.verdict, .none)
        XCTAssertNil(below.suggestedAction)
    }

    func testInformationValueMatchesTheReferenceAndGatesNameFindings() throws {
        // A weak column (AUC 0.56) whose name says "status".
        let leads = twoValues("Lead Status", converted: 56, lost: 44)
        let iv = referenceIV([(44, 56), (56, 44)])
        let found = try XCTUnwrap(leads.screen().column("Lead Status"))
        XCTAssertEqual(found.informationValue, iv, accuracy: 1e-12)
        var thresholds = LeakageThresholds()
        thresholds.relevantInformationValue = iv - 1e-9
        XCTAssertEqual(try leads.screen(thresholds).column("Lead Status")?.reasons, [.suspiciousName(word: "status")])
        XCTAssertEqual(try leads.screen(thresholds).column("Lead Status")?.verdict, .suspect)
        thresholds.relevantInformationValue = iv + 1e-9
        XCTAssertEqual(try leads.screen(thresholds).column("Lead Status")?.reasons, [])
    }

    func testStrongInformationValueMakesANameFindingALikelyLeak() throws {
        let leads = twoValues("Lead Status", converted: 70, lost: 30)
        let iv = referenceIV([(30, 70), (70, 30)])
        var thresholds = LeakageThresholds()
        thresholds.strongInformationValue = iv - 1e-9
        XCTAssertEqual(try leads.screen(thresholds).column("Lead Status")?.verdict, .likelyLeak)
        thresholds.strongInformationValue = iv + 1e-9
        XCTAssertEqual(try leads.screen(thresholds).column("Lead Status")?.verdict, .suspect)
    }

    /// 200 converted and 200 lost leads say "q"; `pure` more leads say "p" and all converted, `mixed` of
    /// them lost.
    private func pureValue(pure: Int, mixed: Int = 0) -> MirroredLeads {
        var leads = MirroredLeads()
        leads.add(200, converted: true, ["source": .text("q")])
        leads.add(200, converted: false, ["source": .text("q")])
        leads.add(pure, converted: true, ["source": .text("p")])
        leads.add(mixed, converted: false, ["source": .text("p")])
        return leads
    }

    func testValuesWithOneOutcomeNeedTenLeads() throws {
        let ten = try XCTUnwrap(pureValue(pure: 10).screen().column("source"))
        XCTAssertEqual(ten.reasons, [.singleOutcomeValues([PureValue(value: "p", rows: 20, converted: true)])])
        XCTAssertEqual(try pureValue(pure: 9).screen().column("source")?.reasons, [])
    }

    func testAOneOutcomeValueMustAlsoOccurAmongHeldOutLeads() throws {
        func screened(heldOutP: Int) throws -> ColumnScreening? {
            var data = ScreenTestData()
            for _ in 0..<2 {  // training rows, then held-out rows
                data.add(200, converted: true, ["source": .text("q")])
                data.add(200, converted: false, ["source": .text("q")])
            }
            data.add(10, converted: true, ["source": .text("p")])
            data.add(heldOutP, converted: true, ["source": .text("p")])
            let training = Array(0..<400) + Array(800..<810), heldOut = Array(400..<800) + Array(810..<(810 + heldOutP))
            // One held-out lead adds little information value: no gate on it here.
            let screen = LeakageScreen(thresholds: LeakageThresholds(relevantInformationValue: 0))
            return try screen.screen(data.dataset(), training: training, heldOut: heldOut).column("source")
        }
        XCTAssertEqual(try screened(heldOutP: 1)?.reasons, [.singleOutcomeValues([PureValue(value: "p", rows: 11, converted: true)])])
        XCTAssertEqual(try screened(heldOutP: 0)?.reasons, [])
    }

    func testNearPureValuesAllowTwoPercentOfTheOtherOutcome() throws {
        let two = try XCTUnwrap(pureValue(pure: 98, mixed: 2).screen().column("source"))
        XCTAssertEqual(two.reasons, [.nearPureValues(share: 100.0 / 500, values: ["p"])])
        XCTAssertEqual(try pureValue(pure: 97, mixed: 3).screen().column("source")?.reasons, [])
    }

    func testNearPureValuesMustCoverFivePercentOfLeads() throws {
        // 21 of 421 training leads is 4.99 %; 22 of 422 is 5.2 %.
        let above = try XCTUnwrap(pureValue(pure: 22).screen().column("source"))
        XCTAssertEqual(above.reasons.last, .nearPureValues(share: 22.0 / 422, values: ["p"]))
        let below = try XCTUnwrap(pureValue(pure: 21).screen().column("source"))
        XCTAssertEqual(below.reasons, [.singleOutcomeValues([PureValue(value: "p", rows: 42, converted: true)])])
    }

    func testPlaceholderShareOfOnePercent() throws {
        func leads(select: Int) -> MirroredLeads {
            var leads = MirroredLeads()
            leads.add(select, converted: true, ["City": .text("Select")])
            leads.add(100 - select, converted: true, ["City": .text("Pune")])
            leads.add(50, converted: false, ["City": .text("Mumbai")])
            leads.add(50, converted: false, ["City": .text("Delhi")])
            return leads
        }
        // "Select" is 2 of 200 values (1 %), then 1 of 200.
        let found = try leads(select: 2).screen().placeholders
        XCTAssertEqual(found, [PlaceholderFinding(value: "Select", columns: [.init(column: "City", share: 0.01, isMostCommonValue: false)])])
        XCTAssertEqual(found.first?.suggestedOption, "add \"Select\" to the missing-value texts (LoadOptions.missingTokens)")
        XCTAssertEqual(try leads(select: 1).screen().placeholders, [])
        XCTAssertEqual(try leads(select: 60).screen().placeholders.first?.text,
                       "\"Select\" looks like a placeholder for no answer in 1 column, its most common value (City 30.0%); if it means no answer, add \"Select\" to the missing-value texts (LoadOptions.missingTokens)")
    }
}
