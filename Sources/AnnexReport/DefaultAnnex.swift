import AnnexAnalytics
import AnnexCharts
import AnnexData
import AnnexIO
import AnnexRender
import AnnexScene
import Foundation

/// The notices' own figure and table (figure 1 of the gallery): built in Swift, without a spec.
public struct DefaultAnnex {
    /// The dataset the figure and table are computed from: the notices' groups of communes, their mean criteria
    /// per commune in 2018 and 2019, and the 2019 plans.
    public var facts: Dataset
    /// The language of the words and numbers.
    public var language: Language

    /// The notices' figure and table of `facts`, in Vietnamese unless `language` says otherwise.
    public init(facts: Dataset, language: Language = .vi) {
        self.facts = facts; self.language = language
    }

    /// The groups of figure 1, in the notices' order.
    public static let figure1Groups = ["all", "border", "pilot_difficult", "district_selected"]

    /// Figure 1: mean criteria per commune by group, 2018–2019, with the 2019 plan.
    public func figure1(number: Int = 1) -> BarChart {
        let lang = language
        let trends = GroupTrends.compute(facts, metric: "mean_criteria", groups: DefaultAnnex.figure1Groups,
                                         years: [2018, 2019], planYear: 2019)
        let categories = trends.map { ChartKey($0.group, facts.groups[$0.group]?.shortName(lang) ?? $0.group) }
        let series = [2018, 2019].map { ChartKey(String($0), PeriodFormat(lang)(.year($0))) }
        var values: [BarValue] = [], targets: [BarTarget] = []
        for t in trends {
            for (y, f) in t.values.sorted(by: { $0.key < $1.key }) {
                values.append(BarValue(category: t.group, series: String(y), value: f.value))
            }
            if let p = t.plan { targets.append(BarTarget(category: t.group, series: String(p.year), low: p.value, high: p.valueHigh)) }
        }
        let sourceIDs = Set(trends.flatMap { t in t.values.values.map(\.source) + (t.plan.map { [$0.source] } ?? []) })
        let source = sourceIDs.sorted().compactMap { facts.sources[$0]?.citation(lang) }.joined(separator: "; ")
        let derivedYears = Set(trends.flatMap { $0.values.values.filter { $0.basis == .derived }.map(\.year) })
        let noPlan = trends.filter { $0.plan == nil }.compactMap { facts.groups[$0.group]?.name(lang) }
        var notes: [String] = []
        if !derivedYears.isEmpty {
            notes.append(lang.text(.derivedFiguresNote, derivedYears.sorted().map(String.init).joined(separator: ", ")))
        }
        if !noPlan.isEmpty { notes.append(lang.text(.noPlanStatedFor, noPlan.joined(separator: ", "))) }
        let texts = ChartTexts(
            figureLabel: lang.text(.figureLabel, String(number)),
            title: lang.text(.groupMeansWithPlanTitle, "2018", "2019", "2019"),
            subtitle: lang.text(.provinceProgrammeSubtitle, "Lạng Sơn"),
            valueAxisTitle: lang.text(.criteriaPerCommune),
            notes: notes, source: source)
        return BarChart(categories: categories, series: series, values: values, targets: targets,
                               targetLegend: lang.text(.planOfYearLegend, "2019"), texts: texts,
                               language: lang, orderedSeries: true)
    }

    /// The table behind figure 1: values, change, plan, status.
    public func table1() -> (header: [String], rows: [[String]]) {
        let lang = language
        let trends = GroupTrends.compute(facts, metric: "mean_criteria", groups: DefaultAnnex.figure1Groups,
                                         years: [2018, 2019], planYear: 2019)
        let f = NumberFormat(lang, fractionDigits: 0...2)
        let signed = { (x: Double) in (x > 0 ? "+" : "") + f(x) }
        let year = PeriodFormat(lang)
        let header = [lang.text(.groupOfCommunes), year(.year(2018)), year(.year(2019)), lang.text(.changeFromYear, "2018"),
                      lang.text(.planOfYear, "2019"), lang.text(.againstPlan), lang.text(.status)]
        let rows = trends.map { t -> [String] in
            [facts.groups[t.group]?.name(lang) ?? t.group,
             t.values[2018].map { f($0.value) } ?? "",
             t.values[2019].map { f($0.value) } ?? "",
             t.change(from: 2018, to: 2019).map(signed) ?? "",
             t.plan.map { f($0.value) } ?? "",
             t.comparison.map { signed($0.gap) } ?? "",
             t.comparison.map { $0.status.label(lang) } ?? ""]
        }
        return (header, rows)
    }

}
