import AnnexLocale
import AnnexScene

// The components around a plot: the title block, the legend and the footer. Each lays itself out in the room it
// is given and returns its marks and its box; `ChartFrame` places them and hands the rest to the plot.

/// What a component drew and the rectangle it took.
public struct Placed: Sendable {
    /// The component's marks, in px on the canvas, in drawing order.
    public var marks: [Mark]
    /// The rectangle the component took, in px: what the next component must keep clear of.
    public var box: Rect
    /// A component that drew `marks` within `box`.
    public init(_ marks: [Mark], _ box: Rect) { self.marks = marks; self.box = box }
}

/// A legend entry: a symbol and its words.
public struct LegendItem: Hashable, Sendable {
    /// How an entry is drawn.
    public enum Symbol: Hashable, Sendable {
        /// A square of the colour: a series or class of bars or areas.
        case swatch(Color)
        /// A lighter, hatched swatch: estimated values.
        case hatched(Color)
        /// A short line of the colour, `width` px wide, dashed as `dash` (px on, px off; empty for solid): a series
        /// of lines, a plan line.
        case line(Color, width: Double, dash: [Double])
        /// A dot of the colour: the ends of a dumbbell.
        case marker(Color)
        /// A translucent box with a border of the colour: a target range.
        case band(Color)
    }
    /// How the entry is drawn.
    public var symbol: Symbol
    /// The entry's words, cut with an ellipsis when they would not fit the legend's width.
    public var label: String
    /// The id of the entry's marks (`legend/<id>`, `legend-symbol/<id>`): a series id, `target`, `estimate`.
    public var id: String
    /// An entry of `symbol` reading `label`; its marks are `legend/<id>` and `legend-symbol/<id>`.
    public init(_ symbol: Symbol, _ label: String, id: String) { self.symbol = symbol; self.label = label; self.id = id }
}

/// The figure label, title and subtitle, from the top left, wrapped to the width.
public struct TitleBlock: Sendable {
    /// The words: the figure label and title drawn as one bold line (mark `title`), the subtitle under it (mark
    /// `subtitle`).
    public var texts: ChartTexts
    /// The fonts, sizes and colours of the block.
    public var theme: Theme
    /// Lays the block out from `origin` within `width`.
    public func layout(at origin: Point, width: Double, _ measurer: TextMeasurer) -> Placed {
        let t = theme
        var marks: [Mark] = [], top = origin.y
        if !texts.fullTitle.isEmpty {
            let title = TextMark(texts.fullTitle, font: t.titleFont(t.titleSize), color: t.text, at: Point(origin.x, top),
                                 baseline: .top, maxWidth: width, overflow: .wrap(maxLines: 3), id: "title")
            top += measurer.measure(title).height
            marks.append(.text(title))
        }
        if let sub = texts.subtitle, !sub.isEmpty {
            top += t.titleSize * 0.2
            let m = TextMark(sub, font: t.font(t.subtitleSize), color: t.mutedText, at: Point(origin.x, top),
                             baseline: .top, maxWidth: width, overflow: .wrap(maxLines: 2), id: "subtitle")
            top += measurer.measure(m).height
            marks.append(.text(m))
        }
        return Placed(marks, Rect(x: origin.x, y: origin.y, width: width, height: top - origin.y))
    }
}

