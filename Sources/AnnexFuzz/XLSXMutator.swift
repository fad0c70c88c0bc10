// Owns structure-aware mutation of .xlsx workbooks: the bytes read by XLSXReader into a Workbook, turned into
// XLSXWriter's sheet specs, one cell, row, column, header, sheet name, merge or hidden flag changed, and the
// workbook written back by XLSXWriter; and, as a case's last mutation one time in six, a byte-level change of
// the zip container (cut, central directory or end record bytes flipped) for XLSXReader's refusals.

import AnnexData
import AnnexSheets
import Foundation

/// Mutates one thing in an .xlsx workbook.
public enum XLSXMutator {
    /// The name errors give the workbook while the fuzzer reads it (never shown in a case).
    static let readName = "book.xlsx"

    /// The zip is damaged only by a case's `last` mutation: reading a damaged zip can trap (a corrupted part
    /// reaches FoundationXML, which traps on bytes that are not UTF-8), and here that would kill the worker while
    /// it makes a case instead of while it runs one.
    static func mutate(_ data: Data, last: Bool, _ rng: inout SplitMix64) -> (Data, String) {
        if last, rng.chance(16) { return ZipMutator.mutate(data, &rng) }
        guard var sheets = specs(data) else { return (data, "xlsx: unreadable workbook kept as it was") }
        let what = mutate(&sheets, &rng)
        guard let out = try? XLSXWriter.data(sheets) else { return (data, "xlsx: \(what), not writable: workbook kept as it was") }
        return (out, "xlsx: " + what)
    }

    /// The workbook read and written back unchanged (nil when it does not read): what every structure-aware
    /// mutation starts from, so that a seed's round trip should import as the seed does.
    public static func rewritten(_ data: Data) -> Data? {
        specs(data).flatMap { try? XLSXWriter.data($0) }
    }

    // MARK: Workbook → [SheetSpec]

    /// The workbook's sheets as XLSXWriter's specs, or nil when XLSXReader refuses the bytes.
    static func specs(_ data: Data) -> [SheetSpec]? {
        guard let book = try? XLSXReader.read(data: data, file: readName) else { return nil }
        return specs(book)
    }

    /// Sheets, hidden flags, hidden rows, merges and values as XLSXReader read them. A formula with a saved value
    /// becomes that value; one without stays a formula without a value (the text of formulas is not kept, and the
    /// reader never evaluates them); booleans and errors become their text (`TRUE`, `#DIV/0!`), which is what the
    /// importer reads of them; date formats and shared strings are not kept (the importer does not look at them).
    static func specs(_ book: Workbook) -> [SheetSpec] {
        book.sheets.map { sheet in
            var s = SheetSpec(name: sheet.name)
            s.hidden = sheet.hidden
            s.hiddenRows = sheet.hiddenRows
            s.merges = sheet.merges
            for (r, row) in sheet.rows {
                for (c, cell) in row {
                    let v: SheetSpec.Value = switch cell.value {
                    case .text(let t): .text(t)
                    case .number(let x): .number(x)
                    case .bool(let b): .text(b ? "TRUE" : "FALSE")
                    case .error(let e): .text(e)
                    }
                    s.cells[r, default: [:]][c] = v
                }
            }
            for ref in sheet.uncachedFormulas where s.cells[ref.row]?[ref.column] == nil {
                s.cells[ref.row, default: [:]][ref.column] = .formula("NA()")
            }
            return s
        }
    }

    // MARK: Mutations

