import Foundation

/// Whether a figure is a result or a target, and how firm it is.
public enum FactKind: String, Sendable, CaseIterable, Hashable, Codable {
    /// A result up to the source's cut-off date.
    case actual
    /// A target of a plan.
    case plan
    /// An estimate to the end of a period (ước thực hiện, dự kiến).
    case estimate
}

/// Whether the source states a figure or it follows from figures the source states.
public enum FactBasis: String, Sendable, CaseIterable, Hashable, Codable {
    case stated
    /// Computed from stated figures; `Fact.derivation` says how.
    case derived
}

/// The level a figure describes.
public enum FactScope: String, Sendable, CaseIterable, Hashable, Codable {
    case province, group, district
}

/// One figure of a published report, with where it comes from.
public struct Fact: Hashable, Sendable {
    public var id: String
    public var scope: FactScope
    public var group: String
    public var metric: String
    public var year: Int
    public var kind: FactKind
    public var basis: FactBasis
    public var value: Double
    /// The upper bound of a range ("11,5–12 tiêu chí/xã"); nil for a point value.
    public var valueHigh: Double?
    public var unit: String
    public var source: String
    public var derivation: String
    public var quote: String
    /// Where the row is, for messages.
    public var location: SourceLocation
}

/// A group of communes (or the province as a whole) that figures are reported for.
public struct GroupInfo: Hashable, Sendable {
    public var id: String
    public var name: [Language: String]
    public var shortName: [Language: String]
    public var description: String

    public func name(_ lang: Language) -> String { name[lang] ?? id }
    public func shortName(_ lang: Language) -> String { shortName[lang] ?? name(lang) }
}

/// A published document figures are taken from.
public struct SourceDocument: Hashable, Sendable {
    public var id: String
    public var issuer: [Language: String]
    public var title: [Language: String]
    /// Date of the event or document, `YYYY-MM-DD`.
    public var date: String
    /// Figures are actual to this date (`YYYY-MM-DD`) and estimated beyond it; empty when not stated.
    public var dataCutoff: String
    /// The short citation printed under a figure.
    public var citation: [Language: String]

    public func citation(_ lang: Language) -> String { citation[lang] ?? citation[.vi] ?? id }
}

/// The figures of the notices: a folder with `facts.csv`, `groups.csv` and `sources.csv`.
public struct NoticeFacts: Sendable {
    public var facts: [Fact]
    public var groups: [String: GroupInfo]
    /// Group ids in file order.
    public var groupOrder: [String]
    public var sources: [String: SourceDocument]
    public var folder: String

    /// The one fact matching, or nil.
    public func fact(group: String, metric: String, year: Int, kind: FactKind) -> Fact? {
        facts.first { $0.group == group && $0.metric == metric && $0.year == year && $0.kind == kind }
    }

    public func facts(metric: String) -> [Fact] { facts.filter { $0.metric == metric } }
}

extension NoticeFacts {
    static let factColumns = ["id", "scope", "group", "metric", "year", "kind", "basis", "value", "value_high",
                              "unit", "source", "derivation", "quote"]
    static let groupColumns = ["id", "name_vi", "name_en", "short_vi", "short_en", "description"]
    static let sourceColumns = ["id", "issuer_vi", "issuer_en", "title_vi", "title_en", "date", "data_cutoff",
                                "citation_vi", "citation_en"]

