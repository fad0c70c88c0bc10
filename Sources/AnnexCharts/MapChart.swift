import AnnexData
import AnnexLocale
import AnnexScene
import Foundation

/// Maps of district-level (or any) boundaries: choropleth with classes, tile grid, or proportional circles; one
/// panel or small multiples that share their classes; a legend of class ranges with counts; no data hatched.
public struct MapChart: SizedChart {
    /// How the values are shown on the map.
    public enum Style: String, Sendable, CaseIterable {
        /// Each area filled with the colour of its value's class (marks `area/<panel>/<key>`).
        case choropleth
        /// One equal square per area on a grid near its place (``MapChart/tileGrid(_:)``), filled by class, with
        /// name and value inside (marks `tile/<panel>/<key>`); every area equally visible, whatever its size.
        case tiles
        /// Circles whose area is proportional to the value, at each area's pole of inaccessibility, over neutral
        /// areas (marks `circle/<panel>/<key>`); for counts, not for negative values.
        case circles
    }
    /// The colours of the classes.
    public enum Palette: String, Sendable, CaseIterable {
        /// Light to dark: more is darker.
        case sequential
        /// Two hues around zero: changes up and down.
        case diverging
    }
    /// One map of the figure: a title ("2019") and values by feature key.
    public struct Panel: Sendable {
        /// The panel's title above its map (mark `panel-title/<panel>`); nil or empty for none.
        public var title: String?
        /// Values by feature key (`BoundaryFeature.key`); a feature without a value is hatched as "no data".
        public var values: [String: Double]
        /// A panel titled `title` showing `values`.
        public init(title: String? = nil, values: [String: Double]) { self.title = title; self.values = values }
    }

    /// The areas drawn (districts, communes), in longitude and latitude; their keys match the panels' values.
    public var boundaries: Boundaries
    /// The maps of the figure, side by side; several panels (years) share one set of classes and one legend.
    public var panels: [Panel]
    /// Choropleth, tiles or proportional circles.
    public var style: Style
    /// How the values of all panels are cut into classes (ignored by a diverging palette, whose classes are
    /// symmetric around zero).
    public var classification: Classification
    /// Sequential classes for levels, diverging ones for changes.
    public var palette: Palette
    /// How longitude and latitude become the plane.
    public var projection: Projection
    /// Whether areas carry their name and value (choropleth and circles; tiles always do).
    public var showLabels: Bool
    /// The legend's heading (the value and its unit).
    public var legendTitle: String?
    /// The chart's words: figure label, titles, notes, source.
    public var texts: ChartTexts
    /// The language of the numbers and of the words the map adds ("Không có số liệu").
    public var language: Language
    /// Fewest and most digits after the decimal separator of the labels and the legend's class bounds.
    public var valueDigits: ClosedRange<Int>
    /// The canvas width in px asked for (a one-panel map narrows it to the map and its legend).
    public var width: Double
    /// The canvas height in px.
    public var height: Double
    /// The look of the map; its sizes are scaled to the canvas, its ramp colours sequential classes.
    public var theme: Theme
    /// Class intervals closed below (`[a, b)`, as d3.scaleQuantile) instead of above (`(a, b]`, the default).
    public var closedBelow = false
    /// Explicit geometry for the components instead of the automatic layout.
    public var pins: ChartPins? = nil
    /// Islands far offshore drawn in framed boxes of their own instead of on the main map.
    public var insets: [Inset] = []
    /// Whether a label that fits nowhere inside its area becomes a callout outside the map (true, the default) or
    /// is left out and listed in a note.
    public var callouts = true

    /// A map of `boundaries` showing `panels`; a choropleth of five natural-breaks classes unless told otherwise;
    /// sizes in px.
    public init(boundaries: Boundaries, panels: [Panel], style: Style = .choropleth, classification: Classification = .naturalBreaks(5),
                palette: Palette = .sequential, projection: Projection = .equirectangular, showLabels: Bool = true,
                legendTitle: String? = nil, texts: ChartTexts, language: Language = .vi, valueDigits: ClosedRange<Int> = 1...1,
                width: Double = 1600, height: Double = 900, theme: Theme = .report) {
        self.boundaries = boundaries; self.panels = panels; self.style = style; self.classification = classification
        self.palette = palette; self.projection = projection; self.showLabels = showLabels; self.legendTitle = legendTitle
        self.texts = texts; self.language = language; self.valueDigits = valueDigits; self.width = width; self.height = height
        self.theme = theme
    }

    /// Class bounds shared by every panel. Diverging maps get classes symmetric around zero.
    public var breaks: [Double] {
        let all = panels.flatMap { $0.values.values }.filter(\.isFinite)
        guard palette == .diverging else { return classification.breaks(all) }
        let m = all.map(abs).max() ?? 1
        let step = LinearScale.tickStep(0, m, count: 2)
        let top = (m / step).rounded(.up) * step
        return [-top, -top / 2, 0, top / 2, top].map { $0 == 0 ? 0 : $0 }
    }

    /// The fill colour of class `i` of `count`.
    public func classColor(_ i: Int, _ count: Int, _ t: Theme) -> Color {
        switch palette {
        case .sequential: return Theme.interpolate(Array(t.ramp.dropFirst()), at: count <= 1 ? 0.6 : Double(i) / Double(count - 1))
        case .diverging:
            let ramp: [Color] = [.hex("#8C510A"), .hex("#D8B365"), .hex("#F6E8C3"), .hex("#C7EAE5"), .hex("#5AB4AC"), .hex("#01665E")]
            // Symmetric classes: lower half browns, upper half teals (colour-blind safe, BrBG).
            let half = count / 2
            if i < half { return ramp[max(0, 2 - (half - 1 - i))] }
            return ramp[min(5, 3 + (i - half))]
        }
    }