    static func mutate(_ sheets: inout [SheetSpec], _ rng: inout SplitMix64) -> String {
        guard !sheets.isEmpty else {
            var s = SheetSpec(name: "Năm 2019"); s.set(1, 1, .text("Tên xã")); s.set(2, 1, .text("Xã Một"))
            sheets = [s]; return "workbook without sheets given a tiny one"
        }
        // Sheets with cells are the interesting ones; a sheet of the workbook otherwise.
        let filled = sheets.indices.filter { !sheets[$0].cells.isEmpty }
        let i = rng.pick(filled.isEmpty ? Array(sheets.indices) : filled) ?? 0
        let at = "[\(sheets[i].name)]"
        switch rng.below(100) {
        case 0..<28: return at + replaceCell(&sheets[i], &rng)
        case 28..<33: return at + emptyCell(&sheets[i], &rng)
        case 33..<36: return at + copyCell(&sheets[i], &rng)
        case 36..<39: return at + formulaCell(&sheets[i], &rng)
        case 39..<48: return at + rowOperation(&sheets[i], &rng)
        case 48..<54: return at + columnOperation(&sheets[i], &rng)
        case 54..<62: return at + renameHeader(&sheets[i], &rng)
        case 62..<68: return renameSheet(&sheets, i, &rng)
        case 68..<74: return at + mergeOperation(&sheets[i], &rng)
        case 74..<80: return hide(&sheets, i, &rng)
        case 80..<88: return at + moveHeader(&sheets[i], &rng)
        case 88..<94: return sheetOperation(&sheets, i, &rng)
        case 94..<97: return at + farCell(&sheets[i], &rng)
        default: return at + manyRows(&sheets[i], &rng)
        }
    }

    /// Every cell's place, sorted (the specs are dictionaries: their order differs between processes).
    static func places(_ s: SheetSpec) -> [(row: Int, column: Int)] {
        s.cells.keys.sorted().flatMap { r in (s.cells[r] ?? [:]).keys.sorted().map { (r, $0) } }
    }

    static func ref(_ r: Int, _ c: Int) -> String { CellRef(row: r, column: c).description }

    static func describe(_ v: SheetSpec.Value) -> String {
        switch v {
        case .text(let t): Describe.short(t)
        case .number(let x): "\(x) (number)"
        case .formula(let f): "=\(f) (formula, no saved value)"
        }
    }

    static func put(_ s: inout SheetSpec, _ r: Int, _ c: Int, _ v: SheetSpec.Value?) {
        s.cells[r, default: [:]][c] = v
        if s.cells[r]?.isEmpty == true { s.cells[r] = nil }
    }

    /// The row that most looks like the header: the most text cells among the first 40 rows.
    static func headerRow(_ s: SheetSpec) -> Int? {
        var best: (row: Int, count: Int)? = nil
        for r in s.cells.keys.sorted() where r <= 40 {
            let n = (s.cells[r] ?? [:]).values.filter { if case .text = $0 { true } else { false } }.count
            if n > (best?.count ?? 0) { best = (r, n) }
        }
        return best?.row
    }

    static func replaceCell(_ s: inout SheetSpec, _ rng: inout SplitMix64) -> String {
        guard let (r, c) = rng.pick(places(s)) else { return farCell(&s, &rng) }
        let v = XLSXValues.value(&rng, original: s.cells[r]?[c])
        put(&s, r, c, v)
        return "!\(ref(r, c)) = \(describe(v))"
    }

    static func emptyCell(_ s: inout SheetSpec, _ rng: inout SplitMix64) -> String {
        guard let (r, c) = rng.pick(places(s)) else { return farCell(&s, &rng) }
        put(&s, r, c, nil)
        return "!\(ref(r, c)) emptied"
    }

    static func copyCell(_ s: inout SheetSpec, _ rng: inout SplitMix64) -> String {
        let all = places(s)
        guard let (r, c) = rng.pick(all), let (r2, c2) = rng.pick(all) else { return farCell(&s, &rng) }
        // Mostly from the same column (a plausible value there), else from anywhere.
        let from = rng.chance(70) && s.cells[r2]?[c] != nil ? (r2, c) : (r2, c2)
        guard let v = s.cells[from.0]?[from.1] else { return replaceCell(&s, &rng) }
        put(&s, r, c, v)
        return "!\(ref(r, c)) = a copy of \(ref(from.0, from.1)) (\(describe(v)))"
    }

    static func formulaCell(_ s: inout SheetSpec, _ rng: inout SplitMix64) -> String {
        guard let (r, c) = rng.pick(places(s)) else { return farCell(&s, &rng) }
        let v: SheetSpec.Value = rng.chance(60)
            ? .formula(rng.pick(["SUM(A1)", "SUM(F\(r):X\(r))", "AVERAGE(E5:E9)", "1/0", "NA()"]) ?? "SUM(A1)")
            : .text(rng.pick(["=SUM(A1)", "=1+1", "=AVERAGE(E5:E9)"]) ?? "=SUM(A1)")
        put(&s, r, c, v)
        return "!\(ref(r, c)) = \(describe(v))"
    }

