import AnnexData

/// One tidy result: a figure about a subject (the province, a group, a district or a unit) in a year.
/// The columns use the vocabulary of the notices' figures: `scope, group, metric, year, kind, value,
/// value_high, unit`, plus what a result needs to be read on its own.
public struct ResultRecord: Hashable, Sendable {
    public var scope: FactScope
    /// A group id, a district code or a unit code, as `scope` says.
    public var group: String
    public var metric: String
    public var year: Int
    /// `actual` when every input is actual, `estimate` when any is, `plan` for targets.
    public var kind: FactKind
    public var value: Double
    public var valueHigh: Double?
    public var unit: String
    /// How many units the figure aggregates.
    public var n: Int?
    /// What the metric needs besides the keys: a band ("10-14"), a criterion ("c10"), lost criteria ("c11 c17").
    public var detail: String
    /// The year a change is measured from.
    public var baseYear: Int?
    /// The target this figure is compared with, when there is one.
    public var target: Double?
    public var targetHigh: Double?
    public var status: PlanStatus?
    public var gap: Double?
    /// `computed` for figures Annex computed from commune data; an indicator id for figures the dataset states.
    public var source: String

    public init(scope: FactScope, group: String, metric: String, year: Int, kind: FactKind, value: Double,
                valueHigh: Double? = nil, unit: String, n: Int? = nil, detail: String = "", baseYear: Int? = nil,
                source: String = "computed") {
        self.scope = scope; self.group = group; self.metric = metric; self.year = year; self.kind = kind
        self.value = value; self.valueHigh = valueHigh; self.unit = unit; self.n = n; self.detail = detail
        self.baseYear = baseYear; self.source = source
    }

    /// The keys a figure is looked up by.
    public var key: ResultKey { ResultKey(scope: scope, group: group, metric: metric, year: year, kind: kind, detail: detail) }
}

public struct ResultKey: Hashable, Sendable {
    public var scope: FactScope
    public var group: String
    public var metric: String
    public var year: Int
    public var kind: FactKind
    public var detail: String

    public init(scope: FactScope, group: String, metric: String, year: Int, kind: FactKind, detail: String = "") {
        self.scope = scope; self.group = group; self.metric = metric; self.year = year; self.kind = kind; self.detail = detail
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
    public var low: Int
    public var high: Int
    public init(_ low: Int, _ high: Int) { self.low = low; self.high = high }
    public var label: String { low == high ? "\(low)" : "\(low)-\(high)" }
    public func contains(_ n: Int) -> Bool { n >= low && n <= high }

    /// Under 5, 5–9, 10–14, 15–18, 19: the notices' bands, from the fewest criteria up.
    public static let standard = [CriteriaBand(0, 4), CriteriaBand(5, 9), CriteriaBand(10, 14),
                                  CriteriaBand(15, 18), CriteriaBand(19, 19)]
}
