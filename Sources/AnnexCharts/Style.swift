// Style owns what a spec may change of a theme — palette, colours per series or category, fonts, text sizes,
// line widths, theme colours — as a typed value (`ChartStyle`), its reading from a spec's `style:` block with
// located errors, and the registry of named palettes (`Palette`). Charts only see the resulting `Theme`.
import AnnexIO
import AnnexData
import AnnexScene
import AnnexSpec
import Foundation

/// A named list of colours: categorical (distinct hues for unordered series) or sequential (light to dark, for
/// ordered classes). The one registry of palettes: specs name them (`palette: set2`), themes use them.
public struct Palette: Hashable, Sendable {
    /// What the colours are for.
    public enum Kind: String, Hashable, Sendable {
        /// Distinct hues, for series and categories without an order.
        case categorical
        /// Light to dark, for ordered classes (years, bands, map classes).
        case sequential
    }

    /// The name specs use (`set2`).
    public var name: String
    /// Categorical or sequential.
    public var kind: Kind
    /// The colours, in order.
    public var colors: [Color]

    /// A palette of `colors` called `name`.
    public init(name: String, kind: Kind, colors: [Color]) {
        self.name = name; self.kind = kind; self.colors = colors
    }

    /// Okabe–Ito, reordered for contrast between neighbours: safe for colour-blind readers (the report and slide
    /// themes' palette).
    public static let okabeIto = Palette(name: "okabe-ito", kind: .categorical, colors: [
        .hex("#0072B2"), .hex("#E69F00"), .hex("#009E73"), .hex("#CC79A7"), .hex("#56B4E9"), .hex("#D55E00"),
        .hex("#F0E442"), .hex("#000000")])
    /// ColorBrewer YlGnBu, light to dark: ordered classes readable in greyscale (the themes' ramp).
    public static let blues = Palette(name: "blues", kind: .sequential, colors: [
        .hex("#EDF8B1"), .hex("#C7E9B4"), .hex("#7FCDBB"), .hex("#41B6C4"), .hex("#1D91C0"), .hex("#225EA8"),
        .hex("#0C2C84")])
    /// ColorBrewer Set2: soft hues, good on slides with large areas of colour.
    public static let set2 = Palette(name: "set2", kind: .categorical, colors: [
        .hex("#66C2A5"), .hex("#FC8D62"), .hex("#8DA0CB"), .hex("#E78AC3"), .hex("#A6D854"), .hex("#FFD92F"),
        .hex("#E5C494"), .hex("#B3B3B3")])
    /// ColorBrewer Dark2: strong hues, good for lines and on light backgrounds.
    public static let dark2 = Palette(name: "dark2", kind: .categorical, colors: [
        .hex("#1B9E77"), .hex("#D95F02"), .hex("#7570B3"), .hex("#E7298A"), .hex("#66A61E"), .hex("#E6AB02"),
        .hex("#A6761D"), .hex("#666666")])
    /// Tableau 10 (the 2016 palette): ten distinguishable hues.
    public static let tableau10 = Palette(name: "tableau10", kind: .categorical, colors: [
        .hex("#4E79A7"), .hex("#F28E2B"), .hex("#E15759"), .hex("#76B7B2"), .hex("#59A14F"), .hex("#EDC948"),
        .hex("#B07AA1"), .hex("#FF9DA7"), .hex("#9C755F"), .hex("#BAB0AC")])

    /// Every named palette, in the order the docs list them.
    public static let all: [Palette] = [okabeIto, blues, set2, dark2, tableau10]

    /// The palette called `name`, or nil.
    public static func named(_ name: String) -> Palette? { all.first { $0.name == name } }
}

extension Color {
    /// The 17 basic colour keywords of CSS 2.1 (and `grey`), the names a style accepts besides `#RRGGBB`.
    public static let cssBasicNames: [String: Color] = [
        "black": .hex("#000000"), "silver": .hex("#C0C0C0"), "gray": .hex("#808080"), "grey": .hex("#808080"),
        "white": .hex("#FFFFFF"), "maroon": .hex("#800000"), "red": .hex("#FF0000"), "purple": .hex("#800080"),
        "fuchsia": .hex("#FF00FF"), "green": .hex("#008000"), "lime": .hex("#00FF00"), "olive": .hex("#808000"),
        "yellow": .hex("#FFFF00"), "navy": .hex("#000080"), "blue": .hex("#0000FF"), "teal": .hex("#008080"),
        "aqua": .hex("#00FFFF"), "orange": .hex("#FFA500")]

