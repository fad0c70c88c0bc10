import AnnexScene

/// A category shown along the axis, or a series shown in the legend.
public struct ChartKey: Hashable, Sendable {
    public var id: String
    public var label: String
    public init(_ id: String, _ label: String) { self.id = id; self.label = label }
}

/// One bar's (or point's) value.
public struct BarValue: Hashable, Sendable {
    public var category: String
    public var series: String
    public var value: Double
    /// An estimate (ước thực hiện): drawn hatched / dashed and named in the legend.
    public var isEstimate: Bool
    public init(category: String, series: String, value: Double, isEstimate: Bool = false) {
        self.category = category; self.series = series; self.value = value; self.isEstimate = isEstimate
    }
}

/// A target drawn on one bar: a tick for a point, a band for a range.
public struct BarTarget: Hashable, Sendable {
    public var category: String
    public var series: String
    public var low: Double
    public var high: Double?
    public init(category: String, series: String, low: Double, high: Double? = nil) {
        self.category = category; self.series = series; self.low = low; self.high = high
    }
}

/// The words around a chart: figure label, titles, axis title, notes, source.
public struct ChartTexts: Hashable, Sendable {
    /// "Biểu đồ 1." / "Figure 1."; drawn bold before the title.
    public var figureLabel: String?
    public var title: String
    public var subtitle: String?
    public var valueAxisTitle: String?
    public var categoryAxisTitle: String?
    public var notes: [String]
    public var source: String?
    /// True for charts drawn from synthetic data: they carry a visible "Số liệu minh họa" mark.
    public var illustrative: Bool

    /// The figure label and the title as one line ("Biểu đồ 3. Số xã …"), as title blocks and metadata show them.
    public var fullTitle: String { [figureLabel, title].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " ") }

    public init(figureLabel: String? = nil, title: String, subtitle: String? = nil, valueAxisTitle: String? = nil,
                categoryAxisTitle: String? = nil, notes: [String] = [], source: String? = nil, illustrative: Bool = false) {
        self.figureLabel = figureLabel; self.title = title; self.subtitle = subtitle
        self.valueAxisTitle = valueAxisTitle; self.categoryAxisTitle = categoryAxisTitle
        self.notes = notes; self.source = source; self.illustrative = illustrative
    }
}

/// Why a chart cannot be laid out.
public enum ChartError: Error, Sendable, CustomStringConvertible, Equatable {
    case noData(String)
    case invalidValue(String)
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
    func scene(measurer: TextMeasurer) throws(ChartError) -> Scene
    /// The same chart on another canvas or theme.
    func sized(width: Double, height: Double, theme: Theme) -> any ChartDescription
    var chartTexts: ChartTexts { get }
}

/// The charts that keep their canvas and theme in `width`, `height`, `theme` and their words in `texts`.
public protocol SizedChart: ChartDescription {
    var width: Double { get set }
    var height: Double { get set }
    var theme: Theme { get set }
    var texts: ChartTexts { get }
}

extension SizedChart {
    public func sized(width: Double, height: Double, theme: Theme) -> any ChartDescription {
        var c = self
        c.width = width; c.height = height; c.theme = theme
        return c
    }
    public var chartTexts: ChartTexts { texts }
}
