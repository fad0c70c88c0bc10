import Foundation
import AnnexOffice

/// A sheet to write: cells by row, with merges, column widths, list validations and a frozen header.
public struct SheetSpec: Sendable {
    /// A list of allowed values for a range: literal values (`"0,1"`) or a range of another sheet.
    public struct Validation: Sendable {
        /// The cells the list applies to, in A1 notation (`D3:D500`).
        public var range: String
        /// The allowed values as Excel's formula: a quoted list (`"0,1"`) or a range of another sheet
        /// (`Lists!$A$2:$A$12`).
        public var formula: String
        /// A message Excel shows when one of the cells is selected, or nil.
        public var prompt: String?
        /// A list of literal values for `range` (the values must not contain commas).
        public init(range: String, values: [String], prompt: String? = nil) {
            self.range = range; self.formula = "\"" + values.joined(separator: ",") + "\""; self.prompt = prompt
        }
        /// A list of the values in a range of the workbook (`Lists!$A$2:$A$12`) for `range`.
        public init(range: String, reference: String, prompt: String? = nil) {
            self.range = range; self.formula = reference; self.prompt = prompt
        }
    }

    /// What a cell holds when written.
    public enum Value: Sendable {
        /// Text, written as an inline string.
        case text(String)
        /// A number, written in its shortest form (`3`, `10.45`).
        case number(Double)
        /// A formula without the leading `=` (`SUM(C3:C20)`), written without a saved value: Excel and LibreOffice
        /// compute it on opening.
        case formula(String)
    }

    /// The sheet's name on its tab (Excel allows at most 31 characters and none of `[]:*?/\`).
    public var name: String
    /// Row → column → value (1-based).
    public var cells: [Int: [Int: Value]] = [:]
    /// Cells drawn bold (titles, headers).
    public var bold: Set<CellRef> = []
    /// The ranges to merge (titles across a table, headings over several columns).
    public var merges: [CellRange] = []
    /// Column widths in Excel's units (characters of the default font), by 1-based column; others keep the default
    /// width.
    public var widths: [Int: Double] = [:]
    /// Row heights in points, for rows of wrapped text (Excel and LibreOffice keep a row's stored height).
    public var heights: [Int: Double] = [:]
    /// The lists of allowed values (drop-down lists in Excel).
    public var validations: [Validation] = []
    /// Rows above this one stay in view when scrolling.
    public var frozenRows = 0
    /// Printed on A4 in landscape, the columns fitted to the page's width (a sheet of 28 columns).
    public var printLandscapeFitWidth = false
    /// A sheet hidden in Excel (`state="hidden"`), and rows hidden in it (rows with cells only).
    public var hidden = false
    /// The rows hidden in the sheet (only rows that hold cells can be hidden).
    public var hiddenRows: Set<Int> = []

    /// An empty sheet named `name`.
    public init(name: String) { self.name = name }

    /// Puts a value at a 1-based row and column, replacing what was there, drawn bold when `bold`.
    public mutating func set(_ row: Int, _ column: Int, _ value: Value, bold: Bool = false) {
        cells[row, default: [:]][column] = value
        if bold { self.bold.insert(CellRef(row: row, column: column)) }
    }
}

/// Writes a minimal Office Open XML workbook that Excel, LibreOffice and Annex read: inline strings, numbers,
/// formulas (without saved values), two styles (plain and bold, both wrapping), merges, widths, frozen panes and
/// list validations. Deterministic: parts in a fixed order, fixed zip times, no document properties with dates.
public enum XLSXWriter {
    /// Every zip entry carries this time, so the same sheets give the same bytes.
    static let fixedDate = Date(timeIntervalSince1970: 1_577_836_800)   // 2020-01-01

    /// The `.xlsx` file of these sheets, in workbook order, as bytes; the same sheets always give the same bytes.
    /// Throws when ZIPFoundation cannot build the archive.
    public static func data(_ sheets: [SheetSpec]) throws -> Data {
        var parts: [OfficePart] = [
            OfficePart("[Content_Types].xml", xml: contentTypes(sheets.count)),
            OfficePart("_rels/.rels", xml: """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>
                """),
            OfficePart("xl/workbook.xml", xml: workbook(sheets)),
            OfficePart("xl/_rels/workbook.xml.rels", xml: workbookRels(sheets.count)),
            OfficePart("xl/styles.xml", xml: styles),
        ]
        for (i, s) in sheets.enumerated() { parts.append(OfficePart("xl/worksheets/sheet\(i + 1).xml", xml: sheet(s))) }
        return try OfficePackage.zip(parts, date: fixedDate)
    }