    /// Loads and checks the folder. Every problem in every file is reported in one `DataError`.
    public static func load(folder: String) throws(DataError) -> NoticeFacts {
        var issues: [DataIssue] = []
        func table(_ name: String) -> CSVTable? {
            let path = (folder as NSString).appendingPathComponent(name)
            do { return try CSVTable.read(path: path) } catch { issues += error.issues; return nil }
        }
        let groupsT = table("groups.csv"), sourcesT = table("sources.csv"), factsT = table("facts.csv")

        var groups: [String: GroupInfo] = [:], order: [String] = []
        if let t = groupsT { (groups, order) = parseGroups(t, &issues) }
        var sources: [String: SourceDocument] = [:]
        if let t = sourcesT { sources = parseSources(t, &issues) }
        var facts: [Fact] = []
        if let t = factsT {
            facts = parseFacts(t, groups: groupsT == nil ? nil : Set(groups.keys),
                               sources: sourcesT == nil ? nil : Set(sources.keys), &issues)
        }
        if !issues.isEmpty { throw DataError(issues) }
        return NoticeFacts(facts: facts, groups: groups, groupOrder: order, sources: sources, folder: folder)
    }

    private static func columnsOrRecord(_ t: CSVTable, _ names: [String], _ issues: inout [DataIssue]) -> [String: Int]? {
        do { return try t.columns(names) } catch { issues += error.issues; return nil }
    }

    private static func parseGroups(_ t: CSVTable, _ issues: inout [DataIssue]) -> ([String: GroupInfo], [String]) {
        guard let c = columnsOrRecord(t, groupColumns, &issues) else { return ([:], []) }
        var out: [String: GroupInfo] = [:], order: [String] = []
        for r in t.rows {
            let f = { (k: String) in r.fields[c[k]!] }
            let id = f("id")
            if !isIdentifier(id) {
                issues.append(DataIssue(SourceLocation(file: t.file, line: r.line, column: "id"),
                                        expected: "an identifier of lower-case letters, digits and '_'", found: id))
                continue
            }
            if out[id] != nil {
                issues.append(DataIssue(SourceLocation(file: t.file, line: r.line, column: "id"),
                                        expected: "a group id not used before", found: id))
                continue
            }
            for k in ["name_vi", "name_en"] where f(k).isEmpty {
                issues.append(DataIssue(SourceLocation(file: t.file, line: r.line, column: k), expected: "a name", found: ""))
            }
            out[id] = GroupInfo(id: id, name: [.vi: f("name_vi"), .en: f("name_en")],
                                shortName: [.vi: f("short_vi").isEmpty ? f("name_vi") : f("short_vi"),
                                            .en: f("short_en").isEmpty ? f("name_en") : f("short_en")],
                                description: f("description"))
            order.append(id)
        }
        return (out, order)
    }

    private static func parseSources(_ t: CSVTable, _ issues: inout [DataIssue]) -> [String: SourceDocument] {
        guard let c = columnsOrRecord(t, sourceColumns, &issues) else { return [:] }
        var out: [String: SourceDocument] = [:]
        for r in t.rows {
            let f = { (k: String) in r.fields[c[k]!] }
            let loc = { (k: String) in SourceLocation(file: t.file, line: r.line, column: k) }
            let id = f("id")
            guard !id.isEmpty, out[id] == nil else {
                issues.append(DataIssue(loc("id"), expected: "a source id not used before", found: id))
                continue
            }
            if !isISODate(f("date")) { issues.append(DataIssue(loc("date"), expected: "a date as YYYY-MM-DD", found: f("date"))) }
            if !f("data_cutoff").isEmpty, !isISODate(f("data_cutoff")) {
                issues.append(DataIssue(loc("data_cutoff"), expected: "a date as YYYY-MM-DD or nothing", found: f("data_cutoff")))
            }
            if f("citation_vi").isEmpty { issues.append(DataIssue(loc("citation_vi"), expected: "a citation", found: "")) }
            out[id] = SourceDocument(
                id: id, issuer: [.vi: f("issuer_vi"), .en: f("issuer_en")],
                title: [.vi: f("title_vi"), .en: f("title_en")], date: f("date"), dataCutoff: f("data_cutoff"),
                citation: [.vi: f("citation_vi"), .en: f("citation_en").isEmpty ? f("citation_vi") : f("citation_en")])
        }
        return out
    }