    /// The map's scene: the frame, the panels side by side (areas, no-data hatching `no-data/<panel>/<key>`,
    /// circles or tiles, labels `label-name/<panel>/<key>` and `label-value/<panel>/<key>`, callouts) and the
    /// class legend beside them; on pinned components when `pins` is set (one panel: `feature/<key>`,
    /// `label/<key>`, `value/<key>`). Throws when no panel has a value, a value is not finite, or circles would
    /// show a negative value.
    public func scene(measurer: TextMeasurer) throws(ChartError) -> Scene {
        guard !panels.isEmpty, panels.contains(where: { !$0.values.isEmpty }) else { throw .noData("a map needs values") }
        if let bad = panels.flatMap({ $0.values.values }).first(where: { !$0.isFinite }) { throw .invalidValue("a value is \(bad)") }
        if let pins { return try pinnedScene(pins, measurer: measurer) }
        if style == .circles, let neg = panels.flatMap({ $0.values.values }).first(where: { $0 < 0 }) {
            throw .invalidValue("proportional circles cannot show the negative value \(neg)")
        }
        // Labels never spill: one that fits neither inside its area nor in a callout is left out and named in a note.
        var (scene, omitted) = layoutScene(texts, measurer)
        if !omitted.isEmpty {
            var withNote = texts
            // Listed when few; counted when a list would outgrow a note (a national map on a slide).
            withNote.notes.append(omitted.count <= 12 ? language.text(.labelsNotShown, omitted.joined(separator: "; "))
                                  : language.text(.labelsNotShownCount, NumberFormat(language, fractionDigits: 0...0)(Double(omitted.count))))
            scene = layoutScene(withNote, measurer).scene
        }
        return scene
    }

    /// The map's scene with `texts`, and the labels it could not place.
    func layoutScene(_ texts: ChartTexts, _ measurer: TextMeasurer) -> (scene: Scene, omitted: [String]) {
        let t = theme.fitted(width: width, height: height)
        let main = mainBoundaries
        let (w, h) = fittedCanvas(texts, main, t, measurer)
        let frame = ChartFrame(texts: texts, legend: [], theme: t, width: w, height: h, language: language)
        var (marks, area, titleText) = frame.layout(measurer)
        var legend = classLegend(t, circleRadius: 0)
        let legendW = legend.width(maxTitle: area.width * 0.28, measurer)
        var mapsArea = Rect(x: area.minX, y: area.minY, width: area.width - legendW - t.padding * 0.5, height: area.height)
        if panels.count == 1, style != .tiles {
            let used = mapSize(in: mapsArea, main, t, measurer).width
            mapsArea = Rect(x: area.minX + max(0, (area.width - used - t.padding * 0.5 - legendW) / 2), y: area.minY, width: min(used, mapsArea.width), height: area.height)
        }
        var labelBoxes: [Rect] = [], maxCircle = 0.0, omitted: [String] = []
        let n = Double(panels.count), gapX = t.padding * 0.4
        let panelW = (mapsArea.width - gapX * (n - 1)) / n
        for (pi, panel) in panels.enumerated() {
            let rect = Rect(x: mapsArea.minX + Double(pi) * (panelW + gapX), y: mapsArea.minY, width: panelW, height: mapsArea.height)
            marks += panelMarks(panel, pi, rect, main, t, measurer, &labelBoxes, &maxCircle, &omitted)
        }
        if style == .circles { legend = classLegend(t, circleRadius: maxCircle) }
        let titleH = panels.first?.title != nil ? measurer.measure("Ag", font: t.font(t.subtitleSize, .semibold)).height : 0
        marks += legend.layout(at: Point(mapsArea.maxX + t.padding * 0.5, area.minY + titleH), width: legendW, measurer).marks
        return (Scene(width: w, height: h, background: t.background, marks: marks,
                      metadata: DocumentMetadata(title: titleText, description: altText(), language: language.rawValue)), omitted)
    }

