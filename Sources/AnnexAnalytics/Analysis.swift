import AnnexData

/// Everything Annex computes from a dataset, as tidy records. Pure: the same dataset gives the same
/// records in the same order.
public struct Analysis: Sendable {
    /// Every figure, computed from commune data or stated by the dataset, in an order that depends only on the dataset;
    /// a figure with a target in the dataset carries its comparison (`target`, `status`, `gap`).
    public var records: [ResultRecord]
    /// Every metric this analysis can hold, whether or not it has records: the computed ones and the dataset's own
    /// indicators. A metric known but without records (no commune lost a criterion) is an empty result, not a typo.
    public var knownMetrics: [String] = Analysis.computedMetrics

    /// The metrics Annex computes from commune data.
    public static let computedMetrics = [
        "group_size", "mean_criteria", "criteria_min", "criteria_median", "criteria_max", "mean_criteria_change",
        "mean_criteria_change_pct", "band_count", "criterion_share", "ntm_new", "ntm_total", "advanced_new", "advanced_total",
        "model_new", "model_total", "lost_criteria_units", "below_standard_after_recognition", "lost_criteria",
    ]

    /// The records of the year `year` with these keys.
    public func find(scope: FactScope, group: String, metric: String, year: Int, kind: FactKind? = nil,
                     detail: String = "") -> [ResultRecord] {
        find(scope: scope, group: group, metric: metric, period: .year(year), kind: kind, detail: detail)
    }

    /// The records of `period` with these keys.
    public func find(scope: FactScope, group: String, metric: String, period: Period, kind: FactKind? = nil,
                     detail: String = "") -> [ResultRecord] {
        records.filter {
            $0.scope == scope && $0.group == group && $0.metric == metric && $0.period == period
                && (kind == nil || $0.kind == kind) && $0.detail == detail
        }
    }

    /// The computed record of the year `year` with these keys, or nil.
    public func value(scope: FactScope, group: String, metric: String, year: Int, detail: String = "") -> ResultRecord? {
        value(scope: scope, group: group, metric: metric, period: .year(year), detail: detail)
    }

    /// The computed record of `period` with these keys, or nil.
    public func value(scope: FactScope, group: String, metric: String, period: Period, detail: String = "") -> ResultRecord? {
        find(scope: scope, group: group, metric: metric, period: period, detail: detail).first { $0.source == "computed" }
    }
}

/// Options of an analysis.
public struct AnalysisOptions: Sendable {
    /// The bands that `band_count` counts communes in (default: the notices' five, `CriteriaBand.standard`).
    public var bands: [CriteriaBand]
    /// Also list each unit that lost criteria (scope `unit`).
    public var listUnits: Bool
    /// Options for an analysis: the standard bands and every unit that lost criteria listed, unless said otherwise.
    public init(bands: [CriteriaBand] = CriteriaBand.standard, listUnits: Bool = true) {
        self.bands = bands; self.listUnits = listUnits
    }
}

/// A set of units figures are computed for.
struct Subject {
    var scope: FactScope
    var id: String
    var units: [String]
}

/// The dataset's units numbered (their order in the dataset), with each unit's criteria row of each period as an
/// index into `ds.criteria` (a later row for the same unit and period wins) and its first recognition at each
/// level: the analysis then looks units up in arrays, not by hashing their codes for every group and period.
/// Criteria rows are of one length of period (years, or months); rows of another length are not indexed.
struct UnitTable {
    var index: [String: Int] = [:]
    private var granularity: Period.Granularity = .year
    private var firstOrdinal = 0, span = 0
    private var slots: [Int32] = []                 // unit * span + (ordinal - firstOrdinal) → row, or -1
    private var recognitions: [Recognition?] = []   // unit * 3 + level
    /// Per row of ds.criteria: all 19 criteria known.
    var hasDetail: [Bool] = []

    init(_ ds: Dataset) {
        for code in ds.unitOrder where index[code] == nil { index[code] = index.count }
        hasDetail = ds.criteria.map(\.hasDetail)
        let g = ds.manifest.periods.first?.granularity ?? ds.criteria.first?.period.granularity ?? .year
        granularity = g
        let ords = ds.criteria.lazy.filter { $0.period.granularity == g }.map(\.period.ordinal)
        if let lo = ords.min(), let hi = ords.max() {
            firstOrdinal = lo; span = hi - lo + 1
            slots = [Int32](repeating: -1, count: index.count * span)
            for (k, r) in ds.criteria.enumerated() where r.period.granularity == g {
                if let u = index[r.unitCode] { slots[u * span + r.period.ordinal - lo] = Int32(k) }
            }
        }
        recognitions = [Recognition?](repeating: nil, count: index.count * 3)
        for r in ds.recognitions {
            guard let u = index[r.unitCode] else { continue }
            let slot = u * 3 + UnitTable.levelIndex(r.level)
            if recognitions[slot] == nil { recognitions[slot] = r }
        }
    }

