import AnnexIO
import Yams

/// Reads a YAML mapping by dotted key paths, with the line of each key for messages.
struct ManifestReader {
    let root: Node
    let file: String

    init(_ text: String, file: String) throws(DataError) {
        self.file = file
        if let deep = YAMLNesting.firstExcess(in: text) {
            throw DataError([DataIssue(SourceLocation(file: file, line: deep.line),
                                       expected: "YAML nested at most \(YAMLNesting.limit) levels deep",
                                       found: "\(deep.depth) levels")])
        }
        let node: Node?
        do { node = try Yams.compose(yaml: text) } catch {
            throw DataError([DataIssue(SourceLocation(file: file, line: ManifestReader.line(of: error)),
                                       expected: "valid YAML", found: ManifestReader.problem(of: error))])
        }
        guard let node, node.mapping != nil else {
            throw DataError([DataIssue(SourceLocation(file: file, line: 1), expected: "a mapping of keys to values", found: "no keys")])
        }
        root = node
    }

    static func line(of error: Error) -> Int? {
        if let y = error as? YamlError {
            switch y {
            case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _): return mark.line
            default: return nil
            }
        }
        return nil
    }

    static func problem(of error: Error) -> String {
        if let y = error as? YamlError {
            switch y {
            case .scanner(_, let problem, _, _), .parser(_, let problem, _, _), .composer(_, let problem, _, _): return problem
            default: return "\(y)"
            }
        }
        return "\(error)"
    }

    func node(_ path: String) -> Node? {
        var n: Node? = root
        for part in path.split(separator: ".") {
            guard let m = n?.mapping else { return nil }
            n = m[Node(String(part))]
        }
        return n
    }

    /// The location of a key (or of its parent when it is missing).
    func location(_ path: String) -> SourceLocation {
        var parts = path.split(separator: ".").map(String.init)
        while !parts.isEmpty {
            if let n = node(parts.joined(separator: ".")) {
                return SourceLocation(file: file, line: n.mark?.line, column: path)
            }
            parts.removeLast()
        }
        return SourceLocation(file: file, line: nil, column: path)
    }

    func string(_ path: String, required: Bool, _ issues: inout Issues) -> String? {
        guard let n = node(path) else {
            if required { issues.add(location(path), "a key '\(path)'", "nothing") }
            return nil
        }
        guard case .scalar(let s) = n else {
            issues.add(location(path), "text", n.mapping != nil ? "a mapping" : "a list"); return nil
        }
        if required, s.string.isEmpty { issues.add(location(path), "text", "nothing") }
        return s.string.nfc
    }

    /// An optional whole number in `range`.
    func int(_ path: String, in range: ClosedRange<Int>, _ issues: inout Issues) -> Int? {
        guard let n = node(path) else { return nil }
        guard let v = n.int, range.contains(v) else {
            issues.add(location(path), "a whole number from \(range.lowerBound) to \(range.upperBound)", n.string ?? "a structure"); return nil
        }
        return v
    }

    func bool(_ path: String, _ issues: inout Issues) -> Bool? {
        guard let n = node(path) else { issues.add(location(path), "a key '\(path)' (true or false)", "nothing"); return nil }
        guard let b = n.bool else { issues.add(location(path), "true or false", n.string ?? "a structure"); return nil }
        return b
    }

    /// The manifest's periods: a list (`[2018, 2019, 2020]`, `[2020-Q1, 2020-Q2]`) or a span
    /// (`{ from: 2019-01, to: 2020-12 }`), of one length (years, quarters or months), each once, in order.
    func periods(_ path: String, _ issues: inout Issues) -> [Period] {
        let example = "a list of periods such as [2018, 2019, 2020], or a span such as { from: 2019-01, to: 2020-12 }"
        guard let n = node(path) else { issues.add(location(path), "a key '\(path)' with " + example, "nothing"); return [] }
        func period(_ item: Node, _ key: String) -> Period? {
            let text = item.string ?? ""
            do { return try Period(parsing: text) } catch {
                issues.add(SourceLocation(file: file, line: item.mark?.line, column: key),
                           "a year (2020), a quarter (2020-Q2) or a month (2020-06)", item.string ?? "a structure")
                return nil
            }
        }
        var out: [Period] = []
        if let m = n.mapping {
            for k in m.keys where !["from", "to"].contains(k.string ?? "") {
                issues.add(SourceLocation(file: file, line: k.mark?.line, column: path), "the keys from and to", k.string ?? "a structure")
            }
            guard let f = m["from"], let t = m["to"] else { issues.add(location(path), example, "a mapping without from and to"); return [] }
            guard let a = period(f, path + ".from"), let b = period(t, path + ".to") else { return [] }
            guard a.granularity == b.granularity else {
                issues.add(location(path), "from and to of one length (two months, two quarters or two years)", "\(a) and \(b)"); return []
            }
            guard a <= b, b.ordinal - a.ordinal < 1200 else { issues.add(location(path), "a span from an earlier to a later period (at most 1200)", "\(a) to \(b)"); return [] }
            return Period.sequence(from: a, through: b)
        }
        guard let seq = n.sequence, !seq.isEmpty else { issues.add(location(path), example, n.string ?? "an empty list"); return [] }
        for item in seq {
            guard let p = period(item, path) else { continue }
            if !(1900...2100).contains(p.year) {
                issues.add(SourceLocation(file: file, line: item.mark?.line, column: path), "a period between 1900 and 2100", item.string ?? ""); continue
            }
            if out.contains(p) { issues.add(SourceLocation(file: file, line: item.mark?.line, column: path), "each period once", p.description) }
            if let first = out.first, first.granularity != p.granularity {
                issues.add(SourceLocation(file: file, line: item.mark?.line, column: path), "periods of one length (like the first, \(first))", p.description); continue
            }
            out.append(p)
        }
        if out != out.sorted() { issues.add(location(path), "periods in increasing order", out.map(\.description).joined(separator: ", ")) }
        return out
    }

    /// Optional keys read by `readOptionalKeys(into:_:)`, known besides those the loader names.
    static let optionalKeys: Set<String> = ["calibrated_to"]

    /// Reads the optional keys that only some datasets have into `manifest` (after `synthetic` is read):
    /// `calibrated_to`, a list of source ids, allowed only for synthetic data. The ids are checked against
    /// `sources.csv` with the dataset's other logic (`DatasetChecks`).
    func readOptionalKeys(into manifest: inout Manifest, _ issues: inout Issues) {
        guard let n = node("calibrated_to") else { return }
        manifest.calibratedToLocation = location("calibrated_to")
        guard let seq = n.sequence, !seq.isEmpty else {
            issues.add(location("calibrated_to"), "a list of source ids of sources.csv, such as [tb-2020-02-ntm2020]", n.string ?? "an empty list")
            return
        }
        for item in seq {
            guard let id = item.string, !id.isEmpty else {
                issues.add(SourceLocation(file: file, line: item.mark?.line, column: "calibrated_to"), "a source id", "a structure"); continue
            }
            manifest.calibratedTo.append(id)
        }
        if !manifest.synthetic {
            issues.add(location("calibrated_to"), "calibrated_to only in the manifest of synthetic data (synthetic: true)", "synthetic: false")
        }
    }

    /// Warnings for keys nobody reads (a typo such as `synthetc`).
    func unknownKeys(_ known: Set<String>) -> [DataIssue] {
        let known = known.union(ManifestReader.optionalKeys)
        var out: [DataIssue] = []
        func walk(_ n: Node, _ prefix: String) {
            guard let m = n.mapping else { return }
            for (k, v) in m {
                let key = prefix.isEmpty ? (k.string ?? "") : prefix + "." + (k.string ?? "")
                if !known.contains(key) {
                    out.append(DataIssue(SourceLocation(file: file, line: k.mark?.line, column: key),
                                         expected: "a known key (this one is ignored)", found: key))
                } else { walk(v, key) }
            }
        }
        walk(root, "")
        return out
    }
}
