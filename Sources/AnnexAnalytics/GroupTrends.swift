import AnnexData

/// One group's figures for a metric over years, with its plan for one year.
public struct GroupTrend: Hashable, Sendable {
    /// The group's id, as in the dataset's `groups.csv` (`all` for the whole province).
    public var group: String
    /// Actual (or estimated) values by year; years the source does not give are absent.
    public var values: [Int: Fact]
    /// The group's target for the plan year (an indicator of kind `plan`), when the dataset states one.
    public var plan: Fact?
    /// The plan compared with the value of the plan's year, when both exist.
    public var comparison: PlanComparison?

    /// Change from `from` to `to`, when both years have values.
    public func change(from: Int, to: Int) -> Double? {
        guard let a = values[from]?.value, let b = values[to]?.value else { return nil }
        return PlanComparison.clean(b - a)
    }
}

/// Trends of a metric by group: the "bình quân tiêu chí/xã theo nhóm xã" table of the notices.
public enum GroupTrends {
    /// For each group in `groups` (in that order): its values of `metric` in `years` and its plan for
    /// `planYear`. Plans come from `kind == .plan` facts; values prefer actual over estimate.
    public static func compute(_ facts: Dataset, metric: String, groups: [String], years: [Int],
                               planYear: Int?) -> [GroupTrend] {
        groups.map { g in
            var values: [Int: Fact] = [:]
            for y in years {
                if let f = facts.fact(group: g, metric: metric, year: y, kind: .actual)
                    ?? facts.fact(group: g, metric: metric, year: y, kind: .estimate) { values[y] = f }
            }
            let plan = planYear.flatMap { facts.fact(group: g, metric: metric, year: $0, kind: .plan) }
            var comparison: PlanComparison? = nil
            if let plan, let actual = values[plan.year] {
                comparison = PlanComparison(actual: actual.value, target: Target(plan.value, upTo: plan.valueHigh))
            }
            return GroupTrend(group: g, values: values, plan: plan, comparison: comparison)
        }
    }
}
