// `annex analyze`: every statistic of a dataset as tidy records.

import AnnexAnalytics
import AnnexData
import AnnexReport
import ArgumentParser

struct Analyze: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Compute every statistic of a dataset and print tidy records.",
        discussion: """
            Columns: scope, group, metric, year, kind, value, value_high, unit (the vocabulary of the notices' \
            figures), then n, detail, base_year, target, target_high, status, gap, source. Metrics: group_size, \
            mean_criteria, criteria_min/median/max, mean_criteria_change(_pct), band_count, criterion_share, \
            ntm_new/total, advanced_new/total, lost_criteria_units, below_standard_after_recognition, \
            lost_criteria (per unit), and the dataset's own indicators (source = their id).
            """)

    @OptionGroup var data: DatasetOptions

    @Option(name: .long, help: "table (aligned, for people), csv or json (for machines).")
    var format: ResultFormatter.Format = .table

    @Option(name: .long, help: "Language of the table: vi (11,54) or en (11.54). CSV and JSON always use 11.54.")
    var lang: Language = .vi

    @Option(name: .long, help: "Only these metrics (repeatable).")
    var metric: [String] = []

    @Option(name: .long, help: "Only this scope: province, group, district or unit.")
    var scope: FactScope?

    @Option(name: .long, help: "Only this group, district code or unit code.")
    var group: String?

    @Option(name: .long, help: "Only this year.")
    var year: Int?

    @Option(name: .long, help: "Only this period: 2020-06, 2020-Q2 or 2020.")
    var period: String?

    @Flag(name: .long, help: "Print the last period with actual figures (the one `annex report --period latest` makes) and nothing else.")
    var latestPeriod = false

    @Flag(name: .long, help: "Only figures computed from commune data (leave out the dataset's stated indicators).")
    var computedOnly = false

    func run() throws {
        let ds = try loadDataset(data)
        let analysis: Analysis
        do { analysis = try Analysis.run(ds) } catch {
            Stderr.print("annex: \(error.description)"); throw ExitCode(.dataError)
        }
        if latestPeriod {
            guard let p = DatasetPeriods.latest(ds) else { Stderr.print("annex analyze: \(ds.folder) has no periods"); throw ExitCode(.dataError) }
            print(p.description)
            return
        }
        try checkFilters(analysis, ds)
        var wanted: Period? = nil
        if let period {
            do { wanted = try Period(parsing: period) } catch {
                Stderr.print("annex analyze: --period: \(error.description)"); throw ExitCode(.usage)
            }
        }
        let records = analysis.records.filter {
            (metric.isEmpty || metric.contains($0.metric)) && (scope == nil || $0.scope == scope)
                && (group == nil || $0.group == group) && (year == nil || $0.year == year) && (wanted == nil || $0.period == wanted)
                && (!computedOnly || $0.source == "computed")
        }
        switch format {
        case .csv: print(ResultFormatter.csv(records), terminator: "")
        case .json: print(ResultFormatter.json(records), terminator: "")
        case .table: print(ResultFormatter.table(records, language: lang), terminator: "")
        }
    }
}

extension Analyze {
    /// A metric, group or year the dataset does not have is a wrong argument (exit 64) with a hint, never an
    /// empty output that looks like "nothing to report".
    func checkFilters(_ analysis: Analysis, _ ds: Dataset) throws {
        var problems: [String] = []
        func unknown(_ what: String, _ value: String, _ known: [String], list: Bool) {
            let hint = Spelling.nearest(to: value, in: known).map { "; did you mean '\($0)'?" }
                ?? (list ? " (known: " + known.joined(separator: ", ") + ")" : "")
            problems.append("annex analyze: \(what) '\(value)' is not in \(ds.folder)" + hint)
        }
        for m in metric where !analysis.knownMetrics.contains(m) { unknown("--metric", m, analysis.knownMetrics, list: true) }
        if let group {
            let known = Array(Set(analysis.records.filter { scope == nil || $0.scope == scope }.map(\.group))).sorted()
            if !known.contains(group) { unknown("--group", group, known, list: known.count <= 30) }
        }
        if let year {
            let known = Array(Set(analysis.records.map(\.year))).sorted()
            if !known.contains(year) {
                problems.append("annex analyze: --year \(year) is not a period of \(ds.folder) (its years: "
                                + known.map(String.init).joined(separator: ", ") + ")")
            }
        }
        guard problems.isEmpty else {
            for p in problems { Stderr.print(p) }
            throw ExitCode(.usage)
        }
    }
}