    static func levelIndex(_ l: RecognitionLevel) -> Int {
        switch l { case .ntm: 0; case .nang_cao: 1; case .kieu_mau: 2 }
    }

    /// The unit's criteria row of that period, as an index into ds.criteria.
    func record(_ unit: Int, _ period: Period) -> Int? {
        guard period.granularity == granularity else { return nil }
        let k = period.ordinal - firstOrdinal
        guard k >= 0, k < span else { return nil }
        let v = slots[unit * span + k]
        return v < 0 ? nil : Int(v)
    }

    func firstRecognition(_ unit: Int, _ level: RecognitionLevel) -> Recognition? { recognitions[unit * 3 + UnitTable.levelIndex(level)] }
}

extension Analysis {
    /// The unit of means, medians, extremes and changes of criteria met: "criteria per commune".
    public static let unitCriteria = "criteria per commune"
    /// The unit of counts of communes (group sizes, bands, recognitions): "communes".
    public static let unitCommunes = "communes"
    /// The unit of shares and relative changes: "percent" (values 0–100).
    public static let unitPercent = "percent"

    /// Computes every metric for the province, each listed group and each district, in every year of the
    /// dataset's periods, then compares them with the dataset's targets (indicators of kind `plan`).
    public static func run(_ ds: Dataset, options: AnalysisOptions = AnalysisOptions()) throws(AnalyticsError) -> Analysis {
        let subjects = try makeSubjects(ds)
        let table = UnitTable(ds)
        let criteria = ds.criteria
        let years = ds.manifest.periods.isEmpty ? Array(Set(ds.criteria.map(\.period))).sorted() : ds.manifest.periods

        var out: [ResultRecord] = []
        for s in subjects {
            let units = s.units.map { table.index[$0] }
            var previousMean: (year: Period, mean: Double, kind: FactKind)? = nil
            for y in years {
                var recs: [Int] = []           // indices into ds.criteria
                recs.reserveCapacity(units.count)
                for u in units { if let u, let k = table.record(u, y) { recs.append(k) } }
                let kind: FactKind = recs.contains { criteria[$0].kind == .estimate } ? .estimate : .actual
                out.append(ResultRecord(scope: s.scope, group: s.id, metric: "group_size", period: y, kind: .actual,
                                        value: Double(s.units.count), unit: unitCommunes, n: s.units.count))
                if !recs.isEmpty {
                    let counts = recs.map { criteria[$0].count }.sorted()
                    let mean = Double(counts.reduce(0, +)) / Double(counts.count)
                    out.append(ResultRecord(scope: s.scope, group: s.id, metric: "mean_criteria", period: y, kind: kind,
                                            value: mean, unit: unitCriteria, n: recs.count))
                    let mid = counts.count / 2
                    let median = counts.count % 2 == 1 ? Double(counts[mid]) : Double(counts[mid - 1] + counts[mid]) / 2
                    for (metric, v) in [("criteria_min", Double(counts.first!)), ("criteria_median", median),
                                        ("criteria_max", Double(counts.last!))] {
                        out.append(ResultRecord(scope: s.scope, group: s.id, metric: metric, period: y, kind: kind,
                                                value: v, unit: "criteria", n: recs.count))
                    }
                    if let p = previousMean {
                        let k: FactKind = (p.kind == .estimate || kind == .estimate) ? .estimate : .actual
                        out.append(ResultRecord(scope: s.scope, group: s.id, metric: "mean_criteria_change", period: y, kind: k,
                                                value: mean - p.mean, unit: unitCriteria, n: recs.count, basePeriod: p.year))
                        if p.mean != 0 {
                            out.append(ResultRecord(scope: s.scope, group: s.id, metric: "mean_criteria_change_pct", period: y,
                                                    kind: k, value: (mean - p.mean) / p.mean * 100, unit: unitPercent,
                                                    n: recs.count, basePeriod: p.year))
                        }
                    }
                    previousMean = (y, mean, kind)
                    for band in options.bands {
                        var c = 0
                        for n in counts where band.contains(n) { c += 1 }
                        out.append(ResultRecord(scope: s.scope, group: s.id, metric: "band_count", period: y, kind: kind,
                                                value: Double(c), unit: unitCommunes, n: recs.count, detail: band.label))
                    }
                    // Criterion by criterion, over the units whose 19 criteria are all known: one pass, 19 counters.
                    var detailed = 0
                    var met = [Int](repeating: 0, count: NationalCriteria.count)
                    for k in recs where table.hasDetail[k] {
                        detailed += 1
                        let m = criteria[k].met
                        for i in 0..<NationalCriteria.count where m[i] == true { met[i] += 1 }
                    }
                    if detailed > 0 {
                        for i in 0..<NationalCriteria.count {
                            out.append(ResultRecord(scope: s.scope, group: s.id, metric: "criterion_share", period: y, kind: kind,
                                                    value: Double(met[i]) / Double(detailed) * 100, unit: unitPercent,
                                                    n: detailed, detail: NationalCriteria.column(i)))
                        }
                    }
                }
                out += recognitionRecords(s, units, period: y, table, estimatedPeriod: kind == .estimate)
                out += lostCriteria(s, units, period: y, table, criteria, listUnits: options.listUnits && s.scope == .province)
            }
        }
        out += ds.facts.map { f in
            var r = ResultRecord(scope: f.scope, group: f.group, metric: f.metric, period: f.period, kind: f.kind,
                                 value: f.value, valueHigh: f.valueHigh, unit: f.unit, source: f.id)
            r.detail = ""
            return r
        }
        compareWithTargets(&out, ds)
        out += PeriodAnalysis.derived(from: out, ds)
        var analysis = Analysis(records: out)
        analysis.knownMetrics = computedMetrics + Set(ds.facts.map(\.metric)).subtracting(computedMetrics).sorted()
        // Metrics derived over months and quarters (`ntm_new_ytd` …), known when the dataset has such periods.
        analysis.knownMetrics += Set(out.lazy.filter { $0.period.granularity != .year }.map(\.metric))
            .subtracting(analysis.knownMetrics).sorted()
        return analysis
    }