    /// The canvas fitted to the map's shape (text keeps the size of the canvas asked for; a theme that keeps its
    /// canvas, as slides do, keeps it). One panel: a tall map (projected height over width above 1.25) gets a
    /// portrait canvas, up to 1.6 times the height asked for and no taller than the width asked for, and the canvas
    /// then loses the width the map and its legend beside it do not use. Several panels (small multiples) fill
    /// their panels: the canvas loses the height the maps do not use.
    func fittedCanvas(_ texts: ChartTexts, _ main: Boundaries, _ t: Theme, _ measurer: TextMeasurer) -> (Double, Double) {
        var w = width, h = height
        guard style != .tiles, !theme.keepsCanvas else { return (w, h) }
        let legendW = { (area: Rect) in self.classLegend(t, circleRadius: 0).width(maxTitle: area.width * 0.28, measurer) }
        if panels.count == 1 {
            let square = mapSize(in: Rect(x: 0, y: 0, width: 1000, height: 1000), main, t, measurer)
            if square.height / max(1, square.width) > 1.25 { h = max(height, min(width, height * 1.6)).rounded() }
            let (_, area, _) = ChartFrame(texts: texts, legend: [], theme: t, width: w, height: h, language: language).layout(measurer)
            let lw = legendW(area)
            let used = mapSize(in: Rect(x: area.minX, y: area.minY, width: area.width - lw - t.padding * 0.5, height: area.height), main, t, measurer).width
            w = max(width * 0.55, (used + t.padding * 0.5 + lw + 2 * t.padding).rounded(.up))
        } else {
            let (_, area, _) = ChartFrame(texts: texts, legend: [], theme: t, width: w, height: h, language: language).layout(measurer)
            let lw = legendW(area), gapX = t.padding * 0.4
            let panelW = (area.width - lw - t.padding * 0.5 - gapX * Double(panels.count - 1)) / Double(panels.count)
            let titleH = measurer.measure("Ag", font: t.font(t.subtitleSize, .semibold)).height + t.padding * 0.2
            let used = mapSize(in: Rect(x: 0, y: 0, width: panelW, height: area.height - titleH), main, t, measurer).height
            h = max(height * 0.5, (h - (area.height - titleH - used)).rounded(.up))
        }
        return (w, h)
    }

    /// Whether no change (zero) is a class of its own: on a diverging (change) map with a value of exactly 0.
    var zeroClass: Bool { palette == .diverging && panels.contains { $0.values.values.contains(0) } }

    /// The neutral fill of "no change".
    func zeroColor(_ t: Theme) -> Color { t.grid.mixed(with: t.background, amount: 0.35) }

    /// The fill of an area with value `v`: its class's colour, or the neutral one for no change on a change map.
    func fillColor(_ v: Double, _ b: [Double], _ classes: Int, _ t: Theme) -> Color {
        zeroClass && v == 0 ? zeroColor(t) : classColor(classOf(v, b), classes, t)
    }

    /// Labels' format: one number of decimals for the whole map, the fewest within `valueDigits` that show every value.
    var valueFormat: NumberFormat {
        let d = NumberFormat.commonDigits(panels.flatMap { $0.values.values }, within: valueDigits)
        return NumberFormat(language, fractionDigits: d...d).typographic
    }

    /// The size a map takes when fitted into `box`: its projected extent plus a little margin, and the column
    /// of insets beside it.
    func mapSize(in box: Rect, _ main: Boundaries, _ t: Theme, _ measurer: TextMeasurer) -> (width: Double, height: Double) {
        let g = panelGeometry(box, main, t, measurer)
        let e = g.insets.reduce(g.mainExtent) { $0.union($1.frame) }
        return (e.width + t.padding * 0.4, e.height + t.padding * 0.4)
    }

    /// The legend column: classes with their counts and a no-data row, or reference circles of the largest value
    /// and a round value near half of it.
    func classLegend(_ t: Theme, circleRadius: Double) -> ClassLegend {
        let fmt = valueFormat
        let b = breaks, classes = max(1, b.count - 1), all = panels.flatMap { $0.values.values }
        var rows: [ClassLegend.Row] = []
        if style == .circles {
            let vMax = all.max() ?? 1, half = vMax / 2, step = LinearScale.tickStep(0, half, count: 2)
            let refs = Array(Set([vMax, max(step, (half / step).rounded() * step)].filter { $0 > 0 })).sorted(by: >)
            rows = refs.map { v in .circle(radius: max(1, circleRadius * (v / max(vMax, 1e-9)).squareRoot()), t.palette[0], fmt(v)) }
        } else {
            let counted = zeroClass ? all.filter { $0 != 0 } : all
            rows = (0..<classes).map { i in
                .swatch(classColor(i, classes, t), "\(classRange(i, b)) (\(counted.filter { classOf($0, b) == i }.count))")
            }
            // On a change map, no change is a class of its own, between the decreases and the increases.
            if zeroClass, let zero = b.firstIndex(of: 0) {
                rows.insert(.swatch(zeroColor(t), "\(valueFormat(0)) (\(all.filter { $0 == 0 }.count))"), at: zero)
            }
        }
        if panels.contains(where: { p in boundaries.features.contains { p.values[$0.key] == nil } }) { rows.append(.noData(language.text(.noData))) }
        return ClassLegend(title: legendTitle, rows: rows, theme: t)
    }

    /// The range of class `i` at the precision the map shows, bounds never shared between neighbours: classes
    /// closed above (the default) start just above the previous bound ("10,6–10,9", "11,0–11,7"); classes closed
    /// below end just under the next ("10,6–10,8", "10,9–11,6"); a class narrower than the precision is one value.
    func classRange(_ i: Int, _ b: [Double]) -> String {
        let d = valueFormat.maxFractionDigits, unit = pow(10, -Double(d)), fmt = NumberFormat(language, fractionDigits: d...d).typographic
        func snap(_ v: Double) -> Double { (v / unit).rounded() * unit }
        var lo = b[i], hi = b[i + 1]
        let eps = unit * 1e-6
        if closedBelow {
            if i < b.count - 2 { hi = snap(hi) >= hi - eps ? snap(hi) - unit : snap(hi) }
        } else if i > 0 {
            lo = snap(lo) <= lo + eps ? snap(lo) + unit : snap(lo)
        }
        // No change has its own class: the class below it ends just under zero.
        if zeroClass, b[i + 1] == 0 { hi = -unit }
        // A range with a negative bound is spaced, so that its dash does not read as a minus sign: "−3,00 – −1,50".
        let dash = lo < 0 || hi < 0 ? " – " : "–"
        return snap(lo) >= snap(hi) ? fmt(hi) : fmt(lo) + dash + fmt(hi)
    }

