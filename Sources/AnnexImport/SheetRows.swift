import AnnexSheets
import Foundation

/// One commune's figures for one year, as read from a row.
public struct ImportedRow: Sendable {
    /// The commune's code, when the sheet has a code column.
    public var code: String?
    /// The commune's name as written.
    public var name: String
    /// The district's name, from a column or the district heading above the row.
    public var district: String?
    /// The district's code, when the sheet has a code column.
    public var districtCode: String?
    /// The year of the figures.
    public var year: Int
    /// True when the figures are estimates.
    public var estimate: Bool
    /// The cut-off date of an estimate (YYYY-MM-DD), when the note gives one.
    public var cutoff: String?
    /// The 19 criteria, met or not; nil when the sheet gives only the count.
    public var criteria: [Bool]?
    /// The number of criteria met: counted from the criteria when the sheet gives them, else its count column.
    public var count: Int
    /// True for a border commune (marked x, 1 or ✓ in its column).
    public var border: Bool
    /// True for an especially difficult commune.
    public var difficult: Bool
    /// `book.xlsx[Năm 2019]!5`: the row, for messages.
    public var location: String
}

/// A row left out of the import, and why.
public struct LeftOutRow: Sendable, Equatable {
    /// The row's number in the sheet (the first of a run of blank rows).
    public var row: Int
    /// Why it was left out: "blank", "hidden row", "average or total (…)", a district heading, ….
    public var reason: String
}

/// What a sheet gave: its communes' rows, the rows left out, and the problems found.
public struct SheetResult: Sendable {
    /// The layout the sheet was read with.
    public var layout: SheetLayout
    /// The communes' rows, in sheet order.
    public var rows: [ImportedRow] = []
    /// The rows left out, with their reasons.
    public var leftOut: [LeftOutRow] = []
    /// The cells that could not be read, each located.
    public var problems: [(location: String, expected: String, found: String)] = []
}

