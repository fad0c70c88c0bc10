// Owns what "the latest period" of a dataset means, for `--period latest` and `periods: latest` in specs.

/// The periods a dataset has figures for.
public enum DatasetPeriods {
    /// The last period (of `granularity`, else of the manifest's periods' length) for which the dataset has actual
    /// figures: a commune's criteria or an indicator of kind `actual`. Months after a cut-off, which hold estimates
    /// only, are not the latest. Nil when the dataset has no period of that length.
    public static func latest(_ ds: Dataset, granularity: Period.Granularity? = nil) -> Period? {
        let g = granularity ?? ds.manifest.periods.first?.granularity ?? ds.criteria.first?.period.granularity ?? .year
        var actual = Set<Period>()
        for r in ds.criteria where r.kind == .actual && r.period.granularity == g { actual.insert(r.period) }
        for f in ds.facts where f.kind == .actual && f.period.granularity == g { actual.insert(f.period) }
        let listed = ds.manifest.periods.filter { $0.granularity == g }
        if let last = actual.max() { return last }
        return listed.last
    }
}
