import AnnexData
import AnnexIO
import AnnexSheets
import Foundation

/// Turns statisticians' workbooks (and CSV exported from Excel) into an Annex dataset: each visible sheet's layout
/// found (or taken from `import.yaml`), its communes read, and the whole written as a dataset folder that
/// `annex validate` accepts, with `import.yaml` saying what was understood.
public struct Importer {
    /// What an import is told besides the files.
    public struct Options: Sendable {
        /// The province's name, when the title rows do not give it.
        public var province: String?
        /// Layouts and district codes from an edited `import.yaml`, instead of (or beside) detection.
        public var plan: ImportPlan?
        /// Options with a province name and an edited plan, both optional.
        public init(province: String? = nil, plan: ImportPlan? = nil) { self.province = province; self.plan = plan }
    }

    /// What an import read: every sheet's result, the sheets left out, and the region.
    public struct Result: Sendable {
        /// Each imported sheet's layout, rows, rows left out and problems, in the order read.
        public var sheets: [SheetResult] = []
        /// The sheets left out, hidden, empty or without a recognisable header, with the reason.
        public var skippedSheets: [(file: String, sheet: String, reason: String)] = []
        /// The province's name (from the options, the plan or the title rows; empty when none said it).
        public var region: String
        /// District codes by short district name, from the sheets' "Mã huyện" columns or the plan, or numbered when
        /// neither gave them.
        public var districtCodes: [String: String] = [:]
        /// True when some district codes were numbered 001, 002, … for want of real ones, which `import.yaml` should
        /// then give.
        public var madeUpDistrictCodes = false
        /// Things a person should check that do not stop the import, such as a commune with rows for some years and not
        /// others.
        public var warnings: [String] = []
    }

    /// What this importer was told.
    public let options: Options
    /// An importer with these options (by default: no province name, no plan).
    public init(options: Options = Options()) { self.options = options }

    /// Reads the files: `.xlsx`/`.xlsm` workbooks and `.csv` files. Every problem of every sheet in one error.
    public func read(_ paths: [String]) throws(ImportError) -> Result {
        var result = Result(region: options.province ?? options.plan?.region ?? "")
        var problems: [(location: String, expected: String, found: String)] = []
        for path in paths {
            let book: Workbook
            do { book = try Importer.open(path) } catch { problems += error.problems; continue }
            for sheet in book.sheets {
                if sheet.hidden { result.skippedSheets.append((path, sheet.name, "hidden sheet")); continue }
                if sheet.rows.isEmpty { result.skippedSheets.append((path, sheet.name, "empty sheet")); continue }
                let layout: SheetLayout
                if let planned = options.plan?.layout(file: path, sheet: sheet.name) { layout = planned } else {
                    do { layout = try SheetLayout.detect(sheet, file: path) } catch {
                        if book.sheets.filter({ !$0.hidden }).count > 1, options.plan == nil {
                            result.skippedSheets.append((path, sheet.name, "no header of communes found")); continue
                        }
                        problems += error.problems; continue
                    }
                }
                let r = layout.read(sheet, book: book)
                problems += r.problems
                if result.region.isEmpty, let region = layout.region { result.region = region }
                result.sheets.append(r)
            }
        }
        if result.sheets.isEmpty, problems.isEmpty {
            problems.append((paths.joined(separator: ", "), "a sheet with a header of communes", "none in any sheet"))
        }
        if problems.isEmpty, !result.sheets.isEmpty, result.sheets.allSatisfy({ $0.rows.isEmpty }) {
            let empty = result.sheets.flatMap(\.leftOut).filter { $0.reason.hasPrefix("no figures") }.count
            problems.append((paths.joined(separator: ", "), "communes with figures (criteria met or their count)",
                             empty > 0 ? "\(empty) communes listed without figures (a template not yet filled in?)" : "no commune rows"))
        }
        problems += duplicates(result.sheets)
        if !problems.isEmpty { throw ImportError(problems: problems).compacted() }
        assignDistrictCodes(&result)
        result.warnings += missingYears(result.sheets)
        return result
    }

    /// A workbook, or a CSV file read as a one-sheet workbook.
    public static func open(_ path: String) throws(ImportError) -> Workbook {
        let lower = path.lowercased()
        if lower.hasSuffix(".csv") || lower.hasSuffix(".txt") { return try CSVSheet.read(path) }
        do { return try XLSXReader.read(path: path) } catch { throw ImportError(error.location, expected: error.expected, found: error.found) }
    }

