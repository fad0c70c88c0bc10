// AnnexSpec reads YAML specs by key with each key's line: the located errors every spec reader shares.
import AnnexIO
import AnnexData
import Foundation
import Yams

/// A problem in a spec file: the file, the line, the key, what was expected and what was found.
public struct SpecError: Error, Sendable, CustomStringConvertible {
    /// Every problem found, each with its file, line and key (`style.colors.Hữu Lũng`), in the order found; a
    /// reader reports all of a spec's problems at once rather than stopping at the first.
    public var issues: [DataIssue]
    /// An error that reports `issues`; its `description` prints them one per line.
    public init(_ issues: [DataIssue]) { self.issues = issues }
    package init(_ loc: SourceLocation, _ expected: String, _ found: String?) { issues = [DataIssue(loc, expected: expected, found: found)] }
    public var description: String { issues.map(\.description).joined(separator: "\n") }
}

/// Reads a YAML spec by key, remembering the line of each key, and refusing keys it does not know.
package struct SpecNode {
    package let node: Node
    package let path: String
    package let file: String
    /// The language of the run: texts may be given as `{vi: …, en: …}`.
    package var lang: Language? = nil

    package init(node: Node, path: String, file: String, lang: Language? = nil) {
        self.node = node; self.path = path; self.file = file; self.lang = lang
    }

    package static func parse(_ text: String, file: String) throws -> SpecNode {
        if let deep = YAMLNesting.firstExcess(in: text) {
            throw SpecError(SourceLocation(file: file, line: deep.line), "YAML nested at most \(YAMLNesting.limit) levels deep",
                            "\(deep.depth) levels")
        }
        let node: Node?
        do { node = try Yams.compose(yaml: text) } catch {
            var line: Int? = nil, problem = "\(error)"
            if let y = error as? YamlError {
                switch y {
                case .scanner(_, let p, let m, _), .parser(_, let p, let m, _), .composer(_, let p, let m, _): line = m.line; problem = p
                default: break
                }
            }
            throw SpecError(SourceLocation(file: file, line: line), "valid YAML", problem)
        }
        guard let node, node.mapping != nil else {
            throw SpecError(SourceLocation(file: file, line: 1), "a mapping of keys to values", "no keys")
        }
        return SpecNode(node: node, path: "", file: file)
    }

    package var location: SourceLocation { SourceLocation(file: file, line: node.mark?.line, column: path.isEmpty ? nil : path) }

    package func child(_ key: String) -> SpecNode? {
        guard let m = node.mapping, let n = m[Node(key)] else { return nil }
        return SpecNode(node: n, path: path.isEmpty ? key : path + "." + key, file: file, lang: lang)
    }

    package func require(_ key: String) throws -> SpecNode {
        guard let c = child(key) else {
            throw SpecError(SourceLocation(file: file, line: node.mark?.line, column: path.isEmpty ? key : path + "." + key), "a key '\(key)'", "nothing")
        }
        return c
    }

    /// Fails on keys not in `known` (a misspelt key is an error, not silently ignored), naming every such key.
    package func onlyKeys(_ known: [String]) throws {
        guard node.mapping != nil else { throw SpecError(location, "a mapping", describe) }
        let issues = unknownKeys(known)
        if !issues.isEmpty { throw SpecError(issues) }
    }

    /// The keys of this mapping not in `known`, each with a "did you mean"; none when this is not a mapping.
    package func unknownKeys(_ known: [String]) -> [DataIssue] {
        guard let m = node.mapping else { return [] }
        return m.compactMap { k, _ in
            let key = k.string ?? ""
            guard !known.contains(key) else { return nil }
            let hint = Spelling.nearest(to: key, in: known).map { "; did you mean '\($0)'?" } ?? ""
            return DataIssue(SourceLocation(file: file, line: k.mark?.line, column: path.isEmpty ? key : path + "." + key),
                             expected: "one of the keys " + known.joined(separator: ", ") + hint, found: key)
        }
    }

    package var describe: String {
        switch node {
        case .scalar(let s): s.string
        case .mapping: "a mapping"
        case .sequence: "a list"
        @unknown default: "an alias"
        }
    }

    package var string: String? { if case .scalar(let s) = node { return s.string.nfc } else { return nil } }

    package func text() throws -> String {
        if string == nil, let lang, let m = node.mapping {
            guard let v = m[Node(lang.rawValue)]?.string else {
                throw SpecError(location, "text, or a mapping with a '\(lang.rawValue)' text", describe)
            }
            return v.nfc
        }
        guard let s = string else { throw SpecError(location, "text", describe) }
        return s
    }

    package func number() throws -> Double {
        guard let s = string, let v = NumberParser.parse(s) else { throw SpecError(location, "a number written like 11.54", describe) }
        guard abs(v) <= NumberParser.largestMagnitude else {
            throw SpecError(location, "a number of at most 15 digits before the decimal point", describe)
        }
        return v
    }

    package func int(_ range: ClosedRange<Int>) throws -> Int {
        guard let s = string, let v = Int(s), range.contains(v) else {
            throw SpecError(location, "a whole number from \(range.lowerBound) to \(range.upperBound)", describe)
        }
        return v
    }

    package func bool() throws -> Bool {
        guard let b = node.bool, string != nil else { throw SpecError(location, "true or false", describe) }
        return b
    }

    package func oneOf(_ options: [String]) throws -> String {
        let s = try text()
        guard options.contains(s) else { throw SpecError(location, "one of " + options.joined(separator: ", "), s) }
        return s
    }

    package func list() throws -> [SpecNode] {
        guard let seq = node.sequence else { throw SpecError(location, "a list", describe) }
        return seq.enumerated().map { SpecNode(node: $1, path: "\(path)[\($0)]", file: file, lang: lang) }
    }

    /// `[fewest, most]` digits after the decimal mark.
    package func digits() throws -> ClosedRange<Int> {
        let parts = try list()
        guard parts.count == 2 else { throw SpecError(location, "[fewest, most] digits after the decimal mark, such as [1, 2]", describe) }
        let a = try parts[0].int(0...6), b = try parts[1].int(0...6)
        guard a <= b else { throw SpecError(location, "fewest digits no more than most", "[\(a), \(b)]") }
        return a...b
    }

    package func texts() throws -> [String] {
        if string != nil || node.mapping != nil { return [try text()] }
        var out: [String] = []
        for item in try list() { out.append(try item.text()) }
        return out
    }

    /// A mapping's entries in file order.
    package func entries() throws -> [(String, SpecNode)] {
        guard let m = node.mapping else { throw SpecError(location, "a mapping", describe) }
        return m.map { k, v in (k.string ?? "", SpecNode(node: v, path: path.isEmpty ? (k.string ?? "") : path + "." + (k.string ?? ""), file: file, lang: lang)) }
    }
}