    /// One panel: its title, then tiles, or the areas with their fills, borders, circles and labels, and the insets.
    func panelMarks(_ panel: Panel, _ pi: Int, _ rectIn: Rect, _ main: Boundaries, _ t: Theme, _ measurer: TextMeasurer,
                    _ labelBoxes: inout [Rect], _ maxCircle: inout Double, _ omitted: inout [String]) -> [Mark] {
        var rect = rectIn, marks: [Mark] = []
        let fmt = valueFormat, b = breaks, classes = max(1, b.count - 1)
        if let pt = panel.title, !pt.isEmpty {
            let m = TextMark(pt, font: t.font(t.subtitleSize, .semibold), color: t.text, at: Point(rect.midX, rect.minY), anchor: .middle,
                             baseline: .top, maxWidth: rect.width, overflow: .ellipsis, id: "panel-title/\(pi)")
            let h = measurer.measure(m).height
            marks.append(.text(m))
            rect = Rect(x: rect.minX, y: rect.minY + h + t.padding * 0.2, width: rect.width, height: rect.height - h - t.padding * 0.2)
        }
        if style == .tiles { return marks + tiles(panel, pi, rect, b, classes, t, fmt, measurer, &labelBoxes) }
        let g = panelGeometry(rect, main, t, measurer)
        let proj = g.main
        // Drawn at the panel's resolution: borders simplified once per boundary set and scale, shared ones shared.
        let shown = drawn(main, proj)
        marks += areaMarks(panel, pi, proj, t, shown) + insetMarks(panel, pi, g, t, measurer)
        labelBoxes += g.insets.map(\.frame)
        let rMax = min(rect.width, rect.height) * 0.065, vMax = max(panels.flatMap { $0.values.values }.max() ?? 1, 1e-9)
        maxCircle = rMax
        let projected = shown.features.map { f in f.polygons.map { p in ([p.outer] + p.holes).map { r in r.points.dropLast().map { proj(lon: $0.lon, lat: $0.lat) } } } }
        let space = CalloutSpace(panel: rect, land: LandMask(projected.flatMap { $0.flatMap { $0 } }, over: rect))
        let order = shown.features.indices.sorted { projected[$0].map { PlaneGeometry.area($0[0]) }.reduce(0, +) > projected[$1].map { PlaneGeometry.area($0[0]) }.reduce(0, +) }
        for fi in order {
            let f = shown.features[fi]
            let rings = projected[fi].max { PlaneGeometry.area($0[0]) < PlaneGeometry.area($1[0]) }!
            let pole = PlaneGeometry.poleOfInaccessibility(rings, precision: 0.5).point
            let v = panel.values[f.key]
            if style == .circles, let v {
                marks.append(.path(Shapes.circle(center: pole, radius: rMax * (v / vMax).squareRoot(), fill: t.palette[0].withAlpha(0.55),
                                                 stroke: Stroke(color: t.palette[0], width: 1.5), id: "circle/\(pi)/\(f.key)")))
            }
            guard showLabels else { continue }
            let fill = style == .circles || v == nil ? t.background : fillColor(v!, b, classes, t)
            let ink = style == .circles || v == nil ? t.text : fill.readableInk
            let label = placeLabel(f, v, pole, rings, ink, t, fmt, measurer, &labelBoxes, pi, below: style == .circles ? rMax * ((v ?? 0) / vMax).squareRoot() : 0,
                                   space: space, manyAreas: shown.features.count > 40)
            if label.isEmpty { omitted.append("\(f.name) \(v.map(fmt.format) ?? language.text(.noData))") }
            marks += label
        }
        return marks
    }

    /// The areas of a panel (or of an inset): a dark outline under everything, fills by class (hatched where there
    /// is no value; a neutral fill under circles), borders between areas in the background colour, discs for parts
    /// too small to see. Ids `<idPrefix>/<key>` (`area/<panel>/<key>` on the main map).
    func areaMarks(_ panel: Panel, _ pi: Int, _ proj: FittedProjection, _ t: Theme, _ shown: Boundaries, idPrefix: String? = nil,
                   smallPrefix: String = "") -> [Mark] {
        let b = breaks, classes = max(1, b.count - 1), prefix = idPrefix ?? "area/\(pi)"
        var under: [Mark] = [], fills: [Mark] = [], borders: [Mark] = []
        for f in shown.features {
            let path = proj.path(f), id = "\(prefix)/\(f.key)"
            under.append(.path(PathMark(path, fillRule: .evenOdd, stroke: Stroke(color: t.axis, width: t.axisWidth * 2.2, join: .round))))
            if style == .circles {
                fills.append(.path(PathMark(path, fill: t.grid.mixed(with: t.background, amount: 0.3), fillRule: .evenOdd, id: id)))
            } else if let v = panel.values[f.key] {
                fills.append(.path(PathMark(path, fill: fillColor(v, b, classes, t), fillRule: .evenOdd, id: id)))
            } else {
                fills.append(.path(PathMark(path, fill: t.background, fillRule: .evenOdd, id: id)))
                fills.append(.group(GroupMark([.path(PathMark(hatchLines(path), stroke: Stroke(color: t.mutedText.withAlpha(0.6), width: 1.2)))],
                                              clipPath: path, id: "no-data/\(idPrefix == nil ? "\(pi)" : prefix)/\(f.key)")))
            }
            borders.append(.path(PathMark(path, fillRule: .evenOdd, stroke: Stroke(color: t.background, width: max(1, t.gridWidth * 1.5), join: .round))))
        }
        return under + fills + borders + smallAreaMarks(panel, pi, proj, t, shown, smallPrefix)
    }

