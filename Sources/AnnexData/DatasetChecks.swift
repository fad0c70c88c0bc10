/// The checks that need the whole dataset: recognitions against criteria, group sizes, subsets, partitions.
public enum DatasetChecks {
    static func logic(_ ds: Dataset) -> [DataIssue] {
        var issues: [DataIssue] = []
        let critFile = (ds.folder as NSString).appendingPathComponent(Dataset.File.criteria.rawValue)
        let recFile = (ds.folder as NSString).appendingPathComponent(Dataset.File.recognition.rawValue)
        let groupFile = (ds.folder as NSString).appendingPathComponent(Dataset.File.groups.rawValue)
        func groupLoc(_ id: String, _ column: String) -> SourceLocation {
            var l = ds.groups[id]?.location ?? SourceLocation(file: groupFile)
            l.column = column
            return l
        }
        var recLines: [String: SourceLocation] = [:]
        for r in ds.recognitions { recLines["\(r.unitCode)|\(r.level.rawValue)"] = r.location }

        // A recognised commune meets 19 in its recognition year; levels come in order.
        var records: [String: CriteriaRecord] = [:]
        for r in ds.criteria { records["\(r.unitCode)|\(r.period)"] = r }
        if !ds.manifest.allowMissingYears { issues += missingYears(ds, critFile) }
        var byUnit: [String: [RecognitionLevel: Period]] = [:]
        for rec in ds.recognitions { byUnit[rec.unitCode, default: [:]][rec.level] = rec.period }
        for rec in ds.recognitions where rec.level == .ntm {
            // The criteria of the recognition's period; of its year's end when criteria are monthly and the
            // recognition is dated by its year; of its year when it is dated by a month and criteria by years.
            let candidates = [rec.period, .month(12, of: rec.year), .year(rec.year)]
            if let r = candidates.lazy.compactMap({ records["\(rec.unitCode)|\($0)"] }).first, r.count != 19 {
                let recLine = rec.location?.line.map { " (recognition.csv line \($0))" } ?? ""
                issues.append(DataIssue(r.location ?? SourceLocation(file: critFile, column: "count"),
                                        expected: "19 criteria for unit \(rec.unitCode) in \(r.period), when it was recognised as meeting the NTM standard"
                                            + (r.period == rec.period ? "" : " (\(rec.period))") + recLine,
                                        found: String(r.count)))
            }
        }
        for (unit, levels) in byUnit.sorted(by: { $0.key < $1.key }) {
            let ordered = RecognitionLevel.allCases.compactMap { l in levels[l].map { (l, $0) } }
            for (a, b) in zip(ordered, ordered.dropFirst()) where b.1.end < a.1.start {
                issues.append(DataIssue(recLines["\(unit)|\(b.0.rawValue)"] ?? SourceLocation(file: recFile, column: "year"),
                                        expected: "unit \(unit) recognised \(b.0.rawValue) no earlier than \(a.0.rawValue) (\(a.1))",
                                        found: b.1.description))
            }
            if levels[.ntm] == nil, let first = ordered.first {
                var loc = recLines["\(unit)|\(first.0.rawValue)"] ?? SourceLocation(file: recFile)
                loc.column = "level"
                issues.append(DataIssue(loc,
                                        expected: "unit \(unit) recognised ntm before \(first.0.rawValue)", found: "no ntm recognition"))
            }
        }

        // The sources synthetic data were calibrated to are sources of the dataset.
        for id in ds.manifest.calibratedTo where ds.sources[id] == nil {
            let known = ds.sources.keys.sorted()
            let hint = Spelling.nearest(to: id, in: known).map { " (did you mean '\($0)'?)" } ?? ""
            issues.append(DataIssue(ds.manifest.calibratedToLocation ?? SourceLocation(file: ds.folder, column: "calibrated_to"),
                                    expected: "ids of sources listed in sources.csv" + hint, found: id))
        }

        // Stated group sizes equal the members listed.
        for fact in ds.facts where fact.metric == "group_size" && fact.kind == .actual && fact.scope == .group {
            guard let g = ds.groups[fact.group], g.membership == .listed, let members = ds.members(of: g.id) else { continue }
            if Double(members.count) != fact.value {
                issues.append(DataIssue(fact.location,
                                        expected: "\(members.count), the number of units listed in group '\(g.id)' in units.csv",
                                        found: NumberFormat(.en, fractionDigits: 0...3, groupFrom: .infinity)(fact.value)))
            }
        }

        // Subsets and partitions.
        var children: [String: [String]] = [:]
        for id in ds.groupOrder {
            guard let g = ds.groups[id], let p = g.parent, let parent = ds.groups[p] else { continue }
            if g.isPartition { children[p, default: []].append(id) }
            guard parent.membership == .listed, g.membership == .listed,
                  let mine = ds.members(of: id), let theirs = ds.members(of: p) else { continue }
            let outside = Set(mine).subtracting(theirs).sorted()
            if !outside.isEmpty {
                issues.append(DataIssue(groupLoc(id, "parent"),
                                        expected: "every unit of group '\(id)' also in its parent '\(p)'",
                                        found: "units " + outside.prefix(5).joined(separator: ", ") + (outside.count > 5 ? " and \(outside.count - 5) more" : "")))
            }
        }
        for (p, parts) in children.sorted(by: { $0.key < $1.key }) {
            // A parent of membership `none` has no units: its parts are still checked for overlaps.
            guard let whole = ds.members(of: p) else { continue }
            var seen: [String: String] = [:]
            for part in parts {
                for u in ds.members(of: part) ?? [] {
                    if let other = seen[u] {
                        issues.append(DataIssue(groupLoc(part, "partition"),
                                                expected: "parts of '\(p)' that do not overlap",
                                                found: "unit \(u) in both '\(other)' and '\(part)'"))
                    }
                    seen[u] = part
                }
            }
            let missing = Set(whole).subtracting(seen.keys).sorted()
            if !missing.isEmpty {
                issues.append(DataIssue(groupLoc(parts[0], "partition"),
                                        expected: "parts \(parts.joined(separator: ", ")) that together make up '\(p)'",
                                        found: "units left out: " + missing.prefix(5).joined(separator: ", ")))
            }
        }
        return issues
    }