/// The lines under a chart, bottom up: source under notes under the illustrative-data mark.
public struct Footer: Sendable {
    /// The words: the illustrative-data mark when `illustrative` (mark `illustrative`), the notes (`note/<i>`) and
    /// the source (`source`).
    public var texts: ChartTexts
    /// The fonts, sizes and colours of the footer.
    public var theme: Theme
    /// The language of the words the footer adds: "Nguồn:", "Ghi chú:", "Số liệu minh họa".
    public var language: Language
    /// Lays the footer out upwards from `bottom` within `left`…`left + width`.
    public func layout(bottom: Double, left: Double, width: Double, _ measurer: TextMeasurer) -> Placed {
        let t = theme
        var lines: [(String, String, Bool)] = []
        if texts.illustrative { lines.append(("illustrative", language.text(.illustrativeData), true)) }
        for (i, n) in texts.notes.enumerated() {
            lines.append(("note/\(i)", (i == 0 ? language.text(.notePrefix) + " " : "") + n, false))
        }
        if let src = texts.source, !src.isEmpty { lines.append(("source", language.text(.sourcePrefix) + " " + src, false)) }
        var y = bottom, marks: [Mark] = []
        // A note may run to six lines (a heat map's key to its columns), never cut short where three would do.
        for (id, line, strong) in lines.reversed() {
            let m = TextMark(line, font: t.font(t.footerSize, strong ? .bold : .regular), color: strong ? t.target : t.mutedText,
                             at: Point(left, y), baseline: .bottom, maxWidth: width, overflow: .wrap(maxLines: 6), id: id)
            y -= measurer.measure(m).height + t.footerSize * 0.25
            marks.append(.text(m))
        }
        if !lines.isEmpty { y -= t.footerSize * 0.6 }
        return Placed(marks.reversed(), Rect(x: left, y: y, width: width, height: bottom - y))
    }
}

/// A legend: entries in rows that wrap to the width (automatic), or in one row from a pinned point.
public struct Legend: Sendable {
    /// The entries, in order.
    public var items: [LegendItem]
    /// The fonts, sizes and colours of the legend.
    public var theme: Theme
    /// A fixed place and style: then the entries stand in one row from the pin's point, and only swatch entries are
    /// drawn. Nil for the automatic rows.
    public var pin: LegendPin? = nil
    /// The font family of a pinned legend.
    public var pinnedFamily: String? = nil

    /// Lays the entries out in rows from `origin` within `width`; an empty legend takes no room.
    public func layout(at origin: Point, width: Double, _ measurer: TextMeasurer) -> Placed {
        guard !items.isEmpty else { return Placed([], Rect(x: origin.x, y: origin.y, width: width, height: 0)) }
        if let pin { return pinned(pin, origin: origin, measurer) }
        let t = theme
        let font = t.font(t.legendSize)
        let sw = t.legendSize * 0.95
        let rowH = max(sw, measurer.measure("Ag", font: font).height)
        let right = origin.x + width
        var x = origin.x, mid = origin.y + rowH / 2, marks: [Mark] = []
        for item in items {
            let label = TextMark(item.label, font: font, color: t.text, at: .zero, baseline: .middle,
                                 maxWidth: width - sw * 2.2, overflow: .ellipsis, id: "legend/\(item.id)")
            let symbolW = item.symbol.isLine ? sw * 1.8 : sw
            let w = symbolW + sw * 0.45 + measurer.measure(label).width
            if x > origin.x, x + w > right { x = origin.x; mid += rowH + t.legendSize * 0.4 }
            marks += Legend.symbolMarks(item, box: Rect(x: x, y: mid - sw / 2, width: symbolW, height: sw), theme: t)
            var l = label
            l.position = Point(x + symbolW + sw * 0.45, mid)
            marks.append(.text(l))
            x += w + t.legendSize * 1.6
        }
        return Placed(marks, Rect(x: origin.x, y: origin.y, width: width, height: mid + rowH / 2 - origin.y))
    }

    /// One row of swatches from the pin's point (matplotlib's legend inside the axes).
    func pinned(_ p: LegendPin, origin: Point, _ measurer: TextMeasurer) -> Placed {
        let (sw, sh) = p.swatch ?? (20, 10)
        var x = p.x ?? origin.x
        let top = p.y ?? origin.y
        let font = Font(family: pinnedFamily ?? theme.fontFamily, size: p.size ?? 14)
        var marks: [Mark] = []
        for item in items {
            guard case .swatch(let c) = item.symbol else { continue }
            marks.append(.rect(RectMark(Rect(x: x, y: top, width: sw, height: sh), fill: c, id: "legend-symbol/\(item.id)")))
            let m = TextMark(item.label, font: font, color: p.color ?? theme.text, at: Point(x + sw + (p.gap ?? 8), top + sh / 2),
                             baseline: .middle, id: "legend/\(item.id)")
            marks.append(.text(m))
            x += sw + (p.gap ?? 8) + measurer.measure(m).width + (p.spacing ?? 20)
        }
        return Placed(marks, Rect(x: p.x ?? origin.x, y: top, width: x - (p.x ?? origin.x), height: sh))
    }

