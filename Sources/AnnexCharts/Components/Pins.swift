import AnnexScene

// Pins: explicit geometry and style for a chart's components, for designs that fix every position (the reference
// charts drawn as matplotlib draws them, house styles). A pinned component is the same component as the automatic
// one, told where to stand; there is no second layout engine. Each pin is a small typed value: a component reads
// only its own.

/// A text at a fixed point: a title, an axis title, the source line.
public struct TextPin: Hashable, Sendable {
    /// Where the text's anchor stands, in px from the canvas's left edge, for a text that stands on its own (a
    /// title, subtitle, source, axis title, map legend title); nil for 0. Labels attached to a mark use `dx`.
    public var x: Double?
    /// Where the text's anchor stands, in px from the canvas's top edge, for a text that stands on its own; nil for
    /// 0. Labels attached to a mark use `dy`.
    public var y: Double?
    /// Font size in px; nil for the component's default (14 px for most texts, 11 px for bar values).
    public var size: Double?
    /// True for bold, false for regular; nil for regular.
    public var bold: Bool?
    /// The text's colour; nil for the component's own (the theme's text or muted text colour; on a map, ink that
    /// reads on the area's fill).
    public var color: Color?
    /// Which end of the text stands at the point: start, middle or end; nil for the start. Texts that stand on
    /// their own only.
    public var anchor: HorizontalAnchor?
    /// Which line of the text stands at the point: baseline, top, middle or bottom; nil for the baseline. Texts
    /// that stand on their own only.
    public var baseline: VerticalAnchor?
    /// Rotation in degrees about the point (−90 reads upwards, for a value axis title); nil for none. Titles,
    /// subtitle, source and axis titles only.
    public var rotation: Double?
    /// Horizontal offset in px from the point a label is attached to (a line's end, a band's top, an area's
    /// centre); nil for the component's default.
    public var dx: Double?
    /// Vertical offset in px, down positive, from the point a label is attached to; nil for the component's
    /// default.
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
    /// The line's colour; nil for the component's (the theme's grid or axis colour, white for map borders).
    public var color: Color?
    /// Line width in px.
    public var width: Double?
    /// A dash pattern in px (on, off, …): read for the estimated stretches of lines (`ChartPins.lines`, default
    /// `[6, 4]`); other lines are solid.
    public var dash: [Double]?
    /// For axis lines: which sides of the plot are drawn (left, bottom, right, top).
    public var sides: [PlotSide]?
    /// A line pin with nothing fixed.
    public init() {}
    /// The stroke of this pin, with the theme's colour and width where the pin leaves them.
    public func stroke(_ color: Color, _ width: Double) -> Stroke { Stroke(color: self.color ?? color, width: self.width ?? width) }
}

/// A side of the plot rectangle.
public enum PlotSide: String, Hashable, Sendable, CaseIterable {
    /// The left edge, where a value axis stands.
    case left
    /// The bottom edge, where a category or time axis stands.
    case bottom
    /// The right edge.
    case right
    /// The top edge.
    case top
}

/// An axis's ticks: outward tick marks of `length`, labels `gap` beyond them.
public struct TickPin: Hashable, Sendable {
    /// The length of the outward tick marks in px; nil or 0 for labels without marks.
    public var length: Double?
    /// The width of the tick marks in px; nil for 1.
    public var lineWidth: Double?
    /// The labels' font size in px; nil for 14.
    public var size: Double?
    /// The space in px between a tick mark's end and its label; nil for 4.
    public var gap: Double?
    /// The colour of marks and labels; nil for the theme's axis colour (marks) and text colour (labels).
    public var color: Color?
    /// A tick pin with nothing fixed.
    public init() {}
}

/// A scale's domain and ticks, or a band scale's padding.
public struct ScalePin: Hashable, Sendable {
    /// `low` and `high` as one pair; nil unless both are pinned. Setting it sets both (nil clears both).
    public var domain: (Double, Double)? {
        get { low.flatMap { l in high.map { (l, $0) } } }
        set { low = newValue?.0; high = newValue?.1 }
    }
    /// The value at the start of the axis (the bottom of a value axis, the left of a time axis); nil for the
    /// data's own (the least value, or 0 when it is higher on a value axis).
    public var low: Double?
    /// The value at the end of the axis (the top of a value axis, the right of a time axis); nil for the data's own.
    public var high: Double?
    /// Tick values, or a tick every `step` across the domain.
    public var ticks: [Double]?
    /// A tick at every multiple of `step` within the domain when `ticks` is nil (at most 1000 ticks); nil or not
    /// positive for no ticks.
    public var step: Double?
    /// A band scale's padding between bands, as a share of a step (0…1); nil for 0.2.
    public var paddingInner: Double?
    /// A band scale's padding before the first band and after the last, in steps; nil for 0.1.
    public var paddingOuter: Double?
    /// A scale pin with nothing fixed.
    public init() {}
}