    /// A colour as a spec writes it: `#RGB`, `#RRGGBB`, `#RRGGBBAA` (alpha last), or a CSS basic name
    /// (`cssBasicNames`, any case); nil otherwise.
    public init?(css text: String) {
        let s = text.trimmingCharacters(in: .whitespaces)
        if let named = Color.cssBasicNames[s.lowercased()] { self = named; return }
        guard s.hasPrefix("#") else { return nil }
        let digits = Array(s.dropFirst())
        guard [3, 6, 8].contains(digits.count), digits.allSatisfy(\.isHexDigit) else { return nil }
        let full = digits.count == 3 ? digits.flatMap { [$0, $0] } : digits
        self.init(hex: String(full))
    }
}

/// What a chart spec's `style:` block changes of a theme; every field optional, nil (or empty) leaving the theme's
/// own. Read one with `ChartStyle.read(_:over:)`, turn it into a theme with `applied(to:)`, and pick series and
/// category colours from that theme with `Theme.color(forKey:index:of:ordered:)`.
public struct ChartStyle: Hashable, Sendable {
    /// The name of the built-in theme the style starts from (`slide`, `slide-dark`, …); nil: the theme given to
    /// `applied(to:)`.
    public var extends: String?
    /// Colours for unordered series and categories, in order (a named palette's or a list).
    public var palette: [Color]?
    /// Colours of particular series or categories, by id or label (`Hữu Lũng`, `2019`).
    public var colors: [String: Color] = [:]
    /// The font family of all text; of titles too unless `titleFontFamily` is set.
    public var fontFamily: String?
    /// The font family of titles.
    public var titleFontFamily: String?
    /// The title's size, in px at the theme's nominal canvas (as are all sizes below).
    public var titleSize: Double?
    /// The subtitle's size.
    public var subtitleSize: Double?
    /// The size of axis titles.
    public var axisTitleSize: Double?
    /// The size of tick labels (the value axis's numbers).
    public var tickLabelSize: Double?
    /// The size of category labels.
    public var categoryLabelSize: Double?
    /// The size of value labels.
    public var valueLabelSize: Double?
    /// The legend's text size.
    public var legendSize: Double?
    /// The footer's (notes', source's) text size.
    public var footerSize: Double?
    /// The width of data lines.
    public var lineWidth: Double?
    /// The width of target marks.
    public var targetWidth: Double?
    /// The width of grid lines.
    public var gridWidth: Double?
    /// The width of axis lines.
    public var axisWidth: Double?
    /// The radius of points on lines.
    public var markerRadius: Double?
    /// The canvas colour.
    public var background: Color?
    /// The colour of titles, labels and values.
    public var text: Color?
    /// The colour of subtitles, axis titles and the footer.
    public var mutedText: Color?
    /// The colour of grid lines.
    public var grid: Color?
    /// The colour of axis lines and tick marks.
    public var axis: Color?
    /// The colour of targets.
    public var target: Color?
    /// The colour of increases.
    public var positive: Color?
    /// The colour of decreases.
    public var negative: Color?
    /// Where each key of `colors` was written, for errors found later (a key that names no series).
    var colorLocations: [String: SourceLocation] = [:]

    /// A style that changes nothing.
    public init() {}

    /// This style over `theme`: starts from the built-in theme named `extends` when it is set, else from `theme`,
    /// then replaces what the style sets. `colors` are added to the theme's `namedColors`. A text size under the
    /// theme's `minimumTextSize` (24 px on slides) is raised to it; `read` refuses such sizes in a spec, so only a
    /// style built in code meets this.
    public func applied(to theme: Theme) -> Theme {
        var t = extends.flatMap(Theme.named) ?? theme
        if let palette, !palette.isEmpty { t.palette = palette }
        t.namedColors.merge(colors) { _, new in new }
        if let fontFamily { t.fontFamily = fontFamily; t.titleFontFamily = fontFamily }
        if let titleFontFamily { t.titleFontFamily = titleFontFamily }
        for f in ChartStyle.textSizeFields { if let v = self[keyPath: f.style] { t[keyPath: f.theme] = max(v, t.minimumTextSize) } }
        for f in ChartStyle.widthFields { if let v = self[keyPath: f.style] { t[keyPath: f.theme] = v } }
        if let markerRadius { t.markerRadius = markerRadius }
        for f in ChartStyle.colorFields { if let c = self[keyPath: f.style] { t[keyPath: f.theme] = c } }
        return t
    }