    /// The marks of one entry's symbol in `box`.
    public static func symbolMarks(_ item: LegendItem, box: Rect, theme: Theme) -> [Mark] {
        let id = "legend-symbol/\(item.id)"
        switch item.symbol {
        case .swatch(let c): return [.rect(RectMark(box, fill: c, id: id))]
        case .band(let c): return [.rect(RectMark(box, fill: c.withAlpha(0.25), stroke: Stroke(color: c, width: 1.5), id: id))]
        case .hatched(let c): return Hatching.marks(box, color: c, background: theme.background, id: id)
        case .line(let c, let w, let dash):
            return [.path(.line(from: Point(box.minX, box.midY), to: Point(box.maxX, box.midY), stroke: Stroke(color: c, width: w, dash: dash), id: id))]
        case .marker(let c):
            return [.path(Shapes.circle(center: Point(box.midX, box.midY), radius: box.height * 0.38, fill: c, stroke: nil, id: id))]
        }
    }
}

extension LegendItem.Symbol {
    var isLine: Bool { if case .line = self { return true } else { return false } }
}

/// The parts every chart shares: title block, legend row and footer, placed on the canvas; what is left is the
/// plot. With pins, the title, subtitle and source stand at their pinned points and the plot is the pinned box.
struct ChartFrame {
    var texts: ChartTexts
    var legend: [LegendItem]
    var theme: Theme
    var width: Double
    var height: Double
    var language: Language
    var pins: ChartPins? = nil

    func layout(_ measurer: TextMeasurer) -> (marks: [Mark], plot: Rect, title: String) {
        if let pins { return (pinnedMarks(pins, measurer), pins.plot, texts.fullTitle) }
        let t = theme
        let left = t.padding, contentWidth = width - 2 * t.padding
        let titles = TitleBlock(texts: texts, theme: t).layout(at: Point(left, t.padding), width: contentWidth, measurer)
        var top = titles.box.maxY + t.legendSize * 0.9
        let legendPart = Legend(items: legend, theme: t).layout(at: Point(left, top), width: contentWidth, measurer)
        if !legend.isEmpty { top = legendPart.box.maxY + t.legendSize * 0.7 }
        let footer = Footer(texts: texts, theme: t, language: language).layout(bottom: height - t.padding, left: left, width: contentWidth, measurer)
        let marks = titles.marks + legendPart.marks + footer.marks
        return (marks, Rect(x: left, y: top, width: contentWidth, height: max(0, footer.box.minY - top)), texts.fullTitle)
    }

    /// The pinned legend, then title, subtitle and source at their pins (drawn last, as a reference design does).
    func pinnedMarks(_ pins: ChartPins, _ measurer: TextMeasurer) -> [Mark] {
        var marks: [Mark] = []
        if let lp = pins.legend, legend.count > 1 {
            marks += Legend(items: legend, theme: theme, pin: lp, pinnedFamily: pins.font).layout(at: Point(pins.plot.minX, pins.plot.minY), width: pins.plot.width, measurer).marks
        }
        var source = texts.source
        if let s = source, !s.isEmpty, pins.source?.prefix ?? true { source = language.text(.sourcePrefix) + " " + s }
        marks += [pinnedText("title", texts.fullTitle, pins.title, pins, color: theme.text),
                  pinnedText("subtitle", texts.subtitle, pins.subtitle, pins, color: theme.mutedText),
                  pinnedText("source", source, pins.source, pins, color: theme.mutedText)].compactMap { $0 }
        return marks
    }

    /// A text at its pin, or nil when there is no pin or no text.
    func pinnedText(_ id: String, _ text: String?, _ pin: TextPin?, _ pins: ChartPins, color: Color) -> Mark? {
        guard let pin, let text, !text.isEmpty else { return nil }
        return .text(TextMark(text, font: pins.font(pin, theme), color: pin.color ?? color, at: Point(pin.x ?? 0, pin.y ?? 0),
                              anchor: pin.anchor ?? .start, baseline: pin.baseline ?? .baseline, rotation: pin.rotation ?? 0, id: id))
    }
}