    /// Moves rows from `r0` on by `k` (cells, hidden rows, merges starting there; merges across `r0` stretch).
    static func shiftRows(_ s: inout SheetSpec, from r0: Int, by k: Int) {
        var cells: [Int: [Int: SheetSpec.Value]] = [:]
        for (r, row) in s.cells {
            let n = r >= r0 ? r + k : r
            if n >= 1 { cells[n] = row }
        }
        s.cells = cells
        s.hiddenRows = Set(s.hiddenRows.compactMap { r in let n = r >= r0 ? r + k : r; return n >= 1 ? n : nil })
        s.merges = s.merges.compactMap { m in
            var m = m
            if m.first.row >= r0 { m.first.row += k; m.last.row += k } else if m.last.row >= r0 { m.last.row += k }
            return m.first.row >= 1 && m.last.row >= m.first.row ? m : nil
        }
    }

    static func rowOperation(_ s: inout SheetSpec, _ rng: inout SplitMix64) -> String {
        let rows = s.cells.keys.sorted()
        guard let r = rng.pick(rows), let r2 = rng.pick(rows) else { return farCell(&s, &rng) }
        switch rng.below(4) {
        case 0:
            s.cells[r] = nil; s.hiddenRows.remove(r)
            shiftRows(&s, from: r + 1, by: -1)
            return " row \(r) deleted"
        case 1:
            let copy = s.cells[r]
            shiftRows(&s, from: r + 1, by: 1)
            s.cells[r + 1] = copy
            return " row \(r) duplicated below itself"
        case 2:
            let copy = s.cells[r]
            shiftRows(&s, from: r2, by: 1)
            s.cells[r2] = copy
            return " row \(r) copied in at row \(r2)"
        default:
            let a = s.cells[r]; s.cells[r] = s.cells[r2]; s.cells[r2] = a
            return " rows \(r) and \(r2) swapped"
        }
    }

    static func columnOperation(_ s: inout SheetSpec, _ rng: inout SplitMix64) -> String {
        let columns = Set(s.cells.values.flatMap(\.keys)).sorted()
        guard let c = rng.pick(columns), let c2 = rng.pick(columns) else { return farCell(&s, &rng) }
        let op = rng.below(3)
        for r in s.cells.keys.sorted() {
            var row = s.cells[r] ?? [:]
            switch op {
            case 0:
                let (a, b) = (row[c], row[c2]); row[c] = b; row[c2] = a
            case 1:
                row = Dictionary(uniqueKeysWithValues: row.compactMap { k, v in k == c ? nil : (k > c ? k - 1 : k, v) })
            default:
                let v = row[c]
                row = Dictionary(uniqueKeysWithValues: row.map { k, v in (k > c ? k + 1 : k, v) })
                row[c + 1] = v
            }
            s.cells[r] = row.isEmpty ? nil : row
        }
        let (a, b) = (CellRef.letters(c), CellRef.letters(c2))
        return [" columns \(a) and \(b) swapped", " column \(a) deleted", " column \(a) duplicated"][op]
    }

    static func renameHeader(_ s: inout SheetSpec, _ rng: inout SplitMix64) -> String {
        guard let hr = headerRow(s), let row = s.cells[hr] else { return replaceCell(&s, &rng) }
        let columns = row.keys.sorted()
        guard let c = rng.pick(columns) else { return replaceCell(&s, &rng) }
        let old: String = if case .text(let t)? = row[c] { t } else { "" }
        let new: String = switch rng.below(9) {
        case 0: old.uppercased()
        case 1: old.decomposedStringWithCanonicalMapping
        case 2: " " + old.replacingOccurrences(of: " ", with: "\n") + " "
        case 3: if case .text(let t)? = row[rng.pick(columns) ?? c] { t } else { old }   // a duplicate header
        case 4, 5: rng.pick(XLSXValues.headers) ?? ""
        case 6: old + " " + (rng.pick(["(ước)", "2019", "x", "1", "Năm 2020"]) ?? "")
        case 7: "TC" + (rng.pick(["0", "20", "-1", "99999999999999999999", "1.5", "１"]) ?? "0")
        default: Interesting.value(&rng, original: nil)
        }
        put(&s, hr, c, .text(new))
        return "!\(ref(hr, c)) header \(Describe.short(old)) renamed \(Describe.short(new))"
    }

