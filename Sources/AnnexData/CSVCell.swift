/// What goes into a cell of a CSV file Annex writes, made safe to open in a spreadsheet.
///
/// Excel, LibreOffice and Google Sheets run a cell that begins with `=`, `+`, `-` or `@` (and, in some versions,
/// a tab or a carriage return) as a formula: a commune named `=HYPERLINK(…)` in a user's dataset would become a
/// live link in every table Annex writes (CSV injection). As OWASP recommends, such a text cell gets a leading `'`,
/// which the spreadsheet shows as the text itself. Numbers are left alone, so `-1,5` and `-3` stay numbers.
public enum CSVCell {
    /// The characters a spreadsheet may read as the start of a formula.
    static let formulaStarts: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r", "\u{FF1D}", "\u{FF0B}", "\u{FF0D}", "\u{FF20}"]

    /// `text` itself, or `'` + `text` when it is text a spreadsheet would run as a formula.
    public static func neutralized(_ text: String) -> String {
        guard let first = text.unicodeScalars.first, formulaStarts.contains(first) else { return text }
        if isNumber(text) { return text }
        return "'" + text
    }

    /// `text` as a CSV field: quoted (quotes doubled) when it holds the delimiter, a quote or a line break. The one
    /// quoting of every CSV Annex writes (tables, `annex analyze`, datasets it makes).
    public static func quoted(_ text: String, delimiter: Character = ",") -> String {
        let d = delimiter.asciiValue ?? 0x2C
        guard text.utf8.contains(where: { $0 == d || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// A number as Annex writes them in either language: `-3`, `-1.5`, `-1,5`, `-4.111,5`, `+2`, `-12%`.
    static func isNumber(_ text: String) -> Bool {
        let body = text.hasSuffix("%") ? String(text.dropLast()) : text
        return NumberParser.parse(body, decimalSeparator: ".") != nil || NumberParser.parse(body, decimalSeparator: ",") != nil
    }
}
