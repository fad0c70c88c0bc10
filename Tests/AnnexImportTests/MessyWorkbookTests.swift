import AnnexData
import Foundation
import Testing
@testable import AnnexImport
@testable import AnnexSheets

/// Workbooks laid out the way offices lay them out, each with one trap that once gave a silently wrong dataset.
@Suite struct MessyWorkbookTests {
    static let headers = ["STT", "Mã xã", "Tên xã", "Huyện"] + (1...19).map { "TC\($0)" } + ["Tổng số tiêu chí đạt"]

    /// A sheet: optional title rows, the header, then communes (code, name, district, 19 marks).
    static func sheet(_ name: String, titles: [String] = [], header: Int? = nil,
                      rows: [(code: String, name: String, district: String, marks: [SheetSpec.Value])]) -> SheetSpec {
        var s = SheetSpec(name: name)
        for (i, t) in titles.enumerated() { s.set(i + 1, 1, .text(t)) }
        let h = header ?? titles.count + 1
        for (i, t) in headers.enumerated() { s.set(h, i + 1, .text(t)) }
        for (k, r) in rows.enumerated() {
            let row = h + 1 + k
            s.set(row, 1, .number(Double(k + 1))); s.set(row, 2, .text(r.code)); s.set(row, 3, .text(r.name)); s.set(row, 4, .text(r.district))
            for (j, m) in r.marks.enumerated() { s.set(row, 5 + j, m) }
        }
        return s
    }

    static func marks(_ met: Int) -> [SheetSpec.Value] { (0..<19).map { .number($0 < met ? 1 : 0) } }

