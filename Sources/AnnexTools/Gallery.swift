import AnnexAnalytics
import AnnexCharts
import AnnexData
import AnnexReport
import AnnexScene
import Foundation

/// Every chart type and variant, drawn from the bundled dataset, for a reviewer to look at in one go (and for
/// the test that checks every chart's text for overlaps and clipping).
package struct Gallery {
    package var dataset: Dataset
    package var analysis: Analysis
    package var boundaries: Boundaries?
    /// The synthetic national map (63 provinces, islands, two archipelagos; `Tests/Fixtures/vietnam-provinces`),
    /// when found: its boundaries and values by province code.
    package var provinces: (boundaries: Boundaries, values: [String: Double])?

    /// The gallery of `dataset`; the national province map too when `provinceFolder` (by default
    /// `Tests/Fixtures/vietnam-provinces` under the current folder or two folders above the dataset's) holds it.
    package init(dataset: Dataset, provinceFolder: String? = nil) throws {
        self.dataset = dataset
        self.analysis = try Analysis.run(dataset)
        self.boundaries = try dataset.loadBoundaries()
        let fixture = "Tests/Fixtures/vietnam-provinces"
        let candidates = provinceFolder.map { [$0] } ?? [fixture, ((dataset.folder as NSString).appendingPathComponent("../..") as NSString).appendingPathComponent(fixture)]
        if let folder = candidates.first(where: { FileManager.default.fileExists(atPath: $0 + "/provinces.geojson") }) {
            self.provinces = try Gallery.loadProvinces(folder)
        }
    }

    /// The province fixture's boundaries and its `code,province,value` table.
    package static func loadProvinces(_ folder: String) throws -> (boundaries: Boundaries, values: [String: Double]) {
        let b = try Boundaries.load(path: folder + "/provinces.geojson", key: "code")
        let text = try String(contentsOfFile: folder + "/provinces.csv", encoding: .utf8)
        var values: [String: Double] = [:]
        for line in text.split(separator: "\n").dropFirst() {
            let cells = line.split(separator: ",", omittingEmptySubsequences: false)
            if cells.count == 3, let v = Double(cells[2]) { values[String(cells[0])] = v }
        }
        return (b, values)
    }

    /// The insets of the national map: the Hoàng Sa and Trường Sa archipelagos.
    package static func vietnamInsets(_ lang: Language) -> [MapChart.Inset] {
        [MapChart.Inset(title: lang == .vi ? "Quần đảo Hoàng Sa (Đà Nẵng)" : "Hoàng Sa archipelago (Đà Nẵng)", west: 110.9, south: 15.5, east: 113.1, north: 17.3, features: ["48"]),
         MapChart.Inset(title: lang == .vi ? "Quần đảo Trường Sa (Khánh Hòa)" : "Trường Sa archipelago (Khánh Hòa)", west: 111.5, south: 7.5, east: 116.2, north: 11.8, features: ["56"])]
    }

    package struct Entry: Sendable {
        package var name: String
        package var chart: any ChartDescription
    }

    /// The canvas of a theme: slides are 1920×1080, print figures 1600×900.
    package static func size(_ theme: Theme) -> (Double, Double) {
        theme.name.hasPrefix("slide") ? (1920, 1080) : (1600, 900)
    }

    func v(_ scope: FactScope, _ g: String, _ metric: String, _ y: Int, _ detail: String = "") -> ResultRecord? {
        analysis.value(scope: scope, group: g, metric: metric, year: y, detail: detail)
    }

    func groupName(_ id: String, _ lang: Language) -> String { dataset.groups[id]?.shortName(lang) ?? id }
    func districtName(_ code: String) -> String { dataset.districts[code]?.name ?? code }

    package func entries(language lang: Language, theme: Theme) -> [Entry] {
        let (w, h) = Gallery.size(theme)
        let vi = lang == .vi
        let synthetic = dataset.manifest.synthetic
        let source = vi ? "Bộ dữ liệu \(dataset.manifest.title[.vi] ?? dataset.manifest.name)" : "Dataset \(dataset.manifest.title[.en] ?? dataset.manifest.name)"
        let noticeSource = dataset.sources.values.sorted { $0.id < $1.id }.first?.citation(lang) ?? ""
        var out: [Entry] = []
        func texts(_ n: Int, _ title: String, sub: String? = nil, axis: String? = nil, notes: [String] = [],
                   illustrative: Bool = true, source src: String? = nil) -> ChartTexts {
            ChartTexts(figureLabel: vi ? "Biểu đồ \(n)." : "Figure \(n).", title: title, subtitle: sub, valueAxisTitle: axis,
                       notes: notes, source: src ?? source, illustrative: illustrative && synthetic)
        }
        let criteriaAxis = vi ? "Tiêu chí/xã" : "Criteria per commune"
        let years = dataset.manifest.years
        let lastActual = years.last { y in v(.province, "all", "mean_criteria", y)?.kind == .actual } ?? years.last ?? 2019
        let estimateYear = years.last ?? lastActual

        // 1. The notices' own figures: grouped bars with plan markers (real data).
        let annex = DefaultAnnex(facts: dataset, language: lang)
        var fig1 = annex.figure1(number: 1)
        fig1.theme = theme; fig1.width = w; fig1.height = h
        out.append(Entry(name: "bar-grouped-plan", chart: fig1))

        // 2. Districts, horizontal and sorted, last actual year and the estimate (hatched).
        let districts = dataset.districtOrder
        var values: [BarValue] = []
        for d in districts {
            for y in [lastActual, estimateYear] where y != lastActual || true {
                if let r = v(.district, d, "mean_criteria", y) {
                    values.append(BarValue(category: d, series: String(y), value: r.value, isEstimate: r.kind == .estimate))
                }
            }
        }
        let yearKeys = Array(Set([lastActual, estimateYear])).sorted().map { ChartKey(String($0), vi ? "Năm \($0)" : String($0)) }
        out.append(Entry(name: "bar-horizontal-sorted", chart: BarChart(
            categories: districts.map { ChartKey($0, districtName($0)) }, series: yearKeys, values: values,
            texts: texts(2, vi ? "Bình quân tiêu chí/xã theo huyện, \(lastActual) và ước \(estimateYear)" : "Mean criteria per commune by district, \(lastActual) and \(estimateYear) estimate",
                         axis: criteriaAxis),
            language: lang, orientation: .horizontal, mode: .grouped, sort: .descending, orderedSeries: true,
            width: w, height: h, theme: theme)))

        // 3–4. Bands by district: stacked counts and 100% shares.
        let bands = CriteriaBand.standard
        let bandKeys = bands.map { b in ChartKey(b.label, b.low == b.high ? (vi ? "\(b.low) tiêu chí" : "\(b.low) criteria")
                                                   : b.low == 0 ? (vi ? "Dưới \(b.high + 1)" : "Under \(b.high + 1)")
                                                   : (vi ? "\(b.low)–\(b.high) tiêu chí" : "\(b.low)–\(b.high) criteria")) }
        var bandValues: [BarValue] = []
        for d in districts {
            for b in bands {
                if let r = v(.district, d, "band_count", lastActual, b.label) { bandValues.append(BarValue(category: d, series: b.label, value: r.value)) }
            }
        }
        let bandTitle = vi ? "Số xã theo nhóm tiêu chí đạt được, theo huyện, năm \(lastActual)" : "Communes by criteria met, by district, \(lastActual)"
        out.append(Entry(name: "bar-stacked", chart: BarChart(
            categories: districts.map { ChartKey($0, districtName($0)) }, series: bandKeys, values: bandValues,
            texts: texts(3, bandTitle, axis: vi ? "Số xã" : "Communes"), language: lang, mode: .stacked,
            orderedSeries: true, valueDigits: 0...0, width: w, height: h, theme: theme)))
        out.append(Entry(name: "bar-percent", chart: BarChart(
            categories: districts.map { ChartKey($0, districtName($0)) }, series: bandKeys, values: bandValues,
            texts: texts(4, bandTitle + (vi ? " (cơ cấu %)" : " (shares)"), axis: vi ? "Tỷ lệ xã" : "Share of communes"),
            language: lang, orientation: .horizontal, mode: .percent, sort: .descending, orderedSeries: true, width: w, height: h, theme: theme)))

        // 5. Diverging: each district's mean against the province's.
        if let prov = v(.province, "all", "mean_criteria", lastActual) {
            let diff = districts.compactMap { d in v(.district, d, "mean_criteria", lastActual).map { BarValue(category: d, series: "diff", value: PlanComparison(actual: $0.value - prov.value, target: Target(0)).actual) } }
            out.append(Entry(name: "bar-diverging", chart: BarChart(
                categories: districts.map { ChartKey($0, districtName($0)) }, series: [ChartKey("diff", vi ? "Chênh lệch" : "Difference")], values: diff,
                texts: texts(5, vi ? "Chênh lệch bình quân tiêu chí/xã của từng huyện so với toàn tỉnh, năm \(lastActual)" : "District mean criteria per commune minus the province mean, \(lastActual)",
                             axis: criteriaAxis),
                language: lang, mode: .diverging, sort: .descending, divergesFrom: vi ? "bình quân toàn tỉnh" : "the province mean", width: w, height: h, theme: theme)))
        }

        // 6. Share of communes meeting each criterion: 19 long labels.
        let names = NationalCriteria.names[lang]!
        let shares = (0..<19).compactMap { i in v(.province, "all", "criterion_share", lastActual, NationalCriteria.column(i)).map { BarValue(category: NationalCriteria.column(i), series: "share", value: $0.value) } }
        out.append(Entry(name: "bar-criteria-share", chart: BarChart(
            categories: (0..<19).map { ChartKey(NationalCriteria.column($0), "\($0 + 1). \(names[$0])") },
            series: [ChartKey("share", vi ? "Tỷ lệ xã đạt" : "Share of communes meeting it")], values: shares,
            texts: texts(6, vi ? "Tỷ lệ xã đạt từng tiêu chí, năm \(lastActual)" : "Share of communes meeting each criterion, \(lastActual)", axis: "%"),
            language: lang, orientation: .horizontal, sort: .descending, valueDigits: 0...0, width: w, height: h, theme: theme)))

        // 7. Lines by group with the estimate dashed and the border target band.
        let lineGroups = ["all", "border", "pilot_difficult", "district_selected"].filter { dataset.groups[$0] != nil }
        let lineSeries = lineGroups.map { g -> LineChart.Series in
            var pts: [Double: Double] = [:], est: Set<Double> = []
            for y in years { if let r = v(g == "all" ? .province : .group, g, "mean_criteria", y) { pts[Double(y)] = r.value; if r.kind == .estimate { est.insert(Double(y)) } } }
            return LineChart.Series(ChartKey(g, groupName(g, lang)), points: pts, estimates: est)
        }
        var lineTargets: [LineChart.TargetLine] = []
        if let f = dataset.fact(group: "border", metric: "mean_criteria", year: estimateYear, kind: .plan) {
            lineTargets.append(.init(low: f.value, high: f.valueHigh, series: "border",
                                     label: vi ? "Kế hoạch \(estimateYear), xã biên giới" : "\(estimateYear) plan, border communes"))
        }
        out.append(Entry(name: "line-groups", chart: LineChart(
            xValues: years.map(Double.init), series: lineSeries, targets: lineTargets,
            texts: texts(7, vi ? "Bình quân tiêu chí/xã theo nhóm xã, \(years.first!)–\(years.last!)" : "Mean criteria per commune by group, \(years.first!)–\(years.last!)",
                         axis: criteriaAxis),
            language: lang, width: w, height: h, theme: theme)))

        // 8. Cumulative NTM communes since the programme began, with the plan for the last year.
        let recYears = Array(Set(dataset.recognitions.map(\.year))).sorted()
        if let first = recYears.first, let last = recYears.last {
            var pts: [Double: Double] = [:], est: Set<Double> = []
            for y in first...last {
                let recs = dataset.recognitions.filter { $0.level == .ntm && $0.year <= y }
                pts[Double(y)] = Double(recs.count)
                if recs.contains(where: { $0.kind == .estimate }) { est.insert(Double(y)) }
            }
            var tl: [LineChart.TargetLine] = []
            if let plan = dataset.fact(group: "all", metric: "ntm_total", year: last, kind: .plan) {
                tl.append(.init(low: plan.value, label: vi ? "Kế hoạch \(last): \(NumberFormat(lang)(plan.value)) xã" : "\(last) plan: \(NumberFormat(lang)(plan.value)) communes"))
            }
            out.append(Entry(name: "line-ntm-cumulative", chart: LineChart(
                xValues: (first...last).map(Double.init),
                series: [LineChart.Series(ChartKey("ntm", vi ? "Xã đạt chuẩn NTM" : "NTM communes"), points: pts, estimates: est)],
                targets: tl,
                texts: texts(8, vi ? "Số xã đạt chuẩn nông thôn mới (lũy kế), \(first)–\(last)" : "Communes meeting the NTM standard (cumulative), \(first)–\(last)",
                             axis: vi ? "Số xã" : "Communes"),
                language: lang, valueDigits: 0...0, width: w, height: h, theme: theme)))
        }

        // 9. Dumbbells: 2018 → 2019 by group (the notices' own figures).
        let dGroups = ["all", "border", "pilot_difficult", "district_selected"]
        var fromV: [String: Double] = [:], toV: [String: Double] = [:]
        for g in dGroups {
            fromV[g] = dataset.fact(group: g, metric: "mean_criteria", year: 2018, kind: .actual)?.value
            toV[g] = dataset.fact(group: g, metric: "mean_criteria", year: 2019, kind: .actual)?.value
        }
        out.append(Entry(name: "dumbbell", chart: DumbbellChart(
            categories: dGroups.map { ChartKey($0, groupName($0, lang)) }, from: ChartKey("2018", vi ? "Năm 2018" : "2018"),
            to: ChartKey("2019", vi ? "Năm 2019" : "2019"), fromValues: fromV, toValues: toV,
            texts: texts(9, vi ? "Bình quân tiêu chí/xã theo nhóm xã: năm 2018 và năm 2019" : "Mean criteria per commune by group: 2018 and 2019",
                         illustrative: false, source: noticeSource),
            language: lang, sortByChange: true, width: w, height: h, theme: theme)))

        // 10. The 2020 capital structure (real figures, thousands separators).
        if let total = dataset.fact(group: "all", metric: "capital_need_total", year: 2020, kind: .plan),
           let direct = dataset.fact(group: "all", metric: "capital_state_budget_direct", year: 2020, kind: .plan) {
            let rest = PlanComparison(actual: total.value - direct.value, target: Target(0)).actual
            out.append(Entry(name: "bar-capital", chart: BarChart(
                categories: [ChartKey("need", vi ? "Nhu cầu vốn năm 2020" : "2020 capital need")],
                series: [ChartKey("direct", vi ? "Ngân sách đầu tư trực tiếp" : "Direct state budget"),
                         ChartKey("mobilised", vi ? "Huy động, lồng ghép" : "Mobilised and integrated")],
                values: [BarValue(category: "need", series: "direct", value: direct.value),
                         BarValue(category: "need", series: "mobilised", value: rest)],
                texts: texts(10, vi ? "Cơ cấu nhu cầu vốn xây dựng nông thôn mới năm 2020" : "Structure of the 2020 New Rural Development capital need",
                             axis: vi ? "Tỷ đồng" : "Billion VND", illustrative: false, source: noticeSource),
                language: lang, orientation: .horizontal, mode: .stacked, valueDigits: 0...1, width: w, height: h * 0.6, theme: theme)))
        }
        // 11–15. Maps of the districts.
        if let bounds = boundaries {
            let attribution = dataset.manifest.boundaries?.attribution[lang] ?? ""
            let mapSource = source + "; " + attribution
            func byDistrict(_ metric: String, _ y: Int) -> [String: Double] {
                var out: [String: Double] = [:]
                for d in districts { if let r = v(.district, d, metric, y) { out[d] = r.value } }
                return out
            }
            let unitTitle = vi ? "Tiêu chí/xã" : "Criteria per commune"
            out.append(Entry(name: "map-choropleth", chart: MapChart(
                boundaries: bounds, panels: [.init(values: byDistrict("mean_criteria", lastActual))], classification: .naturalBreaks(4),
                legendTitle: unitTitle + (vi ? " (số huyện)" : " (districts)"),
                texts: texts(11, vi ? "Bình quân tiêu chí/xã theo huyện, năm \(lastActual)" : "Mean criteria per commune by district, \(lastActual)",
                             source: mapSource),
                language: lang, width: w, height: h, theme: theme)))
            out.append(Entry(name: "map-small-multiples", chart: MapChart(
                boundaries: bounds, panels: years.map { y in .init(title: (vi ? "Năm \(y)" : "\(y)") + (y == estimateYear && estimateYear != lastActual ? (vi ? " (ước)" : " (est.)") : ""),
                                                              values: byDistrict("mean_criteria", y)) },
                classification: .equalIntervals(5), showLabels: false, legendTitle: unitTitle + (vi ? " (số lượt huyện)" : " (district-years)"),
                texts: texts(12, vi ? "Bình quân tiêu chí/xã theo huyện, \(years.first!)–\(years.last!)" : "Mean criteria per commune by district, \(years.first!)–\(years.last!)",
                             source: mapSource),
                language: lang, width: w, height: h, theme: theme)))
            if years.count >= 2 {
                let a = byDistrict("mean_criteria", years[0]), b = byDistrict("mean_criteria", years[1])
                var change: [String: Double] = [:]
                for (k, x) in b { if let y0 = a[k] { change[k] = PlanComparison(actual: x - y0, target: Target(0)).actual } }
                out.append(Entry(name: "map-change", chart: MapChart(
                    boundaries: bounds, panels: [.init(values: change)], palette: .diverging, legendTitle: vi ? "Thay đổi (tiêu chí/xã)" : "Change (criteria per commune)",
                    texts: texts(13, vi ? "Thay đổi bình quân tiêu chí/xã, \(years[0])–\(years[1])" : "Change in mean criteria per commune, \(years[0])–\(years[1])",
                                 source: mapSource),
                    language: lang, valueDigits: 1...2, width: w, height: h, theme: theme)))
            }
            out.append(Entry(name: "map-tiles", chart: MapChart(
                boundaries: bounds, panels: [.init(values: byDistrict("mean_criteria", lastActual))], style: .tiles, classification: .naturalBreaks(4),
                legendTitle: unitTitle,
                texts: texts(14, vi ? "Bình quân tiêu chí/xã theo huyện, năm \(lastActual) (bản đồ ô)" : "Mean criteria per commune by district, \(lastActual) (tile map)",
                             source: source),
                language: lang, width: w, height: h, theme: theme)))
            out.append(Entry(name: "map-circles", chart: MapChart(
                boundaries: bounds, panels: [.init(values: byDistrict("ntm_total", lastActual))], style: .circles,
                legendTitle: vi ? "Số xã đạt chuẩn NTM" : "NTM communes", texts: texts(15, vi ? "Số xã đạt chuẩn nông thôn mới theo huyện, lũy kế đến năm \(lastActual)" : "Communes meeting the NTM standard by district, cumulative to \(lastActual)",
                                                                                      source: mapSource),
                language: lang, valueDigits: 0...0, width: w, height: h, theme: theme)))
        }

        // 16. The national map: 63 provinces, islands, two archipelagos in insets (synthetic boundaries).
        if let (pb, pv) = provinces {
            var map = MapChart(boundaries: pb, panels: [.init(values: pv)], legendTitle: vi ? "Tỷ lệ xã đạt chuẩn (%)" : "Communes meeting the standard (%)",
                               texts: texts(16, vi ? "Tỷ lệ xã đạt chuẩn nông thôn mới theo tỉnh, năm 2020" : "Share of communes meeting the NTM standard by province, 2020",
                                            sub: vi ? "Số liệu và ranh giới tổng hợp (minh họa)" : "Synthetic data and boundaries (illustrative)", illustrative: false,
                                            source: vi ? "Ranh giới tổng hợp, không phải số liệu đo đạc (CC0)" : "Synthetic boundaries, not survey data (CC0)"),
                               language: lang, width: w, height: h, theme: theme)
            map.insets = Gallery.vietnamInsets(lang)
            out.append(Entry(name: "map-provinces", chart: map))
        }

        // 17. Heat map: districts × criteria, the share of each district's communes meeting each criterion.
        var cells: [String: [String: Double]] = [:]
        for d in districts { for i in 0..<19 { if let r = v(.district, d, "criterion_share", lastActual, NationalCriteria.column(i)) { cells[d, default: [:]][NationalCriteria.column(i)] = r.value } } }
        if !cells.isEmpty {
            out.append(Entry(name: "heatmap-criteria", chart: HeatmapChart(
                rows: districts.filter { cells[$0] != nil }.map { ChartKey($0, districtName($0)) },
                columns: (0..<19).map { ChartKey(NationalCriteria.column($0), "\($0 + 1). \(names[$0])") }, values: cells,
                texts: texts(17, vi ? "Tỷ lệ xã đạt từng tiêu chí theo huyện, năm \(lastActual)" : "Share of communes meeting each criterion by district, \(lastActual)"),
                language: lang, width: w, height: h, theme: theme)))
        }
        return out
    }

    /// Every entry in every theme and language, named `<theme>/<lang>/<nn>-<name>`.
    package func all() -> [(path: String, chart: any ChartDescription)] {
        var out: [(String, any ChartDescription)] = []
        for theme in [Theme.report, .slide, .slideDark, .reportSerif] {
            for lang in Language.allCases {
                if theme.name == "report-serif", lang == .en { continue }
                for (i, e) in entries(language: lang, theme: theme).enumerated() {
                    out.append(("\(theme.name)/\(lang.rawValue)/\(String(format: "%02d", i + 1))-\(e.name)", e.chart))
                }
            }
        }
        return out
    }
}