    static func makeSubjects(_ ds: Dataset) throws(AnalyticsError) -> [Subject] {
        var subjects: [Subject] = []
        var listed: [String: [String]] = [:]
        for code in ds.unitOrder { for g in ds.units[code]!.groups { listed[g, default: []].append(code) } }
        for id in ds.groupOrder {
            guard let g = ds.groups[id] else { continue }
            switch g.membership {
            case .all: subjects.append(Subject(scope: .province, id: id, units: ds.unitOrder))
            case .listed: subjects.append(Subject(scope: .group, id: id, units: listed[id] ?? []))
            case .none: break
            }
        }
        if !subjects.contains(where: { $0.scope == .province }) {
            subjects.insert(Subject(scope: .province, id: "all", units: ds.unitOrder), at: 0)
        }
        var byDistrict: [String: [String]] = [:]
        for code in ds.unitOrder { byDistrict[ds.units[code]!.districtCode, default: []].append(code) }
        for d in ds.districtOrder { subjects.append(Subject(scope: .district, id: d, units: byDistrict[d] ?? [])) }
        for s in subjects {
            let vintages = Set(s.units.compactMap { ds.units[$0]?.vintage })
            if vintages.count > 1 { throw .mixedVintages(subject: "\(s.scope.rawValue) \(s.id)", vintages: vintages.sorted()) }
        }
        return subjects
    }

    /// Recognitions in the period (`*_new`: decisions dated within it) and to its end (`*_total`). A decision dated
    /// by a longer period than `period` (a year, in a monthly analysis) is new in none of its months and counts in
    /// the totals from its year's end.
    /// A period whose criteria are estimates (`estimatedPeriod`: after the cut-off) gives estimated counts, even of
    /// no recognition: a month after the cut-off without a decision is not known to have none.
    static func recognitionRecords(_ s: Subject, _ units: [Int?], period year: Period, _ table: UnitTable,
                                   estimatedPeriod: Bool = false) -> [ResultRecord] {
        var out: [ResultRecord] = []
        let names: [(RecognitionLevel, String, String)] = [(.ntm, "ntm_new", "ntm_total"),
                                                            (.nang_cao, "advanced_new", "advanced_total"),
                                                            (.kieu_mau, "model_new", "model_total")]
        for (level, newName, totalName) in names {
            var any = false, new = 0, total = 0, newEstimate = estimatedPeriod, totalEstimate = estimatedPeriod
            for u in units {
                guard let u, let r = table.firstRecognition(u, level) else { continue }
                any = true
                if r.period.start >= year.start, r.period.end <= year.end { new += 1; if r.kind == .estimate { newEstimate = true } }
                if r.period.end <= year.end { total += 1; if r.kind == .estimate { totalEstimate = true } }
            }
            guard any || level == .ntm else { continue }
            out.append(ResultRecord(scope: s.scope, group: s.id, metric: newName, period: year,
                                    kind: newEstimate ? .estimate : .actual,
                                    value: Double(new), unit: unitCommunes, n: s.units.count))
            out.append(ResultRecord(scope: s.scope, group: s.id, metric: totalName, period: year,
                                    kind: totalEstimate ? .estimate : .actual,
                                    value: Double(total), unit: unitCommunes, n: s.units.count))
        }
        return out
    }

