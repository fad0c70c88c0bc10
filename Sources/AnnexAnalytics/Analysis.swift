import AnnexData

/// Everything Annex computes from a dataset, as tidy records. Pure: the same dataset gives the same
/// records in the same order.
public struct Analysis: Sendable {
    public var records: [ResultRecord]

    /// The records with these keys.
    public func find(scope: FactScope, group: String, metric: String, year: Int, kind: FactKind? = nil,
                     detail: String = "") -> [ResultRecord] {
        records.filter {
            $0.scope == scope && $0.group == group && $0.metric == metric && $0.year == year
                && (kind == nil || $0.kind == kind) && $0.detail == detail
        }
    }

    /// The computed record with these keys, or nil.
    public func value(scope: FactScope, group: String, metric: String, year: Int, detail: String = "") -> ResultRecord? {
        find(scope: scope, group: group, metric: metric, year: year, detail: detail).first { $0.source == "computed" }
    }
}

/// Options of an analysis.
public struct AnalysisOptions: Sendable {
    public var bands: [CriteriaBand]
    /// Also list each unit that lost criteria (scope `unit`).
    public var listUnits: Bool
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

extension Analysis {
    public static let unitCriteria = "criteria per commune"
    public static let unitCommunes = "communes"
    public static let unitPercent = "percent"

