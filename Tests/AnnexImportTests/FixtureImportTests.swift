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
