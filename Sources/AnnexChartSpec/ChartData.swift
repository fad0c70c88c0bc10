// The data a chart or table spec reads (inline values, a CSV file, a dataset's analysis), the encodings that pick
// its columns, and the context a report passes (language, dataset, cache).
import AnnexAnalytics
import AnnexCharts
import AnnexData
import AnnexIO
import AnnexLocale
import AnnexScene
import AnnexSpec
import Foundation

/// What a report passes to the charts and tables it builds: the run's language, its dataset and a cache so
/// that the dataset is loaded and analysed once.
package final class SpecContext {
    package var language: Language?
    package var datasetPath: String?
    package var figureNumber: Int?
    package var extraKeys: [String] = []
    /// Files and folders the specs read besides the report's dataset (for `--incremental`).
    package var inputs: Set<String> = []
    /// Problems the inputs let pass (a sliver ring dropped from a boundary file), for the run to print.
    package var warnings: [DataIssue] = []
    package let cache = DatasetCache()
    package init(language: Language? = nil, datasetPath: String? = nil) { self.language = language; self.datasetPath = datasetPath }
}

/// Datasets loaded and analysed, by folder.
package final class DatasetCache {
    private var loaded: [String: (Dataset, Analysis)] = [:]
    package func get(_ folder: String, _ at: SpecNode) throws -> (Dataset, Analysis) {
        if let x = loaded[folder] { return x }
        let ds: Dataset
        do { ds = try Dataset.load(folder: folder) } catch {
            throw SpecError([DataIssue(at.location, expected: "a valid dataset", found: folder)] + error.issues)
        }
        let analysis: Analysis
        do { analysis = try Analysis.run(ds) } catch { throw SpecError(at.location, "a dataset that can be analysed", error.description) }
        loaded[folder] = (ds, analysis)
        return (ds, analysis)
    }
}

/// Which column of the data a channel shows, with optional display labels.
package struct Encoding {
    package var field: String
    package var labelField: String?
    package var labels: [String: String]
    package var title: String?
    package var equals: String?
    package var digitsRange: ClosedRange<Int>?
    package var node: SpecNode
    /// The decimal separator of the table the column is in.
    package var decimalSeparator: Character = "."
    /// The column's type in its table.
    package var type: DataTable.ColumnType = .text

    /// The keys of a spec's `encoding` block.
    package static let channels = ["category", "x", "series", "value", "estimate", "target", "target_high", "key", "panel", "row", "column", "cutoff"]

    package init(_ n: SpecNode, _ table: DataTable) throws {
        node = n
        if n.string != nil { field = try n.text(); labelField = nil; labels = [:]; title = nil; equals = nil; digitsRange = nil }
        else {
            try n.onlyKeys(["field", "label_field", "labels", "title", "equals", "digits"])
            field = try n.require("field").text()
            labelField = try n.child("label_field")?.text()
            var l: [String: String] = [:]
            for (k, v) in try n.child("labels")?.entries() ?? [] { l[k] = try v.text() }
            labels = l
            title = try n.child("title")?.text()
            equals = try n.child("equals")?.text()
            digitsRange = try n.child("digits")?.digits()
        }
        for f in [field] + (labelField.map { [$0] } ?? []) where !table.columns.contains(f) {
            let at = n.child("field")?.location ?? n.location
            let hint = Spelling.nearest(to: f, in: table.columns).map { "; did you mean '\($0)'?" } ?? ""
            throw SpecError(at, "a column of the data (" + table.columns.joined(separator: ", ") + hint + ")", f)
        }
        decimalSeparator = table.decimalSeparator
        type = table.types[field] ?? .text
    }

    /// The value labels' decimals: the spec's `digits`, else as many as the data were written with (a CSV column of
    /// `10.60` keeps two), at most two; computed figures get up to two.
    package var digits: ClosedRange<Int> {
        get throws {
            if let digitsRange { return digitsRange }
            if case .number(let d?) = type { return min(d, 2)...2 }
            return 0...2
        }
    }

    package func value(_ row: [String: String]) -> String { row[field] ?? "" }
    package func label(_ row: [String: String]) -> String {
        let v = value(row)
        return labels[v] ?? labelField.flatMap { row[$0] } ?? v
    }
    /// The label of the row's value, a month or a quarter (`2020-06`, `2020-Q2`) named in `language`
    /// (`T6/2020`, `Jun 2020`) unless `labels` or `label_field` name it.
    package func label(_ row: [String: String], language: Language) -> String {
        let v = value(row)
        if labels[v] == nil, labelField == nil, v.contains("-"), let p = try? Period(parsing: v) { return PeriodFormat(language)(p) }
        return label(row)
    }
    package func matches(_ row: [String: String]) -> Bool { value(row) == (equals ?? "true") }

    package func number(_ row: [String: String], _ loc: SourceLocation) throws -> Double {
        var l = loc; if l.column == nil { l.column = field }
        guard let v = optionalNumberValue(row) else { throw SpecError(l, "a number in '\(field)'", value(row)) }
        guard abs(v) <= NumberParser.largestMagnitude else {
            throw SpecError(l, "a number in '\(field)' of at most 15 digits before the decimal separator", value(row))
        }
        return v
    }
    package func optionalNumber(_ row: [String: String], _ loc: SourceLocation) throws -> Double? {
        if value(row).isEmpty { return nil }
        return try number(row, loc)
    }
    package func optionalNumberValue(_ row: [String: String]) -> Double? {
        NumberParser.parse(value(row), decimalSeparator: decimalSeparator)
    }
}

