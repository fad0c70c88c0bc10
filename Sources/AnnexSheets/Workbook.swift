/// The spreadsheet model Annex reads workbooks into: sheets of cells with their values as Excel stored them
/// (text, number, boolean, error; dates as numbers with a date format), merged ranges and hidden rows. Formulas
/// are never evaluated: a formula cell holds the value Excel cached for it, or nothing.

/// A cell's place: 1-based row and column, written `C12`.
public struct CellRef: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The row number, from 1.
    public var row: Int
    /// The column number, from 1 (`A` is 1, `AA` is 27).
    public var column: Int

    /// The cell at a 1-based row and column.
    public init(row: Int, column: Int) { self.row = row; self.column = column }

    /// Parses `C12` (letters then digits); nil for anything else.
    public init?(_ a1: String) {
        var col = 0, row = 0, seenDigit = false
        for u in a1.utf8 {
            switch u {
            case 0x41...0x5A where !seenDigit: col = col * 26 + Int(u - 0x40)
            case 0x61...0x7A where !seenDigit: col = col * 26 + Int(u - 0x60)
            case 0x30...0x39: seenDigit = true; row = row * 10 + Int(u - 0x30)
            case 0x24: continue   // $A$1
            default: return nil
            }
            if col > 16_384 || row > 1_048_576 { return nil }
        }
        guard col > 0, row > 0 else { return nil }
        self.row = row; self.column = col
    }

    /// `A`, `Z`, `AA`, … for a 1-based column.
    public static func letters(_ column: Int) -> String {
        var n = column, out: [Character] = []
        while n > 0 {
            let r = (n - 1) % 26
            out.insert(Character(UnicodeScalar(UInt8(65 + r))), at: 0)
            n = (n - 1) / 26
        }
        return String(out)
    }

    public var description: String { CellRef.letters(column) + String(row) }

    public static func < (a: CellRef, b: CellRef) -> Bool { (a.row, a.column) < (b.row, b.column) }
}

/// A rectangle of cells, such as a merged range `A1:T1`.
public struct CellRange: Hashable, Sendable, CustomStringConvertible {
    /// The top left cell of the range.
    public var first: CellRef
    /// The bottom right cell of the range (the same as `first` for a single cell).
    public var last: CellRef

    /// The range from its top left to its bottom right cell.
    public init(first: CellRef, last: CellRef) { self.first = first; self.last = last }

    /// Parses `A1:T1` or a single `C12` (either corner first); nil for anything else.
    public init?(_ ref: String) {
        let parts = ref.split(separator: ":")
        guard let a = parts.first.flatMap({ CellRef(String($0)) }) else { return nil }
        let b = parts.count > 1 ? CellRef(String(parts[1])) : a
        guard let b, parts.count <= 2 else { return nil }
        first = CellRef(row: min(a.row, b.row), column: min(a.column, b.column))
        last = CellRef(row: max(a.row, b.row), column: max(a.column, b.column))
    }

    /// True when the cell lies inside the range, edges included.
    public func contains(_ c: CellRef) -> Bool {
        (first.row...last.row).contains(c.row) && (first.column...last.column).contains(c.column)
    }

    public var description: String { first == last ? first.description : "\(first):\(last)" }
}

/// A cell's value as stored.
public enum CellValue: Hashable, Sendable {
    /// Text: a shared or inline string, or the cached text of a formula.
    case text(String)
    /// A number; dates are numbers too (see `Cell.isDate`).
    case number(Double)
    /// A boolean, `TRUE` or `FALSE` in Excel.
    case bool(Bool)
    /// An Excel error such as `#DIV/0!`.
    case error(String)

    /// The value as text: numbers in their shortest form (`3`, `10.45`), booleans `TRUE`/`FALSE`.
    public var text: String {
        switch self {
        case .text(let s): s
        case .number(let x): x == x.rounded() && abs(x) < 1e15 ? String(Int64(x)) : String(x)
        case .bool(let b): b ? "TRUE" : "FALSE"
        case .error(let e): e
        }
    }
}

/// One stored cell.
public struct Cell: Hashable, Sendable {
    /// Where the cell is.
    public var ref: CellRef
    /// What the cell holds, as stored (a formula's cached result).
    public var value: CellValue
    /// Whether the cell's format shows its number as a date (an Excel serial date).
    public var isDate: Bool
    /// Whether the cell holds a formula (its value is Excel's cached result).
    public var isFormula: Bool

    /// A cell at `ref` holding `value`; neither a date nor a formula unless said.
    public init(ref: CellRef, value: CellValue, isDate: Bool = false, isFormula: Bool = false) {
        self.ref = ref; self.value = value; self.isDate = isDate; self.isFormula = isFormula
    }
}

/// One worksheet.
public struct Sheet: Sendable {
    /// The sheet's name as its tab shows it ("Năm 2019").
    public var name: String
    /// Hidden or very hidden in Excel.
    public var hidden: Bool
    /// Rows by number, each with its cells by column; rows and cells that hold nothing are absent.
    public private(set) var rows: [Int: [Int: Cell]] = [:]
    /// The numbers of the rows hidden in Excel; their cells are still read.
    public var hiddenRows: Set<Int>
    /// The numbers of the columns hidden in Excel.
    public var hiddenColumns: Set<Int>
    /// The merged ranges, in the order the file lists them (the first 100 000).
    public private(set) var merges: [CellRange] = []
    /// The last row and column that hold a cell.
    public private(set) var lastRow = 0
    /// The last column that holds a cell (0 for an empty sheet).
    public private(set) var lastColumn = 0
    /// Row → the merged ranges over it (a sheet of 700 district headings merged across would otherwise be scanned
    /// whole for every empty cell).
    private var mergesByRow: [Int: [Int]] = [:]
    private var indexedMergeRows = 0
    /// Formula cells with no saved value (a workbook written by a program that does not compute formulas).
    public var uncachedFormulas: Set<CellRef> = []
    /// Cells naming a shared string past the workbook's table (a damaged file).
    public var missingStrings: Set<CellRef> = []