    static func renameSheet(_ sheets: inout [SheetSpec], _ i: Int, _ rng: inout SplitMix64) -> String {
        let old = sheets[i].name
        let new: String = switch rng.below(8) {
        case 0: "Năm 1899"
        case 1: "Năm 2020"
        case 2: rng.pick(sheets.map(\.name)) ?? old   // a duplicate name
        case 3: old.decomposedStringWithCanonicalMapping
        case 4: rng.pick(["Năm 99999999999999999999", "Năm -2019", "Năm 2019 (ước)", "Năm 2019 ước thực hiện", "2019-2020", "", " ", "Năm", "Nam 2019", "NĂM 2100", "Năm 2101"]) ?? ""
        case 5: "Năm " + String(1990 + rng.below(112))
        case 6: Interesting.value(&rng, original: nil)
        default: old + " (2)"
        }
        sheets[i].name = new
        return "sheet [\(old)] renamed \(Describe.short(new))"
    }

    static func mergeOperation(_ s: inout SheetSpec, _ rng: inout SplitMix64) -> String {
        if !s.merges.isEmpty, rng.chance(40) {
            let m = s.merges.remove(at: rng.below(s.merges.count))
            return " merge \(m) removed"
        }
        guard let (r, c) = rng.pick(places(s)) else { return " no cells to merge" }
        let last: CellRef = switch rng.below(6) {
        case 0: CellRef(row: r, column: c + 1 + rng.below(30))   // across a row (a heading)
        case 1: CellRef(row: r + 1 + rng.below(3), column: c)     // down a column
        case 2: CellRef(row: r + 1 + rng.below(3), column: c + 1 + rng.below(3))
        case 3: CellRef(row: r, column: 16_384)
        case 4: CellRef(row: 1_048_576, column: c)
        default: CellRef(row: r, column: c)                         // one cell
        }
        let m = CellRange(first: CellRef(row: r, column: c), last: last)
        s.merges.append(m)
        return " merge \(m) added"
    }

    static func hide(_ sheets: inout [SheetSpec], _ i: Int, _ rng: inout SplitMix64) -> String {
        switch rng.below(6) {
        case 0:
            sheets[i].hidden.toggle(); return "sheet [\(sheets[i].name)] " + (sheets[i].hidden ? "hidden" : "shown")
        case 1:
            for j in sheets.indices { sheets[j].hidden = true }
            return "every sheet hidden"
        default:
            let rows = sheets[i].cells.keys.sorted()
            let hr = headerRow(sheets[i])
            // A data row most often (below the header), the header itself sometimes.
            let r = rng.chance(20) ? (hr ?? rng.pick(rows) ?? 1) : (rng.pick(rows.filter { $0 > (hr ?? 0) }) ?? rng.pick(rows) ?? 1)
            if sheets[i].hiddenRows.remove(r) == nil { sheets[i].hiddenRows.insert(r); return "[\(sheets[i].name)] row \(r) hidden" }
            return "[\(sheets[i].name)] row \(r) shown"
        }
    }

    /// The header further down: rows put in above it (past the 40 rows the header is looked for in, sometimes),
    /// or the header row moved below the data.
    static func moveHeader(_ s: inout SheetSpec, _ rng: inout SplitMix64) -> String {
        guard let hr = headerRow(s) else { return replaceCell(&s, &rng) }
        if rng.chance(25), let lastRow = s.cells.keys.max(), lastRow > hr {
            let to = hr + 1 + rng.below(lastRow - hr)
            let header = s.cells[hr]
            s.cells[hr] = nil
            shiftRows(&s, from: hr + 1, by: -1)
            shiftRows(&s, from: to, by: 1)
            s.cells[to] = header
            return " header row \(hr) moved to row \(to)"
        }
        let k = rng.pick([1, 1, 2, 3, 10, 36, 38, 39, 40, 41, 100, 1_000]) ?? 1
        let from = rng.chance(50) ? 1 : hr
        shiftRows(&s, from: from, by: k)
        return " \(k) blank rows put in at row \(from) (header row \(hr) now \(hr + k))"
    }