/// The rows a chart draws: from inline values, a CSV file or a dataset's analysis, with the type of each column
/// (text, number with the decimals it was written with, date or period) and the table's decimal separator.
package struct DataTable {
    /// What a column holds, found from all of its values.
    package enum ColumnType: Hashable, Sendable {
        /// Words (or a mix).
        case text
        /// Numbers in the table's convention; the most decimals any value was written with (nil: computed figures).
        case number(decimals: Int?)
        /// Dates (`2020-06-30`) or periods (`2020`, `2020-Q2`, `2020-06`).
        case date
    }
    package static let keys = ["values", "csv", "decimal", "dataset", "metric", "scope", "groups", "years", "periods", "kind", "detail", "origin"]
    package var columns: [String]
    package var rows: [[String: String]]
    package var locations: [SourceLocation]
    /// The decimal separator of the numbers in the rows (`,` for a CSV written `3.125,8`).
    package var decimalSeparator: Character = "."
    /// The type of each column.
    package var types: [String: ColumnType] = [:]

    /// A number of column `field` in `row`, in the table's convention; nil when empty or not a number.
    package func number(_ row: [String: String], _ field: String) -> Double? {
        row[field].flatMap { NumberParser.parse($0, decimalSeparator: decimalSeparator) }
    }

    /// The types of the columns, from their values: numbers when every value is one (empty cells aside), dates
    /// or periods when every value is one, text otherwise. `computed` numbers (a dataset's) carry no decimals.
    mutating func inferTypes(computed: Bool = false) {
        for c in columns {
            let values = rows.compactMap { $0[c] }.filter { !$0.isEmpty }
            if !values.isEmpty, values.allSatisfy({ NumberParser.parse($0, decimalSeparator: decimalSeparator) != nil }) {
                let d = values.map { v in v.split(separator: decimalSeparator, maxSplits: 1).dropFirst().first.map { $0.filter(\.isNumber).count } ?? 0 }.max() ?? 0
                types[c] = .number(decimals: computed ? nil : d)
            } else if !values.isEmpty, values.allSatisfy({ CalendarDay(iso: $0) != nil || (try? Period(parsing: $0)) != nil }) {
                types[c] = .date
            } else {
                types[c] = .text
            }
        }
    }
    package var synthetic = false
    package var defaultSource: String? = nil
    /// The dataset the rows come from, when they come from one.
    package var dataset: Dataset? = nil
    /// Notes the data bring to the chart (communes missing in some years).
    package var notes: [String] = []

    /// The rows of a `data` block; no rows is an error unless `allowEmpty` (a table says so in a note).
    package static func load(_ n: SpecNode, language: Language, baseFolder: String, context: SpecContext, allowEmpty: Bool = false) throws -> DataTable {
        try n.onlyKeys(keys)
        let kinds = ["values", "csv", "dataset"].filter { n.child($0) != nil }
        if kinds.isEmpty, context.datasetPath != nil {
            let t = try fromDataset(n, language: language, baseFolder: baseFolder, context: context)
            if t.rows.isEmpty, !allowEmpty { throw SpecError(n.location, "at least one row of data", "none") }
            return t
        }
        guard kinds.count == 1 else {
            throw SpecError(n.location, "exactly one of data.values, data.csv or data.dataset", kinds.isEmpty ? "none" : kinds.joined(separator: " and "))
        }
        var t: DataTable
        if let v = n.child("values") {
            var rows: [[String: String]] = [], locs: [SourceLocation] = [], cols: [String] = []
            for item in try v.list() {
                var row: [String: String] = [:]
                for (k, val) in try item.entries() {
                    row[k] = try val.text()
                    if !cols.contains(k) { cols.append(k) }
                }
                rows.append(row); locs.append(item.location)
            }
            t = DataTable(columns: cols, rows: rows, locations: locs)
        } else if let c = n.child("csv") {
            let rel = try c.text()
            let path = rel.hasPrefix("/") ? rel : (baseFolder as NSString).appendingPathComponent(rel)
            let decimal = try n.child("decimal")?.oneOf([".", ","]) ?? "."
            guard FileManager.default.isReadableFile(atPath: path) else {
                throw SpecError(c.location, "a readable CSV file (relative to the spec's folder)", rel)
            }
            context.inputs.insert(path)
            let csv: CSVTable
            do { csv = try CSVTable.read(path: path) } catch {
                throw SpecError(error.issues.first.map { [$0] } ?? [DataIssue(c.location, expected: "a readable CSV file", found: rel)])
            }
            t = DataTable(columns: csv.header, rows: csv.rows.map { Dictionary(uniqueKeysWithValues: zip(csv.header, $0.fields)) },
                          locations: csv.rows.map { SourceLocation(file: path, line: $0.line) })
            t.decimalSeparator = Character(decimal)
        } else {
            t = try fromDataset(n, language: language, baseFolder: baseFolder, context: context)
        }
        if t.rows.isEmpty, !allowEmpty { throw SpecError(n.location, "at least one row of data", "none") }
        if t.types.isEmpty { t.inferTypes() }
        return t
    }

    /// Every group (or district or unit code) and year a spec asks for is one the dataset has: a misspelt group
    /// would otherwise drop its series from the chart without a word. All of them are reported at once.
    package static func checkSubjects(_ n: SpecNode, groups: [String]?, years: [Int]?, scope: FactScope?, _ ds: Dataset, _ analysis: Analysis) throws {
        var issues: [DataIssue] = []
        if let groups, let gn = n.child("groups") {
            let subjects = Set(analysis.records.lazy.filter { scope == nil || $0.scope == scope }.map(\.group))
            let known = subjects.union(scope == nil || scope == .group || scope == .province ? Set(ds.groups.keys) : [])
            for (i, g) in groups.enumerated() where !known.contains(g) {
                // A group written by its name ("Xã biên giới") gets its id as the hint.
                let byName = ds.groups.values.first { info in info.name.values.contains(g) || info.shortName.values.contains(g) }?.id
                    ?? ds.districts.values.first { $0.name == g || $0.fullName == g }?.code
                let hint = (byName ?? Spelling.nearest(to: g, in: known.sorted())).map { "; did you mean '\($0)'?" }
                    ?? " (annex analyze lists the groups and codes)"
                let at = (try? gn.list()).flatMap { $0.indices.contains(i) ? $0[i].location : nil } ?? gn.location
                issues.append(DataIssue(at, expected: "a group, district or unit of the dataset" + hint, found: g))
            }
        }
        if let years, let yn = n.child("years") {
            let known = Set(ds.manifest.years + analysis.records.map(\.year))
            for y in years where !known.contains(y) {
                issues.append(DataIssue(yn.location, expected: "a year of the dataset (" + known.sorted().map(String.init).joined(separator: ", ") + ")", found: String(y)))
            }
        }
        if !issues.isEmpty { throw SpecError(issues) }
    }

    package static func fromDataset(_ n: SpecNode, language: Language, baseFolder: String, context: SpecContext) throws -> DataTable {
        let folder: String, at: SpecNode
        if let dn = n.child("dataset") {
            let rel = try dn.text()
            folder = rel.hasPrefix("/") ? rel : (baseFolder as NSString).appendingPathComponent(rel)
            at = dn
            context.inputs.insert(folder)
        } else { folder = context.datasetPath!; at = n }
        let (ds, analysis) = try context.cache.get(folder, at)
        let metrics = try n.require("metric").texts()
        guard let metric = metrics.first else { throw SpecError(n.child("metric")!.location, "a metric or a list of metrics", "an empty list") }
        let scope = try n.child("scope").map { FactScope(rawValue: try $0.oneOf(FactScope.allCases.map(\.rawValue)))! }
        let groups = try n.child("groups")?.texts()
        var years: [Int]? = nil
        if let y = n.child("years") {
            // `latest` and `first` name the dataset's last and first year: a spec for any dataset.
            let known = ds.manifest.periods.isEmpty ? Array(Set(analysis.records.map(\.year))).sorted() : ds.manifest.years
            years = try y.list().map { n in
                switch n.string {
                case "latest": guard let p = known.last else { throw SpecError(n.location, "a dataset with periods", "none") }; return p
                case "first": guard let p = known.first else { throw SpecError(n.location, "a dataset with periods", "none") }; return p
                default: return try n.int(1900...2100)
                }
            }
        }
        let periods = try n.child("periods").map { try PeriodRequest.read($0, ds, analysis) }
        // Plans are targets, not values: left out unless asked for by kind.
        let kinds = try n.child("kind")?.texts() ?? ["actual", "estimate"]
        let detail = try n.child("detail")?.text()
        let origin = try n.child("origin")?.oneOf(["computed", "stated", "any"]) ?? "computed"
        var recs = analysis.records.filter {
            metrics.contains($0.metric) && (scope == nil || $0.scope == scope) && (groups == nil || groups!.contains($0.group))
                && (years == nil || years!.contains($0.year)) && (periods == nil || periods!.contains($0.period))
                && kinds.contains($0.kind.rawValue)
                && (detail == nil || $0.detail == detail)
                && (origin == "any" || (origin == "computed") == ($0.source == "computed"))
        }
        for metric in metrics where !analysis.knownMetrics.contains(metric) {
            let known = analysis.knownMetrics
            let hint = Spelling.nearest(to: metric, in: known).map { " (did you mean '\($0)'?)" } ?? " (annex analyze lists them)"
            throw SpecError(n.child("metric")!.location, "a metric of the dataset" + hint, metric)
        }
        _ = metric
        try checkSubjects(n, groups: groups, years: years, scope: scope, ds, analysis)
        if let groups { recs.sort { (groups.firstIndex(of: $0.group) ?? 0, $0.period) < (groups.firstIndex(of: $1.group) ?? 0, $1.period) } }
        let rows = recs.map { row(of: $0, ds, language) }
        let cols = ["scope", "group", "name", "district", "detail_name", "metric", "year", "period", "kind", "value", "value_high", "unit", "n", "detail",
                    "base_year", "base_period", "target", "target_high", "status", "gap", "source"]
        var notes: [String] = []
        if ds.manifest.allowMissingYears, !DatasetChecks.missingYears(ds, "").isEmpty {
            notes.append(language.text(.someCommunesLackYears))
        }
        var table = DataTable(columns: cols, rows: rows, locations: recs.map { _ in n.location },
                         synthetic: ds.manifest.synthetic && origin != "stated",
                         defaultSource: origin == "stated"
                            ? Array(Set(recs.map(\.source))).sorted().compactMap { id in ds.facts.first { $0.id == id }.flatMap { ds.sources[$0.source]?.citation(language) } }
                                .reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }.joined(separator: "; ")
                            : language.text(.datasetSource, UnitNames.inSentence(ds.manifest.title[language] ?? ds.manifest.name)),
                         dataset: ds, notes: notes)
        table.inferTypes(computed: true)
        return table
    }
}

