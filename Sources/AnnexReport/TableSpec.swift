import AnnexAnalytics
import AnnexCharts
import AnnexChartSpec
import AnnexData
import AnnexSpec
import Foundation

/// A table of a report: rows from the analysis, columns chosen by field (`value[2019]` picks the 2019 record
/// of the row's group; tokens in brackets match a year, a metric or a detail), headers, number formats, totals.
struct TableSpec {
    static let keys = ["title", "data", "columns", "totals", "notes", "source", "number", "unit"]

    static func build(_ n: SpecNode, number: Int, baseFolder: String, context: SpecContext, language lang: Language) throws -> TableContent {
        var n = n
        n.lang = lang
        try n.onlyKeys(keys)
        let table = try DataTable.load(try n.require("data"), language: lang, baseFolder: baseFolder, context: context, allowEmpty: true)
        let title = try n.require("title").text()
        let caption = lang.text(.tableLabel, NumberFormat.count(number, lang)) + " " + title
        struct Col { var field: String; var pick: [String]; var header: String; var digits: ClosedRange<Int>; var signed: Bool; var node: SpecNode }
        var cols: [Col] = []
        let columnList = try n.require("columns").list()
        if columnList.isEmpty { throw SpecError(try n.require("columns").location, "at least one column ({ field: name, header: … })", "an empty list") }
        for c in columnList {
            try c.onlyKeys(["field", "header", "digits", "signed"])
            let raw = try c.require("field").text()
            var field = raw, pick: [String] = []
            if let open = raw.firstIndex(of: "["), raw.hasSuffix("]") {
                field = String(raw[..<open])
                pick = raw[raw.index(after: open)..<raw.index(before: raw.endIndex)].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            }
            guard table.columns.contains(field) else {
                let hint = Spelling.nearest(to: field, in: table.columns).map { "; did you mean '\($0)'?" } ?? ""
                throw SpecError(c.child("field")!.location, "a column of the data (" + table.columns.joined(separator: ", ") + hint + ")", field)
            }
            let digits = try c.child("digits")?.digits() ?? 0...2
            cols.append(Col(field: field, pick: pick, header: try c.child("header")?.text() ?? raw, digits: digits,
                            signed: try c.child("signed")?.bool() ?? false, node: c))
        }
        // One row per subject (scope + group), in the order the data gives.
        var order: [String] = [], bySubject: [String: [[String: String]]] = [:]
        for row in table.rows {
            let k = (row["scope"] ?? "") + "|" + (row["group"] ?? "") + ((row["scope"] == "unit") ? "|" + (row["year"] ?? "") : "")
            if bySubject[k] == nil { order.append(k) }
            bySubject[k, default: []].append(row)
        }
        let numeric: Set<String> = ["value", "value_high", "n", "target", "target_high", "gap", "year", "base_year"]
        func pickRow(_ rows: [[String: String]], _ pick: [String]) -> [String: String]? {
            // A period picks a dataset's record by its period (`2020-06`, `2020`); rows of other data by their year.
            rows.first { r in pick.allSatisfy { t in (r["period"] ?? r["year"]) == t || r["metric"] == t || r["detail"] == t } }
        }
        func cell(_ rows: [[String: String]], _ c: Col) -> TableContent.Cell {
            guard let r = pickRow(rows, c.pick), let v = r[c.field], !v.isEmpty else { return TableContent.Cell("") }
            if c.field == "status" {
                let label = PlanStatus(rawValue: v)?.label(lang) ?? v
                return TableContent.Cell(label, status: v)
            }
            if c.field == "kind" { return TableContent.Cell(FactKind(rawValue: v)?.label(lang) ?? v) }
            if numeric.contains(c.field), let x = table.number(r, c.field) {
                if c.field == "year" || c.field == "base_year" { return TableContent.Cell(v) }
                let f = NumberFormat(lang, fractionDigits: c.digits)
                return TableContent.Cell((c.signed && x > 0 ? "+" : "") + f(x))
            }
            return TableContent.Cell(v)
        }
        // One number of decimals per column: the fewest within the column's digits that show every figure in it
        // (10,04 above 12,00, never 12,0).
        for i in cols.indices where numeric.contains(cols[i].field) && cols[i].field != "year" && cols[i].field != "base_year" {
            let shown = order.compactMap { pickRow(bySubject[$0]!, cols[i].pick) }
                .compactMap { table.number($0, cols[i].field) }
            let d = NumberFormat.commonDigits(shown, within: cols[i].digits)
            cols[i].digits = d...d
        }
        let rows = order.map { k in cols.map { cell(bySubject[k]!, $0) } }
        var totals: [TableContent.Cell]? = nil
        if let t = n.child("totals") {
            try t.onlyKeys(["label", "sum"])
            let sums = try t.require("sum").texts()
            totals = cols.enumerated().map { i, c in
                if i == 0 { return TableContent.Cell((try? t.child("label")?.text()) ?? lang.text(.total)) }
                let key = c.field + (c.pick.isEmpty ? "" : "[" + c.pick.joined(separator: ",") + "]")
                guard sums.contains(key) else { return TableContent.Cell("") }
                let total = order.compactMap { pickRow(bySubject[$0]!, c.pick) }
                    .compactMap { table.number($0, c.field) }
                    .reduce(0, +)
                return TableContent.Cell(NumberFormat(lang, fractionDigits: c.digits)(total))
            }
            for s in sums where !cols.contains(where: { $0.field + ($0.pick.isEmpty ? "" : "[" + $0.pick.joined(separator: ",") + "]") == s }) {
                throw SpecError(t.child("sum")!.location, "fields of the table's columns", s)
            }
        }
        let aligns = cols.map { numeric.contains($0.field) && $0.field != "year" ? TableContent.Align.right : ($0.field == "status" ? .center : .left) }
        return TableContent(caption: caption, columns: zip(cols, aligns).map { TableContent.Column($0.header, align: $1) }, rows: rows,
                            totals: rows.isEmpty ? nil : totals,
                            notes: (rows.isEmpty ? [lang.text(.noDataRows)] : []) + (try n.child("notes")?.texts() ?? []) + table.notes,
                            source: try n.child("source")?.text() ?? table.defaultSource,
                            unit: try n.child("unit")?.text() ?? (cols.contains { $0.field == "n" } ? nil : unit(of: table, lang)))
    }

    /// The unit of a table's figures when its data state one unit for all (the analysis's records do) and Annex
    /// has words for it, in the language's words; nil when the units differ, are unknown or are not stated (a CSV
    /// file), and for tables with a count column (`n`, communes) beside the figures: then the spec's `unit:` says.
    static func unit(of table: DataTable, _ lang: Language) -> String? {
        let units = Set(table.rows.compactMap { $0["unit"] }.filter { !$0.isEmpty })
        guard units.count == 1, let u = units.first else { return nil }
        switch u {
        case Analysis.unitCommunes: return lang.text(.unitCommunes)
        case Analysis.unitCriteria: return lang.text(.unitCriteriaPerCommune)
        case Analysis.unitPercent: return lang.text(.unitPercent)
        case "criteria": return lang.text(.unitCriteria)
        default: return nil
        }
    }
}
