import AnnexSheets
import Foundation

/// How one sheet is laid out: its header rows, what each column holds, its year and whether its figures are
/// estimates. Found by `detect`, or given in `import.yaml`.
public struct SheetLayout: Sendable, Equatable {
    /// The workbook or CSV file, as given.
    public var file: String
    /// The sheet's name (a CSV file's one sheet is named after the file).
    public var sheet: String
    /// The header's first and last row (two rows when a heading such as "Tiêu chí" is merged over 1…19).
    public var headerRows: ClosedRange<Int>
    /// Column number → field; columns not listed are ignored.
    public var columns: [Int: ColumnField]
    /// The sheet's year, when one year fills the sheet.
    public var year: Int?
    /// Where the year comes from, for the report ("the sheet's name", "the title", …).
    public var yearSource: String
    /// True when the sheet's figures are estimates ("Ước thực hiện …"), not actual results.
    public var estimate: Bool
    /// The data's cut-off date (YYYY-MM-DD) of an estimate.
    public var cutoff: String?
    /// The year the estimate note speaks of ("Ước thực hiện đến 31/12/2020" → 2020), on a sheet of several years:
    /// only that year's figures are estimates.
    public var estimateYear: Int? = nil
    /// The region named in the title rows ("tỉnh Lạng Sơn" → "Lạng Sơn"), if any.
    public var region: String?

    /// A layout with every part given, as `import.yaml` or detection makes it.
    public init(file: String, sheet: String, headerRows: ClosedRange<Int>, columns: [Int: ColumnField], year: Int?,
                yearSource: String, estimate: Bool, cutoff: String?, region: String? = nil) {
        self.file = file; self.sheet = sheet; self.headerRows = headerRows; self.columns = columns; self.year = year
        self.yearSource = yearSource; self.estimate = estimate; self.cutoff = cutoff; self.region = region
    }

    /// The column that holds `field`, or nil when the sheet has none.
    public func column(of field: ColumnField) -> Int? { columns.first { $0.value == field }?.key }
    /// True when the sheet gives criteria one by one (columns 1…19), not only their count.
    public var hasCriteria: Bool { columns.values.contains { if case .criterion = $0 { true } else { false } } }
    /// The columns of counts by year on a sheet that puts years side by side, left to right, with their years.
    public var yearsSideBySide: [(column: Int, year: Int)] {
        columns.compactMap { c, f in if case .countInYear(let y) = f { (c, y) } else { nil } }.sorted { $0.column < $1.column }
    }
}

extension SheetLayout {
    /// The header is looked for in the first rows only.
    static let headerSearchRows = 40

