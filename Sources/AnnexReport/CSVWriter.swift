/// Writes tables as CSV that Excel opens correctly: UTF-8 with a byte order mark, CRLF line ends,
/// fields quoted when they hold a delimiter, quote or line break.
public enum CSVWriter {
    public static func encode(header: [String], rows: [[String]], delimiter: Character = ",") -> [UInt8] {
        func field(_ s: String) -> String {
            if s.contains(delimiter) || s.contains("\"") || s.contains("\n") || s.contains("\r") {
                return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            }
            return s
        }
        var text = "\u{FEFF}"
        for r in [header] + rows { text += r.map(field).joined(separator: String(delimiter)) + "\r\n" }
        return Array(text.utf8)
    }
}