extension SheetLayout {
    /// Reads every row below the header: communes are kept; district headings, averages and totals, blank and
    /// hidden rows are left out, each with its reason; a cell that cannot be read is a problem at that cell.
    public func read(_ sheet: Sheet, book: Workbook) -> SheetResult {
        var out = SheetResult(layout: self)
        let criterionColumns = (1...19).map { column(of: .criterion($0)) }
        var district: String? = nil
        let nameCol = column(of: .unitName), codeCol = column(of: .unitCode), serialCol = column(of: .serial)
        let valueCols = columns.filter { if case .criterion = $0.value { true } else if case .count = $0.value { true } else if case .countInYear = $0.value { true } else { false } }.map(\.key)
        guard headerRows.upperBound < sheet.lastRow else { return out }
        // Only the rows that hold cells are read (a stray cell at row 1 048 576 must not make a million empty rows);
        // the rows between them are blank, said once a run.
        var previous = headerRows.upperBound
        for r in sheet.rowNumbers where r > headerRows.upperBound {
            if r > previous + 1 {
                out.leftOut.append(LeftOutRow(row: previous + 1, reason: r == previous + 2 ? "blank" : "blank (rows \(previous + 1)–\(r - 1))"))
            }
            previous = r
            let first = sheet.cells(inRow: r).lazy.map { $0.value.text.trimmingCharacters(in: .whitespacesAndNewlines) }.first { !$0.isEmpty } ?? ""
            if first.isEmpty { out.leftOut.append(LeftOutRow(row: r, reason: "blank")); continue }
            if sheet.hiddenRows.contains(r) { out.leftOut.append(LeftOutRow(row: r, reason: "hidden row")); continue }
            let name = nameCol.map { sheet.text(r, $0) } ?? ""
            let code = codeCol.map { sheet.text(r, $0) } ?? ""
            let serial = serialCol.map { sheet.text(r, $0) } ?? ""
            // Figures: marks or numbers in the criteria and count columns (a signature or note there is not one), or
            // formulas whose values were never saved (read as problems, not as "not met").
            let hasValues = valueCols.contains { c in
                let t = sheet.text(r, c)
                return !t.isEmpty && (Headers.met(t) != nil || Double(t.replacingOccurrences(of: ",", with: ".")) != nil)
            }
            let hasUnsaved = valueCols.contains { sheet.uncachedFormulas.contains(CellRef(row: r, column: $0)) }
            let codeIsNumber = !code.isEmpty && code.allSatisfy(\.isNumber)
            // A commune (a code and figures) is never a total, whatever its name (Xã Cộng Hòa, Tông Lệnh, Chung Chải).
            if !(codeIsNumber && (hasValues || hasUnsaved)), [name, serial, code, first].contains(where: { Headers.isSummaryLabel($0) }) {
                out.leftOut.append(LeftOutRow(row: r, reason: "average or total (\"\(first)\")")); continue
            }
            let merged = [nameCol, codeCol].compactMap { $0 }.contains { c in (sheet.merge(containing: CellRef(row: r, column: c))?.last.column ?? 0) > c + 1 }
            // A heading: no figures, or merged across, or (in a sheet with codes) a codeless row named like a district,
            // or a Roman numeral in the serial column. A codeless sheet's commune named "Quan Lạn" stays a commune.
            let namedLikeDistrict = codeCol != nil && code.isEmpty && [serial, name].contains(where: Headers.isDistrictHeading)
            let roman = !serial.isEmpty && Headers.fold(serial).allSatisfy { "ivxlc".contains($0) }
            let isHeading = !codeIsNumber && !hasUnsaved && (!hasValues || merged || namedLikeDistrict || roman)
            if isHeading {
                let label = [name, code, first].first { !$0.isEmpty && !Headers.fold($0).allSatisfy({ "ivxlc".contains($0) }) } ?? first
                if Headers.isDistrictHeading(label) || !hasValues {
                    district = label.replacingOccurrences(of: #"^[IVXLC]+[.)]?\s+"#, with: "", options: .regularExpression)
                    out.leftOut.append(LeftOutRow(row: r, reason: "district heading \"\(label)\""))
                } else {
                    out.leftOut.append(LeftOutRow(row: r, reason: "a row without a commune code or figures (\"\(first)\")"))
                }
                continue
            }
            if !hasValues && !hasUnsaved {
                // A commune listed but not filled in (a template's rows): no figures, not all criteria unmet.
                out.leftOut.append(LeftOutRow(row: r, reason: "no figures (not filled in)"))
                continue
            }
            readCommune(sheet, book: book, row: r, name: name, code: code, district: district, criterionColumns: criterionColumns, into: &out)
        }
        return out
    }

    /// One commune row: code, name, district, flags, then its figures for the sheet's year (or each year).
    func readCommune(_ sheet: Sheet, book: Workbook, row r: Int, name: String, code: String, district: String?,
                     criterionColumns: [Int?], into out: inout SheetResult) {
        func at(_ c: Int) -> String { book.location(sheet.name, CellRef(row: r, column: c)) }
        func problem(_ c: Int, _ expected: String, _ found: String) { out.problems.append((at(c), expected, found)) }
        var unitCode: String? = nil
        if let c = column(of: .unitCode), code.isEmpty, sheet.uncachedFormulas.contains(CellRef(row: r, column: c)) {
            problem(c, "the commune's code", "a formula without a saved value (open the workbook in Excel or LibreOffice and save it)")
            return
        }
        if let c = column(of: .unitCode), !code.isEmpty {
            let digits = code.filter(\.isNumber)
            if digits.count == code.count, (1...8).contains(digits.count) {
                // A code Excel stored as a number lost its leading zeros (05986 → 5986): GSO codes have 5 digits.
                unitCode = String(repeating: "0", count: max(0, 5 - digits.count)) + digits
            } else { problem(c, "a commune code of digits (GSO: 5 digits)", "'\(code)'") }
        }
        let dName = column(of: .district).map { sheet.text(r, $0) }.flatMap { $0.isEmpty ? nil : $0 } ?? district
        let dCode = column(of: .districtCode).map { sheet.text(r, $0) }.flatMap { $0.isEmpty ? nil : $0 }
        if name.isEmpty, unitCode == nil { problem(column(of: .unitName) ?? 1, "a commune's name or code", "neither"); return }
        if dName == nil, dCode == nil {
            problem(column(of: .unitName) ?? 1, "the commune's district (a \"Huyện\" column, or a district heading row above it)", "none")
            return
        }
        func flag(_ f: ColumnField) -> Bool {
            guard let c = column(of: f) else { return false }
            let t = sheet.text(r, c)
            guard let v = Headers.flag(t) else { problem(c, "x or nothing (member of the group or not)", "'\(t)'"); return false }
            return v
        }
        let border = flag(.border), difficult = flag(.difficult)
        var base = ImportedRow(code: unitCode, name: name, district: dName, districtCode: dCode, year: 0, estimate: estimate, cutoff: cutoff,
                               criteria: nil, count: 0, border: border, difficult: difficult, location: book.location(sheet.name) + " row \(r)")
        let sideBySide = yearsSideBySide
        if !sideBySide.isEmpty {
            for (c, y) in sideBySide {
                guard let n = count(sheet, r, c, problem) else { continue }
                var row = base; row.year = y; row.count = n
                if let e = estimateYear, y != e { row.estimate = false; row.cutoff = nil }
                out.rows.append(row)
            }
            return
        }
        guard let y = year ?? yearCell(sheet, r, problem) else { return }
        base.year = y
        if let e = estimateYear, y != e { base.estimate = false; base.cutoff = nil }
        if hasCriteria {
            var met: [Bool] = []
            met.reserveCapacity(19)
            for n in 1...19 {
                guard let c = criterionColumns[n - 1] else { met.append(false); continue }
                let value = sheet.value(r, c)
                if case .number(let x)? = value, x == 0 || x == 1 { met.append(x == 1); continue }   // the usual 1/0
                if value == nil, sheet.uncachedFormulas.contains(CellRef(row: r, column: c)) {
                    problem(c, "criterion \(n) met or not", "a formula without a saved value (open the workbook in Excel or LibreOffice and save it)")
                    met.append(false); continue
                }
                let t = sheet.text(r, c)
                if case .number? = value { problem(c, "1 or 0 (criterion \(n) met or not)", "\(t)"); met.append(false); continue }
                guard let v = Headers.met(t) else { problem(c, "1/0, x, ✓ or Đạt/Chưa đạt (criterion \(n) met or not)", "'\(t)'"); met.append(false); continue }
                met.append(v)
            }
            let missing = (1...19).filter { column(of: .criterion($0)) == nil }
            if !missing.isEmpty {
                problem(column(of: .unitName) ?? 1, "a column for each of the 19 criteria", "none for criteria " + missing.map(String.init).joined(separator: ", "))
                return
            }
            base.criteria = met
            base.count = met.filter { $0 }.count
            // The count beside the criteria is checked when it holds a value (a formula without a saved value is
            // left to the criteria, which say it).
            if let c = column(of: .count), !sheet.text(r, c).isEmpty, let n = count(sheet, r, c, problem), n != base.count {
                problem(c, "the number of criteria marked met in the row (\(base.count))", "\(n)")
            }
        } else if let c = column(of: .count) {
            guard let n = count(sheet, r, c, problem) else { return }
            base.count = n
        } else {
            problem(column(of: .unitName) ?? 1, "the criteria (TC1…TC19) or their count (Tổng số tiêu chí đạt)", "neither column")
            return
        }
        out.rows.append(base)
    }

    /// A count of criteria met: a whole number from 0 to 19 (a formula's saved value is read, never computed).
    func count(_ sheet: Sheet, _ r: Int, _ c: Int, _ problem: (Int, String, String) -> Void) -> Int? {
        let t = sheet.text(r, c)
        if t.isEmpty {
            if sheet.uncachedFormulas.contains(CellRef(row: r, column: c)) { problem(c, "a number of criteria met", "a formula without a saved value (open the workbook in Excel or LibreOffice and save it)") }
            else { problem(c, "a number of criteria met (0 to 19)", "nothing") }
            return nil
        }
        let x: Double?
        if case .number(let v)? = sheet.value(r, c) { x = v } else { x = Double(t.replacingOccurrences(of: ",", with: ".")) }
        guard let x, x == x.rounded(), (0...19).contains(x) else { problem(c, "a whole number of criteria met, 0 to 19", "'\(t)'"); return nil }
        return Int(x)
    }

    func yearCell(_ sheet: Sheet, _ r: Int, _ problem: (Int, String, String) -> Void) -> Int? {
        guard let c = column(of: .year) else {
            problem(1, "the year of the sheet (in its name, such as \"Năm 2019\", in a \"Năm\" column, or in import.yaml)", "none")
            return nil
        }
        let t = sheet.text(r, c)
        guard let y = Int(t), (1990...2100).contains(y) else { problem(c, "a year such as 2019", "'\(t)'"); return nil }
        return y
    }
}