    /// The keys of `colors` that name none of `keys` (neither an id nor a label), each located where the spec
    /// wrote it, with the nearest id or label as a hint: a misspelt series is an error, not a colour unused.
    public func unmatchedColors(among keys: [ChartKey]) -> [DataIssue] {
        var names: [String] = []
        for k in keys.flatMap({ [$0.id, $0.label] }) where !names.contains(k) { names.append(k) }
        return colors.keys.sorted().compactMap { key in
            guard !names.contains(key) else { return nil }
            let loc = colorLocations[key] ?? SourceLocation(file: "style", column: "style.colors." + key)
            let hint = Spelling.nearest(to: key, in: names).map { "; did you mean '\($0)'?" } ?? ""
            return DataIssue(loc, expected: "a series or category of the chart (" + ChartStyle.shortList(names) + ")" + hint, found: key)
        }
    }

    // MARK: - The spec's keys

    /// The keys of a `style:` block.
    public static let keys = ["extends", "palette", "colors", "font", "title_font", "sizes", "widths", "marker_radius",
                              "background", "text_color", "muted_text_color", "grid_color", "axis_color", "target_color",
                              "positive_color", "negative_color"]
    /// The keys of `style.sizes`.
    public static var sizeKeys: [String] { textSizeFields.map(\.key) }
    /// The keys of `style.widths`.
    public static var widthKeys: [String] { widthFields.map(\.key) }

    /// Text sizes a spec may give, in px: at least this, and at least the theme's `minimumTextSize`.
    public static let textSizeRange: ClosedRange<Double> = 6...200
    /// Line widths a spec may give, in px.
    public static let widthRange: ClosedRange<Double> = 0.25...40
    /// Point radii a spec may give, in px.
    public static let markerRadiusRange: ClosedRange<Double> = 1...60
    /// The most colours a palette list may have.
    public static let paletteLimit = 64

    struct SizeField {
        let key: String
        let style: WritableKeyPath<ChartStyle, Double?>
        let theme: WritableKeyPath<Theme, Double>
    }

    struct ColorField {
        let key: String
        let style: WritableKeyPath<ChartStyle, Color?>
        let theme: WritableKeyPath<Theme, Color>
    }

    static var textSizeFields: [SizeField] {
        [SizeField(key: "title", style: \.titleSize, theme: \.titleSize),
         SizeField(key: "subtitle", style: \.subtitleSize, theme: \.subtitleSize),
         SizeField(key: "axis_title", style: \.axisTitleSize, theme: \.axisTitleSize),
         SizeField(key: "tick_labels", style: \.tickLabelSize, theme: \.tickLabelSize),
         SizeField(key: "category_labels", style: \.categoryLabelSize, theme: \.categoryLabelSize),
         SizeField(key: "value_labels", style: \.valueLabelSize, theme: \.valueLabelSize),
         SizeField(key: "legend", style: \.legendSize, theme: \.legendSize),
         SizeField(key: "footer", style: \.footerSize, theme: \.footerSize)]
    }

    static var widthFields: [SizeField] {
        [SizeField(key: "line", style: \.lineWidth, theme: \.lineWidth),
         SizeField(key: "target", style: \.targetWidth, theme: \.targetWidth),
         SizeField(key: "grid", style: \.gridWidth, theme: \.gridWidth),
         SizeField(key: "axis", style: \.axisWidth, theme: \.axisWidth)]
    }

    static var colorFields: [ColorField] {
        [ColorField(key: "background", style: \.background, theme: \.background),
         ColorField(key: "text_color", style: \.text, theme: \.text),
         ColorField(key: "muted_text_color", style: \.mutedText, theme: \.mutedText),
         ColorField(key: "grid_color", style: \.grid, theme: \.grid),
         ColorField(key: "axis_color", style: \.axis, theme: \.axis),
         ColorField(key: "target_color", style: \.target, theme: \.target),
         ColorField(key: "positive_color", style: \.positive, theme: \.positive),
         ColorField(key: "negative_color", style: \.negative, theme: \.negative)]
    }

    static func shortList(_ names: [String], limit: Int = 8) -> String {
        names.count <= limit ? names.joined(separator: ", ") : names.prefix(limit).joined(separator: ", ") + ", …"
    }
}

