import AnnexIO
import Foundation

/// A dataset folder loaded and checked: manifest, districts, units, groups, criteria, recognitions,
/// indicators and sources (see `docs/data-format.md`).
public struct Dataset: Sendable {
    /// The dataset's folder, as given to `load(folder:)`.
    public var folder: String
    /// What the dataset is (`manifest.yaml`).
    public var manifest: Manifest
    /// The districts by code.
    public var districts: [String: District]
    /// The district codes in file order, the order charts and tables list them in.
    public var districtOrder: [String]
    /// The communes (and wards, towns) by code.
    public var units: [String: AdminUnit]
    /// The unit codes in file order.
    public var unitOrder: [String]
    /// The groups by id.
    public var groups: [String: GroupInfo]
    /// The group ids in file order.
    public var groupOrder: [String]
    /// The criteria met, one record per unit and year, in file order.
    public var criteria: [CriteriaRecord]
    /// The recognition decisions, in file order.
    public var recognitions: [Recognition]
    /// Aggregate figures and targets (`indicators.csv`).
    public var facts: [Fact]
    /// The source documents by id.
    public var sources: [String: SourceDocument]
    /// Problems that do not stop loading (an extra column, say).
    public var warnings: [DataIssue]

    /// The one indicator matching, or nil.
    public func fact(group: String, metric: String, year: Int, kind: FactKind) -> Fact? {
        fact(group: group, metric: metric, period: .year(year), kind: kind)
    }

    /// The first indicator of `group`, `metric`, `period` and `kind`, or nil.
    public func fact(group: String, metric: String, period: Period, kind: FactKind) -> Fact? {
        facts.first { $0.group == group && $0.metric == metric && $0.period == period && $0.kind == kind }
    }

    /// Every indicator of a metric, in file order.
    public func facts(metric: String) -> [Fact] { facts.filter { $0.metric == metric } }

    /// Unit codes of a group's members, in unit order; nil for an unknown group.
    public func members(of group: String) -> [String]? {
        guard let g = groups[group] else { return nil }
        switch g.membership {
        case .all: return unitOrder
        case .none: return []
        case .listed: return unitOrder.filter { units[$0]!.groups.contains(group) }
        }
    }

    /// Unit codes of a district's units, in unit order.
    public func units(inDistrict code: String) -> [String] {
        unitOrder.filter { units[$0]!.districtCode == code }
    }

    /// The district boundaries named by the manifest, checked against the districts: every feature must be a
    /// district and every district a feature. `strict` refuses sliver and self-crossing rings even when the
    /// manifest's `boundaries.strict` does not; the rings let pass are in the result's `warnings`.
    public func loadBoundaries(strict: Bool = false) throws(DataError) -> Boundaries? {
        guard let src = manifest.boundaries else { return nil }
        let b = try Boundaries.load(path: (folder as NSString).appendingPathComponent(src.file), key: src.key, nameProperty: src.name,
                                    strict: strict || src.strict, object: src.object)
        let issues = b.join(districtOrder, dataFile: (folder as NSString).appendingPathComponent(Dataset.File.districts.rawValue))
        if !issues.isEmpty { throw DataError(issues) }
        return b
    }
}

extension Dataset {
    /// The files of a dataset folder.
    public enum File: String, CaseIterable, Sendable {
        /// What the dataset is: its name, region, periods, CSV dialect, codes and boundaries.
        case manifest = "manifest.yaml"
        /// The districts: code, names, type, border.
        case districts = "districts.csv"
        /// The communes (and wards, towns): code, name, district, type, vintage, groups.
        case units = "units.csv"
        /// The groups figures are reported for, with membership, parent and partition.
        case groups = "groups.csv"
        /// The criteria each unit met in each year, one by one or as a count.
        case criteria = "criteria.csv"
        /// The recognition decisions: NTM, nâng cao and kiểu mẫu.
        case recognition = "recognition.csv"
        /// Aggregate figures and targets, each with its source.
        case indicators = "indicators.csv"
        /// The documents the indicators come from.
        case sources = "sources.csv"
    }

    /// Loads and checks the folder. Every problem in every file is reported in one `DataError`.
    public static func load(folder: String) throws(DataError) -> Dataset {
        var loader = DatasetLoader(folder: folder)
        return try loader.load()
    }
}

/// Collects located problems while reading.
struct Issues {
    var list: [DataIssue] = []
    var warnings: [DataIssue] = []
    mutating func add(_ loc: SourceLocation, _ expected: String, _ found: String?) {
        list.append(DataIssue(loc, expected: expected, found: found))
    }
}