extension DataTable {
    /// A record as a row of the data table: its keys, the subject's name in `language`, the criterion's or the band's
    /// words, numbers in machine form.
    package static func row(of r: ResultRecord, _ ds: Dataset, _ language: Language) -> [String: String] {
        let num = { (x: Double?) in x.map { NumberFormat(.en, fractionDigits: 0...9, groupFrom: .infinity)($0) } ?? "" }
        let name: String = switch r.scope {
        case .province, .group: ds.groups[r.group]?.shortName(language) ?? r.group
        case .district: ds.districts[r.group]?.name ?? r.group
        case .unit: ds.units[r.group]?.name ?? r.group
        }
        let district: String = r.scope == .unit ? (ds.units[r.group].flatMap { ds.districts[$0.districtCode]?.name } ?? "") : ""
        let detailName: String = r.detail.hasPrefix("c") && r.detail.count == 3 && Int(r.detail.dropFirst()) != nil
            ? "\(Int(r.detail.dropFirst())!). " + (NationalCriteria.names[language]?[Int(r.detail.dropFirst())! - 1] ?? r.detail)
            : r.detail.split(separator: " ").map { c -> String in
                guard c.hasPrefix("c"), let i = Int(c.dropFirst()), (1...19).contains(i) else { return String(c) }
                return NationalCriteria.names[language]![i - 1]
            }.joined(separator: "; ")
        return ["scope": r.scope.rawValue, "group": r.group, "name": name, "district": district, "detail_name": detailName, "metric": r.metric, "year": String(r.year), "period": r.period.description,
                "kind": r.kind.rawValue, "value": num(r.value), "value_high": num(r.valueHigh), "unit": r.unit,
                "n": r.n.map(String.init) ?? "", "detail": r.detail, "base_year": r.baseYear.map(String.init) ?? "", "base_period": r.basePeriod?.description ?? "",
                "target": num(r.target), "target_high": num(r.targetHigh), "status": r.status?.rawValue ?? "",
                "gap": num(r.gap), "source": r.source]
    }
}