    /// A sheet with these cells (by row, then column), hidden rows and columns, and merged ranges.
    public init(name: String, hidden: Bool = false, rows: [Int: [Int: Cell]] = [:], hiddenRows: Set<Int> = [],
                hiddenColumns: Set<Int> = [], merges: [CellRange] = []) {
        self.name = name; self.hidden = hidden; self.hiddenRows = hiddenRows; self.hiddenColumns = hiddenColumns
        for row in rows.values { for cell in row.values { put(cell) } }
        for m in merges { merge(m) }
    }

    /// Stores a cell at its place.
    public mutating func put(_ cell: Cell) {
        rows[cell.ref.row, default: [:]][cell.ref.column] = cell
        lastRow = max(lastRow, cell.ref.row); lastColumn = max(lastColumn, cell.ref.column)
    }

    /// Adds a merged range.
    public mutating func merge(_ range: CellRange) {
        // Merged titles and headings span a few rows; a range is indexed over its first 1 000 rows at most, and a
        // sheet's first 100 000 merges and 1 000 000 indexed rows, so that a damaged or hostile file cannot make the
        // index huge.
        guard merges.count < 100_000, indexedMergeRows < 1_000_000 else { return }
        merges.append(range)
        for r in range.first.row...min(range.last.row, range.first.row + 999) { mergesByRow[r, default: []].append(merges.count - 1) }
        indexedMergeRows += min(range.last.row, range.first.row + 999) - range.first.row + 1
    }

    /// The cell stored at a row and column, or nil; merged ranges are not followed (see `value(_:_:)`).
    public func cell(_ row: Int, _ column: Int) -> Cell? { rows[row]?[column] }

    /// The numbers of the rows that hold cells, in order.
    public var rowNumbers: [Int] { rows.keys.sorted() }

    /// A row's own cells (not those of merges over it), by column.
    public func cells(inRow row: Int) -> [Cell] { (rows[row] ?? [:]).sorted { $0.key < $1.key }.map(\.value) }

    /// The cell's value, or that of the merged range's first cell when the cell lies inside a merge.
    public func value(_ row: Int, _ column: Int) -> CellValue? {
        if let c = rows[row]?[column] { return c.value }
        if let m = merge(containing: CellRef(row: row, column: column)), m.first != CellRef(row: row, column: column) {
            return rows[m.first.row]?[m.first.column]?.value
        }
        return nil
    }

    @inline(__always)
    static func mayBeSpace(_ u: Unicode.Scalar) -> Bool {
        u.value < 0x80 ? (u.value <= 0x20 || u.value == 0x7F) : u.properties.isWhitespace || u.value == 0xFEFF || u.value == 0x200B
    }

    /// The merged range that covers the cell, or nil.
    public func merge(containing ref: CellRef) -> CellRange? {
        mergesByRow[ref.row]?.lazy.map { self.merges[$0] }.first { $0.contains(ref) }
    }

    /// Text of a cell (merged ranges followed), trimmed; "" for nothing.
    public func text(_ row: Int, _ column: Int) -> String {
        guard let v = value(row, column) else { return "" }
        let t = v.text
        // Most cells need no trimming: look at the ends before asking Foundation.
        guard let first = t.unicodeScalars.first, let last = t.unicodeScalars.last,
              Sheet.mayBeSpace(first) || Sheet.mayBeSpace(last) else { return t }
        return t.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

/// A workbook: its sheets in workbook order.
public struct Workbook: Sendable {
    /// What errors call the file (its path as given).
    public var file: String
    /// The sheets in workbook order, hidden ones included (`Sheet.hidden` says which).
    public var sheets: [Sheet]
    /// A text file (CSV) read as one sheet: places are written `file.csv!C12`.
    public var isText = false

    /// A workbook read from `file` (the name errors use) with these sheets.
    public init(file: String, sheets: [Sheet]) { self.file = file; self.sheets = sheets }

    /// `book.xlsx[Năm 2019]!C12`: where a problem is, as error messages write it.
    public func location(_ sheet: String, _ ref: CellRef? = nil) -> String {
        (isText ? file : "\(file)[\(sheet)]") + (ref.map { "!\($0)" } ?? "")
    }
}

/// Excel's serial dates: days since 1899-12-30 (the 1900 leap-year bug included, as Excel counts).
public enum SerialDate {
    /// `YYYY-MM-DD` of a serial day number; nil outside 1900–9999.
    public static func iso(_ serial: Double) -> String? {
        guard serial.isFinite, serial >= 1, serial < 2_958_466 else { return nil }
        // Civil-from-days (Howard Hinnant), from 1970-01-01 = serial 25569.
        let z = Int(serial.rounded(.down)) - 25569 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(y)-\(two(m))-\(two(d))"
    }
}