extension Issues {
    /// A name with a control character or a bidirectional override is a problem (it would be drawn garbled or
    /// reordered on every chart).
    mutating func checkName(_ f: Fields, _ columns: [String]) {
        for c in columns {
            guard let (u, at) = DatasetChecks.hiddenCharacter(in: f[c]) else { continue }
            let hex = String(u.value, radix: 16, uppercase: true)
            add(f.loc(c), "a name without control characters or bidirectional overrides",
                "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex + " at character \(at)")
        }
    }
}

/// Reads one CSV row's fields by column name.
struct Fields {
    let table: CSVTable
    let row: CSVTable.Row
    let columns: [String: Int]

    subscript(_ name: String) -> String {
        guard let i = columns[name], i < row.fields.count else { return "" }
        return row.fields[i]
    }
    func has(_ name: String) -> Bool { columns[name] != nil }
    func loc(_ column: String) -> SourceLocation { SourceLocation(file: table.file, line: row.line, column: column) }
}

struct DatasetLoader {
    let folder: String
    var issues = Issues()
    var manifest = Manifest(name: "", title: [:], regionName: "", regionCode: "", unitVintage: "", periods: [],
                            synthetic: false, provenance: "", licence: "", delimiter: ",", decimal: ".", boundaries: nil)

    init(folder: String) { self.folder = folder }

    func path(_ f: Dataset.File) -> String { (folder as NSString).appendingPathComponent(f.rawValue) }

    /// The table `f` with its `required` columns (and, with `dated`, a `period` or a `year` column: one of them),
    /// warning of columns neither required nor `optional`.
    mutating func table(_ f: Dataset.File, required: [String], optional: [String] = [], mustExist: Bool = true,
                        dated: Bool = false) -> (CSVTable, [String: Int])? {
        let p = path(f)
        if !mustExist, !FileManager.default.fileExists(atPath: p) { return nil }
        let t: CSVTable
        do { t = try CSVTable.read(path: p, delimiter: manifest.delimiter) } catch {
            issues.list += error.issues; return nil
        }
        var required = required
        if dated {
            let both = t.header.contains("period") && t.header.contains("year")
            if both { issues.add(SourceLocation(file: t.file, line: 1, column: "period"), "a 'period' or a 'year' column, not both", "both"); return nil }
            required.append(t.header.contains("period") ? "period" : "year")
        }
        let c: [String: Int]
        do { c = try t.columns(required) } catch { issues.list += error.issues; return nil }
        let known = Set(required + optional)
        for h in t.header where !known.contains(h) {
            issues.warnings.append(DataIssue(SourceLocation(file: t.file, line: 1, column: h),
                                             expected: "a known column (this one is ignored)", found: h))
        }
        return (t, c)
    }

    func number(_ text: String) -> Double? { NumberParser.parse(text, decimalSeparator: manifest.decimal) }

    /// The period of a row's `period` (2020, 2020-Q2, 2020-06) or `year` (2020) column, between 1900 and 2100, or
    /// nil with the problem reported at `at`.
    mutating func period(_ text: String, column: String, at: SourceLocation) -> Period? {
        if column == "year" {
            guard let y = Int(text), (1900...2100).contains(y) else { issues.add(at, "a year between 1900 and 2100", text); return nil }
            return .year(y)
        }
        guard let p = try? Period(parsing: text), (1900...2100).contains(p.year) else {
            issues.add(at, "a period between 1900 and 2100 written 2020 (a year), 2020-Q2 (a quarter) or 2020-06 (a month)", text); return nil
        }
        return p
    }

    var numberExample: String { manifest.decimal == "," ? "11,54" : "11.54" }

