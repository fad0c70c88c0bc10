import AnnexScene

// Pins: explicit geometry and style for a chart's components, for designs that fix every position (the reference
// charts drawn as matplotlib draws them, house styles). A pinned component is the same component as the automatic
// one, told where to stand; there is no second layout engine. Each pin is a small typed value: a component reads
// only its own.

/// A text at a fixed point: a title, an axis title, the source line.
public struct TextPin: Hashable, Sendable {
    /// Where the text's anchor stands, in px; nil keeps the automatic position.
    public var x: Double?
    public var y: Double?
    /// Font size in px, weight and colour; nil keeps the theme's.
    public var size: Double?
    public var bold: Bool?
    public var color: Color?
    public var anchor: HorizontalAnchor?
    public var baseline: VerticalAnchor?
    public var rotation: Double?
    /// Offsets from the point a label is attached to (a line's end, a band's top, an area's centre).
    public var dx: Double?
    public var dy: Double?
    /// Space between a mark and its text.
    public var gap: Double?
    /// Colours by class (labels on a map's classes), from the lowest class up.
    public var colors: [Color]?
    /// Whether a source line starts with "Nguồn:" / "Source:".
    public var prefix: Bool?

    /// A pin with nothing fixed.
    public init() {}

    /// The font of a pinned text: the pin's size and weight in `family`, else `fallback`'s.
    public func font(_ family: String, fallback: Font) -> Font {
        Font(family: family, size: size ?? fallback.size, weight: bold.map { $0 ? .bold : .regular } ?? fallback.weight)
    }
}

/// A straight line's style: grid lines, axis lines, borders.
public struct LinePin: Hashable, Sendable {
    public var color: Color?
    /// Line width in px.
    public var width: Double?
    public var dash: [Double]?
    /// For axis lines: which sides of the plot are drawn (left, bottom, right, top).
    public var sides: [PlotSide]?
    /// A line pin with nothing fixed.
    public init() {}
    /// The stroke of this pin, with the theme's colour and width where the pin leaves them.
    public func stroke(_ color: Color, _ width: Double) -> Stroke { Stroke(color: self.color ?? color, width: self.width ?? width) }
}

/// A side of the plot rectangle.
public enum PlotSide: String, Hashable, Sendable, CaseIterable { case left, bottom, right, top }

/// An axis's ticks: outward tick marks of `length`, labels `gap` beyond them.
public struct TickPin: Hashable, Sendable {
    public var length: Double?
    public var lineWidth: Double?
    public var size: Double?
    public var gap: Double?
    public var color: Color?
    /// A tick pin with nothing fixed.
    public init() {}
}

/// A scale's domain and ticks, or a band scale's padding.
public struct ScalePin: Hashable, Sendable {
    public var domain: (Double, Double)? {
        get { low.flatMap { l in high.map { (l, $0) } } }
        set { low = newValue?.0; high = newValue?.1 }
    }
    public var low: Double?
    public var high: Double?
    /// Tick values, or a tick every `step` across the domain.
    public var ticks: [Double]?
    public var step: Double?
    public var paddingInner: Double?
    public var paddingOuter: Double?
    /// A scale pin with nothing fixed.
    public init() {}
}

/// A legend in one row from a fixed point, or a boxed column of class rows.
public struct LegendPin: Hashable, Sendable {
    public var x: Double?
    public var y: Double?
    /// Swatch width and height in px.
    public var swatch: (width: Double, height: Double)? {
        get { swatchWidth.flatMap { w in swatchHeight.map { (w, $0) } } }
        set { swatchWidth = newValue?.width; swatchHeight = newValue?.height }
    }
    public var swatchWidth: Double?
    public var swatchHeight: Double?
    /// Between a swatch and its words.
    public var gap: Double?
    /// From one entry (or row) to the next.
    public var spacing: Double?
    public var size: Double?
    public var color: Color?
    /// A frame around the legend (maps): its box, fill and border.
    public var box: Rect?
    public var fill: Color?
    public var border: LinePin?
    /// Swatch borders (class rows).
    public var swatchBorder: LinePin?
    /// Offsets of the words from the row's swatch corner (class rows).
    public var dx: Double?
    public var dy: Double?
    /// Between the ends of a class range ("9,0 – 10,6").
    public var separator: String?
    /// A legend pin with nothing fixed.
    public init() {}
}

/// The pins of one chart. Every field is optional: a chart pinned by a `layout:` block draws the components its
/// pins name (a reference design shows only what it lists) at the pinned places.
public struct ChartPins: Hashable, Sendable {
    /// One font family for every text.
    public var font: String?
    /// Series colours (bars, lines) or class colours (maps), in order.
    public var palette: [Color]?
    /// The plot's (or the map's) rectangle.
    public var plot: Rect
    public var valueScale: ScalePin?
    public var categoryScale: ScalePin?
    public var grid: LinePin?
    public var axisLines: LinePin?
    public var valueTicks: TickPin?
    public var categoryTicks: TickPin?
    /// Bars: a bar's width as a share of its slot in the group.
    public var barFraction: Double?
    /// Value labels at bar ends; map value labels.
    public var values: TextPin?
    public var title: TextPin?
    public var subtitle: TextPin?
    public var source: TextPin?
    public var valueAxisTitle: TextPin?
    public var categoryAxisTitle: TextPin?
    public var legend: LegendPin?
    public var legendTitle: TextPin?
    /// Lines: their width and the dash of estimated stretches.
    public var lines: LinePin?
    /// Lines: point radius, outline width and the fill of hollow (estimated) points.
    public var pointRadius: Double?
    public var pointOutline: Double?
    public var pointFill: Color?
    /// Lines: target bands' fill and opacity.
    public var bandFill: Color?
    public var bandOpacity: Double?
    public var bandLabel: TextPin?
    /// Line end labels; map name labels.
    public var labels: TextPin?
    /// Map borders between areas.
    public var borders: LinePin?

    /// Pins with the plot at `plot` and nothing else fixed.
    public init(plot: Rect) { self.plot = plot }

    /// The font of a pinned text.
    func font(_ pin: TextPin, _ theme: Theme, defaultSize: Double = 14) -> Font {
        pin.font(font ?? theme.fontFamily, fallback: Font(family: font ?? theme.fontFamily, size: defaultSize))
    }

    /// The colour of series or class `i`.
    func color(_ i: Int, _ theme: Theme) -> Color {
        let colors = palette ?? theme.palette
        return colors[i % colors.count]
    }
}