    /// Units that met fewer criteria than the year before (`lost_criteria_units`) and recognised units below
    /// 19 after recognition (`below_standard_after_recognition`), then (with `listUnits`) one `unit` record per
    /// unit that lost.
    static func lostCriteria(_ s: Subject, _ units: [Int?], period year: Period, _ table: UnitTable, _ criteria: [CriteriaRecord],
                             listUnits: Bool) -> [ResultRecord] {
        var lostUnits = 0, below = 0, compared = 0, present = false
        var kind: FactKind = .actual
        var unitRecords: [ResultRecord] = []
        for (code, u) in zip(s.units, units) {
            guard let u, let nowIndex = table.record(u, year) else { continue }
            present = true
            let now = criteria[nowIndex]
            if now.kind == .estimate { kind = .estimate }
            if let ntm = table.firstRecognition(u, .ntm), ntm.period.end < year.start, now.count < 19 { below += 1 }
            guard let beforeIndex = table.record(u, year.previous) else { continue }
            let before = criteria[beforeIndex]
            compared += 1
            if before.kind == .estimate { kind = .estimate }
            var lost = 0
            let detailed = table.hasDetail[nowIndex] && table.hasDetail[beforeIndex]
            if detailed {
                for i in 0..<NationalCriteria.count where before.met[i] == true && now.met[i] == false { lost += 1 }
            }
            let lostCount = lost == 0 ? max(0, before.count - now.count) : lost
            if lostCount > 0 {
                lostUnits += 1
                if listUnits {
                    let names = detailed ? (0..<NationalCriteria.count).filter { before.met[$0] == true && now.met[$0] == false }
                        .map(NationalCriteria.column) : []
                    unitRecords.append(ResultRecord(scope: .unit, group: code, metric: "lost_criteria", period: year,
                                                    kind: (now.kind == .estimate || before.kind == .estimate) ? .estimate : .actual,
                                                    value: Double(lostCount), unit: "criteria", n: 1, detail: names.joined(separator: " "),
                                                    basePeriod: year.previous))
                }
            }
        }
        var out: [ResultRecord] = []
        if compared > 0 {
            out.append(ResultRecord(scope: s.scope, group: s.id, metric: "lost_criteria_units", period: year, kind: kind,
                                    value: Double(lostUnits), unit: unitCommunes, n: compared, basePeriod: year.previous))
        }
        if present {
            out.append(ResultRecord(scope: s.scope, group: s.id, metric: "below_standard_after_recognition", period: year,
                                    kind: kind, value: Double(below), unit: unitCommunes, n: s.units.count))
        }
        return out + unitRecords
    }

    /// Sets target, status and gap on the figure each plan is about: a computed one when there is one,
    /// else a stated actual or estimate.
    static func compareWithTargets(_ records: inout [ResultRecord], _ ds: Dataset) {
        var index: [ResultKey: [Int]] = [:]
        let planned = Set(ds.facts.lazy.filter { $0.kind == .plan }.map(\.metric))   // only these are looked up
        for (i, r) in records.enumerated() where r.kind != .plan && planned.contains(r.metric) { index[ResultKey(scope: r.scope, group: r.group, metric: r.metric, period: r.period, kind: .actual), default: []].append(i) }
        for plan in ds.facts where plan.kind == .plan {
            let key = ResultKey(scope: plan.scope, group: plan.group, metric: plan.metric, period: plan.period, kind: .actual)
            guard let candidates = index[key], !candidates.isEmpty else { continue }
            // Prefer computed over stated, actual over estimate.
            let ranked = candidates.sorted { a, b in
                let ra = (records[a].source == "computed" ? 0 : 2) + (records[a].kind == .actual ? 0 : 1)
                let rb = (records[b].source == "computed" ? 0 : 2) + (records[b].kind == .actual ? 0 : 1)
                return ra == rb ? a < b : ra < rb
            }
            // Every candidate of the best source gets the comparison (a computed and a stated 13 both say "vượt").
            for i in ranked {
                let c = PlanComparison(actual: records[i].value,
                                       target: Target(plan.value, upTo: plan.valueHigh, lowerIsBetter: plan.lowerIsBetter))
                records[i].target = plan.value
                records[i].targetHigh = plan.valueHigh
                records[i].status = c.status
                records[i].gap = c.gap
            }
        }
    }
}
