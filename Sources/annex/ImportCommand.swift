import AnnexData
import AnnexIO
import AnnexReport
import AnnexTools
import AnnexImport
import AnnexSheets
import ArgumentParser
import Foundation

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
            throw ExitCode(65)
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

/// `annex init`: the blank workbook that `annex import` reads with no mapping.
struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Write a blank Excel workbook in the layout annex import reads best (one sheet per year, lists of allowed values, instructions in Vietnamese).")

    @Option(name: [.short, .long], help: ArgumentHelp("The workbook to write (.xlsx); an existing file is not overwritten.", valueName: "file"))
    var output: String

    @Option(name: .long, help: "The province's name, for the titles.")
    var province: String = ""

    @Option(name: .long, help: ArgumentHelp("The years, one sheet each: 2019,2020 or 2021-2025.", valueName: "years"))
    var years: String = "2018-2020"

    @Option(name: .long, help: ArgumentHelp("A dataset whose districts and communes fill the lists and the rows.", valueName: "dir"))
    var dataset: String?

    func parsedYears() throws -> [Int] {
        var out: [Int] = []
        for part in years.split(separator: ",") {
            let ends = part.split(separator: "-").map { Int($0.trimmingCharacters(in: .whitespaces)) }
            guard let a = ends.first ?? nil, let b = ends.last ?? nil, ends.count <= 2, (1990...2100).contains(a), (a...2100).contains(b), b - a < 30 else {
                throw ValidationError("--years: expected years such as 2019,2020 or 2021-2025, found '\(years)'")
            }
            out += Array(a...b)
        }
        guard !out.isEmpty, Set(out).count == out.count else { throw ValidationError("--years: expected each year once, found '\(years)'") }
        return out
    }

    func validate() throws {
        _ = try parsedYears()
        guard output.lowercased().hasSuffix(".xlsx") else { throw ValidationError("-o \(output): expected a file name ending in .xlsx") }
    }

    func run() throws {
        if FileManager.default.fileExists(atPath: output) {
            Stderr.print("annex init: \(output) exists; choose another name (nothing was overwritten)"); throw ExitCode(73)
        }
        var ds: Dataset? = nil
        if let dataset { ds = try loadDataset(DatasetOptions.parse([dataset])) }
        let province = self.province.isEmpty ? (ds?.manifest.regionName ?? "") : self.province
        let data: Data
        do { data = try XLSXWriter.data(Template.sheets(province: province, years: try parsedYears(), dataset: ds)) } catch {
            Stderr.print("annex init: cannot make the workbook: \(error)"); throw ExitCode(70)
        }
        do { try AtomicFile.write(data, to: output) } catch {
            Stderr.print("annex: \(error.description)"); throw ExitCode(73)
        }
        print("wrote \(output): fill it in, then run annex import \(output) -o DATASET")
    }
}

extension Bench {
    /// `annex import` of a national-size workbook (a sheet per year, 19 criteria per commune, made from a synthetic
    /// dataset through `annex init`'s layout): the whole command as a cold process (wall time, peak memory), then
    /// reading and mapping alone, in process.
    func importSuite(_ row: (Timing) -> Void) throws {
        let communes = smoke ? 400 : 8000, runs = smoke ? 1 : 5
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("annex-bench-import-\(getpid())").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try SyntheticDataset.write(to: dir + "/source", communes: communes, seed: 1)
        let ds = try Dataset.load(folder: dir + "/source")
        let book = dir + "/book.xlsx"
        let data = try XLSXWriter.data(Template.filled(province: "Synthetic", years: [2018, 2019, 2020], dataset: ds))
        try data.write(to: URL(fileURLWithPath: book))
        print("-- import: a workbook of \(communes) communes × 3 year sheets × 19 criteria (\(data.count / 1024) KB), \(runs) runs")
        let exe = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        var cold = Timing(name: "annex import, cold process", samples: [], bytes: 0)
        var peakKiB = 0
        for i in 0..<runs {
            let (status, ms, rss) = try ChildProcess.run(exe, ["import", book, "-o", dir + "/out\(i)", "-q"])
            guard status == 0 else { throw ExitCode(status) }
            cold.samples.append(ms)
            peakKiB = max(peakKiB, rss)
        }
        row(cold)
        print("   peak memory of the cold process (largest of \(runs)): \(peakKiB / 1024) MB")
        var read = Timing(name: "read the workbook and map its rows", samples: [], bytes: 0)
        for _ in 0..<runs {
            read.samples.append(try AnnexBench.milliseconds { _ = try Importer().read([book]) })
        }
        row(read)
    }
}