// MARK: - Reading a spec's `style:` block

extension ChartStyle {
    /// Reads a spec's `style:` block (see docs/chart-spec.md). `base` is the theme the spec chose with `theme:`;
    /// `extends`, when the block sets it, takes its place. Every problem in the block is reported at once, each
    /// a located `SpecError` issue naming the file, the line and the key (`style.colors.Hữu Lũng`): an unknown
    /// key, theme or palette (with the nearest name as a hint), a colour not written `#RRGGBB`, `#RGB` or a CSS
    /// basic name, a size not in px or out of range — and, on a slide theme, a text size under 24 px (refused,
    /// never silently raised).
    package static func read(_ node: SpecNode, over base: Theme = .report) throws(SpecError) -> ChartStyle {
        var reader = StyleReader()
        let style = reader.read(node, base: base)
        if !reader.issues.isEmpty { throw SpecError(reader.issues) }
        return style
    }
}

/// Reads a `style:` block, collecting every problem instead of stopping at the first.
private struct StyleReader {
    var issues: [DataIssue] = []

    mutating func attempt<T>(_ read: () throws -> T) -> T? {
        do { return try read() } catch let e as SpecError { issues += e.issues } catch {
            issues.append(DataIssue(SourceLocation(file: "style"), expected: "a style", found: "\(error)"))
        }
        return nil
    }

    mutating func read(_ node: SpecNode, base: Theme) -> ChartStyle {
        var s = ChartStyle()
        guard node.node.mapping != nil else {
            issues.append(DataIssue(node.location, expected: "a mapping of style keys (" + ChartStyle.keys.joined(separator: ", ") + ")",
                                    found: node.describe))
            return s
        }
        issues += node.unknownKeys(ChartStyle.keys)
        if let n = node.child("extends") { s.extends = attempt { try Self.name(n, among: Theme.all.map(\.name), what: "the themes") } }
        let theme = s.extends.flatMap(Theme.named) ?? base
        if let n = node.child("palette") { s.palette = readPalette(n) }
        if let n = node.child("colors") { readColors(n, into: &s) }
        if let n = node.child("font") { s.fontFamily = attempt { try Self.fontFamily(n) } }
        if let n = node.child("title_font") { s.titleFontFamily = attempt { try Self.fontFamily(n) } }
        if let n = node.child("sizes"), mapping(n, "text sizes in px by element", ChartStyle.sizeKeys, example: "{title: 56, footer: 24}") {
            for f in ChartStyle.textSizeFields { if let c = n.child(f.key) { s[keyPath: f.style] = attempt { try Self.textSize(c, theme) } } }
        }
        if let n = node.child("widths"), mapping(n, "line widths in px by element", ChartStyle.widthKeys, example: "{line: 7, target: 6}") {
            for f in ChartStyle.widthFields {
                if let c = n.child(f.key) { s[keyPath: f.style] = attempt { try Self.pixels(c, ChartStyle.widthRange, "a line width") } }
            }
        }
        if let n = node.child("marker_radius") { s.markerRadius = attempt { try Self.pixels(n, ChartStyle.markerRadiusRange, "a point radius") } }
        for f in ChartStyle.colorFields { if let n = node.child(f.key) { s[keyPath: f.style] = attempt { try Self.color(n) } } }
        return s
    }

    /// Whether `n` is a mapping; when not, an issue. Its unknown keys are issues too.
    mutating func mapping(_ n: SpecNode, _ what: String, _ known: [String], example: String) -> Bool {
        guard n.node.mapping != nil else {
            issues.append(DataIssue(n.location, expected: "a mapping of \(what) (\(known.joined(separator: ", "))), such as \(example)",
                                    found: n.describe))
            return false
        }
        issues += n.unknownKeys(known)
        return true
    }

    mutating func readPalette(_ n: SpecNode) -> [Color]? {
        let names = Palette.all.map(\.name)
        if let s = n.string {
            if let p = Palette.named(s) { return p.colors }
            issues.append(DataIssue(n.location, expected: "one of the palettes " + names.joined(separator: ", ")
                                        + ", or a list of colours such as [\"#0072B2\", \"#E69F00\"]" + Self.hint(s, names), found: s))
            return nil
        }
        guard let items = try? n.list() else {
            issues.append(DataIssue(n.location, expected: "a palette name (" + names.joined(separator: ", ") + ") or a list of colours",
                                    found: n.describe))
            return nil
        }
        guard (1...ChartStyle.paletteLimit).contains(items.count) else {
            issues.append(DataIssue(n.location, expected: "a list of 1 to \(ChartStyle.paletteLimit) colours",
                                    found: items.isEmpty ? "an empty list" : "\(items.count) colours"))
            return nil
        }
        let colors = items.compactMap { item in attempt { try Self.color(item) } }
        return colors.count == items.count ? colors : nil
    }

