import AnnexScene

/// A category shown along the axis, or a series shown in the legend.
public struct ChartKey: Hashable, Sendable {
    /// The stable id that values, mark ids (`bar/<category>/<series>`) and a style's `colors` refer to: a group
    /// or district code, a year (`border`, `2019`).
    public var id: String
    /// The words drawn for the key, in the chart's language (`Xã biên giới`, `Năm 2019`).
    public var label: String
    /// A key with id `id`, drawn as `label`.
    public init(_ id: String, _ label: String) { self.id = id; self.label = label }
}

/// One bar's (or point's) value.
public struct BarValue: Hashable, Sendable {
    /// The id of the category (a ``ChartKey/id`` of the chart's categories) the bar stands in.
    public var category: String
    /// The id of the series (a ``ChartKey/id`` of the chart's series) the bar belongs to.
    public var series: String
    /// The value, in the data's unit; finite, and not negative on stacked and 100% stacked bars.
    public var value: Double
    /// An estimate (ước thực hiện): drawn hatched / dashed and named in the legend.
    public var isEstimate: Bool
    /// The value of `series` in `category`; an actual figure unless `isEstimate`.
    public init(category: String, series: String, value: Double, isEstimate: Bool = false) {
        self.category = category; self.series = series; self.value = value; self.isEstimate = isEstimate
    }
}

/// A target drawn on one bar: a tick for a point, a band for a range.
public struct BarTarget: Hashable, Sendable {
    /// The id of the category of the bar the target is drawn on.
    public var category: String
    /// The id of the series of the bar the target is drawn on.
    public var series: String
    /// The target, or the low end of a target range, in the bars' unit.
    public var low: Double
    /// The high end of a target range; nil for a target of one value (drawn as a tick).
    public var high: Double?
    /// A target of `low` (or the range `low`…`high`) on the bar of `series` in `category`.
    public init(category: String, series: String, low: Double, high: Double? = nil) {
        self.category = category; self.series = series; self.low = low; self.high = high
    }
}

/// The words around a chart: figure label, titles, axis title, notes, source.
public struct ChartTexts: Hashable, Sendable {
    /// "Biểu đồ 1." / "Figure 1."; drawn bold before the title.
    public var figureLabel: String?
    /// The title, drawn bold at the top left after the figure label; may be empty.
    public var title: String
    /// The line under the title (the place, the programme); nil for none.
    public var subtitle: String?
    /// The title of the value axis, with its unit ("Tiêu chí/xã"); nil for none.
    public var valueAxisTitle: String?
    /// The title of the category axis; nil for none.
    public var categoryAxisTitle: String?
    /// Notes in the footer, one line each; the first starts with "Ghi chú:" / "Note:".
    public var notes: [String]
    /// The source line at the foot, after "Nguồn:" / "Source:"; nil for none.
    public var source: String?
    /// True for charts drawn from synthetic data: they carry a visible "Số liệu minh họa" mark.
    public var illustrative: Bool

    /// The figure label and the title as one line ("Biểu đồ 3. Số xã …"), as title blocks and metadata show them.
    public var fullTitle: String { [figureLabel, title].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " ") }

    /// The words of a chart; only the title is required.
    public init(figureLabel: String? = nil, title: String, subtitle: String? = nil, valueAxisTitle: String? = nil,
                categoryAxisTitle: String? = nil, notes: [String] = [], source: String? = nil, illustrative: Bool = false) {
        self.figureLabel = figureLabel; self.title = title; self.subtitle = subtitle
        self.valueAxisTitle = valueAxisTitle; self.categoryAxisTitle = categoryAxisTitle
        self.notes = notes; self.source = source; self.illustrative = illustrative
    }
}

/// Why a chart cannot be laid out.
public enum ChartError: Error, Sendable, CustomStringConvertible, Equatable {
    /// The chart has nothing to draw (no categories, series or values); the text says what it needs.
    case noData(String)
    /// A value the chart cannot show: not finite, negative on stacked bars, class bounds that do not increase; the
    /// text names it.
    case invalidValue(String)
    /// The canvas is too small for the chart's content (or pinned ticks are too many); the text gives the sizes.
    case doesNotFit(String)

    public var description: String {
        switch self {
        case .noData(let s): "nothing to draw: \(s)"
        case .invalidValue(let s): "invalid value: \(s)"
        case .doesNotFit(let s): "the chart does not fit its canvas: \(s)"
        }
    }
}

/// Anything that becomes a scene.
public protocol ChartDescription: Sendable {
    /// Lays the chart out and returns its scene, in px; `measurer` gives the extents of text (Pango in a report, a
    /// fake in tests). Throws when there is nothing to draw, a value cannot be shown or the canvas is too small.
    func scene(measurer: TextMeasurer) throws(ChartError) -> Scene
    /// The same chart on another canvas or theme.
    func sized(width: Double, height: Double, theme: Theme) -> any ChartDescription
    /// The chart's words: figure label, titles, notes, source (what a report lists in its contents and manifest).
    var chartTexts: ChartTexts { get }
}

/// The charts that keep their canvas and theme in `width`, `height`, `theme` and their words in `texts`.
public protocol SizedChart: ChartDescription {
    /// The canvas width in px asked for (a chart may narrow it to its content).
    var width: Double { get set }
    /// The canvas height in px asked for.
    var height: Double { get set }
    /// The look of the chart; its sizes are scaled to the canvas (``Theme/fitted(width:height:)``).
    var theme: Theme { get set }
    /// The chart's words.
    var texts: ChartTexts { get }
}

extension SizedChart {
    /// A copy of the chart with `width`, `height` and `theme` replaced: the same data and words on another canvas.
    public func sized(width: Double, height: Double, theme: Theme) -> any ChartDescription {
        var c = self
        c.width = width; c.height = height; c.theme = theme
        return c
    }
    /// The chart's `texts`.
    public var chartTexts: ChartTexts { texts }
}
