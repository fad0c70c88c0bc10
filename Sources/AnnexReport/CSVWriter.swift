import AnnexData

/// Writes tables as CSV that Excel opens correctly: UTF-8 with a byte order mark, CRLF line ends,
/// fields quoted when they hold a delimiter, quote or line break, and text that a spreadsheet would run as a
/// formula neutralised (`CSVCell`).

public enum CSVWriter {
    /// The bytes of a CSV file: a UTF-8 byte order mark, the `header` line, then one line per row, each ended by
    /// CRLF, fields separated by `delimiter` (`,` by default; people's files use `Language.csvDelimiter`).
    public static func encode(header: [String], rows: [[String]], delimiter: Character = ",") -> [UInt8] {
        func field(_ raw: String) -> String { CSVCell.quoted(CSVCell.neutralized(raw), delimiter: delimiter) }
        var text = "\u{FEFF}"
        for r in [header] + rows { text += r.map(field).joined(separator: String(delimiter)) + "\r\n" }
        return Array(text.utf8)
    }
}
