import AnnexAnalytics
import AnnexData
import AnnexLocale
import AnnexSpec
import Foundation

/// The period a monthly (or quarterly) report is made for (`annex report SPEC --period 2020-06`, or `period:` in the
/// spec), and the words its spec's texts and data requests may use:
///
/// | placeholder | 2020-06, vi | 2020-06, en |
/// |---|---|---|
/// | `{period}` | `2020-06` | `2020-06` |
/// | `{period_name}` / `{Period_name}` | `tháng 6/2020` / `Tháng 6/2020` | `June 2020` |
/// | `{to_date}` / `{To_date}` | `6 tháng đầu năm 2020` | `January–June 2020` |
/// | `{year}`, `{year_start}` | `2020`, `2020-01` | the same |
/// | `{prior_period}`, `{prior_year}`, `{prior_year_start}` | `2019-06`, `2019`, `2019-01` | the same |
/// | `{prior_period_name}`, `{prior_to_date}` / `{Prior_to_date}` | `tháng 6/2019`, `6 tháng đầu năm 2019` | `June 2019`, `January–June 2019` |
/// | `{cutoff}` | the end of the period, `30/6/2020` | `30 Jun 2020` |
struct ReportPeriod: Sendable, Equatable {
    var period: Period

    /// Every placeholder a spec may use, for the check that a spec using them is given a period.
    static let placeholders = ["period", "period_name", "Period_name", "to_date", "To_date", "year", "year_start", "prior_period",
                               "prior_year", "prior_year_start", "prior_period_name", "prior_to_date", "Prior_to_date", "cutoff"]

    /// The words of the placeholders in `lang`.
    func words(_ lang: Language) -> [String: String] {
        let f = PeriodFormat(lang, style: .long)
        let per = period.granularity.perYear
        let yearStart = Period(ordinal: period.year * per, granularity: period.granularity)
        let prior = period.advanced(by: -per)
        func capital(_ s: String) -> String { s.prefix(1).uppercased() + s.dropFirst() }
        return [
            "period": period.description, "period_name": f.inSentence(period), "Period_name": capital(f(period)),
            "to_date": f.inSentence(name: f.toDate(period)), "To_date": capital(f.toDate(period)),
            "year": String(period.year), "year_start": yearStart.description,
            "prior_period": prior.description, "prior_year": String(prior.year), "prior_year_start": yearStart.advanced(by: -per).description,
            "prior_period_name": f.inSentence(prior), "prior_to_date": f.inSentence(name: f.toDate(prior)),
            "Prior_to_date": capital(f.toDate(prior)),
            "cutoff": DayFormat(lang).format(period.end),
        ]
    }

    /// The period `text` names for the dataset: `2020-06`, `2020-Q2`, `2020`, or `latest` (the last period with actual
    /// figures, ``DatasetPeriods/latest(_:granularity:)``). A period the dataset has no figures for is refused, with
    /// the dataset's span.
    static func resolve(_ text: String, _ ds: Dataset, analysis: Analysis, at location: SourceLocation) throws -> ReportPeriod {
        if text == "latest" {
            guard let p = DatasetPeriods.latest(ds) else { throw SpecError(location, "a dataset with periods for 'latest'", "none") }
            return ReportPeriod(period: p)
        }
        let p: Period
        do { p = try Period(parsing: text) } catch { throw SpecError(location, "a period written 2020-06 (a month), 2020-Q2 (a quarter) or 2020, or latest", text) }
        let known = Set(ds.manifest.periods).union(analysis.records.lazy.map(\.period))
        guard known.contains(p) else {
            let same = known.filter { $0.granularity == p.granularity }.sorted()
            let span = same.isEmpty ? "it has none of that length" : "\(same.first!) to \(same.last!)"
            throw SpecError(location, "a period of the dataset (\(span))", text)
        }
        return ReportPeriod(period: p)
    }
}
