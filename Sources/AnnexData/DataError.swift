/// Where in an input a problem was found.
public struct SourceLocation: Hashable, Sendable, CustomStringConvertible {
    public var file: String
    /// 1-based line of the record (nil for a whole-file problem).
    public var line: Int?
    /// The column's header name, or a key path in structured files.
    public var column: String?

    public init(file: String, line: Int? = nil, column: String? = nil) {
        self.file = file; self.line = line; self.column = column
    }

    public var description: String {
        var s = file
        if let line { s += ":\(line)" }
        if let column { s += [".yaml", ".yml", ".json", ".geojson"].contains(where: { file.hasSuffix($0) }) ? ": key '\(column)'" : ": column '\(column)'" }
        return s
    }
}

/// One problem in an input: where, what was expected and what was found.
public struct DataIssue: Hashable, Sendable, CustomStringConvertible {
    public var location: SourceLocation
    public var expected: String
    public var found: String?

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
    public var issues: [DataIssue]
    public init(_ issues: [DataIssue]) { self.issues = issues }

    public var description: String {
        let n = issues.count
        return issues.map(\.description).joined(separator: "\n")
            + (n > 1 ? "\n\(n) problems found" : "")
    }
}
