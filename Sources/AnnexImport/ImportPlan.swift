import AnnexData
import AnnexIO
import AnnexSheets
import Foundation
import Yams

/// `import.yaml`: what an import understood — each sheet's header rows, columns, year, estimate and cut-off, the
/// rows left out, the district codes — written beside the dataset. Edited and given back with `--map`, it replaces
/// detection for the sheets it lists.
public struct ImportPlan: Sendable {
    /// The province's name, as the import found or was told it.
    public var region: String?
    /// The layout of each sheet, by file and sheet name.
    public var layouts: [SheetLayout]
    /// District codes by district name, as `import.yaml` gives them (three digits, the GSO codes).
    public var districts: [String: String]

    /// A plan with these layouts and district codes.
    public init(region: String?, layouts: [SheetLayout], districts: [String: String]) {
        self.region = region; self.layouts = layouts; self.districts = districts
    }

    func layout(file: String, sheet: String) -> SheetLayout? {
        let base = (file as NSString).lastPathComponent
        return layouts.first { $0.sheet == sheet && ($0.file == file || ($0.file as NSString).lastPathComponent == base) }
    }

    /// Reads an edited plan; every problem located by line and key.
    public static func load(path: String) throws(ImportError) -> ImportPlan {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw ImportError(path, expected: "a readable import.yaml", found: "no such file or not UTF-8 text")
        }
        if let deep = YAMLNesting.firstExcess(in: text) {
            throw ImportError("\(path):\(deep.line)", expected: "YAML nested at most \(YAMLNesting.limit) levels deep", found: "\(deep.depth) levels")
        }
        let root: Node
        do {
            guard let n = try Yams.compose(yaml: text), n.mapping != nil else { throw ImportError(path, expected: "a mapping of keys", found: "none") }
            root = n
        } catch let e as ImportError { throw e } catch {
            throw ImportError(path, expected: "valid YAML", found: "\(error)")
        }
        var problems: [(location: String, expected: String, found: String)] = []
        func at(_ n: Node?, _ key: String) -> String { "\(path):\(n?.mark?.line ?? 1): key '\(key)'" }
        var layouts: [SheetLayout] = []
        for (i, s) in (root["sheets"]?.sequence ?? []).enumerated() {
            let key = "sheets[\(i)]"
            guard let file = s["file"]?.string, let sheet = s["sheet"]?.string else {
                problems.append((at(s, key), "file and sheet", "missing")); continue
            }
            let rows = (s["header_rows"]?.sequence ?? []).compactMap(\.int)
            guard let lo = rows.first, let hi = rows.last, lo >= 1, lo <= hi, hi - lo <= 1 else {
                problems.append((at(s["header_rows"], key + ".header_rows"), "[first, last] header rows, such as [5, 6]", rows.isEmpty ? "nothing" : "\(rows)")); continue
            }
            var columns: [Int: ColumnField] = [:]
            for (k, v) in s["columns"]?.mapping ?? [:] {
                guard let letter = k.string, letter.allSatisfy(\.isLetter), let ref = CellRef(letter + "1"), let name = v.string else {
                    problems.append((at(k, key + ".columns"), "a column letter (A, B, …, AA) and a field", "\(k.string ?? "a structure"): \(v.string ?? "a structure")"))
                    continue
                }
                if name == "ignore" { continue }
                guard let f = ColumnField(name: name) else {
                    let hint = Spelling.nearest(to: name, in: ColumnField.allNames).map { "; did you mean '\($0)'?" } ?? ""
                    problems.append((at(v, key + ".columns." + letter), "one of " + ColumnField.allNames.joined(separator: ", ") + hint, name)); continue
                }
                if let other = columns.first(where: { $0.value == f }) {
                    problems.append((at(v, key + ".columns." + letter), "each field in one column", "\(name) in \(CellRef.letters(other.key)) and \(letter)"))
                    continue
                }
                columns[ref.column] = f
            }
            let kind = s["kind"]?.string ?? "actual"
            guard kind == "actual" || kind == "estimate" else { problems.append((at(s["kind"], key + ".kind"), "actual or estimate", kind)); continue }
            let cutoff = s["cutoff"]?.string
            if let c = cutoff, !DatasetChecks.isISODate(c) { problems.append((at(s["cutoff"], key + ".cutoff"), "a date as YYYY-MM-DD", c)) }
            var layout = SheetLayout(file: file, sheet: sheet, headerRows: lo...hi, columns: columns, year: s["year"]?.int,
                                     yearSource: "import.yaml", estimate: kind == "estimate", cutoff: cutoff)
            layout.estimateYear = s["estimate_year"]?.int
            layouts.append(layout)
        }
        var districts: [String: String] = [:]
        for (k, v) in root["districts"]?.mapping ?? [:] {
            guard let name = k.string, let code = v.string, code.count == 3, code.allSatisfy(\.isNumber) else {
                problems.append((at(v, "districts"), "a 3-digit district code for each district name", v.string ?? "a structure")); continue
            }
            districts[name] = code
        }
        if !problems.isEmpty { throw ImportError(problems: problems) }
        return ImportPlan(region: root["region"]?.string, layouts: layouts, districts: districts)
    }
}

extension Importer.Result {
    /// `import.yaml` for this result: every sheet's layout and what was kept and left out, the district codes.
    public func planYAML() -> String {
        func q(_ s: String) -> String { JSONText.string(s) }
        var out = "# What annex import understood. Edit it and run again with: annex import … --map import.yaml\n"
        out += "region: \(q(region))\n"
        if madeUpDistrictCodes {
            out += "# District codes were made up (the workbook has no \"Mã huyện\" column): put the GSO codes here.\n"
        }
        out += "districts:\n"
        for (name, code) in districtCodes.sorted(by: { $0.value < $1.value }) { out += "  \(q(name)): \(q(code))\n" }
        out += "sheets:\n"
        for s in sheets {
            let l = s.layout
            out += "  - file: \(q(l.file))\n    sheet: \(q(l.sheet))\n"
            out += "    header_rows: [\(l.headerRows.lowerBound), \(l.headerRows.upperBound)]\n"
            if let y = l.year { out += "    year: \(y)            # from \(l.yearSource)\n" }
            out += "    kind: \(l.estimate ? "estimate" : "actual")\n"
            if let c = l.cutoff { out += "    cutoff: \(c)\n" }
            if let e = l.estimateYear { out += "    estimate_year: \(e)    # only this year's figures are estimates\n" }
            out += "    columns:\n"
            for (c, f) in l.columns.sorted(by: { $0.key < $1.key }) { out += "      \(CellRef.letters(c)): \(f.name)\n" }
            out += "    rows_kept: \(s.rows.count)\n"
            if !s.leftOut.isEmpty {
                out += "    rows_left_out:\n"
                for r in s.leftOut { out += "      - { row: \(r.row), reason: \(q(r.reason)) }\n" }
            }
        }
        if !skippedSheets.isEmpty {
            out += "sheets_left_out:\n"
            for s in skippedSheets { out += "  - { file: \(q(s.file)), sheet: \(q(s.sheet)), reason: \(q(s.reason)) }\n" }
        }
        if !warnings.isEmpty {
            out += "warnings:\n"
            for w in warnings { out += "  - \(q(w))\n" }
        }
        return out
    }
}