    func read(_ sheets: [SheetSpec]) throws -> Importer.Result {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("annex-messy-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try XLSXWriter.data(sheets).write(to: URL(fileURLWithPath: dir + "/b.xlsx"))
        return try Importer().read([dir + "/b.xlsx"])
    }

    /// Communes whose names begin like a total ("Cộng Hòa", "Tông Lệnh", "Chung Chải", "Trung Bình") are communes.
    @Test func communesNamedLikeTotalsAreCommunes() throws {
        let names = ["Xã Cộng Hòa", "Cộng Hòa", "Tông Lệnh", "Chung Chải", "Trung Bình", "Tổng Cọt"]
        let rows = names.enumerated().map { (String(format: "%05d", 10_001 + $0.offset), $0.element, "Huyện A", Self.marks(10)) }
        var s = Self.sheet("Năm 2019", rows: rows)
        s.set(3 + names.count, 3, .text("Tổng cộng")); s.set(3 + names.count, 5, .number(60))
        let r = try read([s])
        #expect(r.sheets[0].rows.map(\.name) == names)
        #expect(r.sheets[0].leftOut.contains { $0.reason.hasPrefix("average or total") })
    }

    /// A formula without a saved value in a criterion or a code is a problem at its cell, never "not met".
    @Test func unsavedFormulasAreProblems() throws {
        var marks = Self.marks(10)
        marks[3] = .formula("IF(A1=1,1,0)")
        let s = Self.sheet("Năm 2019", rows: [("10001", "Xã A", "Huyện A", marks), ("10002", "Xã B", "Huyện A", Self.marks(5))])
        do { _ = try read([s]); Issue.record("read") } catch {
            #expect("\(error)".contains("[Năm 2019]!H2") && "\(error)".contains("a formula without a saved value"), "\(error)")
        }
    }

    /// An estimate note directly above the header (no blank row between) is still the title's, not a header row.
    @Test func aNoteRightAboveTheHeaderStaysATitle() throws {
        let s = Self.sheet("Biểu 01", titles: ["Lạng Sơn, ngày 15 tháng 01 năm 2021", "BIỂU TỔNG HỢP KẾT QUẢ NĂM 2020",
                                                "(Ước thực hiện đến 31/12/2020, số liệu thực hiện đến 30/6/2020)"],
                           rows: [("10001", "Xã A", "Huyện A", Self.marks(10))])
        let r = try read([s])
        let l = r.sheets[0].layout
        #expect(l.headerRows == 4...4)
        #expect(l.year == 2020, "the year after 'năm' in the title, not the date line's: \(l.year.map(String.init) ?? "none")")
        #expect(l.estimate && l.cutoff == "2020-06-30")
    }

    /// A title naming the province beside another title cell: the region is the province's name alone.
    @Test func theRegionIsReadFromItsOwnCell() throws {
        var s = Self.sheet("Năm 2019", titles: ["UBND TỈNH LẠNG SƠN"], header: 3, rows: [("10001", "Xã A", "Huyện A", Self.marks(10))])
        s.set(1, 10, .text("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"))
        let r = try read([s])
        #expect(r.region == "Lạng Sơn")
    }

    /// A commune missing in a year: said, and the dataset written allows it (and says so), rather than refused.
    @Test func aCommuneMissingInAYearIsAllowedAndSaid() throws {
        let a = Self.sheet("Năm 2018", rows: [("10001", "Xã A", "Huyện A", Self.marks(8)), ("10002", "Xã B", "Huyện A", Self.marks(6))])
        let b = Self.sheet("Năm 2019", rows: [("10001", "Xã A", "Huyện A", Self.marks(9))])
        let r = try read([a, b])
        #expect(r.warnings.contains { $0.contains("10002") && $0.contains("2019") }, "\(r.warnings)")
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("annex-messy-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try DatasetWriter.write(DatasetWriter.files(r, sources: ["b.xlsx"]), to: dir)
        #expect(try Dataset.load(folder: dir).manifest.allowMissingYears)
    }

    /// "Tràng Định" on one sheet and "Huyện Tràng Định" on another are one district, and codeless communes in it one
    /// commune each.
    @Test func aDistrictWrittenTwoWaysIsOne() throws {
        let a = Self.sheet("Năm 2018", rows: [("", "Xã A", "Tràng Định", Self.marks(8))])
        let b = Self.sheet("Năm 2019", rows: [("", "Xã A", "Huyện Tràng Định", Self.marks(9))])
        let r = try read([a, b])
        let files = DatasetWriter.files(r, sources: ["b.xlsx"])
        let units = try #require(files.first { $0.name == "units.csv" }).text
        #expect(units.split(separator: "\n").count == 2, "\(units)")
    }

    /// A header cell with a line break in a CSV (two lines of the file, one row): the heading over 1…19 is found.
    @Test func aCSVHeaderWithALineBreakKeepsItsHeading() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("annex-messy-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let top = "STT;Mã xã;\"Tên\nxã\";Huyện;Tiêu chí" + String(repeating: ";", count: 18) + ";Tổng số tiêu chí đạt\r\n"
        let sub = ";;;;" + (1...19).map(String.init).joined(separator: ";") + ";\r\n"
        let row = "1;10001;Xã A;Huyện A;" + (0..<19).map { $0 < 7 ? "1" : "0" }.joined(separator: ";") + ";7\r\n"
        try Data(([0xEF, 0xBB, 0xBF] + Array((top + sub + row).utf8))).write(to: URL(fileURLWithPath: dir + "/ket-qua-2019.csv"))
        let r = try Importer().read([dir + "/ket-qua-2019.csv"])
        #expect(r.sheets[0].rows.first?.criteria?.filter { $0 }.count == 7)
    }

    /// An edited plan mapping two columns to one field, or a column that is not a letter, is a located problem.
    @Test func aPlanWithTwoColumnsForOneFieldIsAProblem() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("annex-messy-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "sheets:\n  - file: b.xlsx\n    sheet: Năm 2019\n    header_rows: [1, 1]\n    columns:\n      B: unit_code\n      C: unit_code\n      24: border\n"
            .write(toFile: dir + "/import.yaml", atomically: true, encoding: .utf8)
        do { _ = try ImportPlan.load(path: dir + "/import.yaml"); Issue.record("loaded") } catch {
            #expect(error.description.contains("each field in one column") && error.description.contains("a column letter"), "\(error)")
        }
    }
}