    /// Finds the header row (or two), maps the columns, and reads the year, estimate and cut-off from the sheet's
    /// name and the title rows above the header.
    public static func detect(_ sheet: Sheet, file: String) throws(ImportError) -> SheetLayout {
        var best: (score: Int, rows: ClosedRange<Int>, columns: [Int: ColumnField])? = nil
        let lastColumn = min(sheet.lastColumn, 300)
        for r in 1...max(1, min(sheet.lastRow, headerSearchRows)) {
            for depth in 0...1 {
                let cols = mapColumns(sheet, header: r...(r + depth), lastColumn: lastColumn)
                let fields = Set(cols.values)
                guard fields.contains(.unitName) || fields.contains(.unitCode) else { continue }
                let score = fields.count
                // On a tie a one-row header wins: a two-row match over a title and the header would swallow the
                // title row (and with it a year or an estimate note).
                if best == nil || score > best!.score || (score == best!.score && depth == 0 && best!.rows.count == 2) {
                    best = (score, r...(r + depth), cols)
                }
            }
        }
        guard let best, best.score >= 2 else {
            throw ImportError("\(file)[\(sheet.name)]", expected: "a header row naming the communes' columns (Mã xã, Tên xã, Huyện, TC1…TC19 or 1…19 under \"Tiêu chí\", Tổng số tiêu chí đạt, …) in the first \(headerSearchRows) rows",
                              found: "none recognised: give the columns in import.yaml (annex import --map)")
        }
        // The title rows' own cells (a merged title is read once, not once per column it spans).
        let titles = (1..<best.rows.lowerBound).flatMap { r in
            (1...max(1, lastColumn)).compactMap { sheet.cell(r, $0)?.value.text.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
        var year: Int? = nil, source = ""
        if let y = Headers.yearIn(sheet.name) { year = y; source = "the sheet's name" }
        else if best.columns.values.contains(.year) { source = "the column \"Năm\"" }
        else if !best.columns.values.contains(where: { if case .countInYear = $0 { true } else { false } }),
                let y = titles.lazy.compactMap(titleYear).first {
            year = y; source = "the title rows"
        } else if best.columns.values.contains(where: { if case .countInYear = $0 { true } else { false } }) { source = "the columns' headings" }
        // The estimate note is the title cell that says "ước" (a report's date elsewhere in the title is not its date).
        let note = titles.first { estimateAndCutoff($0).0 } ?? ""
        var (estimate, cutoff) = estimateAndCutoff(sheet.name + " " + note)
        let noteYear = datesIn(note).last.flatMap { Int($0.prefix(4)) }
        if let y = year, let n = noteYear, n != y { estimate = false; cutoff = nil }
        var layout = SheetLayout(file: file, sheet: sheet.name, headerRows: best.rows, columns: best.columns, year: year, yearSource: source,
                                 estimate: estimate, cutoff: cutoff, region: titles.lazy.compactMap(region(in:)).first)
        if year == nil, estimate { layout.estimateYear = noteYear }
        return layout
    }

    /// Each column's field under a header of one or two rows (a heading merged over the second row's cells).
    static func mapColumns(_ sheet: Sheet, header: ClosedRange<Int>, lastColumn: Int) -> [Int: ColumnField] {
        var out: [Int: ColumnField] = [:], taken: Set<ColumnField> = []
        guard lastColumn >= 1 else { return [:] }
        var heading = ""
        for c in 1...lastColumn where !sheet.hiddenColumns.contains(c) {
            var top = sheet.text(header.lowerBound, c)
            let field: ColumnField?
            if header.count == 2 {
                let sub = sheet.text(header.upperBound, c)
                // A heading written once over several columns without merging them (a CSV has no merges): it
                // stands over the empty cells to its right that have a second-row header.
                if top.isEmpty, !sub.isEmpty { top = heading } else { heading = top }
                field = sub == top ? Headers.field(sub) : Headers.field(sub, under: top)
            } else {
                field = Headers.field(top)
            }
            guard let field, !taken.contains(field) else { continue }
            taken.insert(field)
            out[c] = field
        }
        return out
    }

    /// The year a title names: the number after "năm" ("NĂM 2020", "kết quả năm 2020"), never a date line's year
    /// ("Lạng Sơn, ngày 15 tháng 01 năm 2021").
    static func titleYear(_ text: String) -> Int? {
        let words = Headers.fold(text).split(separator: " ")
        if words.contains("ngay") && words.contains("thang") { return nil }
        for (i, w) in words.enumerated() where (w == "nam" || w == "year") && i + 1 < words.count {
            if let y = Int(words[i + 1]), (1990...2100).contains(y) { return y }
        }
        return nil
    }

    /// "Ước thực hiện", "ước", "estimate" make the sheet's figures estimates; the cut-off is the date after "số liệu
    /// thực hiện đến" (data to), else the only date given with an estimate.
    static func estimateAndCutoff(_ text: String) -> (Bool, String?) {
        let f = Headers.fold(text)
        let words = Set(f.split(separator: " "))
        let estimate = words.contains("uoc") || f.contains("estimate")
        guard estimate else { return (false, nil) }
        let dates = datesIn(text)
        if let r = f.range(of: "so lieu thuc hien den") ?? f.range(of: "so lieu den") ?? f.range(of: "data to") {
            let after = String(f[r.upperBound...])
            if let d = datesIn(after).first { return (true, d) }
        }
        return (true, dates.count == 1 ? nil : dates.last)
    }

    /// Dates written d/m/yyyy (or with '-' or '.') as YYYY-MM-DD, in order.
    static func datesIn(_ text: String) -> [String] {
        var out: [String] = []
        let chars = Array(text)
        var i = 0
        while i < chars.count {
            guard chars[i].isNumber else { i += 1; continue }
            var j = i, parts: [Int] = [], current = ""
            while j < chars.count, chars[j].isNumber || "/-.".contains(chars[j]) {
                if chars[j].isNumber { current.append(chars[j]) } else { if let n = Int(current) { parts.append(n) }; current = "" }
                j += 1
            }
            if let n = Int(current) { parts.append(n) }
            if parts.count == 3, (1...31).contains(parts[0]), (1...12).contains(parts[1]), (1900...2100).contains(parts[2]) {
                out.append(String(format: "%04d-%02d-%02d", parts[2], parts[1], parts[0]))
            }
            i = j
        }
        return out
    }

    /// "… tỉnh Lạng Sơn …" or "… TỈNH CAO BẰNG" in the title rows: the province's name.
    static func region(in text: String) -> String? {
        let words = text.split(whereSeparator: { $0 == " " || $0 == "\n" })
        guard let i = words.firstIndex(where: { Headers.fold(String($0)) == "tinh" }), i + 1 < words.count else { return nil }
        var name: [String] = []
        for w in words[(i + 1)...] {
            if let f = w.first, "([{\"'–—-".contains(f) { break }
            let clean = w.trimmingCharacters(in: CharacterSet(charactersIn: ",.;:()\""))
            guard let first = clean.first, first.isUppercase, !clean.isEmpty else { break }
            name.append(clean)
            if w.last.map({ ",.;:)".contains($0) }) == true || name.count == 3 { break }
        }
        guard !name.isEmpty else { return nil }
        // Names written in capitals become title case ("LẠNG SƠN" → "Lạng Sơn").
        return name.map { $0 == $0.uppercased() ? $0.prefix(1) + $0.dropFirst().lowercased() : $0 }.joined(separator: " ")
    }
}

/// A problem found while importing: where (`book.xlsx[Năm 2019]!C12`), what was expected, what was found.
public struct ImportError: Error, Sendable, CustomStringConvertible {
    /// Every problem, each with its place (`book.xlsx[Năm 2019]!C12`), what was expected and what was found.
    public var problems: [(location: String, expected: String, found: String)]

    /// One problem at `location`.
    public init(_ location: String, expected: String, found: String) { problems = [(location, expected, found)] }
    /// Several problems, in the order given.
    public init(problems: [(location: String, expected: String, found: String)]) { self.problems = problems }

    /// At most `perKind` problems of one kind (the same expectation in the same sheet), then a line counting the rest:
    /// a misread column gives three located examples, not three hundred copies.
    public func compacted(perKind: Int = 3) -> ImportError {
        var seen: [String: Int] = [:], out: [(location: String, expected: String, found: String)] = []
        var order: [String] = []
        for p in problems {
            let sheet = p.location.split(separator: "!").first.map(String.init) ?? p.location
            let key = sheet + "\u{1F}" + p.expected
            if seen[key] == nil { order.append(key) }
            seen[key, default: 0] += 1
            if seen[key]! <= perKind { out.append(p) }
        }
        for key in order where seen[key]! > perKind {
            let parts = key.components(separatedBy: "\u{1F}")
            out.append((parts[0], parts[1], "the same in \(seen[key]! - perKind) more cells"))
        }
        return ImportError(problems: out)
    }

    public var description: String {
        problems.map { "\($0.location): expected \($0.expected), found \($0.found)" }.joined(separator: "\n")
    }
}