    mutating func load() throws(DataError) -> Dataset {
        var st = stat()
        if stat(folder, &st) != 0 || (st.st_mode & S_IFMT) != S_IFDIR {
            let found: String
            if stat(folder, &st) != 0 { found = errno == ENOENT ? "no such folder" : String(cString: strerror(errno)) }
            else if (st.st_mode & S_IFMT) == S_IFREG {
                let lower = folder.lowercased()
                if [".xlsx", ".xlsm", ".xls", ".ods", ".csv"].contains(where: lower.hasSuffix) {
                    throw DataError([DataIssue(SourceLocation(file: folder),
                                               expected: "a dataset folder; make one from a spreadsheet with annex import \(folder) -o DATASET (docs/from-excel.md)",
                                               found: "a spreadsheet file")])
                }
                found = "a file"
            } else { found = InputFile.read(folder).failureText ?? "not a folder" }
            throw DataError([DataIssue(SourceLocation(file: folder), expected: "a dataset folder (manifest.yaml and its CSV tables)", found: found)])
        }
        loadManifest()
        let (districts, dOrder) = loadDistricts()
        let (groups, gOrder) = loadGroups()
        let (units, uOrder) = loadUnits(districts: districts, groups: groups)
        let criteria = loadCriteria(units: units)
        let recognitions = loadRecognitions(units: units)
        let sources = loadSources()
        let facts = loadIndicators(groups: groups, districts: districts, units: units, sources: sources ?? [:],
                                   checkSources: sources != nil)
        var ds = Dataset(folder: folder, manifest: manifest, districts: districts, districtOrder: dOrder, units: units,
                         unitOrder: uOrder, groups: groups, groupOrder: gOrder, criteria: criteria,
                         recognitions: recognitions, facts: facts, sources: sources ?? [:], warnings: [])
        if issues.list.isEmpty {
            issues.list += DatasetChecks.logic(ds)
        }
        if !issues.list.isEmpty { throw DataError(issues.list) }
        ds.warnings = issues.warnings
        return ds
    }

    // MARK: manifest

    mutating func loadManifest() {
        let file = path(.manifest)
        let data: Data
        switch InputFile.read(file) {
        case .success(let d): data = d
        case .failure(let p): issues.add(SourceLocation(file: file), "a manifest.yaml", p.found); return
        }
        guard let text = String(data: data, encoding: .utf8) else {
            issues.add(SourceLocation(file: file), "UTF-8 text", "bytes that are not UTF-8"); return
        }
        let m: ManifestReader
        do { m = try ManifestReader(text, file: file) } catch { issues.list += error.issues; return }
        manifest.name = m.string("name", required: true, &issues) ?? ""
        if !manifest.name.isEmpty, !manifest.name.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-" || $0 == "_") }) {
            issues.add(m.location("name"), "a name of lower-case letters, digits, '-' and '_'", manifest.name)
        }
        for lang in Language.allCases {
            manifest.title[lang] = m.string("title.\(lang.rawValue)", required: true, &issues) ?? ""
        }
        manifest.regionName = m.string("region.name", required: true, &issues) ?? ""
        manifest.regionCode = m.string("region.code", required: false, &issues) ?? ""
        manifest.unitVintage = m.string("unit_vintage", required: true, &issues) ?? ""
        if !manifest.unitVintage.isEmpty, !DatasetChecks.isISODate(manifest.unitVintage) {
            issues.add(m.location("unit_vintage"), "a date as YYYY-MM-DD", manifest.unitVintage)
        }
        manifest.periods = m.periods("periods", &issues)
        manifest.synthetic = m.bool("synthetic", &issues) ?? false
        if m.node("provenance")?.mapping != nil {
            for lang in Language.allCases {
                if let t = m.string("provenance.\(lang.rawValue)", required: false, &issues) { manifest.provenanceText[lang] = t }
            }
            manifest.provenance = manifest.provenanceText[.en] ?? manifest.provenanceText[.vi] ?? ""
            if manifest.provenance.isEmpty { issues.add(m.location("provenance"), "a text, or texts under vi and en", "nothing") }
        } else {
            manifest.provenance = m.string("provenance", required: true, &issues) ?? ""
        }
        manifest.licence = m.string("licence", required: true, &issues) ?? ""
        if let d = m.string("csv.delimiter", required: false, &issues) {
            if d == "," || d == ";" { manifest.delimiter = Character(d) }
            else { issues.add(m.location("csv.delimiter"), "',' or ';'", d) }
        }
        if let d = m.string("csv.decimal", required: false, &issues) {
            if d == "." || d == "," { manifest.decimal = Character(d) }
            else { issues.add(m.location("csv.decimal"), "'.' or ','", d) }
        }
        if manifest.delimiter == manifest.decimal {
            issues.add(m.location("csv.decimal"), "a decimal mark other than the separator", String(manifest.decimal))
        }
        if m.node("allow_missing_years") != nil { manifest.allowMissingYears = m.bool("allow_missing_years", &issues) ?? false }
        if m.node("codes") != nil {
            manifest.districtCodeDigits = m.int("codes.district_digits", in: 3...6, &issues) ?? 3
            manifest.unitCodeDigits = m.int("codes.commune_digits", in: 5...8, &issues) ?? 5
        }
        if m.node("boundaries") != nil {
            let file = m.string("boundaries.file", required: true, &issues) ?? ""
            if !file.isEmpty, !FileManager.default.fileExists(atPath: (folder as NSString).appendingPathComponent(file)) {
                issues.add(m.location("boundaries.file"), "a GeoJSON or TopoJSON file in the dataset folder", file)
            }
            let vi = m.string("boundaries.attribution.vi", required: true, &issues) ?? ""
            manifest.boundaries = BoundarySource(file: file, key: m.string("boundaries.key", required: false, &issues) ?? "code",
                                                 name: m.string("boundaries.name", required: false, &issues) ?? "name",
                                                 attribution: [.vi: vi, .en: m.string("boundaries.attribution.en", required: false, &issues) ?? vi])
            if m.node("boundaries.strict") != nil { manifest.boundaries?.strict = m.bool("boundaries.strict", &issues) ?? false }
            manifest.boundaries?.object = m.string("boundaries.object", required: false, &issues)
        }
        m.readOptionalKeys(into: &manifest, &issues)
        issues.warnings += m.unknownKeys(["name", "title", "title.vi", "title.en", "region", "region.name",
                                          "region.code", "region.level", "unit_vintage", "periods", "periods.from", "periods.to", "synthetic",
                                          "provenance", "provenance.vi", "provenance.en", "licence", "csv", "csv.delimiter", "csv.decimal", "boundaries",
                                          "boundaries.file", "boundaries.key", "boundaries.name", "boundaries.attribution", "boundaries.strict", "boundaries.object",
                                          "boundaries.attribution.vi", "boundaries.attribution.en",
                                          "codes", "codes.district_digits", "codes.commune_digits", "allow_missing_years"])
    }