    /// The first character of a name that a chart must not draw: a control character (U+0000–U+001F,
    /// U+007F–U+009F) or a bidirectional embedding, override or isolate (U+202A–U+202E, U+2066–U+2069), which
    /// reorder the text around them invisibly.
    public static func hiddenCharacter(in s: String) -> (scalar: Unicode.Scalar, position: Int)? {
        for (i, u) in s.unicodeScalars.enumerated() {
            switch u.value {
            case 0x00...0x1F, 0x7F...0x9F, 0x202A...0x202E, 0x2066...0x2069: return (u, i + 1)
            default: continue
            }
        }
        return nil
    }

    /// Communes with criteria in some of the periods and not in others: a mean over fewer communes is not comparable
    /// with the year before, so it is an error unless the manifest says `allow_missing_years: true`.
    /// At most 20 communes are named; a last issue counts the rest.
    public static func missingYears(_ ds: Dataset, _ critFile: String) -> [DataIssue] {
        let periods = ds.manifest.periods.isEmpty ? Array(Set(ds.criteria.map(\.period))).sorted() : ds.manifest.periods
        var years: [String: Set<Period>] = [:], first: [String: SourceLocation] = [:]
        for r in ds.criteria {
            years[r.unitCode, default: []].insert(r.period)
            if first[r.unitCode] == nil, let l = r.location { first[r.unitCode] = l }
        }
        var out: [DataIssue] = []
        var more = 0
        for code in ds.unitOrder {
            guard let has = years[code], has.count < periods.count else { continue }
            let missing = periods.filter { !has.contains($0) }
            guard !missing.isEmpty else { continue }
            if out.count == 20 { more += 1; continue }
            var loc = first[code] ?? SourceLocation(file: critFile)
            loc.column = "year"
            out.append(DataIssue(loc, expected: "a row for commune \(code) in every year of the periods, or allow_missing_years: true in manifest.yaml",
                                 found: "none for " + missing.map(\.description).joined(separator: ", ")))
        }
        if more > 0 {
            out.append(DataIssue(SourceLocation(file: critFile), expected: "a row for every commune in every year", found: "\(more) more communes with years missing"))
        }
        return out
    }

    /// "; did you mean '05986'?" for a code close to a known one: its leading zeros dropped (as Excel drops them from
    /// a code stored as a number), or one digit changed, added, left out or two digits swapped. "" when none is.
    public static func codeHint<S: Sequence>(_ code: String, _ known: S) -> String where S.Element == String {
        guard !code.isEmpty, code.count <= 12 else { return "" }
        var best: String? = nil
        for k in known {
            if k.count > code.count, k.hasSuffix(code), k.dropLast(code.count).allSatisfy({ $0 == "0" }) { return "; did you mean '\(k)'?" }
            if best == nil, abs(k.count - code.count) <= 1, isNear(code, k) { best = k }
        }
        return best.map { "; did you mean '\($0)'?" } ?? ""
    }

    /// One edit apart (a digit changed, added or left out), or two neighbouring digits swapped.
    static func isNear(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        if x.count == y.count {
            let diff = x.indices.filter { x[$0] != y[$0] }
            if diff.count == 1 { return true }
            return diff.count == 2 && diff[1] == diff[0] + 1 && x[diff[0]] == y[diff[1]] && x[diff[1]] == y[diff[0]]
        }
        let (short, long) = x.count < y.count ? (x, y) : (y, x)
        guard long.count == short.count + 1 else { return false }
        var i = 0
        while i < short.count, short[i] == long[i] { i += 1 }
        return short[i...].elementsEqual(long[(i + 1)...])
    }

    static func isIdentifier(_ s: String) -> Bool {
        !s.isEmpty && s.allSatisfy { ($0.isASCII && ($0.isLowercase || $0.isNumber)) || $0 == "_" }
    }

    static func isCode(_ s: String, digits: Int) -> Bool {
        s.count == digits && s.allSatisfy { $0.isASCII && $0.isNumber }
    }

    /// A real calendar date written `YYYY-MM-DD` (1900–2100), digits only.
    public static func isISODate(_ s: String) -> Bool {
        CalendarDay(iso: s).map { (1900...2100).contains($0.year) } ?? false
    }
}

import Foundation