    /// Areas too small to see (an island of a few pixels) are drawn at a minimum size: a disc in their class
    /// colour at each small part's centroid, outlined so that it shows on any neighbour, so that their value is
    /// not lost to an outline-only speck.
    func smallAreaMarks(_ panel: Panel, _ pi: Int, _ proj: FittedProjection, _ t: Theme, _ shown: Boundaries, _ prefix: String) -> [Mark] {
        guard style != .circles else { return [] }
        let b = breaks, classes = max(1, b.count - 1)
        let minimum = max(3, t.markerRadius * 0.75), threshold = pow(minimum * 1.6, 2)
        var marks: [Mark] = []
        for f in shown.features {
            for (k, p) in f.polygons.enumerated() {
                let ring = p.outer.points.map { proj(lon: $0.lon, lat: $0.lat) }
                guard ring.count > 2, PlaneGeometry.area(ring) < threshold else { continue }
                let fill = panel.values[f.key].map { fillColor($0, b, classes, t) } ?? t.background
                marks.append(.path(Shapes.circle(center: PlaneGeometry.areaCentroid(ring), radius: minimum, fill: fill,
                                                 stroke: Stroke(color: t.axis, width: max(0.75, t.gridWidth)), id: "small-area/\(pi)/\(prefix)\(f.key)/\(k)")))
            }
        }
        return marks
    }

    /// A sentence per panel: each area's name and value.
    public func altText() -> String {
        let fmt = valueFormat
        return panels.map { p in
            (p.title.map { $0 + ": " } ?? "") + boundaries.features.map { f in "\(f.name) \(p.values[f.key].map(fmt.format) ?? language.text(.noData))" }.joined(separator: ", ") + "."
        }.joined(separator: " ")
    }

    /// The class of a value; on a diverging map zero counts with the increases' first class (no change is not a decrease).
    public func classOf(_ v: Double, _ b: [Double]) -> Int {
        if palette == .diverging, v == 0, let zero = b.firstIndex(of: 0), zero > 0 { return zero }
        if closedBelow {
            // Intervals closed below (d3.scaleQuantile): a value on a break belongs to the class above it.
            return max(0, min(b.count - 2, b.dropFirst().dropLast().filter { $0 <= v }.count))
        }
        return Classification.classIndex(v, b)
    }

    /// Name over value at the pole, inside the area, smaller when it would not fit inside or would overlap a label
    /// already placed. A label that fits nowhere inside becomes a callout outside the map (``placeCallout``). The
    /// order of tries: on a map of few areas (40 or fewer: districts), the name inside, then a callout, then the
    /// value alone inside; on a map of many, names where they fit, the value alone where the name does not, and a
    /// callout only where not even the value fits. With `callouts` off, a label that fits nowhere inside is left
    /// out (and listed in a note by the caller).
    func placeLabel(_ f: BoundaryFeature, _ v: Double?, _ pole: Point, _ rings: [[Point]], _ ink: Color, _ t: Theme,
                    _ fmt: NumberFormat, _ measurer: TextMeasurer, _ placed: inout [Rect], _ pi: Int, below: Double,
                    space: CalloutSpace, manyAreas: Bool) -> [Mark] {
        let label = MapLabel(feature: f, valueText: v.map(fmt.format) ?? "–", panelIndex: pi, theme: t, measurer: measurer)
        let block = label.block, texts = label.texts
        enum Step { case inside(withName: Bool), callout, anywhere }
        // Labels under circles stand on the neutral fill and need not fit; other labels are inside their area, in
        // a callout, or not drawn at all (never over another area or the sea).
        var steps: [Step] = below > 0 ? [.anywhere]
            : manyAreas ? [.inside(withName: true), .inside(withName: false), .callout]
            : [.inside(withName: true), .callout, .inside(withName: false)]
        if !callouts { steps.removeAll { if case .callout = $0 { return true }; return false } }
        for step in steps {
            if case .callout = step {
                if let callout = placeCallout(label, pole, space, &placed) { return callout }
                continue
            }
            let fit: Bool, names: [Bool]
            if case .inside(let withName) = step { fit = true; names = [withName] } else { fit = false; names = [true, false] }
            for withName in names {
                for scale in [1.0, 0.85, 0.72] {
                    let (nameFont, valueFont, nameHeight, w, h) = block(withName, scale)
                    let top0 = below > 0 ? pole.y + below + 2 : pole.y - h / 2
                    // At the pole first; then nudged right, left, up or down while the box's centre stays inside.
                    let offsets: [(Double, Double)] = [(0, 0), (w * 0.6, 0), (-w * 0.6, 0), (0, -h * 0.8), (0, h * 0.8)]
                    for (dx, dy) in offsets {
                        let box = Rect(x: pole.x - w / 2 + dx, y: top0 + dy, width: w, height: h)
                        if dx != 0 || dy != 0, !PlaneGeometry.contains(rings, Point(box.midX, box.midY)) { continue }
                        // The whole line box, bar a pixel at its edges.
                        if fit, !inside(box.insetBy(dx: 0.5, dy: 0.5), rings) { continue }
                        if placed.contains(where: { $0.intersects(box) }) { continue }
                        placed.append(box)
                        return texts(box, withName, nameFont, valueFont, nameHeight, ink)
                    }
                }
            }
        }
        return []
    }