    // MARK: tables

    mutating func loadDistricts() -> ([String: District], [String]) {
        guard let (t, c) = table(.districts, required: ["code", "name", "full_name", "type", "border"]) else { return ([:], []) }
        var out: [String: District] = [:], order: [String] = []
        for r in t.rows {
            let f = Fields(table: t, row: r, columns: c)
            let code = f["code"]
            if !DatasetChecks.isCode(code, digits: manifest.districtCodeDigits) {
                issues.add(f.loc("code"), "a \(manifest.districtCodeDigits)-digit" + (manifest.districtCodeDigits == 3 ? " GSO" : "") + " district code", code); continue
            }
            if out[code] != nil { issues.add(f.loc("code"), "a district code not used before", code); continue }
            if f["name"].isEmpty { issues.add(f.loc("name"), "a name", "") }
            issues.checkName(f, ["name", "full_name"])
            if !["Huyện", "Thành phố", "Thị xã", "Quận"].contains(f["type"]) {
                issues.add(f.loc("type"), "one of Huyện, Thành phố, Thị xã, Quận", f["type"])
            }
            if !["0", "1"].contains(f["border"]) { issues.add(f.loc("border"), "1 or 0", f["border"]) }
            out[code] = District(code: code, name: f["name"], fullName: f["full_name"], type: f["type"], border: f["border"] == "1")
            order.append(code)
        }
        return (out, order)
    }

    mutating func loadGroups() -> ([String: GroupInfo], [String]) {
        guard let (t, c) = table(.groups, required: ["id", "name_vi", "name_en"],
                                 optional: ["short_vi", "short_en", "membership", "parent", "partition", "description"])
        else { return ([:], []) }
        var out: [String: GroupInfo] = [:], order: [String] = []
        for r in t.rows {
            let f = Fields(table: t, row: r, columns: c)
            let id = f["id"]
            if !DatasetChecks.isIdentifier(id) {
                issues.add(f.loc("id"), "an identifier of lower-case letters, digits and '_'", id); continue
            }
            if out[id] != nil { issues.add(f.loc("id"), "a group id not used before", id); continue }
            for k in ["name_vi", "name_en"] where f[k].isEmpty { issues.add(f.loc(k), "a name", "") }
            issues.checkName(f, ["name_vi", "name_en", "short_vi", "short_en"])
            let membership: GroupMembership
            if f["membership"].isEmpty { membership = id == "all" ? .all : .listed }
            else if let m = GroupMembership(rawValue: f["membership"]) { membership = m }
            else { issues.add(f.loc("membership"), "all, listed or none", f["membership"]); continue }
            if !["", "0", "1"].contains(f["partition"]) { issues.add(f.loc("partition"), "1, 0 or nothing", f["partition"]) }
            out[id] = GroupInfo(id: id, name: [.vi: f["name_vi"], .en: f["name_en"]],
                                shortName: [.vi: f["short_vi"].isEmpty ? f["name_vi"] : f["short_vi"],
                                            .en: f["short_en"].isEmpty ? f["name_en"] : f["short_en"]],
                                membership: membership, parent: f["parent"].isEmpty ? nil : f["parent"],
                                isPartition: f["partition"] == "1", description: f["description"],
                                location: SourceLocation(file: t.file, line: r.line))
            order.append(id)
        }
        for id in order {
            guard let p = out[id]?.parent else { continue }
            if out[p] == nil {
                let row = t.rows[order.firstIndex(of: id)!]
                issues.add(SourceLocation(file: t.file, line: row.line, column: "parent"), "a group id of groups.csv", p)
            }
        }
        return (out, order)
    }

