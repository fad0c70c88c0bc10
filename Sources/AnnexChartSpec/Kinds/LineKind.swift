// The `line` kind: values over periods by series, estimates dashed, targets over the periods they apply to.
import AnnexCharts
import AnnexData
import AnnexLocale
import AnnexSpec

package enum LineKind: ChartKind {
    package static let name = "line"
    package static let channels = ["x", "category", "series", "value", "estimate", "cutoff"]
    package static let optionKeys = ["zero", "targets", "digits", "estimate_label", "area"]

    package static func build(_ input: ChartInput) throws -> any ChartDescription {
        let table = input.table, valueEnc = input.value, lang = input.language
        let xEnc = try input.channel("x") ?? input.require("category")
        let ser = try input.channel("series"), est = try input.channel("estimate"), cut = try input.channel("cutoff")
        var partial: [String: [Double: String]] = [:]
        var order: [ChartKey] = [], points: [String: [Double: Double]] = [:], estimates: [String: Set<Double>] = [:], xs: Set<Double> = []
        // Periods (2020-06, 2020-Q2) along x are placed by their ordinal: one slot per period, a missing one a gap.
        var granularity: Period.Granularity? = nil
        func x(_ row: [String: String], _ loc: SourceLocation) throws -> Double {
            guard xEnc.type == .date else { return try xEnc.number(row, loc) }
            var l = loc; if l.column == nil { l.column = xEnc.field }
            guard let p = try? Period(parsing: xEnc.value(row)) else {
                throw SpecError(l, "a period in '\(xEnc.field)' (a year 2020, a quarter 2020-Q2 or a month 2020-06)", xEnc.value(row))
            }
            if let g = granularity, g != p.granularity {
                throw SpecError(l, "periods of one length in '\(xEnc.field)' (the first rows are \(g == .month ? "months" : g == .quarter ? "quarters" : "years"))", xEnc.value(row))
            }
            granularity = p.granularity
            return Double(p.ordinal)
        }
        for (i, row) in table.rows.enumerated() {
            let s = ser?.value(row) ?? "value"
            if !order.contains(where: { $0.id == s }) { order.append(ChartKey(s, ser?.label(row) ?? (valueEnc.title ?? s))) }
            let x = try x(row, table.locations[i]), v = try valueEnc.number(row, table.locations[i])
            if points[s]?[x] != nil { throw SpecError(table.locations[i], "one value for series '\(s)' at \(xEnc.value(row))", "a second one") }
            points[s, default: [:]][x] = v
            xs.insert(x)
            if est?.matches(row) == true { estimates[s, default: []].insert(x) }
            // A cut-off date before the period's end: the figure is to that date, and the chart says so.
            if let cut, !cut.value(row).isEmpty {
                var l = table.locations[i]; if l.column == nil { l.column = cut.field }
                guard let day = CalendarDay(iso: cut.value(row)) else { throw SpecError(l, "a cut-off date written 2020-06-15 in '\(cut.field)'", cut.value(row)) }
                if let g = granularity {
                    let period = Period(ordinal: Int(x), granularity: g)
                    guard period.contains(day) else { throw SpecError(l, "a cut-off date within \(period) in '\(cut.field)'", cut.value(row)) }
                    if day < period.end { partial[s, default: [:]][x] = DayFormat(lang).cutoff(day) }
                } else {
                    partial[s, default: [:]][x] = DayFormat(lang).cutoff(day)
                }
            }
        }
        let l = try input.options()
        var targets: [LineChart.TargetLine] = []
        for tn in try l?.child("targets")?.list() ?? [] {
            try tn.onlyKeys(["value", "high", "series", "label", "from", "to"])
            // `from`/`to` are periods like the x values (2020-06) when x holds periods, else numbers (years).
            func bound(_ key: String) throws -> Double? {
                guard let n = tn.child(key) else { return nil }
                guard let g = granularity else { return try n.number() }
                guard let p = try? Period(parsing: try n.text()), p.granularity == g else {
                    throw SpecError(n.location, "a period of the x values' length (such as \(Period(ordinal: Int(xs.min() ?? 0), granularity: g)))", n.describe)
                }
                return Double(p.ordinal)
            }
            let from = try bound("from"), to = try bound("to")
            // A target over periods the chart does not show would be drawn nowhere: refused, with the chart's span.
            if let lo = xs.min(), let hi = xs.max() {
                let span = granularity.map { g in "\(Period(ordinal: Int(lo), granularity: g))–\(Period(ordinal: Int(hi), granularity: g))" }
                    ?? "\(NumberFormat.plain(lo))–\(NumberFormat.plain(hi))"
                if let from, from > hi { throw SpecError(tn.child("from")!.location, "a first period within the chart's x (\(span))", tn.child("from")!.describe) }
                if let to, to < lo { throw SpecError(tn.child("to")!.location, "a last period within the chart's x (\(span))", tn.child("to")!.describe) }
            }
            if let from, let to, to < from {
                throw SpecError(tn.child("to")!.location, "a last period not before the first", tn.child("to")!.describe)
            }
            targets.append(.init(low: try tn.require("value").number(), high: try tn.child("high")?.number(), series: try tn.child("series")?.text(),
                                 label: try tn.child("label")?.text() ?? lang.text(.plan), from: from, to: to))
        }
        var chart = LineChart(xValues: xs.sorted(), series: order.map { LineChart.Series($0, points: points[$0.id] ?? [:], estimates: estimates[$0.id] ?? [], partial: partial[$0.id] ?? [:]) },
                              targets: targets, texts: input.texts, language: lang, zeroBaseline: try l?.child("zero")?.bool() ?? true,
                              valueDigits: try l?.child("digits")?.digits() ?? valueEnc.digits, estimateLegend: try l?.child("estimate_label")?.text(),
                              width: input.width, height: input.height, theme: input.theme)
        chart.area = try l?.child("area")?.bool() ?? false
        chart.periods = granularity
        return chart
    }

    package static func colorKeys(of chart: any ChartDescription) -> [ChartKey] { (chart as? LineChart)?.series.map(\.key) ?? [] }

    package static func pinned(_ chart: any ChartDescription, _ pins: ChartPins) -> (any ChartDescription)? {
        guard var c = chart as? LineChart else { return nil }
        c.pins = pins
        return c
    }
}