    /// Whether a label box lies inside the area: its outline, sampled every few pixels, all inside the rings.
    func inside(_ box: Rect, _ rings: [[Point]]) -> Bool {
        let step = 4.0
        let nx = max(1, Int((box.width / step).rounded(.up))), ny = max(1, Int((box.height / step).rounded(.up)))
        for i in 0...nx {
            let x = box.minX + box.width * Double(i) / Double(nx)
            if !PlaneGeometry.contains(rings, Point(x, box.minY)) || !PlaneGeometry.contains(rings, Point(x, box.maxY)) { return false }
        }
        for j in 1..<max(2, ny) where j < ny {
            let y = box.minY + box.height * Double(j) / Double(ny)
            if !PlaneGeometry.contains(rings, Point(box.minX, y)) || !PlaneGeometry.contains(rings, Point(box.maxX, y)) { return false }
        }
        return true
    }

    /// Diagonal lines covering the bounding box of a path (to be clipped to it).
    func hatchLines(_ path: [PathElement], extent: Rect? = nil) -> [PathElement] {
        let box = extent ?? PathMark(path).controlBounds ?? Rect(x: 0, y: 0, width: 0, height: 0)
        var els: [PathElement] = []
        var s = -box.height
        while s < box.width {
            els.append(.move(Point(box.minX + s, box.maxY)))
            els.append(.line(Point(box.minX + s + box.height, box.minY)))
            s += 6
        }
        return els
    }

    /// Tile grid: one square per feature at a grid cell near its centroid, name and value inside.
    func tiles(_ panel: Panel, _ pi: Int, _ rect: Rect, _ b: [Double], _ classes: Int, _ t: Theme, _ fmt: NumberFormat,
               _ measurer: TextMeasurer, _ placed: inout [Rect]) -> [Mark] {
        let cells = MapChart.tileGrid(boundaries)
        let cols = (cells.values.map(\.col).max() ?? 0) + 1, rows = (cells.values.map(\.row).max() ?? 0) + 1
        let side = min(rect.width / Double(cols), rect.height / Double(rows))
        let x0 = rect.midX - side * Double(cols) / 2, y0 = rect.midY - side * Double(rows) / 2
        var out: [Mark] = []
        for f in boundaries.features {
            guard let c = cells[f.key] else { continue }
            let r = Rect(x: x0 + Double(c.col) * side, y: y0 + Double(c.row) * side, width: side, height: side).insetBy(dx: side * 0.04, dy: side * 0.04)
            let v = panel.values[f.key]
            let fill = v.map { fillColor($0, b, classes, t) } ?? t.background
            out.append(.rect(RectMark(r, fill: fill, stroke: v == nil ? Stroke(color: t.mutedText, width: 1) : nil, id: "tile/\(pi)/\(f.key)")))
            if v == nil {
                out.append(.group(GroupMark([.path(PathMark(hatchLines([], extent: r), stroke: Stroke(color: t.mutedText.withAlpha(0.6), width: 1.2)))], clip: r)))
            }
            let ink = v == nil ? t.text : fill.readableInk
            var size = t.categoryLabelSize * 0.85
            var name = TextMark(f.name, font: t.font(size, .semibold), color: ink, at: Point(r.midX, r.midY), anchor: .middle,
                                baseline: .bottom, maxWidth: r.width * 0.92, overflow: .wrap(maxLines: 2), id: "label-name/\(pi)/\(f.key)")
            while size > t.categoryLabelSize * 0.5, measurer.measure(name).isTruncated || measurer.measure(name).height > r.height * 0.55 {
                size *= 0.9
                name.font = t.font(size, .semibold)
            }
            let value = TextMark(v.map(fmt.format) ?? "–", font: t.font(t.valueLabelSize * 0.9), color: ink, at: Point(r.midX, r.midY + 2),
                                 anchor: .middle, baseline: .top, id: "label-value/\(pi)/\(f.key)")
            out += [.text(name), .text(value)]
        }
        return out
    }