    mutating func loadUnits(districts: [String: District], groups: [String: GroupInfo]) -> ([String: AdminUnit], [String]) {
        guard let (t, c) = table(.units, required: ["code", "name", "district_code", "type", "vintage"], optional: ["groups"])
        else { return ([:], []) }
        var out: [String: AdminUnit] = [:], order: [String] = []
        for r in t.rows {
            let f = Fields(table: t, row: r, columns: c)
            let code = f["code"]
            var ok = true
            if !DatasetChecks.isCode(code, digits: manifest.unitCodeDigits) {
                issues.add(f.loc("code"), "a \(manifest.unitCodeDigits)-digit" + (manifest.unitCodeDigits == 5 ? " GSO" : "") + " commune code", code); continue
            }
            if let first = out[code] {
                if first.vintage != f["vintage"] {
                    issues.add(f.loc("vintage"), "each unit in one vintage only (unit \(code) is also listed in vintage \(first.vintage))", f["vintage"])
                } else {
                    issues.add(f.loc("code"), "a unit code not used before", code)
                }
                continue
            }
            if f["name"].isEmpty { issues.add(f.loc("name"), "a name", ""); ok = false }
            issues.checkName(f, ["name"])
            if !districts.isEmpty, districts[f["district_code"]] == nil {
                issues.add(f.loc("district_code"), "a code of districts.csv", f["district_code"]); ok = false
            }
            if !["Xã", "Phường", "Thị trấn"].contains(f["type"]) {
                issues.add(f.loc("type"), "one of Xã, Phường, Thị trấn", f["type"]); ok = false
            }
            if !DatasetChecks.isISODate(f["vintage"]) {
                issues.add(f.loc("vintage"), "a date as YYYY-MM-DD", f["vintage"]); ok = false
            } else if DatasetChecks.isISODate(manifest.unitVintage), f["vintage"] != manifest.unitVintage {
                issues.add(f.loc("vintage"), "the manifest's unit vintage \(manifest.unitVintage) (units of different vintages cannot be aggregated together)", f["vintage"]); ok = false
            }
            let gs = f["groups"].split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            for g in gs {
                guard !groups.isEmpty else { break }
                guard let info = groups[g] else { issues.add(f.loc("groups"), "ids of groups.csv separated by '|'", g); ok = false; continue }
                if info.membership != .listed {
                    issues.add(f.loc("groups"), "only groups whose membership is 'listed'", g); ok = false
                }
            }
            if Set(gs).count != gs.count { issues.add(f.loc("groups"), "each group once", f["groups"]); ok = false }
            _ = ok   // a unit with a bad field is still a unit: rows elsewhere that name it are not errors too
            out[code] = AdminUnit(code: code, name: f["name"], districtCode: f["district_code"], type: f["type"],
                                  vintage: f["vintage"], groups: gs.filter { groups[$0] != nil })
            order.append(code)
        }
        return (out, order)
    }

