// Owns structure-aware mutation of CSV tables: the text is read into rows and fields (quotes, `,` or `;`,
// byte order mark), one field, row, column or header is changed, and the table is written back as CSV.

import AnnexData
import Foundation

/// A CSV table as rows of fields, the first row its header.
struct CSVDocument {
    var rows: [[String]]
    var delimiter: Character
    var bom: Bool
    var lineEnding: String

    /// Reads CSV text leniently (a mutated file must always read back, whatever it holds).
    init(_ text: String) {
        bom = text.hasPrefix("\u{FEFF}")
        let body = bom ? String(text.dropFirst()) : text
        let firstLine = body.prefix { $0 != "\n" && $0 != "\r\n" }
        delimiter = firstLine.filter { $0 == ";" }.count > firstLine.filter { $0 == "," }.count ? ";" : ","
        lineEnding = body.contains("\r\n") ? "\r\n" : "\n"
        rows = CSVDocument.split(body, delimiter: delimiter)
    }

    static func split(_ text: String, delimiter: Character) -> [[String]] {
        var rows: [[String]] = [], row: [String] = [], field = "", quoted = false, afterQuote = false
        var chars = text.makeIterator()
        while let c = chars.next() {
            if quoted {
                if c == "\"" { quoted = false; afterQuote = true } else { field.append(c) }
                continue
            }
            switch c {
            case "\"" where afterQuote: field.append("\""); quoted = true; afterQuote = false
            case "\"" where field.isEmpty: quoted = true
            case delimiter: row.append(field); field = ""; afterQuote = false
            case "\n", "\r\n": row.append(field); rows.append(row); row = []; field = ""; afterQuote = false
            default: field.append(c); afterQuote = false
            }
        }
        if !field.isEmpty || !row.isEmpty { row.append(field); rows.append(row) }
        return rows
    }

    /// The table as CSV text, quoting fields that need it.
    var text: String {
        let special: Set<Character> = [delimiter, "\"", "\n", "\r", "\r\n"]
        let lines = rows.map { row in
            row.map { f in f.contains(where: { special.contains($0) }) ? "\"" + f.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : f }
                .joined(separator: String(delimiter))
        }
        return (bom ? "\u{FEFF}" : "") + lines.joined(separator: lineEnding) + (lines.isEmpty ? "" : lineEnding)
    }
}

/// Mutates one thing in a CSV table.
enum CSVMutator {
    static func mutate(_ data: Data, _ rng: inout SplitMix64) -> (Data, String) {
        var doc = CSVDocument(String(decoding: data, as: UTF8.self))
        guard !doc.rows.isEmpty else { return (Data("a,b\n1,2\n".utf8), "csv: empty file replaced by a tiny table") }
        let what: String
        switch rng.below(20) {
        case 0...8: what = replaceCell(&doc, &rng)
        case 9, 10: what = copyCell(&doc, &rng)
        case 11, 12: what = rowOperation(&doc, &rng)
        case 13, 14: what = columnOperation(&doc, &rng)
        case 15, 16: what = renameHeader(&doc, &rng)
        case 17: what = raggedRow(&doc, &rng)
        case 18: what = flipFormat(&doc, &rng)
        default:
            doc.rows = Array(doc.rows.prefix(rng.below(2) + 1)); what = "csv: only the header" + (doc.rows.count > 1 ? " and one row" : "")
        }
        return (Data(doc.text.utf8), what)
    }

    /// A random data cell (row ≥ 1), or nil when the table has no data rows.
    static func cell(_ doc: CSVDocument, _ rng: inout SplitMix64) -> (Int, Int)? {
        guard doc.rows.count > 1 else { return nil }
        let r = 1 + rng.below(doc.rows.count - 1)
        guard !doc.rows[r].isEmpty else { return nil }
        return (r, rng.below(doc.rows[r].count))
    }

    static func columnName(_ doc: CSVDocument, _ c: Int) -> String { c < doc.rows[0].count ? doc.rows[0][c] : "#\(c)" }

    static func replaceCell(_ doc: inout CSVDocument, _ rng: inout SplitMix64) -> String {
        guard let (r, c) = cell(doc, &rng) else { return renameHeader(&doc, &rng) }
        let v = Interesting.value(&rng, original: doc.rows[r][c])
        doc.rows[r][c] = v
        return "csv: row \(r) column '\(columnName(doc, c))' = \(Describe.short(v))"
    }

