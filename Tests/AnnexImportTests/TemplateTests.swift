import AnnexData
import Foundation
import Testing
@testable import AnnexImport
@testable import AnnexSheets

/// `annex init`'s workbook, filled in as a statistician would, imports with no mapping to the data it was filled
/// with; the same sheets give the same bytes.
@Suite struct TemplateTests {
    @Test func aFilledTemplateImportsToItsData() throws {
        let ds = try Dataset.load(folder: repoRoot + "/Datasets/langson")
        let sheets = Template.filled(province: "Lạng Sơn", years: [2019, 2020], dataset: ds)
        // 2020 is an estimate in the dataset: the filled template says so in its note.
        #expect(sheets.first { $0.name == "Năm 2020" }.map { if case .text(let t)? = $0.cells[2]?[1] { t } else { "" } } == "(Ước thực hiện đến 31/12/2020, số liệu thực hiện đến 30/6/2020)")
        let data = try XLSXWriter.data(sheets)
        #expect(try XLSXWriter.data(sheets) == data, "the same sheets, the same bytes")
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("annex-template-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try data.write(to: URL(fileURLWithPath: dir + "/book.xlsx"))
        let result = try Importer().read([dir + "/book.xlsx"])
        #expect(result.skippedSheets.map(\.sheet).sorted() == ["Danh mục huyện", "Hướng dẫn"])
        #expect(!result.madeUpDistrictCodes)
        let rows = result.sheets.flatMap(\.rows)
        let expected = ds.criteria.filter { [2019, 2020].contains($0.year) && ds.units[$0.unitCode]?.type == "Xã" && $0.hasDetail }
        #expect(rows.count == expected.count)
        for rec in expected {
            guard let row = rows.first(where: { $0.code == rec.unitCode && $0.year == rec.year }) else { Issue.record("\(rec.unitCode) \(rec.year) missing"); continue }
            #expect(row.criteria == rec.met.map { $0 == true }, "\(rec.unitCode) \(rec.year)")
            #expect(row.estimate == (rec.year == 2020), "\(rec.unitCode) \(rec.year)")
            #expect(row.cutoff == (rec.year == 2020 ? "2020-06-30" : nil), "\(rec.unitCode) \(rec.year)")
            #expect(row.border == ds.units[rec.unitCode]!.groups.contains("border"))
        }
        try DatasetWriter.write(DatasetWriter.files(result, sources: [dir + "/book.xlsx"]), to: dir + "/data")
        let imported = try Dataset.load(folder: dir + "/data")
        #expect(imported.manifest.regionName == "Lạng Sơn")
        #expect(Set(imported.districts.keys) == Set(ds.districts.keys))
    }
}