    mutating func loadCriteria(units: [String: AdminUnit]) -> [CriteriaRecord] {
        let cCols = (0..<19).map(NationalCriteria.column)
        guard let (t, c) = table(.criteria, required: ["unit_code", "kind"], optional: ["cutoff", "count"] + cCols, dated: true)
        else { return [] }
        let hasDetailColumns = cCols.contains { c[$0] != nil }
        if hasDetailColumns, let missing = cCols.first(where: { c[$0] == nil }) {
            issues.add(SourceLocation(file: t.file, line: 1, column: missing), "all 19 criteria columns c01…c19 or none", "no '\(missing)'")
            return []
        }
        if !hasDetailColumns, c["count"] == nil {
            issues.add(SourceLocation(file: t.file, line: 1, column: "count"), "a 'count' column or the 19 columns c01…c19", "neither")
            return []
        }
        // Columns resolved once: a national dataset has tens of thousands of rows of 25 fields.
        func field(_ r: CSVTable.Row, _ i: Int?) -> String {
            guard let i, i < r.fields.count else { return "" }
            return r.fields[i]
        }
        func loc(_ r: CSVTable.Row, _ column: String) -> SourceLocation { SourceLocation(file: t.file, line: r.line, column: column) }
        let timeColumn = c["period"] != nil ? "period" : "year"
        let iCode = c["unit_code"], iYear = c[timeColumn], iKind = c["kind"], iCutoff = c["cutoff"], iCount = c["count"]
        let iCriteria = cCols.map { c[$0] }
        let manifestPeriods = Set(manifest.periods)
        let periodList = manifest.periods.count <= 12 ? manifest.periods.map(\.description).joined(separator: ", ")
            : "\(manifest.periods.first!) to \(manifest.periods.last!)"
        struct UnitYear: Hashable { var code: String; var year: Period }
        var out: [CriteriaRecord] = []
        out.reserveCapacity(t.rows.count)
        var seen: [UnitYear: Int] = [:]
        var met: [Bool?] = []
        for r in t.rows {
            var ok = true
            let code = field(r, iCode), yearText = field(r, iYear), kindText = field(r, iKind), cutoff = field(r, iCutoff)
            if !units.isEmpty, units[code] == nil {
                issues.add(loc(r, "unit_code"), "a code of units.csv" + DatasetChecks.codeHint(code, units.keys), code); ok = false
            }
            let year = timeColumn == "year" ? Int(yearText).map(Period.year) : try? Period(parsing: yearText)
            if year == nil || !(manifest.periods.isEmpty || manifestPeriods.contains(year!)) {
                let what = timeColumn == "year" ? "a year" : "a period (2020, 2020-Q2 or 2020-06)"
                issues.add(loc(r, timeColumn), manifest.periods.isEmpty ? what : what + " of the manifest's periods (\(periodList))", yearText); ok = false
            }
            let kind = FactKind(rawValue: kindText)
            if kind == nil || kind == .plan { issues.add(loc(r, "kind"), "actual or estimate", kindText); ok = false }
            if !cutoff.isEmpty, !DatasetChecks.isISODate(cutoff) {
                issues.add(loc(r, "cutoff"), "a date as YYYY-MM-DD or nothing", cutoff); ok = false
            }
            met.removeAll(keepingCapacity: true)
            var sum = 0, known = 0
            if hasDetailColumns {
                for (col, i) in zip(cCols, iCriteria) {
                    let v = field(r, i)
                    switch v {
                    case "1": met.append(true); sum += 1; known += 1
                    case "0": met.append(false); known += 1
                    case "": met.append(nil)
                    default: issues.add(loc(r, col), "1 (met), 0 (not met) or nothing (unknown)", v); ok = false
                    }
                }
            }
            var count: Int? = nil
            let countText = field(r, iCount)
            if !countText.isEmpty {
                if let n = Int(countText), (0...19).contains(n) { count = n }
                else { issues.add(loc(r, "count"), "a whole number of criteria from 0 to 19", countText); ok = false }
            }
            let detailed = met.count == 19 && known == 19
            if ok {
                if detailed, let n = count, n != sum {
                    issues.add(loc(r, "count"), "\(sum), the number of criteria marked 1", String(n)); ok = false
                } else if !detailed, count == nil {
                    issues.add(loc(r, "count"), "a count when the 19 criteria are not all given", ""); ok = false
                }
            }
            if let y = year {
                let key = UnitYear(code: code, year: y)
                if let first = seen[key] {
                    issues.add(loc(r, timeColumn), "one row per unit and \(timeColumn) (unit \(code), \(y) is already on line \(first))", yearText); ok = false
                } else { seen[key] = r.line }
            }
            guard ok, let year, let kind else { continue }
            out.append(CriteriaRecord(unitCode: code, period: year, kind: kind, cutoff: cutoff,
                                      met: met, count: count ?? sum, location: loc(r, "count")))
        }
        return out
    }