    mutating func readColors(_ n: SpecNode, into s: inout ChartStyle) {
        guard n.node.mapping != nil, let entries = try? n.entries() else {
            issues.append(DataIssue(n.location, expected: "a mapping of series or category (id or label) to colour, such as {Hữu Lũng: \"#D55E00\"}",
                                    found: n.describe))
            return
        }
        for (rawKey, value) in entries {
            let key = rawKey.nfc
            guard !key.trimmingCharacters(in: .whitespaces).isEmpty else {
                issues.append(DataIssue(value.location, expected: "a series or category id or label as the key", found: "an empty key"))
                continue
            }
            guard s.colors[key] == nil else {
                issues.append(DataIssue(value.location, expected: "one colour per series or category", found: "a second colour for '\(key)'"))
                continue
            }
            if let c = attempt({ try Self.color(value) }) { s.colors[key] = c; s.colorLocations[key] = value.location }
        }
    }

    static func hint(_ s: String, _ names: [String]) -> String {
        Spelling.nearest(to: s, in: names).map { "; did you mean '\($0)'?" } ?? ""
    }

    static func name(_ n: SpecNode, among names: [String], what: String) throws -> String {
        guard let s = n.string, names.contains(s) else {
            throw SpecError(n.location, "one of \(what) " + names.joined(separator: ", ") + hint(n.string ?? "", names), n.describe)
        }
        return s
    }

    static let colorExpectation = "a colour written \"#RRGGBB\", \"#RGB\" or a CSS basic name (black, white, red, orange, …)"

    static func color(_ n: SpecNode) throws -> Color {
        guard let s = n.string else { throw SpecError(n.location, colorExpectation, n.describe) }
        if let c = Color(css: s) { return c }
        if s.isEmpty {
            throw SpecError(n.location, "a colour in quotes, such as \"#D55E00\" (in YAML an unquoted # starts a comment)", "nothing")
        }
        let names = Color.cssBasicNames.keys.sorted()
        throw SpecError(n.location, colorExpectation + (s.hasPrefix("#") ? "" : hint(s.lowercased(), names)), s)
    }

    static func fontFamily(_ n: SpecNode) throws -> String {
        let s = n.string?.trimmingCharacters(in: .whitespaces) ?? ""
        guard (1...100).contains(s.count), !s.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw SpecError(n.location, "a font family name such as DejaVu Sans (1 to 100 characters)", n.string == nil ? n.describe : s)
        }
        return s
    }

    /// A size in px: a number, optionally followed by `px`, within `range`.
    static func pixels(_ n: SpecNode, _ range: ClosedRange<Double>, _ what: String, why: String = "") throws -> Double {
        var text = n.string?.trimmingCharacters(in: .whitespaces) ?? ""
        if text.lowercased().hasSuffix("px") { text = String(text.dropLast(2)) }
        guard let v = NumberParser.parse(text) else {
            throw SpecError(n.location, "\(what) in px, written like 28 or 28.5", n.describe)
        }
        guard range.contains(v) else {
            throw SpecError(n.location, "\(what) from \(px(range.lowerBound)) to \(px(range.upperBound)) px" + why, n.describe)
        }
        return v
    }

    /// A text size: within `ChartStyle.textSizeRange` and at least the theme's `minimumTextSize`.
    static func textSize(_ n: SpecNode, _ theme: Theme) throws -> Double {
        let range = ChartStyle.textSizeRange
        let floor = theme.minimumTextSize
        guard floor > range.lowerBound else { return try pixels(n, range, "a text size") }
        let why = " (the \(theme.name) theme keeps every text at least \(px(floor)) px on its "
            + "\(px(theme.nominalWidth))×\(px(theme.nominalHeight)) canvas)"
        return try pixels(n, floor...range.upperBound, "a text size", why: why)
    }

    static func px(_ v: Double) -> String { v == v.rounded() && abs(v) < 1e9 ? String(Int(v)) : String(v) }
}