    /// One row per commune and year: a second is an error naming both rows.
    func duplicates(_ sheets: [SheetResult]) -> [(location: String, expected: String, found: String)] {
        var seen: [String: String] = [:], out: [(location: String, expected: String, found: String)] = []
        for s in sheets {
            for r in s.rows {
                let key = "\(Importer.unitKey(r))|\(r.year)"
                if let first = seen[key] {
                    out.append((r.location, "one row per commune and year", "a second row for \(r.code ?? r.name) in \(r.year) (the first: \(first))"))
                } else { seen[key] = r.location }
            }
        }
        return out
    }

    /// A commune's identity across sheets: its code, or its district and name when the workbook has no codes.
    static func unitKey(_ r: ImportedRow) -> String {
        r.code ?? (Headers.fold(shortDistrictName(r.district ?? r.districtCode ?? "")) + "/" + Headers.fold(r.name))
    }

    /// District codes from a "Mã huyện" column or `import.yaml`; otherwise made up (001, 002, … in order of
    /// appearance), which the report says.
    func assignDistrictCodes(_ result: inout Result) {
        var codes = options.plan?.districts ?? [:]
        var order: [String] = [], seen: Set<String> = []
        for s in result.sheets {
            for r in s.rows {
                let name = Importer.shortDistrictName(r.district ?? r.districtCode ?? "")
                if seen.insert(name).inserted { order.append(name) }
                if let c = r.districtCode, codes[name] == nil {
                    let digits = c.filter(\.isNumber)
                    codes[name] = String(repeating: "0", count: max(0, 3 - digits.count)) + digits
                }
            }
        }
        var next = 1
        for name in order where codes[name] == nil {
            while codes.values.contains(String(format: "%03d", next)) { next += 1 }
            codes[name] = String(format: "%03d", next)
            result.madeUpDistrictCodes = true
        }
        result.districtCodes = codes
    }

    /// "Huyện Tràng Định" → "Tràng Định".
    public static func shortDistrictName(_ s: String) -> String {
        guard let f = s.unicodeScalars.first, "HhTtQ".unicodeScalars.contains(f) || f == " " else { return s }
        let t = s.trimmingCharacters(in: .whitespaces)
        for prefix in ["Huyện ", "huyện ", "HUYỆN ", "Thành phố ", "thành phố ", "THÀNH PHỐ ", "Thị xã ", "thị xã ", "THỊ XÃ ", "Quận ", "TP. ", "TP ", "Tp. "]
        where t.hasPrefix(prefix) { return String(t.dropFirst(prefix.count)) }
        return t
    }

    /// Communes present in some years and not in others: said, since a mean over fewer communes is not comparable.
    func missingYears(_ sheets: [SheetResult]) -> [String] {
        var years: [String: Set<Int>] = [:], names: [String: String] = [:], all: Set<Int> = []
        for s in sheets {
            for r in s.rows { years[Importer.unitKey(r), default: []].insert(r.year); names[Importer.unitKey(r)] = r.code.map { "\($0) \(r.name)" } ?? r.name; all.insert(r.year) }
        }
        return years.keys.sorted().compactMap { k in
            let missing = all.subtracting(years[k]!).sorted()
            return missing.isEmpty ? nil : "\(names[k]!) has no row for " + missing.map(String.init).joined(separator: ", ")
        }
    }
}

/// A CSV file exported from Excel read as a one-sheet workbook: BOM, `;` or `,`, CRLF; every cell text.
enum CSVSheet {
    static func read(_ path: String) throws(ImportError) -> Workbook {
        let data: Data
        switch InputFile.read(path, limit: XLSXReader.maxUncompressed) {
        case .success(let d): data = d
        case .failure(let p): throw ImportError(path, expected: "a readable CSV file", found: p.found)
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ImportError(path, expected: "UTF-8 text (in Excel: Save As \"CSV UTF-8\")", found: "bytes that are not UTF-8")
        }
        var bytes = Array(text.utf8)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        let head = bytes.prefix(20_000)
        let delimiter: Character = head.filter { $0 == 0x3B }.count > head.filter { $0 == 0x2C }.count ? ";" : ","
        let (records, issues) = CSVTable.records(bytes, file: path, delimiter: delimiter)
        if !issues.isEmpty { throw ImportError(problems: issues.map { ($0.location.description, $0.expected, $0.found ?? "") }) }
        var sheet = Sheet(name: (path as NSString).lastPathComponent)
        // Records on consecutive rows, as a spreadsheet shows them (a header cell with a line break in it takes two
        // lines of the file but one row: a heading over 1…19 stays just above its sub-header).
        for (n, rec) in records.enumerated() {
            for (i, f) in rec.fields.enumerated() where !f.isEmpty {
                sheet.put(Cell(ref: CellRef(row: n + 1, column: i + 1), value: .text(f)))
            }
        }
        var book = Workbook(file: path, sheets: [sheet])
        book.isText = true
        return book
    }
}