/// A legend in one row from a fixed point, or a boxed column of class rows.
public struct LegendPin: Hashable, Sendable {
    /// The left of the first entry, or of a map's class rows, in px from the canvas's left edge; nil for the plot's
    /// left in a row, 0 for class rows (a map draws its class rows only when `x` or `y` is pinned).
    public var x: Double?
    /// The top of the row, or of a map's first class row, in px from the canvas's top edge; nil for the plot's top
    /// in a row, 0 for class rows.
    public var y: Double?
    /// Swatch width and height in px.
    public var swatch: (width: Double, height: Double)? {
        get { swatchWidth.flatMap { w in swatchHeight.map { (w, $0) } } }
        set { swatchWidth = newValue?.width; swatchHeight = newValue?.height }
    }
    /// The swatch width in px; the swatch size is the default (20×10 in a row, 28×20 in class rows) unless both
    /// width and height are pinned.
    public var swatchWidth: Double?
    /// The swatch height in px; see `swatchWidth`.
    public var swatchHeight: Double?
    /// Between a swatch and its words.
    public var gap: Double?
    /// From one entry (or row) to the next.
    public var spacing: Double?
    /// The entries' font size in px; nil for 14.
    public var size: Double?
    /// The entries' text colour; nil for the theme's text colour.
    public var color: Color?
    /// A frame around the legend (maps): its box, fill and border.
    public var box: Rect?
    /// The frame's fill; nil for the theme's background.
    public var fill: Color?
    /// The frame's border; nil for none.
    public var border: LinePin?
    /// Swatch borders (class rows).
    public var swatchBorder: LinePin?
    /// Horizontal offset in px of the words from the left of the row's swatch (class rows); nil for the swatch's
    /// width plus 12.
    public var dx: Double?
    /// Vertical offset in px of the words' baseline from the top of the row's swatch (class rows); nil for three
    /// quarters of the swatch's height.
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
    /// The value axis's domain and ticks; nil for the data's extent and no ticks.
    public var valueScale: ScalePin?
    /// The category axis's band padding (bars) or the time axis's domain (lines).
    public var categoryScale: ScalePin?
    /// Grid lines at the value ticks; nil for none.
    public var grid: LinePin?
    /// The plot's frame lines; nil for none.
    public var axisLines: LinePin?
    /// The value axis's tick marks and labels; nil for none.
    public var valueTicks: TickPin?
    /// The category or time axis's tick marks and labels; nil for none.
    public var categoryTicks: TickPin?
    /// Bars: a bar's width as a share of its slot in the group.
    public var barFraction: Double?
    /// Value labels at bar ends; map value labels.
    public var values: TextPin?
    /// The title (figure label and title, mark `title`); nil draws none.
    public var title: TextPin?
    /// The subtitle (mark `subtitle`); nil draws none.
    public var subtitle: TextPin?
    /// The source line (mark `source`); nil draws none.
    public var source: TextPin?
    /// Bars: the value axis title (mark `y_title`); nil draws none.
    public var valueAxisTitle: TextPin?
    /// Bars: the category axis title (mark `x_title`); nil draws none.
    public var categoryAxisTitle: TextPin?
    /// The legend: a row of series swatches (bars, when there is more than one series) or a map's class rows; nil
    /// draws none.
    public var legend: LegendPin?
    /// Maps: the legend's heading (mark `legend_title`); nil draws none.
    public var legendTitle: TextPin?
    /// Lines: their width and the dash of estimated stretches.
    public var lines: LinePin?
    /// Lines: the radius of the points in px; nil draws no points.
    public var pointRadius: Double?
    /// Lines: the outline width in px of hollow (estimated) points, drawn inside the radius; nil for 2.
    public var pointOutline: Double?
    /// Lines: the fill of hollow (estimated) points; nil for the theme's background.
    public var pointFill: Color?
    /// Lines: target bands' fill; nil for the colour of the target's series, or the theme's target colour. Bands
    /// are drawn when this or `bandOpacity` is set.
    public var bandFill: Color?
    /// Lines: target bands' opacity (0…1); nil for 0.2.
    public var bandOpacity: Double?
    /// Lines: the targets' labels at the top left of their bands (marks `target-label/<i>`); nil draws none.
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
