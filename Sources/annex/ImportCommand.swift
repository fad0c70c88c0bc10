// `annex import`: workbooks or CSV files into a dataset folder.

import AnnexImport
import AnnexSheets
import ArgumentParser

/// `annex import`: statisticians' workbooks (or CSV exported from Excel) into a dataset folder.
struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Turn Excel workbooks (.xlsx) or CSV exported from Excel into a dataset folder that annex validate accepts.",
        discussion: """
            Finds each sheet's header below title rows (Mã xã, Tên xã, Huyện, TC1…TC19 or 1…19 under "Tiêu chí", \
            Tổng số tiêu chí đạt, Xã biên giới, Xã ĐBKK, …), the year (sheet name "Năm 2019", a "Năm" column, the title, \
            or counts by year side by side) and estimates ("Ước thực hiện …, số liệu thực hiện đến 30/6/2020"); leaves out \
            district headings, averages, totals, blank and hidden rows, and says so. Writes what it understood as \
            import.yaml in the dataset; edit it and run again with --map. See docs/from-excel.md.
            """)

    @Argument(help: ArgumentHelp("Workbooks (.xlsx) or CSV files.", valueName: "file"))
    var files: [String]

    @Option(name: [.short, .long], help: ArgumentHelp("The dataset folder to write: new, empty, or made by an earlier import (replaced whole).", valueName: "dir"))
    var output: String

    @Option(name: .long, help: ArgumentHelp("An edited import.yaml: its layouts and district codes replace detection.", valueName: "file"))
    var map: String?

    @Option(name: .long, help: "The province's name, when the workbook's title does not give it.")
    var province: String?

    @Flag(name: [.short, .long], help: "Print only errors.")
    var quiet = false

    func validate() throws {
        if files.isEmpty { throw ValidationError("give at least one workbook or CSV file") }
    }

    func run() throws {
        var plan: ImportPlan? = nil
        do {
            if let map { plan = try ImportPlan.load(path: map) }
            let result = try Importer(options: .init(province: province, plan: plan)).read(files)
            try DatasetWriter.write(DatasetWriter.files(result, sources: files), to: output)
            if !quiet { printSummary(result) }
        } catch {
            Stderr.print(error.description)
            throw ExitCode(.dataError)
        }
    }

    func printSummary(_ r: Importer.Result) {
        for s in r.sheets {
            let l = s.layout
            let header = l.headerRows.count == 1 ? "row \(l.headerRows.lowerBound)" : "rows \(l.headerRows.lowerBound)–\(l.headerRows.upperBound)"
            var line = "\(l.file) [\(l.sheet)]: header \(header); "
            line += l.year.map { "year \($0) (from \(l.yearSource))" } ?? "years from \(l.yearSource)"
            if l.estimate { line += ", estimates" + (l.cutoff.map { " to \($0)" } ?? "") }
            print(line)
            let cols = l.columns.sorted { $0.key < $1.key }.map { "\(CellRef.letters($0.key))=\($0.value.name)" }
            print("  columns: " + cols.joined(separator: " "))
            var reasons: [String: Int] = [:]
            for o in s.leftOut { reasons[o.reason.hasPrefix("district heading") ? "district headings" : o.reason.hasPrefix("average") ? "averages and totals" : o.reason, default: 0] += 1 }
            let left = reasons.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
            print("  \(s.rows.count) rows kept" + (left.isEmpty ? "" : "; left out: " + left))
        }
        for s in r.skippedSheets { print("\(s.file) [\(s.sheet)]: left out (\(s.reason))") }
        if r.madeUpDistrictCodes { print("note: district codes were made up (no \"Mã huyện\" column); give the GSO codes in \(output)/import.yaml and import again with --map") }
        for w in r.warnings { print("warning: \(w)") }
        print("wrote \(output) (dataset) and \(output)/import.yaml")
    }
}