    private static func parseFacts(_ t: CSVTable, groups: Set<String>?, sources: Set<String>?,
                                   _ issues: inout [DataIssue]) -> [Fact] {
        guard let c = columnsOrRecord(t, factColumns, &issues) else { return [] }
        var out: [Fact] = []
        var ids: Set<String> = []
        for r in t.rows {
            let f = { (k: String) in r.fields[c[k]!] }
            let loc = { (k: String) in SourceLocation(file: t.file, line: r.line, column: k) }
            var ok = true
            func bad(_ k: String, _ expected: String) { issues.append(DataIssue(loc(k), expected: expected, found: f(k))); ok = false }

            let id = f("id")
            if id.isEmpty || !ids.insert(id).inserted { bad("id", "a fact id not used before") }
            let scope = FactScope(rawValue: f("scope"))
            if scope == nil { bad("scope", "one of " + FactScope.allCases.map(\.rawValue).joined(separator: ", ")) }
            if let groups, !groups.contains(f("group")) { bad("group", "a group listed in groups.csv") }
            if !isIdentifier(f("metric")) { bad("metric", "a metric name of lower-case letters, digits and '_'") }
            let year = Int(f("year"))
            if year == nil || !(1900...2100).contains(year!) { bad("year", "a year between 1900 and 2100") }
            let kind = FactKind(rawValue: f("kind"))
            if kind == nil { bad("kind", "one of " + FactKind.allCases.map(\.rawValue).joined(separator: ", ")) }
            let basis = FactBasis(rawValue: f("basis"))
            if basis == nil { bad("basis", "one of " + FactBasis.allCases.map(\.rawValue).joined(separator: ", ")) }
            let value = NumberParser.parse(f("value"))
            if value == nil { bad("value", "a number with a decimal point (11.54)") }
            var high: Double? = nil
            if !f("value_high").isEmpty {
                high = NumberParser.parse(f("value_high"))
                if high == nil { bad("value_high", "a number with a decimal point, or nothing") }
                else if let v = value, high! < v { bad("value_high", "an upper bound no lower than value \(f("value"))") }
            }
            if f("unit").isEmpty { bad("unit", "a unit") }
            if let sources, !sources.contains(f("source")) { bad("source", "a source listed in sources.csv") }
            if basis == .derived, f("derivation").isEmpty { bad("derivation", "how a derived figure follows from stated ones") }
            if f("quote").isEmpty { bad("quote", "the source's words for the figure") }
            guard ok, let scope, let year, let kind, let basis, let value else { continue }
            out.append(Fact(id: id, scope: scope, group: f("group"), metric: f("metric"), year: year, kind: kind,
                            basis: basis, value: value, valueHigh: high, unit: f("unit"), source: f("source"),
                            derivation: f("derivation"), quote: f("quote"), location: loc("value")))
        }
        // The same figure twice is ambiguous.
        var seen: [String: Fact] = [:]
        for fact in out {
            let key = "\(fact.scope)|\(fact.group)|\(fact.metric)|\(fact.year)|\(fact.kind)|\(fact.unit)"
            if let first = seen[key] {
                issues.append(DataIssue(fact.location, expected: "one \(fact.kind) \(fact.metric) for \(fact.group) in \(fact.year) in \(fact.unit)",
                                        found: "a second one (first at line \(first.location.line ?? 0), id \(first.id))"))
            } else { seen[key] = fact }
        }
        return out
    }

    static func isIdentifier(_ s: String) -> Bool {
        !s.isEmpty && s.allSatisfy { ($0.isASCII && ($0.isLowercase || $0.isNumber)) || $0 == "_" }
    }

    static func isISODate(_ s: String) -> Bool {
        let p = s.split(separator: "-", omittingEmptySubsequences: false)
        guard p.count == 3, p[0].count == 4, p[1].count == 2, p[2].count == 2,
              let y = Int(p[0]), let m = Int(p[1]), let d = Int(p[2]) else { return false }
        return (1900...2100).contains(y) && (1...12).contains(m) && (1...31).contains(d)
    }
}
