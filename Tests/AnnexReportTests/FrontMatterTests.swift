import AnnexLocale
import AnnexSpec
@testable import AnnexReport
import XCTest

/// The annex's head (Decree 30/2020/NĐ-CP): the `PHỤ LỤC` heading and the line naming the report it accompanies.
final class FrontMatterTests: XCTestCase {
    func read(_ yaml: String, _ lang: Language = .vi) throws -> FrontMatter {
        var node = try SpecNode.parse(yaml, file: "r.yaml")
        node.lang = lang
        return try FrontMatter.read(node.child("annex"), language: lang)
    }

    func testFullLine() throws {
        let f = try read("""
        annex:
          number: ii
          attached_to: { number: 125/BC-UBND, date: 2020-07-21, issuer: UBND tỉnh Lạng Sơn }
        """)
        XCTAssertEqual(f.heading(.vi), "PHỤ LỤC II")
        XCTAssertEqual(f.attachmentLine(.vi), "(Kèm theo Báo cáo số 125/BC-UBND ngày 21 tháng 7 năm 2020 của UBND tỉnh Lạng Sơn)")
        XCTAssertEqual(f.heading(.en), "ANNEX II")
        XCTAssertEqual(f.attachmentLine(.en), "(Accompanying Report No. 125/BC-UBND of 21 July 2020, issued by UBND tỉnh Lạng Sơn)")
    }

    func testUnknownPartsAreBlanksToFill() throws {
        let f = try read("annex: { attached_to: { kind: Tờ trình } }")
        XCTAssertEqual(f.heading(.vi), "PHỤ LỤC")
        XCTAssertEqual(f.attachmentLine(.vi), "(Kèm theo Tờ trình số … ngày … tháng … năm … của …)")
        XCTAssertEqual(try read("title: x").attachmentLine(.vi), "(Kèm theo Báo cáo số … ngày … tháng … năm … của …)")
        XCTAssertNil(try read("annex: { attached_to: false }").attachmentLine(.vi))
    }

    func testErrorsAreLocated() throws {
        XCTAssertThrowsError(try read("annex:\n  number: 2")) { XCTAssertTrue("\($0)".contains("r.yaml:2"), "\($0)"); XCTAssertTrue("\($0)".contains("Roman numeral"), "\($0)") }
        XCTAssertThrowsError(try read("annex:\n  attached_to: { date: 21/7/2020 }")) { XCTAssertTrue("\($0)".contains("YYYY-MM-DD"), "\($0)") }
        XCTAssertThrowsError(try read("annex:\n  attached: {}")) { XCTAssertTrue("\($0)".contains("attached_to"), "\($0)") }
    }
}
