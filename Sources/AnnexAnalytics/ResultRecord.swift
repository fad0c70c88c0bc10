import AnnexData

/// One tidy result: a figure about a subject (the province, a group, a district or a unit) in a year.
/// The columns use the vocabulary of the notices' figures: `scope, group, metric, year, kind, value,
/// value_high, unit`, plus what a result needs to be read on its own.
public struct ResultRecord: Hashable, Sendable {
    /// What the figure is about: the province, a group of communes, a district or a single unit.
    public var scope: FactScope
    /// A group id, a district code or a unit code, as `scope` says.
    public var group: String
    /// What was measured: one of `Analysis.computedMetrics` (`mean_criteria`, `band_count`, …) or the id of one of the
    /// dataset's own indicators.
    public var metric: String
    /// The period the figure is for (for a change, the period it is measured to): a year, a quarter or a month.
    public var period: Period
    /// The year the figure's period lies in.
    public var year: Int { period.year }
    /// `actual` when every input is actual, `estimate` when any is, `plan` for targets.
    public var kind: FactKind
    /// The figure, in `unit`; for a range stated by the dataset, its low end.
    public var value: Double
    /// The high end of a figure stated as a range ("11,5–12"), or nil for a single value.
    public var valueHigh: Double?
    /// The unit of `value`, in words: `Analysis.unitCriteria`, `unitCommunes`, `unitPercent`, or the indicator's own.
    public var unit: String
    /// How many units the figure aggregates.
    public var n: Int?
    /// What the metric needs besides the keys: a band ("10-14"), a criterion ("c10"), lost criteria ("c11 c17").
    public var detail: String
    /// The period a change is measured from.
    public var basePeriod: Period?
    /// The year a change is measured from.
    public var baseYear: Int? { basePeriod?.year }
    /// The target this figure is compared with, when there is one.
    public var target: Double?
    /// The high edge of the target when it is a range.
    public var targetHigh: Double?
    /// How the figure compares with its target (exceeded, met, missed), when there is one.
    public var status: PlanStatus?
    /// The signed distance to the target's nearest edge, positive in the better direction, 0 inside a range (see
    /// `PlanComparison.gap`).
    public var gap: Double?
    /// `computed` for figures Annex computed from commune data; an indicator id for figures the dataset states.
    public var source: String

    /// A record with its keys, value and unit; the comparison with a target (`target`, `status`, `gap`) is filled in
    /// later, by the analysis.
    public init(scope: FactScope, group: String, metric: String, period: Period, kind: FactKind, value: Double,
                valueHigh: Double? = nil, unit: String, n: Int? = nil, detail: String = "", basePeriod: Period? = nil,
                source: String = "computed") {
        self.scope = scope; self.group = group; self.metric = metric; self.period = period; self.kind = kind
        self.value = value; self.valueHigh = valueHigh; self.unit = unit; self.n = n; self.detail = detail
        self.basePeriod = basePeriod; self.source = source
    }

    /// A record of a year (see ``init(scope:group:metric:period:kind:value:valueHigh:unit:n:detail:basePeriod:source:)``).
    public init(scope: FactScope, group: String, metric: String, year: Int, kind: FactKind, value: Double,
                valueHigh: Double? = nil, unit: String, n: Int? = nil, detail: String = "", baseYear: Int? = nil,
                source: String = "computed") {
        self.init(scope: scope, group: group, metric: metric, period: .year(year), kind: kind, value: value, valueHigh: valueHigh,
                  unit: unit, n: n, detail: detail, basePeriod: baseYear.map(Period.year), source: source)
    }

    /// The keys a figure is looked up by.
    public var key: ResultKey { ResultKey(scope: scope, group: group, metric: metric, period: period, kind: kind, detail: detail) }
}

/// The keys that identify a figure among an analysis's records: subject, metric, period, kind and detail.
public struct ResultKey: Hashable, Sendable {
    /// The kind of subject: province, group, district or unit.
    public var scope: FactScope
    /// The subject's id: a group id, a district code or a unit code.
    public var group: String
    /// The metric's name or the indicator's id.
    public var metric: String
    /// The period of the figure.
    public var period: Period
    /// The year the figure's period lies in.
    public var year: Int { period.year }
    /// Actual, estimate or plan.
    public var kind: FactKind
    /// The band, criterion or other detail the metric needs, or an empty string.
    public var detail: String

    /// A key made of its parts; `detail` is empty for metrics that have none.
    public init(scope: FactScope, group: String, metric: String, period: Period, kind: FactKind, detail: String = "") {
        self.scope = scope; self.group = group; self.metric = metric; self.period = period; self.kind = kind; self.detail = detail
    }

    /// A key of a year's figure.
    public init(scope: FactScope, group: String, metric: String, year: Int, kind: FactKind, detail: String = "") {
        self.init(scope: scope, group: group, metric: metric, period: .year(year), kind: kind, detail: detail)
    }
}

/// Why an analysis cannot be done.
public enum AnalyticsError: Error, Sendable, CustomStringConvertible, Equatable {
    /// Units of different administrative vintages would be counted together.
    case mixedVintages(subject: String, vintages: [String])

    public var description: String {
        switch self {
        case .mixedVintages(let s, let v):
            "\(s): units of different vintages (\(v.joined(separator: ", "))) cannot be aggregated together"
        }
    }
}

/// Inclusive bounds of a band of criteria counts.
public struct CriteriaBand: Hashable, Sendable {
    /// The fewest criteria met that the band includes.
    public var low: Int
    /// The most criteria met that the band includes.
    public var high: Int
    /// The band from `low` to `high` criteria, both included.
    public init(_ low: Int, _ high: Int) { self.low = low; self.high = high }
    /// The band as the records' `detail` names it: "10-14", or "19" for a band of one count.
    public var label: String { low == high ? "\(low)" : "\(low)-\(high)" }
    /// True when a commune with `n` criteria met falls in the band.
    public func contains(_ n: Int) -> Bool { n >= low && n <= high }

    /// Under 5, 5–9, 10–14, 15–18, 19: the notices' bands, from the fewest criteria up.
    public static let standard = [CriteriaBand(0, 4), CriteriaBand(5, 9), CriteriaBand(10, 14),
                                  CriteriaBand(15, 18), CriteriaBand(19, 19)]
}