    static func sheetOperation(_ sheets: inout [SheetSpec], _ i: Int, _ rng: inout SplitMix64) -> String {
        let name = sheets[i].name
        switch rng.below(5) {
        case 0:
            var copy = sheets[i]
            if rng.chance(50) { copy.name = name + " (2)" }
            sheets.insert(copy, at: rng.below(sheets.count + 1))
            return "sheet [\(name)] duplicated as [\(copy.name)]"
        case 1:
            sheets.remove(at: i)
            return "sheet [\(name)] deleted"
        case 2:
            let s = sheets.remove(at: i)
            let j = rng.below(sheets.count + 1)
            sheets.insert(s, at: j)
            return "sheet [\(name)] moved to place \(j + 1)"
        case 3:
            var header = SheetSpec(name: "Năm \(2015 + rng.below(10))")
            header.cells[1] = headerRow(sheets[i]).flatMap { sheets[i].cells[$0] }
            sheets.insert(header, at: rng.below(sheets.count + 1))
            return "sheet [\(header.name)] with only a header added"
        default:
            sheets.insert(SheetSpec(name: rng.pick(["Sheet1", name, "Năm 2021"]) ?? "Sheet1"), at: rng.below(sheets.count + 1))
            return "an empty sheet added"
        }
    }

    /// A cell at Excel's last row or column (or just past them), so that loops up to the last row or column run far.
    static func farCell(_ s: inout SheetSpec, _ rng: inout SplitMix64) -> String {
        let (r, c) = rng.pick([(1_048_576, 1), (1_048_576, 5), (5, 16_384), (1_048_576, 16_384), (100_000, 3), (1_048_577, 2), (6, 16_385)]) ?? (1_048_576, 1)
        let v = XLSXValues.value(&rng, original: nil)
        put(&s, r, c, v)
        return "!\(ref(r, c)) (far) = \(describe(v))"
    }

    static func manyRows(_ s: inout SheetSpec, _ rng: inout SplitMix64) -> String {
        guard let r = rng.pick(s.cells.keys.sorted()), let row = s.cells[r] else { return farCell(&s, &rng) }
        let n = rng.pick([200, 1_000, 5_000]) ?? 200
        shiftRows(&s, from: r + 1, by: n)
        for k in 1...n { s.cells[r + k] = row }
        return " row \(r) duplicated \(n) times"
    }
}

/// Values put into workbook cells: numbers as numbers (NaN and infinities included: the writer writes `nan`,
/// `inf`, which the reader reads back), and the texts statisticians' workbooks hold.
enum XLSXValues {
    static let numbers: [Double] = [
        2, -1, 0, 1, -0.0, 0.5, 19, 20, 1e300, -1e300, 1e15, 999_999_999_999_999, 9.3e18, -9.3e18, 1.8446744073709552e19,
        .nan, .infinity, -.infinity, .leastNonzeroMagnitude, 1899, 2019, 2100, 44027, 2_958_466, 10001,
    ]

    static let texts: [String] = [
        "Đạt", "Chưa đạt", "đạt", "✓", "✗", "x", "X", "TRUE", "#DIV/0!", "#N/A", "=SUM(A1)", "1", "0", "2", "-1", "19",
        "20", "1e300", "1" + String(repeating: "0", count: 300), "0,63", "1.0", " 1 ", "01", "00000", "99999999999999999999",
        "Huyện Tràng Định", "Thành phố Lạng Sơn", "I", "II", "Bình quân", "Bình quân chung", "Tổng số xã", "Xã Một", "Phường",
        "(Ước thực hiện đến 31/12/2020, số liệu thực hiện đến 30/6/2020)",
        "Ước thực hiện đến 31/2/2020, số liệu thực hiện đến 99/99/99999999999999999999",
        "Ước 1/1/1900 2/2/2100 3/3/2000 số liệu đến 0/0/0", "NĂM 2019", "NĂM 1899", "Năm 99999999999999999999",
        "KẾT QUẢ NĂM 2020 — TỈNH LẠNG SƠN", "tỉnh (", "TỈNH", "Ngày báo cáo", "Người lập biểu",
        "\u{1}\u{7}\u{1B}[31m", "\u{FFFE}", "\u{FFFF}", "\u{0}", "a\u{0301}\u{0301}\u{0301}", "Xã\u{200B}Một", "\u{202E}ạtĐ",
    ]

