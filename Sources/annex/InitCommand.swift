// `annex init`: a blank workbook in the layout `annex import` reads best.

import AnnexData
import AnnexImport
import AnnexIO
import AnnexSheets
import ArgumentParser
import Foundation

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
            Stderr.print("annex init: \(output) exists; choose another name (nothing was overwritten)"); throw ExitCode(.cannotWrite)
        }
        var ds: Dataset? = nil
        if let dataset { ds = try loadDataset(DatasetOptions.parse([dataset])) }
        let province = self.province.isEmpty ? (ds?.manifest.regionName ?? "") : self.province
        let data: Data
        do { data = try XLSXWriter.data(Template.sheets(province: province, years: try parsedYears(), dataset: ds)) } catch {
            Stderr.print("annex init: cannot make the workbook: \(error)"); throw ExitCode(.internalError)
        }
        do { try AtomicFile.write(data, to: output) } catch {
            Stderr.print("annex: \(error.description)"); throw ExitCode(.cannotWrite)
        }
        print("wrote \(output): fill it in, then run annex import \(output) -o DATASET")
    }
}
