import AnnexScene

/// How charts look: fonts, sizes, colours and spacing. Data, not code paths: a new theme is a new value.
///
/// Sizes are pixels at the theme's nominal canvas; a chart of another size scales them (`fitted`), so a
/// 800 px thumbnail and a 3200 px poster look alike.
public struct Theme: Hashable, Sendable {
    /// The name specs use (`report`, `slide`, …); a style keeps the name of the theme it extends.
    public var name: String
    /// The font family of all text but titles ("DejaVu Sans": name families explicitly).
    public var fontFamily: String
    /// The font family of titles.
    public var titleFontFamily: String
    /// The canvas colour.
    public var background: Color
    /// Titles, labels and values.
    public var text: Color
    /// Subtitles, axis titles and the footer.
    public var mutedText: Color
    /// Grid lines.
    public var grid: Color
    /// Axis lines and tick marks.
    public var axis: Color
    /// Categorical colours for series, in order: colour-blind-safe.
    public var palette: [Color]
    /// For two or three ordered series (years): light to dark, readable in greyscale too.
    public var sequential: [Color]
    /// A light-to-dark ramp for many ordered classes (bands, map classes).
    public var ramp: [Color]
    /// Increase (diverging bars, change maps).
    public var positive: Color
    /// Decrease (diverging bars, change maps).
    public var negative: Color
    /// The colour of targets (plan markers and bands).
    public var target: Color

    /// The canvas width, in px, that the sizes below are for.
    public var nominalWidth: Double
    /// The canvas height, in px, that the sizes below are for.
    public var nominalHeight: Double
    /// Space around the chart, in px.
    public var padding: Double
    /// Text sizes, in px: the title,
    public var titleSize: Double
    /// the subtitle,
    public var subtitleSize: Double
    /// axis titles,
    public var axisTitleSize: Double
    /// tick labels (the value axis's numbers),
    public var tickLabelSize: Double
    /// category labels (districts, years along the axis),
    public var categoryLabelSize: Double
    /// value labels (on bars and points),
    public var valueLabelSize: Double
    /// the legend,
    public var legendSize: Double
    /// and the footer (notes and source).
    public var footerSize: Double
    /// Line widths, in px: grid lines,
    public var gridWidth: Double
    /// axis lines,
    public var axisWidth: Double
    /// target marks (plan ticks and lines),
    public var targetWidth: Double
    /// and data lines.
    public var lineWidth: Double
    /// The radius of points on lines, in px.
    public var markerRadius: Double
    /// Colours fixed for particular series or categories, by id or label (a style's `colors`); empty in the
    /// built-in themes. Look colours up with `color(forKey:index:of:ordered:)`.
    public var namedColors: [String: Color] = [:]
    /// The smallest text size the theme allows, in px at its nominal canvas: 24 for slides (every text at least
    /// 24 px on 1920×1080), 0 (no floor) for print. `fitted` scales it with the other sizes.
    public var minimumTextSize: Double = 0
    /// The canvas is a fixed frame (a 16:9 slide): charts keep the size asked for instead of fitting it to
    /// their content.
    public var keepsCanvas = false

    /// The body font at `size` px.
    public func font(_ size: Double, _ weight: FontWeight = .regular) -> Font {
        Font(family: fontFamily, size: size, weight: weight)
    }

    /// The bold title font at `size` px.
    public func titleFont(_ size: Double) -> Font {
        Font(family: titleFontFamily, size: size, weight: .bold)
    }

    /// The colour of the series or category `key` (its id or its label), `index` of `count`: the colour a style
    /// named for the key, else `seriesColor(index, of: count, ordered: ordered)`.
    public func color(forKey key: String, index: Int, of count: Int, ordered: Bool) -> Color {
        namedColors[key] ?? seriesColor(index, of: count, ordered: ordered)
    }

    /// The colour of `key`, `index` of `count`: a named colour for its id, else for its label, else
    /// `seriesColor(index, of: count, ordered: ordered)`.
    public func color(for key: ChartKey, index: Int, of count: Int, ordered: Bool) -> Color {
        namedColors[key.id] ?? namedColors[key.label] ?? seriesColor(index, of: count, ordered: ordered)
    }

    /// The theme's text sizes, in the order title, subtitle, axis title, tick labels, category labels, value
    /// labels, legend, footer.
    public var textSizes: [Double] { Theme.textSizePaths.map { self[keyPath: $0] } }