    /// Headers the importer knows, and near misses.
    static let headers: [String] = [
        "STT", "Mã xã", "Tên xã", "Huyện", "Mã huyện", "Tổng số tiêu chí đạt", "Xã biên giới", "Xã ĐBKK",
        "Xã đặc biệt khó khăn", "Ghi chú", "Năm", "Tiêu chí", "TC1", "TC19", "1", "19", "Năm 2018", "Năm 2019",
        "Năm 2020", "Năm 1899", "Commune code", "Commune", "District", "Total", "MA XA", "TEN XA", "Số tiêu chí đạt",
        "Tổng số\ntiêu chí đạt", "Ma\u{0303} xa\u{0303}", "",
    ]

    /// A value for a cell holding `original`.
    static func value(_ rng: inout SplitMix64, original: SheetSpec.Value?) -> SheetSpec.Value {
        switch rng.below(10) {
        case 0...2: return .number(rng.pick(numbers) ?? 0)
        case 3...5: return .text(rng.pick(texts) ?? "")
        case 6:
            let t: String = if case .text(let s)? = original { s } else { "" }
            return .text(Interesting.value(&rng, original: t))
        case 7: return .text(Interesting.long(rng.chance(50) ? 10_000 : 300))
        case 8:
            if case .text(let s)? = original, s != s.decomposedStringWithCanonicalMapping { return .text(s.decomposedStringWithCanonicalMapping) }
            return .text(Interesting.nfdLangSon)
        default:
            guard case .number(let x)? = original else { return .number(rng.pick(numbers) ?? 0) }
            return .number(rng.pick([x + 1, x - 1, -x, x * 2, x / 10, x + 0.5, x * 1e300]) ?? x)
        }
    }
}