    /// Grid cells (row, column) for each feature: centroids scaled onto a grid about √n wide, each feature taking
    /// the free cell nearest its centroid, largest features first; then tiles left without a neighbour moved
    /// beside the others, and empty rows and columns dropped. Deterministic.
    public static func tileGrid(_ boundaries: Boundaries) -> [String: (row: Int, col: Int)] {
        let cents: [(String, Double, Double, Double)] = boundaries.features.map { f in
            let pts = f.polygons.flatMap { $0.outer.points }
            let lon = pts.map(\.lon).reduce(0, +) / Double(pts.count), lat = pts.map(\.lat).reduce(0, +) / Double(pts.count)
            let a = f.polygons.map { abs($0.outer.signedArea) }.reduce(0, +)
            return (f.key, lon, lat, a)
        }
        let lons = cents.map(\.1), lats = cents.map(\.2)
        let w = max(1e-9, lons.max()! - lons.min()!), h = max(1e-9, lats.max()! - lats.min()!)
        let n = Double(cents.count)
        // At most n + 1 cells a side: areas all on one parallel (or meridian) would otherwise ask for a grid of
        // millions of cells.
        let cols = min(Int(n) + 1, max(2, Int(min(1e6, (n * w / h).squareRoot()).rounded(.up)) + 1))
        let rows = min(Int(n) + 1, max(2, Int(min(1e6, (n * h / w).squareRoot()).rounded(.up)) + 1))
        var taken: Set<Int> = []
        var out: [String: (row: Int, col: Int)] = [:]
        var ideal: [String: (Double, Double)] = [:]
        for (key, lon, lat, _) in cents.sorted(by: { $0.3 > $1.3 || ($0.3 == $1.3 && $0.0 < $1.0) }) {
            let fx = (lon - lons.min()!) / w * Double(cols - 1), fy = (lats.max()! - lat) / h * Double(rows - 1)
            var best: (Int, Int)? = nil, bestD = Double.infinity
            for r in 0..<rows { for c in 0..<cols where !taken.contains(r * cols + c) {
                let d = (Double(c) - fx) * (Double(c) - fx) + (Double(r) - fy) * (Double(r) - fy)
                if d < bestD - 1e-12 { bestD = d; best = (r, c) }
            } }
            if let (r, c) = best { taken.insert(r * cols + c); out[key] = (r, c) }
            ideal[key] = (fy, fx)
        }
        // No tile floats alone: a tile with no neighbour (side by side) moves to the free cell beside another tile
        // that is nearest its centroid's place; repeated until none moves (a few rounds).
        struct Cell: Hashable { var row: Int; var col: Int }
        for _ in 0..<max(1, out.count) where out.count > 1 {
            var moved = false
            for key in out.keys.sorted() {
                let me = out[key]!
                let others = Set(out.filter { $0.key != key }.map { Cell(row: $0.value.row, col: $0.value.col) })
                let around = [(0, 1), (0, -1), (1, 0), (-1, 0)]
                if around.contains(where: { others.contains(Cell(row: me.row + $0.0, col: me.col + $0.1)) }) { continue }
                let (fy, fx) = ideal[key]!
                var best: Cell? = nil, bestD = Double.infinity
                for o in others.sorted(by: { ($0.row, $0.col) < ($1.row, $1.col) }) {
                    for (dr, dc) in around {
                        let cell = Cell(row: o.row + dr, col: o.col + dc)
                        guard !others.contains(cell) else { continue }
                        let d = (Double(cell.col) - fx) * (Double(cell.col) - fx) + (Double(cell.row) - fy) * (Double(cell.row) - fy)
                        if d < bestD - 1e-12 { bestD = d; best = cell }
                    }
                }
                if let best, best != Cell(row: me.row, col: me.col) { out[key] = (best.row, best.col); moved = true }
            }
            if !moved { break }
        }
        // Drop empty rows and columns, leading and in between.
        let usedRows = Set(out.values.map(\.row)).sorted(), usedCols = Set(out.values.map(\.col)).sorted()
        let rowIndex = Dictionary(uniqueKeysWithValues: usedRows.enumerated().map { ($1, $0) })
        let colIndex = Dictionary(uniqueKeysWithValues: usedCols.enumerated().map { ($1, $0) })
        return out.mapValues { (rowIndex[$0.row]!, colIndex[$0.col]!) }
    }
}

extension MapChart {
    /// A one-panel choropleth on pinned components: the map fitted into the pinned box, labels at the area centroid
    /// of each feature's largest ring, a boxed legend of class ranges.
    func pinnedScene(_ pins: ChartPins, measurer: TextMeasurer) throws(ChartError) -> Scene {
        guard panels.count == 1, let panel = panels.first, !panel.values.isEmpty else { throw .noData("a fixed-layout map draws one panel with values") }
        let t = theme
        let fmt = NumberFormat(language, fractionDigits: valueDigits)
        let b = breaks, classes = max(1, b.count - 1)
        let colors = pins.palette ?? (0..<classes).map { classColor($0, classes, t) }
        func klass(_ v: Double) -> Int { min(colors.count - 1, self.classOf(v, b)) }
        let proj = FittedProjection(projection, fitting: boundaries, into: pins.plot)
        var marks: [Mark] = boundaries.features.map { f in
            .path(PathMark(proj.path(f), fill: panel.values[f.key].map { colors[klass($0)] } ?? t.background, fillRule: .evenOdd,
                           stroke: pins.borders.map { Stroke(color: $0.color ?? .white, width: $0.width ?? 1, join: .round) }, id: "feature/\(f.key)"))
        }
        if pins.labels != nil || pins.values != nil {
            for f in boundaries.features { marks += pinnedLabels(f, panel.values[f.key], proj, pins, colors: colors, klass: klass, fmt) }
        }
        if let lp = pins.legend { marks += pinnedLegend(lp, pins, colors: colors, breaks: b, classes: classes, fmt) }
        marks += ChartFrame(texts: texts, legend: [], theme: t, width: width, height: height, language: language, pins: pins).layout(measurer).marks
        let desc = boundaries.features.compactMap { f in panel.values[f.key].map { "\(f.name): \(fmt($0))" } }.joined(separator: "; ")
        return Scene(width: width, height: height, background: t.background, marks: marks,
                     metadata: DocumentMetadata(title: texts.fullTitle, description: desc, language: language.rawValue))
    }