    static func contentTypes(_ n: Int) -> String {
        var s = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>
            """
        for i in 1...max(1, n) {
            s += "<Override PartName=\"/xl/worksheets/sheet\(i).xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
        }
        return s + "</Types>"
    }

    static func workbook(_ sheets: [SheetSpec]) -> String {
        var s = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>
            """
        for (i, sh) in sheets.enumerated() { s += "<sheet name=\"\(escape(sh.name))\" sheetId=\"\(i + 1)\"\(sh.hidden ? " state=\"hidden\"" : "") r:id=\"rId\(i + 1)\"/>" }
        return s + "</sheets></workbook>"
    }

    static func workbookRels(_ n: Int) -> String {
        var s = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
            """
        for i in 1...max(1, n) {
            s += "<Relationship Id=\"rId\(i)\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet\(i).xml\"/>"
        }
        s += "<Relationship Id=\"rId\(n + 1)\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>"
        return s + "</Relationships>"
    }

    /// Style 0: the default; style 1: bold, centred; style 2: plain, wrapping, aligned to the top (every cell written
    /// names its style: LibreOffice does not apply the default style's alignment).
    static let styles = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="2"><font><sz val="11"/><name val="Times New Roman"/></font><font><b/><sz val="11"/><name val="Times New Roman"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1" applyAlignment="1"><alignment horizontal="center" vertical="center" wrapText="1"/></xf><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>
        """

    static func sheet(_ s: SheetSpec) -> String {
        var x = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
            """
        if s.printLandscapeFitWidth { x += "<sheetPr><pageSetUpPr fitToPage=\"1\"/></sheetPr>" }
        if s.frozenRows > 0 {
            x += "<sheetViews><sheetView workbookViewId=\"0\"><pane ySplit=\"\(s.frozenRows)\" topLeftCell=\"A\(s.frozenRows + 1)\" activePane=\"bottomLeft\" state=\"frozen\"/></sheetView></sheetViews>"
        }
        if !s.widths.isEmpty {
            x += "<cols>"
            for (c, w) in s.widths.sorted(by: { $0.key < $1.key }) { x += "<col min=\"\(c)\" max=\"\(c)\" width=\"\(w)\" customWidth=\"1\"/>" }
            x += "</cols>"
        }
        x += "<sheetData>"
        for (r, cells) in s.cells.sorted(by: { $0.key < $1.key }) {
            let height = s.heights[r].map { " ht=\"\($0)\" customHeight=\"1\"" } ?? ""
            x += "<row r=\"\(r)\"\(height)\(s.hiddenRows.contains(r) ? " hidden=\"1\"" : "")>"
            for (c, v) in cells.sorted(by: { $0.key < $1.key }) {
                let ref = CellRef(row: r, column: c)
                let style = s.bold.contains(ref) ? " s=\"1\"" : " s=\"2\""
                switch v {
                case .text(let t): x += "<c r=\"\(ref)\"\(style) t=\"inlineStr\"><is><t xml:space=\"preserve\">\(escape(t))</t></is></c>"
                case .number(let n): x += "<c r=\"\(ref)\"\(style)><v>\(n == n.rounded() && abs(n) < 1e15 ? String(Int64(n)) : String(n))</v></c>"
                case .formula(let f): x += "<c r=\"\(ref)\"\(style)><f>\(escape(f))</f></c>"
                }
            }
            x += "</row>"
        }
        x += "</sheetData>"
        if !s.merges.isEmpty {
            x += "<mergeCells count=\"\(s.merges.count)\">" + s.merges.map { "<mergeCell ref=\"\($0)\"/>" }.joined() + "</mergeCells>"
        }
        if !s.validations.isEmpty {
            x += "<dataValidations count=\"\(s.validations.count)\">"
            for v in s.validations {
                let prompt = v.prompt.map { " showInputMessage=\"1\" prompt=\"\(escape($0))\"" } ?? ""
                x += "<dataValidation type=\"list\" allowBlank=\"1\" showErrorMessage=\"1\"\(prompt) sqref=\"\(v.range)\"><formula1>\(escape(v.formula))</formula1></dataValidation>"
            }
            x += "</dataValidations>"
        }
        x += "<pageMargins left=\"0.5\" right=\"0.5\" top=\"0.6\" bottom=\"0.6\" header=\"0.3\" footer=\"0.3\"/>"
        x += s.printLandscapeFitWidth ? "<pageSetup paperSize=\"9\" orientation=\"landscape\" fitToWidth=\"1\" fitToHeight=\"0\"/>"
                                      : "<pageSetup paperSize=\"9\" orientation=\"portrait\"/>"
        return x + "</worksheet>"
    }

    /// Text for the workbook's XML: the one escaping of every Office file Annex writes (NFC, entities, no control
    /// characters).
    static func escape(_ s: String) -> String { OfficeXML.escape(s) }
}