/// The `periods` of a dataset request: a list (`[2020-01, 2020-06, latest]`) or a span (`{ from: 2020-01, to: latest }`)
/// of the periods records are kept for. `latest` is the last period with actual figures (``DatasetPeriods/latest``),
/// `first` the first period. A span is cut to the periods the dataset has (a monthly report from the start of the
/// year before, on a dataset that starts later); a list keeps the periods the dataset has (a monthly report's same
/// month a year before may be missing: its cells stay empty). Either is an error when none of its periods is there.
package enum PeriodRequest {
    package static func read(_ n: SpecNode, _ ds: Dataset, _ analysis: Analysis) throws -> Set<Period> {
        let known = Set(ds.manifest.periods + analysis.records.map(\.period))
        func one(_ p: SpecNode, like: Period.Granularity?, clip: Bool = false) throws -> Period {
            let text = try p.text()
            switch text {
            case "latest":
                guard let l = DatasetPeriods.latest(ds, granularity: like) else { throw SpecError(p.location, "a dataset with periods", "none") }
                return l
            case "first":
                guard let f = (like.map { g in ds.manifest.periods.filter { $0.granularity == g } } ?? ds.manifest.periods).first
                else { throw SpecError(p.location, "a dataset with periods", "none") }
                return f
            default:
                let period: Period
                do { period = try Period(parsing: text) } catch { throw SpecError(p.location, "a period written 2020, 2020-Q2 or 2020-06, or latest or first", text) }
                guard clip || known.contains(period) else {
                    let same = known.filter { $0.granularity == period.granularity }.sorted()
                    let span = same.isEmpty ? "none of that length" : "\(same.first!) to \(same.last!)"
                    throw SpecError(p.location, "a period of the dataset (\(span))", text)
                }
                return period
            }
        }
        if n.child("from") != nil || n.child("to") != nil {
            try n.onlyKeys(["from", "to"])
            let fromNode = try n.require("from"), toNode = try n.require("to")
            let fromText = fromNode.string ?? ""
            let like = (try? Period(parsing: fromText))?.granularity ?? (try? Period(parsing: toNode.string ?? ""))?.granularity
            let a = try one(fromNode, like: like, clip: true), b = try one(toNode, like: like ?? a.granularity, clip: true)
            guard a.granularity == b.granularity else { throw SpecError(n.location, "from and to of one length (two months, two quarters or two years)", "\(a) and \(b)") }
            guard a <= b, b.ordinal - a.ordinal < 1200 else { throw SpecError(n.location, "from a period before to (at most 1200 periods)", "\(a) to \(b)") }
            let span = Set(Period.sequence(from: a, through: b)).intersection(known)
            guard !span.isEmpty else {
                let same = known.filter { $0.granularity == a.granularity }.sorted()
                throw SpecError(n.location, "a span that meets the dataset's periods (\(same.isEmpty ? "none of that length" : "\(same.first!) to \(same.last!)"))", "\(a) to \(b)")
            }
            return span
        }
        if n.string != nil { return [try one(n, like: nil)] }
        let items = try n.list()
        let listed = try items.map { try one($0, like: nil, clip: true) }
        let kept = Set(listed).intersection(known)
        if kept.isEmpty, let first = items.first { _ = try one(first, like: nil) }   // the first one's error, located
        return kept
    }
}