    /// A feature's pinned name and value at the area centroid of its largest ring.
    func pinnedLabels(_ f: BoundaryFeature, _ v: Double?, _ proj: FittedProjection, _ pins: ChartPins, colors: [Color],
                      klass: (Double) -> Int, _ fmt: NumberFormat) -> [Mark] {
        var best: [Point] = [], bestArea = -1.0
        for p in f.polygons {
            let ring = p.outer.points.map { proj(lon: $0.lon, lat: $0.lat) }
            let a = PlaneGeometry.area(ring)
            if a > bestArea { bestArea = a; best = ring }
        }
        guard !best.isEmpty else { return [] }
        let c = PlaneGeometry.areaCentroid(best)
        let cls = v.map(klass)
        func ink(_ p: TextPin) -> Color {
            if let cls, let cs = p.colors, !cs.isEmpty { return cs[min(cls, cs.count - 1)] }
            return p.color ?? cls.map { colors[$0].readableInk } ?? theme.text
        }
        var marks: [Mark] = []
        if let np = pins.labels {
            marks.append(.text(TextMark(f.name, font: pins.font(np, theme), color: ink(np), at: Point(c.x + (np.dx ?? 0), c.y + (np.dy ?? -3)),
                                        anchor: .middle, id: "label/\(f.key)")))
        }
        if let vp = pins.values, let v {
            let inkPin = vp.colors == nil && vp.color == nil ? (pins.labels ?? vp) : vp
            marks.append(.text(TextMark(fmt(v), font: pins.font(vp, theme), color: ink(inkPin), at: Point(c.x + (vp.dx ?? 0), c.y + (vp.dy ?? 14)),
                                        anchor: .middle, id: "value/\(f.key)")))
        }
        return marks
    }

    /// The pinned legend: its box, title and one row per class.
    func pinnedLegend(_ lp: LegendPin, _ pins: ChartPins, colors: [Color], breaks b: [Double], classes: Int, _ fmt: NumberFormat) -> [Mark] {
        let t = theme
        var marks: [Mark] = []
        if let box = lp.box {
            marks.append(.rect(RectMark(box, fill: lp.fill ?? t.background, stroke: lp.border.map { Stroke(color: $0.color ?? t.grid, width: $0.width ?? 1) }, id: "legend-box")))
        }
        if let tp = pins.legendTitle, let lt = legendTitle, !lt.isEmpty {
            marks.append(.text(TextMark(lt, font: pins.font(tp, t), color: tp.color ?? t.text, at: Point(tp.x ?? 0, tp.y ?? 0),
                                        anchor: tp.anchor ?? .start, baseline: tp.baseline ?? .baseline, id: "legend_title")))
        }
        guard lp.x != nil || lp.y != nil else { return marks }
        let (sw, sh) = lp.swatch ?? (28, 20)
        let font = Font(family: pins.font ?? t.fontFamily, size: lp.size ?? 14)
        for k in 0..<classes {
            let top = (lp.y ?? 0) + Double(k) * (lp.spacing ?? 32)
            marks.append(.rect(RectMark(Rect(x: lp.x ?? 0, y: top, width: sw, height: sh), fill: colors[min(k, colors.count - 1)],
                                        stroke: lp.swatchBorder.map { Stroke(color: $0.color ?? t.grid, width: $0.width ?? 1) }, id: "legend-symbol/\(k)")))
            marks.append(.text(TextMark(fmt(b[k]) + (lp.separator ?? "–") + fmt(b[k + 1]), font: font, color: lp.color ?? t.text,
                                        at: Point((lp.x ?? 0) + (lp.dx ?? sw + 12), top + (lp.dy ?? sh * 0.75)), id: "legend/\(k)")))
        }
        return marks
    }
}

/// A map label's text: name over value (or the value alone), its fonts and size at a scale.
struct MapLabel {
    let feature: BoundaryFeature
    let valueText: String
    let panelIndex: Int
    let theme: Theme
    let measurer: TextMeasurer

    /// The fonts and the size of the label block (name over value, or the value alone) at a scale.
    func block(_ withName: Bool, _ scale: Double) -> (nameFont: Font, valueFont: Font, nameHeight: Double, w: Double, h: Double) {
        // Never under the theme's smallest text (24 px on slides): a label that does not fit at that size moves out.
        let nameFont = theme.font(max(theme.minimumTextSize, theme.categoryLabelSize * 0.9 * scale), .semibold)
        let valueFont = theme.font(max(theme.minimumTextSize, theme.valueLabelSize * 0.9 * scale))
        let nm = measurer.measure(feature.name, font: nameFont), vm = measurer.measure(valueText, font: valueFont)
        return (nameFont, valueFont, nm.height, max(withName ? nm.width : 0, vm.width), (withName ? nm.height : 0) + vm.height)
    }

    /// The label's marks in `box`.
    func texts(_ box: Rect, _ withName: Bool, _ nameFont: Font, _ valueFont: Font, _ nameHeight: Double, _ color: Color) -> [Mark] {
        var out: [Mark] = []
        let key = "\(panelIndex)/\(feature.key)"
        if withName {
            out.append(.text(TextMark(feature.name, font: nameFont, color: color, at: Point(box.midX, box.minY), anchor: .middle, baseline: .top, id: "label-name/\(key)")))
        }
        out.append(.text(TextMark(valueText, font: valueFont, color: color, at: Point(box.midX, box.minY + (withName ? nameHeight : 0)),
                                  anchor: .middle, baseline: .top, id: "label-value/\(key)")))
        return out
    }
}
