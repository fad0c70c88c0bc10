// Owns the figures the key findings state and where each comes from: a figure the dataset states (indicators.csv,
// real) before one computed from commune data (illustrative when the manifest says the data are synthetic), the
// units a count of communes is in (before or after a merger of communes), and the plans figures are compared with.
import AnnexAnalytics
import AnnexData

/// A figure a finding states, with whether it comes from illustrative data.
struct FindingFigure {
    /// The figure.
    var value: Double
    /// Actual or estimate.
    var kind: FactKind
    /// True when the figure is computed from synthetic commune data (`synthetic: true` in the manifest).
    var illustrative: Bool
    /// The indicator that states the figure; nil for a computed one.
    var fact: Fact?
    /// The computed record; nil for a stated figure.
    var record: ResultRecord?
}

/// The administrative units a stated count of communes is in, as its `unit` in indicators.csv says:
/// `communes (pre-merger units)` or `communes (post-merger units)` (the merger of communes of 1/1/2020 made 61 NTM
/// communes into 52). A count without either is in the dataset's own units.
enum CountUnits {
    case beforeMerger, afterMerger

    init?(unit: String) {
        let u = unit.lowercased()
        if u.contains("(pre-merger units)") { self = .beforeMerger } else if u.contains("(post-merger units)") { self = .afterMerger } else { return nil }
    }

    /// The words that name the units: `trước sắp xếp`, `pre-merger`.
    func words(_ lang: Language) -> String { lang.text(self == .beforeMerger ? .unitsBeforeMerger : .unitsAfterMerger) }
}

/// Looks up the figures of a dataset and its analysis for the findings.
struct FindingFigures {
    let ds: Dataset
    let analysis: Analysis
    /// The id of the group of every unit (`all`), whose figures are the province's.
    let province: String

    init(_ ds: Dataset, _ analysis: Analysis) {
        self.ds = ds; self.analysis = analysis
        province = ds.groupOrder.first { ds.groups[$0]?.membership == .all } ?? "all"
    }

    /// Metrics computed from recognitions: without recognition records their computed zeros are no figures.
    static let recognitionMetrics: Set<String> = ["ntm_new", "ntm_total", "advanced_new", "advanced_total", "model_new",
                                                  "model_total", "below_standard_after_recognition"]

    /// The figure of `metric` for a subject in `year`: the dataset's own (an actual before an estimate; a count in
    /// pre-merger units only when asked for), else the computed one. Nil when neither exists, or when the computed
    /// one counts recognitions the dataset has none of.
    func figure(_ scope: FactScope, _ group: String, _ metric: String, _ year: Int, detail: String = "") -> FindingFigure? {
        if detail.isEmpty, let f = stated(scope, group, metric, year) {
            return FindingFigure(value: f.value, kind: f.kind, illustrative: ds.sources[f.source]?.illustrative == true, fact: f)
        }
        if FindingFigures.recognitionMetrics.contains(metric), ds.recognitions.isEmpty { return nil }
        guard let r = analysis.value(scope: scope, group: group, metric: metric, year: year, detail: detail) else { return nil }
        return FindingFigure(value: r.value, kind: r.kind, illustrative: ds.manifest.synthetic, record: r)
    }

    /// The dataset's actual (else estimated) figure, in units other than pre-merger ones unless `units` says.
    func stated(_ scope: FactScope, _ group: String, _ metric: String, _ year: Int, units: CountUnits? = nil) -> Fact? {
        let candidates = ds.facts.filter {
            $0.scope == scope && $0.group == group && $0.metric == metric && $0.period == .year(year) && $0.kind != .plan
                && (units == .beforeMerger) == (CountUnits(unit: $0.unit) == .beforeMerger)
        }
        return candidates.first { $0.kind == .actual } ?? candidates.first
    }

    /// The dataset's plan for `metric` of a subject in `year` (in units other than pre-merger ones).
    func plan(_ scope: FactScope, _ group: String, _ metric: String, _ year: Int) -> Fact? {
        ds.facts.first {
            $0.scope == scope && $0.group == group && $0.metric == metric && $0.period == .year(year) && $0.kind == .plan
                && CountUnits(unit: $0.unit) != .beforeMerger
        }
    }

