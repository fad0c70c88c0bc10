// Owns the `xlsx` target: a workbook (book.xlsx) or an Excel CSV export (book.csv) imported as `annex import`
// does (Importer.read), turned into a dataset's files (DatasetWriter.files) and written to a scratch folder
// beside the case, which checks it as `annex validate` does (DatasetWriter.write); the folder is removed after.

import AnnexData
import AnnexImport
import AnnexSheets
import Foundation

/// Fuzzes `XLSXReader`, the importer's layout detection and row reading, and the dataset it writes.
struct XLSXTarget: FuzzTarget {
    let name = "xlsx"
    let mainFile = "book.xlsx"
    /// A case made from the CSV seed holds this file instead.
    static let csvFile = "book.csv"
    let timeout = 10.0

    /// The workbooks of Tests/Fixtures/xlsx that import (their `.expected.json` says "outcome": "import").
    static let fixtures = ["per-year-sheets.xlsx", "long-sheet.xlsx", "years-side-by-side.xlsx", "marks-and-flags.xlsx",
                           "cached-formulas.xlsx", "exported.csv"]

    func seeds(root: String) throws -> [Seed] {
        let folder = (root as NSString).appendingPathComponent("Tests/Fixtures/xlsx")
        var seeds: [Seed] = []
        for file in Self.fixtures {
            guard let data = FileManager.default.contents(atPath: (folder as NSString).appendingPathComponent(file)) else { continue }
            let caseFile = file.hasSuffix(".csv") ? Self.csvFile : mainFile
            seeds.append(Seed(name: "Tests/Fixtures/xlsx/" + file, files: [caseFile: data], isGood: true))
        }
        // annex init's template filled from the mini dataset (one sheet per year, formulas without saved values).
        let mini = (root as NSString).appendingPathComponent("Tests/Fixtures/mini")
        do {
            let ds = try Dataset.load(folder: mini)
            let data = try XLSXWriter.data(Template.filled(province: ds.manifest.regionName, years: ds.manifest.years, dataset: ds))
            seeds.append(Seed(name: "Template.filled(Tests/Fixtures/mini)", files: [mainFile: data], isGood: true))
        } catch {
            throw FuzzError.noSeeds("Tests/Fixtures/mini as a filled template: \(error)")
        }
        guard seeds.count > Self.fixtures.count / 2 else { throw FuzzError.noSeeds("Tests/Fixtures/xlsx/*.xlsx") }
        return seeds
    }

    /// The workbook or CSV file of a case: book.xlsx, else book.csv, else any .xlsx, .xlsm or .csv in the folder.
    static func input(in folder: String) -> String? {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted()
        let pick = names.first { $0 == "book.xlsx" } ?? names.first { $0 == csvFile }
            ?? names.first { ["xlsx", "xlsm", "csv"].contains(($0 as NSString).pathExtension.lowercased()) }
        return pick.map { (folder as NSString).appendingPathComponent($0) }
    }

    /// parsed: the import read the file (every sheet's layout found, its rows read and checked); analysed: the
    /// dataset's files made; drawn: the dataset written and loaded back by `Dataset.load`.
    func execute(folder: String, progress: (Stage) -> Void) -> Outcome {
        guard let path = Self.input(in: folder) else { return Outcome(stage: .rejected, error: "\(folder): no .xlsx or .csv file in the case") }
        let result: Importer.Result
        do { result = try Importer().read([path]) } catch { return Outcome(stage: .rejected, error: error.description) }
        progress(.parsed)
        let files = DatasetWriter.files(result, sources: [path])
        progress(.analysed)
        let trimmed = folder.hasSuffix("/") ? String(folder.dropLast()) : folder
        let output = trimmed + ".dataset"
        try? FileManager.default.removeItem(atPath: output)
        defer { try? FileManager.default.removeItem(atPath: output) }
        do { try DatasetWriter.write(files, to: output) } catch { return Outcome(stage: .analysed, error: error.description) }
        progress(.drawn)
        return Outcome(stage: .drawn)
    }
}