    /// Computes every metric for the province, each listed group and each district, in every year of the
    /// dataset's periods, then compares them with the dataset's targets (indicators of kind `plan`).
    public static func run(_ ds: Dataset, options: AnalysisOptions = AnalysisOptions()) throws(AnalyticsError) -> Analysis {
        let subjects = try makeSubjects(ds)
        var byUnitYear: [String: [Int: CriteriaRecord]] = [:]
        for r in ds.criteria { byUnitYear[r.unitCode, default: [:]][r.year] = r }
        let years = ds.manifest.periods.isEmpty ? Array(Set(ds.criteria.map(\.year))).sorted() : ds.manifest.periods
        var recognitionsByUnit: [String: [Recognition]] = [:]
        for r in ds.recognitions { recognitionsByUnit[r.unitCode, default: []].append(r) }

        var out: [ResultRecord] = []
        for s in subjects {
            var previousMean: (year: Int, mean: Double, kind: FactKind)? = nil
            for y in years {
                let recs = s.units.compactMap { byUnitYear[$0]?[y] }
                let kind: FactKind = recs.contains { $0.kind == .estimate } ? .estimate : .actual
                out.append(ResultRecord(scope: s.scope, group: s.id, metric: "group_size", year: y, kind: .actual,
                                        value: Double(s.units.count), unit: unitCommunes, n: s.units.count))
                if !recs.isEmpty {
                    let counts = recs.map(\.count).sorted()
                    let mean = Double(counts.reduce(0, +)) / Double(counts.count)
                    out.append(ResultRecord(scope: s.scope, group: s.id, metric: "mean_criteria", year: y, kind: kind,
                                            value: mean, unit: unitCriteria, n: recs.count))
                    let mid = counts.count / 2
                    let median = counts.count % 2 == 1 ? Double(counts[mid]) : Double(counts[mid - 1] + counts[mid]) / 2
                    for (metric, v) in [("criteria_min", Double(counts.first!)), ("criteria_median", median),
                                        ("criteria_max", Double(counts.last!))] {
                        out.append(ResultRecord(scope: s.scope, group: s.id, metric: metric, year: y, kind: kind,
                                                value: v, unit: "criteria", n: recs.count))
                    }
                    if let p = previousMean {
                        let k: FactKind = (p.kind == .estimate || kind == .estimate) ? .estimate : .actual
                        out.append(ResultRecord(scope: s.scope, group: s.id, metric: "mean_criteria_change", year: y, kind: k,
                                                value: mean - p.mean, unit: unitCriteria, n: recs.count, baseYear: p.year))
                        if p.mean != 0 {
                            out.append(ResultRecord(scope: s.scope, group: s.id, metric: "mean_criteria_change_pct", year: y,
                                                    kind: k, value: (mean - p.mean) / p.mean * 100, unit: unitPercent,
                                                    n: recs.count, baseYear: p.year))
                        }
                    }
                    previousMean = (y, mean, kind)
                    for band in options.bands {
                        let c = counts.filter(band.contains).count
                        out.append(ResultRecord(scope: s.scope, group: s.id, metric: "band_count", year: y, kind: kind,
                                                value: Double(c), unit: unitCommunes, n: recs.count, detail: band.label))
                    }
                    let detailed = recs.filter(\.hasDetail)
                    if !detailed.isEmpty {
                        for i in 0..<NationalCriteria.count {
                            let met = detailed.filter { $0.met[i] == true }.count
                            out.append(ResultRecord(scope: s.scope, group: s.id, metric: "criterion_share", year: y, kind: kind,
                                                    value: Double(met) / Double(detailed.count) * 100, unit: unitPercent,
                                                    n: detailed.count, detail: NationalCriteria.column(i)))
                        }
                    }
                }
                out += recognitionRecords(s, year: y, recognitionsByUnit)
                let (lostRecords, unitRecords) = lostCriteria(s, year: y, byUnitYear, recognitionsByUnit)
                out += lostRecords
                if options.listUnits, s.scope == .province { out += unitRecords }
            }
        }
        out += ds.facts.map { f in
            var r = ResultRecord(scope: f.scope, group: f.group, metric: f.metric, year: f.year, kind: f.kind,
                                 value: f.value, valueHigh: f.valueHigh, unit: f.unit, source: f.id)
            r.detail = ""
            return r
        }
        compareWithTargets(&out, ds)
        return Analysis(records: out)
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

    static func recognitionRecords(_ s: Subject, year: Int, _ byUnit: [String: [Recognition]]) -> [ResultRecord] {
        var out: [ResultRecord] = []
        let names: [(RecognitionLevel, String, String)] = [(.ntm, "ntm_new", "ntm_total"),
                                                            (.nang_cao, "advanced_new", "advanced_total"),
                                                            (.kieu_mau, "model_new", "model_total")]
        for (level, newName, totalName) in names {
            let recs = s.units.compactMap { u in byUnit[u]?.first { $0.level == level } }
            guard !recs.isEmpty || level == .ntm else { continue }
            let new = recs.filter { $0.year == year }
            let total = recs.filter { $0.year <= year }
            out.append(ResultRecord(scope: s.scope, group: s.id, metric: newName, year: year,
                                    kind: new.contains { $0.kind == .estimate } ? .estimate : .actual,
                                    value: Double(new.count), unit: unitCommunes, n: s.units.count))
            out.append(ResultRecord(scope: s.scope, group: s.id, metric: totalName, year: year,
                                    kind: total.contains { $0.kind == .estimate } ? .estimate : .actual,
                                    value: Double(total.count), unit: unitCommunes, n: s.units.count))
        }
        return out
    }

    /// Units that met fewer criteria than the year before (`lost_criteria_units`) and recognised units below
    /// 19 after recognition (`below_standard_after_recognition`), with one `unit` record per unit that lost.
    static func lostCriteria(_ s: Subject, year: Int, _ byUnitYear: [String: [Int: CriteriaRecord]],
                             _ recognitions: [String: [Recognition]]) -> ([ResultRecord], [ResultRecord]) {
        var lostUnits = 0, below = 0, compared = 0
        var kind: FactKind = .actual
        var unitRecords: [ResultRecord] = []
        for u in s.units {
            guard let now = byUnitYear[u]?[year] else { continue }
            if now.kind == .estimate { kind = .estimate }
            if let ntm = recognitions[u]?.first(where: { $0.level == .ntm }), ntm.year < year, now.count < 19 { below += 1 }
            guard let before = byUnitYear[u]?[year - 1] else { continue }
            compared += 1
            if before.kind == .estimate { kind = .estimate }
            var lost: [String] = []
            if now.hasDetail, before.hasDetail {
                for i in 0..<NationalCriteria.count where before.met[i] == true && now.met[i] == false {
                    lost.append(NationalCriteria.column(i))
                }
            }
            let lostCount = lost.isEmpty ? max(0, before.count - now.count) : lost.count
            if lostCount > 0 {
                lostUnits += 1
                unitRecords.append(ResultRecord(scope: .unit, group: u, metric: "lost_criteria", year: year,
                                                kind: (now.kind == .estimate || before.kind == .estimate) ? .estimate : .actual,
                                                value: Double(lostCount), unit: "criteria", n: 1, detail: lost.joined(separator: " "),
                                                baseYear: year - 1))
            }
        }
        var out: [ResultRecord] = []
        if compared > 0 {
            out.append(ResultRecord(scope: s.scope, group: s.id, metric: "lost_criteria_units", year: year, kind: kind,
                                    value: Double(lostUnits), unit: unitCommunes, n: compared, baseYear: year - 1))
        }
        if s.units.contains(where: { byUnitYear[$0]?[year] != nil }) {
            out.append(ResultRecord(scope: s.scope, group: s.id, metric: "below_standard_after_recognition", year: year,
                                    kind: kind, value: Double(below), unit: unitCommunes, n: s.units.count))
        }
        return (out, unitRecords)
    }

    /// Sets target, status and gap on the figure each plan is about: a computed one when there is one,
    /// else a stated actual or estimate.
    static func compareWithTargets(_ records: inout [ResultRecord], _ ds: Dataset) {
        var index: [ResultKey: [Int]] = [:]
        for (i, r) in records.enumerated() where r.kind != .plan { index[ResultKey(scope: r.scope, group: r.group, metric: r.metric, year: r.year, kind: .actual), default: []].append(i) }
        for plan in ds.facts where plan.kind == .plan {
            let key = ResultKey(scope: plan.scope, group: plan.group, metric: plan.metric, year: plan.year, kind: .actual)
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
