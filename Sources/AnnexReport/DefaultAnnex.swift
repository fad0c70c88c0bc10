import AnnexAnalytics
import AnnexCharts
import AnnexData
import AnnexIO
import AnnexRender
import AnnexScene
import Foundation

/// The notices' own figure and table (figure 1 of the gallery): built in Swift, without a spec.
public struct DefaultAnnex {
    public var facts: Dataset
    public var language: Language

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
        let series = [2018, 2019].map { ChartKey(String($0), lang == .vi ? "Năm \($0)" : "\($0)") }
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
        if lang == .vi {
            if !derivedYears.isEmpty {
                notes.append("Số liệu năm \(derivedYears.sorted().map(String.init).joined(separator: ", ")) và kế hoạch suy ra từ mức tăng, mức vượt nêu trong thông báo.")
            }
            if !noPlan.isEmpty { notes.append("Thông báo không nêu kế hoạch cho: \(noPlan.joined(separator: ", ")).") }
        } else {
            if !derivedYears.isEmpty {
                notes.append("Figures for \(derivedYears.sorted().map(String.init).joined(separator: ", ")) and plans are derived from the increases and margins the notice states.")
            }
            if !noPlan.isEmpty { notes.append("The notice states no plan for: \(noPlan.joined(separator: ", ")).") }
        }
        let texts = ChartTexts(
            figureLabel: lang == .vi ? "Biểu đồ \(number)." : "Figure \(number).",
            title: lang == .vi ? "Bình quân tiêu chí/xã theo nhóm xã, 2018–2019 và kế hoạch 2019"
                               : "Mean criteria met per commune by group of communes, 2018–2019 and the 2019 plan",
            subtitle: lang == .vi ? "Tỉnh Lạng Sơn, Chương trình mục tiêu quốc gia xây dựng nông thôn mới (19 tiêu chí)"
                                  : "Lạng Sơn province, National Target Programme on New Rural Development (19 criteria)",
            valueAxisTitle: lang == .vi ? "Tiêu chí/xã" : "Criteria per commune",
            notes: notes, source: source)
        return BarChart(categories: categories, series: series, values: values, targets: targets,
                               targetLegend: lang == .vi ? "Kế hoạch 2019 (KH)" : "2019 plan", texts: texts,
                               language: lang, orderedSeries: true)
    }

    /// The table behind figure 1: values, change, plan, status.
    public func table1() -> (header: [String], rows: [[String]]) {
        let lang = language
        let trends = GroupTrends.compute(facts, metric: "mean_criteria", groups: DefaultAnnex.figure1Groups,
                                         years: [2018, 2019], planYear: 2019)
        let f = NumberFormat(lang, fractionDigits: 0...2)
        let signed = { (x: Double) in (x > 0 ? "+" : "") + f(x) }
        let header = lang == .vi
            ? ["Nhóm xã", "Năm 2018", "Năm 2019", "Tăng so với 2018", "Kế hoạch 2019", "So với kế hoạch", "Đánh giá"]
            : ["Group", "2018", "2019", "Change from 2018", "2019 plan", "Against plan", "Status"]
        let rows = trends.map { t -> [String] in
            [facts.groups[t.group]?.name(lang) ?? t.group,
             t.values[2018].map { f($0.value) } ?? "",
             t.values[2019].map { f($0.value) } ?? "",
             t.change(from: 2018, to: 2019).map(signed) ?? "",
             t.plan.map { f($0.value) } ?? "",
             t.comparison.map { signed($0.gap) } ?? "",
             t.comparison.map { $0.status.label(vietnamese: lang == .vi) } ?? ""]
        }
        return (header, rows)
    }

}
