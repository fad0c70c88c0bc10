/// Where in an input a problem was found.
public struct SourceLocation: Hashable, Sendable, CustomStringConvertible {
    /// The file's path, as messages show it.
    public var file: String
    /// 1-based line of the record (nil for a whole-file problem).
    public var line: Int?
    /// The column's header name, or a key path in structured files.
    public var column: String?

    /// A place in `file`: a line and a column or key path, or the whole file.
    public init(file: String, line: Int? = nil, column: String? = nil) {
        self.file = file; self.line = line; self.column = column
    }

    public var description: String {
        var s = file
        if let line { s += ":\(line)" }
        if let column { s += [".yaml", ".yml", ".json", ".geojson", ".topojson"].contains(where: { file.hasSuffix($0) }) ? ": key '\(column)'" : ": column '\(column)'" }
        return s
    }
}

/// One problem in an input: where, what was expected and what was found.
public struct DataIssue: Hashable, Sendable, CustomStringConvertible {
    /// Where the problem is.
    public var location: SourceLocation
    /// What should be there, in words ("a number with a decimal point (11.54)").
    public var expected: String
    /// What is there instead, as written; nil when nothing is (a missing column or file).
    public var found: String?

    /// A problem at `location`: what was expected and, when something was, what was found.
    public init(_ location: SourceLocation, expected: String, found: String? = nil) {
        self.location = location; self.expected = expected; self.found = found
    }

    public var description: String {
        var s = "\(location): expected \(expected)"
        if let found {
            let shown = found.count > 60 ? found.prefix(57) + "…" : Substring(found)
            s += ", found '\(shown)'"
        }
        return s
    }
}

/// All the problems found in one load (never just the first).
public struct DataError: Error, Sendable, CustomStringConvertible {
    /// Every problem found, in the order found.
    public var issues: [DataIssue]
    /// An error of these problems.
    public init(_ issues: [DataIssue]) { self.issues = issues }

    public var description: String {
        let n = issues.count
        return issues.map(\.description).joined(separator: "\n")
            + (n > 1 ? "\n\(n) problems found" : "")
    }
}