    static var textSizePaths: [WritableKeyPath<Theme, Double>] {
        [\.titleSize, \.subtitleSize, \.axisTitleSize, \.tickLabelSize, \.categoryLabelSize, \.valueLabelSize, \.legendSize, \.footerSize]
    }

    /// Colour of series `i` of `count`: shades of one hue for ordered series (years, bands), else the palette.
    public func seriesColor(_ i: Int, of count: Int, ordered: Bool) -> Color {
        guard ordered else { return palette[i % palette.count] }
        if count <= sequential.count { return sequential[sequential.count - count + i] }
        return Theme.interpolate(ramp, at: count == 1 ? 1 : Double(i) / Double(count - 1))
    }

    /// The colour at `t` (0…1) along a ramp of colours.
    public static func interpolate(_ ramp: [Color], at t: Double) -> Color {
        guard ramp.count > 1 else { return ramp.first ?? .black }
        let x = max(0, min(1, t)) * Double(ramp.count - 1)
        let i = min(ramp.count - 2, Int(x))
        return ramp[i].mixed(with: ramp[i + 1], amount: x - Double(i))
    }

    /// The theme with every size scaled for a `width`×`height` canvas.
    public func fitted(width: Double, height: Double) -> Theme {
        // Width sets the scale; a short canvas lowers it, but a wide banner keeps readable text.
        let k = max(0.45, min(3, min(width / nominalWidth, 1.5 * height / nominalHeight)))
        guard k != 1 else { return self }
        var t = self
        for kp in [\Theme.padding, \.titleSize, \.subtitleSize, \.axisTitleSize, \.tickLabelSize, \.categoryLabelSize,
                   \.valueLabelSize, \.legendSize, \.footerSize, \.gridWidth, \.axisWidth, \.targetWidth, \.lineWidth,
                   \.markerRadius] as [WritableKeyPath<Theme, Double>] {
            t[keyPath: kp] *= k
        }
        // The smallest text follows the width alone (24 px on any 1920 px wide slide, however short), and no text
        // falls under it.
        t.minimumTextSize = minimumTextSize * max(0.45, min(3, width / nominalWidth))
        for kp in [\Theme.titleSize, \.subtitleSize, \.axisTitleSize, \.tickLabelSize, \.categoryLabelSize, \.valueLabelSize,
                   \.legendSize, \.footerSize] as [WritableKeyPath<Theme, Double>] {
            t[keyPath: kp] = max(t[keyPath: kp], t.minimumTextSize)
        }
        return t
    }

    /// Okabe–Ito, reordered for contrast between neighbours (the palette `okabe-ito`).
    public static var colourBlindSafe: [Color] { Palette.okabeIto.colors }

    /// ColorBrewer YlGnBu, light to dark: ordered classes readable in greyscale (the palette `blues`).
    public static var blues: [Color] { Palette.blues.colors }

    /// YlGnBu for a dark ground: light to a mid blue, so that the highest class stays visible (contrast ≥ 3:1 with
    /// `slide-dark`'s background).
    public static let darkGroundBlues: [Color] = [.hex("#EDF8B1"), .hex("#C7E9B4"), .hex("#7FCDBB"), .hex("#41B6C4"),
                                                  .hex("#1D91C0"), .hex("#3A78C9")]

    /// Print annexes: restrained colours, sans text, sized for a 1600×900 px figure.
    public static let report = Theme(
        name: "report", fontFamily: "DejaVu Sans", titleFontFamily: "DejaVu Sans", background: .white,
        text: .hex("#1F1F1F"), mutedText: .hex("#555555"), grid: .hex("#E2E2E2"), axis: .hex("#3A3A3A"),
        palette: colourBlindSafe, sequential: [.hex("#C6DBEF"), .hex("#9CC3E4"), .hex("#2B6A9E")], ramp: blues,
        positive: .hex("#2166AC"), negative: .hex("#B2182B"), target: .hex("#C0392B"),
        nominalWidth: 1600, nominalHeight: 900,
        padding: 44, titleSize: 30, subtitleSize: 21, axisTitleSize: 19, tickLabelSize: 18,
        categoryLabelSize: 19, valueLabelSize: 19, legendSize: 19, footerSize: 16,
        gridWidth: 1, axisWidth: 1.5, targetWidth: 4, lineWidth: 3.5, markerRadius: 6)

    /// Print annexes in a serif face, for documents set in serif.
    public static let reportSerif: Theme = {
        var t = report
        t.name = "report-serif"; t.fontFamily = "DejaVu Serif"; t.titleFontFamily = "DejaVu Serif"
        return t
    }()