    mutating func loadRecognitions(units: [String: AdminUnit]) -> [Recognition] {
        guard let (t, c) = table(.recognition, required: ["unit_code", "level"], optional: ["kind", "decision"], mustExist: false, dated: true)
        else { return [] }
        let timeColumn = c["period"] != nil ? "period" : "year"
        var out: [Recognition] = []
        var seen: [String: Int] = [:]
        for r in t.rows {
            let f = Fields(table: t, row: r, columns: c)
            var ok = true
            if !units.isEmpty, units[f["unit_code"]] == nil {
                issues.add(f.loc("unit_code"), "a code of units.csv" + DatasetChecks.codeHint(f["unit_code"], units.keys), f["unit_code"]); ok = false
            }
            let level = RecognitionLevel(rawValue: f["level"])
            if level == nil { issues.add(f.loc("level"), "ntm, nang_cao or kieu_mau", f["level"]); ok = false }
            let year = period(f[timeColumn], column: timeColumn, at: f.loc(timeColumn))
            if year == nil { ok = false }
            let kind = f["kind"].isEmpty ? .actual : FactKind(rawValue: f["kind"])
            if kind == nil || kind == .plan { issues.add(f.loc("kind"), "actual or estimate", f["kind"]); ok = false }
            if let level {
                let key = "\(f["unit_code"])|\(level.rawValue)"
                if let first = seen[key] {
                    issues.add(f.loc("level"), "one \(level.rawValue) recognition per unit (already on line \(first))", f["level"]); ok = false
                } else { seen[key] = r.line }
            }
            guard ok, let level, let year, let kind else { continue }
            out.append(Recognition(unitCode: f["unit_code"], level: level, period: year, kind: kind, decision: f["decision"],
                                   location: f.loc(timeColumn)))
        }
        return out
    }

    /// The sources, or nil when the file exists but could not be read (its problems are reported).
    mutating func loadSources() -> [String: SourceDocument]? {
        let exists = FileManager.default.fileExists(atPath: path(.sources))
        guard let (t, c) = table(.sources, required: ["id", "citation_vi"],
                                 optional: ["issuer_vi", "issuer_en", "title_vi", "title_en", "date", "data_cutoff", "citation_en", "illustrative"],
                                 mustExist: FileManager.default.fileExists(atPath: path(.indicators)))
        else { return exists ? nil : [:] }
        var out: [String: SourceDocument] = [:]
        for r in t.rows {
            let f = Fields(table: t, row: r, columns: c)
            let id = f["id"]
            guard !id.isEmpty, out[id] == nil else { issues.add(f.loc("id"), "a source id not used before", id); continue }
            if !f["date"].isEmpty, !DatasetChecks.isISODate(f["date"]) { issues.add(f.loc("date"), "a date as YYYY-MM-DD", f["date"]) }
            if !f["data_cutoff"].isEmpty, !DatasetChecks.isISODate(f["data_cutoff"]) {
                issues.add(f.loc("data_cutoff"), "a date as YYYY-MM-DD or nothing", f["data_cutoff"])
            }
            if f["citation_vi"].isEmpty { issues.add(f.loc("citation_vi"), "a citation", "") }
            if !["", "0", "1"].contains(f["illustrative"]) { issues.add(f.loc("illustrative"), "1 (made-up figures), 0 or nothing", f["illustrative"]) }
            out[id] = SourceDocument(
                id: id, issuer: [.vi: f["issuer_vi"], .en: f["issuer_en"]],
                title: [.vi: f["title_vi"], .en: f["title_en"]], date: f["date"], dataCutoff: f["data_cutoff"],
                citation: [.vi: f["citation_vi"], .en: f["citation_en"].isEmpty ? f["citation_vi"] : f["citation_en"]],
                illustrative: f["illustrative"] == "1")
        }
        return out
    }