    /// The change of a mean from the year before `year` with a figure: from two stated figures when both are stated,
    /// else the computed change. Returns the change and the year it is measured from.
    func change(_ scope: FactScope, _ group: String, _ metric: String, _ year: Int, from now: FindingFigure) -> (FindingFigure, Int)? {
        let earlier = ds.facts.filter { $0.scope == scope && $0.group == group && $0.metric == metric && $0.period.granularity == .year && $0.year < year && $0.kind != .plan }
        if let f = now.fact, let base = earlier.map(\.year).max(), let before = stated(scope, group, metric, base) {
            let d = ((f.value - before.value) * 1e9).rounded() / 1e9
            return (FindingFigure(value: d, kind: f.kind == .estimate || before.kind == .estimate ? .estimate : .actual, illustrative: false), base)
        }
        guard let c = analysis.value(scope: scope, group: group, metric: metric + "_change", year: year), let base = c.baseYear else { return nil }
        return (FindingFigure(value: c.value, kind: c.kind, illustrative: ds.manifest.synthetic, record: c), base)
    }

    /// The number of communes of a listed group: the dataset's stated size (of `year`, or of any year when all its
    /// stated sizes agree), else the computed one. A computed size of synthetic data is illustrative.
    func groupSize(_ group: String, _ year: Int) -> FindingFigure? {
        if let f = stated(.group, group, "group_size", year) { return FindingFigure(value: f.value, kind: f.kind, illustrative: false, fact: f) }
        let sizes = ds.facts.filter { $0.scope == .group && $0.group == group && $0.metric == "group_size" && $0.kind == .actual }
        if let f = sizes.first, sizes.allSatisfy({ $0.value == f.value }) {
            return FindingFigure(value: f.value, kind: f.kind, illustrative: ds.sources[f.source]?.illustrative == true, fact: f)
        }
        return figure(.group, group, "group_size", year)
    }

    /// Compares a figure with a plan: status and gap, from the figure as the finding states it.
    static func compare(_ f: FindingFigure, _ plan: Fact) -> PlanComparison {
        PlanComparison(actual: f.value, target: Target(plan.value, upTo: plan.valueHigh, lowerIsBetter: plan.lowerIsBetter))
    }

    /// The years of the analysis, in order.
    var years: [Int] { Array(Set(analysis.records.map(\.year))).sorted() }

    /// What the commune data that are illustrative are, in `lang`'s words: group memberships, criteria met,
    /// recognitions — those the dataset has; none when the manifest does not say the data are synthetic.
    func illustrativeTables(_ lang: Language) -> [String] {
        guard ds.manifest.synthetic else { return [] }
        var out: [String] = []
        if ds.unitOrder.contains(where: { !(ds.units[$0]?.groups.isEmpty ?? true) }) { out.append(lang.text(.illustrativeGroups)) }
        if !ds.criteria.isEmpty { out.append(lang.text(.illustrativeCriteria)) }
        if !ds.recognitions.isEmpty { out.append(lang.text(.illustrativeRecognitions)) }
        return out
    }
}

/// One sentence of the findings, built of clauses each of which knows whether its figures are illustrative.
struct FindingSentence {
    private(set) var parts: [(text: String, illustrative: Bool)]

    /// A sentence that opens with `head`.
    init(_ head: String, illustrative: Bool) { parts = [(head, illustrative)] }

    /// Adds a clause.
    mutating func add(_ text: String, illustrative: Bool) { parts.append((text, illustrative)) }

    /// True when a clause states a figure from illustrative data.
    var hasIllustrative: Bool { parts.contains { $0.illustrative } }

    /// The sentence: with `.mark`, each run of illustrative clauses ends with the mark (`(số liệu minh họa)`); with
    /// `.omit`, illustrative clauses are left out, and the whole sentence when its opening is illustrative.
    func text(_ mode: IllustrativeFigures, _ lang: Language, end: String = ".") -> String? {
        if mode == .omit, parts[0].illustrative { return nil }
        var out = ""
        for (i, p) in parts.enumerated() {
            if mode == .omit, p.illustrative { continue }
            out += p.text
            if mode == .mark, p.illustrative, i + 1 == parts.count || !parts[i + 1].illustrative { out += lang.text(.illustrativeMark) }
        }
        return out + end
    }
}
