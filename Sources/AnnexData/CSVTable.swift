import AnnexIO
import Foundation

/// A CSV file read into records with the line each record starts on, for located errors.
///
/// RFC 4180 with the variations spreadsheet exports bring: a UTF-8 byte order mark, `;` instead of `,`
/// (detected from the header line), CRLF or LF line ends, quoted fields with doubled quotes and line breaks.
/// Blank lines are skipped. Text is normalised to NFC.
public struct CSVTable: Sendable {
    /// One record of the file below the header.
    public struct Row: Sendable {
        /// 1-based line where the record starts.
        public var line: Int
        /// The record's fields, unquoted and in NFC, as many as the header has.
        public var fields: [String]
    }

    /// What errors call the file (its path, or the name given).
    public var file: String
    /// The column names of the header line.
    public var header: [String]
    /// The records below the header, blank lines left out.
    public var rows: [Row]
    /// The field separator: `,` or `;`.
    public var delimiter: Character

    /// Reads and parses the file at `path`; `displayName` is what errors call it. With a `delimiter`, the file
    /// must use it (as a dataset's manifest declares); without, `,` or `;` is detected from the header.
    public static func read(path: String, displayName: String? = nil, delimiter: Character? = nil) throws(DataError) -> CSVTable {
        let name = displayName ?? path
        let data: Data
        switch InputFile.read(path) {
        case .success(let d): data = d
        case .failure(let p): throw DataError([DataIssue(SourceLocation(file: name), expected: "a readable CSV file", found: p.found)])
        }
        let bytes = [UInt8](data.prefix(4))
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            throw DataError([DataIssue(SourceLocation(file: name), expected: "UTF-8 text (in Excel: Save As \"CSV UTF-8\")", found: "UTF-16 text")])
        }
        guard let text = String(data: data, encoding: .utf8) else {
            let line = data.prefix { $0 != 0 }.split(separator: 0x0A, omittingEmptySubsequences: false)
                .firstIndex { String(data: Data($0), encoding: .utf8) == nil }.map { $0 + 1 }
            throw DataError([DataIssue(SourceLocation(file: name, line: line), expected: "UTF-8 text (in Excel: Save As \"CSV UTF-8\")",
                                       found: "bytes that are not UTF-8")])
        }
        return try parse(text, file: name, delimiter: delimiter)
    }

    /// Parses CSV text as `read(path:displayName:delimiter:)` parses a file's; `file` names it in errors.
    public static func parse(_ input: String, file: String, delimiter declared: Character? = nil) throws(DataError) -> CSVTable {
        var bytes = Array(input.utf8)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        let firstLineEnd = bytes.firstIndex { $0 == 0x0A || $0 == 0x0D } ?? bytes.count
        let firstLine = bytes[..<firstLineEnd]
        let semis = firstLine.filter { $0 == 0x3B }.count, commas = firstLine.filter { $0 == 0x2C }.count
        let delimiter: Character = declared ?? (semis > commas ? ";" : ",")
        if let d = declared {
            let other: Character = d == ";" ? "," : ";"
            if !firstLine.contains(d.asciiValue!), firstLine.contains(other.asciiValue!) {
                throw DataError([DataIssue(SourceLocation(file: file, line: 1),
                                           expected: "fields separated by '\(d)' as the manifest declares",
                                           found: "a header separated by '\(other)'")])
            }
        }
        let (records, recordIssues) = records(bytes, file: file, delimiter: delimiter)
        var issues = recordIssues
        guard let head = records.first else {
            throw DataError([DataIssue(SourceLocation(file: file), expected: "a header line", found: "an empty file")])
        }
        let header = head.fields
        var seen: Set<String> = []
        for name in header {
            if name.isEmpty {
                issues.append(DataIssue(SourceLocation(file: file, line: head.line), expected: "a name for every column", found: "an empty column name"))
            } else if !seen.insert(name).inserted {
                issues.append(DataIssue(SourceLocation(file: file, line: head.line, column: name), expected: "each column once", found: "a second '\(name)'"))
            }
        }
        let rows = Array(records.dropFirst())
        for r in rows where r.fields.count != header.count {
            issues.append(DataIssue(SourceLocation(file: file, line: r.line),
                                    expected: "\(header.count) fields as in the header",
                                    found: "\(r.fields.count) fields"))
        }
        if !issues.isEmpty { throw DataError(issues) }
        return CSVTable(file: file, header: header, rows: rows, delimiter: delimiter)
    }

    /// The records of CSV text (UTF-8 bytes, without a byte order mark), each with the line it starts on, and the
    /// problems of its quoting. No header is taken: `parse` takes the first record as one; the importer looks for
    /// its header below title rows.
    public static func records(_ bytes: [UInt8], file: String, delimiter: Character) -> (records: [Row], issues: [DataIssue]) {
        let delim = delimiter.asciiValue ?? 0x2C
        let quote: UInt8 = 0x22, lf: UInt8 = 0x0A, cr: UInt8 = 0x0D, space: UInt8 = 0x20, tab: UInt8 = 0x09
        var records: [Row] = []
        var issues: [DataIssue] = []
        var fields: [String] = []
        var field: [UInt8] = []
        var quotedField = false, afterQuote = false
        var line = 1, recordLine = 1
        var i = 0
        let n = bytes.count

        func makeString(_ b: [UInt8], quoted: Bool) -> String {
            var slice = b[...]
            if !quoted {
                while let f = slice.first, f == space || f == tab { slice = slice.dropFirst() }
                while let l = slice.last, l == space || l == tab { slice = slice.dropLast() }
            }
            let s = String(decoding: slice, as: UTF8.self)
            return s.nfc
        }
        func endField() {
            fields.append(makeString(field, quoted: quotedField))
            field.removeAll(keepingCapacity: true); quotedField = false; afterQuote = false
        }
        func endRecord() {
            endField()
            if !(fields.count == 1 && fields[0].isEmpty) { records.append(Row(line: recordLine, fields: fields)) }
            fields = []
        }

        while i < n {
            let c = bytes[i]
            if quotedField && !afterQuote {
                // Inside quotes.
                if c == quote {
                    if i + 1 < n, bytes[i + 1] == quote { field.append(quote); i += 2; continue }
                    afterQuote = true; i += 1; continue
                }
                if c == lf || (c == cr && (i + 1 >= n || bytes[i + 1] != lf)) { line += 1 }
                field.append(c); i += 1; continue
            }
            switch c {
            case quote where !afterQuote && field.allSatisfy({ $0 == space || $0 == tab }):
                quotedField = true; field.removeAll(keepingCapacity: true)
            case delim:
                endField()
            case lf, cr:
                if c == cr, i + 1 < n, bytes[i + 1] == lf { i += 1 }
                endRecord()
                line += 1
                recordLine = line
            default:
                if afterQuote {
                    if c == space || c == tab { break }
                    issues.append(DataIssue(SourceLocation(file: file, line: line),
                                            expected: "a delimiter or line end after a closing quote",
                                            found: String(decoding: [c], as: UTF8.self)))
                    afterQuote = false
                    quotedField = false
                }
                field.append(c)
            }
            i += 1
        }
        if quotedField && !afterQuote {
            issues.append(DataIssue(SourceLocation(file: file, line: recordLine),
                                    expected: "a closing quote before the end of the file", found: "end of file"))
        }
        if !field.isEmpty || !fields.isEmpty || quotedField { endRecord() }
        return (records, issues)
    }

    /// The index of each required column; missing ones are reported together.
    public func columns(_ required: [String]) throws(DataError) -> [String: Int] {
        var map: [String: Int] = [:]
        for (i, h) in header.enumerated() { map[h] = i }
        let missing = required.filter { map[$0] == nil }
        if !missing.isEmpty {
            throw DataError(missing.map {
                DataIssue(SourceLocation(file: file, line: 1, column: $0), expected: "a column named '\($0)'",
                          found: "columns \(header.joined(separator: ", "))")
            })
        }
        return map
    }
}