    /// Conference slides: 1920×1080, large text readable from the back of a hall (none under 24 px), fewer grid lines.
    public static let slide = Theme(
        name: "slide", fontFamily: "DejaVu Sans", titleFontFamily: "DejaVu Sans", background: .white,
        text: .hex("#141414"), mutedText: .hex("#4A4A4A"), grid: .hex("#E6E6E6"), axis: .hex("#333333"),
        palette: colourBlindSafe, sequential: [.hex("#BFD7EA"), .hex("#7FB0D8"), .hex("#1F5F99")], ramp: blues,
        positive: .hex("#2166AC"), negative: .hex("#B2182B"), target: .hex("#C0392B"),
        nominalWidth: 1920, nominalHeight: 1080,
        padding: 64, titleSize: 50, subtitleSize: 32, axisTitleSize: 28, tickLabelSize: 28,
        categoryLabelSize: 30, valueLabelSize: 30, legendSize: 30, footerSize: 24,
        gridWidth: 1.5, axisWidth: 2.5, targetWidth: 6, lineWidth: 6, markerRadius: 10, minimumTextSize: 24, keepsCanvas: true)

    /// Slides on a dark background.
    public static let slideDark: Theme = {
        var t = slide
        t.name = "slide-dark"
        t.background = .hex("#12161C"); t.text = .hex("#F2F2F2"); t.mutedText = .hex("#B8BEC6")
        t.grid = .hex("#2C333D"); t.axis = .hex("#9AA3AE")
        t.palette = [.hex("#56B4E9"), .hex("#E69F00"), .hex("#009E73"), .hex("#CC79A7"), .hex("#F0E442"),
                     .hex("#D55E00"), .hex("#0072B2"), .hex("#FFFFFF")]
        // The same order as in print (more is darker), ending at a blue that still stands out on the dark ground.
        t.sequential = [.hex("#C6DBEF"), .hex("#7FB0D8"), .hex("#3D7CC0")]
        t.ramp = darkGroundBlues
        t.positive = .hex("#67A9CF"); t.negative = .hex("#F4A582"); t.target = .hex("#FF6B5B")
        return t
    }()

    /// The report theme for figures set into an A4 annex: text relatively larger, for a 16–18 cm print width.
    public static let reportPrint: Theme = {
        var t = report
        t.name = "report-print"; t.nominalWidth = 1100; t.nominalHeight = 620
        return t
    }()

    /// Vietnamese administrative documents (Decree 30/2020/NĐ-CP): Liberation Serif (metric-compatible with Times New
    /// Roman), black text, sized for a figure 1200 px wide printed at a 165 mm text width, where its text reads beside
    /// 13 pt body text (1 pt there is 2,56 px here): the title 13 pt bold, labels, legend and axis titles 10,5–11 pt,
    /// the footer (notes and source) 8,4 pt. Its sizes follow the canvas's width for any canvas at least 267 px tall
    /// (a short figure keeps its text size). The annex's figures use it in the `decree30` layout.
    public static let reportVN = Theme(
        name: "report-vn", fontFamily: "Liberation Serif", titleFontFamily: "Liberation Serif", background: .white,
        text: .hex("#000000"), mutedText: .hex("#333333"), grid: .hex("#DADADA"), axis: .hex("#000000"),
        palette: colourBlindSafe, sequential: [.hex("#C6DBEF"), .hex("#9CC3E4"), .hex("#2B6A9E")], ramp: blues,
        positive: .hex("#2166AC"), negative: .hex("#B2182B"), target: .hex("#C0392B"),
        nominalWidth: 1200, nominalHeight: 400,
        padding: 26, titleSize: 33.3, subtitleSize: 30.8, axisTitleSize: 28.2, tickLabelSize: 26.9,
        categoryLabelSize: 28.2, valueLabelSize: 26.9, legendSize: 28.2, footerSize: 21.5,
        gridWidth: 1.2, axisWidth: 2, targetWidth: 5, lineWidth: 4.5, markerRadius: 8)

    /// Every built-in theme, in the order specs list them.
    public static let all: [Theme] = [report, reportSerif, slide, slideDark, reportPrint, reportVN]

    /// The built-in theme called `name` (`report`, `slide`, …), or nil.
    public static func named(_ name: String) -> Theme? { all.first { $0.name == name } }
}
