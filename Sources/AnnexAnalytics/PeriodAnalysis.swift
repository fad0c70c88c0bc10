import AnnexData

// Owns the figures of periods shorter than a year (months, quarters): changes on the previous period and on the
// same period a year before, year-to-date and cumulative sums of flows, and plans to date.

/// Figures derived from a series of months or quarters. A series is one subject's figures of one metric (and detail),
/// computed or stated, at one length of period; where a period has both an actual and an estimate, the actual counts.
///
/// Metrics derived from a metric `m` (each record keeps `m`'s unit; `basePeriod` says what a change is measured from):
/// - `m_change_prev`: the change on the previous period (June on May);
/// - `m_change_yoy`: the change on the same period a year before (June 2020 on June 2019);
/// - for a flow (capital disbursed in the month, communes recognised in the month; `aggregation: sum` in the
///   dataset): `m_ytd`, the sum from the year's first period to this one, compared with `m_plan_to_date` when there is
///   a plan; and `m_cumulative`, the sum since the series' first period;
/// - for a stock (criteria met, communes recognised to date): `m_change_ytd`, the change since the last period of
///   the year before;
/// - `m_plan_to_date` (kind `plan`): the monthly (or quarterly) plans of the year summed to this period, or a plan of
///   the year spread evenly when the plan says so (`spread: even`); a yearly plan that does not say how is never spread.
///
/// A derived figure is an estimate when any figure it comes from is; a sum needs every period it adds up (a month
/// missing: no year-to-date figure, never a smaller one).
public enum PeriodAnalysis {
    /// The endings of derived metrics, as appended to a metric's name.
    public static let suffixes = ["_change_prev", "_change_yoy", "_ytd", "_cumulative", "_change_ytd", "_plan_to_date"]

    /// The computed metrics that are flows: a year's figure is the sum of its months'.
    public static let computedFlows: Set<String> = ["ntm_new", "advanced_new", "model_new"]

    struct SeriesKey: Hashable {
        var scope: FactScope, group: String, metric: String, detail: String, computed: Bool
        var granularity: Period.Granularity
    }

    /// The derived records of every series of months or quarters among `records`, in a stable order.
    static func derived(from records: [ResultRecord], _ ds: Dataset) -> [ResultRecord] {
        let flows = computedFlows.union(ds.facts.filter { $0.aggregation == .sum }.map(\.metric))
        var series: [SeriesKey: [Period: ResultRecord]] = [:]
        var order: [SeriesKey] = []
        for r in records where r.kind != .plan && r.period.granularity != .year {
            let key = SeriesKey(scope: r.scope, group: r.group, metric: r.metric, detail: r.detail,
                                computed: r.source == "computed", granularity: r.period.granularity)
            if series[key] == nil { order.append(key) }
            if let old = series[key]?[r.period], old.kind == .actual { continue }
            series[key, default: [:]][r.period] = r
        }
        var out: [ResultRecord] = []
        for key in order {
            let points = series[key]!
            let plans = PlanToDate(ds, key)
            out += derived(points, flow: flows.contains(key.metric), plans: plans)
        }
        return out
    }

    /// The derived records of one series.
    static func derived(_ points: [Period: ResultRecord], flow: Bool, plans: PlanToDate) -> [ResultRecord] {
        var out: [ResultRecord] = []
        let periods = points.keys.sorted()
        guard let first = periods.first else { return [] }
        func record(_ base: ResultRecord, _ suffix: String, _ value: Double, from: Period?, estimate: Bool) -> ResultRecord {
            var r = ResultRecord(scope: base.scope, group: base.group, metric: base.metric + suffix, period: base.period,
                                 kind: estimate ? .estimate : .actual, value: value, unit: base.unit, n: base.n,
                                 detail: base.detail, basePeriod: from, source: base.source)
            r.valueHigh = nil
            return r
        }
        for p in periods {
            let r = points[p]!
            let per = p.granularity.perYear
            for (suffix, q) in [("_change_prev", p.previous), ("_change_yoy", p.advanced(by: -per))] {
                guard let b = points[q] else { continue }
                out.append(record(r, suffix, r.value - b.value, from: q, estimate: r.kind == .estimate || b.kind == .estimate))
            }
            let yearStart = Period(ordinal: p.year * per, granularity: p.granularity)
            if flow {
                if let (sum, est) = total(points, from: yearStart, through: p) {
                    var ytd = record(r, "_ytd", sum, from: yearStart, estimate: est)
                    if let plan = plans.toDate(p) {
                        out.append(ResultRecord(scope: r.scope, group: r.group, metric: r.metric + "_plan_to_date", period: p,
                                                kind: .plan, value: plan.value, unit: r.unit, n: r.n, detail: r.detail,
                                                basePeriod: yearStart, source: plan.source))
                        let c = PlanComparison(actual: sum, target: Target(plan.value, lowerIsBetter: plan.lowerIsBetter))
                        ytd.target = plan.value; ytd.status = c.status; ytd.gap = c.gap
                    }
                    out.append(ytd)
                }
                if let (sum, est) = total(points, from: first, through: p) {
                    out.append(record(r, "_cumulative", sum, from: first, estimate: est))
                }
            } else if let b = points[yearStart.previous] {
                out.append(record(r, "_change_ytd", r.value - b.value, from: yearStart.previous,
                                  estimate: r.kind == .estimate || b.kind == .estimate))
            }
        }
        return out
    }

    /// The sum of the series from `from` through `through`, and whether any of it is an estimate; nil when a period
    /// is missing.
    static func total(_ points: [Period: ResultRecord], from: Period, through: Period) -> (Double, Bool)? {
        var sum = 0.0, estimate = false
        for q in Period.sequence(from: from, through: through) {
            guard let r = points[q] else { return nil }
            sum += r.value
            if r.kind == .estimate { estimate = true }
        }
        return (sum, estimate)
    }
}

/// The plans of one subject and metric that give a plan to date: plans of the series' own periods (summed over the
/// year to date), else plans of the year that say they may be spread (`spread: even`).
struct PlanToDate {
    var byPeriod: [Period: Fact] = [:]
    var byYear: [Int: Fact] = [:]

    init(_ ds: Dataset, _ key: PeriodAnalysis.SeriesKey) {
        for f in ds.facts where f.kind == .plan && f.scope == key.scope && f.group == key.group && f.metric == key.metric {
            if f.period.granularity == key.granularity { byPeriod[f.period] = f }
            else if f.period.granularity == .year, f.spread == .even { byYear[f.year] = f }
        }
    }

    /// The plan from the start of `p`'s year through `p`, with its source and direction; nil when no plan says.
    func toDate(_ p: Period) -> (value: Double, source: String, lowerIsBetter: Bool)? {
        let per = p.granularity.perYear
        let start = Period(ordinal: p.year * per, granularity: p.granularity)
        let months = Period.sequence(from: start, through: p)
        if months.allSatisfy({ byPeriod[$0] != nil }), let last = byPeriod[p] {
            let ids = months.compactMap { byPeriod[$0]?.id }
            return (months.reduce(0) { $0 + byPeriod[$1]!.value }, ids.count == 1 ? ids[0] : "\(ids.first!)…\(ids.last!)", last.lowerIsBetter)
        }
        guard let y = byYear[p.year] else { return nil }
        return (y.value * Double(months.count) / Double(per), y.id, y.lowerIsBetter)
    }
}
