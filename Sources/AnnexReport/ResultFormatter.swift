import AnnexAnalytics
import AnnexData
import AnnexIO
import Foundation

/// Prints analysis records as an aligned table (people), CSV or JSON (machines).
public enum ResultFormatter {
    /// The forms the records can be printed in.
    public enum Format: String, CaseIterable, Sendable {
        /// An aligned table for people, in the language's words and numbers (`table(_:language:)`).
        case table
        /// CSV with the English column names and numbers in machine form (`csv(_:)`).
        case csv
        /// A JSON array of one object per record (`json(_:)`).
        case json
    }

    /// The names of the fields of a record, in order: the CSV header and the JSON keys (`scope`, `group`, `metric`,
    /// `year`, … `source`).
    /// `period` and `base_period` (`2020-06`, `2020-Q2`, `2020`) come last, so that readers of the yearly columns
    /// find them where they were.
    public static let columns = ["scope", "group", "metric", "year", "kind", "value", "value_high", "unit", "n",
                                 "detail", "base_year", "target", "target_high", "status", "gap", "source", "period", "base_period"]
    /// The headers of `columns` in the table for people.
    static let columnPhrases: [Phrase] = [.columnScope, .columnGroup, .columnMetric, .columnYear, .columnKind, .columnValue,
                                          .columnValueHigh, .columnUnit, .columnN, .columnDetail, .columnBaseYear, .columnTarget,
                                          .columnTargetHigh, .columnStatus, .columnGap, .columnSource]

    /// Machine form of a number: up to 6 decimals, no grouping, decimal point.
    static func machine(_ x: Double) -> String {
        NumberFormat(.en, fractionDigits: 0...6, groupFrom: .infinity)(x)
    }

    static func fields(_ r: ResultRecord, number: (Double) -> String) -> [String] {
        [r.scope.rawValue, r.group, r.metric, String(r.year), r.kind.rawValue, number(r.value),
         r.valueHigh.map(number) ?? "", r.unit, r.n.map(String.init) ?? "", r.detail, r.baseYear.map(String.init) ?? "",
         r.target.map(number) ?? "", r.targetHigh.map(number) ?? "", r.status?.rawValue ?? "", r.gap.map(number) ?? "",
         r.source, r.period.description, r.basePeriod?.description ?? ""]
    }

    /// The records as CSV: a header of `columns`, then one line per record, lines ended by `\n`, no byte order
    /// mark; numbers in machine form (a decimal point, up to 6 decimals, no grouping), empty fields for values a
    /// record lacks, fields quoted when needed and text a spreadsheet would run as a formula neutralised.
    public static func csv(_ records: [ResultRecord]) -> String {
        func q(_ raw: String) -> String { CSVCell.quoted(CSVCell.neutralized(raw)) }
        var out = columns.joined(separator: ",") + "\n"
        for r in records { out += fields(r, number: machine).map(q).joined(separator: ",") + "\n" }
        return out
    }

    /// The records as a JSON array, one object per record and per line, keyed by `columns`; numbers in machine
    /// form, `null` for values a record lacks.
    public static func json(_ records: [ResultRecord]) -> String {
        let str = JSONText.string
        func num(_ x: Double?) -> String { x.map(machine) ?? "null" }
        var lines: [String] = []
        for r in records {
            let pairs: [(String, String)] = [
                ("scope", str(r.scope.rawValue)), ("group", str(r.group)), ("metric", str(r.metric)), ("year", String(r.year)),
                ("kind", str(r.kind.rawValue)), ("value", num(r.value)), ("value_high", num(r.valueHigh)), ("unit", str(r.unit)),
                ("n", r.n.map(String.init) ?? "null"), ("detail", str(r.detail)), ("base_year", r.baseYear.map(String.init) ?? "null"),
                ("target", num(r.target)), ("target_high", num(r.targetHigh)), ("status", r.status.map { str($0.rawValue) } ?? "null"),
                ("gap", num(r.gap)), ("source", str(r.source)), ("period", str(r.period.description)),
                ("base_period", r.basePeriod.map { str($0.description) } ?? "null"),
            ]
            lines.append("  {" + pairs.map { "\"\($0.0)\": \($0.1)" }.joined(separator: ", ") + "}")
        }
        return "[\n" + lines.joined(separator: ",\n") + "\n]\n"
    }

    /// An aligned table in the language's number format (2 decimals at most), with translated headers.
    public static func table(_ records: [ResultRecord], language: Language) -> String {
        let f = NumberFormat(language, fractionDigits: 0...2)
        let header = columnPhrases.map { language.text($0) }
        // People read one column of periods: the year's, or the month's or quarter's (`2020-06`) in its place.
        let rows = records.map { r -> [String] in
            var row = Array(fields(r, number: f.format).prefix(header.count))
            if let s = r.status { row[13] = s.label(language) }
            row[4] = r.kind.label(language)
            row[3] = r.period.description
            row[10] = r.basePeriod?.description ?? ""
            return row
        }
        let all = [header] + rows
        // Drop columns empty in every row.
        let keep = header.indices.filter { i in rows.contains { !$0[i].isEmpty } }
        let widths = keep.map { i in all.map { $0[i].count }.max() ?? 0 }
        let numeric: Set<Int> = [3, 5, 6, 8, 10, 11, 12, 14]
        return all.map { row in
            zip(keep, widths).map { i, w in
                let cell = row[i], pad = String(repeating: " ", count: max(0, w - cell.count))
                return numeric.contains(i) ? pad + cell : cell + pad
            }.joined(separator: "  ").trimmingCharacters(in: .whitespaces)
        }.joined(separator: "\n") + "\n"
    }
}
