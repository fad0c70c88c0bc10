import AnnexScene

/// How charts look: fonts, sizes, colours and spacing. Data, not code paths: a new theme is a new value.
public struct Theme: Hashable, Sendable {
    public var name: String
    public var fontFamily: String
    public var background: Color
    public var text: Color
    public var mutedText: Color
    public var grid: Color
    public var axis: Color
    /// Categorical colours for series, in order; colour-blind-safe and distinguishable in greyscale by lightness.
    public var palette: [Color]
    /// The colour of targets (plan markers and bands).
    public var target: Color

    public var padding: Double
    public var titleSize: Double
    public var subtitleSize: Double
    public var axisTitleSize: Double
    public var tickLabelSize: Double
    public var categoryLabelSize: Double
    public var valueLabelSize: Double
    public var legendSize: Double
    public var footerSize: Double
    public var gridWidth: Double
    public var axisWidth: Double
    public var targetWidth: Double

    public func font(_ size: Double, _ weight: FontWeight = .regular) -> Font {
        Font(family: fontFamily, size: size, weight: weight)
    }

    /// Print annexes: restrained colours, sans text, sized for a 1600 px wide figure.
    public static let report = Theme(
        name: "report", fontFamily: "DejaVu Sans", background: .white,
        text: .hex("#1F1F1F"), mutedText: .hex("#555555"), grid: .hex("#E2E2E2"), axis: .hex("#3A3A3A"),
        palette: [.hex("#9CC3E4"), .hex("#2B6A9E"), .hex("#E69F00"), .hex("#009E73"), .hex("#CC79A7"), .hex("#56B4E9")],
        target: .hex("#C0392B"),
        padding: 44, titleSize: 30, subtitleSize: 21, axisTitleSize: 19, tickLabelSize: 18,
        categoryLabelSize: 19, valueLabelSize: 19, legendSize: 19, footerSize: 16,
        gridWidth: 1, axisWidth: 1.5, targetWidth: 4)
}