    static func copyCell(_ doc: inout CSVDocument, _ rng: inout SplitMix64) -> String {
        guard let (r, c) = cell(doc, &rng), let (r2, c2) = cell(doc, &rng), c2 < doc.rows[r2].count else { return replaceCell(&doc, &rng) }
        let source = rng.chance(70) && c < doc.rows[r2].count ? doc.rows[r2][c] : doc.rows[r2][c2]
        doc.rows[r][c] = source
        return "csv: row \(r) column '\(columnName(doc, c))' = a copy of another value (\(Describe.short(source)))"
    }

    static func rowOperation(_ doc: inout CSVDocument, _ rng: inout SplitMix64) -> String {
        guard doc.rows.count > 1 else { return renameHeader(&doc, &rng) }
        let r = 1 + rng.below(doc.rows.count - 1), r2 = 1 + rng.below(doc.rows.count - 1)
        switch rng.below(3) {
        case 0: doc.rows.remove(at: r); return "csv: row \(r) deleted"
        case 1: doc.rows.insert(doc.rows[r], at: r2); return "csv: row \(r) duplicated at \(r2)"
        default: doc.rows.swapAt(r, r2); return "csv: rows \(r) and \(r2) swapped"
        }
    }

    static func columnOperation(_ doc: inout CSVDocument, _ rng: inout SplitMix64) -> String {
        let width = doc.rows[0].count
        guard width > 0 else { return raggedRow(&doc, &rng) }
        let c = rng.below(width), c2 = rng.below(width), name = columnName(doc, c)
        let op = rng.below(3)
        for i in doc.rows.indices where c < doc.rows[i].count && c2 < doc.rows[i].count {
            switch op {
            case 0: doc.rows[i].remove(at: c)
            case 1: doc.rows[i].insert(doc.rows[i][c], at: c2)
            default: doc.rows[i].swapAt(c, c2)
            }
        }
        return ["csv: column '\(name)' deleted", "csv: column '\(name)' duplicated", "csv: columns '\(name)' and '\(columnName(doc, c2))' swapped"][op]
    }

    static func renameHeader(_ doc: inout CSVDocument, _ rng: inout SplitMix64) -> String {
        guard !doc.rows[0].isEmpty else { doc.rows[0] = ["x"]; return "csv: empty header given one column" }
        let c = rng.below(doc.rows[0].count), old = doc.rows[0][c]
        let new: String = switch rng.below(5) {
        case 0: old.uppercased()
        case 1: " " + old + " "
        case 2: doc.rows[0][rng.below(doc.rows[0].count)]
        case 3: old + "_x"
        default: Interesting.value(&rng, original: nil)
        }
        doc.rows[0][c] = new
        return "csv: header '\(old)' renamed \(Describe.short(new))"
    }

    static func raggedRow(_ doc: inout CSVDocument, _ rng: inout SplitMix64) -> String {
        let r = rng.below(doc.rows.count)
        if rng.chance(50), !doc.rows[r].isEmpty { doc.rows[r].removeLast(); return "csv: row \(r) one field short" }
        doc.rows[r].append(rng.pick(Interesting.numbers) ?? "0")
        return "csv: row \(r) one field too many"
    }

    static func flipFormat(_ doc: inout CSVDocument, _ rng: inout SplitMix64) -> String {
        switch rng.below(3) {
        case 0: doc.delimiter = doc.delimiter == "," ? ";" : ","; return "csv: delimiter changed to '\(doc.delimiter)'"
        case 1: doc.bom.toggle(); return "csv: byte order mark " + (doc.bom ? "added" : "removed")
        default: doc.lineEnding = doc.lineEnding == "\n" ? "\r\n" : "\n"; return "csv: line endings changed"
        }
    }
}

/// Short printable descriptions of mutated values for the case's log.
enum Describe {
    static func short(_ s: String) -> String {
        let escaped = s.unicodeScalars.prefix(40).map { u -> String in
            u.value < 0x20 || (0x202A...0x202E).contains(u.value) || u.value == 0x7F ? String(format: "\\u{%X}", u.value) : String(u)
        }.joined()
        return "'" + escaped + (s.unicodeScalars.count > 40 ? "…' (\(s.unicodeScalars.count) characters)" : "'")
    }
}