    mutating func loadIndicators(groups: [String: GroupInfo], districts: [String: District], units: [String: AdminUnit],
                                 sources: [String: SourceDocument], checkSources: Bool) -> [Fact] {
        guard let (t, c) = table(.indicators, required: ["id", "scope", "group", "metric", "kind", "value", "unit", "source"],
                                 optional: ["basis", "value_high", "direction", "derivation", "quote", "aggregation", "spread"],
                                 mustExist: false, dated: true)
        else { return [] }
        let timeColumn = c["period"] != nil ? "period" : "year"
        var out: [Fact] = []
        var ids: Set<String> = []
        for r in t.rows {
            let f = Fields(table: t, row: r, columns: c)
            var ok = true
            func bad(_ k: String, _ expected: String) { issues.add(f.loc(k), expected, f[k]); ok = false }
            let id = f["id"]
            if id.isEmpty || !ids.insert(id).inserted { bad("id", "a fact id not used before") }
            let scope = FactScope(rawValue: f["scope"])
            if scope == nil { bad("scope", "one of " + FactScope.allCases.map(\.rawValue).joined(separator: ", ")) }
            switch scope {
            case .province, .group: if !groups.isEmpty, groups[f["group"]] == nil { bad("group", "a group listed in groups.csv") }
            case .district: if f["group"] != "each", !districts.isEmpty, districts[f["group"]] == nil { bad("group", "a district code of districts.csv or 'each'") }
            case .unit: if !units.isEmpty, units[f["group"]] == nil { bad("group", "a unit code of units.csv" + DatasetChecks.codeHint(f["group"], units.keys)) }
            case nil: break
            }
            if !DatasetChecks.isIdentifier(f["metric"]) { bad("metric", "a metric name of lower-case letters, digits and '_'") }
            let year = period(f[timeColumn], column: timeColumn, at: f.loc(timeColumn))
            if year == nil { ok = false }
            let kind = FactKind(rawValue: f["kind"])
            let aggregation = f["aggregation"].isEmpty ? .last : Aggregation(rawValue: f["aggregation"])
            if aggregation == nil { bad("aggregation", "sum (a flow: the year's figure is the sum of its months'), last (a stock) or nothing") }
            let spread = f["spread"].isEmpty ? nil : PlanSpread(rawValue: f["spread"])
            if !f["spread"].isEmpty, spread == nil { bad("spread", "even (the plan may be spread evenly over the year's months) or nothing") }
            if spread != nil, kind != .plan || year?.granularity != .year { bad("spread", "nothing: only a plan of a year is spread over its months") }
            if kind == nil { bad("kind", "one of " + FactKind.allCases.map(\.rawValue).joined(separator: ", ")) }
            let basis = f["basis"].isEmpty ? .stated : FactBasis(rawValue: f["basis"])
            if basis == nil { bad("basis", "one of " + FactBasis.allCases.map(\.rawValue).joined(separator: ", ")) }
            let value = number(f["value"])
            if value == nil { bad("value", "a number written like \(numberExample)") }
            var high: Double? = nil
            if !f["value_high"].isEmpty {
                high = number(f["value_high"])
                if high == nil { bad("value_high", "a number written like \(numberExample), or nothing") }
                else if let v = value, high! < v { bad("value_high", "an upper bound no lower than value \(f["value"])") }
            }
            if f["unit"].isEmpty { bad("unit", "a unit") }
            if !["", "higher", "lower"].contains(f["direction"]) { bad("direction", "higher, lower or nothing") }
            if checkSources, sources[f["source"]] == nil { bad("source", "a source listed in sources.csv") }
            if basis == .derived, f["derivation"].isEmpty { bad("derivation", "how a derived figure follows from stated ones") }
            if c["quote"] != nil, f["quote"].isEmpty { bad("quote", "the source's words for the figure") }
            guard ok, let scope, let year, let kind, let basis, let value, let aggregation else { continue }
            out.append(Fact(id: id, scope: scope, group: f["group"], metric: f["metric"], period: year, kind: kind,
                            basis: basis, value: value, valueHigh: high, unit: f["unit"], lowerIsBetter: f["direction"] == "lower",
                            source: f["source"], derivation: f["derivation"], quote: f["quote"], location: f.loc("value"),
                            aggregation: aggregation, spread: spread))
        }
        // A metric is a flow or a stock in every row, or its figures could not be added up.
        var aggregations: [String: Fact] = [:]
        for fact in out where c["aggregation"] != nil {
            if let first = aggregations[fact.metric], first.aggregation != fact.aggregation {
                issues.add(SourceLocation(file: t.file, line: fact.location.line, column: "aggregation"),
                           "\(first.aggregation.rawValue) for every row of \(fact.metric), as on line \(first.location.line ?? 0)", fact.aggregation.rawValue)
            } else if aggregations[fact.metric] == nil { aggregations[fact.metric] = fact }
        }
        var seen: [String: Fact] = [:]
        for fact in out {
            let key = "\(fact.scope)|\(fact.group)|\(fact.metric)|\(fact.period)|\(fact.kind)|\(fact.unit)"
            if let first = seen[key] {
                issues.add(fact.location, "one \(fact.kind) \(fact.metric) for \(fact.group) in \(fact.period) in \(fact.unit)",
                           "a second one (first at line \(first.location.line ?? 0), id \(first.id))")
            } else { seen[key] = fact }
        }
        return out
    }
}
