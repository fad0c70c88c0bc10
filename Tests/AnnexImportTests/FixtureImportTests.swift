import AnnexData
import Foundation
import Testing
@testable import AnnexImport
@testable import AnnexSheets

let repoRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
let xlsxFixtures = repoRoot + "/Tests/Fixtures/xlsx"

/// The workbooks of Tests/Fixtures/xlsx (made by tools/make_xlsx_fixtures.py), each imported and compared with
/// its `.expected.json`: every commune with its code, name, district, flags and each year's criteria, count, kind
/// and cut-off; no row left out there imported; the refused files refused with their message.
@Suite struct FixtureImportTests {
    static let fixtures = ((try? FileManager.default.contentsOfDirectory(atPath: xlsxFixtures)) ?? [])
        .filter { $0.hasSuffix(".expected.json") }.map { String($0.dropLast(".expected.json".count)) }.sorted()

    static func expected(_ name: String) throws -> [String: Any] {
        let data = try Data(contentsOf: URL(fileURLWithPath: xlsxFixtures + "/" + name + ".expected.json"))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    @Test(arguments: fixtures)
    func importsAsExpected(_ name: String) throws {
        let exp = try FixtureImportTests.expected(name)
        let path = xlsxFixtures + "/" + name
        guard exp["outcome"] as? String == "import" else {
            let needle = try #require(exp["error_contains"] as? String)
            #expect(throws: ImportError.self) { _ = try Importer().read([path]) }
            do { _ = try Importer().read([path]); Issue.record("\(name) was read") } catch {
                #expect(error.description.contains(needle), "\(name): \(error.description)")
            }
            return
        }
        let result = try Importer().read([path])
        let rows = result.sheets.flatMap(\.rows)
        let communes = try #require(exp["communes"] as? [[String: Any]])
        let totals = try #require(exp["totals"] as? [String: Any])
        #expect(rows.count == totals["unit_years"] as? Int, "\(name): \(rows.count) unit-years")
        for c in communes {
            let code = try #require(c["code"] as? String)
            let mine = rows.filter { $0.code == code }
            #expect(!mine.isEmpty, "\(name): commune \(code) not imported")
            guard let first = mine.first else { continue }
            #expect(first.name == c["name"] as? String, "\(name) \(code): name \(first.name)")
            if let d = c["district"] as? [String: Any] {
                #expect(Importer.shortDistrictName(first.district ?? "") == d["name"] as? String, "\(name) \(code): district \(first.district ?? "none")")
            }
            if let b = c["border"] as? Bool { #expect(mine.allSatisfy { $0.border == b }, "\(name) \(code): border") }
            if let b = c["difficult"] as? Bool { #expect(mine.allSatisfy { $0.difficult == b }, "\(name) \(code): difficult") }
            for (y, v) in (c["years"] as? [String: [String: Any]]) ?? [:] {
                guard let year = Int(y), let row = mine.first(where: { $0.year == year }) else {
                    Issue.record("\(name) \(code): no row for \(y)"); continue
                }
                #expect(row.count == v["count"] as? Int, "\(name) \(code) \(y): count \(row.count)")
                #expect(row.estimate == (v["kind"] as? String == "estimate"), "\(name) \(code) \(y): kind")
                #expect(row.cutoff == v["cutoff"] as? String, "\(name) \(code) \(y): cutoff \(row.cutoff ?? "none")")
                if let crit = v["criteria"] as? [Int] {
                    #expect(row.criteria?.map { $0 ? 1 : 0 } == crit, "\(name) \(code) \(y): criteria")
                } else { #expect(row.criteria == nil, "\(name) \(code) \(y): criteria where the file gives a count") }
            }
        }
        if let stray = exp["stray"] as? [String: Any], let code = stray["code"] as? String {
            #expect(!rows.contains { $0.code == code }, "\(name): the hidden row's commune \(code) was imported")
        }
        for s in (exp["ignored_sheets"] as? [[String: Any]]) ?? [] {
            #expect(result.skippedSheets.contains { $0.sheet == s["name"] as? String }, "\(name): sheet \(s["name"] ?? "") not left out")
        }
        // The dataset written from it passes `annex validate`'s checks.
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("annex-import-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try DatasetWriter.write(DatasetWriter.files(result, sources: [path]), to: dir)
        let ds = try Dataset.load(folder: dir)
        #expect(ds.units.count == totals["communes"] as? Int)
    }
}

/// `import.yaml` written by one import and edited (the GSO district codes given, a column ignored) is read back by
/// `--map`: its layout and codes replace detection.
@Suite struct ImportPlanTests {
    @Test func anEditedPlanIsFollowed() throws {
        let book = xlsxFixtures + "/per-year-sheets.xlsx"
        let first = try Importer().read([book])
        #expect(first.madeUpDistrictCodes)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("annex-plan-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try DatasetWriter.write(DatasetWriter.files(first, sources: [book]), to: dir)
        var plan = try String(contentsOfFile: dir + "/import.yaml", encoding: .utf8)
        #expect(plan.hasPrefix("# What annex import understood."))
        for (name, code) in [("Tràng Định", "180"), ("Bình Gia", "181"), ("Văn Lãng", "182")] {
            let made = try #require(first.districtCodes[name])
            plan = plan.replacingOccurrences(of: "\"\(name)\": \"\(made)\"", with: "\"\(name)\": \"\(code)\"")
        }
        plan = plan.replacingOccurrences(of: "      AA: note\n", with: "      AA: ignore\n")
        try plan.write(toFile: dir + "/import.yaml", atomically: true, encoding: .utf8)
        let edited = try ImportPlan.load(path: dir + "/import.yaml")
        let second = try Importer(options: .init(plan: edited)).read([book])
        #expect(!second.madeUpDistrictCodes)
        #expect(second.districtCodes["Tràng Định"] == "180" && second.districtCodes["Văn Lãng"] == "182")
        #expect(second.sheets.allSatisfy { $0.layout.yearSource == "import.yaml" && $0.layout.column(of: .note) == nil })
        // The folder an import made is replaced whole by the next import; another folder is never written into.
        try DatasetWriter.write(DatasetWriter.files(second, sources: [book]), to: dir)
        let ds = try Dataset.load(folder: dir)
        #expect(Set(ds.districts.keys) == ["180", "181", "182"])
        let other = dir + "-other"
        try FileManager.default.createDirectory(atPath: other, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: other) }
        _ = FileManager.default.createFile(atPath: other + "/notes.txt", contents: Data("mine".utf8))
        #expect(throws: ImportError.self) { try DatasetWriter.write(DatasetWriter.files(second, sources: [book]), to: other) }
        #expect(FileManager.default.contents(atPath: other + "/notes.txt") == Data("mine".utf8))
    }

    @Test func aMisspeltFieldInThePlanIsLocated() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("annex-plan-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "sheets:\n  - file: book.xlsx\n    sheet: Năm 2019\n    header_rows: [5, 6]\n    columns:\n      B: unit_cod\n".write(toFile: dir + "/import.yaml", atomically: true, encoding: .utf8)
        do { _ = try ImportPlan.load(path: dir + "/import.yaml"); Issue.record("loaded") } catch {
            #expect(error.description.contains("import.yaml:6: key 'sheets[0].columns.B'") && error.description.contains("did you mean 'unit_code'?"), "\(error)")
        }
    }
}

/// A stray cell at the sheet's last row and column, and a merge over a million rows: the import reads the rows
/// that hold cells, not a million empty ones.
@Suite struct StrayCellTests {
    @Test func aStrayCellFarAwayIsABlankRun() throws {
        var s = SheetSpec(name: "Năm 2019")
        let headers = ["Mã xã", "Tên xã", "Huyện"] + (1...19).map { "TC\($0)" }
        for (i, h) in headers.enumerated() { s.set(1, i + 1, .text(h)) }
        for (r, code) in [(2, "05986"), (3, "05989")] {
            s.set(r, 1, .text(code)); s.set(r, 2, .text("Xã \(code)")); s.set(r, 3, .text("Huyện Lạng Sơn"))
            for c in 4...22 { s.set(r, c, .number(1)) }
        }
        s.set(1_048_576, 16_384, .text("x"))
        s.merges.append(CellRange(first: CellRef(row: 5, column: 1), last: CellRef(row: 1_048_576, column: 3)))
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("annex-stray-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try XLSXWriter.data([s]).write(to: URL(fileURLWithPath: dir + "/b.xlsx"))
        let r = try Importer().read([dir + "/b.xlsx"])
        #expect(r.sheets.first?.rows.count == 2)
        #expect(r.sheets.first?.leftOut.contains { $0.reason == "blank (rows 4–1048575)" } == true, "\(r.sheets.first?.leftOut ?? [])")
    }
}