/// Byte-level changes of a zip container: cut short, or bytes of the central directory, its end record or a
/// member flipped, so that XLSXReader's refusals (and ZIPFoundation under them) are run too.
enum ZipMutator {
    static func mutate(_ input: Data, _ rng: inout SplitMix64) -> (Data, String) {
        var data = [UInt8](input)
        guard data.count > 30 else {
            return (Data([0x50, 0x4B, 0x03, 0x04] + data), "zip: a tiny file given a local header signature")
        }
        let eocd = endRecord(data)
        let cdStart = eocd.map { Int(le32(data, $0 + 16)) }.flatMap { $0 < data.count ? $0 : nil }
        switch rng.below(10) {
        case 0, 1:
            let anywhere = 1 + rng.below(data.count - 1), nearEnd = data.count - 1 - rng.below(22)
            let n = rng.pick([data.count / 2, anywhere, nearEnd, 4, 22]) ?? 4
            return (Data(data.prefix(n)), "zip: cut to its first \(n) of \(data.count) bytes")
        case 2, 3:
            guard let start = cdStart else { return flip(&data, in: 0..<data.count, "anywhere", &rng) }
            return flip(&data, in: start..<data.count, "in the central directory", &rng)
        case 4, 5:
            guard let start = cdStart, let header = rng.pick(centralHeaders(data, from: start)) else {
                return flip(&data, in: 0..<data.count, "anywhere", &rng)
            }
            // A field of one central directory header: sizes, name length, extra length, local header offset.
            let fields: [(Int, String, Int)] = [(20, "compressed size", 4), (24, "uncompressed size", 4), (28, "name length", 2),
                                                (30, "extra field length", 2), (42, "local header offset", 4), (10, "method", 2),
                                                (16, "CRC-32", 4)]
            let (field, name, width) = rng.pick(fields) ?? fields[1]
            let random = UInt64(rng.below(1 << 16))
            let value: UInt64 = rng.pick([0, 1, 0xFFFF_FFFF, 0x7FFF_FFFF, UInt64(data.count), random]) ?? 0
            set(&data, header + field, width, value)
            return (Data(data), "zip: the \(name) of the central directory header at byte \(header) set to \(value & (width == 2 ? 0xFFFF : 0xFFFF_FFFF))")
        case 6:
            guard let e = eocd else { return flip(&data, in: 0..<data.count, "anywhere", &rng) }
            let fields: [(Int, String, Int)] = [(8, "entries on this disk", 2), (10, "entries", 2), (12, "central directory size", 4),
                                                (16, "central directory offset", 4), (20, "comment length", 2)]
            let (field, name, width) = rng.pick(fields) ?? fields[1]
            let random = UInt64(rng.below(1 << 16))
            let value: UInt64 = rng.pick([0, 1, 0xFFFF, 0xFFFF_FFFF, UInt64(data.count), random]) ?? 0
            set(&data, e + field, width, value)
            return (Data(data), "zip: the end record's \(name) set to \(value & (width == 2 ? 0xFFFF : 0xFFFF_FFFF))")
        case 7, 8:
            return flip(&data, in: 0..<(cdStart ?? data.count), "in the members (headers and compressed data)", &rng)
        default:
            let junk = [UInt8](repeating: 0, count: rng.pick([1, 100, 70_000]) ?? 1)
            if rng.chance(50) { return (Data(data + junk), "zip: \(junk.count) zero bytes appended") }
            return (Data(data.prefix(4) + junk + data.dropFirst(4)), "zip: \(junk.count) zero bytes put in after the signature")
        }
    }

    static func flip(_ data: inout [UInt8], in range: Range<Int>, _ where_: String, _ rng: inout SplitMix64) -> (Data, String) {
        guard !range.isEmpty else { return (Data(data), "zip: nothing to flip") }
        let n = rng.pick([1, 1, 2, 4, 16]) ?? 1
        var at: [Int] = []
        for _ in 0..<n {
            let i = range.lowerBound + rng.below(range.count)
            data[i] ^= UInt8(truncatingIfNeeded: 1 + rng.below(255))
            at.append(i)
        }
        return (Data(data), "zip: \(n) byte\(n == 1 ? "" : "s") flipped \(where_) (at \(at.prefix(4).map(String.init).joined(separator: ", "))\(n > 4 ? ", …" : ""))")
    }

    /// The offset of the end of central directory record (searched from the end, past a comment), if any.
    static func endRecord(_ d: [UInt8]) -> Int? {
        guard d.count >= 22 else { return nil }
        var i = d.count - 22
        while i >= max(0, d.count - 22 - 65_535) {
            if d[i] == 0x50, d[i + 1] == 0x4B, d[i + 2] == 0x05, d[i + 3] == 0x06 { return i }
            i -= 1
        }
        return nil
    }

    /// Offsets of the central directory headers from `start` on.
    static func centralHeaders(_ d: [UInt8], from start: Int) -> [Int] {
        var out: [Int] = [], i = start
        while i + 46 <= d.count, d[i] == 0x50, d[i + 1] == 0x4B, d[i + 2] == 0x01, d[i + 3] == 0x02 {
            out.append(i)
            i += 46 + Int(le16(d, i + 28)) + Int(le16(d, i + 30)) + Int(le16(d, i + 32))
        }
        return out
    }

    static func le16(_ d: [UInt8], _ i: Int) -> UInt16 { UInt16(d[i]) | UInt16(d[i + 1]) << 8 }
    static func le32(_ d: [UInt8], _ i: Int) -> UInt32 { UInt32(le16(d, i)) | UInt32(le16(d, i + 2)) << 16 }

    static func set(_ d: inout [UInt8], _ i: Int, _ width: Int, _ value: UInt64) {
        for k in 0..<width where i + k < d.count { d[i + k] = UInt8(truncatingIfNeeded: value >> (8 * UInt64(k))) }
    }
}
